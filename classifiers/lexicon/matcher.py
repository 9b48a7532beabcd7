"""Find lexicon terms in listing text, fast and tolerant of the ways sellers disguise them.

How it works, and why:

* The text is folded (``normalize.fold``: accents, case, full-width, leetspeak, repeated letters)
  without changing its length, then *compacted* by dropping every separator. Term keys are
  compacted the same way, so "rhino horn", "rhino-horn", "r.h.i.n.o h o r n" and "rhinohorn" all
  meet the key ``rhinohorn``; one Aho-Corasick pass (pyahocorasick, C) finds every key at once.
* Compaction forgets where words were, so each candidate is checked against the folded text:
  Latin-script matches must start and end on word boundaries, and short terms may not absorb
  extra word breaks (so "Kim inks" never matches "mink") unless the text spells single letters
  apart. CJK/Thai text has no spaces and matches as plain substrings.
  CITES-derived names may not absorb extra word breaks at all ("tu paies" is not "Tupaies"); only
  curated terms, which sellers disguise, may.
* Misspellings of terms of seven letters or more are found by the symmetric-delete trick on single
  tokens and on token pairs that contain a word of a multi-word term (see ``fuzzy.py``). Only
  curated single words and multi-word names are guessed at: a derived single word (a genus or a
  one-word common name) is CITES vocabulary that ordinary words run into.
* Guards against ordinary words (``guards.py``): common words of the watched languages are never
  taken for misspellings, for plurals of derived names nor for a glued multi-word term (French
  "tete" is not Vietnamese "tê tê"), and ambiguous names ("Puma", "ivory", "Sollo" = "solo") only
  count with context nearby.
* Negative context terms are hits of kind ``negative``; they mark nearby hits ``negated``.
"""

from __future__ import annotations

import gc
import gzip
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from classifiers.build_cache import cached_build
from classifiers.lexicon.entry import Entry, EntryTable
from classifiers.lexicon.fuzzy import MIN_LEN as FUZZY_MIN_LEN
from classifiers.lexicon.fuzzy import FuzzyIndex
from classifiers.lexicon.guards import Gate, Guards, compile_gates, has_context
from classifiers.lexicon.normalize import NORMALIZER_VERSION, fold, has_unspaced, is_unspaced, term_key
from classifiers.lexicon.offsets import Words

DEFAULT_PATH = Path(__file__).with_name("lexicon.json.gz")
#: Negation window: a negative within this many words (Latin) or characters (CJK) of a hit.
NEGATION_WORDS = 5
NEGATION_CJK_CHARS = 12
#: Terms at least this long (compact letters) may span extra word breaks (curated terms only).
LONG_TERM = 6
FUZZY_FACTOR = 0.7
#: Latin languages whose nouns take -s/-es plurals; their terms also match the plural.
_PLURAL_LANGS = frozenset({"en", "es", "fr", "pt"})
_WORD_RE = re.compile(r"[^\W_]+")
_NON_WORD_RE = re.compile(r"[\W_]+")
#: Fuzzy matching is for terms worth the risk: not negatives, not weak or long names.
FUZZY_MIN_WEIGHT = 0.5
FUZZY_MAX_WORDS = 3


def _curated(entry: Entry) -> bool:
    return entry.source.startswith("curated")


def _fuzzy_worthy(entry: Entry, key: str, breaks: tuple[int, ...], gated: bool) -> bool:
    """Whether misspellings of ``entry`` are worth finding; see the module docstring."""
    return (
        entry.kind not in ("negative", "synonym")
        and entry.weight >= FUZZY_MIN_WEIGHT
        and len(entry.term.split()) <= FUZZY_MAX_WORDS
        and len(key) >= FUZZY_MIN_LEN
        and not gated
        and (bool(breaks) or _curated(entry))
    )


@dataclass(frozen=True)
class Hit:
    """One lexicon term found in a text; ``start``/``end`` index the original text."""

    term: str
    category: str
    kind: str
    lang: str
    weight: float
    source: str
    start: int
    end: int
    negated: bool
    fuzzy: bool = False


class _Key(NamedTuple):
    """One automaton key: the entries it stands for and the term's own word-break offsets.

    A NamedTuple, not a frozen dataclass: ~100,000 are created at load and tuples are 5x cheaper.
    """

    entries: tuple[int, ...]
    breaks: frozenset[int]
    length: int
    #: Only CITES-derived entries: the key may not absorb extra word breaks.
    strict: bool
    #: A multi-word term whose glued form is a common word ("tê tê" / French "tete"): the text
    #: must keep the term's word breaks.
    needs_breaks: bool


class Lexicon:
    """A loaded lexicon: entries, the automaton over their keys and the fuzzy index."""

    def __init__(
        self,
        entries: list[Entry],
        version: str,
        header: dict[str, Any] | None = None,
        keys_in: list[tuple[str, tuple[int, ...]]] | None = None,
        guards: Guards | None = None,
    ) -> None:
        """Build the automaton; ``keys_in`` are precomputed ``term_key`` results (one per entry)."""
        self.version = version
        self.header = header or {}
        self.entries: Sequence[Entry] = EntryTable.of(entries)
        self.guards = guards or Guards()
        common = self.guards.common_keys()
        gates_by_key = compile_gates(self.guards)
        #: Entry index -> the context it needs to count.
        self._gates: dict[int, Gate] = {}
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        keys: dict[str, tuple[list[int], set[int]]] = {}
        fuzzy_terms: list[tuple[str, int, tuple[str, ...], bool]] = []
        term_keys = keys_in if keys_in is not None else [term_key(e.term) for e in entries]
        # A set, so that per-key checks below are one C-level ``isdisjoint`` (load time matters).
        curated = {i for i, e in enumerate(entries) if _curated(e)}
        for index, (entry, (key, breaks)) in enumerate(zip(entries, term_keys, strict=True)):
            if not key:
                continue
            gate = gates_by_key.get(key) if entry.kind != "negative" else None
            if gate is not None:
                self._gates[index] = gate
            variants = [key]
            latin = key.isascii() or not has_unspaced(key)
            if latin and entry.lang in _PLURAL_LANGS and entry.kind != "negative":
                # A derived name's "plural" that is an ordinary word is that word ("Angèle" + s).
                for plural in (key + "s", key + "es"):
                    if plural not in common or index in curated:
                        variants.append(plural)
            for variant in variants:
                slot = keys.get(variant)
                if slot is None:
                    keys[variant] = ([index], set(breaks))
                else:
                    slot[0].append(index)
                    slot[1].update(breaks)
            if latin and _fuzzy_worthy(entry, key, breaks, gate is not None):
                # Only curated phrases and Latin names get word-pair fuzzing: common names would make
                # ordinary words ("black", "river") anchors and cost a Python loop on most listings.
                words: tuple[str, ...] = ()
                if _curated(entry) or entry.kind == "scientific":
                    words = tuple(key[a:b] for a, b in zip((0, *breaks), (*breaks, len(key)), strict=True))
                fuzzy_terms.append((key, index, words, bool(breaks)))
        for key, (ids, brk) in keys.items():
            strict = curated.isdisjoint(ids)
            glued_common = bool(brk) and key in common
            self._automaton.add_word(key, _Key(tuple(ids), frozenset(brk), len(key), strict, glued_common))
        self._automaton.make_automaton()
        self._fuzzy = FuzzyIndex(fuzzy_terms, exact_keys=keys.keys(), common=common)

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, text: str) -> list[Hit]:
        """All hits in ``text``, ordered by start; longest match wins where hits overlap."""
        if not text:
            return []
        folded = fold(text)
        split = Words(folded)
        words = split.words
        if not words:
            return []
        compacted = "".join(words)
        ends = split.ends  # exclusive compact end of each word
        end_set = set(ends)
        start_set = set(ends[:-1])
        start_set.add(0)
        found: list[tuple[int, int, int, bool]] = []  # compact (start, end excl.), entry, fuzzy
        for last, key in self._automaton.iter(compacted):
            start = last - key.length + 1
            if _boundaries_ok(compacted, start_set, end_set, start, last, key):
                for entry_index in key.entries:
                    found.append((start, last + 1, entry_index, False))
        for start, end, entry_index in self._fuzzy.search(words, ends, [(f[0], f[1]) for f in found]):
            found.append((start, end, entry_index, True))
        if not found:
            return []
        if self._gates:
            found = self._gate(found, words, ends)
        spans = [(*split.span(s, e), i, fz) for s, e, i, fz in found]
        return self._resolve(text, spans)

    def _gate(
        self, found: list[tuple[int, int, int, bool]], words: list[str], ends: list[int]
    ) -> list[tuple[int, int, int, bool]]:
        """Drop hits of gated names that have no context nearby (see ``guards.py``)."""
        gates = self._gates
        if not any(f[2] in gates for f in found):
            return found
        entries = self.entries
        anchors = [
            (f[0], f[1], entries[f[2]].category)
            for f in found
            if f[2] not in gates and entries[f[2]].kind != "negative"
        ]
        kept: list[tuple[int, int, int, bool]] = []
        for cand in found:
            gate = gates.get(cand[2])
            if gate is not None:
                category = entries[cand[2]].category
                same = [(s, e) for s, e, c in anchors if c == category]
                if not has_context(words, ends, cand[0], cand[1], gate, same):
                    continue
            kept.append(cand)
        return kept

    def _resolve(self, text: str, found: list[tuple[int, int, int, bool]]) -> list[Hit]:
        """Drop hits contained in longer ones, then apply negation."""
        entries = self.entries
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        negatives = [f for f in found if entries[f[2]].kind == "negative"]
        positives = [f for f in found if entries[f[2]].kind != "negative"]
        kept: list[tuple[int, int, int, bool]] = []
        for cand in positives:
            if any(
                o[0] <= cand[0] and cand[1] <= o[1] and (o[1] - o[0]) > (cand[1] - cand[0]) for o in positives
            ):
                continue
            kept.append(cand)
        negs_kept = [
            n
            for n in negatives
            if not any(o[0] <= n[0] and n[1] <= o[1] and (o[1] - o[0]) > (n[1] - n[0]) for o in negatives)
        ]
        hits: list[Hit] = []
        for start, end, index, fuzzy in kept:
            entry = entries[index]
            negated = any(_negates(text, entries[n[2]], entry, n[0], n[1], start, end) for n in negs_kept)
            weight = round(entry.weight * FUZZY_FACTOR, 3) if fuzzy else entry.weight
            hits.append(_hit(entry, start, end, negated, weight, fuzzy))
        for start, end, index, _ in negs_kept:
            entry = entries[index]
            hits.append(_hit(entry, start, end, False, entry.weight, False))
        hits.sort(key=lambda h: (h.start, h.end, h.kind == "negative"))
        return hits


def _hit(entry: Entry, start: int, end: int, negated: bool, weight: float, fuzzy: bool) -> Hit:
    return Hit(
        term=entry.term,
        category=entry.category,
        kind=entry.kind,
        lang=entry.lang,
        weight=weight,
        source=entry.source,
        start=start,
        end=end,
        negated=negated,
        fuzzy=fuzzy,
    )


def _unspaced_at(compacted: str, index: int) -> bool:
    return 0 <= index < len(compacted) and compacted[index] >= "\u0e00" and is_unspaced(compacted[index])


def _boundaries_ok(
    compacted: str, starts: set[int], ends: set[int], start: int, last: int, key: _Key
) -> bool:
    """Word-boundary rules for a candidate at compact offsets [start, last]; see module docstring."""
    if start not in starts and not (_unspaced_at(compacted, start) or _unspaced_at(compacted, start - 1)):
        return False
    if last + 1 not in ends and not (_unspaced_at(compacted, last) or _unspaced_at(compacted, last + 1)):
        return False
    if key.needs_breaks and not all(start + b in starts for b in key.breaks):
        return False
    if key.length >= LONG_TERM and not key.strict:
        return True
    # Short or derived term: every word break the text puts inside the match must be one the term
    # has, unless the text spells the word out letter by letter ("i v o r y").
    inner = [k for k in range(start + 1, last + 1) if k in starts and not _unspaced_at(compacted, k)]
    if all(k - start in key.breaks for k in inner):
        return True
    return len(inner) == last - start


def _negates(
    text: str, negative: Entry, entry: Entry, n_start: int, n_end: int, start: int, end: int
) -> bool:
    if negative.category not in ("any", entry.category):
        return False
    if n_start < end and start < n_end:
        return True  # overlapping, e.g. "ivory colour" around "ivory"
    gap = text[min(end, n_end) : max(start, n_start)]
    cjk = sum(1 for ch in gap if is_unspaced(ch))
    words = len(_WORD_RE.findall(gap)) - (1 if cjk else 0)
    return cjk <= NEGATION_CJK_CHARS and words <= NEGATION_WORDS


def read_document(path: Path) -> dict[str, Any]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        doc: dict[str, Any] = json.load(handle)
    return doc


def from_document(doc: dict[str, Any]) -> Lexicon:
    header = doc["header"]
    rows = doc["entries"]
    entries = [Entry.from_row(row) for row in rows]
    keys_in = None
    if header.get("normalizer") == NORMALIZER_VERSION and rows and len(rows[0]) == 9:
        keys_in = [(str(row[7]), tuple(row[8])) for row in rows]
    return Lexicon(entries, str(header["version"]), header, keys_in, Guards.from_doc(doc.get("guards")))


def _build(path: Path) -> Lexicon:
    # The build allocates ~10^6 small objects; the cyclic GC would rescan them over and over
    # (load 2.2 s instead of 0.8 s). None of them form cycles, so pause it.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return from_document(read_document(path))
    finally:
        if was_enabled:
            gc.enable()


_CACHE: dict[Path, Lexicon] = {}
_LOCK = threading.Lock()


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load (once per path, then cached) a built lexicon; default is the committed file."""
    resolved = Path(path).resolve() if path is not None else DEFAULT_PATH
    with _LOCK:
        cached = _CACHE.get(resolved)
        if cached is None:
            # built once per checkout and data, then loaded from the build cache
            code = sorted(Path(__file__).parent.glob("*.py"))
            cached = cached_build("lexicon", [resolved, *code], lambda: _build(resolved))
            _CACHE[resolved] = cached
        return cached
