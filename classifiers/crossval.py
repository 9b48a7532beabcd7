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
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

from classifiers.corpus import Example

CV_FOLDS = 5

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
