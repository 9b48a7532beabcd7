"""Counting a fitted vocabulary's character n-grams for a whole batch at once, with numpy.

``TfidfVectorizer.transform`` with a Python analyzer looks every n-gram of every listing up in a
dict, one at a time: about 1,200 look-ups for an ordinary listing, a third of all classification
time. Here a batch's padded words are laid end to end as one array of code points, every n-gram
is hashed with array arithmetic, and the hashes are looked up in the sorted hashes of the
vocabulary with one ``searchsorted``. The n-grams are exactly those of
``classifiers.features.char_ngrams`` (lower-cased, whitespace-split words padded with a space,
n-grams that never cross a word's edge); the counts are the vectorizer's counts, and the
vectorizer's own idf and norm are applied to them.

A 64-bit polynomial hash can in principle give an n-gram outside the vocabulary the hash of one
inside it; with at most 60,000 vocabulary terms the chance per n-gram is about 3e-15. Two
vocabulary terms with one hash are checked for when the index is built (and refused).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

_MULTIPLIER = np.uint64(0x100000001B3)  # the 64-bit FNV prime: odd, so no code point vanishes
_LENGTH_TAG = 0x9E3779B97F4A7C15  # keeps "ab" and "xab" apart beyond the polynomial
_SPACE = 32
#: code points per chunk of a batch: bounds the arrays (about 60 bytes per code point)
CHUNK_CODE_POINTS = 1_000_000


def _code_points(text: str) -> np.ndarray[Any, np.dtype[np.uint64]]:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _tag(hashes: np.ndarray[Any, np.dtype[np.uint64]], n: int) -> np.ndarray[Any, np.dtype[np.uint64]]:
    return hashes ^ np.uint64((_LENGTH_TAG * n) % 2**64)


class CharGramIndex:
    """The hashes of a vocabulary's n-grams, sorted, with their column numbers."""

    def __init__(self, vocabulary: Mapping[str, int], ngram_range: tuple[int, int]) -> None:
        self.lo, self.hi = ngram_range
        self.n_columns = len(vocabulary)
        hashes: list[np.ndarray[Any, np.dtype[np.uint64]]] = []
        columns: list[np.ndarray[Any, np.dtype[np.int64]]] = []
        by_length: dict[int, list[str]] = {}
        for term in vocabulary:
            by_length.setdefault(len(term), []).append(term)
        for n, terms in by_length.items():
            if not self.lo <= n <= self.hi:
                raise ValueError(f"vocabulary term of length {n} outside the n-gram range {ngram_range}")
            codes = _code_points("".join(terms)).reshape(len(terms), n)
            value = np.zeros(len(terms), dtype=np.uint64)
            for j in range(n):
                value = value * _MULTIPLIER + codes[:, j]
            hashes.append(_tag(value, n))
            columns.append(np.fromiter((vocabulary[t] for t in terms), dtype=np.int64, count=len(terms)))
        all_hashes = np.concatenate(hashes) if hashes else np.zeros(0, dtype=np.uint64)
        all_columns = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
        order = np.argsort(all_hashes, kind="stable")
        self.hashes = all_hashes[order]
        self.columns = all_columns[order]
        if self.hashes.size and bool((self.hashes[1:] == self.hashes[:-1]).any()):
            raise ValueError("two vocabulary n-grams share a hash: use the vectorizer itself")
        # A direct-address table on the hashes' low bits (about 16 slots per term): a look-up is
        # two array reads instead of a binary search; the few slots two terms share say -1 and
        # are searched.
        bits = max(10, int(np.ceil(np.log2(max(1, self.hashes.size) * 16))))
        self.mask = np.uint64((1 << bits) - 1)
        slots = (self.hashes & self.mask).astype(np.int64)
        self.table = np.full(1 << bits, self.hashes.size, dtype=np.int64)  # "empty": one past the end
        self.table[slots] = np.arange(self.hashes.size)
        shared = np.bincount(slots, minlength=1 << bits) > 1
        self.table[shared] = -1
        # a sentinel after the last hash, so that "empty" reads a hash that matches nothing real
        self._padded_hashes = np.append(self.hashes, ~np.uint64(0))

    def counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The n-gram count matrix (listings × vocabulary), as ``CountVectorizer`` gives it."""
        parts: list[sp.csr_matrix] = []
        start = 0
        while start < len(texts):
            end, size = start, 0
            while end < len(texts) and (end == start or size + len(texts[end]) <= CHUNK_CODE_POINTS):
                size += len(texts[end]) + 2
                end += 1
            parts.append(self._count_chunk(texts[start:end]))
            start = end
        if not parts:
            return sp.csr_matrix((0, self.n_columns), dtype=np.float32)
        return parts[0] if len(parts) == 1 else sp.vstack(parts, format="csr")

    def _look_up(self, keys: np.ndarray[Any, np.dtype[np.uint64]]) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Where each key would sit in ``hashes`` if it is a vocabulary term (else any index)."""
        found = self.table[(keys & self.mask).astype(np.int64)]
        shared = found < 0
        if shared.any():
            found[shared] = np.searchsorted(self.hashes, keys[shared]).clip(max=self.hashes.size)
        return found

    def _count_chunk(self, texts: Sequence[str]) -> sp.csr_matrix:
        padded: list[str] = []
        words_per_text = np.zeros(len(texts), dtype=np.int64)
        for i, text in enumerate(texts):
            words = text.lower().split()
            if words:
                # " w1 " + " w2 " + ...: every word with a space on each side, as char_ngrams pads
                padded.append(" " + "  ".join(words) + " ")
                words_per_text[i] = len(words)
        shape = (len(texts), self.n_columns)
        if not padded:
            return sp.csr_matrix(shape, dtype=np.float32)
        codes = _code_points("".join(padded))
        space = codes == _SPACE
        # a word's leading space is the only space followed by something other than a space
        starts = space.copy()
        starts[:-1] &= ~space[1:]
        starts[-1] = False
        word_of = np.cumsum(starts) - 1
        text_of_word = np.repeat(np.arange(len(texts)), words_per_text)
        rows: list[np.ndarray[Any, Any]] = []
        cols: list[np.ndarray[Any, Any]] = []
        value = codes
        for n in range(1, self.hi + 1):
            if n > 1:
                value = value[:-1] * _MULTIPLIER + codes[n - 1 :]
            if n < self.lo:
                continue
            inside = word_of[: value.size] == word_of[n - 1 :]
            keys = _tag(value[inside], n)
            found = self._look_up(keys)
            hit = self._padded_hashes[found] == keys
            rows.append(text_of_word[word_of[: value.size][inside][hit]])
            cols.append(self.columns[found[hit]])
        return count_matrix(np.concatenate(rows), np.concatenate(cols), shape)


def count_matrix(
    rows: np.ndarray[Any, Any], cols: np.ndarray[Any, Any], shape: tuple[int, int]
) -> sp.csr_matrix:
    """A CSR matrix counting each (row, column) pair, indices sorted: one sort of the pairs as
    single integers (32-bit when they fit, which sorts fastest), then run lengths."""
    n_rows, n_cols = shape
    key_type = np.int64 if n_rows * n_cols >= 2**31 else np.int32
    keys = rows.astype(key_type) * n_cols + cols.astype(key_type)
    keys.sort()
    if keys.size == 0:
        return sp.csr_matrix(shape, dtype=np.float32)
    first = np.empty(keys.size, dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    unique = keys[starts]
    counts = np.diff(np.append(starts, keys.size)).astype(np.float32)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(unique // n_cols, minlength=n_rows), out=indptr[1:])
    matrix = sp.csr_matrix((counts, (unique % n_cols).astype(np.int32), indptr), shape=shape)
    matrix.has_canonical_format = True  # sorted, no duplicates: nothing for scipy to redo
    return matrix
