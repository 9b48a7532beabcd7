"""Opens the crawl run in storage when a crawler starts and closes it with its statistics."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.context import CrawlContext, open_run, write_marker
from storage.db import open_database
from storage.listings import ListingStore

_FINISHED_REASONS = {"finished", "closespider_pagecount", "closespider_itemcount", "closespider_timeout"}


class CrawlRunExtension:
    def __init__(self, crawler: Crawler, context: CrawlContext, jobdir: Path | None) -> None:
        self.crawler = crawler
        self.context = context
        self.jobdir = jobdir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunExtension:
        settings = crawler.settings
        url = settings.get("STORAGE_DATABASE_URL")
        if not url:
            raise NotConfigured("STORAGE_DATABASE_URL is not set")
        spider = crawler.spider
        assert spider is not None
        _engine, factory = open_database(url)
        store = ListingStore(factory, capture_on_flag=settings.getbool("EVIDENCE_CAPTURE_ON_FLAG"))
        jobdir = Path(settings["JOBDIR"]) if settings.get("JOBDIR") else None
        context = open_run(
            store,
            site_key=getattr(spider, "site_key", spider.name),
            base_url=getattr(spider, "base_url", ""),
            spider_name=spider.name,
            start_urls=list(getattr(spider, "start_urls", [])),
            jobdir=jobdir,
            resume=settings.getbool("ECOWARDEN_RESUME"),
            trigger=settings.get("ECOWARDEN_TRIGGER") or "cli",
        )
        crawler.ecowarden_context = context  # type: ignore[attr-defined]
        ext = cls(crawler, context, jobdir)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        assert crawler.stats is not None
        crawler.stats.set_value("ecowarden/run_id", context.run_id)
        crawler.stats.set_value("ecowarden/resumed", context.resumed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        stats = _json_safe(self.crawler.stats.get_stats())
        if stats.get("ecowarden/storage/failed_items"):
            # some pages were fetched but not stored: --resume must be able to fetch them again
            status, marker = "failed", "running"
        elif reason in _FINISHED_REASONS:
            status, marker = "finished", "finished"
        elif reason == "shutdown":
            status, marker = "interrupted", "paused"
        else:
            status, marker = "failed", "paused"
        self.context.store.finish_run(self.context.run_id, status, reason, stats)
        if self.jobdir is not None:
            write_marker(self.jobdir, self.context.run_id, self.context.site_key, marker)


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
