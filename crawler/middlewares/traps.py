"""Bounds crawler traps (endless calendars, faceted search) by capping pages per URL shape."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from crawler.urls import url_shape

logger = logging.getLogger(__name__)


class TrapGuardMiddleware:
    """A site has many listings of one shape, but a trap has unboundedly many pages of one shape
    that are *not* listings. Listing requests are never capped (DEPTH_LIMIT still applies)."""

    def __init__(self, limit: int, stats: StatsCollector) -> None:
        self.limit = limit
        self.stats = stats
        self.counts: Counter[str] = Counter()
        self.seen: set[str] = set()
        self.warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrapGuardMiddleware:
        limit = crawler.settings.getint("TRAPGUARD_MAX_PER_SHAPE", 0)
        if limit <= 0:
            raise NotConfigured("TRAPGUARD_MAX_PER_SHAPE is 0")
        assert crawler.stats is not None
        return cls(limit, crawler.stats)

    def _allow(self, request: Request) -> bool:
        if request.meta.get("ecowarden_listing") or request.dont_filter:
            return True
        if request.url in self.seen:
            return True  # a link seen again is the dupefilter's business, not a new page
        self.seen.add(request.url)
        shape = url_shape(request.url)
        self.counts[shape] += 1
        if self.counts[shape] <= self.limit:
            return True
        self.stats.inc_value("ecowarden/traps/capped")
        if shape not in self.warned:
            self.warned.add(shape)
            logger.warning("more than %d pages shaped %s: treating as a trap", self.limit, shape)
        return False

    def process_spider_output(
        self, response: Response, result: Iterable[Any], spider: Spider | None = None
    ) -> Iterable[Any]:
        for entry in result:
            if not isinstance(entry, Request) or self._allow(entry):
                yield entry

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        async for entry in result:
            if not isinstance(entry, Request) or self._allow(entry):
                yield entry
