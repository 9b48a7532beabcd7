"""A model's frozen arrays give scikit-learn's exact numbers, and loading one needs no scikit-learn."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifiers.features import char_ngrams
from classifiers.frozen import FrozenLinear, FrozenTfidf
from tests.crawl_helpers import ROOT
from tests.test_char_grams import AWKWARD

REAL_POSTS = ROOT.parent / "shared" / "data" / "real-posts"


def _real_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(REAL_POSTS.glob("*.csv")):
        with path.open(newline="", encoding="utf-8", errors="replace") as handle:
            texts += [" ".join(row) for row in csv.reader(handle)]
    return texts


def _bits_equal(expected: sp.csr_matrix, got: sp.csr_matrix) -> None:
    expected, got = sp.csr_matrix(expected), sp.csr_matrix(got)
    expected.sort_indices()
    got.sort_indices()
    assert expected.shape == got.shape and expected.dtype == got.dtype
    assert np.array_equal(expected.indptr, got.indptr)
    assert np.array_equal(expected.indices, got.indices)
    assert np.array_equal(expected.data, got.data)  # not merely close: the same float32 values


def test_frozen_vectorizers_give_the_same_bits() -> None:
    texts = _real_texts()
    train, unseen = texts[::2], texts[1::2] + AWKWARD
    char = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, min_df=2, dtype=np.float32).fit(train)
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, dtype=np.float32).fit(train)
    frozen_char = FrozenTfidf.from_vectorizer(char, "char", (2, 4))
    frozen_word = FrozenTfidf.from_vectorizer(word, "word", (1, 2))
    _bits_equal(char.transform(unseen), frozen_char.transform(unseen))
    _bits_equal(word.transform(unseen), frozen_word.transform(unseen))
    assert list(frozen_word.get_feature_names_out()) == list(word.get_feature_names_out())


def test_frozen_linear_model_gives_the_same_probabilities() -> None:
    rng = np.random.default_rng(7)
    matrix = sp.random(400, 60, density=0.2, format="csr", random_state=3, dtype=np.float32)
    labels = rng.integers(0, 5, size=400)
    estimator = LogisticRegression(max_iter=500).fit(matrix, labels)
    frozen = FrozenLinear.from_estimator(estimator)
    assert np.array_equal(estimator.predict_proba(matrix), frozen.predict_proba(matrix))


def test_the_shipped_model_classifies_without_scikit_learn() -> None:
    script = (
        "import sys\n"
        "from classifiers.model import ListingClassifier\n"
        "from classifiers.types import ListingInput\n"
        "model = ListingClassifier.load()\n"
        "[p] = model.predict([ListingInput(id='1', title='Ivory bangle for sale', description='DM price')])\n"
        "assert p.flagged, p\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'sklearn'], 'scikit-learn was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(ROOT), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
