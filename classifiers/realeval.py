"""Real-data figures from grouped out-of-fold scores: per set, per fold, pooled.

These are the figures that say whether the classifier works on text nobody here wrote: the
ivory-sale posts (F1, precision, recall; the fold holding the dominant trader's group out is the
honest measure of an unseen seller), the dead-bat listings (recall: every row is an offer), the
real bird ads (false-positive rate) and the generated hard negatives (false-positive rate).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from classifiers.corpus import Example

#: The set whose positives come mostly from one group, and that group.
IVORY_SET = "wlt-osn"
DOMINANT_GROUP = "wlt-osn:seed_0"


@dataclass(frozen=True)
class BinaryFigures:
    """Suspect-offer detection on one slice: counts and precision/recall/F1."""

    n: int
    positives: int
    flagged: int
    true_positives: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.flagged if self.flagged else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives if self.positives else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def false_positive_rate(self) -> float:
        negatives = self.n - self.positives
        return (self.flagged - self.true_positives) / negatives if negatives else 0.0

    @classmethod
    def of(cls, positive: np.ndarray[Any, Any], flagged: np.ndarray[Any, Any]) -> BinaryFigures:
        return cls(
            n=int(positive.size),
            positives=int(positive.sum()),
            flagged=int(flagged.sum()),
            true_positives=int((positive & flagged).sum()),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "false_positive_rate": round(self.false_positive_rate, 4),
        }


@dataclass
class RealDataReport:
    """Grouped cross-validation on the development data, at one threshold."""

    threshold: float
    folds: int
    per_set: dict[str, BinaryFigures]
    per_fold: dict[str, list[BinaryFigures]]
    dominant_fold: int | None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "folds": self.folds,
            "per_set": {name: figures.to_dict() for name, figures in self.per_set.items()},
            "per_fold": {name: [f.to_dict() for f in figs] for name, figs in self.per_fold.items()},
            "dominant_group": DOMINANT_GROUP,
            "dominant_fold": self.dominant_fold,
            "notes": self.notes,
        }

    def to_text(self) -> str:
        lines = [
            f"real data: {self.folds}-fold cross-validation grouped by account/seller/template, "
            f"threshold {self.threshold:.4f}",
            "",
            f"{'set':<16} {'fold':>5} {'n':>6} {'pos':>5} {'flag':>5} {'prec':>6} {'recall':>6} "
            f"{'F1':>6} {'FPR':>6}",
        ]
        for name, pooled in self.per_set.items():
            lines.append(_row(name, "all", pooled))
            for fold, figures in enumerate(self.per_fold.get(name, [])):
                mark = "*" if name == IVORY_SET and fold == self.dominant_fold else ""
                lines.append(_row("", f"{fold}{mark}", figures))
        if self.dominant_fold is not None:
            lines.append(
                f"* fold {self.dominant_fold} holds out {DOMINANT_GROUP} (the seller of most positives)"
            )
        lines += self.notes
        return "\n".join(lines)


def _row(name: str, fold: str, f: BinaryFigures) -> str:
    return (
        f"{name:<16} {fold:>5} {f.n:>6} {f.positives:>5} {f.flagged:>5} {f.precision:>6.3f} "
        f"{f.recall:>6.3f} {f.f1:>6.3f} {f.false_positive_rate:>6.3f}"
    )


#: Sets reported, in order; hard negatives are the generated ``none`` rows only.
REPORTED_SETS = ("wlt-osn", "painted-bats", "bird-ads", "hard-negative")


def set_mask(examples: Sequence[Example], name: str) -> np.ndarray[Any, Any]:
    """Rows of one reported set (``hard-negative`` = every generated or demo hard negative)."""
    if name == "hard-negative":
        return np.array([e.hard_negative for e in examples], dtype=bool)
    return np.array([e.source == name for e in examples], dtype=bool)


def real_data_report(
    examples: Sequence[Example], folds: np.ndarray[Any, Any], scores: np.ndarray[Any, Any], threshold: float
) -> RealDataReport:
    """Figures per reported set (pooled and per fold) from out-of-fold calibrated scores."""
    positive = np.array([e.category != "none" for e in examples], dtype=bool)
    flagged = scores >= threshold
    n_folds = int(folds.max()) + 1 if folds.size else 0
    per_set: dict[str, BinaryFigures] = {}
    per_fold: dict[str, list[BinaryFigures]] = {}
    for name in REPORTED_SETS:
        mask = set_mask(examples, name)
        if not mask.any():
            continue
        per_set[name] = BinaryFigures.of(positive[mask], flagged[mask])
        per_fold[name] = [
            BinaryFigures.of(positive[mask & (folds == k)], flagged[mask & (folds == k)])
            for k in range(n_folds)
        ]
    dominant = [int(folds[i]) for i, e in enumerate(examples) if e.group == DOMINANT_GROUP]
    return RealDataReport(
        threshold=float(threshold),
        folds=n_folds,
        per_set=per_set,
        per_fold=per_fold,
        dominant_fold=dominant[0] if dominant else None,
    )
