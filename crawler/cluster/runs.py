"""Submitting a cluster run and finding runs to join: the run's description lives in Redis.

A Redis that restarts without persistence forgets every run it held, queue and all, while their
rows in the database still say ``running``. Such a run is *lost*: whoever notices (its submitter
waiting on it, a worker in it or idle, the next submission of its site) records it failed with
the reason ``redis_state_lost``, and ``ecowarden crawl SITE --resume`` resumes it: the same run
reopened and announced again, its workers skipping the listing pages the database already holds
for it (``crawler.middlewares.resume``), so every listing ends up stored once.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from crawler.cluster.keys import RunKeys, active_runs_key
from crawler.cluster.ledger import LOST_STATE_GRACE_S, LOST_STATE_REASON, Ledger
from crawler.cluster.redis_conn import connect
from crawler.runner import CrawlTarget, resolve_targets
from crawler.sites import SiteConfig
from crawler.spiders.site import SiteSpider
from storage.listings import ListingStore
from storage.runs import RunRecords
from storage.types import utcnow


class ClusterBusy(RuntimeError):
    """The site already has a run in progress on the cluster."""


@dataclass(frozen=True)
class ActiveRun:
    run_id: str
    site_key: str
    target: dict[str, Any]
    #: when it was (last) announced: a resumed run is a new attempt for the workers
    submitted_at: str = ""

    @property
    def attempt(self) -> str:
        return f"{self.run_id}@{self.submitted_at}"


def describe_target(target: CrawlTarget) -> dict[str, Any]:
    """What a worker on another machine needs to build the same spider (no Python objects)."""
    if target.spider is SiteSpider:
        site: SiteConfig = target.kwargs["site"]
        return {"kind": "site", "name": site.name, "base_url": site.base_url}
    return {"kind": "url", "url": target.kwargs["url"], "scope": target.kwargs["scope"]}


def rebuild_target(description: dict[str, Any], sites: dict[str, SiteConfig]) -> CrawlTarget:
    """The submitter's target, from this worker's own site files (ValueError if unknown here)."""
    if description.get("kind") == "site":
        name = str(description["name"])
        if name not in sites:
            raise ValueError(f"site {name!r} is not configured on this worker")
        return resolve_targets([name], sites=sites, base_url=str(description["base_url"]))[0]
    return resolve_targets(
        [str(description["url"])], sites=sites, scope=str(description.get("scope", "prefix"))
    )[0]


class ClusterRuns:
    def __init__(self, redis_url: str, prefix: str) -> None:
        self.server = connect(redis_url)
        self.prefix = prefix

    def ping(self) -> None:
        self.server.ping()

    def known(self, run_id: str) -> bool:
        """Whether Redis still holds the run (:meth:`Ledger.known`)."""
        return self._ledger(run_id).known()

    def _ledger(self, run_id: str) -> Ledger:
        return Ledger(self.server, RunKeys(self.prefix, run_id), "observer", 1.0)

    def active(self) -> list[ActiveRun]:
        """Runs workers should join, oldest first."""
        runs: list[tuple[str, ActiveRun]] = []
        for raw in self.server.smembers(active_runs_key(self.prefix)):
            run_id = raw.decode()
            keys = RunKeys(self.prefix, run_id)
            meta = self.server.hgetall(keys.meta)
            if not meta or self.server.exists(keys.finished):
                continue
            fields = {k.decode(): v.decode() for k, v in meta.items()}
            submitted_at = fields.get("submitted_at", "")
            target = json.loads(fields.get("target", "{}"))
            runs.append((submitted_at, ActiveRun(run_id, fields.get("site", ""), target, submitted_at)))
        return [run for _, run in sorted(runs, key=lambda pair: pair[0])]

    def submit(
        self, store: ListingStore, target: CrawlTarget, *, submitter: str, trigger: str = "cli"
    ) -> str:
        """Open the run in the database and announce it to the workers.

        Callers hold the site's database lease, so two submitters cannot race here; a run of the
        site still in progress on the cluster (its submitter gone) makes the site busy."""
        self._refuse_if_busy(target)
        base_url = target.kwargs["site"].base_url if target.spider is SiteSpider else target.kwargs["url"]
        site_id = store.ensure_site(target.site_key, base_url)
        run_id = store.start_run(
            site_id, target.spider.name or "spider", _start_urls(target), trigger=trigger, mode="cluster"
        )
        self._announce(run_id, target, submitter)
        return run_id

    def resubmit(self, records: RunRecords, run_id: str, target: CrawlTarget, *, submitter: str) -> bool:
        """Resume a lost run (see the module's docstring): reopened in the database first, then
        announced again, so that no worker finds it in Redis while its row still says failed.
        False when it is not a lost run (any more). Callers hold the site's lease, as for submit."""
        self._refuse_if_busy(target)
        if not records.reopen(run_id, LOST_STATE_REASON):
            return False
        self._clear(run_id)
        self._announce(run_id, target, submitter)
        return True

    def lost_run_of(self, records: RunRecords, site_key: str) -> str | None:
        """The site's run to resume: its latest run when that is a cluster run Redis lost."""
        latest = records.latest(site_key)
        if latest is None or latest["mode"] != "cluster" or latest["finish_reason"] != LOST_STATE_REASON:
            return None
        return str(latest["id"])

    def settle_lost(self, records: RunRecords, site_key: str) -> list[str]:
        """Record as failed (lost) the site's runs the database says are running and Redis does
        not know; their ids. At once, without a second look: callers hold the site's lease, so no
        submission of the site can be half-way (a submitter that died left its run behind)."""
        lost = [run_id for run_id in records.running_cluster_runs(site_key) if not self.known(run_id)]
        for run_id in lost:
            records.complete(run_id, "failed", LOST_STATE_REASON)
        return lost

    def _refuse_if_busy(self, target: CrawlTarget) -> None:
        for run in self.active():
            if run.site_key == target.site_key:
                raise ClusterBusy(
                    f"{target.site_key} has run {run.run_id} in progress on the cluster "
                    "(its workers finish it; `ecowarden runs` shows it)"
                )

    def _clear(self, run_id: str) -> None:
        """Remove what the run's workers wrote after Redis lost it (a queue and a duplicate filter
        that know only the pages fetched since): a resumed run starts from its start pages, and
        the database, not Redis, says which listings it has already."""
        keys = RunKeys(self.prefix, run_id)
        stale = [keys.meta, *self.server.scan_iter(match=keys.base + "*", count=500)]
        self.server.delete(*stale)

    def _announce(self, run_id: str, target: CrawlTarget, submitter: str) -> None:
        keys = RunKeys(self.prefix, run_id)
        pipe = self.server.pipeline()
        pipe.hset(
            keys.meta,
            mapping={
                "site": target.site_key,
                "target": json.dumps(describe_target(target)),
                "submitted_at": utcnow().isoformat(),
                "submitter": submitter,
            },
        )
        pipe.sadd(active_runs_key(self.prefix), run_id)
        pipe.execute()

    def progress(self, run_id: str) -> dict[str, int]:
        keys = RunKeys(self.prefix, run_id)
        state = self._ledger(run_id).state()
        workers = int(self.server.scard(keys.workers))
        return {"queued": state.queued, "leased": state.leased, "workers": workers}


def _start_urls(target: CrawlTarget) -> list[str]:
    if target.spider is SiteSpider:
        return list(target.kwargs["site"].absolute_start_urls())
    return [str(target.kwargs["url"])]


@dataclass
class LostRunWatch:
    """Runs the database says are running that Redis does not know, for a process that holds no
    site lease (an idle worker): a run is recorded lost when two looks at least
    ``LOST_STATE_GRACE_S`` apart both missed it, so that a run whose submitter died with it is
    not left ``running`` for ever."""

    runs: ClusterRuns
    records: RunRecords
    grace_s: float = LOST_STATE_GRACE_S
    #: run id -> when a look first missed it (monotonic seconds)
    missing_since: dict[str, float] = field(default_factory=dict)

    def look(self) -> list[str]:
        """One look; the ids of the runs it recorded as lost."""
        now = time.monotonic()
        running = self.records.running_cluster_runs()
        for run_id in set(self.missing_since) - set(running):
            del self.missing_since[run_id]
        lost = []
        for run_id in running:
            if self.runs.known(run_id):
                self.missing_since.pop(run_id, None)
            elif now - self.missing_since.setdefault(run_id, now) >= self.grace_s:
                self.records.complete(run_id, "failed", LOST_STATE_REASON)
                del self.missing_since[run_id]
                lost.append(run_id)
        return lost
