"""Price F1 of crawler.extraction on the product-pages benchmark (../shared/data/product-pages).

Scored exactly as the benchmark does: a page's predicted price is a true positive when
Decimal(pred) is one of the page's accepted Decimal prices; a wrong prediction is a false positive
(and a false negative when the page has a price); a missing prediction where a price exists is a
false negative. Published anchors on these 70 pages: extruct 0.703, Diffbot 0.853, Zyte 0.940.

Usage: python bench/extraction_f1.py [--data DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from crawler.extraction import extract_listing  # noqa: E402
from crawler.extraction.currencies import normalise_currency  # noqa: E402

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "product-pages"
ANCHORS = {"extruct": 0.703, "diffbot": 0.853, "zyte": 0.940}


@dataclass
class Report:
    """Scores of one run; `misses` lists the pages whose price was wrong or missing."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    pages: int = 0
    currency_ok: int = 0
    currency_total: int = 0
    availability_ok: int = 0
    availability_total: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages if self.pages else 0.0


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def score_price(pred: str | None, truth: list[str] | None, report: Report) -> bool:
    """Add one page to the counts; True when the page's price is right (or rightly absent)."""
    accepted = {d for d in (_decimal(t) for t in truth or []) if d is not None}
    if pred is None:
        if accepted:
            report.fn += 1
            return False
        return True
    value = _decimal(pred)
    if value is not None and value in accepted:
        report.tp += 1
        return True
    report.fp += 1
    if accepted:
        report.fn += 1
    return False


def run(data: Path) -> Report:
    """Extract every page of the benchmark and score it."""
    truth: dict[str, dict[str, Any]] = json.loads((data / "ground-truth.json").read_text("utf-8"))
    report = Report()
    for key, expected in sorted(truth.items()):
        path = data / "html" / f"{key}.html.gz"
        body = gzip.decompress(path.read_bytes())
        url = str(expected.get("url") or path.resolve().as_uri())
        start = time.perf_counter()
        listing = extract_listing(body, url)
        report.seconds += time.perf_counter() - start
        report.pages += 1
        ok = score_price(listing.price, expected.get("price"), report)
        notes = []
        if not ok:
            notes.append(
                f"price {listing.price!r} ({listing.sources.get('price')}) want {expected.get('price')}"
            )
        currencies = expected.get("currency") or []
        if currencies:
            report.currency_total += 1
            wanted = {normalise_currency(c, hint=listing.currency) or c for c in currencies}
            if listing.currency in wanted:
                report.currency_ok += 1
            else:
                notes.append(f"currency {listing.currency!r} want {currencies}")
        availability = expected.get("availability") or []
        if availability:
            report.availability_total += 1
            if listing.availability in availability:
                report.availability_ok += 1
            else:
                notes.append(f"availability {listing.availability!r} want {availability}")
        if notes:
            report.misses.append(f"{key[:12]} {url[:70]}\n    " + "; ".join(notes))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="product-pages directory")
    parser.add_argument("--verbose", action="store_true", help="print per-page misses")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    report = run(args.data)
    if args.verbose:
        for miss in report.misses:
            print(miss)
    print(f"pages {report.pages}  TP {report.tp}  FP {report.fp}  FN {report.fn}")
    print(f"price precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}")
    anchors = "  ".join(f"{k} {v:.3f}" for k, v in ANCHORS.items())
    print(f"anchors: {anchors}")
    if report.currency_total:
        print(
            f"currency accuracy {report.currency_ok}/{report.currency_total} "
            f"= {report.currency_ok / report.currency_total:.3f}"
        )
    if report.availability_total:
        print(
            f"availability accuracy {report.availability_ok}/{report.availability_total} "
            f"= {report.availability_ok / report.availability_total:.3f}"
        )
    print(f"mean {report.ms_per_page:.1f} ms/page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
