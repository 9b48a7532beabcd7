"""A rewritten text that still knows where each of its characters came from.

De-obfuscation replaces words by digits ("nine" becomes "9"), so offsets in the rewritten text are
not offsets in the listing. Rather than a per-character table (a Python loop over every character
of every listing), the map keeps only the few replacements, sorted, and translates an offset with a
bisect: linear to build, logarithmic to query.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class MappedText:
    """``view`` is ``original`` with some non-overlapping spans replaced.

    ``edits`` are ``(start, end, replacement)`` spans of the original text, in any order.
    """

    __slots__ = ("_edits", "_view_starts", "original", "view")

    def __init__(self, original: str, edits: Iterable[tuple[int, int, str]] = ()) -> None:
        self.original = original
        ordered = sorted(edits)
        pieces: list[str] = []
        view_starts: list[int] = []
        kept: list[tuple[int, int, int]] = []  # (original start, original end, view length)
        cursor = 0
        view_len = 0
        for start, end, replacement in ordered:
            if start < cursor or end < start:
                raise ValueError(f"overlapping or inverted edit at {start}..{end}")
            pieces.append(original[cursor:start])
            view_len += start - cursor
            view_starts.append(view_len)
            kept.append((start, end, len(replacement)))
            pieces.append(replacement)
            view_len += len(replacement)
            cursor = end
        pieces.append(original[cursor:])
        self.view = "".join(pieces)
        self._view_starts = view_starts
        self._edits = kept

    @property
    def changed(self) -> bool:
        """Whether any replacement was made."""
        return bool(self._edits)

    def edited_between(self, view_start: int, view_end: int) -> bool:
        """Whether a replacement lies (at least partly) inside ``view[view_start:view_end]``."""
        k = bisect_right(self._view_starts, view_end - 1) - 1
        if k < 0:
            return False
        edit_view_start = self._view_starts[k]
        return edit_view_start + self._edits[k][2] > view_start

    def _locate(self, view_pos: int) -> tuple[int, int]:
        """(index of the last edit starting at or before ``view_pos``, original position if outside)."""
        k = bisect_right(self._view_starts, view_pos) - 1
        if k < 0:
            return -1, view_pos
        edit_view_start = self._view_starts[k]
        _start, end, length = self._edits[k]
        return k, end + (view_pos - edit_view_start - length)

    def start_to_original(self, view_pos: int) -> int:
        """Original offset where the character at ``view_pos`` begins."""
        k, pos = self._locate(view_pos)
        if k >= 0:
            start, _end, length = self._edits[k]
            if view_pos < self._view_starts[k] + length:
                return start
        return pos

    def end_to_original(self, view_pos: int) -> int:
        """Original offset for an exclusive end at ``view_pos`` (a replacement is taken whole)."""
        if view_pos <= 0:
            return 0
        k, _pos = self._locate(view_pos - 1)
        if k >= 0:
            _start, end, length = self._edits[k]
            if view_pos - 1 < self._view_starts[k] + length:
                return end
        return self.start_to_original(view_pos - 1) + 1

    def span_to_original(self, view_start: int, view_end: int) -> tuple[int, int]:
        """The original span covering ``view[view_start:view_end]``."""
        return self.start_to_original(view_start), self.end_to_original(view_end)
