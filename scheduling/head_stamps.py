"""The scheduler's periodic timestamp of the custody log's head (evidence/head_stamp.py).

Every ``evidence.head_timestamp_interval_h`` the running scheduler has the timestamp authority
vouch for the log's current head, so that at most one interval of custody history rests on the
database alone. The job lives in APScheduler's memory job store, not in the database one: it is
derived from the config each time the scheduler starts (a pickled copy would go stale, and
``schedule list`` shows crawl schedules only), and it runs on an executor of its own, so a stamp
never waits behind long crawls for a slot (nor takes one from them).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor

from evidence.context import EvidenceConfigError, EvidenceContext
from evidence.head_stamp import stamp_head
from evidence.timestamp import TimestampError
from scheduling.periodic import add_periodic
from scheduling.runtime import JobRuntime

JOB_ID = "@custody-head-timestamp"
EXECUTOR = "custody"


def executors() -> dict[str, Any]:
    """One thread for stamps, apart from the crawls' pool."""
    return {EXECUTOR: ThreadPoolExecutor(max_workers=1)}


def stamp_once(ctx: EvidenceContext, runtime: JobRuntime) -> None:
    """One periodic stamp: skipped when nothing was logged since the last one; a failure is
    reported and the next interval tries again."""
    try:
        stamp = stamp_head(ctx, ctx.operator, reason="periodic (ecowarden scheduler)", only_if_changed=True)
    except TimestampError as exc:
        runtime.report(f"custody head not timestamped: {exc}")
        return
    if stamp is not None:
        runtime.report(
            f"custody head seq {stamp.seq} timestamped (genTime {stamp.gen_time:%Y-%m-%dT%H:%M:%SZ})"
        )


def add_stamp_job(scheduler: Any, runtime: JobRuntime) -> str:
    """Add the periodic stamp (its first run at once) and say what was set up, for the
    scheduler's output; without an authority, or with the interval 0, there is no job."""
    hours = runtime.config.evidence.head_timestamp_interval_h
    if hours <= 0:
        return "custody head timestamps: only at exports ([evidence] head_timestamp_interval_h = 0)"
    try:
        ctx = EvidenceContext.from_config(runtime.config, runtime.factory)
    except EvidenceConfigError as exc:
        return f"custody head timestamps: off ({exc})"
    if ctx.tsa is None:
        return "custody head timestamps: off (no timestamp authority configured, evidence.tsa_url)"
    add_periodic(scheduler, stamp_once, [ctx, runtime], hours=hours, job_id=JOB_ID, executor=EXECUTOR)
    return f"custody head timestamped every {_interval(hours)} by {ctx.tsa.url}"


def _interval(hours: float) -> str:
    """``1:00:00``: the interval as the scheduler's output shows it."""
    return str(timedelta(seconds=round(hours * 3600)))
