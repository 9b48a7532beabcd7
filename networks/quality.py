"""Precision and recall of identifier extraction on a labelled set (JSONL, see tests/data/identifiers).

Shared by the quality gate in the tests and by ``bench/identifiers.py``, so the two can never
disagree on what a hit is: a returned ``(kind, value)`` pair matched, as a multiset, with the
expected pairs of the same text. Spans are not compared here (the unit tests check them).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from networks.identifiers import extract_identifiers


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    lang: str
    region: str | None
    text: str
    expect: tuple[tuple[str, str], ...]
    tags: tuple[str, ...] = ()


@dataclass(slots=True)
class Tally:
    """True positives, false positives and false negatives of one slice (a kind, a language, all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(slots=True)
class Report:
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_language: dict[str, Tally] = field(default_factory=dict)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (case id, "FP"/"FN", kind, value)
    cases: int = 0


def load_cases(path: Path) -> list[Case]:
    """Cases of a JSONL file (split on "\\n" only: JSON allows U+2028 inside strings)."""
    cases = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        row = json.loads(line)
        cases.append(
            Case(
                id=row["id"],
                lang=row["lang"],
                region=row.get("region"),
                text=row["text"],
                expect=tuple((kind, value) for kind, value in row["expect"]),
                tags=tuple(row.get("tags", ())),
            )
        )
    return cases


def score(cases: Iterable[Case]) -> Report:
    """Run the extractor over ``cases`` and tally its hits and misses."""
    report = Report()
    for case in cases:
        report.cases += 1
        got: Counter[tuple[str, str]] = Counter(
            (i.kind, i.value)
            for i in extract_identifiers(case.text, default_region=case.region, language=case.lang)
        )
        want: Counter[tuple[str, str]] = Counter(case.expect)
        for kind, value in got | want:
            tp = min(got[(kind, value)], want[(kind, value)])
            fp = got[(kind, value)] - tp
            fn = want[(kind, value)] - tp
            for tally in (
                report.overall,
                report.by_kind.setdefault(kind, Tally()),
                report.by_language.setdefault(case.lang, Tally()),
            ):
                tally.tp += tp
                tally.fp += fp
                tally.fn += fn
            report.errors += [(case.id, "FP", kind, value)] * fp + [(case.id, "FN", kind, value)] * fn
    return report
