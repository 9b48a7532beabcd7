"""Turn hidden digits back into digits, remembering where each came from.

Input is the folded text (`networks.folding`: full-width and other scripts' digits already ASCII).
Three rewritings, all only where they plausibly spell a number, never across ordinary prose:

- runs of three or more Chinese digits (一三八, 壹叁捌, 幺五九) become ASCII digits, one for one;
- spelled-out digits and pairs ("zero nine", "không chín", "trente-quatre", "5five5") become digits;
- letters standing in for digits inside a number (``O8l2``: O for 0, l and I for 1) become digits.

The word and letter rewritings happen only in a *run*: tokens made of digits, digit words and
look-alike letters, separated by at most three spaces, dots, commas or dashes, holding at least
seven digits and at least one rewritten piece. So "one of two" or "Ola" are never touched, and a
run's word is rewritten only when the run as a whole reads as a number. The result is a
`MappedText` whose ``view`` the phone finder reads and whose map gives spans in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from networks.numberwords import CJK_DIGITS, trie_pattern, words_for
from networks.textmap import MappedText

MAX_TOKENS = 20_000
"""At most this many digit-like tokens of a text are weighed (a listing has a few dozen)."""
MIN_RUN_DIGITS = 7
"""A run is rewritten only if it holds at least this many digits (shorter ones are not phones)."""

_CJK_RUN_RE = re.compile("[" + "".join(CJK_DIGITS) + "]{3,}")
_CJK_TABLE = str.maketrans({char: digit for char, digit in CJK_DIGITS.items()})
_LOOKALIKE = {"O": "0", "o": "0", "I": "1", "l": "1"}
_GAP_RE = re.compile(r"[ \t.,\-_/()*]{1,3}")


@dataclass(frozen=True, slots=True)
class _Grammar:
    token: re.Pattern[str]
    piece: re.Pattern[str]
    words: dict[str, str]


@lru_cache(maxsize=16)
def _grammar(language: str | None) -> _Grammar:
    words = words_for(language)
    alternation = trie_pattern(words)
    # A token starts and ends at a letter boundary (no letter right before or after); inside, digits,
    # spelled digits and look-alike letters in any order, taken possessively (linear time).
    token = re.compile(
        rf"(?<![A-Za-zÀ-ɏḀ-ỿ])(?:\d|{alternation}|(?-i:[OoIl]))++(?![A-Za-zÀ-ɏḀ-ỿ])",
        re.IGNORECASE,
    )
    piece = re.compile(rf"(?P<digits>\d+)|(?P<word>{alternation})|(?P<look>(?-i:[OoIl]))", re.IGNORECASE)
    return _Grammar(token, piece, words)


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    digits: int  # digits it stands for
    ascii_digits: int
    rewrites: list[tuple[int, int, str]]
    lone_letter: bool  # a standalone "O"/"o" (zero) between digit groups
    valid: bool


def _analyse(grammar: _Grammar, text: str, start: int, end: int) -> _Token:
    if text[start:end].isdigit():  # the common case: plain digits, nothing to rewrite
        return _Token(start, end, end - start, end - start, [], False, True)
    rewrites: list[tuple[int, int, str]] = []
    digits = ascii_digits = looks = 0
    for piece in grammar.piece.finditer(text, start, end):
        if piece.lastgroup == "digits":
            ascii_digits += len(piece.group())
            digits += len(piece.group())
        elif piece.lastgroup == "word":
            value = grammar.words[piece.group().lower()]
            rewrites.append((piece.start(), piece.end(), value))
            digits += len(value)
        else:
            looks += 1
            rewrites.append((piece.start(), piece.end(), _LOOKALIKE[piece.group()]))
            digits += 1
    token_text = text[start:end]
    lone = token_text in ("O", "o")
    valid = looks == 0 or ascii_digits > 0 or lone
    return _Token(start, end, digits, ascii_digits, rewrites, lone, valid)


def _cjk_edits(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().translate(_CJK_TABLE)) for m in _CJK_RUN_RE.finditer(text)]


def digit_view(folded: str, language: str | None = None) -> MappedText:
    """The folded text with hidden digits rewritten, mapped back to ``folded``'s offsets."""
    edits = _cjk_edits(folded)
    text = folded
    if edits:
        pieces, cursor = [], 0
        for start, end, digits in edits:
            pieces += [text[cursor:start], digits]
            cursor = end
        pieces.append(text[cursor:])
        text = "".join(pieces)  # same length: CJK digits are rewritten one for one
    grammar = _grammar(language)
    run: list[_Token] = []
    previous_end = -1
    for count, match in enumerate(grammar.token.finditer(text)):
        if count >= MAX_TOKENS:
            break
        token = _analyse(grammar, text, match.start(), match.end())
        joined = previous_end >= 0 and _GAP_RE.fullmatch(text, previous_end, match.start()) is not None
        if not token.valid:
            edits += _run_edits(run)
            run, previous_end = [], -1
            continue
        if not joined:
            edits += _run_edits(run)
            run = []
        run.append(token)
        previous_end = match.end()
    edits += _run_edits(run)
    return MappedText(folded, _merge_cjk_edits(edits))


def _run_edits(run: list[_Token]) -> list[tuple[int, int, str]]:
    """The rewrites of a run that reads as a number, else none."""
    if not run:
        return []
    total = sum(token.digits for token in run)
    ascii_total = sum(token.ascii_digits for token in run)
    rewrites = [r for token in run for r in token.rewrites]
    if total < MIN_RUN_DIGITS or not rewrites:
        return []
    # A lone "O" counts as zero only among real digits ("zalo O 9 O 5 - 6 7 8"), never in prose.
    if any(token.lone_letter for token in run) and ascii_total < 4:
        return []
    return rewrites


def _merge_cjk_edits(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """CJK runs and word rewrites never overlap (words are Latin); keep them sorted and distinct."""
    return sorted(set(edits))
