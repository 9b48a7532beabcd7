"""The installation's Ed25519 signing key, and signature checks that need only the public key.

The key is created on first use under ``<evidence dir>/keys/`` and never replaced: every
manifest signed so far names it by key id (SHA-256 of the raw 32-byte public key), so a new key
would orphan them. Creation is atomic and no-clobber, so two processes starting at once agree on
one key. The private key file must be private (mode 0600): a readable one is refused rather than
used, because anyone who could read it could forge evidence signatures.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import suppress
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from evidence.atomic import fsync_dir, make_dirs, publish

ALGORITHM = "Ed25519"
PRIVATE_KEY_FILE = "ed25519-private.pem"
PUBLIC_KEY_FILE = "ed25519-public.pem"


class KeyFileError(Exception):
    """The key file is unusable: unreadable, not Ed25519, or readable by others."""


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def load_public_key(public_key_pem: bytes) -> Ed25519PublicKey:
    """Parse a PEM public key; ValueError unless it is Ed25519."""
    key = serialization.load_pem_public_key(public_key_pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def key_id_of_pem(public_key_pem: bytes) -> str:
    return key_id(load_public_key(public_key_pem))


def verify(public_key_pem: bytes, data: bytes, signature: bytes) -> bool:
    """True when ``signature`` is the key's signature of ``data``; works offline, with no key store.

    A wrong signature is False; a public key that is not an Ed25519 PEM is a ValueError (bad
    input, not a failed check).
    """
    key = load_public_key(public_key_pem)
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


class InstallationKey:
    """The private half, loaded from (or created in) a keys directory."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._private = private_key
        self.key_id = key_id(private_key.public_key())

    @classmethod
    def load_or_create(cls, keys_dir: Path | str) -> InstallationKey:
        keys_dir = Path(keys_dir)
        private_path = keys_dir / PRIVATE_KEY_FILE
        if not private_path.exists():
            _create(keys_dir)
        key = cls(_load_private(private_path))
        public_path = keys_dir / PUBLIC_KEY_FILE
        if not public_path.exists():
            _write_new(public_path, key.public_key_pem(), 0o644)
        return key

    def public_key_pem(self) -> bytes:
        return self._private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)


def installation_key(evidence_dir: Path | str) -> InstallationKey:
    """The key of the installation whose evidence lives in ``evidence_dir``."""
    return InstallationKey.load_or_create(Path(evidence_dir) / "keys")


def _create(keys_dir: Path) -> None:
    make_dirs(keys_dir, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # losing the race to another process is fine: its key is the one everybody loads
    _write_new(keys_dir / PRIVATE_KEY_FILE, pem, 0o600)


def _write_new(path: Path, data: bytes, mode: int) -> bool:
    """Write ``path`` atomically with ``mode`` from the start; False if it already existed."""
    fd, name = tempfile.mkstemp(prefix=".partial-", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        return publish(temporary, path)
    finally:
        with suppress(FileNotFoundError):
            temporary.unlink()
        fsync_dir(path.parent)


def _load_private(path: Path) -> Ed25519PrivateKey:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise KeyFileError(f"{path} is readable by others (mode {mode:o}); chmod 600 it")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(f"{path}: not a readable private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: not an Ed25519 private key")
    return key
