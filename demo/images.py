"""Tiny deterministic PNGs for listing photos, built in code so the demo ships no binaries.

Each name maps to a solid colour via CRC-32 (stable across processes, unlike ``hash()``), so the
same URL always returns the same bytes and evidence hashing can be tested.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache

from demo import settings

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


FULL_PREFIX = "/img/full/"


def full_image(path: str) -> str:
    """The full-size photo behind a thumbnail path (``/img/x.png`` -> ``/img/full/x.png``)."""
    return path.replace("/img/", FULL_PREFIX, 1) if path.startswith("/img/") else path


@lru_cache(maxsize=settings.IMAGE_CACHE)
def png_for(name: str, full: bool = False) -> bytes:
    """A solid-colour RGB PNG whose colour is derived from ``name``: thumbnail size, or the
    full-size photo's (same colour, so the two are recognisably one photo)."""
    width, height = settings.FULL_IMAGE_SIZE if full else settings.IMAGE_SIZE
    digest = zlib.crc32(name.encode("utf-8"))
    pixel = bytes(((digest >> 16) & 0xFF, (digest >> 8) & 0xFF, digest & 0xFF))
    row = b"\x00" + pixel * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(row * height, 9)),
            _chunk(b"IEND", b""),
        )
    )
