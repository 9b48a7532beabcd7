"""Classifier verdicts and analysts' decisions: what the classifier reads and writes in storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload, sessionmaker

from storage.db import transaction
from storage.models import Decision, Listing, Prediction, ReviewItem, Seller
from storage.records import LISTING_COLUMNS, ListingContent, ListingSnapshot, Verdict
from storage.review_queue import sync_review_items

DECISION_ACTIONS = ("confirm", "dismiss", "escalate")


def latest_prediction(session: Session, listing_id: int) -> Prediction | None:
    """The verdict on the listing's newest judged version (the newest verdict if several)."""
    return session.scalars(
        select(Prediction)
        .where(Prediction.listing_id == listing_id)
        .order_by(Prediction.listing_version.desc(), Prediction.id.desc())
        .limit(1)
    ).first()


#: listing ids per IN (...) query
_IN_BATCH = 500


def latest_predictions(session: Session, listing_ids: Sequence[int]) -> dict[int, Prediction]:
    """:func:`latest_prediction` of many listings, a few queries in all (by listing id)."""
    latest: dict[int, Prediction] = {}
    ids = list(listing_ids)
    for start in range(0, len(ids), _IN_BATCH):
        rows = session.scalars(
            select(Prediction)
            .where(Prediction.listing_id.in_(ids[start : start + _IN_BATCH]))
            .order_by(Prediction.listing_id, Prediction.listing_version, Prediction.created_at, Prediction.id)
        )
        for row in rows:
            latest[row.listing_id] = row  # ordered ascending: the last one wins
    return latest


@dataclass(frozen=True)
class StoredListing:
    """A stored listing at its current version, with the content a classifier reads (title,
    description, price, currency, declared language, seller name)."""

    id: int
    version: int
    url: str
    content: ListingContent
    #: identified from the title and description
    text_language: str | None = None


@dataclass(frozen=True)
class TrainingDecision:
    listing: StoredListing
    action: str
    category: str | None


def _stored(row: Any) -> StoredListing:
    return StoredListing(
        id=row.id,
        version=row.version,
        url=row.url,
        content=ListingContent(
            title=row.title,
            description=row.description,
            price=row.price,
            currency=row.currency,
            language=row.language,
            seller_name=row.seller_name,
        ),
        text_language=row.text_language,
    )


def _listing_columns() -> list[Any]:
    return [
        Listing.id,
        Listing.version,
        Listing.url,
        Listing.title,
        Listing.description,
        Listing.price,
        Listing.currency,
        Listing.language,
        Listing.text_language,
        Seller.name.label("seller_name"),
    ]


def insert_predictions(session: Session, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Insert within the caller's transaction, skipping (listing, version, model) already stored;
    returns the rows actually inserted (the new verdicts, e.g. to queue captures of new flags).

    A row's optional ``threshold`` (its model's) is for the queue (``storage.review_queue``), not
    a column of ``predictions``: the model card keeps it once per model version.
    """
    if not rows:
        return []
    keys = {(r["listing_id"], r["listing_version"], r["model_version"]) for r in rows}
    listing_ids = sorted({k[0] for k in keys})
    existing: set[tuple[int, int, str]] = set()
    for start in range(0, len(listing_ids), 500):
        existing.update(
            session.execute(
                select(Prediction.listing_id, Prediction.listing_version, Prediction.model_version).where(
                    Prediction.listing_id.in_(listing_ids[start : start + 500])
                )
            ).tuples()
        )
    fresh: dict[tuple[int, int, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["listing_id"], row["listing_version"], row["model_version"])
        if key not in existing:
            fresh[key] = row
    if fresh:
        session.execute(
            insert(Prediction), [{k: v for k, v in r.items() if k != "threshold"} for r in fresh.values()]
        )
        sync_review_items(session, list(fresh.values()))
    return list(fresh.values())


class PredictionStore:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def unclassified(
        self, model_version: str, *, after_id: int = 0, limit: int = 1000
    ) -> list[StoredListing]:
        """Active listings whose current version has no prediction from ``model_version``, by id.

        Keyset-paged (``after_id``) so a million listings are walked in constant memory.
        """
        predicted = and_(
            Prediction.listing_id == Listing.id,
            Prediction.listing_version == Listing.version,
            Prediction.model_version == model_version,
        )
        query = (
            select(*_listing_columns())
            .outerjoin(Seller, Seller.id == Listing.seller_id)
            .outerjoin(Prediction, predicted)
            .where(Listing.id > after_id, Listing.status == "active", Prediction.id.is_(None))
            .order_by(Listing.id)
            .limit(limit)
        )
        with self._factory() as session:
            return [_stored(row) for row in session.execute(query)]

    def save(self, rows: Sequence[dict[str, Any]]) -> int:
        """Insert predictions (listing_id, listing_version, model_version, category, score, flagged,
        reasons, and the model's threshold for the queue); ones already stored for the same listing
        version and model are skipped."""
        if not rows:
            return 0
        with transaction(self._factory) as session:
            return len(insert_predictions(session, rows))

    def record_decision(
        self,
        listing_id: int,
        action: str,
        analyst: str,
        *,
        category: str | None = None,
        reason: str | None = None,
    ) -> int:
        if action not in DECISION_ACTIONS:
            raise ValueError(f"unknown decision {action!r}; one of {', '.join(DECISION_ACTIONS)}")
        with transaction(self._factory) as session:
            decision = Decision(
                listing_id=listing_id, action=action, analyst=analyst, category=category, reason=reason
            )
            session.add(decision)
            session.flush()
            return decision.id

    def training_decisions(self) -> list[TrainingDecision]:
        """The latest confirm/dismiss per listing: an analyst who changed their mind counts once.

        A listing whose review was reopened (by an analyst, or because its content changed after
        a dismissal) or escalated teaches nothing until it is decided again."""
        query = (
            select(*_listing_columns(), Decision.action, Decision.category, Decision.id.label("decision_id"))
            .join(Listing, Listing.id == Decision.listing_id)
            .outerjoin(Seller, Seller.id == Listing.seller_id)
            .outerjoin(ReviewItem, ReviewItem.listing_id == Decision.listing_id)
            .where(Decision.action.in_(("confirm", "dismiss")))
            .where(or_(ReviewItem.listing_id.is_(None), ReviewItem.status.in_(("confirmed", "dismissed"))))
            .order_by(Decision.id)
        )
        latest: dict[int, TrainingDecision] = {}
        with self._factory() as session:
            for row in session.execute(query):
                latest[row.id] = TrainingDecision(_stored(row), row.action, row.category)
        return list(latest.values())


def verdict_of(prediction: Prediction) -> Verdict:
    return Verdict(
        model_version=prediction.model_version,
        category=prediction.category,
        score=prediction.score,
        flagged=prediction.flagged,
        reasons=tuple(prediction.reasons or ()),
    )


def verdict_summary(prediction: Prediction | None, *, reasons: bool = True) -> dict[str, Any] | None:
    """A stored verdict as plain data (for capture metadata, bundles and the API), or None."""
    if prediction is None:
        return None
    return verdict_of(prediction).summary(prediction.listing_version, reasons=reasons)


def stored_snapshot(session: Session, listing_id: int) -> tuple[ListingSnapshot, Prediction | None] | None:
    """A stored listing at its current version, with the newest verdict on it (which may be on
    an earlier version: its ``listing_version`` says), or None when there is no such listing."""
    listing = session.scalars(
        select(Listing)
        .where(Listing.id == listing_id)
        .options(joinedload(Listing.seller), selectinload(Listing.images))
    ).first()
    if listing is None:
        return None
    seller = listing.seller
    content = ListingContent(
        **{name: getattr(listing, name) for name in LISTING_COLUMNS},
        seller_name=None if seller is None else seller.name,
        seller_id=None if seller is None else seller.external_id,
        images=tuple(image.url for image in listing.images),
    )
    snapshot = ListingSnapshot(
        listing_id=listing.id,
        version=listing.version,
        status=listing.status,
        url=listing.url,
        content=content,
        seller_key=None if seller is None else seller.key,
        first_seen_at=listing.first_seen_at,
        last_seen_at=listing.last_seen_at,
        run_id=listing.last_run_id,
    )
    return snapshot, latest_prediction(session, listing_id)
