"""What became of each firing of a schedule (``schedule_runs``): ran, failed, skipped or missed.

Every firing leaves a row, including the ones that did not crawl: an analyst asking "why was this
site not crawled last night" finds the answer (overlap, missed while the scheduler was down) in the
same place as the runs that happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.models import ScheduleRun
from storage.types import utcnow

OUTCOMES = ("running", "finished", "failed", "skipped", "missed")
MAX_MESSAGE = 2000


@dataclass(frozen=True)
class FiringRecord:
    id: int
    job_id: str
    site_key: str
    scheduled_for: datetime | None
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    run_id: str | None
    exit_code: int | None
    message: str
    recaptures_queued: int

    @classmethod
    def of(cls, row: ScheduleRun) -> FiringRecord:
        return cls(
            id=row.id,
            job_id=row.job_id,
            site_key=row.site_key,
            scheduled_for=row.scheduled_for,
            started_at=row.started_at,
            finished_at=row.finished_at,
            outcome=row.outcome,
            run_id=row.run_id,
            exit_code=row.exit_code,
            message=row.message,
            recaptures_queued=row.recaptures_queued,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "job_id": self.job_id,
            "site": self.site_key,
            "scheduled_for": _iso(self.scheduled_for),
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "outcome": self.outcome,
            "run_id": self.run_id,
            "exit_code": self.exit_code,
            "message": self.message,
            "recaptures_queued": self.recaptures_queued,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _check(outcome: str) -> None:
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")


def _add(factory: sessionmaker[Session], **fields: Any) -> int:
    with transaction(factory) as session:
        row = ScheduleRun(**{"message": "", "recaptures_queued": 0, **fields})
        session.add(row)
        session.flush()
        return row.id


def start(factory: sessionmaker[Session], job_id: str, site_key: str, scheduled_for: datetime | None) -> int:
    """A firing that is about to run: recorded first, so a scheduler killed mid-crawl leaves a trace."""
    return _add(
        factory,
        job_id=job_id,
        site_key=site_key,
        scheduled_for=scheduled_for,
        started_at=utcnow(),
        outcome="running",
    )


def attach_run(factory: sessionmaker[Session], record_id: int, run_id: str | None, exit_code: int) -> None:
    """The crawl ended (its run id is known) while the firing still has work to do (re-captures)."""
    with transaction(factory) as session:
        session.execute(
            update(ScheduleRun).where(ScheduleRun.id == record_id).values(run_id=run_id, exit_code=exit_code)
        )


def finish(
    factory: sessionmaker[Session],
    record_id: int,
    outcome: str,
    *,
    message: str = "",
    run_id: str | None = None,
    exit_code: int | None = None,
    recaptures_queued: int = 0,
) -> None:
    _check(outcome)
    values: dict[str, Any] = {
        "outcome": outcome,
        "finished_at": utcnow(),
        "message": message[:MAX_MESSAGE],
        "recaptures_queued": recaptures_queued,
    }
    if run_id is not None:
        values["run_id"] = run_id
    if exit_code is not None:
        values["exit_code"] = exit_code
    with transaction(factory) as session:
        session.execute(update(ScheduleRun).where(ScheduleRun.id == record_id).values(**values))


def note(
    factory: sessionmaker[Session],
    job_id: str,
    site_key: str,
    scheduled_for: datetime | None,
    outcome: str,
    message: str,
) -> int:
    """A firing that did not run (skipped, missed): started and finished in the same instant."""
    _check(outcome)
    now = utcnow()
    return _add(
        factory,
        job_id=job_id,
        site_key=site_key,
        scheduled_for=scheduled_for,
        started_at=now,
        finished_at=now,
        outcome=outcome,
        message=message[:MAX_MESSAGE],
    )


def abandon_running(factory: sessionmaker[Session]) -> int:
    """Firings left "running" by a scheduler that died; called by the next one, which holds the
    only scheduler lease of the database, so none of them can still be running."""
    with transaction(factory) as session:
        result = session.execute(
            update(ScheduleRun)
            .where(ScheduleRun.outcome == "running")
            .values(
                outcome="failed",
                finished_at=utcnow(),
                message="the scheduler stopped before this run ended",
            )
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def latest(factory: sessionmaker[Session], job_ids: list[str]) -> dict[str, FiringRecord]:
    """The most recent firing of each job, in one query."""
    if not job_ids:
        return {}
    newest = (
        select(func.max(ScheduleRun.id))
        .where(ScheduleRun.job_id.in_(job_ids))
        .group_by(ScheduleRun.job_id)
        .scalar_subquery()
    )
    with factory() as session:
        rows = session.scalars(select(ScheduleRun).where(ScheduleRun.id.in_(newest)))
        return {row.job_id: FiringRecord.of(row) for row in rows}


def history(
    factory: sessionmaker[Session], *, site_key: str | None = None, limit: int = 20
) -> list[FiringRecord]:
    """Firings, newest first."""
    query = select(ScheduleRun).order_by(ScheduleRun.id.desc()).limit(limit)
    if site_key is not None:
        query = query.where(ScheduleRun.site_key == site_key)
    with factory() as session:
        return [FiringRecord.of(row) for row in session.scalars(query)]
