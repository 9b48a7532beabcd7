"""The scheduler's periodic linking of stored listings (networks/store.py).

Every ``scheduler.networks_rebuild_h`` hours the running scheduler links the stored listings
again, when a crawl stored a new listing version since the last build, so the review app's
networks follow what the crawls find. Like the custody head's timestamps
(scheduling/head_stamps.py) the job is derived from the config at start, lives in the memory job
store and runs on a thread of its own: a build never waits behind crawls nor takes their slots.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from sqlalchemy import func, select

from networks.store import build_networks
from scheduling.periodic import add_periodic
from scheduling.runtime import JobRuntime
from storage.models import ListingNetwork, ListingVersion

JOB_ID = "@networks-build"
EXECUTOR = "networks"


def executors() -> dict[str, Any]:
    """One thread for builds, apart from the crawls' pool and the custody stamps'."""
    return {EXECUTOR: ThreadPoolExecutor(max_workers=1)}


def stale(runtime: JobRuntime) -> bool:
    """Whether a listing version was stored after the last build (or there was none)."""
    with runtime.factory() as session:
        built = session.scalar(select(func.max(ListingNetwork.built_at)))
        newest = session.scalar(select(func.max(ListingVersion.observed_at)))
    return newest is not None and (built is None or newest > built)


def build_once(runtime: JobRuntime) -> None:
    """One periodic build: skipped when nothing new was stored; a failure is reported and the
    next interval tries again."""
    if runtime.stopping.is_set() or not stale(runtime):
        return
    try:
        summary = build_networks(runtime.factory)
    except Exception as exc:  # a build must never take the scheduler down
        runtime.report(f"networks not built: {type(exc).__name__}: {exc}")
        return
    runtime.report(
        f"networks built: {summary.listings} listings, {summary.actors} actors, {summary.networks} networks"
    )


def add_build_job(scheduler: Any, runtime: JobRuntime) -> str:
    """Add the periodic build (its first run at once) and say what was set up."""
    hours = runtime.config.scheduler.networks_rebuild_h
    if hours <= 0:
        return "networks: built only by `ecowarden networks build` ([scheduler] networks_rebuild_h = 0)"
    add_periodic(scheduler, build_once, [runtime], hours=hours, job_id=JOB_ID, executor=EXECUTOR)
    return f"networks built every {timedelta(seconds=round(hours * 3600))} when crawls stored something new"
