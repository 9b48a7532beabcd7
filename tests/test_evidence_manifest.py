"""Capture manifests: canonical bytes, strict parsing, detached Ed25519 signatures."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence.manifest import (
    FORMAT,
    Artifact,
    Manifest,
    ManifestError,
    SignatureRecord,
    sign_manifest,
    verify_manifest,
)
from evidence.signing import installation_key

SHA_A = hashlib.sha256(b"a").hexdigest()
SHA_B = hashlib.sha256(b"b").hexdigest()


def manifest(**overrides: object) -> Manifest:
    fields: dict[str, object] = {
        "capture_id": "5f0c3a52-8f1e-4c1b-9d7e-0a6b2f1e9c11",
        "listing_id": 42,
        "url": "http://127.0.0.1:8765/ad/42",
        "captured_at": datetime(2026, 11, 1, 12, 0, 0, 250000, tzinfo=UTC),
        "software_version": "ecowarden 0.1.0",
        "operator": "analyst@example.org",
        "artifacts": (
            Artifact("screenshot.png", "image/png", SHA_B, 2048),
            Artifact("capture.warc.gz", "application/warc", SHA_A, 10_000),
        ),
        "metadata": {"classifier": {"score": 0.93, "category": "ivory"}, "status": 200},
    }
    fields.update(overrides)
    return Manifest(**fields)  # type: ignore[arg-type]


def test_manifest_bytes_are_canonical_and_order_independent() -> None:
    first = manifest()
    second = manifest(artifacts=tuple(reversed(first.artifacts)))
    raw = first.manifest_bytes()
    assert raw == second.manifest_bytes()
    data = json.loads(raw)
    assert data["format"] == FORMAT
    assert data["captured_at"] == "2026-11-01T12:00:00.250000Z"
    assert [a["name"] for a in data["artifacts"]] == ["capture.warc.gz", "screenshot.png"]
    assert data["artifacts"][0] == {
        "name": "capture.warc.gz",
        "media_type": "application/warc",
        "sha256": SHA_A,
        "size": 10_000,
    }
    assert b" " not in raw.replace(b"ecowarden 0.1.0", b"")
    assert Manifest.from_bytes(raw) == first


def test_non_canonical_stored_bytes_are_refused() -> None:
    pretty = json.dumps(manifest().to_json(), indent=2).encode()
    with pytest.raises(ManifestError, match="canonical"):
        Manifest.from_bytes(pretty)
    with pytest.raises(ManifestError):
        Manifest.from_bytes(b"{not json")
    with pytest.raises(ManifestError, match="format"):
        Manifest.from_json({**manifest().to_json(), "format": "other/9"})


@pytest.mark.parametrize(
    "bad",
    [
        {"captured_at": datetime(2026, 11, 1, 12, 0)},
        {"artifacts": (Artifact("a", "text/plain", SHA_A, 1), Artifact("a", "text/plain", SHA_B, 1))},
        {"metadata": {"score": float("nan")}},
        {"listing_id": "42"},
    ],
)
def test_invalid_manifests_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        manifest(**bad)


@pytest.mark.parametrize(
    ("name", "sha", "size"),
    [("../etc/passwd", SHA_A, 1), ("/abs", SHA_A, 1), ("a//b", SHA_A, 1), ("x", "ABC", 1), ("x", SHA_A, -1)],
)
def test_invalid_artifacts_are_refused(name: str, sha: str, size: int) -> None:
    with pytest.raises(ManifestError):
        Artifact(name, "text/plain", sha, size)


def test_sign_and_verify_offline(tmp_path: Path) -> None:
    key = installation_key(tmp_path)
    raw = manifest().manifest_bytes()
    record = sign_manifest(manifest(), key)
    assert record.algorithm == "Ed25519" and record.key_id == key.key_id
    assert len(base64.b64decode(record.signature)) == 64
    assert sign_manifest(raw, key) == record, "Ed25519 is deterministic"
    stored = json.loads(json.dumps(record.to_json()))
    assert verify_manifest(raw, SignatureRecord.from_json(stored), key.public_key_pem()) == []


def test_tampering_fails_verification(tmp_path: Path) -> None:
    key = installation_key(tmp_path)
    raw = manifest().manifest_bytes()
    record = sign_manifest(raw, key)
    pem = key.public_key_pem()

    changed = raw.replace(SHA_A.encode(), SHA_B.encode())
    assert verify_manifest(changed, record, pem) == ["signature does not match the manifest bytes"]

    other_key = installation_key(tmp_path / "other")
    swapped = sign_manifest(raw, other_key)
    problems = verify_manifest(raw, swapped, pem)
    assert any("not by the key given" in p for p in problems)
    assert any("does not match" in p for p in problems)

    assert verify_manifest(raw, SignatureRecord(record.key_id, "***"), pem) != []
    assert verify_manifest(raw, SignatureRecord(record.key_id, record.signature, "RSA"), pem) != []
