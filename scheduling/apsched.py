"""APScheduler 3's background scheduler, made safe for a job store that other processes edit.

Two behaviours of the stock scheduler would lose firings here:

- its loop looks for due jobs once more after ``shutdown()`` (the state is no longer "paused"), and
  submitting them to the stopped executor fails while their next run time is still advanced in the
  job store: a firing due at that moment would neither run nor be caught up later. The CLI's
  short-lived paused scheduler (``schedule list``) would do the same to a running scheduler's jobs.
  Here due jobs are only looked for while the scheduler runs.
- an exception while looking (e.g. a schedule removed by the CLI between APScheduler's read and its
  update) ends the loop thread for good. Here it is logged and the loop tries again shortly.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING

RETRY_S = 5.0


class SafeScheduler(BackgroundScheduler):  # type: ignore[misc]  # APScheduler 3 ships no types
    def _process_jobs(self) -> float | None:
        if self.state != STATE_RUNNING:
            return None
        try:
            wait: float | None = super()._process_jobs()
        except Exception as exc:
            logging.getLogger("apscheduler.scheduler").warning("looking for due jobs failed: %s", exc)
            return RETRY_S
        return wait
