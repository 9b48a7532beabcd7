"""Calibrating the photo hashes: copies found (recall) against distinct photos matched (false matches).

    python bench/photo_hashes.py [--photos 200]

Photos are generated with texture (shapes, gradients, noise: a listing photo is never a flat
colour), each copied six ways a trader's re-post does (half size, JPEG at quality 60, mirrored,
10 % cropped off the borders, brighter, cropped and resized), and compared with every other photo
of the set, including look-alikes drawn from the same shapes with other positions and colours.
For each pair of thresholds (pHash, dHash) the bench prints the share of copies matched and the
number of distinct pairs matched; networks/photos.py's thresholds sit between the smallest that
finds every copy and the first that matches distinct photos.
"""

from __future__ import annotations

import argparse
import io
import itertools
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps  # noqa: E402

from networks.photos import DHASH_THRESHOLD, PHASH_THRESHOLD, PhotoHashes, hash_photo, same_picture  # noqa: E402


def photo(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A textured photo: a gradient ground, random shapes, a little noise and blur."""
    rng = random.Random(seed)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    image = Image.blend(image, tint, 0.6)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(6, 14)):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randint(20, 220), rng.randint(20, 220)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = rng.choice(("ellipse", "rectangle", "line"))
        if shape == "ellipse":
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        elif shape == "rectangle":
            draw.rectangle((x, y, x + w, y + h), fill=colour)
        else:
            draw.line((x, y, x + w, y + h), fill=colour, width=rng.randint(3, 15))
    noise = Image.effect_noise(size, 20).convert("RGB")
    return Image.blend(image, noise, 0.08).filter(ImageFilter.GaussianBlur(0.8))


def encoded(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def copies(image: Image.Image) -> dict[str, bytes]:
    w, h = image.size
    crop = image.crop((w // 10, h // 10, w - w // 10, h - h // 10))
    return {
        "half size": encoded(image.resize((w // 2, h // 2))),
        "JPEG q60": encoded(image, 60),
        "mirrored": encoded(ImageOps.mirror(image)),
        "cropped 10%": encoded(crop),
        "brighter": encoded(ImageEnhance.Brightness(image).enhance(1.15)),
        "cropped, resized": encoded(crop.resize((800, 600))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=200)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    originals: list[PhotoHashes] = []
    variants: list[tuple[int, str, PhotoHashes]] = []
    for seed in range(args.photos):
        image = photo(seed)
        originals.append(hash_photo(encoded(image)))
        for how, data in copies(image).items():
            variants.append((seed, how, hash_photo(data)))
    seconds = time.perf_counter() - start
    hashed = len(originals) + len(variants)
    print(f"{args.photos} photos, {len(variants)} copies: {hashed / seconds:.0f} images hashed per second")
    distinct = list(itertools.combinations(range(len(originals)), 2))
    header = f"{'pHash':>5} {'dHash':>5} {'copies found':>12} {'false matches':>13}"
    print(f"{header}  (of {len(distinct)} distinct pairs)")
    for p_max, d_max in sorted(
        {(6, 10), (8, 12), (10, 14), (12, 16), (14, 18), (PHASH_THRESHOLD, DHASH_THRESHOLD)}
    ):
        found = sum(same_picture(originals[seed], h, p_max, d_max) for seed, _how, h in variants)
        false = sum(same_picture(originals[a], originals[b], p_max, d_max) for a, b in distinct)
        mark = "  (networks/photos.py)" if (p_max, d_max) == (PHASH_THRESHOLD, DHASH_THRESHOLD) else ""
        print(f"{p_max:>5} {d_max:>5} {found / len(variants):>12.3f} {false:>13}{mark}")
    by_how: dict[str, list[bool]] = {}
    for seed, how, h in variants:
        by_how.setdefault(how, []).append(same_picture(originals[seed], h))
    print(
        "at the module's thresholds, by copy: "
        + ", ".join(f"{how} {sum(v) / len(v):.2f}" for how, v in by_how.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
