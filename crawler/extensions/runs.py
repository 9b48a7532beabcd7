"""Opens the crawl run in storage when a crawler starts and closes it with its statistics."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from sqlalchemy.orm import Session, sessionmaker

from crawler.cluster.settings import ClusterSettings
from crawler.context import CrawlContext, open_run, write_marker
from crawler.outcomes import run_status
from storage.db import open_database
from storage.listings import ListingStore
from storage.runs import RunRecords

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSettings:
    """What the run extension reads from the settings, once."""

    database_url: str
    #: flagged listings get a capture request in the same transaction as their verdict
    capture_on_flag: bool
    jobdir: str
    resume: bool
    #: what started the crawl: "cli", "schedule"... (recorded with the run)
    trigger: str
    cluster: ClusterSettings

    @classmethod
    def from_settings(cls, settings: Settings) -> RunSettings:
        url = settings.get("STORAGE_DATABASE_URL")
        if not url:
            raise NotConfigured("STORAGE_DATABASE_URL is not set")
        return cls(
            database_url=str(url),
            capture_on_flag=settings.getbool("EVIDENCE_CAPTURE_ON_FLAG"),
            jobdir=str(settings.get("JOBDIR") or ""),
            resume=settings.getbool("ECOWARDEN_RESUME"),
            trigger=str(settings.get("ECOWARDEN_TRIGGER") or "cli"),
            cluster=ClusterSettings.from_settings(settings),
        )


class CrawlRunExtension:
    def __init__(self, crawler: Crawler, context: CrawlContext, jobdir: Path | None) -> None:
        self.crawler = crawler
        self.context = context
        self.jobdir = jobdir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunExtension:
        config = RunSettings.from_settings(crawler.settings)
        spider = crawler.spider
        assert spider is not None
        engine, factory = open_database(config.database_url)
        # a long-lived worker runs crawl after crawl: each one's connection pool goes with it
        crawler.signals.connect(engine.dispose, signal=signals.engine_stopped, weak=False)
        store = ListingStore(factory, capture_on_flag=config.capture_on_flag)
        if config.cluster.active:
            return ClusterRunMember.join(crawler, store, factory, config.cluster)
        jobdir = Path(config.jobdir) if config.jobdir else None
        context = open_run(
            store,
            site_key=getattr(spider, "site_key", spider.name),
            base_url=getattr(spider, "base_url", ""),
            spider_name=spider.name,
            start_urls=list(getattr(spider, "start_urls", [])),
            jobdir=jobdir,
            resume=config.resume,
            trigger=config.trigger,
        )
        ext = cls(crawler, context, jobdir)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        assert crawler.stats is not None
        crawler.stats.set_value("ecowarden/run_id", context.run_id)
        crawler.stats.set_value("ecowarden/resumed", context.resumed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        stats = _json_safe(self.crawler.stats.get_stats())
        status = run_status(reason, stats)
        if stats.get("ecowarden/storage/failed_items"):
            # some pages were fetched but not stored: --resume must be able to fetch them again
            marker = "running"
        else:
            marker = "finished" if status == "finished" else "paused"
        self.context.store.finish_run(self.context.run_id, status, reason, stats)
        if self.jobdir is not None:
            write_marker(self.jobdir, self.context.run_id, self.context.site_key, marker)


class ClusterRunMember(CrawlRunExtension):
    """In a cluster run the run already exists: a worker joins it, and on leaving adds its own
    counters and status (the run's end is recorded by the worker that finds it drained)."""

    worker_id: str = ""
    joined: bool = False
    records: RunRecords
    #: called when the worker's share ends, before its counters are recorded (the cluster
    #: extension registers its hand-back of unfinished leases here)
    before_leaving: list[Callable[[], None]]

    @classmethod
    def join(
        cls, crawler: Crawler, store: ListingStore, factory: sessionmaker[Session], cluster: ClusterSettings
    ) -> ClusterRunMember:
        spider = crawler.spider
        assert spider is not None and crawler.stats is not None
        run_id = cluster.run_id
        site_key = getattr(spider, "site_key", spider.name)
        site_id = store.ensure_site(site_key, getattr(spider, "base_url", ""))
        context = CrawlContext(store, site_key, site_id, run_id)
        ext = cls(crawler, context, None)
        ext.records = RunRecords(factory)
        ext.before_leaving = []
        ext.worker_id = cluster.worker_id
        ext.joined = ext.records.join(run_id, ext.worker_id, socket.gethostname(), os.getpid())
        # a resumed run (its Redis state was lost): the listing pages it stored are not fetched again
        run = ext.records.run(run_id) if ext.joined else None
        context.recovering = bool(run and run["resumes"])
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.stats.set_value("ecowarden/run_id", run_id)
        return ext

    async def spider_opened(self, spider: Spider) -> None:
        if not self.joined:
            logger.warning("run %s is over or unknown: not joining it", self.context.run_id)
            assert self.crawler.engine is not None
            await self.crawler.engine.close_spider_async(reason="run_over")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if not self.joined:
            return
        for leave in self.before_leaving:
            leave()  # first (the cluster's hand-back), so that what it hands back is in the stats
        assert self.crawler.stats is not None
        stats = _json_safe(self.crawler.stats.get_stats())
        self.records.leave(self.context.run_id, self.worker_id, run_status(reason, stats), stats)


def get_context(crawler: Crawler) -> CrawlContext | None:
    """The crawl's run (store, site, run id) as the run extension opened it; None when storage
    is not configured, or before the extensions exist."""
    try:
        extension = crawler.get_extension(CrawlRunExtension)
    except RuntimeError:
        return None
    return extension.context if extension is not None else None


def _json_safe(stats: dict[str, Any]) -> dict[str, Any]:
    safe: dict[str, Any] = {}
    for key, value in stats.items():
        if isinstance(value, bool | str):
            safe[key] = value
        elif isinstance(value, int | float):
            safe[key] = value
        elif isinstance(value, datetime):
            safe[key] = value.isoformat()
    # counters that must add up across resumed processes stay numbers; flags/times do not
    for key in ("start_time", "finish_time", "ecowarden/run_id", "ecowarden/resumed", "finish_reason"):
        if key in safe:
            safe[key] = str(safe[key])
    return safe
