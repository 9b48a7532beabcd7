"""The batch n-gram counter gives exactly the vectorizer's matrix, on every kind of text."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from classifiers import char_grams
from classifiers.char_grams import CharGramIndex
from classifiers.features import CHAR_NGRAM_RANGE, char_ngrams

AWKWARD = [
    "",
    "   \n\t ",
    "a",
    "ab",
    "Ivory bangle, 象牙手镯 出售 🐘🐘 (emoji outside the BMP)",
    "İstanbul ẞ ﬁne ǅ: lower() changes the length",
    "tabs\tand\u2028line separators\u00a0no-break\x1cfile-separator\u3000ideographic space",
    "Ngà voi thật, giá rẻ, ship toàn quốc",
    "x" * 7000,
    "  leading and trailing  ",
]


def _same(expected: sp.csr_matrix, got: sp.csr_matrix) -> None:
    expected, got = expected.tocsr(), got.tocsr()
    expected.sort_indices()
    got.sort_indices()
    assert expected.shape == got.shape
    assert np.array_equal(expected.indptr, got.indptr)
    assert np.array_equal(expected.indices, got.indices)
    assert np.allclose(expected.data, got.data, rtol=1e-6, atol=1e-7)


def test_counts_across_chunks_and_for_terms_of_every_length(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = ["ivory bangle for sale", "ivory bangle", "rhino horn cup", "象牙 象牙手镯", "a b c", *AWKWARD]
    vectorizer = TfidfVectorizer(analyzer=char_ngrams, use_idf=False, norm=None).fit(corpus)
    index = CharGramIndex(vectorizer.vocabulary_, CHAR_NGRAM_RANGE)
    monkeypatch.setattr(char_grams, "CHUNK_CODE_POINTS", 40)  # many chunks, one text per chunk too
    texts = [*corpus, "unseen words only: zzq", "", "ivory ivory ivory"]
    _same(vectorizer.transform(texts), index.counts(texts))
    assert index.counts([]).shape == (0, len(vectorizer.vocabulary_))


def test_terms_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError, match="outside the n-gram range"):
        CharGramIndex({"abcde": 0}, (2, 4))
