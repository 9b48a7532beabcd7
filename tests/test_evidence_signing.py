"""The installation key: created once, private on disk, shared by racing processes, checkable offline."""

from __future__ import annotations

import hashlib
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence.signing import (
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    InstallationKey,
    KeyFileError,
    installation_key,
    key_id_of_pem,
    verify,
)


def test_created_on_first_use_with_private_permissions(tmp_path: Path) -> None:
    key = installation_key(tmp_path)
    keys = tmp_path / "keys"
    assert stat.S_IMODE((keys / PRIVATE_KEY_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    assert (keys / PUBLIC_KEY_FILE).read_bytes() == key.public_key_pem()
    assert [p.name for p in keys.iterdir() if p.name.startswith(".")] == []
    again = installation_key(tmp_path)
    assert again.key_id == key.key_id


def test_key_id_is_sha256_of_raw_public_key(tmp_path: Path) -> None:
    key = installation_key(tmp_path)
    public = serialization.load_pem_public_key(key.public_key_pem())
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert len(raw) == 32
    assert key.key_id == hashlib.sha256(raw).hexdigest() == key_id_of_pem(key.public_key_pem())


def test_sign_and_verify_with_only_the_public_key(tmp_path: Path) -> None:
    key = installation_key(tmp_path)
    pem = key.public_key_pem()
    signature = key.sign(b"manifest bytes")
    assert len(signature) == 64
    assert verify(pem, b"manifest bytes", signature)
    assert not verify(pem, b"manifest bytez", signature)
    assert not verify(pem, b"manifest bytes", signature[:-1] + bytes([signature[-1] ^ 1]))
    other = installation_key(tmp_path / "elsewhere")
    assert not verify(other.public_key_pem(), b"manifest bytes", signature)
    with pytest.raises(ValueError):
        verify(b"not a key", b"manifest bytes", signature)


def test_racing_first_use_agrees_on_one_key(tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = set(pool.map(lambda _: installation_key(tmp_path).key_id, range(16)))
    assert len(ids) == 1
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == [PRIVATE_KEY_FILE, PUBLIC_KEY_FILE]


def test_readable_private_key_is_refused(tmp_path: Path) -> None:
    installation_key(tmp_path)
    (tmp_path / "keys" / PRIVATE_KEY_FILE).chmod(0o644)
    with pytest.raises(KeyFileError, match="readable by others"):
        installation_key(tmp_path)


def test_non_ed25519_key_file_is_refused(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / PRIVATE_KEY_FILE).write_text("garbage")
    (keys / PRIVATE_KEY_FILE).chmod(0o600)
    with pytest.raises(KeyFileError):
        InstallationKey.load_or_create(keys)


def test_existing_key_is_loaded_not_replaced(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (keys / PRIVATE_KEY_FILE).write_bytes(pem)
    (keys / PRIVATE_KEY_FILE).chmod(0o600)
    assert InstallationKey.load_or_create(keys).key_id == InstallationKey(private).key_id
    assert (keys / PRIVATE_KEY_FILE).read_bytes() == pem
