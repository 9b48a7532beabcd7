"""Seller and location extraction from classifieds layouts: precision and recall per field.

    python bench/party_extraction.py [--folder FOLDER ...]

The pages are saved layouts written for this project after the shapes of real classifieds and
marketplaces (a US classifieds site whose posts name no seller, a Polish one, eBay, Gumtree, OLX
Brazil and Indonesia, Chợ Tốt, Leboncoin, Kleinanzeigen, MercadoLibre, a Chinese second-hand
app, a forum post); ``labels.json`` gives each page's URL and the expected seller name, seller
id, stated location and country (null: the page states none). A field counts as found when it
equals the label (case and spacing folded); a value where the label is null is a false positive.

Two sets: ``tests/data/party`` (the pages the extractor was developed on) and
``tests/data/party-heldout`` (written after the extractor, never used to change it): the second
says how the readings carry over to layouts they were not fitted to.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.extraction.listing import extract_listing  # noqa: E402

FIELDS = ("seller_name", "seller_id", "location", "country")


def _fold(value: object) -> str | None:
    return " ".join(str(value).casefold().split()) if value else None


def score(folder: Path) -> tuple[dict[str, dict[str, float]], list[str]]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in FIELDS}
    misses: list[str] = []
    for name, expected in sorted(labels.items()):
        listing = extract_listing((folder / name).read_bytes(), expected["url"])
        for field in FIELDS:
            got, want = _fold(getattr(listing, field)), _fold(expected[field])
            if got == want and want is not None:
                counts[field]["tp"] += 1
                continue
            if got is not None:
                counts[field]["fp"] += 1
            if want is not None:
                counts[field]["fn"] += 1
            if got != want:
                misses.append(f"{name}: {field} {getattr(listing, field)!r}, expected {expected[field]!r}")
    figures = {}
    for field, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        figures[field] = {"precision": precision, "recall": recall, **c}
    return figures, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--folder",
        type=Path,
        action="append",
        help="a folder of pages with labels.json (repeatable; default: the two sets)",
    )
    args = parser.parse_args(argv)
    folders = args.folder or [ROOT / "tests" / "data" / "party", ROOT / "tests" / "data" / "party-heldout"]
    for folder in folders:
        figures, misses = score(folder)
        pages = len(json.loads((folder / "labels.json").read_text(encoding="utf-8")))
        print(f"{folder.name} ({pages} pages)")
        print(f"  {'field':<12} {'precision':>9} {'recall':>7}  (tp/fp/fn)")
        for field, f in figures.items():
            print(
                f"  {field:<12} {f['precision']:>9.2f} {f['recall']:>7.2f}  ({f['tp']}/{f['fp']}/{f['fn']})"
            )
        for miss in misses:
            print("    miss:", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
