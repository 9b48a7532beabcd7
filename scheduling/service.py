"""``ecowarden scheduler``: fires the schedules of the book until it is told to stop.

- One scheduler per database: it holds the lease ``@scheduler`` (storage/leases.py) while it runs,
  so a second one, on this machine or another, refuses to start instead of doubling every crawl.
- One crawl of a site at a time: APScheduler runs at most one instance of each job (a firing while
  the previous run still goes is recorded as skipped), and every crawl takes the site's lease, so a
  crawl started by hand or by another installation makes the scheduled one skip too.
- Schedules added or removed with ``ecowarden schedule`` while it runs are picked up within
  ``poll_s``: APScheduler 3 sleeps until the next firing it knows of and does not watch its job
  store, so the scheduler is woken up periodically to look again.
- Stopping (SIGINT/SIGTERM): no new firing starts, running crawls get one SIGINT (Scrapy's graceful
  pause: in-flight pages are stored, the run is left resumable) and are waited for; a second
  signal, or ``stop_grace_s`` without an end, kills them. The site's next scheduled firing resumes
  the unfinished run (scheduling/jobs.py) rather than starting over.
- The custody log's head is timestamped every ``evidence.head_timestamp_interval_h`` by the
  configured authority (scheduling/head_stamps.py).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from types import FrameType
from typing import Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
)

from ecowarden.config import Config
from scheduling import head_stamps, network_builds, periodic, records
from scheduling.apsched import SafeScheduler
from scheduling.book import job_store
from scheduling.children import Children
from scheduling.executor import FiringThreadPool
from scheduling.jobs import install_runtime, site_key_of
from scheduling.runtime import JobRuntime
from storage.db import open_database
from storage.leases import Lease, LeaseKeeper, SiteBusy, SiteLeases
from storage.types import utcnow

#: the lease key that makes a scheduler the only one of its database (no site key starts with @)
SCHEDULER_LEASE = "@scheduler"


class SchedulerBusy(RuntimeError):
    """Another scheduler runs on this database; the message names it."""


class SchedulerLeaseLost(RuntimeError):
    """The scheduler could not renew its lease (the database was away longer than its TTL) and
    another scheduler may have taken over: this one stopped so as not to double the crawls."""


@dataclass
class StopRequest:
    """Set from signal handlers, read by the main loop: a plain counter, no locks (a handler that
    waited on a lock held by the thread it interrupted would deadlock)."""

    signals: int = 0

    def request(self) -> None:
        self.signals += 1

    @property
    def requested(self) -> bool:
        return self.signals >= 1

    @property
    def forced(self) -> bool:
        return self.signals >= 2


def stop_on_signals(stop: StopRequest) -> Callable[[], None]:
    """SIGINT and SIGTERM request a stop (a second one forces it); returns a function restoring the
    previous handlers. Call from the main thread."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        stop.request()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


class _ReportWarnings(logging.Handler):
    """APScheduler's own warnings (e.g. the job store unreachable) as one line each, no traceback;
    the per-job ones are reported by the scheduler's listener already."""

    def __init__(self, report: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self._report = report

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("apscheduler.executors") or "maximum number of running" in str(record.msg):
            return
        try:
            self._report(f"apscheduler: {record.getMessage()}")
        except Exception:
            self.handleError(record)


@dataclass
class SchedulerService:
    config: Config
    report: Callable[[str], None]
    #: the --config file the scheduler was started with (handed to the crawls it starts)
    config_path: str | None = None
    #: how often to look for schedules added or removed while running
    poll_s: float = 5.0
    #: how long stopping waits for interrupted crawls before killing them
    stop_grace_s: float = 120.0
    children: Children = field(default_factory=Children)

    def run(self, stop: StopRequest) -> None:
        """Run until ``stop`` is requested. Raises :class:`SchedulerBusy` when another scheduler
        runs, :class:`SchedulerLeaseLost` (after stopping) when its lease was lost."""
        engine, factory = open_database(self.config.database_url())
        leases = SiteLeases(factory)
        ttl = self.config.scheduler.lease_ttl_s
        try:
            lease = self._take_lease(leases, ttl)
            with LeaseKeeper(leases, [lease], ttl) as keeper:
                abandoned = records.abandon_running(factory)
                if abandoned:
                    self.report(f"marked {abandoned} runs of a previous scheduler as failed")
                runtime = JobRuntime(self.config, factory, self.children, self.report, self.config_path)
                install_runtime(runtime)
                try:
                    self._serve(engine, runtime, keeper, stop)
                finally:
                    install_runtime(None)
        finally:
            engine.dispose()

    def _take_lease(self, leases: SiteLeases, ttl: float) -> Lease:
        from crawler.runner import holder_name

        try:
            return leases.acquire(SCHEDULER_LEASE, holder_name("scheduler"), ttl)
        except SiteBusy as exc:
            raise SchedulerBusy(
                f"another scheduler is running on this database: {exc.info.holder} "
                f"(since {exc.info.acquired_at:%Y-%m-%d %H:%M:%S} UTC)"
            ) from None

    def _serve(self, engine: Any, runtime: JobRuntime, keeper: LeaseKeeper, stop: StopRequest) -> None:
        quiet = logging.getLogger("apscheduler")
        propagated, quiet.propagate = quiet.propagate, False
        warnings = _ReportWarnings(self.report)
        quiet.addHandler(warnings)
        scheduler = SafeScheduler(
            timezone=UTC,
            jobstores={"default": job_store(engine), **periodic.job_stores()},
            executors={
                "default": FiringThreadPool(max(1, self.config.scheduler.max_parallel)),
                **head_stamps.executors(),
                **network_builds.executors(),
            },
            job_defaults={"coalesce": True, "max_instances": 1},
        )
        scheduler.add_listener(
            lambda event: self._on_event(runtime, event),
            EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES | EVENT_JOB_ERROR,
        )
        started = lost = False
        try:
            scheduler.start(paused=True)
            started = True
            self.report(
                f"scheduler started: {len(scheduler.get_jobs())} schedules, at most "
                f"{max(1, self.config.scheduler.max_parallel)} crawls at once"
            )
            self.report(head_stamps.add_stamp_job(scheduler, runtime))
            self.report(network_builds.add_build_job(scheduler, runtime))
            scheduler.resume()
            next_look = time.monotonic() + self.poll_s
            while not stop.requested and not lost:
                time.sleep(0.2)
                lost = keeper.lost.is_set()
                if time.monotonic() >= next_look:
                    scheduler.wakeup()
                    next_look = time.monotonic() + self.poll_s
        finally:
            if started:
                self._stop(scheduler, runtime, stop)
            quiet.removeHandler(warnings)
            quiet.propagate = propagated
        if lost:
            raise SchedulerLeaseLost(
                "the scheduler lost its lease (the database was unreachable); it stopped"
            )

    def _stop(self, scheduler: SafeScheduler, runtime: JobRuntime, stop: StopRequest) -> None:
        scheduler.pause()
        runtime.stopping.set()
        interrupted = self.children.interrupt()
        if interrupted:
            self.report(
                f"stopping: asked {interrupted} running crawls to pause (the next scheduled run "
                "resumes them); signal again to kill them"
            )
        else:
            self.report("stopping")
        closer = threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, name="scheduler-stop")
        closer.start()
        deadline = time.monotonic() + self.stop_grace_s
        killed = False
        while closer.is_alive():
            closer.join(0.2)
            if not killed and (stop.forced or time.monotonic() > deadline):
                killed = True
                count = self.children.kill()
                if count:
                    self.report(f"killed {count} crawls that did not pause in time")
        self.report("scheduler stopped")

    def _on_event(self, runtime: JobRuntime, event: Any) -> None:
        """Firings that did not run become schedule_runs rows too (and a line of output)."""
        job_id = str(event.job_id)
        site_key = site_key_of(job_id) or job_id
        if job_id in (
            head_stamps.JOB_ID,
            network_builds.JOB_ID,
        ):  # not a crawl schedule: no schedule_runs row
            if event.code == EVENT_JOB_ERROR:
                self.report(f"{job_id} error: {type(event.exception).__name__}: {event.exception}")
            return
        try:
            if event.code == EVENT_JOB_MAX_INSTANCES:
                when = event.scheduled_run_times[-1] if event.scheduled_run_times else None
                records.note(runtime.factory, job_id, site_key, when, "skipped", "previous run still going")
                self.report(f"{job_id} skipped: previous run still going")
            elif event.code == EVENT_JOB_MISSED:
                when = event.scheduled_run_time
                late = (utcnow() - when).total_seconds() if when is not None else 0.0
                message = f"missed: {late:.0f} s after its time, beyond what its missed-run policy allows"
                records.note(runtime.factory, job_id, site_key, when, "missed", message)
                self.report(f"{job_id} {message}")
            elif event.code == EVENT_JOB_ERROR:
                self.report(f"{job_id} error: {type(event.exception).__name__}: {event.exception}")
        except Exception as exc:  # the database is away: say so, the scheduler goes on
            self.report(f"{job_id} could not be recorded: {type(exc).__name__}: {exc}")
