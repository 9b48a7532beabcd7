"""APScheduler's thread pool, telling each job which firing it runs for.

APScheduler 3 knows a job's scheduled run time (it checks misfires against it) but calls the job
function without it, and the ``schedule_runs`` row must say which firing a crawl belongs to. This
pool runs APScheduler's own ``run_job`` once per firing, with the firing time set for the job's
thread (:func:`scheduling.jobs.firing`); misfire checks and events stay APScheduler's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from apscheduler.executors.base import run_job
from apscheduler.executors.pool import ThreadPoolExecutor

from scheduling.jobs import firing


def _run_firings(job: Any, jobstore_alias: str, run_times: list[datetime], logger_name: str) -> list[Any]:
    events: list[Any] = []
    for run_time in run_times:
        with firing(run_time):
            events.extend(run_job(job, jobstore_alias, [run_time], logger_name))
    return events


class FiringThreadPool(ThreadPoolExecutor):  # type: ignore[misc]  # APScheduler 3 ships no types
    """At most ``max_workers`` jobs at once; a job beyond that waits in the pool's queue."""

    def _do_submit_job(self, job: Any, run_times: list[datetime]) -> None:
        def done(future: Any) -> None:
            if future.cancelled():  # the pool was shut down before the job started
                self._run_job_error(job.id, RuntimeError("cancelled at shutdown"), None)
                return
            exc = future.exception()
            if exc is not None:
                self._run_job_error(job.id, exc, exc.__traceback__)
            else:
                self._run_job_success(job.id, future.result())

        future = self._pool.submit(_run_firings, job, job._jobstore_alias, run_times, self._logger.name)
        future.add_done_callback(done)
