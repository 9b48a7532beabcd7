"""Seller linking on real listings: pairwise precision/recall and B-cubed F1 of the actors.

    python bench/linking.py [--csv ../shared/data/real-posts/painted-bats-dev.csv]

The painted-bats listings (261 real eBay/Etsy/Amazon offers of dead bats, 65 sellers) carry the
authors' pseudonymous seller id: ground truth only, never an input. Each listing goes through
``ecowarden link``'s own code (``networks.link_file.link_listings``): identifiers from the text,
near-duplicate descriptions from the template index, then actors and networks. Printed: for the
default settings and a sweep of the same-actor similarity bar, same-seller pairwise precision and
recall of the actors, B-cubed precision/recall/F1, the number of actors and the largest one.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from networks.link_file import link_listings  # noqa: E402
from networks.linking import ASSOCIATION_JACCARD, LinkSettings  # noqa: E402
from networks.templates import TemplateConfig  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "real-posts" / "painted-bats-dev.csv"


def _pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {pair for members in groups.values() for pair in itertools.combinations(sorted(members), 2)}


def score(rows: list[dict[str, str]], settings: LinkSettings, threshold: float) -> dict[str, float]:
    listings = [
        {
            "id": r["ID"],
            "site": r["shop"],
            "url": r["post_url"],
            "title": r["title"],
            "description": r["description"],
        }
        for r in rows
    ]
    truth = {r["ID"]: r["seller"] for r in rows}
    true_groups: dict[str, list[str]] = defaultdict(list)
    for key, seller in truth.items():
        true_groups[seller].append(key)
    start = time.perf_counter()
    lines, _result = link_listings(listings, settings, TemplateConfig(threshold=threshold))
    seconds = time.perf_counter() - start
    actors: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        actors[line["actor"]].append(line["id"])
    found, true = _pairs(actors), _pairs(true_groups)
    both = len(found & true)
    b_precision = b_recall = 0.0
    for line in lines:
        mine, theirs = set(actors[line["actor"]]), set(true_groups[truth[line["id"]]])
        b_precision += len(mine & theirs) / len(mine)
        b_recall += len(mine & theirs) / len(theirs)
    b_precision, b_recall = b_precision / len(lines), b_recall / len(lines)
    return {
        "precision": both / len(found) if found else 1.0,
        "recall": both / len(true) if true else 1.0,
        "b_precision": b_precision,
        "b_recall": b_recall,
        "b_f1": 2 * b_precision * b_recall / (b_precision + b_recall),
        "actors": len(actors),
        "largest": max(len(members) for members in actors.values()),
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = parser.parse_args(argv)
    with args.csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sellers = len({r["seller"] for r in rows})
    print(f"{args.csv.name}: {len(rows)} listings, {sellers} sellers")
    header = ("same-actor bar", "pair P", "pair R", "B3 P", "B3 R", "B3 F1", "actors", "largest")
    widths = (14, 7, 7, 6, 6, 6, 6, 7)
    print(" ".join(f"{name:>{width}}" for name, width in zip(header, widths, strict=True)))
    default = LinkSettings().same_actor_jaccard
    for bar in sorted({default, 0.3, 0.4, 0.6, 0.7}):
        f = score(rows, LinkSettings(same_actor_jaccard=bar), min(bar, ASSOCIATION_JACCARD))
        mark = " (default)" if bar == default else ""
        print(
            f"{bar:>14.2f} {f['precision']:>7.3f} {f['recall']:>7.3f} {f['b_precision']:>6.3f}"
            f" {f['b_recall']:>6.3f} {f['b_f1']:>6.3f} {f['actors']:>6} {f['largest']:>7}"
            f"  {f['seconds']:.1f} s{mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
