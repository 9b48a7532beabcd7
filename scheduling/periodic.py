"""Periodic housekeeping jobs of the scheduler (custody head stamps, network builds).

They are derived from the config each time the scheduler starts, so they live in APScheduler's
memory job store (a pickled copy in the database would go stale, and ``schedule list`` shows
crawl schedules only), each on an executor of its own, so none waits behind long crawls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from apscheduler.jobstores.memory import MemoryJobStore

from storage.types import utcnow

JOB_STORE = "memory"


def job_stores() -> dict[str, Any]:
    """The job store the periodic jobs live in, beside the crawl schedules' own."""
    return {JOB_STORE: MemoryJobStore()}


def add_periodic(
    scheduler: Any, job: Callable[..., None], args: Sequence[Any], *, hours: float, job_id: str, executor: str
) -> None:
    """Run ``job(*args)`` now and every ``hours``; one at a time, missed runs coalesced."""
    scheduler.add_job(
        job,
        "interval",
        args=list(args),
        seconds=hours * 3600,
        id=job_id,
        jobstore=JOB_STORE,
        executor=executor,
        next_run_time=utcnow(),
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
    )
