"""Train, validate, calibrate, evaluate and save a listing classifier in one call.

Steps: fit the n-gram vocabularies on development data; get out-of-fold calibrated scores by
rotating the two template folds (train on one, validate on the other), and choose the flagging
threshold on them as the lowest one reaching the target precision; fit the final calibrated model
on all development data; evaluate on the held-out test split; write the model and its card.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from classifiers.corpus import DEFAULT_SEEDS, Example, TrainingSet, build_training_set
from classifiers.evaluation import EvaluationReport, compute_metrics
from classifiers.features import FEATURE_SCHEMA_VERSION, FeatureBuilder
from classifiers.lexicon_features import LexiconLike
from classifiers.model import CURRENT_POINTER, MODELS_DIR, ListingClassifier, default_lexicon
from classifiers.types import CATEGORIES, LabeledExample

#: Inverse regularisation strength of the logistic regression (tuned on validation folds).
C = 8.0
CALIBRATION_FOLDS = 3
FAST_SEEDS = (1101,)
FAST_SIZE = 1500
FAST_BIRDS = 300


@dataclass
class TrainReport:
    """What ``train`` produced: where the model is, its version, threshold and test metrics."""

    version: str
    card_path: Path
    model_path: Path
    threshold: float
    target_reached: bool
    validation_precision: float
    validation_recall: float
    evaluation: EvaluationReport
    sizes: dict[str, Any]
    seconds: float


def make_estimator(groups: np.ndarray[Any, Any], seed: int) -> CalibratedClassifierCV:
    """Multinomial logistic regression with sigmoid calibration on template-grouped folds.

    ``ensemble=False`` keeps one linear model fitted on all rows (exact explanations, one
    prediction pass) while the calibrators see only out-of-fold scores.
    """
    n_groups = len(set(groups.tolist()))
    splits = list(GroupKFold(n_splits=min(CALIBRATION_FOLDS, n_groups)).split(groups, groups=groups))
    base = LogisticRegression(C=C, max_iter=2000, tol=1e-4, random_state=seed)
    return CalibratedClassifierCV(base, method="sigmoid", cv=splits, ensemble=False)


def choose_threshold(
    scores: np.ndarray[Any, Any], positive: np.ndarray[Any, Any], target: float
) -> tuple[float, bool]:
    """The lowest score threshold whose flagged set reaches ``target`` precision.

    Returns ``(threshold, reached)``; if no threshold reaches the target, the one with the best
    precision over at least 10 flagged listings, and ``False``.
    """
    order = np.argsort(-scores, kind="stable")
    sorted_scores = scores[order]
    true_positives = np.cumsum(positive[order])
    flagged = np.arange(1, len(scores) + 1)
    precision = true_positives / flagged
    # Only cut between distinct scores: everything tied with the threshold is flagged too.
    cut = np.r_[sorted_scores[1:] < sorted_scores[:-1], True]
    ok = np.flatnonzero(cut & (precision >= target))
    if ok.size:
        return float(sorted_scores[ok[-1]]), True
    candidates = np.flatnonzero(cut & (flagged >= 10))
    if not candidates.size:
        return 0.5, False
    best = candidates[np.argmax(precision[candidates])]
    return float(sorted_scores[best]), False


def _arrays(examples: Sequence[Example]) -> tuple[np.ndarray[Any, Any], ...]:
    y = np.array([e.label for e in examples], dtype=int)
    weights = np.array([e.weight for e in examples], dtype=float)
    groups = np.array([e.group for e in examples], dtype=object)
    folds = np.array([e.fold for e in examples], dtype=int)
    return y, weights, groups, folds


def out_of_fold_scores(matrix: sp.csr_matrix, examples: Sequence[Example], seed: int) -> np.ndarray[Any, Any]:
    """Suspicion scores for every development row from a model that did not see its fold."""
    y, weights, groups, folds = _arrays(examples)
    scores = np.zeros(len(examples))
    for fold in sorted(set(folds.tolist())):
        held = folds == fold
        model = make_estimator(groups[~held], seed)
        model.fit(matrix[~held], y[~held], sample_weight=weights[~held])
        proba = np.zeros((int(held.sum()), len(CATEGORIES)))
        proba[:, model.classes_] = model.predict_proba(matrix[held])
        scores[held] = 1.0 - proba[:, 0]
    return scores


def _version(card_seed: dict[str, Any], created: datetime) -> str:
    digest = hashlib.sha256(json.dumps(card_seed, sort_keys=True, default=str).encode()).hexdigest()[:8]
    return f"clf-{created:%Y%m%d}-{digest}"


def train(
    output_dir: Path | str = MODELS_DIR,
    *,
    decisions: Sequence[LabeledExample] = (),
    seed: int = 0,
    seeds: Sequence[int] | None = None,
    size: int | None = None,
    target_precision: float = 0.9,
    fast: bool = False,
    lexicon: LexiconLike | None = None,
    make_current: bool = True,
) -> TrainReport:
    """Train on the demo corpus + bird ads + ``decisions`` and save under ``output_dir/<version>/``.

    ``fast=True`` trains on a small corpus (for tests). ``make_current`` points
    ``output_dir/current.json`` at the new model so ``ListingClassifier.load(output_dir)`` finds it.
    """
    started = time.perf_counter()
    lex = lexicon if lexicon is not None else default_lexicon()
    if fast:
        data = build_training_set(
            seeds=tuple(seeds or FAST_SEEDS),
            size=size or FAST_SIZE,
            decisions=decisions,
            bird_dev_limit=FAST_BIRDS,
            bird_test_limit=FAST_BIRDS,
        )
    else:
        data = build_training_set(seeds=tuple(seeds or DEFAULT_SEEDS), size=size or 8000, decisions=decisions)
    return _fit_and_save(data, Path(output_dir), lex, seed, target_precision, make_current, started, fast)


def _fit_and_save(
    data: TrainingSet,
    output_dir: Path,
    lex: LexiconLike,
    seed: int,
    target_precision: float,
    make_current: bool,
    started: float,
    fast: bool,
) -> TrainReport:
    features = FeatureBuilder(lex).fit([e.input for e in data.dev])
    matrix, _ = features.transform([e.input for e in data.dev])
    y, weights, groups, _ = _arrays(data.dev)

    oof = out_of_fold_scores(matrix, data.dev, seed)
    positive = y != 0
    threshold, reached = choose_threshold(oof, positive, target_precision)
    flagged = oof >= threshold
    val_precision = float((flagged & positive).sum() / max(1, flagged.sum()))
    val_recall = float((flagged & positive).sum() / max(1, positive.sum()))

    estimator = make_estimator(groups, seed)
    estimator.fit(matrix, y, sample_weight=weights)

    created = datetime.now(UTC)
    sizes = data.sizes()
    version = _version(
        {
            "sources": data.sources,
            "sizes": sizes,
            "seed": seed,
            "target": target_precision,
            "lexicon": lex.version,
            "sklearn": sklearn.__version__,
            "C": C,
            "schema": FEATURE_SCHEMA_VERSION,
            "coef": hashlib.sha256(ListingClassifier.coef_of(estimator).tobytes()).hexdigest(),
            "threshold": threshold,
        },
        created,
    )
    model = ListingClassifier(features, estimator, threshold, version)
    test_inputs = [e.input for e in data.test]
    test_matrix, _ = features.transform(test_inputs)
    proba = estimator.predict_proba(test_matrix)
    evaluation = compute_metrics(data.test, proba, threshold, version)

    card = {
        "created_at": created.isoformat(timespec="seconds"),
        "model": {
            "type": "CalibratedClassifierCV(LogisticRegression multinomial, sigmoid, ensemble=False)",
            "C": C,
            "calibration_folds": CALIBRATION_FOLDS,
            "features": {
                "char_ngrams": f"(2,4) in padded words, sublinear tf-idf, {len(features.char.vocabulary_)}",
                "word_ngrams": f"word (1,2), tf-idf sublinear, {len(features.word.vocabulary_)} terms",
                "dense": features.dense_names(),
            },
            "score": "1 - P(none), calibrated",
        },
        "data": {"sources": data.sources, "sizes": sizes, "seed": seed, "fast": fast},
        "threshold_selection": {
            "target_precision": target_precision,
            "reached": reached,
            "method": "lowest threshold reaching the target precision on out-of-fold scores "
            "(train on one template fold, validate on the other)",
            "validation_precision": round(val_precision, 4),
            "validation_recall": round(val_recall, 4),
        },
        "metrics": {"split": "test (held-out templates + held-out bird ads)", **evaluation.to_dict()},
        "metrics_text": evaluation.to_text(),
    }
    card_path = model.save(output_dir / version, card)
    if make_current:
        pointer = {"version": version, "card": f"{version}/model-card.json"}
        (output_dir / CURRENT_POINTER).write_text(json.dumps(pointer, indent=2) + "\n", encoding="utf-8")
    return TrainReport(
        version=version,
        card_path=card_path,
        model_path=card_path.parent / "model.joblib",
        threshold=threshold,
        target_reached=reached,
        validation_precision=val_precision,
        validation_recall=val_recall,
        evaluation=evaluation,
        sizes=sizes,
        seconds=time.perf_counter() - started,
    )
