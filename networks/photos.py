"""Perceptual hashes of listing photos: the same photo reused by other listings, resized,
re-encoded, flipped or cropped a little, is found by a small Hamming distance.

Traders reuse their photos across sites and accounts; a byte hash only finds exact copies. Each
photo gets a pHash (DCT of the grey image: robust to scaling, compression and small crops) and a
dHash (gradients: cheap, catches what pHash blurs), both 64 bits, and the pHash of its mirror
image and of its central part, so a flipped or a cropped copy matches too. Two photos are the
same picture when both distances are within the thresholds measured by bench/photo_hashes.py
(or a mirrored or central pHash is): pHash alone matches
textures that merely look alike; requiring dHash too keeps those apart.

Decoding is bounded: at most :data:`MAX_PIXELS` pixels (a decompression bomb is refused), and
the image is reduced before hashing, so a 50-megapixel photo costs what a small one does.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import imagehash
from PIL import Image, ImageOps

#: images larger than this (in pixels) are refused before they are decoded
MAX_PIXELS = 40_000_000
#: the most bits two hashes of one picture differ by (64-bit hashes): on bench/photo_hashes.py's
#: photos every copy is found from 6/10 up, the first false match comes at 12/16; 8/12 keeps a
#: margin on both sides
PHASH_THRESHOLD = 8
DHASH_THRESHOLD = 12


class PhotoError(ValueError):
    """The bytes are not an image this module reads (or one too large to decode)."""


@dataclass(frozen=True)
class PhotoHashes:
    phash: int
    dhash: int
    #: pHash of the mirror image: a flipped copy's pHash is close to this
    phash_mirror: int
    #: pHash of the central part (a tenth cut off each side): a cropped copy's pHash is close
    phash_center: int
    width: int
    height: int

    def to_hex(self) -> dict[str, str]:
        return {
            "phash": f"{self.phash:016x}",
            "dhash": f"{self.dhash:016x}",
            "phash_mirror": f"{self.phash_mirror:016x}",
        }


def _bits(value: imagehash.ImageHash) -> int:
    return int(str(value), 16)


def hash_photo(data: bytes) -> PhotoHashes:
    """The perceptual hashes of one image file's bytes."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow raises DecompressionBombError past twice this
    try:
        with Image.open(io.BytesIO(data)) as opened:
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise PhotoError(f"{width}x{height} pixels, more than {MAX_PIXELS}")
            opened.draft("L", (512, 512))  # JPEG: decode at a reduced size already
            image = ImageOps.exif_transpose(opened).convert("L")
            image.thumbnail((512, 512))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, PhotoError):
            raise
        raise PhotoError(f"not a readable image: {type(exc).__name__}: {exc}"[:300]) from None
    mirror = ImageOps.mirror(image)
    w, h = image.size
    center = image.crop((w // 10, h // 10, w - w // 10, h - h // 10))
    return PhotoHashes(
        phash=_bits(imagehash.phash(image)),
        dhash=_bits(imagehash.dhash(image)),
        phash_mirror=_bits(imagehash.phash(mirror)),
        phash_center=_bits(imagehash.phash(center)),
        width=width,
        height=height,
    )


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def same_picture(
    a: PhotoHashes, b: PhotoHashes, phash_max: int = PHASH_THRESHOLD, dhash_max: int = DHASH_THRESHOLD
) -> bool:
    """Whether two photos are one picture (also mirrored): both hashes close."""
    if distance(a.phash, b.phash) <= phash_max and distance(a.dhash, b.dhash) <= dhash_max:
        return True
    # a mirrored copy: its pHash is close to the other's mirror pHash (dHash is direction-bound);
    # a cropped copy: its pHash is close to the other's central pHash, or the other way round
    return (
        min(
            distance(a.phash_mirror, b.phash),
            distance(a.phash_center, b.phash),
            distance(a.phash, b.phash_center),
        )
        <= phash_max
    )
