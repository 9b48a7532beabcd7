"""A capture's manifest (what was captured, when, by whom, and each file's SHA-256) and its signature.

The manifest is the statement the installation signs: canonical JSON bytes, so anyone can
recompute them from the parsed manifest and check the detached Ed25519 signature with only the
public key. Artifacts are listed sorted by name and names are unique, so the same capture always
yields the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from evidence.canonical import canonical_json, parse_utc_iso, utc_iso
from evidence.signing import ALGORITHM, InstallationKey, key_id_of_pem, verify

FORMAT = "ecowarden-capture-manifest/1"
_HEX64 = re.compile(r"[0-9a-f]{64}")


class ManifestError(ValueError):
    """A manifest or signature record that is malformed."""


@dataclass(frozen=True)
class Artifact:
    """One stored file of a capture; ``name`` is its file name inside the capture."""

    name: str
    media_type: str
    sha256: str
    size: int

    def __post_init__(self) -> None:
        parts = self.name.split("/")
        if not self.name or self.name.startswith("/") or "\\" in self.name or ".." in parts or "" in parts:
            raise ManifestError(f"artifact name must be a relative path without '..': {self.name!r}")
        if not _HEX64.fullmatch(self.sha256):
            raise ManifestError(f"artifact {self.name}: not a lowercase hex SHA-256: {self.sha256!r}")
        if isinstance(self.size, bool) or not isinstance(self.size, int) or self.size < 0:
            raise ManifestError(f"artifact {self.name}: bad size {self.size!r}")
        if not self.media_type:
            raise ManifestError(f"artifact {self.name}: media type missing")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "media_type": self.media_type, "sha256": self.sha256, "size": self.size}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Artifact:
        return cls(str(data["name"]), str(data["media_type"]), str(data["sha256"]), data["size"])


@dataclass(frozen=True)
class Manifest:
    capture_id: str
    url: str
    captured_at: datetime
    software_version: str
    operator: str
    artifacts: tuple[Artifact, ...]
    listing_id: int | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.listing_id is not None and (
            isinstance(self.listing_id, bool) or not isinstance(self.listing_id, int)
        ):
            raise ManifestError(f"listing_id must be an integer or null: {self.listing_id!r}")
        if self.captured_at.tzinfo is None:
            raise ManifestError("captured_at must be timezone-aware UTC")
        ordered = tuple(sorted(self.artifacts, key=lambda a: a.name))
        names = [a.name for a in ordered]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ManifestError(f"duplicate artifact names: {duplicates}")
        object.__setattr__(self, "artifacts", ordered)
        canonical_json(dict(self.metadata))  # refuse uncanonicalizable metadata now, not at signing

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "capture_id": self.capture_id,
            "listing_id": self.listing_id,
            "url": self.url,
            "captured_at": utc_iso(self.captured_at),
            "software_version": self.software_version,
            "operator": self.operator,
            "hash_algorithm": "sha256",
            "artifacts": [a.to_json() for a in self.artifacts],
            "metadata": dict(self.metadata),
        }

    def manifest_bytes(self) -> bytes:
        """The canonical bytes that are stored, hashed and signed."""
        return canonical_json(self.to_json())

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        if data.get("format") != FORMAT:
            raise ManifestError(f"unknown manifest format {data.get('format')!r}")
        try:
            return cls(
                capture_id=str(data["capture_id"]),
                listing_id=data["listing_id"],
                url=str(data["url"]),
                captured_at=parse_utc_iso(str(data["captured_at"])),
                software_version=str(data["software_version"]),
                operator=str(data["operator"]),
                artifacts=tuple(Artifact.from_json(a) for a in data["artifacts"]),
                metadata=dict(data.get("metadata") or {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ManifestError(f"malformed manifest: {exc}") from exc

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        """Parse stored manifest bytes, refusing any that are not exactly canonical."""
        try:
            manifest = cls.from_json(json.loads(raw))
        except json.JSONDecodeError as exc:
            raise ManifestError(f"manifest is not JSON: {exc}") from exc
        if manifest.manifest_bytes() != raw:
            raise ManifestError("manifest bytes are not in canonical form")
        return manifest


@dataclass(frozen=True)
class SignatureRecord:
    """A detached signature: which key, which algorithm, and the signature in base64."""

    key_id: str
    signature: str
    algorithm: str = ALGORITHM

    def to_json(self) -> dict[str, str]:
        return {"key_id": self.key_id, "algorithm": self.algorithm, "signature": self.signature}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SignatureRecord:
        try:
            return cls(
                key_id=str(data["key_id"]), signature=str(data["signature"]), algorithm=str(data["algorithm"])
            )
        except KeyError as exc:
            raise ManifestError(f"signature record without {exc}") from exc

    def signature_bytes(self) -> bytes:
        try:
            return base64.b64decode(self.signature, validate=True)
        except binascii.Error as exc:
            raise ManifestError(f"signature is not base64: {exc}") from exc


def sign_manifest(manifest: Manifest | bytes, key: InstallationKey) -> SignatureRecord:
    raw = manifest if isinstance(manifest, bytes) else manifest.manifest_bytes()
    return SignatureRecord(key_id=key.key_id, signature=base64.b64encode(key.sign(raw)).decode("ascii"))


def verify_manifest(raw: bytes, record: SignatureRecord, public_key_pem: bytes) -> list[str]:
    """Check a signature over stored manifest bytes; the list of reasons it fails (empty: valid)."""
    problems: list[str] = []
    if record.algorithm != ALGORITHM:
        problems.append(f"unsupported signature algorithm {record.algorithm!r}")
        return problems
    if record.key_id != key_id_of_pem(public_key_pem):
        problems.append(f"signed by key {record.key_id}, not by the key given")
    try:
        signature = record.signature_bytes()
    except ManifestError as exc:
        problems.append(str(exc))
        return problems
    if not verify(public_key_pem, raw, signature):
        problems.append("signature does not match the manifest bytes")
    return problems
