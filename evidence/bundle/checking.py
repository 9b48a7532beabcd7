"""What every check of an unpacked bundle shares: the context it fills in and safe file readers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence.bundle.report import VerificationReport
from evidence.bundle.unzip import CHUNK
from evidence.canonical import canonical_json

#: bag-info.txt tags, each with every value it was given (a repeated tag has several)
Tags = dict[str, list[str]]


def sha256_of(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def payload_digests(root: Path) -> dict[str, str]:
    """SHA-256 of every payload file, keyed by its path under data/ (read once, reused)."""
    data = root / "data"
    digests: dict[str, str] = {}
    if not data.is_dir():
        return digests
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        digests[path.relative_to(data).as_posix()] = sha256_of(path)
    return digests


def read_json(path: Path) -> Any:
    return json.loads(path.read_bytes())


def read_object(path: Path) -> dict[str, Any]:
    """A JSON file that must hold an object (a signature record, say)."""
    value = read_json(path)
    if not isinstance(value, dict):
        raise ValueError(f"not a JSON object but a JSON {type(value).__name__}")
    return value


def canonical_object(raw: bytes) -> dict[str, Any]:
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError(f"not a JSON object but a JSON {type(value).__name__}")
    if canonical_json(value) != raw:
        raise ValueError("not in canonical form")
    return value


def as_object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass
class Context:
    root: Path
    data: Path
    report: VerificationReport
    digests: dict[str, str]
    expected_key_id: str | None = None
    tsa_root_pem: bytes | None = None
    public_pem: bytes | None = None
    key_id: str | None = None
    checkpoint: dict[str, Any] | None = None
    bundle_id: str | None = None
    #: every certificate under data/tsa/, by the SHA-256 of its DER (computed, not its file name)
    certificates: dict[str, bytes] = field(default_factory=dict)
    #: what each capture's manifest says its signing key is (None: it names none)
    manifest_keys: dict[str, str | None] = field(default_factory=dict)
