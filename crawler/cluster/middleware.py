"""Marks the end of a leased response's output, counts its items, and marks a run as seeded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.cluster.extension import ClusterExtension, required_cluster
from crawler.cluster.leases import LEASE_META, PARENT_META, lease_of


class LeaseSpiderMiddleware:
    """Outermost spider middleware (nearest the engine), so it sees the final output."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseSpiderMiddleware:
        if not crawler.settings.get("CLUSTER_RUN_ID"):
            raise NotConfigured
        return cls(crawler)

    @property
    def cluster(self) -> ClusterExtension:
        return required_cluster(self.crawler, "lease middleware")

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Every worker seeds (start pages and re-checks; the duplicate filter keeps one of each);
        the run cannot end before one worker has pushed all of its seeds."""
        async for request_or_item in start:
            yield request_or_item
        self.cluster.seeded()

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        lease = lease_of(response.request)
        tracker = self.cluster.tracker
        try:
            async for output in result:
                if isinstance(output, Request):
                    output.meta.pop(LEASE_META, None)  # a child is not its parent's successor
                    if lease is not None:
                        # the scraper queues it from a task of its own, later: counted until then
                        output.meta[PARENT_META] = lease
                        tracker.item_started(lease)
                elif lease is not None and output is not None:
                    tracker.item_started(lease)
                yield output
        finally:
            if lease is not None:
                tracker.response_finished(lease)

    def process_spider_exception(
        self, response: Response, exception: BaseException, spider: Spider | None = None
    ) -> None:
        lease = lease_of(response.request)
        if lease is not None:
            self.cluster.tracker.response_finished(lease)
