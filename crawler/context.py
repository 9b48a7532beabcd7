"""The crawl's place in storage (site, run, resume state), shared by the components of one crawler."""

from __future__ import annotations

import fcntl
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from storage.listings import ListingStore

logger = logging.getLogger(__name__)

MARKER = "ecowarden-run.json"
#: what Scrapy keeps in a JOBDIR; after a crash its queue cannot be trusted (see open_run)
_SCRAPY_STATE = ("requests.queue", "requests.seen", "spider.state")


@dataclass
class CrawlContext:
    store: ListingStore
    site_key: str
    site_id: int
    run_id: str
    #: continuing an earlier process's run
    resumed: bool = False
    #: the earlier process died: its queue is gone, discovery restarts and stored pages are skipped
    recovering: bool = False
    #: held open so the JOBDIR stays locked while the crawl runs
    lock: IO[bytes] | None = None


def read_marker(jobdir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((jobdir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_marker(jobdir: Path, run_id: str, site_key: str, state: str) -> None:
    """Atomically record the run's state, so a kill at any moment leaves a readable marker."""
    jobdir.mkdir(parents=True, exist_ok=True)
    tmp = jobdir / (MARKER + ".tmp")
    tmp.write_text(json.dumps({"run_id": run_id, "site_key": site_key, "state": state}), "utf-8")
    tmp.replace(jobdir / MARKER)


def _clear(jobdir: Path, names: tuple[str, ...] | None = None) -> None:
    if not jobdir.exists():
        return
    for entry in jobdir.iterdir():
        if (names is not None and entry.name not in names) or entry.name == ".lock":
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def open_run(
    store: ListingStore,
    *,
    site_key: str,
    base_url: str,
    spider_name: str,
    start_urls: list[str],
    jobdir: Path | None,
    resume: bool,
    trigger: str = "cli",
) -> CrawlContext:
    """Start a run, or continue the one recorded in the JOBDIR.

    Scrapy's JOBDIR survives a graceful stop. After SIGKILL its queue metadata was never written
    and its seen-set remembers requests whose results were lost in flight, so trusting it would
    silently drop pages. A killed run therefore restarts discovery with a clean JOBDIR and skips
    the listing pages the database already holds for this run.
    """
    lock = _lock(jobdir) if jobdir is not None else None
    site_id = store.ensure_site(site_key, base_url)
    marker = read_marker(jobdir) if jobdir else None
    if (
        resume
        and jobdir is not None
        and marker is not None
        and marker.get("site_key") == site_key
        and marker.get("state") in {"running", "paused"}
        and store.resume_run(str(marker["run_id"]))
    ):
        recovering = marker["state"] == "running"
        if recovering:
            logger.warning("run %s was killed; restarting discovery, skipping stored pages", marker["run_id"])
            _clear(jobdir, _SCRAPY_STATE)
        context = CrawlContext(store, site_key, site_id, str(marker["run_id"]), True, recovering)
    else:
        if resume:
            logger.warning("nothing to resume for %s: starting a new run", site_key)
        if jobdir is not None:
            _clear(jobdir)
        run_id = store.start_run(site_id, spider_name, start_urls, trigger=trigger)
        context = CrawlContext(store, site_key, site_id, run_id)
    if jobdir is not None:
        write_marker(jobdir, context.run_id, site_key, "running")
    context.lock = lock
    return context


class JobdirBusy(RuntimeError):
    """Another process is crawling the same site with the same JOBDIR."""


def _lock(jobdir: Path) -> IO[bytes]:
    """An exclusive lock for the crawl's lifetime (released by the OS when the process ends, even
    on SIGKILL): two processes sharing one JOBDIR would corrupt each other's queue and marker."""
    jobdir.mkdir(parents=True, exist_ok=True)
    handle = (jobdir / ".lock").open("ab")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise JobdirBusy(f"another crawl is using {jobdir}") from exc
    return handle
