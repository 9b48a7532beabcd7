"""Split folded text into words and map compact offsets back to the original text.

Why not a per-character position table: building it costs a Python loop over every character of
every listing, which was 40 % of matching time. Here the words come from one ``re.split`` and the
offsets from ``itertools.accumulate`` (both in C); only the few offsets that belong to hits are
mapped, with a bisect and a walk over the (rare) runs of DEL markers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from classifiers.lexicon.normalize import DEL

_SPLIT_RE = re.compile(r"([\W_]+)")
_DEL_RUN_RE = re.compile(DEL + "+")


class Words:
    """The words of a folded text (DEL markers removed) with their compact and original offsets."""

    __slots__ = ("_compact_starts", "_del_runs", "_folded", "_text_starts", "ends", "words")

    def __init__(self, folded: str) -> None:
        self._folded = folded
        if DEL in folded:
            self._del_runs = [(m.start(), m.end() - m.start()) for m in _DEL_RUN_RE.finditer(folded)]
            plain = folded.replace(DEL, "")
        else:
            self._del_runs = []
            plain = folded
        parts = _SPLIT_RE.split(plain)
        cumulative = list(accumulate(map(len, parts)))
        words = parts[0::2]
        text_starts = [0, *cumulative[1::2]]
        # re.split yields an empty first/last word when the text starts/ends with a separator.
        if words and not words[-1]:
            words.pop()
            text_starts.pop()
        if words and not words[0]:
            words.pop(0)
            text_starts.pop(0)
        self.words = words
        self.ends = list(accumulate(map(len, words)))
        self._compact_starts = [0, *self.ends[:-1]] if words else []
        self._text_starts = text_starts

    def original(self, compact: int) -> int:
        """Original-text index of the character at ``compact`` in the compacted text."""
        k = bisect_right(self._compact_starts, compact) - 1
        index = self._text_starts[k] + (compact - self._compact_starts[k])
        for start, length in self._del_runs:
            if start <= index:
                index += length
            else:
                break
        return index

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of compact [start, end), including DEL markers trailing the last letter."""
        o_end = self.original(end - 1) + 1
        folded = self._folded
        while o_end < len(folded) and folded[o_end] == DEL:
            o_end += 1
        return self.original(start), o_end
