"""The one definition of "this site's yield dropped to zero", computed from the database.

A scheduled crawl that keeps finishing while storing nothing is the quiet failure of a scraper:
the marketplace changed its layout, the configured selectors match nothing, and every run looks
healthy. So, per site: its last ended run finished normally (a failed or interrupted run says
what went wrong through its status; a running one is not judged yet), stored no listings,
fetched at least ``min_pages`` pages, and some earlier run stored listings. The alert holds for
every further empty run until a run stores listings again (a broken site does not heal by being
crawled twice). The CLI (``ecowarden runs --check``), the review app's ``/runs`` page and its
``ecowarden_site_yield_dropped`` gauge all call :func:`site_alerts` or :func:`yield_dropped`;
nothing else decides it.

One query for all sites (``row_number()`` over each site's ended runs, newest first: SQLite
3.25+ and PostgreSQL), then, only for sites whose last run stored nothing, a walk back through
that site's runs to its last productive one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from monitoring.figures import PAGES, figure, listings, stored_listings
from storage.models import CrawlRun, Site

#: statuses of a run that is over (a "failed" cluster run may still have workers finishing)
FINISHED_STATUSES = ("finished", "failed", "interrupted")


@dataclass(frozen=True)
class SiteRunState:
    """A site's last finished run, with what the finished run before it stored."""

    site: str
    run_id: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    pages: int
    stored: int
    removed: int
    #: the site's last earlier run that stored listings (for an empty last run), or else the
    #: run just before the last one
    previous_run_id: str | None
    previous_stored: int | None
    #: runs in a row, up to the last one, that stored nothing
    empty_runs: int = 0

    @property
    def ok(self) -> bool:
        return self.status == "finished"

    @property
    def ended_at(self) -> datetime:
        return self.finished_at or self.started_at


@dataclass(frozen=True)
class SiteAlert:
    site: str
    run_id: str
    previous_run_id: str
    pages: int
    removed: int
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "run_id": self.run_id,
            "previous_run_id": self.previous_run_id,
            "pages": self.pages,
            "removed": self.removed,
            "message": self.message,
        }


def yield_dropped(state: SiteRunState, min_pages: int) -> bool:
    """The alert condition itself (see the module docstring)."""
    return (
        state.ok
        and state.stored == 0
        and state.previous_stored is not None
        and state.previous_stored > 0
        and state.pages >= max(min_pages, 0)
    )


def site_states(session: Session) -> list[SiteRunState]:
    """Every site that has a finished run: its last one and the one before, by site key."""
    rank = (
        func.row_number()
        .over(partition_by=CrawlRun.site_id, order_by=(CrawlRun.started_at.desc(), CrawlRun.id.desc()))
        .label("rank")
    )
    ranked = (
        select(
            CrawlRun.id,
            CrawlRun.site_id,
            CrawlRun.status,
            CrawlRun.started_at,
            CrawlRun.finished_at,
            CrawlRun.stats,
            rank,
        )
        .where(CrawlRun.status.in_(FINISHED_STATUSES))
        .subquery()
    )
    rows = session.execute(
        select(ranked, Site.key)
        .join(Site, Site.id == ranked.c.site_id)
        .where(ranked.c.rank <= 2)
        .order_by(Site.key, ranked.c.rank)
    ).all()
    newest: dict[str, Any] = {}
    before: dict[str, Any] = {}
    for row in rows:
        (newest if row.rank == 1 else before)[row.key] = row
    states = []
    for key, last in newest.items():
        stats = last.stats or {}
        previous = before.get(key)
        stored = stored_listings(stats)
        empty_runs = 0
        if stored == 0 and previous is not None and stored_listings(previous.stats or {}) == 0:
            previous, empty_runs = _last_productive(session, last.site_id, last.started_at)
        states.append(
            SiteRunState(
                site=key,
                run_id=last.id,
                status=last.status,
                started_at=last.started_at,
                finished_at=last.finished_at,
                pages=figure(stats, PAGES),
                stored=stored,
                removed=listings(stats, "removed"),
                previous_run_id=None if previous is None else previous.id,
                previous_stored=None if previous is None else stored_listings(previous.stats or {}),
                empty_runs=(empty_runs or 1) if stored == 0 else 0,
            )
        )
    return states


def _last_productive(session: Session, site_id: int, before: datetime) -> tuple[Any, int]:
    """The site's newest ended run before ``before`` that stored listings (None if none), and how
    many runs in a row stored nothing, the last one included. Streams newest first: the walk is
    as long as the site has been broken, not as long as its history."""
    empty = 1
    rows = session.execute(
        select(CrawlRun.id, CrawlRun.stats)
        .where(
            CrawlRun.site_id == site_id,
            CrawlRun.status.in_(FINISHED_STATUSES),
            CrawlRun.started_at < before,
        )
        .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        .execution_options(yield_per=100)
    )
    for row in rows:
        if stored_listings(row.stats or {}) > 0:
            return row, empty
        empty += 1
    return None, empty


def alert_for(state: SiteRunState, min_pages: int) -> SiteAlert | None:
    if not yield_dropped(state, min_pages) or state.previous_run_id is None:
        return None
    streak = f" ({state.empty_runs} runs in a row)" if state.empty_runs > 1 else ""
    message = (
        f"{state.site}: yield dropped to zero: run {state.run_id} fetched {state.pages} pages and "
        f"stored no listings{streak}; the last productive run ({state.previous_run_id}) stored "
        f"{state.previous_stored}"
        + (f"; {state.removed} listings marked removed" if state.removed else "")
        + " (did the site's layout change?)"
    )
    return SiteAlert(
        site=state.site,
        run_id=state.run_id,
        previous_run_id=state.previous_run_id,
        pages=state.pages,
        removed=state.removed,
        message=message,
    )


def site_alerts(session: Session, min_pages: int) -> list[SiteAlert]:
    """Every site whose yield dropped to zero, by site key."""
    return alerts_of(site_states(session), min_pages)


def alerts_of(states: list[SiteRunState], min_pages: int) -> list[SiteAlert]:
    """The alerts among states already read (callers that also show the states read them once)."""
    found = (alert_for(state, min_pages) for state in states)
    return [alert for alert in found if alert is not None]
