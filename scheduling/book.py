"""The book of schedules: APScheduler's job store (``apscheduler_jobs``) in the project database.

One schedule per site, job id ``crawl:<site key>``. The CLI edits the book through a paused
scheduler over the same job store (APScheduler's documented way to add jobs without running them);
the running ``ecowarden scheduler`` reads the book from the database and picks the edits up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from apscheduler.jobstores.base import ConflictingIdError, JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import Engine

from ecowarden.config import SchedulerConfig
from scheduling.apsched import SafeScheduler
from scheduling.cron import parse_cron
from scheduling.jobs import JOB_FUNC, job_id_for
from storage.models import APSCHEDULER_JOBS

MISSED_POLICIES = ("run-once", "skip")
#: under "skip", a firing may start this late and still run (the scheduler was busy a moment);
#: later than that it is recorded as missed
SKIP_GRACE_S = 5
#: APScheduler's job id column is 191 characters wide (the largest indexable key in MySQL)
MAX_JOB_ID = 191


class ScheduleError(ValueError):
    """A schedule that cannot be made as asked (bad policy, too long a site key, already there)."""


class ScheduleExists(ScheduleError):
    """The site has a schedule already and ``replace`` was not asked for."""


class NoSuchSchedule(LookupError):
    """The site has no schedule."""


def check_missed(value: str, where: str) -> str:
    """The missed-run policy, or a :class:`ScheduleError` naming where the bad value came from."""
    if value not in MISSED_POLICIES:
        raise ScheduleError(f"{where} must be 'run-once' or 'skip', got {value!r}")
    return value


def check_settings(settings: SchedulerConfig) -> None:
    """The ``[scheduler]`` section, checked before anything is scheduled or started: a typo there
    would otherwise surface hours later as a schedule that never behaves as meant."""
    check_missed(settings.missed, "[scheduler] missed (ECOWARDEN_SCHEDULER_MISSED)")
    minimums = (
        ("max_parallel", settings.max_parallel, 1),
        ("missed_grace_s", settings.missed_grace_s, 0),
        ("recapture_after_h", settings.recapture_after_h, 0),
        ("recapture_limit", settings.recapture_limit, 0),
    )
    for name, value, least in minimums:
        if value < least:
            raise ScheduleError(f"[scheduler] {name} must be at least {least}, got {value}")
    if settings.lease_ttl_s <= 0:
        raise ScheduleError(f"[scheduler] lease_ttl_s must be positive, got {settings.lease_ttl_s}")


def misfire_grace(policy: str, missed_grace_s: float) -> int | None:
    """APScheduler's misfire grace for a policy: how late a firing may still start.

    "run-once": any firing missed while the scheduler was down is caught up once (coalesced), unless
    it is later than ``missed_grace_s`` (0: no limit). "skip": only a few seconds of slack."""
    check_missed(policy, "the missed-run policy")
    if policy == "skip":
        return SKIP_GRACE_S
    return max(1, math.ceil(missed_grace_s)) if missed_grace_s > 0 else None


@dataclass(frozen=True)
class Schedule:
    job_id: str
    #: what is crawled: a configured site name or a URL (the ``crawl`` argument)
    site: str
    site_key: str
    cron: str
    missed: str
    base_url: str | None
    next_run_at: datetime | None
    misfire_grace_s: int | None
    #: a search-crawl schedule: the watchlist it runs
    watch: str | None = None

    @classmethod
    def of(cls, job: Any) -> Schedule:
        kwargs: dict[str, Any] = dict(job.kwargs)
        next_run = job.next_run_time
        return cls(
            job_id=str(job.id),
            site=str(kwargs.get("site", "")),
            site_key=str(kwargs.get("site_key", "")),
            cron=str(kwargs.get("cron", "")),
            missed=str(kwargs.get("missed", "")),
            base_url=kwargs.get("base_url") or None,
            next_run_at=next_run.astimezone(UTC) if isinstance(next_run, datetime) else None,
            misfire_grace_s=job.misfire_grace_time,
            watch=kwargs.get("watch") or None,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "site": self.site,
            "site_key": self.site_key,
            "cron": self.cron,
            "missed": self.missed,
            "base_url": self.base_url,
            "watch": self.watch,
            "next_run_at": self.next_run_at.isoformat() if self.next_run_at else None,
        }


def job_store(engine: Engine) -> SQLAlchemyJobStore:
    """The job store on the project database, in the table migration 0006 created."""
    return SQLAlchemyJobStore(engine=engine, tablename=APSCHEDULER_JOBS.name)


class ScheduleBook:
    """Add, list and remove schedules; use as a context manager (it holds a paused scheduler)."""

    def __init__(self, engine: Engine) -> None:
        self._scheduler = SafeScheduler(timezone=UTC, jobstores={"default": job_store(engine)})
        self._scheduler.start(paused=True)

    def close(self) -> None:
        self._scheduler.shutdown(wait=False)

    def __enter__(self) -> ScheduleBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(
        self,
        *,
        site: str,
        site_key: str,
        cron: str,
        missed: str,
        base_url: str | None = None,
        missed_grace_s: float = 0.0,
        replace: bool = False,
        watch: str | None = None,
    ) -> Schedule:
        """Schedule crawls of a site; raises :class:`ScheduleExists` if it has a schedule and not
        ``replace``, :class:`scheduling.cron.CronError` for a bad expression."""
        trigger = parse_cron(cron)
        job_id = job_id_for(site_key, watch)
        if len(job_id) > MAX_JOB_ID:
            raise ScheduleError(f"site key too long for a schedule ({len(site_key)} characters): {site_key}")
        what = f"{site_key} (searching {watch})" if watch else site_key
        if not replace and self._scheduler.get_job(job_id) is not None:
            raise ScheduleExists(f"{what} already has a schedule (use --replace to change it)")
        try:
            job = self._scheduler.add_job(
                JOB_FUNC,
                trigger=trigger,
                id=job_id,
                name=site_key,
                kwargs={
                    "site": site,
                    "site_key": site_key,
                    "base_url": base_url,
                    "cron": " ".join(cron.split()),
                    "missed": missed,
                    **({"watch": watch} if watch else {}),
                },
                misfire_grace_time=misfire_grace(missed, missed_grace_s),
                coalesce=True,
                max_instances=1,
                replace_existing=replace,
            )
        except ConflictingIdError:  # added by someone else between our look and our insert
            raise ScheduleExists(f"{what} already has a schedule (use --replace to change it)") from None
        return Schedule.of(self._scheduler.get_job(job.id) or job)

    def remove(self, site_key: str, watch: str | None = None) -> None:
        try:
            self._scheduler.remove_job(job_id_for(site_key, watch))
        except JobLookupError:
            what = f"{site_key} has no schedule searching {watch}" if watch else f"{site_key} has no schedule"
            raise NoSuchSchedule(what) from None

    def get(self, site_key: str, watch: str | None = None) -> Schedule | None:
        job = self._scheduler.get_job(job_id_for(site_key, watch))
        return Schedule.of(job) if job is not None else None

    def all(self) -> list[Schedule]:
        """Every schedule, soonest first (paused ones, without a next run, last)."""
        return [Schedule.of(job) for job in self._scheduler.get_jobs()]
