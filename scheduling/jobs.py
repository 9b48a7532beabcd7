"""The job every schedule runs: one crawl of one site in a child process, recorded, then re-captures.

APScheduler's SQLAlchemy job store pickles each job, so the function is stored by its textual
reference (:data:`JOB_FUNC`) and its arguments are plain strings. The configuration is not in the
pickle: it would go stale in the database and carry secrets (database passwords) into a table. The
scheduler process installs a :class:`JobRuntime` before it starts and the job reads it from there.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from scheduling import records
from scheduling.children import ChildrenClosed, Finished
from scheduling.runtime import JobRuntime
from storage.models import CrawlRun, Site
from storage.types import utcnow

JOB_FUNC = "scheduling.jobs:run_scheduled_crawl"
JOB_PREFIX = "crawl:"
#: a run this much later than its firing is a catch-up of a firing missed while the scheduler was down
CATCH_UP_AFTER_S = 30.0


#: between a site key and the watchlist of its search-crawl schedule, in a job id
WATCH_MARK = " watch:"


def job_id_for(site_key: str, watch: str | None = None) -> str:
    """One full-crawl schedule per site, and one search-crawl schedule per site and watchlist:
    the job id is derived from the site key (and the list's name)."""
    return JOB_PREFIX + site_key + (WATCH_MARK + watch if watch else "")


def site_key_of(job_id: str) -> str | None:
    """The site a schedule's job crawls (None for a job that is not a schedule of ours)."""
    if not job_id.startswith(JOB_PREFIX):
        return None
    return job_id.removeprefix(JOB_PREFIX).split(WATCH_MARK, 1)[0]


_runtime: JobRuntime | None = None
_firing = threading.local()


def install_runtime(runtime: JobRuntime | None) -> None:
    global _runtime
    _runtime = runtime


def current_runtime() -> JobRuntime:
    if _runtime is None:
        raise RuntimeError("scheduled jobs run inside `ecowarden scheduler` (no scheduler runtime installed)")
    return _runtime


@contextmanager
def firing(run_time: datetime) -> Iterator[None]:
    """Tell the job, on this thread, which firing it runs for (APScheduler 3 does not pass it)."""
    _firing.time = run_time
    try:
        yield
    finally:
        _firing.time = None


def current_firing() -> datetime | None:
    value = getattr(_firing, "time", None)
    return value if isinstance(value, datetime) else None


@dataclass(frozen=True)
class CrawlOutcome:
    outcome: str
    run_id: str | None
    message: str
    summary: dict[str, Any]


def interpret_crawl(done: Finished) -> CrawlOutcome:
    """Read ``ecowarden crawl --json``: finished, skipped (another process crawls the site), failed."""
    try:
        parsed = json.loads(done.stdout) if done.stdout.strip() else []
    except ValueError:
        parsed = []
    summary: dict[str, Any] = (
        parsed[0] if isinstance(parsed, list) and parsed and isinstance(parsed[0], dict) else {}
    )
    run_id = summary.get("run_id") if isinstance(summary.get("run_id"), str) else None
    reason = str(summary.get("finish_reason") or "")
    said = str(summary.get("message") or "")
    if reason == "busy":
        return CrawlOutcome("skipped", None, said or _without_prefix(done.last_error_line()), summary)
    if summary.get("ok"):  # the crawl finished; a signal during its exit does not undo that
        return CrawlOutcome("finished", run_id, "", summary)
    if done.code < 0:
        message = f"the crawl was killed by signal {-done.code}"
    else:
        message = (
            said or _without_prefix(done.last_error_line()) or (f"finish reason {reason}" if reason else "")
        )
        message = message or f"the crawl exited with code {done.code}"
    return CrawlOutcome("failed", run_id, message, summary)


def _without_prefix(line: str) -> str:
    return line.removeprefix("ecowarden: error: ")


def _latest_run(factory: sessionmaker[Session], site_key: str, *conditions: Any) -> Any:
    """The site's newest crawl run meeting ``conditions`` (id, status, finish reason, trigger,
    mode), or None."""
    with factory() as session:
        return session.execute(
            select(CrawlRun.id, CrawlRun.status, CrawlRun.finish_reason, CrawlRun.trigger, CrawlRun.mode)
            .join(Site, Site.id == CrawlRun.site_id)
            .where(Site.key == site_key, *conditions)
            .order_by(CrawlRun.started_at.desc())
            .limit(1)
        ).first()


def interrupted_scheduled_run(factory: sessionmaker[Session], site_key: str) -> str | None:
    """The site's latest crawl run if it was a scheduled one that did not finish (paused by a
    scheduler stop, or killed): the next firing continues it (``crawl --resume``) instead of
    throwing its progress away. Safe to ask for: the crawl resumes only what its JOBDIR records,
    and only once it holds the site's lease, so a run still alive elsewhere is reported busy.

    A cluster run continues on its workers by itself and is never resumed, unless Redis lost it
    (recorded failed with that reason): that one is resumed like a paused one."""
    from crawler.cluster.ledger import LOST_STATE_REASON

    row = _latest_run(factory, site_key)
    if row is None or row.trigger != "scheduler":
        return None
    if row.mode == "local" and row.status in ("interrupted", "running"):
        return str(row.id)
    if row.mode == "cluster" and row.status == "failed" and row.finish_reason == LOST_STATE_REASON:
        return str(row.id)
    return None


def run_since(factory: sessionmaker[Session], site_key: str, since: datetime) -> tuple[str, str] | None:
    """(id, status) of the site's scheduled crawl run started since ``since``: what storage says
    when the crawl process ended without saying it (killed before printing its summary)."""
    row = _latest_run(factory, site_key, CrawlRun.trigger == "scheduler", CrawlRun.started_at >= since)
    return (str(row.id), str(row.status)) if row is not None else None


def _figures(summary: dict[str, Any]) -> str:
    keys = ("pages", "listings_new", "listings_changed", "listings_removed", "errors")
    return " ".join(f"{key.removeprefix('listings_')}={summary.get(key, 0)}" for key in keys)


def run_scheduled_crawl(
    site: str,
    site_key: str,
    base_url: str | None = None,
    cron: str = "",
    missed: str = "run-once",
    watch: str | None = None,
) -> int | None:
    """Crawl ``site`` (a configured site name or a URL) once, for the firing this thread runs.

    ``cron`` and ``missed`` describe the schedule (``schedule list`` shows them); ``missed`` also
    says whether a late start is a catch-up run worth noting. Returns the schedule_runs row id.
    """
    runtime = current_runtime()
    job_id = job_id_for(site_key, watch)
    scheduled_for = current_firing()
    if runtime.stopping.is_set():
        runtime.report(f"{job_id} skipped: the scheduler is stopping")
        return records.note(
            runtime.factory, job_id, site_key, scheduled_for, "skipped", "the scheduler was stopping"
        )
    record_id = records.start(runtime.factory, job_id, site_key, scheduled_for)
    late = (utcnow() - scheduled_for).total_seconds() if scheduled_for else 0.0
    note = ""
    if missed == "run-once" and late > CATCH_UP_AFTER_S and scheduled_for is not None:
        note = f"catch-up run for the firing at {scheduled_for:%Y-%m-%d %H:%M:%S} UTC"
    runtime.report(f"{job_id} started" + (f" ({note})" if note else ""))
    try:
        _crawl_and_recapture(runtime, record_id, job_id, site, site_key, base_url, note, watch)
    except Exception as exc:  # recorded and reported; the scheduler carries on with other schedules
        message = f"{type(exc).__name__}: {exc}"
        records.finish(runtime.factory, record_id, "failed", message=message)
        runtime.report(f"{job_id} failed: {message}")
    return record_id


def _crawl_and_recapture(
    runtime: JobRuntime,
    record_id: int,
    job_id: str,
    site: str,
    site_key: str,
    base_url: str | None,
    note: str,
    watch: str | None = None,
) -> None:
    from scheduling.recapture import recapture_after_crawl

    argv = runtime.ecowarden("crawl", site, "--json", "--no-progress", "--trigger", "scheduler")
    if base_url:
        argv += ["--base-url", base_url]
    if watch:  # a search crawl, planned afresh at each firing (never resumed)
        argv += ["--watch", watch]
    paused = None if watch else interrupted_scheduled_run(runtime.factory, site_key)
    if paused is not None:
        argv.append("--resume")
        note = "; ".join(part for part in (note, f"resumed run {paused}, left unfinished") if part)
    spawned = utcnow()
    try:
        done = runtime.children.run(argv)
    except ChildrenClosed:
        records.finish(runtime.factory, record_id, "skipped", message="the scheduler was stopping")
        runtime.report(f"{job_id} skipped: the scheduler is stopping")
        return
    result = interpret_crawl(done)
    if result.outcome == "failed" and result.run_id is None:
        stored = run_since(runtime.factory, site_key, spawned)
        if stored is not None:
            outcome = "finished" if stored[1] == "finished" else "failed"
            result = CrawlOutcome(outcome, stored[0], "" if outcome == "finished" else result.message, {})
    message = result.message
    if runtime.stopping.is_set() and result.outcome == "failed":
        message = f"interrupted: the scheduler stopped, the next scheduled run continues it ({message})"
    if result.outcome != "finished":
        records.finish(
            runtime.factory,
            record_id,
            result.outcome,
            message=message,
            run_id=result.run_id,
            exit_code=done.code,
        )
        runtime.report(
            f"{job_id} {result.outcome}: {message}" + (f" run={result.run_id}" if result.run_id else "")
        )
        return
    records.attach_run(runtime.factory, record_id, result.run_id, done.code)
    recapture = recapture_after_crawl(runtime, site_key, result.run_id)
    message = "; ".join(part for part in (note, recapture.message) if part)
    records.finish(
        runtime.factory,
        record_id,
        "finished",
        message=message,
        run_id=result.run_id,
        exit_code=done.code,
        recaptures_queued=recapture.queued,
    )
    runtime.report(
        f"{job_id} finished run={result.run_id} {_figures(result.summary)} recaptures={recapture.queued}"
        + (f" ({recapture.message})" if recapture.message else "")
    )
