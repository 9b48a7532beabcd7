"""Submitting a cluster run and finding runs to join: the run's description lives in Redis."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from crawler.cluster.keys import RunKeys, active_runs_key
from crawler.cluster.redis_conn import connect
from crawler.runner import CrawlTarget, resolve_targets
from crawler.sites import SiteConfig
from crawler.spiders.site import SiteSpider
from storage.listings import ListingStore
from storage.types import utcnow


class ClusterBusy(RuntimeError):
    """The site already has a run in progress on the cluster."""


@dataclass(frozen=True)
class ActiveRun:
    run_id: str
    site_key: str
    target: dict[str, Any]


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
        """Whether Redis still holds the run (its description, or its end): a Redis restarted
        without persistence has forgotten every run it held."""
        keys = RunKeys(self.prefix, run_id)
        return bool(self.server.exists(keys.meta) or self.server.exists(keys.finished))

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
            runs.append(
                (
                    fields.get("submitted_at", ""),
                    ActiveRun(run_id, fields.get("site", ""), json.loads(fields.get("target", "{}"))),
                )
            )
        return [run for _, run in sorted(runs, key=lambda pair: pair[0])]

    def submit(
        self, store: ListingStore, target: CrawlTarget, *, submitter: str, trigger: str = "cli"
    ) -> str:
        """Open the run in the database and announce it to the workers.

        Callers hold the site's database lease, so two submitters cannot race here; a run of the
        site still in progress on the cluster (its submitter gone) makes the site busy."""
        for run in self.active():
            if run.site_key == target.site_key:
                raise ClusterBusy(
                    f"{target.site_key} has run {run.run_id} in progress on the cluster "
                    "(its workers finish it; `ecowarden runs` shows it)"
                )
        base_url = target.kwargs["site"].base_url if target.spider is SiteSpider else target.kwargs["url"]
        site_id = store.ensure_site(target.site_key, base_url)
        run_id = store.start_run(
            site_id, target.spider.name or "spider", _start_urls(target), trigger=trigger, mode="cluster"
        )
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
        return run_id

    def progress(self, run_id: str) -> dict[str, int]:
        from crawler.cluster.ledger import Ledger

        keys = RunKeys(self.prefix, run_id)
        state = Ledger(self.server, keys, "observer", 1.0).state()
        workers = int(self.server.scard(keys.workers))
        return {"queued": state.queued, "leased": state.leased, "workers": workers}


def _start_urls(target: CrawlTarget) -> list[str]:
    if target.spider is SiteSpider:
        return list(target.kwargs["site"].absolute_start_urls())
    return [str(target.kwargs["url"])]
