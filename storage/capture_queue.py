"""The capture queue: listings waiting for the browser, kept in the database so nothing is lost.

Requests are claimed with a compare-and-set update (``queued`` -> ``running`` only if still
queued), so several workers, in one process or on several machines, never capture the same
request twice. A request left ``running`` by a worker that died is handed out again once its claim
is older than the capture timeout allows any live worker to be. Failures are retried a few times,
then kept as ``failed`` with the last error for an analyst to see.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.models import CaptureRequest, Listing
from storage.records import ListingSnapshot
from storage.types import utcnow

MAX_ATTEMPTS = 3
REASONS = frozenset({"flagged", "on_demand", "case", "recapture"})


@dataclass(frozen=True)
class QueuedCapture:
    id: int
    url: str
    listing_id: int | None
    run_id: str | None
    attempts: int
    #: the listing version the request was queued for, as the queueing writer held it
    snapshot: ListingSnapshot | None = None


def enqueue_in(
    session: Session,
    items: Sequence[tuple[int | None, str]],
    reason: str,
    run_id: str | None = None,
    *,
    snapshots: Mapping[int, ListingSnapshot] | None = None,
) -> int:
    """Queue (listing_id, url) pairs inside the caller's transaction; a listing already waiting is
    not queued twice. Returns how many were queued.

    ``snapshots``: by listing id, the version that made the request (kept with it for the worker).
    """
    if reason not in REASONS:
        raise ValueError(f"unknown capture reason {reason!r}")
    listing_ids = [listing_id for listing_id, _ in items if listing_id is not None]
    waiting: set[int] = set()
    for start in range(0, len(listing_ids), 500):
        waiting.update(
            session.scalars(
                select(CaptureRequest.listing_id).where(
                    CaptureRequest.listing_id.in_(listing_ids[start : start + 500]),
                    CaptureRequest.status.in_(("queued", "running")),
                )
            )
        )
    rows = []
    for listing_id, url in items:
        if listing_id is not None and listing_id in waiting:
            continue
        if listing_id is not None:
            waiting.add(listing_id)
        snapshot = None if listing_id is None or snapshots is None else snapshots.get(listing_id)
        rows.append(
            CaptureRequest(
                listing_id=listing_id,
                url=url,
                reason=reason,
                run_id=run_id,
                status="queued",
                listing_snapshot=None if snapshot is None else snapshot.to_json(),
            )
        )
    session.add_all(rows)
    return len(rows)


class CaptureQueue:
    def __init__(self, factory: sessionmaker[Session], *, stale_after_s: float = 900.0) -> None:
        self._factory = factory
        self._stale_after = timedelta(seconds=stale_after_s)

    def enqueue_listings(self, listing_ids: Sequence[int], reason: str) -> int:
        """Queue stored listings by id; unknown ids raise ValueError naming them."""
        with transaction(self._factory) as session:
            rows = session.execute(select(Listing.id, Listing.url).where(Listing.id.in_(list(listing_ids))))
            found = {listing_id: url for listing_id, url in rows.tuples()}
            missing = [i for i in listing_ids if i not in found]
            if missing:
                raise ValueError(f"no listing with id {', '.join(map(str, missing))}")
            return enqueue_in(session, [(i, found[i]) for i in listing_ids], reason)

    def enqueue_url(self, url: str, reason: str = "on_demand") -> int:
        with transaction(self._factory) as session:
            return enqueue_in(session, [(None, url)], reason)

    def claim(self, *, run_id: str | None = None, exclude: Collection[int] = ()) -> QueuedCapture | None:
        """Take the oldest waiting request (or a dead worker's), or None when there is none.

        ``exclude``: requests this worker already tried in this pass (a failure goes back to the
        queue for a later pass, not for an immediate, equally doomed retry)."""
        while True:
            with transaction(self._factory) as session:
                stale = utcnow() - self._stale_after
                query = select(CaptureRequest).where(
                    or_(
                        CaptureRequest.status == "queued",
                        (CaptureRequest.status == "running") & (CaptureRequest.claimed_at < stale),
                    )
                )
                if run_id is not None:
                    query = query.where(CaptureRequest.run_id == run_id)
                if exclude:
                    query = query.where(CaptureRequest.id.not_in(list(exclude)))
                candidate = session.scalars(query.order_by(CaptureRequest.id).limit(1)).first()
                if candidate is None:
                    return None
                if candidate.status == "running" and candidate.attempts >= MAX_ATTEMPTS:
                    # its workers died with it every time (a page that crashes the browser or
                    # exhausts memory): stop handing it out
                    candidate.status = "failed"
                    candidate.last_error = f"the worker died on each of {candidate.attempts} attempts"
                    session.flush()
                    continue
                taken = session.execute(
                    update(CaptureRequest)
                    .where(
                        CaptureRequest.id == candidate.id,
                        CaptureRequest.status == candidate.status,
                        CaptureRequest.attempts == candidate.attempts,
                    )
                    .values(status="running", claimed_at=utcnow(), attempts=CaptureRequest.attempts + 1)
                    .execution_options(synchronize_session=False)
                )
                if taken.rowcount == 1:  # type: ignore[attr-defined]
                    return QueuedCapture(
                        candidate.id,
                        candidate.url,
                        candidate.listing_id,
                        candidate.run_id,
                        candidate.attempts + 1,
                        _read_snapshot(candidate.listing_snapshot),
                    )
            # another worker took it between our read and our update: look again

    def done(self, request_id: int, capture_id: str) -> None:
        with transaction(self._factory) as session:
            session.execute(
                update(CaptureRequest)
                .where(CaptureRequest.id == request_id)
                .values(status="done", capture_id=capture_id, last_error=None)
            )

    def failed(self, request_id: int, error: str, *, retry: bool = True) -> str:
        """Record a failure; the request goes back to the queue until it has used its attempts."""
        with transaction(self._factory) as session:
            request = session.get(CaptureRequest, request_id)
            if request is None:
                return "missing"
            final = not retry or request.attempts >= MAX_ATTEMPTS
            request.status = "failed" if final else "queued"
            request.last_error = error[:2000]
            return request.status

    def counts(self, *, run_id: str | None = None) -> dict[str, int]:
        with self._factory() as session:
            query = select(CaptureRequest.status, func.count()).group_by(CaptureRequest.status)
            if run_id is not None:
                query = query.where(CaptureRequest.run_id == run_id)
            return {status: count for status, count in session.execute(query).tuples()}


def _read_snapshot(data: dict[str, Any] | None) -> ListingSnapshot | None:
    """A stored snapshot, or None when there is none or it cannot be read (the worker then reads
    the listing itself: an unreadable snapshot must not cost the capture)."""
    if data is None:
        return None
    try:
        return ListingSnapshot.from_json(data)
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None
