"""The fitted parts of a model as plain arrays: what prediction needs, without scikit-learn.

Training fits scikit-learn's ``TfidfVectorizer`` and ``LogisticRegression``; prediction needs only
their vocabularies, idf weights and coefficients. Kept as numpy arrays in classes of our own, a
saved model unpickles without importing scikit-learn (1.5 s of every process's start-up) and
without trusting scikit-learn's pickles across its releases. Both training's evaluation and
prediction go through these same classes, so the figures measured are those of the code that
runs.

Equivalence with scikit-learn (``tests/test_frozen.py``): the same n-grams and counts, the same
sublinear tf-idf with L2 normalisation, the same multinomial softmax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np
import scipy.sparse as sp

from classifiers.char_grams import CharGramIndex, count_matrix

#: scikit-learn's default ``token_pattern``: words of two or more word characters
WORD_TOKEN = re.compile(r"(?u)\b\w\w+\b")


class FrozenTfidf:
    """A fitted tf-idf vectorizer (sublinear tf, L2 norm) over character or word n-grams."""

    def __init__(
        self, kind: str, terms: Sequence[str], idf: np.ndarray[Any, Any], ngram_range: tuple[int, int]
    ) -> None:
        if kind not in ("char", "word"):
            raise ValueError(f"unknown n-gram kind {kind!r}")
        if kind == "word" and ngram_range != (1, 2):
            raise ValueError("word n-grams are unigrams and bigrams")
        self.kind = kind
        self.terms = list(terms)
        self.idf_ = np.asarray(idf, dtype=np.float32)
        self.ngram_range = ngram_range
        self._vocabulary: dict[str, int] | None = None
        self._char_index: CharGramIndex | None = None

    @classmethod
    def from_vectorizer(cls, vectorizer: Any, kind: str, ngram_range: tuple[int, int]) -> FrozenTfidf:
        """The arrays of a fitted ``TfidfVectorizer(sublinear_tf=True, norm='l2')``."""
        if not (vectorizer.sublinear_tf and vectorizer.norm == "l2" and vectorizer.use_idf):
            raise ValueError("only sublinear, L2-normalised tf-idf is frozen")
        if kind == "word" and not (vectorizer.lowercase and vectorizer.token_pattern == WORD_TOKEN.pattern):
            raise ValueError("word n-grams must be lower-cased with the default token pattern")
        terms = [str(t) for t in vectorizer.get_feature_names_out()]
        return cls(kind, terms, vectorizer.idf_, ngram_range)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_vocabulary"] = None  # rebuilt from the terms (pickling the dict doubles the file)
        state["_char_index"] = None
        return state

    @property
    def vocabulary_(self) -> dict[str, int]:
        if self._vocabulary is None:
            self._vocabulary = {term: column for column, term in enumerate(self.terms)}
        return self._vocabulary

    def get_feature_names_out(self) -> np.ndarray[Any, Any]:
        return np.array(self.terms, dtype=object)

    def counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Raw n-gram counts, one row per text, columns in vocabulary order."""
        if self.kind == "char":
            if self._char_index is None:
                self._char_index = CharGramIndex(self.vocabulary_, self.ngram_range)
            return self._char_index.counts(texts)
        vocabulary = self.vocabulary_
        rows: list[int] = []
        columns: list[int] = []
        for row, text in enumerate(texts):
            tokens = WORD_TOKEN.findall(text.lower())
            grams = tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
            found = [column for column in map(vocabulary.get, grams) if column is not None]
            columns += found
            rows += [row] * len(found)
        return count_matrix(
            np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64), (len(texts), len(self.terms))
        )

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Sublinear tf (1 + log count), times idf, each row scaled to unit length."""
        matrix = self.counts(texts)
        data = matrix.data
        np.log(data, out=data)
        data += 1.0
        data *= self.idf_[matrix.indices]
        # squares in float32, their sum and the division in float64, as scikit-learn's own
        # normalisation does: the same bits, not merely close
        row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
        norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=matrix.shape[0]))
        norms[norms == 0.0] = 1.0
        matrix.data = (data / norms[row_of]).astype(np.float32)
        return matrix


class FrozenLinear:
    """A fitted multinomial logistic regression: ``softmax(X @ coef.T + intercept)``."""

    def __init__(
        self, coef: np.ndarray[Any, Any], intercept: np.ndarray[Any, Any], classes: np.ndarray[Any, Any]
    ) -> None:
        # the fitted dtype is kept (float32 for float32 features), so the arithmetic and its
        # rounding are scikit-learn's own
        self.coef_ = np.asarray(coef)
        self.intercept_ = np.asarray(intercept)
        self.classes_ = np.asarray(classes)
        if self.coef_.shape[0] != self.classes_.size or self.coef_.shape[0] < 3:
            raise ValueError("a multinomial model over three or more classes is expected")

    @classmethod
    def from_estimator(cls, estimator: Any) -> FrozenLinear:
        return cls(estimator.coef_, estimator.intercept_, estimator.classes_)

    def predict_proba(self, matrix: sp.csr_matrix | np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        scores: np.ndarray[Any, Any] = np.asarray(matrix @ self.coef_.T) + self.intercept_
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores
