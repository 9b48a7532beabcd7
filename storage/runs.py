"""Crawl runs shared by several worker processes: who took part, what each did, how it ended.

A local run is opened and closed by one process (``ListingStore.start_run``/``finish_run``). A
cluster run is opened once by whoever submits it and then joined by any number of workers; each
worker adds its counters when it leaves, and exactly one of them (the one that sees the shared
queue drained) completes the run.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.models import CrawlRun, ListingVersion, RunWorker, Site
from storage.types import utcnow

#: a worker's status never overrides a worse one already recorded for the run
_SEVERITY = {"running": 0, "finished": 1, "interrupted": 2, "failed": 3}


def merge_run_stats(session: Session, run: CrawlRun, stats: dict[str, Any]) -> None:
    """Add one process's counters to the run's, then recount what the database holds.

    Numbers add up across processes (resumed or parallel); other values are replaced. The
    listing counts come from the committed versions: a process killed outright never reported
    its counters, but the versions it committed say what it found.
    """
    merged = dict(run.stats or {})
    for key, value in stats.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            merged[key] = merged.get(key, 0) + value
        else:
            merged[key] = value
    recorded = session.execute(
        select(ListingVersion.kind, func.count())
        .where(ListingVersion.run_id == run.id)
        .group_by(ListingVersion.kind)
    ).tuples()
    for kind, count in recorded:
        merged[f"ecowarden/listings/{kind}"] = count
    run.stats = merged


class RunRecords:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def join(self, run_id: str, worker_id: str, hostname: str, pid: int) -> bool:
        """Record a worker joining; False when the run is unknown or already over."""
        with transaction(self._factory) as session:
            run = session.get(CrawlRun, run_id)
            if run is None or run.status != "running":
                return False
            existing = session.scalar(
                select(RunWorker).where(RunWorker.run_id == run_id, RunWorker.worker_id == worker_id)
            )
            if existing is None:
                session.add(RunWorker(run_id=run_id, worker_id=worker_id, hostname=hostname[:255], pid=pid))
            else:
                existing.status, existing.left_at = "running", None
            return True

    def leave(self, run_id: str, worker_id: str, status: str, stats: dict[str, Any]) -> None:
        """A worker's share ends: its counters join the run's; a failure marks the run failed."""
        with transaction(self._factory) as session:
            run = session.get(CrawlRun, run_id, with_for_update=True)
            if run is None:
                return
            session.execute(
                update(RunWorker)
                .where(RunWorker.run_id == run_id, RunWorker.worker_id == worker_id)
                .values(status=status, left_at=utcnow(), stats=stats)
            )
            merge_run_stats(session, run, {k: v for k, v in stats.items() if k != "finish_reason"})
            if status == "failed" and run.status in ("running", "finished"):
                run.status = "failed"
                run.finish_reason = "a worker failed"

    def mark_lost(self, run_id: str, worker_ids: list[str]) -> None:
        """Workers that stopped heartbeating: their requests were re-queued by a survivor."""
        if not worker_ids:
            return
        with transaction(self._factory) as session:
            session.execute(
                update(RunWorker)
                .where(
                    RunWorker.run_id == run_id,
                    RunWorker.worker_id.in_(worker_ids),
                    RunWorker.status == "running",
                )
                .values(status="lost", left_at=utcnow())
            )

    def complete(self, run_id: str, status: str, reason: str) -> None:
        """End a cluster run (called once, by the worker that found its queue drained)."""
        with transaction(self._factory) as session:
            run = session.get(CrawlRun, run_id, with_for_update=True)
            if run is None:
                return
            if _SEVERITY.get(run.status, 0) > _SEVERITY.get(status, 0):
                status = run.status
                reason = run.finish_reason or reason
            merge_run_stats(session, run, {})
            run.status = status
            run.finish_reason = reason
            run.finished_at = utcnow()

    def reopen(self, run_id: str, reason: str) -> bool:
        """Make a cluster run that ended with ``reason`` running again (resumed); False when it
        is not such a run (another process resumed it first, or it ended otherwise)."""
        with transaction(self._factory) as session:
            run = session.get(CrawlRun, run_id, with_for_update=True)
            if run is None or run.mode != "cluster" or run.finish_reason != reason or run.status == "running":
                return False
            run.status, run.finish_reason, run.finished_at = "running", None, None
            run.resumes += 1
            return True

    def running_cluster_runs(self, site_key: str | None = None) -> list[str]:
        """Ids of the cluster runs the database says are running (of one site, or of all)."""
        query = select(CrawlRun.id).where(CrawlRun.mode == "cluster", CrawlRun.status == "running")
        if site_key is not None:
            query = query.join(Site, Site.id == CrawlRun.site_id).where(Site.key == site_key)
        with self._factory() as session:
            return list(session.scalars(query.order_by(CrawlRun.started_at)))

    def latest(self, site_key: str) -> dict[str, Any] | None:
        """The site's most recent run (as :meth:`run` describes it), None for a site never crawled."""
        with self._factory() as session:
            run_id = session.scalar(
                select(CrawlRun.id)
                .join(Site, Site.id == CrawlRun.site_id)
                .where(Site.key == site_key)
                .order_by(CrawlRun.started_at.desc())
                .limit(1)
            )
        return None if run_id is None else self.run(run_id)

    def status(self, run_id: str) -> str | None:
        with self._factory() as session:
            return session.scalar(select(CrawlRun.status).where(CrawlRun.id == run_id))

    def run(self, run_id: str) -> dict[str, Any] | None:
        with self._factory() as session:
            run = session.get(CrawlRun, run_id)
            if run is None:
                return None
            return {
                "id": run.id,
                "status": run.status,
                "finish_reason": run.finish_reason,
                "started_at": run.started_at,
                "finished_at": run.finished_at,
                "stats": dict(run.stats or {}),
                "mode": run.mode,
                "trigger": run.trigger,
                "resumes": run.resumes,
            }

    def workers(self, run_id: str) -> list[dict[str, Any]]:
        with self._factory() as session:
            rows = session.scalars(
                select(RunWorker).where(RunWorker.run_id == run_id).order_by(RunWorker.joined_at)
            ).all()
            return [
                {
                    "worker_id": w.worker_id,
                    "hostname": w.hostname,
                    "pid": w.pid,
                    "joined_at": w.joined_at,
                    "left_at": w.left_at,
                    "status": w.status,
                    "stats": dict(w.stats or {}),
                }
                for w in rows
            ]


def elapsed_s(started: datetime, finished: datetime | None) -> float:
    return ((finished or utcnow()) - started).total_seconds()
