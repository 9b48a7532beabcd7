"""After a killed crawl, skips listing pages the database already holds for the resumed run."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.extensions.runs import get_context


class SkipObservedListingsMiddleware:
    def __init__(self, stored: set[str], stats: StatsCollector) -> None:
        self.stored = stored
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipObservedListingsMiddleware:
        context = get_context(crawler)
        if context is None or not context.recovering:
            raise NotConfigured  # the usual case: nothing to skip
        assert crawler.stats is not None
        return cls(context.store.urls_observed_in_run(context.run_id), crawler.stats)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        canonical = request.meta.get("ecowarden_canonical")
        if request.meta.get("ecowarden_listing") and canonical in self.stored:
            self.stats.inc_value("ecowarden/resume/skipped")
            raise IgnoreRequest(f"already stored in this run: {canonical}")
