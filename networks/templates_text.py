"""Listing text as the word tokens template matching compares, each still pointing into the text.

Two listings share a template when they say the same thing with different particulars, so the
particulars are masked before comparing: every identifier `networks.identifiers` finds (phone
numbers in any spelling, e-mail addresses, handles, wallets, profile links) becomes one token naming
its kind, any other link becomes ``{url}``, and every token holding a digit (prices, sizes, dates,
numbers the identifier finder did not take) becomes ``{number}``, runs of them collapsed into one so
that "508 555 3841" and "5085553841" align. Tokens are lower-cased words (apostrophes kept inside);
Chinese, Japanese, Korean and Thai characters are one token each, since those scripts do not put
spaces between words and a run of them would otherwise be a single unmatchable "word".

Each token keeps its character span in the original text and its line number: spans let the diff
quote the listing as written, lines are the unit of the boilerplate cut (site navigation and legal
footers come as lines). Work is capped: ``max_chars`` characters are read and ``max_tokens`` tokens
kept, so a megabyte of hostile text costs what a long listing does.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from networks.identifiers import extract_identifiers

MASK_PREFIX = "\x00"
"""Masked tokens start with a character no word contains, so they never equal a real word."""
NUMBER = MASK_PREFIX + "number"
URL = MASK_PREFIX + "url"
EMAIL = MASK_PREFIX + "email"

_CJK = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:['’][^\W_{_CJK}]+)*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGIT = re.compile(r"\d")


def is_mask(norm: str) -> bool:
    return norm.startswith(MASK_PREFIX)


def placeholder(norm: str) -> str:
    """How a masked token is written in a template: ``{phone}``, ``{number}``..."""
    return "{" + norm[len(MASK_PREFIX) :] + "}"


@dataclass(frozen=True, slots=True)
class Tokens:
    """Parallel lists, one entry per token (lists, not objects: 100,000 listings make millions)."""

    text: str
    norms: list[str]
    starts: list[int]
    ends: list[int]
    lines: list[int]

    def __len__(self) -> int:
        return len(self.norms)

    def keep(self, indices: list[int]) -> Tokens:
        """The tokens at ``indices`` (in order), as a new sequence over the same text."""
        return Tokens(
            self.text,
            [self.norms[i] for i in indices],
            [self.starts[i] for i in indices],
            [self.ends[i] for i in indices],
            [self.lines[i] for i in indices],
        )


def _masked_spans(text: str, use_identifiers: bool) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, mask)`` spans, identifiers first (they know obfuscations)."""
    spans: list[tuple[int, int, str]] = []
    if use_identifiers:
        spans.extend((i.start, i.end, MASK_PREFIX + i.kind) for i in extract_identifiers(text))
    spans.extend((m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text))
    spans.extend((m.start(), m.end(), URL) for m in _URL.finditer(text))
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def tokenize(text: str, *, max_chars: int, max_tokens: int, use_identifiers: bool = True) -> Tokens:
    """The text's tokens with identifiers, links and numbers masked (see the module docstring)."""
    text = text[:max_chars]
    masks = _masked_spans(text, use_identifiers)
    newlines = [m.start() for m in re.finditer(r"[\r\n]", text)]
    norms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    lines: list[int] = []
    line = 0
    mask_at = 0

    def push(norm: str, start: int, end: int) -> None:
        nonlocal line
        while line < len(newlines) and newlines[line] < start:
            line += 1
        if norm == NUMBER and norms and norms[-1] == NUMBER and lines[-1] == line:
            ends[-1] = end
            return
        norms.append(norm)
        starts.append(start)
        ends.append(end)
        lines.append(line)

    for match in _TOKEN.finditer(text):
        if len(norms) >= max_tokens:
            break
        start, end = match.span()
        while mask_at < len(masks) and masks[mask_at][1] <= start:
            m_start, m_end, m_norm = masks[mask_at]
            push(m_norm, m_start, m_end)
            mask_at += 1
        if mask_at < len(masks) and masks[mask_at][0] < end:
            continue  # inside a masked span, which is pushed once when passed
        word = match.group()
        push(NUMBER if _DIGIT.search(word) else word.casefold(), start, end)
    while mask_at < len(masks) and len(norms) < max_tokens:
        push(masks[mask_at][2], masks[mask_at][0], masks[mask_at][1])
        mask_at += 1
    return Tokens(text, norms, starts, ends, lines)


def line_keys(tokens: Tokens) -> list[tuple[int, int]]:
    """``(line number, key)`` for each line holding tokens: the key is a hash of its tokens.

    Masked tokens are part of the key, so "Call {phone} today" is one line whatever the number.
    """
    out: list[tuple[int, int]] = []
    begin = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or tokens.lines[i] != tokens.lines[begin]:
            key = zlib.crc32("\x01".join(tokens.norms[begin:i]).encode("utf-8"))
            out.append((tokens.lines[begin], key))
            begin = i
    return out


def shingle_hashes(norms: list[str], n: int) -> npt.NDArray[np.uint32]:
    """The sorted, distinct 32-bit hashes of the word ``n``-grams (one gram if shorter than ``n``).

    CRC-32 is enough here: the hashes only need to be consistent within one index, MinHash mixes
    them again (datasketch's ``affine32`` scheme applies fmix32), and it is several times faster
    than a cryptographic hash on short strings.
    """
    if not norms:
        return np.empty(0, dtype=np.uint32)
    if len(norms) <= n:
        grams = [" ".join(norms)]
    else:
        grams = [" ".join(norms[i : i + n]) for i in range(len(norms) - n + 1)]
    values = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32, count=len(grams))
    return np.unique(values)


def jaccard(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> float:
    """Exact Jaccard similarity of two sorted distinct hash sets."""
    if a.size == 0 and b.size == 0:
        return 1.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return float(common / (a.size + b.size - common))
