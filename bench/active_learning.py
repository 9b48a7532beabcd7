"""Learning from analysts on real posts: which decisions teach a retrained model most, per budget.

An analyst is simulated on the real ivory-sale posts (``wlt-osn``): the posts are split by account
(``group``) into two halves that share no account; one half is the analysts' pool, the other the
evaluation part, and then the other way round (the split is lopsided by nature: one account,
``wlt-osn:seed_0``, holds most of the offers, so one direction evaluates on it and the other
learns from it). The starting model is the shipped design trained on everything else (demo
catalogue, bird ads, dead-bat listings, hard negatives): the model as it was before analysts saw
those accounts. Then an analyst decides ``budget`` pool posts (their true label, weighted like an
analyst's decision: ``[classifier] decision_weight``), the model is retrained with them the
shipped way (grouped cross-validation -> calibrator and threshold for the target precision -> final
fit), and the evaluation part is scored at that threshold. Strategies for choosing the posts:

- **informative**: closest calibrated score to the threshold first (uncertainty sampling, the
  queue's ``order=informative``), in rounds (``--round``), the model retrained between rounds;
- **queue**: the same, but only among flagged posts, which is all the review queue holds
  (``review_items`` rows exist for flagged verdicts only): what the queue order can really give;
- **random**: a random sample of the pool (averaged over ``--seeds`` seeds).

Cost-saving choices (all the same for every strategy): the n-gram vocabularies are fitted once on
the text of every row, pool and evaluation included (unsupervised, as ``classifiers.crossval``
does for its held-out folds); between the budgets reported, a round's retraining refits only the
final model and keeps the last calibrator and threshold (the full cross-validation runs at each
reported budget); the demo catalogue, bird ads and hard negatives are capped (``--demo-size``,
``--birds``, ``--hard-negatives``). ``--bats`` moves the dead-bat listings, split by seller
likewise, into the pool and evaluation part too (their recall is then reported).

    python bench/active_learning.py [--budgets 50 100 200] [--round 25] [--seeds 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifiers.corpus import Example, build_training_set, decision_examples  # noqa: E402
from classifiers.crossval import cross_validate, fit_linear, full_proba  # noqa: E402
from classifiers.features import FeatureBuilder  # noqa: E402
from classifiers.model import ScoreCalibrator, decide, default_lexicon  # noqa: E402
from classifiers.realeval import DOMINANT_GROUP, BinaryFigures  # noqa: E402
from classifiers.training import choose_threshold  # noqa: E402
from classifiers.types import LabeledExample  # noqa: E402
from ecowarden.config import load_config  # noqa: E402

IVORY, BATS = "wlt-osn", "painted-bats"
STRATEGIES = ("informative", "queue", "random")
SEED = 0

# Set once in the parent before the worker processes fork, so they share them unpickled.
_ROWS: list[Example] = []
_MATRIX: sp.csr_matrix | None = None


@dataclass(frozen=True)
class Settings:
    target_precision: float
    decision_weight: float
    round_size: int
    budgets: tuple[int, ...]


@dataclass(frozen=True)
class Split:
    """One direction: which rows train the starting model, which are the pool, which evaluate."""

    name: str
    base: np.ndarray[Any, Any]
    pool: np.ndarray[Any, Any]
    evaluation: np.ndarray[Any, Any]


@dataclass
class Model:
    estimator: Any
    calibrator: ScoreCalibrator
    threshold: float
    reached: bool


@dataclass
class Point:
    """One trained model's figures on the evaluation part, after ``decisions`` decisions."""

    budget: int
    decisions: int
    offers_decided: int
    threshold: float
    figures: dict[str, BinaryFigures]
    average_precision: float
    notes: list[str] = field(default_factory=list)


def _matrix() -> sp.csr_matrix:
    assert _MATRIX is not None
    return _MATRIX


def _positive(indices: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return np.array([_ROWS[i].category != "none" for i in indices], dtype=bool)


def _training(base: np.ndarray[Any, Any], decided: Sequence[int], weight: float) -> tuple[Any, list[Example]]:
    """Training matrix and examples: the base rows plus the decisions as analysts' examples
    (``classifiers.corpus.decision_examples``, exactly how ``ecowarden train`` adds them)."""
    decisions = [LabeledExample(_ROWS[i].input, _ROWS[i].category, weight) for i in decided]
    examples = [_ROWS[i] for i in base] + decision_examples(decisions)
    rows = np.r_[base, np.asarray(decided, dtype=int)]
    return _matrix()[rows], examples


def train_full(base: np.ndarray[Any, Any], decided: Sequence[int], settings: Settings) -> Model:
    """The shipped way (``classifiers.training``/``crossval``): grouped out-of-fold scores -> calibrator and
    the lowest threshold reaching the target precision (rows weighted as in training) -> final fit."""
    matrix, examples = _training(base, decided, settings.decision_weight)
    y = np.array([e.label for e in examples], dtype=int)
    weights = np.array([e.weight for e in examples], dtype=float)
    cv = cross_validate(matrix, examples, SEED)
    threshold, reached = choose_threshold(cv.scores, y != 0, settings.target_precision, weights)
    return Model(fit_linear(matrix, y, weights, SEED), cv.calibrator, threshold, reached)


def refit(base: np.ndarray[Any, Any], decided: Sequence[int], previous: Model, settings: Settings) -> Model:
    """A round between reported budgets: a new final fit, the last calibrator and threshold."""
    matrix, examples = _training(base, decided, settings.decision_weight)
    y = np.array([e.label for e in examples], dtype=int)
    weights = np.array([e.weight for e in examples], dtype=float)
    estimator = fit_linear(matrix, y, weights, SEED)
    return Model(estimator, previous.calibrator, previous.threshold, previous.reached)


def scores_of(model: Model, indices: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    decisions = decide(full_proba(model.estimator, _matrix()[indices]), model.calibrator, model.threshold)
    scores: np.ndarray[Any, Any] = decisions.scores
    return scores


def evaluate(model: Model, split: Split, budget: int, decided: Sequence[int]) -> Point:
    scores = scores_of(model, split.evaluation)
    positive = _positive(split.evaluation)
    flagged = scores >= model.threshold
    sources = np.array([_ROWS[i].source for i in split.evaluation], dtype=object)
    figures = {
        name: BinaryFigures.of(positive[sources == name], flagged[sources == name])
        for name in (IVORY, BATS)
        if (sources == name).any()
    }
    ivory = sources == IVORY
    average_precision = float(average_precision_score(positive[ivory], scores[ivory]))
    notes = [] if model.reached else ["target precision not reached in cross-validation"]
    return Point(
        budget=budget,
        decisions=len(decided),
        offers_decided=int(_positive(np.asarray(decided, dtype=int)).sum()) if decided else 0,
        threshold=model.threshold,
        figures=figures,
        average_precision=average_precision,
        notes=notes,
    )


def run_start(split: Split, settings: Settings) -> tuple[Model, Point]:
    with threadpool_limits(1):
        model = train_full(split.base, [], settings)
        return model, evaluate(model, split, 0, [])


def run_closest(split: Split, start: Model, settings: Settings, flagged_only: bool) -> list[Point]:
    """Rounds of the posts closest to the threshold; retrained after each round, evaluated at
    each reported budget. ``flagged_only``: what the review queue holds (score >= threshold)."""
    with threadpool_limits(1):
        model = start
        decided: list[int] = []
        points: list[Point] = []
        remaining = set(split.pool.tolist())
        top = max(settings.budgets)
        while len(decided) < top and remaining:
            candidates = np.array(sorted(remaining), dtype=int)
            scores = scores_of(model, candidates)
            if flagged_only:
                keep = scores >= model.threshold
                candidates, scores = candidates[keep], scores[keep]
            if not candidates.size:
                break  # the queue is empty: nothing left above the threshold to decide
            size = min(settings.round_size, top - len(decided))
            # the next reported budget is never overshot by a round
            size = min(size, next(b for b in sorted(settings.budgets) if b > len(decided)) - len(decided))
            order = np.lexsort((candidates, np.abs(scores - model.threshold)))
            chosen = candidates[order[:size]].tolist()
            decided += chosen
            remaining.difference_update(chosen)
            if len(decided) in settings.budgets:
                model = train_full(split.base, decided, settings)
                points.append(evaluate(model, split, len(decided), decided))
            else:
                model = refit(split.base, decided, model, settings)
        reported = {p.budget for p in points}
        for budget in settings.budgets:
            if budget in reported:
                continue
            # the queue ran dry before this budget: the figures of all it held
            if points and points[-1].decisions == len(decided):
                dry = points[-1]
            else:
                dry = evaluate(train_full(split.base, decided, settings), split, budget, decided)
            note = f"queue ran dry after {len(decided)} decisions"
            points.append(replace(dry, budget=budget, notes=[*dry.notes, note]))
        return points


def run_random(split: Split, settings: Settings, seed: int) -> list[Point]:
    with threadpool_limits(1):
        pool = split.pool.tolist()
        random.Random(seed).shuffle(pool)
        points = []
        for budget in sorted(settings.budgets):
            decided = pool[:budget]
            points.append(evaluate(train_full(split.base, decided, settings), split, budget, decided))
        return points


# -- data -------------------------------------------------------------------------------------------
def load_rows(demo_size: int, birds: int, hard_negatives: int) -> tuple[list[Example], list[str]]:
    notes = []
    try:
        data = build_training_set(
            seeds=(1101,), size=demo_size, bird_dev_limit=birds, hard_negatives=hard_negatives or None
        )
    except Exception as exc:  # the lead edits the generator; a bench without them beats none
        notes.append(f"hard negatives unavailable ({type(exc).__name__}: {exc}); trained without them")
        data = build_training_set(seeds=(1101,), size=demo_size, bird_dev_limit=birds, hard_negatives=None)
    return data.dev, notes


def halves(indices: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Two parts of ``indices`` sharing no group (``GroupKFold``: deterministic, size-balanced)."""
    groups = np.array([_ROWS[i].group for i in indices], dtype=object)
    (_, first), (_, second) = GroupKFold(n_splits=2).split(np.zeros(len(indices)), groups=groups)
    return indices[first], indices[second]


def splits(with_bats: bool) -> list[Split]:
    sources = np.array([e.source for e in _ROWS], dtype=object)
    held_sources = (IVORY, BATS) if with_bats else (IVORY,)
    parts = [halves(np.flatnonzero(sources == name)) for name in held_sources]
    base = np.flatnonzero(~np.isin(sources, held_sources))
    a = np.concatenate([p[0] for p in parts])
    b = np.concatenate([p[1] for p in parts])
    return [Split("A", base, a, b), Split("B", base, b, a)]


def describe(indices: np.ndarray[Any, Any]) -> str:
    by_source = Counter(_ROWS[i].source for i in indices)
    offers = Counter(_ROWS[i].source for i in indices if _ROWS[i].category != "none")
    accounts = {_ROWS[i].group for i in indices if _ROWS[i].source == IVORY}
    parts = [f"{name} {n} ({offers[name]} offers)" for name, n in sorted(by_source.items())]
    dominant = ", incl. " + DOMINANT_GROUP if DOMINANT_GROUP in accounts else ""
    return ", ".join(parts) + f"; {len(accounts)} accounts{dominant}"


# -- report -----------------------------------------------------------------------------------------
def _mean_sd(values: Sequence[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f}±{statistics.stdev(values):.3f}"


def table(results: dict[str, list[list[Point]]], start: Point, with_bats: bool) -> list[str]:
    header = (
        f"  {'budget':>6} {'strategy':<12} {'decided':>7} {'offers':>7} {'thresh':>6} "
        f"{'F1':>11} {'precision':>11} {'recall':>11} {'flag/TP':>9} {'AP':>11}"
    )
    if with_bats:
        header += f" {'bats recall':>11}"
    lines = [header]

    def row(budget: int, name: str, runs: list[Point]) -> str:
        ivory = [p.figures[IVORY] for p in runs]
        flagged = statistics.mean(f.flagged for f in ivory)
        tp = statistics.mean(f.true_positives for f in ivory)
        text = (
            f"  {budget:>6} {name:<12} {statistics.mean(p.decisions for p in runs):>7.0f} "
            f"{statistics.mean(p.offers_decided for p in runs):>7.1f} "
            f"{statistics.mean(p.threshold for p in runs):>6.3f} "
            f"{_mean_sd([f.f1 for f in ivory]):>11} {_mean_sd([f.precision for f in ivory]):>11} "
            f"{_mean_sd([f.recall for f in ivory]):>11} {f'{flagged:.0f}/{tp:.0f}':>9} "
            f"{_mean_sd([p.average_precision for p in runs]):>11}"
        )
        if with_bats:
            text += f" {_mean_sd([p.figures[BATS].recall for p in runs if BATS in p.figures]):>11}"
        notes = sorted({n for p in runs for n in p.notes})
        return text + ("  " + "; ".join(notes) if notes else "")

    lines.append(row(0, "start", [start]))
    budgets = sorted({p.budget for runs in results.values() for points in runs for p in points})
    for budget in budgets:
        for name, runs in results.items():
            at = [p for points in runs for p in points if p.budget == budget]
            if at:
                label = f"{name} x{len(at)}" if len(at) > 1 else name
                lines.append(row(budget, label, at))
    return lines


def curve(all_results: dict[str, tuple[Point, dict[str, list[list[Point]]]]]) -> list[str]:
    """The F1 curve, budget x strategy, one column block per direction."""
    names = list(STRATEGIES)
    head = f"  {'budget':>6}" + "".join(f" {f'{d}:{n}':>16}" for d in all_results for n in names)
    lines = [head]
    budgets = sorted(
        {p.budget for _s, res in all_results.values() for runs in res.values() for pts in runs for p in pts}
    )
    for budget in [0, *budgets]:
        cells = []
        for start, res in all_results.values():
            for name in names:
                if budget == 0:
                    cells.append(f"{start.figures[IVORY].f1:.3f}")
                    continue
                at = [p.figures[IVORY].f1 for runs in res.get(name, []) for p in runs if p.budget == budget]
                cells.append(_mean_sd(at) if at else "-")
        lines.append(f"  {budget:>6}" + "".join(f" {c:>16}" for c in cells))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budgets", type=int, nargs="+", default=[50, 100, 200])
    parser.add_argument("--round", type=int, default=25, help="decisions per round before retraining")
    parser.add_argument("--seeds", type=int, default=3, help="random-strategy repetitions")
    parser.add_argument("--demo-size", type=int, default=3000, help="demo catalogue size (one seed)")
    parser.add_argument("--birds", type=int, default=2000, help="bird ads sampled for training")
    parser.add_argument("--hard-negatives", type=int, default=200, help="per language; 0 for none")
    parser.add_argument("--bats", action="store_true", help="dead-bat listings in the pool/evaluation too")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--decision-weight", type=float, default=None, help="default: the config's")
    args = parser.parse_args()
    started = time.perf_counter()
    config = load_config(os.environ.get("ECOWARDEN_CONFIG") or ROOT / "ecowarden.toml")
    settings = Settings(
        target_precision=config.classifier.target_precision,
        decision_weight=args.decision_weight or config.classifier.decision_weight,
        round_size=max(1, args.round),
        budgets=tuple(sorted(set(args.budgets))),
    )

    global _ROWS, _MATRIX
    _ROWS, notes = load_rows(args.demo_size, args.birds, args.hard_negatives)
    features = FeatureBuilder(default_lexicon()).fit([e.input for e in _ROWS])
    _MATRIX, _ = features.transform([e.input for e in _ROWS])
    prepared = time.perf_counter() - started
    sizes = ", ".join(f"{k} {v}" for k, v in sorted(Counter(e.source for e in _ROWS).items()))
    print(
        f"{len(_ROWS)} development rows ({sizes}), features in {prepared:.0f} s; decisions weigh "
        f"{settings.decision_weight:g}, target precision {settings.target_precision:g}, "
        f"rounds of {settings.round_size}"
    )
    for note in notes:
        print("note:", note)

    directions = splits(args.bats)
    context = multiprocessing.get_context("fork")
    all_results: dict[str, tuple[Point, dict[str, list[list[Point]]]]] = {}
    with ProcessPoolExecutor(max_workers=max(1, args.jobs), mp_context=context) as executor:
        starts = {s.name: executor.submit(run_start, s, settings) for s in directions}
        started_models = {name: future.result() for name, future in starts.items()}
        jobs: dict[str, dict[str, list[Future[list[Point]]]]] = {}
        for split in directions:
            model = started_models[split.name][0]
            jobs[split.name] = {
                "informative": [executor.submit(run_closest, split, model, settings, False)],
                "queue": [executor.submit(run_closest, split, model, settings, True)],
                "random": [executor.submit(run_random, split, settings, seed) for seed in range(args.seeds)],
            }
        for split in directions:
            results = {name: [f.result() for f in futures] for name, futures in jobs[split.name].items()}
            all_results[split.name] = (started_models[split.name][1], results)

    for split in directions:
        start, results = all_results[split.name]
        print(f"\n== direction {split.name} ==")
        print(f"  starting model trained on: {describe(split.base)}")
        print(f"  analysts' pool:            {describe(split.pool)}")
        print(f"  evaluation part:           {describe(split.evaluation)}")
        print(f"  figures on the evaluation part's {IVORY} posts (random: mean±sd over {args.seeds} seeds)")
        for line in table(results, start, args.bats):
            print(line)
    print(f"\n== {IVORY} F1 on the evaluation part, budget x strategy (A, then B) ==")
    for line in curve(all_results):
        print(line)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
    print(f"\n{time.perf_counter() - started:.0f} s wall, {cpu:.0f} s CPU, {args.jobs} worker processes")


if __name__ == "__main__":
    main()
