"""Text folding shared by the lexicon builder and the matcher.

Both sides must fold identically, otherwise a term can never meet the text it was written for. The
fold is deliberately *length-preserving* (one output character per input character) so that a
match found in folded text maps back to a span of the original text with plain index arithmetic;
characters that should vanish (combining accents, repeated letters) become the ``DEL`` marker
instead of being removed, and only the final compaction step drops them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from classifiers.build_cache import cached_build

#: Bump whenever folding changes: lexicon files store precomputed keys tagged with this version.
NORMALIZER_VERSION = 1

#: Placeholder for a character that is part of a word but carries no letter (an accent, a repeat).
DEL = "\x00"

# Characters folded one-to-one that NFKD leaves alone but people type interchangeably.
_EXTRA = {
    "đ": "d",
    "Đ": "d",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "ı": "i",
    "ß": "s",
    "æ": "a",
    "œ": "o",
    "ð": "d",
    "þ": "t",
    # typographic variants of apostrophes and dashes are separators anyway; quotes too
    "\u2019": "'",
    "\u2018": "'",
}

# Leetspeak: only applied next to a letter, so prices and quantities stay digits.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_RE = re.compile(r"(?<=[a-z])[013457@$]+|[013457@$]+(?=[a-z])")
_REPEAT_RE = re.compile(r"([a-z])\1+")
_NON_WORD_RE = re.compile(r"[\W_]+")
_WORD_RE = re.compile(r"[^\W_]+")

# Scripts written without spaces between words: any character boundary is a word boundary.
_UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x31FF),  # bopomofo etc.
    (0x3400, 0x4DBF),  # CJK ext A
    (0x4E00, 0x9FFF),  # CJK unified
    (0xF900, 0xFAFF),  # CJK compatibility
    (0x20000, 0x2FFFF),  # CJK ext B+
)


_UNSPACED_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _UNSPACED_RANGES) + "]")


def is_unspaced(ch: str) -> bool:
    """True for characters of scripts that do not separate words with spaces (CJK, Thai...)."""
    cp = ord(ch)
    if cp < 0x0E00:
        return False
    return any(lo <= cp <= hi for lo, hi in _UNSPACED_RANGES)


def _fold_char(ch: str) -> str:
    """Fold one character to exactly one character (or DEL); see module docstring for why."""
    if ch in _EXTRA:
        return _EXTRA[ch]
    if ch == DEL:
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if not kept:
        return DEL
    if len(kept) == 1:
        return kept
    # Ligatures and the like ("ﬁ" -> "fi"): keep the first letter rather than break the 1:1 mapping.
    return kept[0]


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """Translation table for ``str.translate`` covering the Basic Multilingual Plane.

    Built once (0.1-0.5 s, so kept in the build cache); only characters whose fold differs from
    themselves are stored, so ``translate`` does a C-level dict lookup per character and Python
    code never loops over text.
    """
    return cached_build("fold-table", [Path(__file__)], _build_fold_table)


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        folded = _fold_char(ch)
        if folded != ch:
            table[cp] = folded
    return table


def _leet_sub(match: re.Match[str]) -> str:
    return match.group(0).translate(_LEET)


def _repeat_sub(match: re.Match[str]) -> str:
    run = match.group(0)
    return run[0] + DEL * (len(run) - 1)


def fold(text: str) -> str:
    """Fold text for matching; the result has exactly ``len(text)`` characters.

    Steps: NFKD accent stripping + casefold + full-width to ASCII (one table lookup per
    character), leetspeak digits/symbols next to letters, runs of a repeated Latin letter reduced
    to one letter ("ivoooory" -> "ivory"). Vietnamese loses its tone marks like every other
    accent; curated Vietnamese terms are multi-syllable phrases so they stay distinct.
    """
    folded = text.translate(fold_table())
    folded = _LEET_RE.sub(_leet_sub, folded)
    return _REPEAT_RE.sub(_repeat_sub, folded)


def compact(folded: str) -> str:
    """Drop separators and DEL markers: the string the automaton scans."""
    return _NON_WORD_RE.sub("", folded.replace(DEL, ""))


def term_key(term: str) -> tuple[str, tuple[int, ...]]:
    """Compact key of a lexicon term and the key offsets where the term itself has a word break.

    The breaks let the matcher accept "rhino-horn" and "rhinohorn" for "rhino horn" while still
    refusing to glue unrelated short words together.
    """
    words = _WORD_RE.findall(fold(term).replace(DEL, ""))
    breaks: list[int] = []
    offset = 0
    for word in words[:-1]:
        offset += len(word)
        breaks.append(offset)
    return "".join(words), tuple(breaks)


def has_unspaced(text: str) -> bool:
    """True when any character belongs to a script written without spaces."""
    return _UNSPACED_RE.search(text) is not None
