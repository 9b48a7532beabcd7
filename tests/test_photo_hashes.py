"""Perceptual photo hashes: re-posted copies are found, distinct photos are not, bombs refused."""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

import pytest

from networks.photos import PhotoError, hash_photo, same_picture

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from photo_hashes import copies, encoded, photo  # noqa: E402


def test_every_kind_of_copy_is_the_same_picture_and_other_photos_are_not() -> None:
    originals = [hash_photo(encoded(photo(seed))) for seed in range(12)]
    for seed in range(12):
        for how, data in copies(photo(seed)).items():
            assert same_picture(originals[seed], hash_photo(data)), (seed, how)
    for a in range(12):
        for b in range(a + 1, 12):
            assert not same_picture(originals[a], originals[b]), (a, b)


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def test_bombs_and_junk_are_refused_before_decoding() -> None:
    with pytest.raises(PhotoError, match=r"more than|decompression bomb"):
        hash_photo(_png_header(100_000, 100_000))
    with pytest.raises(PhotoError, match="not a readable image"):
        hash_photo(b"<html>not an image</html>")


def test_a_large_image_under_the_bomb_limit_is_refused_by_its_size() -> None:
    with pytest.raises(PhotoError, match="more than"):
        hash_photo(_png_header(8_000, 6_000))  # 48 Mpx: over MAX_PIXELS, under Pillow's own bound
