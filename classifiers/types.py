"""The classifier's input and output records, shared by the model, the JSONL reader and the CLI.

Kept free of scikit-learn so callers (crawler pipeline, review app) can build inputs and read
predictions without importing the model stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from storage.records import ListingContent, Verdict

#: The five labels, ``none`` first; the order is part of the feature schema of a saved model.
CATEGORIES: tuple[str, ...] = ("none", "wildlife", "timber", "minerals", "waste")
SUSPECT_CATEGORIES: tuple[str, ...] = CATEGORIES[1:]


@dataclass(frozen=True)
class ListingInput:
    """One listing as the classifier sees it: text plus the little metadata that helps."""

    id: str
    title: str
    description: str
    price: Decimal | None = None
    currency: str | None = None
    url: str | None = None
    lang: str | None = None
    seller: str | None = None

    @classmethod
    def of(
        cls, id: str, content: ListingContent, *, url: str | None, text_language: str | None = None
    ) -> ListingInput:
        """A listing's content as the classifier reads it: the language identified from its text
        when there is one, else the one its page declares."""
        return cls(
            id=id,
            title=content.title or "",
            description=content.description or "",
            price=content.price,
            currency=content.currency,
            url=url,
            lang=text_language or content.language,
            seller=content.seller_name,
        )


@dataclass(frozen=True)
class Prediction:
    """A verdict on one listing, stamped with the model version so stored verdicts stay traceable."""

    id: str
    category: str
    score: float
    flagged: bool
    reasons: list[dict[str, Any]] = field(default_factory=list)
    model_version: str = ""

    def verdict(self, threshold: float | None = None) -> Verdict:
        """The verdict as stored with the listing version it judged (``threshold``: the model's)."""
        return Verdict(
            model_version=self.model_version,
            category=self.category,
            score=self.score,
            flagged=self.flagged,
            reasons=tuple(self.reasons),
            threshold=threshold,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape written by ``ecowarden classify`` and stored with the prediction."""
        return {
            "id": self.id,
            "category": self.category,
            "score": self.score,
            "flagged": self.flagged,
            "reasons": self.reasons,
            "model_version": self.model_version,
        }


@dataclass(frozen=True)
class LabeledExample:
    """A labelled listing for training, e.g. an analyst's decision.

    A *dismissed* decision is category ``none``; a *confirmed* one carries the confirmed category.
    ``weight`` multiplies the example's influence relative to one synthetic listing.
    """

    input: ListingInput
    category: str
    weight: float = 10.0

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}; expected one of {CATEGORIES}")
        if not self.weight > 0:
            raise ValueError("weight must be positive")
