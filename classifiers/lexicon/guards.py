"""Precision guards: common words of the watched languages and context gates for ambiguous names.

Why these exist: most false hits on ordinary listings are not wrong terms but ordinary words that
happen to meet a term. Either exactly, because folding makes them equal ("Solo" and the sturgeon
name "Sollo" both fold to ``solo``), or fuzzily ("seater" is one edit from "Sea Otter"). Two
guards, both computed at build time and stored in ``lexicon.json.gz`` so the matcher reads no
other file:

* **Common words** (``curated/common/<lang>.txt``, folded like text): a text word that is a common
  word of any watched language is never fuzzily matched to a term, a CITES-derived name's plural
  variant that is a common word is not matched, and a derived name whose whole key is a common
  word is gated on context (next point). The union over all languages is used because a listing's
  language is not known to the matcher, and "boas" is an ordinary Portuguese word in any listing.
* **Context gates**: a gated name only counts when a word of its context sets (``contexts`` in
  ``curated/ambiguous.yaml``: "skin", "cub", "taxidermy"... for animals, "carved", "tusk"... for
  ivory) or an ungated hit of the same category stands within ``CONTEXT_WINDOW`` words of it.
  Names are gated explicitly (a ``context:`` rule in ``ambiguous.yaml``: "jaguar", "python",
  "ivory") or automatically (a derived name whose key is a common word).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from classifiers.lexicon.entry import Entry
from classifiers.lexicon.normalize import term_key
from classifiers.lexicon.stoplist import Stoplist

COMMON_DIR = Path(__file__).with_name("curated") / "common"
#: The languages the project watches in Latin script (Chinese text has no word-level collisions:
#: its terms are multi-character and matched as substrings).
WATCHED_LANGS = ("en", "es", "fr", "id", "pt", "vi")
#: A gated name needs context within this many words before or after it: close enough that the
#: word is about the name ("piel de jaguar", "python skin"), not about the listing in general.
CONTEXT_WINDOW = 3
#: Context sets of a derived name gated because its key is a common word, by category.
AUTO_CONTEXT: dict[str, tuple[str, ...]] = {"wildlife": ("animal", "plant"), "timber": ("timber",)}
_COMMENT_RE = re.compile(r"#.*")


def common_files(directory: Path = COMMON_DIR) -> list[Path]:
    return [directory / f"{lang}.txt" for lang in WATCHED_LANGS if (directory / f"{lang}.txt").exists()]


def read_words(path: Path) -> list[str]:
    """The words of one common-word file: white-space separated, ``#`` comments."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        words.extend(_COMMENT_RE.sub("", line).split())
    return words


def load_common(directory: Path = COMMON_DIR) -> dict[str, list[str]]:
    """Language -> sorted folded keys of its common words."""
    common: dict[str, list[str]] = {}
    for path in common_files(directory):
        keys = {term_key(word)[0] for word in read_words(path)}
        keys.discard("")
        common[path.stem] = sorted(keys)
    return common


def _folded_words(phrase: str) -> list[str]:
    """The folded words of a phrase, as the matcher's ``Words`` sees them in text."""
    key, breaks = term_key(phrase)
    return [key[a:b] for a, b in zip((0, *breaks), (*breaks, len(key)), strict=True)] if key else []


@dataclass(frozen=True)
class Guards:
    """What the build stores for the matcher (see module docstring)."""

    common: dict[str, list[str]] = field(default_factory=dict)
    #: Context set -> folded phrases, words separated by one space.
    contexts: dict[str, list[str]] = field(default_factory=dict)
    #: Compact term key -> context sets it needs.
    gates: dict[str, list[str]] = field(default_factory=dict)

    def as_doc(self) -> dict[str, Any]:
        return {"common": self.common, "contexts": self.contexts, "gates": self.gates}

    @classmethod
    def from_doc(cls, data: dict[str, Any] | None) -> Guards:
        """Guards stored in a lexicon document; none for documents built before they existed."""
        if not data:
            return cls()
        return cls(
            {str(k): [str(w) for w in v] for k, v in data.get("common", {}).items()},
            {str(k): [str(w) for w in v] for k, v in data.get("contexts", {}).items()},
            {str(k): [str(w) for w in v] for k, v in data.get("gates", {}).items()},
        )

    def common_keys(self) -> frozenset[str]:
        return frozenset(key for keys in self.common.values() for key in keys)

    def summary(self) -> dict[str, Any]:
        """Counts for the lexicon header."""
        return {
            "common_words": {lang: len(keys) for lang, keys in sorted(self.common.items())},
            "context_sets": {name: len(words) for name, words in sorted(self.contexts.items())},
            "gated_terms": len(self.gates),
            "context_window": CONTEXT_WINDOW,
        }


def build_guards(
    entries: Iterable[Entry], stoplist: Stoplist, common: dict[str, list[str]]
) -> tuple[Guards, list[str]]:
    """The guards for ``entries``, and notes for the build log.

    Notes list curated single-word terms that are common words: a person chose them, so they are
    not gated automatically, but whoever edits the curated files should see the collision.
    """
    contexts: dict[str, list[str]] = {}
    for name, phrases in stoplist.contexts.items():
        folded = {" ".join(words) for words in map(_folded_words, phrases) if words}
        # Plurals come free, as for terms: "skin" also stands for "skins".
        folded |= {p + suffix for p in folded if p.isascii() for suffix in ("s", "es")}
        contexts[name] = sorted(folded)
    gates = {key: list(sets) for key, sets in stoplist.gated().items()}
    union = {key for keys in common.values() for key in keys}
    curated_keys: set[str] = set()
    derived: list[tuple[str, Entry]] = []
    notes: list[str] = []
    for entry in entries:
        if entry.kind == "negative":
            continue
        key = term_key(entry.term)[0]
        if entry.source.startswith("curated"):
            curated_keys.add(key)
            if key in union and key not in gates and " " not in entry.term.strip():
                notes.append(f"curated term {entry.term!r} ({entry.source}) is a common word; not gated")
        else:
            derived.append((key, entry))
    for key, entry in derived:
        sets = AUTO_CONTEXT.get(entry.category)
        if key in union and key not in gates and key not in curated_keys and sets:
            gates[key] = list(sets)
    return Guards(common, contexts, dict(sorted(gates.items()))), notes


class Gate(NamedTuple):
    """Run-time form of one gated name's context: compact phrase keys and the longest phrase."""

    phrases: frozenset[str]
    longest: int


def compile_gates(guards: Guards) -> dict[str, Gate]:
    """Compact term key -> its ``Gate`` (phrases of all its context sets)."""
    compiled: dict[tuple[str, ...], Gate] = {}
    out: dict[str, Gate] = {}
    for key, sets in guards.gates.items():
        names = tuple(sorted(sets))
        gate = compiled.get(names)
        if gate is None:
            phrases = [p for name in names for p in guards.contexts.get(name, ())]
            gate = Gate(
                frozenset(p.replace(" ", "") for p in phrases),
                max((p.count(" ") + 1 for p in phrases), default=0),
            )
            compiled[names] = gate
        out[key] = gate
    return out


def has_context(
    words: Sequence[str],
    ends: Sequence[int],
    start: int,
    end: int,
    gate: Gate,
    anchors: Iterable[tuple[int, int]],
) -> bool:
    """Whether the gated hit at compact [start, end) has context within ``CONTEXT_WINDOW`` words.

    ``words``/``ends`` are the text's folded words and their cumulative compact ends; ``anchors``
    are compact spans of ungated hits of the same category, which count as context too.
    """
    first = bisect_right(ends, start)  # the word holding the hit's first letter
    last = bisect_left(ends, end)  # ... and its last letter
    lo = max(0, first - CONTEXT_WINDOW)
    hi = min(len(words), last + 1 + CONTEXT_WINDOW)
    phrases = gate.phrases
    for k in range(lo, hi):
        for n in range(1, gate.longest + 1):
            stop = k + n
            if stop > hi or (k <= last and stop > first):
                break  # past the window, or overlapping the hit itself (longer n would too)
            if "".join(words[k:stop]) in phrases:
                return True
    lo_offset = ends[lo - 1] if lo else 0
    hi_offset = ends[hi - 1]
    return any(s < hi_offset and lo_offset < e and (s, e) != (start, end) for s, e in anchors)
