"""Recent crawl runs and schedule firings, as the CLI, the review app and its API show them.

Pages go newest first with a keyset (``before`` = the last run id shown), so an installation with
years of hourly runs pages as fast as a new one. The workers of cluster runs come from
``run_workers`` in one extra query per page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from monitoring.alerts import SiteAlert
from monitoring.figures import ERRORS, FLAGGED, PAGES, errors_by_type, figure, listings, stored_listings
from scheduling.records import FiringRecord
from storage.models import CrawlRun, RunWorker, ScheduleRun, Site

MAX_LIMIT = 500
_RUN_ID = re.compile(r"[0-9A-Za-z-]{1,36}")


class UnknownRun(ValueError):
    """A paging key that names no run (edited, or the run was deleted)."""


@dataclass(frozen=True)
class WorkerRow:
    worker_id: str
    hostname: str
    pid: int
    status: str


@dataclass(frozen=True)
class RunRow:
    id: str
    site: str
    trigger: str
    mode: str
    status: str
    finish_reason: str | None
    started_at: datetime
    finished_at: datetime | None
    resumes: int
    pages: int
    new: int
    changed: int
    unchanged: int
    removed: int
    reappeared: int
    stored: int
    flagged: int
    errors: int
    errors_by_type: dict[str, int]
    workers: list[WorkerRow] = field(default_factory=list)

    @property
    def duration_s(self) -> float | None:
        """Wall time from start to end (a resumed run includes its pauses); None while running."""
        if self.finished_at is None:
            return None
        return round((self.finished_at - self.started_at).total_seconds(), 1)

    @property
    def workers_summary(self) -> str:
        if not self.workers:
            return ""
        by_status = Counter(w.status for w in self.workers)
        return f"{len(self.workers)} (" + ", ".join(f"{n} {s}" for s, n in sorted(by_status.items())) + ")"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "site": self.site,
            "trigger": self.trigger,
            "mode": self.mode,
            "status": self.status,
            "finish_reason": self.finish_reason,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "duration_s": self.duration_s,
            "resumes": self.resumes,
            "pages": self.pages,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "reappeared": self.reappeared,
            "stored": self.stored,
            "flagged": self.flagged,
            "errors": self.errors,
            "errors_by_type": self.errors_by_type,
            "workers": [
                {"worker_id": w.worker_id, "hostname": w.hostname, "pid": w.pid, "status": w.status}
                for w in self.workers
            ],
        }


def _row(run: CrawlRun, site: str, workers: list[WorkerRow]) -> RunRow:
    stats = run.stats or {}
    return RunRow(
        id=run.id,
        site=site,
        trigger=run.trigger,
        mode=run.mode,
        status=run.status,
        finish_reason=run.finish_reason,
        started_at=run.started_at,
        finished_at=run.finished_at,
        resumes=run.resumes,
        pages=figure(stats, PAGES),
        new=listings(stats, "new"),
        changed=listings(stats, "changed"),
        unchanged=listings(stats, "unchanged"),
        removed=listings(stats, "removed"),
        reappeared=listings(stats, "reappeared"),
        stored=stored_listings(stats),
        flagged=figure(stats, FLAGGED),
        errors=figure(stats, ERRORS),
        errors_by_type=errors_by_type(stats),
        workers=workers,
    )


def recent_runs(session: Session, limit: int, before: str | None = None) -> list[RunRow]:
    """Up to ``limit`` runs, newest first; ``before`` continues after that run (keyset paging)."""
    limit = max(1, min(limit, MAX_LIMIT))
    query = select(CrawlRun, Site.key).join(Site, Site.id == CrawlRun.site_id)
    if before is not None:
        if not _RUN_ID.fullmatch(before):
            raise UnknownRun("not a run id")
        anchor = session.execute(
            select(CrawlRun.started_at, CrawlRun.id).where(CrawlRun.id == before)
        ).one_or_none()
        if anchor is None:
            raise UnknownRun(f"no run {before!r}")
        query = query.where(
            or_(
                CrawlRun.started_at < anchor.started_at,
                and_(CrawlRun.started_at == anchor.started_at, CrawlRun.id < anchor.id),
            )
        )
    rows = session.execute(query.order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)).all()
    ids = [run.id for run, _ in rows]
    workers: dict[str, list[WorkerRow]] = {}
    if ids:
        for w in session.scalars(
            select(RunWorker).where(RunWorker.run_id.in_(ids)).order_by(RunWorker.run_id, RunWorker.id)
        ):
            workers.setdefault(w.run_id, []).append(WorkerRow(w.worker_id, w.hostname, w.pid, w.status))
    return [_row(run, key, workers.get(run.id, [])) for run, key in rows]


def runs_with_alerts(runs: list[RunRow], alerts: list[SiteAlert]) -> dict[str, Any]:
    """Runs and alerts as JSON (CLI and API alike): each run says whether its site is alerted."""
    alerted = {a.site for a in alerts}
    return {
        "runs": [{**run.as_dict(), "site_alerted": run.site in alerted} for run in runs],
        "alerts": [a.as_dict() for a in alerts],
    }


def recent_schedule_runs(session: Session, limit: int) -> list[FiringRecord]:
    """The newest firings of schedules (ran, failed, skipped, missed) with their messages."""
    rows = session.scalars(
        select(ScheduleRun)
        .order_by(ScheduleRun.started_at.desc(), ScheduleRun.id.desc())
        .limit(max(1, min(limit, MAX_LIMIT)))
    )
    return [FiringRecord.of(r) for r in rows]
