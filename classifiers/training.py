"""Train, cross-validate, calibrate, evaluate and save a listing classifier in one call.

Steps: fit the n-gram vocabularies on development data; get grouped out-of-fold scores for every
development row (``classifiers.crossval``: demo templates, real accounts/sellers, hard-negative
families never straddle a fold); fit the score calibrator and choose the flagging threshold on
them (lowest threshold reaching the target precision, rows weighted as in training, so the demo's
many rows do not decide it alone); report the real-data figures from the same out-of-fold scores;
fit the final model on all development data; evaluate on the demo's held-out templates and the
held-out bird ads; write the model and its card.
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
import sklearn

from classifiers.corpus import DEFAULT_SEEDS, SOURCE_WEIGHTS, TrainingSet, build_training_set
from classifiers.crossval import (
    CV_FOLDS,
    C,
    cross_validate,
    fit_linear,
    full_proba,
    labels_and_weights,
)
from classifiers.evaluation import EvaluationReport, compute_metrics
from classifiers.features import FEATURE_SCHEMA_VERSION, FeatureBuilder
from classifiers.lexicon_features import LexiconLike
from classifiers.model import (
    CURRENT_POINTER,
    MODEL_FILE,
    MODELS_DIR,
    ListingClassifier,
    decide,
    default_lexicon,
)
from classifiers.realeval import RealDataReport, real_data_report
from classifiers.types import LabeledExample

#: Measured comparisons that go with the design (baselines, representations tried), written by
#: people from the benchmarks' output and copied into every card trained into that folder.
COMPARISONS_FILE = "COMPARISONS.md"
FAST_SEEDS = (1101,)
FAST_SIZE = 1500
FAST_BIRDS = 300
FAST_HARD_NEGATIVES = 60
DECISION_RULE = (
    "P = multinomial logistic regression over (none, wildlife, timber, minerals, waste); "
    "score = Platt sigmoid of 1 - P(none), fitted on grouped out-of-fold values; "
    "flagged = score >= threshold; category = argmax of the four suspect P when flagged, else none"
)


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
    real_data: RealDataReport
    sizes: dict[str, Any]
    seconds: float


def choose_threshold(
    scores: np.ndarray[Any, Any],
    positive: np.ndarray[Any, Any],
    target: float,
    weights: np.ndarray[Any, Any] | None = None,
) -> tuple[float, bool]:
    """The lowest score threshold whose flagged set reaches ``target`` (weighted) precision.

    Returns ``(threshold, reached)``; if no threshold reaches the target, the one with the best
    precision over at least 10 flagged listings, and ``False``.
    """
    w = np.ones(len(scores)) if weights is None else np.asarray(weights, dtype=float)
    order = np.argsort(-scores, kind="stable")
    sorted_scores = scores[order]
    true_positives = np.cumsum(w[order] * positive[order])
    flagged_weight = np.cumsum(w[order])
    flagged = np.arange(1, len(scores) + 1)
    precision = true_positives / np.maximum(flagged_weight, 1e-12)
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
    """Train on the demo corpus, bird ads, the real sets, hard negatives and ``decisions``; save
    under ``output_dir/<version>/``.

    ``fast=True`` trains on a small corpus without the real sets (for tests). ``make_current`` points
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
            real=False,
            hard_negatives=FAST_HARD_NEGATIVES,
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
    y, weights = labels_and_weights(data.dev)

    cv = cross_validate(matrix, data.dev, seed)
    positive = y != 0
    oof = cv.scores
    threshold, reached = choose_threshold(oof, positive, target_precision, weights)
    flagged = oof >= threshold
    val_precision = float((weights * (flagged & positive)).sum() / max(1e-12, (weights * flagged).sum()))
    val_recall = float((weights * (flagged & positive)).sum() / max(1e-12, (weights * positive).sum()))
    real_data = real_data_report(data.dev, cv.folds, oof, threshold)

    estimator = fit_linear(matrix, y, weights, seed)

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
    model = ListingClassifier(features, estimator, threshold, version, calibrator=cv.calibrator)
    test_matrix, _ = features.transform([e.input for e in data.test])
    decisions = decide(full_proba(estimator, test_matrix), cv.calibrator, threshold)
    evaluation = compute_metrics(data.test, decisions, version)

    card = {
        "created_at": created.isoformat(timespec="seconds"),
        "model": {
            "type": "LogisticRegression (multinomial, lbfgs) + Platt-calibrated suspicion score",
            "C": C,
            "decision_rule": DECISION_RULE,
            "calibrator": {"a": round(cv.calibrator.a, 6), "b": round(cv.calibrator.b, 6)},
            "features": {
                "char_ngrams": f"(2,4) in padded words, sublinear tf-idf, {len(features.char.vocabulary_)}",
                "word_ngrams": f"word (1,2), tf-idf sublinear, {len(features.word.vocabulary_)} terms",
                "dense": features.dense_names(),
            },
            "score": "calibrated P(suspect offer) = Platt(1 - P(none))",
        },
        "data": {
            "sources": data.sources,
            "sizes": sizes,
            "weights": SOURCE_WEIGHTS,
            "seed": seed,
            "fast": fast,
        },
        "threshold_selection": {
            "target_precision": target_precision,
            "reached": reached,
            "method": f"lowest threshold reaching the target precision on grouped {CV_FOLDS}-fold "
            "out-of-fold scores of all development rows, weighted like training rows",
            "validation_precision": round(val_precision, 4),
            "validation_recall": round(val_recall, 4),
        },
        "metrics": {"split": "test (held-out templates + held-out bird ads)", **evaluation.to_dict()},
        "metrics_text": evaluation.to_text(),
        "real_data": real_data.to_dict(),
        "real_data_text": real_data.to_text(),
    }
    comparisons = output_dir / COMPARISONS_FILE
    if comparisons.is_file():
        card["comparisons"] = comparisons.read_text(encoding="utf-8").strip()
    card_path = model.save(output_dir / version, card)
    if make_current:
        pointer = {"version": version, "card": f"{version}/model-card.json"}
        (output_dir / CURRENT_POINTER).write_text(json.dumps(pointer, indent=2) + "\n", encoding="utf-8")
    return TrainReport(
        version=version,
        card_path=card_path,
        model_path=card_path.parent / MODEL_FILE,
        threshold=threshold,
        target_reached=reached,
        validation_precision=val_precision,
        validation_recall=val_recall,
        evaluation=evaluation,
        real_data=real_data,
        sizes=sizes,
        seconds=time.perf_counter() - started,
    )
