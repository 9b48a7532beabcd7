"""The content-addressed evidence store: files named by their SHA-256, written once, never changed.

Layout under the root folder::

    sha256/ab/cd/abcd...   one read-only file per distinct content (two fan-out levels keep
                           directories small with millions of blobs)
    tmp/.partial-*.tmp     files being written; anything left here is from a killed writer

Content arrives as a stream and its digest is only known at the end, so it is written to
``tmp/`` (same root, hence the same filesystem, so the final link is atomic) rather than
beside its final name. A blob appears under its final name only once complete and fsynced;
a process killed mid-write leaves a temporary file that :meth:`BlobStore.sweep_temporary`
removes later. Storing content that is already present re-verifies the stored copy instead of
rewriting it: a mismatch is reported, never "repaired", because it is evidence of tampering or
media failure that an examiner must see.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from evidence.atomic import make_dirs, publish

CHUNK_SIZE = 1 << 20
TEMP_PREFIX = ".partial-"
TEMP_SUFFIX = ".tmp"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_READ_ONLY = 0o444


class BlobCorruptedError(Exception):
    """A stored blob no longer hashes to its name."""


@dataclass(frozen=True)
class Digest:
    """A blob's name: its lowercase hex SHA-256, with its size when known."""

    sha256: str
    size: int | None = None

    def __post_init__(self) -> None:
        if not _HEX64.fullmatch(self.sha256):
            raise ValueError(f"not a lowercase hex SHA-256: {self.sha256!r}")

    def __str__(self) -> str:
        return self.sha256


def _digest(value: Digest | str) -> Digest:
    return value if isinstance(value, Digest) else Digest(value)


def _hash_file(path: Path) -> tuple[str, int]:
    hasher = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            hasher.update(chunk)
            size += len(chunk)
    return hasher.hexdigest(), size


class BlobStore:
    """Immutable files named by SHA-256 under ``root``."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._blobs = self.root / "sha256"
        self._tmp = self.root / "tmp"

    # -- writing --------------------------------------------------------------------------
    def put_bytes(self, data: bytes) -> Digest:
        view = memoryview(data)
        return self.put_stream(view[i : i + CHUNK_SIZE] for i in range(0, len(view), CHUNK_SIZE))

    def put_file(self, path: Path | str) -> Digest:
        """Store a copy of the file at ``path``, reading it in bounded chunks."""
        with Path(path).open("rb") as handle:
            return self.put_stream(iter(lambda: handle.read(CHUNK_SIZE), b""))

    def put_stream(self, chunks: Iterable[bytes | memoryview]) -> Digest:
        """Store the concatenation of ``chunks``; memory use is one chunk, whatever the size."""
        make_dirs(self._tmp)
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self._tmp)
        temporary = Path(name)
        try:
            hasher = hashlib.sha256()
            size = 0
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    hasher.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fchmod(out.fileno(), _READ_ONLY)
                os.fsync(out.fileno())
            digest = Digest(hasher.hexdigest(), size)
            final = self.path(digest)
            if final.exists():
                self._check_existing(digest)
            else:
                make_dirs(final.parent)
                if not publish(temporary, final):
                    self._check_existing(digest)
            return digest
        finally:
            with suppress(FileNotFoundError):
                temporary.unlink()

    def _check_existing(self, digest: Digest) -> None:
        if not self.verify(digest):
            raise BlobCorruptedError(f"stored blob {self.path(digest)} does not match its name")

    # -- reading --------------------------------------------------------------------------
    def path(self, digest: Digest | str) -> Path:
        hexdigest = _digest(digest).sha256
        return self._blobs / hexdigest[:2] / hexdigest[2:4] / hexdigest

    def exists(self, digest: Digest | str) -> bool:
        return self.path(digest).is_file()

    def open(self, digest: Digest | str) -> BinaryIO:
        """The blob for reading; FileNotFoundError when it is not stored."""
        return self.path(digest).open("rb")

    def verify(self, digest: Digest | str) -> bool:
        """Re-hash the stored blob: True only if present and its content still matches its name."""
        wanted = _digest(digest)
        path = self.path(wanted)
        if not path.is_file():
            return False
        actual, size = _hash_file(path)
        return actual == wanted.sha256 and (wanted.size is None or wanted.size == size)

    def digests(self) -> Iterator[Digest]:
        """Every stored blob's name (for audits that re-verify the whole store)."""
        if not self._blobs.is_dir():
            return
        for path in sorted(self._blobs.glob("??/??/*")):
            if _HEX64.fullmatch(path.name):
                yield Digest(path.name)

    # -- housekeeping ---------------------------------------------------------------------
    def temporary_files(self) -> list[Path]:
        if not self._tmp.is_dir():
            return []
        return sorted(
            p for p in self._tmp.iterdir() if p.name.startswith(TEMP_PREFIX) and p.name.endswith(TEMP_SUFFIX)
        )

    def sweep_temporary(self, max_age_s: float = 3600.0) -> list[Path]:
        """Remove temporary files older than ``max_age_s``: leftovers of writers that died.

        Younger ones may belong to a writer still running in another process, so they stay.
        """
        cutoff = time.time() - max_age_s
        removed = []
        for path in self.temporary_files():
            with suppress(FileNotFoundError):
                if path.stat().st_mtime <= cutoff:
                    path.unlink()
                    removed.append(path)
        return removed
