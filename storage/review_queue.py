"""Keep the analysts' queue (``review_items``) in step with the classifier's verdicts.

Called inside the transaction that inserts verdicts, so a flag is never stored without its queue
row. A listing enters the queue when a verdict flags it; a later flagged verdict (the listing
changed) refreshes its score, title and language, and reopens it if an analyst had dismissed the
earlier version: the new content was never reviewed. Confirmed and escalated items keep their
status.

A verdict may carry ``threshold``, its model's flagging threshold (the classifier's writers pass
it): the queue row then stores ``uncertainty`` = |score − threshold|, the key of the queue's
"informative" order, and every new verdict refreshes it with the new model's threshold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from storage.models import Listing, ReviewItem
from storage.types import utcnow

_CHUNK = 500
#: a verdict without its model's threshold is as far from it as a score can be: last in the
#: "informative" order (the column's default, so rows queued before migration 0009 agree)
UNKNOWN_UNCERTAINTY = 1.0
#: stored at the precision scores are (``classifiers.model.SCORE_DECIMALS``)
_DECIMALS = 6


def country_of(location: str | None, extra: dict[str, Any] | None) -> str | None:
    """An ISO 3166 alpha-2 code when the extraction found one; free-text locations stay None."""
    code = (extra or {}).get("country")
    if isinstance(code, str) and len(code) == 2 and code.isalpha():
        return code.upper()
    return None


def queue_language(identified: str | None, declared: str | None) -> str | None:
    """The language the queue filters on: what the text is written in; what the page declares
    only when the text was undecidable (or stored before identification)."""
    return identified or declared


def uncertainty_of(score: float, threshold: Any) -> float:
    """How far a verdict is from its model's flagging threshold, |score − threshold|.

    Closest first is uncertainty sampling: where the model is least sure, an analyst's decision
    is the likeliest to change a retrained model. A missing or unusable threshold gives
    :data:`UNKNOWN_UNCERTAINTY` rather than a guess, which would put the item at a wrong place.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        return UNKNOWN_UNCERTAINTY
    if not math.isfinite(threshold) or not 0.0 <= threshold <= 1.0:
        return UNKNOWN_UNCERTAINTY
    return round(abs(float(score) - float(threshold)), _DECIMALS)


def sync_review_items(session: Session, verdicts: Sequence[dict[str, Any]]) -> int:
    """Upsert queue rows for the flagged ones among freshly inserted verdicts; returns how many."""
    flagged = {v["listing_id"]: v for v in verdicts if v.get("flagged")}
    if not flagged:
        return 0
    ids = sorted(flagged)
    listings: dict[int, Any] = {}
    existing: dict[int, Any] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        listings.update(
            (row.id, row)
            for row in session.execute(
                select(
                    Listing.id,
                    Listing.site_id,
                    Listing.seller_id,
                    Listing.language,
                    Listing.text_language,
                    Listing.location,
                    Listing.extra,
                    Listing.title,
                    Listing.first_seen_at,
                ).where(Listing.id.in_(chunk))
            )
        )
        existing.update(
            (row.listing_id, row)
            for row in session.execute(
                select(ReviewItem.listing_id, ReviewItem.status, ReviewItem.version).where(
                    ReviewItem.listing_id.in_(chunk)
                )
            )
        )
    now = utcnow()
    new_rows, updates = [], []
    for listing_id in ids:
        verdict, listing = flagged[listing_id], listings.get(listing_id)
        if listing is None:
            continue
        common = {
            "score": float(verdict["score"]),
            "uncertainty": uncertainty_of(verdict["score"], verdict.get("threshold")),
            "category": verdict["category"],
            "model_version": verdict["model_version"],
            "title": (listing.title or "")[:1000],
            "language": queue_language(listing.text_language, listing.language),
            "updated_at": now,
        }
        current = existing.get(listing_id)
        if current is None:
            new_rows.append(
                {
                    "listing_id": listing_id,
                    "site_id": listing.site_id,
                    "seller_id": listing.seller_id,
                    "country": country_of(listing.location, listing.extra),
                    "first_seen_at": listing.first_seen_at,
                    "status": "new",
                    "version": 1,
                    **common,
                }
            )
        else:
            reopened = current.status == "dismissed"
            updates.append(
                {
                    "listing_id": listing_id,
                    "version": current.version + 1,
                    "status": "new" if reopened else current.status,
                    "updated_by": "classifier" if reopened else None,
                    **common,
                }
            )
    if new_rows:
        session.execute(insert(ReviewItem), new_rows)
    if updates:
        session.execute(update(ReviewItem), updates)
    return len(new_rows) + len(updates)
