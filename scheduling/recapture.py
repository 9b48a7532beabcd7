"""Re-capture of still-open flagged listings after a scheduled crawl, so takedowns and edits are
preserved as evidence and not only noted in the listing history.

A listing is re-captured when an analyst has not dismissed it (its review item is ``new``,
``confirmed`` or ``escalated``: confirmed ones most of all, their takedown is what a case needs) and
either the crawl just recorded it as removed (the takedown itself, unless captured since), or it is
still active and its latest capture is older than ``scheduler.recapture_after_h`` or it has none.
Removed listings come first, then never-captured ones, then the stalest; at most
``scheduler.recapture_limit`` per crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from storage.capture_queue import enqueue_in
from storage.db import transaction
from storage.models import Capture, CaptureRequest, Listing, ListingVersion, ReviewItem, Site
from storage.types import utcnow

if TYPE_CHECKING:
    from scheduling.runtime import JobRuntime

#: review statuses of listings that are still worth watching (``dismissed`` ones are not)
OPEN_REVIEW_STATUSES = ("new", "confirmed", "escalated")
#: captures that preserved the page (a ``partial`` one still holds what could be fetched)
USABLE_CAPTURES = ("complete", "partial")
REASON = "recapture"


@dataclass(frozen=True)
class RecaptureResult:
    queued: int
    message: str = ""


def select_recaptures(
    session: Session, site_key: str, run_id: str | None, *, older_than: datetime, limit: int
) -> list[tuple[int, str]]:
    """(listing id, URL) of the site's listings due for a re-capture, most urgent first."""
    if limit <= 0:
        return []
    site_id = session.scalar(select(Site.id).where(Site.key == site_key))
    if site_id is None:
        return []
    last_capture = (
        select(Capture.listing_id.label("listing_id"), func.max(Capture.captured_at).label("at"))
        .where(Capture.listing_id.is_not(None), Capture.status.in_(USABLE_CAPTURES))
        .group_by(Capture.listing_id)
        .subquery()
    )
    removed_now = select(ListingVersion.listing_id).where(
        ListingVersion.kind == "removed", ListingVersion.run_id == run_id
    )
    waiting = select(CaptureRequest.listing_id).where(
        CaptureRequest.listing_id.is_not(None), CaptureRequest.status.in_(("queued", "running"))
    )
    taken_down = and_(
        Listing.status == "removed",
        Listing.id.in_(removed_now),
        or_(last_capture.c.at.is_(None), last_capture.c.at < Listing.removed_at),
    )
    stale = and_(
        Listing.status == "active",
        or_(last_capture.c.at.is_(None), last_capture.c.at < older_than),
    )
    query = (
        select(Listing.id, Listing.url)
        .join(ReviewItem, ReviewItem.listing_id == Listing.id)
        .outerjoin(last_capture, last_capture.c.listing_id == Listing.id)
        .where(
            Listing.site_id == site_id,
            ReviewItem.status.in_(OPEN_REVIEW_STATUSES),
            Listing.id.not_in(waiting),
            or_(taken_down, stale) if run_id is not None else stale,
        )
        .order_by(
            case((Listing.status == "removed", 0), else_=1),
            case((last_capture.c.at.is_(None), 0), else_=1),
            last_capture.c.at,
            Listing.id,
        )
        .limit(limit)
    )
    return [(listing_id, url) for listing_id, url in session.execute(query).tuples()]


def queue_recaptures(
    factory: sessionmaker[Session], site_key: str, run_id: str | None, *, after_h: float, limit: int
) -> int:
    """Queue the site's due re-captures (reason ``recapture``, tied to the run); returns how many."""
    with transaction(factory) as session:
        due = select_recaptures(
            session, site_key, run_id, older_than=utcnow() - timedelta(hours=after_h), limit=limit
        )
        return enqueue_in(session, due, REASON, run_id=run_id) if due else 0


def recapture_after_crawl(runtime: JobRuntime, site_key: str, run_id: str | None) -> RecaptureResult:
    """Queue the re-captures a finished scheduled crawl calls for, then take them with
    ``ecowarden capture --pending`` in a child process (or leave them queued when evidence capture
    is switched off, ``evidence.capture_on_flag = false``)."""
    from scheduling.children import ChildrenClosed

    settings = runtime.config.scheduler
    queued = queue_recaptures(
        runtime.factory, site_key, run_id, after_h=settings.recapture_after_h, limit=settings.recapture_limit
    )
    if not queued:
        return RecaptureResult(0)
    if not runtime.config.evidence.capture_on_flag:
        return RecaptureResult(queued, "left queued: evidence capture is off")
    try:
        done = runtime.children.run(runtime.ecowarden("capture", "--pending", "--json"))
    except ChildrenClosed:
        return RecaptureResult(queued, "left queued: the scheduler is stopping")
    if done.code == 0:
        return RecaptureResult(queued)
    return RecaptureResult(queued, f"capture --pending failed: {done.last_error_line() or done.code}")
