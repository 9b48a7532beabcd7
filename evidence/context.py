"""Everything evidence work needs, built once from the capture settings: store, key, custody log,
TSA, names.

Captures, timestamping, export and the review app all need the same handful of objects; building
them in one place keeps "which key signs, which TSA vouches, who is the operator" a single answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from evidence.custody import CustodyLog
from evidence.settings import CaptureSettings
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


def _read_pem(path: str, what: str) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise EvidenceConfigError(f"evidence.{what}: cannot read {path}: {exc.strerror}") from None
    if b"-----BEGIN CERTIFICATE-----" not in data:
        raise EvidenceConfigError(f"evidence.{what}: {path} is not a PEM certificate")
    return data


def tsa_settings(settings: CaptureSettings) -> TSASettings | None:
    """The timestamp authority the settings name, its certificates read and checked; None for none."""
    if not settings.tsa_url:
        return None
    if not settings.tsa_certificate:
        raise EvidenceConfigError(
            "evidence.tsa_url is set but evidence.tsa_certificate is not: tokens could not be checked"
        )
    return TSASettings(
        url=settings.tsa_url,
        certificate_pem=_read_pem(settings.tsa_certificate, "tsa_certificate"),
        root_pem=_read_pem(settings.tsa_root, "tsa_root") if settings.tsa_root else None,
        timeout_s=settings.tsa_timeout_s,
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
    #: whether ``operator`` was named in the configuration (``evidence.operator``) rather than
    #: being the ``user@host`` account fallback (see :func:`evidence.settings.default_operator`)
    operator_configured: bool = True

    @classmethod
    def from_config(cls, cfg: Config, factory: sessionmaker[Session]) -> EvidenceContext:
        """The context of this configuration. ``operator`` stays the ``user@host`` account that
        runs us when ``evidence.operator`` is empty (a true fact worth recording: which account on
        which machine), but ``operator_configured`` is then False so that a bundle shows the
        operator as "not set" instead of passing an account name off as a named, accountable
        person: a prosecutor needs the latter and must see when it is missing."""
        ctx = cls.from_settings(CaptureSettings.from_config(cfg), factory)
        return replace(ctx, operator_configured=bool(cfg.evidence.operator.strip()))

    @classmethod
    def from_settings(cls, settings: CaptureSettings, factory: sessionmaker[Session]) -> EvidenceContext:
        evidence_dir = Path(settings.folder)
        return cls(
            store=BlobStore(evidence_dir),
            key=installation_key(evidence_dir),
            factory=factory,
            custody=CustodyLog(factory),
            tsa=tsa_settings(settings),
            operator=settings.operator,
            organisation=settings.organisation,
            software=f"ecowarden/{software_version()}",
            config_sha256=settings.config_sha256,
            evidence_dir=evidence_dir,
        )
