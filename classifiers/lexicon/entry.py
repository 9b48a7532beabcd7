"""The lexicon entry record and the rules that keep the entry set small and unambiguous."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from classifiers.lexicon.normalize import term_key

KINDS = ("scientific", "synonym", "common", "trade", "code_word", "negative")
CATEGORIES = ("wildlife", "timber", "minerals", "waste", "any")
#: Field order of the compact on-disk representation (one JSON array per entry).
FIELDS = ("term", "lang", "kind", "category", "appendix", "weight", "source")


@dataclass(frozen=True)
class Entry:
    """One lexicon term; ``source`` says where it came from so an analyst can check a hit."""

    term: str
    lang: str
    kind: str
    category: str
    appendix: str
    weight: float
    source: str

    def as_row(self) -> list[str | float]:
        return [self.term, self.lang, self.kind, self.category, self.appendix, self.weight, self.source]

    @classmethod
    def from_row(cls, row: list[str | float]) -> Entry:
        term, lang, kind, category, appendix, weight, source = row[:7]
        return cls(str(term), str(lang), str(kind), str(category), str(appendix), float(weight), str(source))


class EntryTable(Sequence[Entry]):
    """The entries of a loaded lexicon, kept as plain tuples and made ``Entry`` records on first use.

    A process loads 85,000 entries at start-up and reads a few hundred: unpickling plain tuples is
    three times faster than unpickling dataclasses, and the records are made for the hits only."""

    def __init__(self, rows: list[tuple[str, str, str, str, str, float, str]]) -> None:
        self._rows = rows
        self._made: dict[int, Entry] = {}

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> EntryTable:
        return cls([(e.term, e.lang, e.kind, e.category, e.appendix, e.weight, e.source) for e in entries])

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._rows)))]
        made = self._made.get(index)
        if made is None:
            made = self._made[index] = Entry(*self._rows[index])
        return made

    def __iter__(self) -> Iterator[Entry]:
        return (self[i] for i in range(len(self._rows)))

    def __getstate__(self) -> dict[str, Any]:
        return {"rows": self._rows}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._rows = state["rows"]
        self._made = {}


def validate(entry: Entry) -> None:
    """Reject malformed entries at build time rather than letting them confuse the matcher."""
    if entry.kind not in KINDS:
        raise ValueError(f"unknown kind {entry.kind!r} for {entry.term!r}")
    if entry.category not in CATEGORIES:
        raise ValueError(f"unknown category {entry.category!r} for {entry.term!r}")
    if not 0.0 < entry.weight <= 1.0:
        raise ValueError(f"weight {entry.weight} out of (0, 1] for {entry.term!r}")
    if not entry.source:
        raise ValueError(f"no provenance for {entry.term!r}")


def dedup(entries: Iterable[Entry]) -> list[Entry]:
    """Keep one entry per normalised term and category: the highest weight wins.

    Curated entries win ties over derived ones because curated weights were set by a person
    looking at the term in marketplace context. Negatives are kept apart from positives, so a
    word can be both (a positive in one category, a negative for another) only through curation.
    """
    best: dict[tuple[str, str, bool], Entry] = {}
    for entry in entries:
        key, _ = term_key(entry.term)
        if not key:
            continue
        slot = (key, entry.category, entry.kind == "negative")
        current = best.get(slot)
        if current is None or _rank(entry) > _rank(current):
            best[slot] = entry
    return sorted(best.values(), key=lambda e: (e.category, e.kind, term_key(e.term)[0], e.lang))


def _rank(entry: Entry) -> tuple[float, int]:
    return (entry.weight, 1 if entry.source.startswith("curated") else 0)
