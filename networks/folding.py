"""Width and script folding that keeps every character where it was (one character for one).

Sellers write numbers in full-width forms (``０９１２``, ``＋``, ``＠``), in other scripts' digits or
as circled digits, partly to hide them from filters and partly because that is what their input
method gives. Folding them to ASCII *one character for one* means every later pattern can run on
the folded text and its offsets are the original text's offsets, with no map to keep.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width ASCII variants U+FF01..U+FF5E map onto U+0021..U+007E; U+3000 is the ideographic space.
_TABLE: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE[0x3000] = ord(" ")
# Circled and parenthesised digits ①..⑨, ⑴..⑼, ⒈..⒐ and the circled zeros.
_TABLE.update({0x2460 + i: ord("1") + i for i in range(9)})
_TABLE.update({0x2474 + i: ord("1") + i for i in range(9)})
_TABLE.update({0x2488 + i: ord("1") + i for i in range(9)})
_TABLE.update({0x24EA: ord("0"), 0x24FF: ord("0")})
# Dashes and dots that people put between digit groups.
for _dash in "‐‑‒–—―−﹘﹣":
    _TABLE[ord(_dash)] = ord("-")
for _dot in "・·•∙":
    _TABLE[ord(_dot)] = ord(".")
_TABLE[0x00A0] = ord(" ")  # no-break space

# Decimal digits of any other script (Arabic-Indic, Devanagari, Thai, ...): \d is Unicode-aware,
# so this matches exactly the non-ASCII decimal digits, and the callback runs only for those.
_OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")


def _digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group()))


def fold(text: str) -> str:
    """Return ``text`` with full-width forms, other scripts' digits and dashes folded to ASCII.

    ``len(fold(text)) == len(text)`` always: a span found in the folded text is the same span in
    ``text``.
    """
    folded = text.translate(_TABLE)
    if folded.isascii():
        return folded
    return _OTHER_DIGIT_RE.sub(_digit, folded)
