"""The content-addressed evidence store: naming, immutability, streaming, and crashes mid-write."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import textwrap
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence.store import BlobCorruptedError, BlobStore, Digest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "evidence")


def final_files(root: Path) -> list[Path]:
    blobs = root / "sha256"
    return sorted(p for p in blobs.rglob("*") if p.is_file()) if blobs.exists() else []


def test_put_bytes_names_by_sha256_in_fanout_layout(store: BlobStore) -> None:
    data = b"listing 42 offers ivory"
    digest = store.put_bytes(data)
    expected = hashlib.sha256(data).hexdigest()
    assert digest == Digest(expected, len(data))
    path = store.path(digest)
    assert path == store.root / "sha256" / expected[:2] / expected[2:4] / expected
    assert path.read_bytes() == data
    assert store.exists(expected) and store.exists(digest)
    with store.open(expected) as handle:
        assert handle.read() == data
    assert store.verify(digest) and store.verify(expected)
    assert list(store.digests()) == [Digest(expected)]
    assert store.temporary_files() == []


def test_stored_blobs_are_read_only_and_identical_puts_do_not_rewrite(store: BlobStore) -> None:
    digest = store.put_bytes(b"same bytes")
    path = store.path(digest)
    assert stat.S_IMODE(path.stat().st_mode) & 0o222 == 0
    inode = path.stat().st_ino
    assert store.put_bytes(b"same bytes") == digest
    assert path.stat().st_ino == inode, "an existing blob must be kept, not replaced"
    assert store.temporary_files() == []


def test_empty_blob(store: BlobStore) -> None:
    digest = store.put_bytes(b"")
    assert digest.sha256 == hashlib.sha256(b"").hexdigest() and digest.size == 0
    assert store.verify(digest)


def test_put_file_and_stream_agree_with_put_bytes(store: BlobStore, tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)
    source = tmp_path / "page.warc.gz"
    source.write_bytes(data)
    from_file = store.put_file(source)
    from_stream = store.put_stream(data[i : i + 4096] for i in range(0, len(data), 4096))
    assert from_file == from_stream == Digest(hashlib.sha256(data).hexdigest(), len(data))
    assert store.path(from_file).read_bytes() == data


def test_put_stream_memory_is_bounded(store: BlobStore) -> None:
    chunk = b"x" * (1 << 20)
    tracemalloc.start()
    try:
        digest = store.put_stream(chunk for _ in range(64))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest.size == 64 << 20
    assert peak < 8 << 20, f"peak {peak} bytes while storing 64 MiB"


def test_corruption_is_detected_and_never_repaired(store: BlobStore) -> None:
    digest = store.put_bytes(b"original evidence")
    path = store.path(digest)
    path.chmod(0o644)
    path.write_bytes(b"tampered evidence")
    path.chmod(0o444)
    assert not store.verify(digest)
    with pytest.raises(BlobCorruptedError):
        store.put_bytes(b"original evidence")
    assert path.read_bytes() == b"tampered evidence", "the store must not silently overwrite"


def test_verify_size_and_absence(store: BlobStore) -> None:
    digest = store.put_bytes(b"abc")
    assert not store.verify(Digest(digest.sha256, 4))
    missing = hashlib.sha256(b"never stored").hexdigest()
    assert not store.exists(missing) and not store.verify(missing)
    with pytest.raises(FileNotFoundError):
        store.open(missing)


@pytest.mark.parametrize("bad", ["", "ABC", "../" + "0" * 61, "A" * 64, "g" * 64])
def test_digest_names_are_validated(store: BlobStore, bad: str) -> None:
    with pytest.raises(ValueError):
        store.path(bad)


def test_failed_stream_leaves_nothing(store: BlobStore) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"partial"
        raise OSError("source went away")

    with pytest.raises(OSError, match="source went away"):
        store.put_stream(chunks())
    assert final_files(store.root) == []
    assert store.temporary_files() == []


WRITER = textwrap.dedent(
    """
    import sys, time
    from evidence.store import BlobStore

    block = bytes(range(256)) * 4096  # 1 MiB

    def chunks():
        for index in range(512):
            yield block
            if index == 8:
                print("writing", flush=True)
            time.sleep(0.01)

    BlobStore(sys.argv[1]).put_stream(chunks())
    print("finished", flush=True)
    """
)


def test_writer_killed_mid_write_leaves_no_final_file(store: BlobStore) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store.root)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    whole = hashlib.sha256((bytes(range(256)) * 4096) * 512).hexdigest()
    assert not store.exists(whole)
    assert final_files(store.root) == [], "nothing may appear under a final name"
    leftovers = store.temporary_files()
    assert len(leftovers) == 1 and leftovers[0].stat().st_size >= 9 << 20

    assert store.sweep_temporary() == [], "a fresh temporary file may belong to a live writer"
    assert store.sweep_temporary(max_age_s=0) == leftovers
    assert store.temporary_files() == []
