"""The batch n-gram counter gives exactly the vectorizer's matrix, on every kind of text."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from classifiers import char_grams
from classifiers.char_grams import CharGramIndex
from classifiers.features import CHAR_NGRAM_RANGE, char_ngrams
from classifiers.model import ListingClassifier

REAL_POSTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-posts"

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


def _real_texts(limit: int = 1500) -> list[str]:
    texts: list[str] = []
    for path in sorted(REAL_POSTS.glob("*.csv")):
        with path.open(newline="", encoding="utf-8", errors="replace") as handle:
            for n, row in enumerate(csv.reader(handle)):
                if n >= limit:
                    break
                texts.append(" ".join(row))
    return texts


def test_the_shipped_model_gets_the_vectorizers_matrix() -> None:
    features = ListingClassifier.load().features
    texts = AWKWARD + _real_texts()
    _same(features.char.transform(texts), features._char_matrix(texts))


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
