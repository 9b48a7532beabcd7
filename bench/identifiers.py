"""Identifier extraction on the labelled set: precision and recall per kind, per language, overall.

The set (tests/data/identifiers/, see its README) has a development part, written before the code,
and a held-out part, written after it and never used to change it: the held-out figures are the
honest estimate. Acceptance (issue 17): precision >= 0.95 and recall >= 0.90 overall.

    python bench/identifiers.py [--errors]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from networks.quality import Report, Tally, load_cases, score  # noqa: E402

DATA = ROOT / "tests" / "data" / "identifiers"


def _row(name: str, tally: Tally) -> str:
    support = tally.tp + tally.fn
    counts = f"tp {tally.tp}, fp {tally.fp}, fn {tally.fn}; {support} expected"
    return f"  {name:<14} P {tally.precision:5.3f}  R {tally.recall:5.3f}  ({counts})"


def _print(title: str, report: Report, seconds: float, errors: bool) -> None:
    print(f"{title}: {report.cases} texts, {seconds * 1000 / max(report.cases, 1):.2f} ms per text")
    print(_row("OVERALL", report.overall))
    print(" by kind:")
    for kind in sorted(report.by_kind):
        print(_row(kind, report.by_kind[kind]))
    print(" by language:")
    for language in sorted(report.by_language):
        print(_row(language, report.by_language[language]))
    if errors:
        for case_id, what, kind, value in report.errors:
            print(f"  {what} {case_id}: {kind} {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    for name, title in (
        ("dev.jsonl", "development set (written before the code)"),
        ("heldout.jsonl", "held-out set (written after the code, never tuned on)"),
    ):
        path = DATA / name
        if not path.exists():
            print(f"{title}: {path} missing")
            continue
        cases = load_cases(path)
        began = time.perf_counter()
        report = score(cases)
        _print(title, report, time.perf_counter() - began, args.errors)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
