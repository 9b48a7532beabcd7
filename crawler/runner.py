"""Runs one or more crawls in one process and reports them: what the ``crawl`` command does."""

from __future__ import annotations

import gc
import logging
import os
import re
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from crawler.config_settings import settings_from_config
from crawler.outcomes import FINISHED_REASONS
from crawler.sites import SiteConfig, load_sites
from crawler.spiders.generic import GenericSpider
from crawler.spiders.site import SiteSpider
from crawler.urls import site_key_for
from ecowarden.config import Config
from storage.db import open_database
from storage.leases import Lease, LeaseKeeper, SiteBusy, SiteLeases

_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


class TargetError(ValueError):
    """A crawl target is neither a URL nor a known site name."""


@dataclass
class CrawlTarget:
    site_key: str
    spider: type[Spider]
    kwargs: dict[str, Any]
    #: settings only this target's crawler gets (a search crawl's watchlist)
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def site(self) -> SiteConfig | None:
        site = self.kwargs.get("site")
        return site if isinstance(site, SiteConfig) else None

    @property
    def base_url(self) -> str:
        site = self.site
        return site.base_url if site is not None else str(self.kwargs.get("url", ""))

    @property
    def needs_browser(self) -> bool:
        """A configured site that renders nothing never needs Chromium; the generic spider may
        (it renders pages whose listings only script fills in)."""
        site = self.kwargs.get("site")
        if isinstance(site, SiteConfig):
            return site.render != "http" or site.listings_need_browser
        return True

    def apply_to(self, settings: Settings) -> None:
        """Settings this target's crawler needs beyond the shared ones: without a browser, the
        Playwright download handler (and its 0.5 s import) is left out."""
        if not self.needs_browser:
            settings.set("ECOWARDEN_BROWSER_ENABLED", False, priority="cmdline")
        for name, value in self.settings.items():
            settings.set(name, value, priority="cmdline")


@dataclass
class RunSummary:
    site: str
    run_id: str | None
    reason: str
    stats: dict[str, Any] = field(default_factory=dict)
    #: why the run did not happen or failed, in words (e.g. who holds a busy site)
    message: str = ""

    @property
    def ok(self) -> bool:
        return (
            self.run_id is not None
            and self.reason in FINISHED_REASONS
            and not self.stats.get("ecowarden/storage/failed_items")
        )

    def figure(self, key: str) -> int:
        return int(self.stats.get(key, 0) or 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "run_id": self.run_id,
            "finish_reason": self.reason,
            "ok": self.ok,
            "pages": self.figure("response_received_count"),
            "listings_new": self.figure("ecowarden/listings/new"),
            "listings_changed": self.figure("ecowarden/listings/changed"),
            "listings_unchanged": self.figure("ecowarden/listings/unchanged"),
            "listings_removed": self.figure("ecowarden/listings/removed"),
            "listings_reappeared": self.figure("ecowarden/listings/reappeared"),
            "flagged": self.figure("ecowarden/listings/flagged"),
            "captures_queued": self.figure("ecowarden/evidence/queued"),
            "captured": self.figure("ecowarden/evidence/captured"),
            "captures_failed": self.figure("ecowarden/evidence/failed"),
            "captures_left": self.figure("ecowarden/evidence/left_queued"),
            "errors": self.figure("ecowarden/errors"),
            "robots_forbidden": self.figure("robotstxt/forbidden"),
            "search_terms": self.figure("ecowarden/search/terms_searched"),
            "search_terms_covered": self.figure("ecowarden/search/terms_covered"),
            "search_pages": self.figure("ecowarden/search/pages"),
            "search_results": self.figure("ecowarden/search/results"),
            "elapsed_s": round(float(self.stats.get("elapsed_time_seconds", 0) or 0), 2),
            "message": self.message,
        }


def resolve_targets(
    targets: list[str],
    *,
    sites: dict[str, SiteConfig],
    base_url: str | None = None,
    scope: str = "prefix",
) -> list[CrawlTarget]:
    """URLs get the generic spider; names get their YAML config. Unknown names are usage errors."""
    resolved: list[CrawlTarget] = []
    for target in targets:
        parts = urlsplit(target)
        if parts.scheme in ("http", "https") and parts.netloc:
            key = site_key_for(target, prefix=scope == "prefix")
            resolved.append(CrawlTarget(key, GenericSpider, {"url": target, "scope": scope, "site_key": key}))
        elif target in sites:
            config = sites[target].with_base_url(base_url) if base_url else sites[target]
            resolved.append(CrawlTarget(config.name, SiteSpider, {"site": config}))
        else:
            known = ", ".join(sorted(sites)) or "none"
            raise TargetError(f"{target!r} is neither an http(s) URL nor a configured site (known: {known})")
    keys = [t.site_key for t in resolved]
    if len(set(keys)) != len(keys):
        raise TargetError("the same site is named twice")
    return resolved


def build_settings(
    config: Config, *, log_file: Path | None, overrides: dict[str, Any] | None = None
) -> Settings:
    # From the module, not via scrapy.cfg lookup in the working directory (nor SCRAPY_* env vars):
    # a crawl started from cron in another folder must run with the same components.
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict(settings_from_config(config), priority="project")
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        settings.set("LOG_FILE", str(log_file), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def jobdir_for(config: Config, site_key: str) -> Path:
    return config.path(config.crawl.jobdir_root) / _SLUG.sub("_", site_key)


ProgressCallback = Callable[[list[tuple[str, dict[str, Any]]]], None]
_REASON_MESSAGES = {
    "lease_lost": "stopped: another process took over the site's lease (its renewals had failed past "
    "the expiry); continue with --resume once the site is free",
}


def run_crawls(
    config: Config,
    targets: list[CrawlTarget],
    *,
    resume: bool = False,
    log_file: Path | None = None,
    progress: ProgressCallback | None = None,
    progress_interval: float = 0.5,
    overrides: dict[str, Any] | None = None,
    trigger: str = "cli",
    cluster_runs: dict[str, str] | None = None,
    lease_holder: str | None = None,
) -> list[RunSummary]:
    """Run every target concurrently in one reactor; return a summary per target.

    ``cluster_runs`` (site key -> run id): join those cluster runs as one of their workers
    instead of crawling alone with a JOBDIR. ``lease_holder`` (from :func:`site_leases`): the holder of
    the targets' site leases; a crawl whose lease another holder took stops (``lease_lost``)."""
    base = build_settings(config, log_file=log_file, overrides=overrides)
    base.set("ECOWARDEN_TRIGGER", trigger, priority="cmdline")
    if lease_holder is not None:
        base.set("LEASE_WATCH_HOLDER", lease_holder, priority="cmdline")
    base.set("LOG_INSTALL_ROOT_HANDLER", log_file is not None, priority="cmdline")
    process = CrawlerProcess(base)
    if log_file is None:
        logging.getLogger("scrapy").setLevel(logging.WARNING)
    crawlers: list[tuple[CrawlTarget, Crawler]] = []
    for target in targets:
        settings = base.copy()
        if cluster_runs is not None:
            join_cluster_run(settings, cluster_runs[target.site_key], "crawl")
        else:
            settings.set("JOBDIR", str(jobdir_for(config, target.site_key)), priority="cmdline")
            settings.set("ECOWARDEN_RESUME", resume, priority="cmdline")
        target.apply_to(settings)
        # the first crawler installs the reactor named in the settings (asyncio, for Playwright)
        crawler = Crawler(target.spider, settings, init_reactor=not crawlers)
        crawlers.append((target, crawler))
        process.crawl(crawler, **target.kwargs)
    if progress is not None:
        from twisted.internet import task

        def report() -> None:
            progress([(t.site_key, c.stats.get_stats() if c.stats else {}) for t, c in crawlers])

        loop = task.LoopingCall(report)
        loop.start(progress_interval, now=True)
    tune_collector()
    process.start(stop_after_crawl=True, install_signal_handlers=True)
    if progress is not None:
        progress([(t.site_key, c.stats.get_stats() if c.stats else {}) for t, c in crawlers])
    summaries = []
    for target, crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        reason = str(stats.get("finish_reason", "not started"))
        summaries.append(
            RunSummary(
                site=target.site_key,
                run_id=stats.get("ecowarden/run_id"),
                reason=reason,
                stats=stats,
                message=_REASON_MESSAGES.get(reason, ""),
            )
        )
    return summaries


#: allocations between two young-generation collections during a crawl (CPython's default: 700)
GC_YOUNG_THRESHOLD = 20_000


def tune_collector() -> None:
    """Collect cyclic garbage less often during a crawl: each page allocates tens of thousands of
    short-lived objects (parsed trees, requests, items) that reference counting frees anyway, and
    at CPython's default a crawl spent a tenth of its CPU in about a thousand collections."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(GC_YOUNG_THRESHOLD, young), middle, old)


def join_cluster_run(settings: Settings, run_id: str, role: str) -> str:
    """Settings that make a crawler one worker of a cluster run (the add-on does the rest).

    The worker id is unique per crawl, not just per process: a restarted container can come
    back with the same host name and pid while its predecessor's leases are still in Redis."""
    if not settings.get("CLUSTER_REDIS_URL"):
        raise ValueError("a cluster run needs [cluster] redis_url")
    worker_id = f"{holder_name(role)}#{uuid.uuid4().hex[:8]}"
    settings.set("CLUSTER_RUN_ID", run_id, priority="cmdline")
    settings.set("CLUSTER_WORKER_ID", worker_id, priority="cmdline")
    return worker_id


def holder_name(role: str) -> str:
    """Who holds a lease or works in a cluster: readable in ``ecowarden runs`` and error messages."""
    return f"{role}@{socket.gethostname()}:{os.getpid()}"


def holder_is_dead(holder: str) -> bool:
    """Whether a lease holder named by :func:`holder_name` was a process on this machine that no
    longer exists (killed outright: it could not release its lease). Other machines' holders are
    judged by the lease's expiry alone."""
    _, _, place = holder.partition("@")
    host, _, pid = place.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@contextmanager
def site_leases(
    config: Config, targets: list[CrawlTarget], role: str = "crawl"
) -> Iterator[tuple[list[CrawlTarget], list[RunSummary], str]]:
    """Hold the lease of every target's site while the block runs (one crawl of a site at a time,
    across processes and machines). Yields the targets to crawl, a summary for each busy one, and
    the holder name the leases are held under (for :func:`run_crawls`, whose crawls stop when
    another holder takes their site)."""
    engine, factory = open_database(config.database_url())
    leases = SiteLeases(factory)
    holder = holder_name(role)
    held: list[Lease] = []
    runnable: list[CrawlTarget] = []
    busy: list[RunSummary] = []
    try:
        for target in targets:
            try:
                held.append(
                    leases.acquire(
                        target.site_key,
                        holder,
                        config.scheduler.lease_ttl_s,
                        is_dead=holder_is_dead,
                    )
                )
                runnable.append(target)
            except SiteBusy as exc:
                busy.append(RunSummary(site=target.site_key, run_id=None, reason="busy", message=str(exc)))
        with LeaseKeeper(leases, held, config.scheduler.lease_ttl_s):
            yield runnable, busy, holder
    finally:
        engine.dispose()


def default_log_file(config: Config, kind: str = "crawl") -> Path:
    """``var/logs/<kind>-<UTC time>.log``: one file per command run (crawl, worker)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return config.path("var/logs") / f"{kind}-{stamp}.log"


def known_sites(config: Config) -> dict[str, SiteConfig]:
    directory = config.path(config.crawl.sites_dir) if config.crawl.sites_dir else None
    return load_sites(directory)
