"""Grouped cross-validation: out-of-fold scores for every development row, and their fold.

Why grouped: a model that has seen one account's posts recognises that account, not an offer;
folds are built over the ``group`` of each example (demo template, real account or seller, bird-ad
bucket, hard-negative family), so every group sits in exactly one fold. ``GroupKFold`` balances
folds by size deterministically, so the same data always gives the same folds, and a benchmark
(``bench/real_baselines.py``) can train its baselines on exactly the folds the model used.

The n-gram vocabularies are fitted once on all development text (unsupervised: a held-out
group's n-grams get no weight from rows that lack them), and the linear model is refitted per
fold; that keeps a five-fold run to a few seconds per fold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from classifiers.corpus import Example
from classifiers.model import ScoreCalibrator
from classifiers.types import CATEGORIES

CV_FOLDS = 5
#: Inverse regularisation strength of the logistic regression.
C = 4.0

#: ``fit_predict(train_rows, test_rows) -> raw suspicion of each test row`` (index arrays).
FitPredict = Callable[[np.ndarray[Any, Any], np.ndarray[Any, Any]], np.ndarray[Any, Any]]


def assign_folds(examples: Sequence[Example], n_folds: int = CV_FOLDS) -> np.ndarray[Any, Any]:
    """Fold number (0..n_folds-1) of every example; all rows of one group share a fold."""
    groups = np.array([e.group for e in examples], dtype=object)
    folds = np.full(len(examples), -1, dtype=int)
    n_groups = len(set(groups.tolist()))
    splitter = GroupKFold(n_splits=max(2, min(n_folds, n_groups)))
    for fold, (_, held) in enumerate(splitter.split(np.zeros(len(examples)), groups=groups)):
        folds[held] = fold
    return folds


def out_of_fold(folds: np.ndarray[Any, Any], fit_predict: FitPredict) -> np.ndarray[Any, Any]:
    """Raw scores of every row from a model trained on the other folds."""
    scores = np.zeros(len(folds))
    for fold in sorted(set(folds.tolist())):
        held = np.flatnonzero(folds == fold)
        kept = np.flatnonzero(folds != fold)
        scores[held] = fit_predict(kept, held)
    return scores


def fit_linear(
    matrix: sp.csr_matrix, y: np.ndarray[Any, Any], weights: np.ndarray[Any, Any], seed: int
) -> LogisticRegression:
    """The multinomial logistic regression at the heart of the model."""
    model = LogisticRegression(C=C, max_iter=3000, tol=1e-4, random_state=seed)
    model.fit(matrix, y, sample_weight=weights)
    return model


def full_proba(model: LogisticRegression, matrix: sp.csr_matrix) -> np.ndarray[Any, Any]:
    """Class probabilities in ``CATEGORIES`` order, zero for a class the model never saw."""
    proba = np.zeros((matrix.shape[0], len(CATEGORIES)))
    proba[:, model.classes_] = model.predict_proba(matrix)
    return proba


def fit_calibrator(
    raw: np.ndarray[Any, Any], positive: np.ndarray[Any, Any], weights: np.ndarray[Any, Any]
) -> ScoreCalibrator:
    """Platt scaling of the raw suspicion on out-of-fold scores (weighted like training rows)."""
    if positive.all() or not positive.any():
        return ScoreCalibrator()
    clipped = np.clip(raw, 1e-7, 1 - 1e-7)
    logit = np.log(clipped / (1 - clipped)).reshape(-1, 1)
    platt = LogisticRegression(C=1e6, max_iter=1000)
    platt.fit(logit, positive.astype(int), sample_weight=weights)
    return ScoreCalibrator(a=float(platt.coef_[0, 0]), b=float(platt.intercept_[0]))


def labels_and_weights(examples: Sequence[Example]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    y = np.array([e.label for e in examples], dtype=int)
    weights = np.array([e.weight for e in examples], dtype=float)
    return y, weights


@dataclass
class CrossValidation:
    """Grouped out-of-fold raw scores of the development rows, their folds, and the calibrator."""

    folds: np.ndarray[Any, Any]
    raw: np.ndarray[Any, Any]
    calibrator: ScoreCalibrator

    @property
    def scores(self) -> np.ndarray[Any, Any]:
        return np.round(self.calibrator(self.raw), 6)


def cross_validate(
    matrix: sp.csr_matrix, examples: Sequence[Example], seed: int, n_folds: int = CV_FOLDS
) -> CrossValidation:
    """Grouped out-of-fold suspicion for every development row (``classifiers.crossval``)."""
    y, weights = labels_and_weights(examples)
    folds = assign_folds(examples, n_folds)

    def fit_predict(kept: np.ndarray[Any, Any], held: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        model = fit_linear(matrix[kept], y[kept], weights[kept], seed)
        raw: np.ndarray[Any, Any] = 1.0 - full_proba(model, matrix[held])[:, 0]
        return raw

    raw = out_of_fold(folds, fit_predict)
    return CrossValidation(folds, raw, fit_calibrator(raw, y != 0, weights))
