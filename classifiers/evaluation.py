"""Held-out metrics: per-category precision/recall/F1/PR-AUC, macro-F1, queue precision, confusion.

Only test-split examples are accepted: a figure measured on training data says nothing about
listings the model has never seen, so ``evaluate`` refuses anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.metrics import average_precision_score, confusion_matrix, precision_recall_fscore_support

from classifiers.corpus import TEST, Example
from classifiers.types import CATEGORIES

if TYPE_CHECKING:
    from classifiers.corpus import TrainingSet
    from classifiers.crossval import CrossValidation
    from classifiers.model import Decisions, ListingClassifier
    from classifiers.realeval import RealDataReport

QUEUE_TOP = 100


@dataclass(frozen=True)
class CategoryMetrics:
    precision: float
    recall: float
    f1: float
    pr_auc: float
    support: int


@dataclass
class EvaluationReport:
    """Metrics on the held-out test split (demo templates never trained on + held-out bird ads)."""

    model_version: str
    threshold: float
    n_test: int
    macro_f1: float
    per_category: dict[str, CategoryMetrics]
    precision_at_100: float
    flagged_precision: float
    flagged_recall: float
    confusion: list[list[int]]
    bird_ads_n: int
    bird_ads_fpr: float
    hard_negative_n: int
    hard_negative_fpr: float
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["confusion_labels"] = list(CATEGORIES)
        return data

    def to_text(self) -> str:
        """A plain-text table for the terminal and the model card."""
        lines = [
            f"model {self.model_version}  threshold {self.threshold:.4f}  test listings {self.n_test}",
            "",
            f"{'category':<10} {'precision':>9} {'recall':>7} {'F1':>7} {'PR-AUC':>7} {'support':>8}",
        ]
        for name, m in self.per_category.items():
            scores = f"{m.precision:>9.3f} {m.recall:>7.3f} {m.f1:>7.3f} {m.pr_auc:>7.3f}"
            lines.append(f"{name:<10} {scores} {m.support:>8d}")
        lines += [
            "",
            f"macro-F1 {self.macro_f1:.3f}",
            f"precision in top {QUEUE_TOP} of the queue {self.precision_at_100:.3f}",
            f"flagged: precision {self.flagged_precision:.3f}, recall {self.flagged_recall:.3f}",
            f"bird ads (real, held out): false-positive rate {self.bird_ads_fpr:.4f} of {self.bird_ads_n}",
            f"demo hard negatives: false-positive rate {self.hard_negative_fpr:.4f}"
            f" of {self.hard_negative_n}",
            "",
            "confusion (rows = truth, columns = predicted): " + " ".join(CATEGORIES),
        ]
        for name, row in zip(CATEGORIES, self.confusion, strict=True):
            lines.append(f"{name:<10} " + " ".join(f"{v:>8d}" for v in row))
        lines += self.notes
        return "\n".join(lines)


def _safe_rate(numerator: int, denominator: int) -> float:
    return float(numerator) / denominator if denominator else 0.0


def compute_metrics(
    examples: Sequence[Example], decisions: Decisions, model_version: str
) -> EvaluationReport:
    """Metrics of the model's decisions (category, score, flag) against the examples' labels."""
    y = np.array([e.label for e in examples], dtype=int)
    labels = list(range(len(CATEGORIES)))
    predicted = decisions.labels
    scores = decisions.scores
    proba = decisions.proba
    flagged = decisions.flagged
    precision, recall, f1, support = precision_recall_fscore_support(
        y, predicted, labels=labels, zero_division=0
    )
    per_category: dict[str, CategoryMetrics] = {}
    for i, name in enumerate(CATEGORIES):
        positives = y == i
        pr_auc = float(average_precision_score(positives, proba[:, i])) if positives.any() else 0.0
        per_category[name] = CategoryMetrics(
            float(precision[i]), float(recall[i]), float(f1[i]), pr_auc, int(support[i])
        )
    suspect = y != 0
    top = np.argsort(-scores, kind="stable")[:QUEUE_TOP]
    birds = np.array([e.source == "bird-ads" for e in examples], dtype=bool)
    hard = np.array([e.hard_negative for e in examples], dtype=bool)
    return EvaluationReport(
        model_version=model_version,
        threshold=float(decisions.threshold),
        n_test=len(examples),
        macro_f1=float(np.mean(f1)) if len(examples) else 0.0,
        per_category=per_category,
        precision_at_100=float(suspect[top].mean()) if top.size else 0.0,
        flagged_precision=_safe_rate(int((flagged & suspect).sum()), int(flagged.sum())),
        flagged_recall=_safe_rate(int((flagged & suspect).sum()), int(suspect.sum())),
        confusion=confusion_matrix(y, predicted, labels=labels).tolist(),
        bird_ads_n=int(birds.sum()),
        bird_ads_fpr=_safe_rate(int((flagged & birds).sum()), int(birds.sum())),
        hard_negative_n=int(hard.sum()),
        hard_negative_fpr=_safe_rate(int((flagged & hard).sum()), int(hard.sum())),
    )


@dataclass
class FullEvaluation:
    """What ``ecowarden evaluate`` prints: the demo's held-out split and the real-data figures."""

    demo: EvaluationReport
    real_data: RealDataReport | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "demo": self.demo.to_dict(),
            "real_data": self.real_data.to_dict() if self.real_data else None,
        }

    def to_text(self) -> str:
        parts = ["== demo held-out split ==", self.demo.to_text()]
        if self.real_data is not None:
            parts += ["", "== real data ==", self.real_data.to_text()]
        return "\n".join(parts)


def evaluate(
    classifier: ListingClassifier,
    examples: Sequence[Example] | None = None,
    *,
    seeds: Sequence[int] | None = None,
    size: int | None = None,
) -> EvaluationReport:
    """Evaluate on held-out examples; by default the test split of the data the model's card names.

    ``seeds``/``size`` regenerate the demo catalogue (a different seed gives fresh listings from
    the same held-out templates). Raises ``ValueError`` if any example is not from the test split.
    """
    if examples is None:
        from classifiers.corpus import build_training_set

        demo = _demo_source(classifier)
        training = build_training_set(
            seeds=tuple(seeds or demo.get("seeds", (1101,))),
            size=int(size or demo.get("size_per_seed", 2000)),
            bird_dev_limit=0,
            real=False,
            hard_negatives=None,
        )
        examples = training.test
    leaked = [e.input.id for e in examples if e.split != TEST]
    if leaked:
        raise ValueError(
            f"evaluate() takes held-out test examples only; {len(leaked)} are not (e.g. {leaked[0]})"
        )
    return compute_metrics(examples, classifier.decide([e.input for e in examples]), classifier.version)


def _demo_source(classifier: ListingClassifier) -> dict[str, Any]:
    sources: list[dict[str, Any]] = classifier.card.get("data", {}).get("sources", [])
    return next((s for s in sources if s.get("name") == "demo-catalogue"), {})


def cross_validated(classifier: ListingClassifier, *, seed: int = 0) -> tuple[TrainingSet, CrossValidation]:
    """Grouped cross-validation of this model's design on the data its card names, real sets included.

    The model's own feature builder (fitted vocabularies) and threshold are kept; the linear model
    and its calibrator are refitted per fold, exactly as training measured them, so the figures
    can be re-derived from a clean checkout and compared with the card.
    """
    from classifiers.corpus import build_training_set
    from classifiers.crossval import cross_validate

    demo = _demo_source(classifier)
    sources = classifier.card.get("data", {}).get("sources", [])
    hard: dict[str, Any] = next((s for s in sources if s.get("name") == "hard-negatives"), {})
    birds: dict[str, Any] = next((s for s in sources if s.get("name") == "bird-ads"), {})
    data = build_training_set(
        seeds=tuple(demo.get("seeds", (1101,))),
        size=int(demo.get("size_per_seed", 2000)),
        bird_dev_limit=birds.get("dev_sample", 4000),
        real=any(s.get("name") in ("wlt-osn", "painted-bats") for s in sources),
        hard_negatives=hard.get("per_language"),
    )
    matrix, _ = classifier.features.transform([e.input for e in data.dev])
    return data, cross_validate(matrix, data.dev, seed)


def evaluate_real(classifier: ListingClassifier, *, seed: int = 0) -> RealDataReport:
    """Real-data figures (``classifiers.realeval``) at the model's shipped threshold."""
    from classifiers.realeval import real_data_report

    data, cv = cross_validated(classifier, seed=seed)
    return real_data_report(data.dev, cv.folds, cv.scores, classifier.threshold)


def evaluate_all(classifier: ListingClassifier, *, real: bool = True) -> FullEvaluation:
    """The demo held-out split and (``real``) the grouped cross-validation on the real sets."""
    return FullEvaluation(evaluate(classifier), evaluate_real(classifier) if real else None)
