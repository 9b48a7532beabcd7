"""Everything evidence work needs, built once from the config: store, key, custody log, TSA, names.

Captures, timestamping, export and the review app all need the same handful of objects; building
them in one place keeps "which key signs, which TSA vouches, who is the operator" a single answer.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from evidence.custody import CustodyLog
from evidence.signing import InstallationKey, installation_key
from evidence.store import BlobStore

if TYPE_CHECKING:
    from ecowarden.config import Config


class EvidenceConfigError(ValueError):
    """The evidence settings cannot work (e.g. a TSA URL without its certificate)."""


@dataclass(frozen=True)
class TSASettings:
    """Where timestamps come from and the certificates that check them (PEM bytes)."""

    url: str
    certificate_pem: bytes
    root_pem: bytes | None
    timeout_s: float


def software_version() -> str:
    try:
        return version("ecowarden")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


def default_operator() -> str:
    """``user@host``: who ran the capture, when the config names nobody."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def config_digest(cfg: Config) -> str:
    """SHA-256 of the effective configuration, so a capture records exactly what settings made it."""
    raw = json.dumps(asdict(cfg), sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def _read_pem(cfg: Config, value: str, what: str) -> bytes:
    path = cfg.path(value)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EvidenceConfigError(f"evidence.{what}: cannot read {path}: {exc.strerror}") from None
    if b"-----BEGIN CERTIFICATE-----" not in data:
        raise EvidenceConfigError(f"evidence.{what}: {path} is not a PEM certificate")
    return data


def tsa_settings(cfg: Config) -> TSASettings | None:
    ev = cfg.evidence
    if not ev.tsa_url:
        return None
    if not ev.tsa_certificate:
        raise EvidenceConfigError(
            "evidence.tsa_url is set but evidence.tsa_certificate is not: tokens could not be checked"
        )
    return TSASettings(
        url=ev.tsa_url,
        certificate_pem=_read_pem(cfg, ev.tsa_certificate, "tsa_certificate"),
        root_pem=_read_pem(cfg, ev.tsa_root, "tsa_root") if ev.tsa_root else None,
        timeout_s=ev.tsa_timeout_s,
    )


@dataclass(frozen=True)
class EvidenceContext:
    store: BlobStore
    key: InstallationKey
    factory: sessionmaker[Session]
    custody: CustodyLog
    tsa: TSASettings | None
    operator: str
    organisation: str
    software: str
    config_sha256: str
    evidence_dir: Path

    @classmethod
    def from_config(cls, cfg: Config, factory: sessionmaker[Session]) -> EvidenceContext:
        evidence_dir = cfg.path(cfg.evidence.dir)
        return cls(
            store=BlobStore(evidence_dir),
            key=installation_key(evidence_dir),
            factory=factory,
            custody=CustodyLog(factory),
            tsa=tsa_settings(cfg),
            operator=cfg.evidence.operator or default_operator(),
            organisation=cfg.evidence.organisation,
            software=f"ecowarden/{software_version()}",
            config_sha256=config_digest(cfg),
            evidence_dir=evidence_dir,
        )
