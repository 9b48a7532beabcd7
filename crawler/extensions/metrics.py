"""Feeds a crawl's statistics into the process's Prometheus metrics while it runs.

Switched on by ``METRICS_PORT`` (from ``[monitoring] metrics_port``; 0 leaves it off). Every
``METRICS_INTERVAL`` seconds, and once more when the spider closes, the counters are advanced by
how much the crawl's stats grew since the last update: the stats stay the one record of a run
(and go to the database), the metrics only mirror them, labelled by site, into a registry that all
crawls of this process share (see ``monitoring.crawl_metrics``).

A metrics port another process holds does not stop the crawl: the error is logged and the crawl
goes on unmonitored (two ``ecowarden crawl`` processes sharing one config must both crawl).
A long-running ``ecowarden worker`` starts the endpoint itself before crawling and fails there.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.statscollectors import StatsCollector
from twisted.internet import task

from ecowarden.config import MonitoringConfig
from monitoring.crawl_metrics import CrawlMetrics, MetricsServerError, process_metrics, start_metrics_server
from monitoring.figures import (
    ERROR_PREFIX,
    FLAGGED,
    LISTING_KINDS,
    PAGES,
    errors_by_type,
    figure,
    listings,
    stored_listings,
)

logger = logging.getLogger(__name__)
DEFAULT_INTERVAL_S = 2.0


@dataclass(frozen=True)
class MetricsSettings:
    """``METRICS_*``, read once; defaults are the config's (``[monitoring]``)."""

    port: int
    host: str
    interval_s: float

    @classmethod
    def from_settings(cls, settings: Settings) -> MetricsSettings:
        defaults = MonitoringConfig()
        return cls(
            port=settings.getint("METRICS_PORT", defaults.metrics_port),
            host=str(settings.get("METRICS_HOST") or defaults.metrics_host),
            interval_s=max(0.1, settings.getfloat("METRICS_INTERVAL", DEFAULT_INTERVAL_S)),
        )


class PrometheusMetricsExtension:
    def __init__(self, stats: StatsCollector, metrics: CrawlMetrics, interval: float) -> None:
        self.stats = stats
        self.metrics = metrics
        self.interval = interval
        self.site = ""
        #: the value of each mirrored stat at the last update, to advance counters by the growth
        self._seen: dict[str, int] = {}
        self._last_tick = time.monotonic()
        self._last_pages = 0
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrometheusMetricsExtension:
        config = MetricsSettings.from_settings(crawler.settings)
        if config.port <= 0:
            raise NotConfigured("METRICS_PORT is 0")
        metrics = process_metrics()
        try:
            start_metrics_server(config.host, config.port, metrics.registry)
        except MetricsServerError as exc:
            logger.error("crawl metrics are off for this crawl: %s", exc)
            raise NotConfigured(str(exc)) from None
        assert crawler.stats is not None
        ext = cls(crawler.stats, metrics, config.interval_s)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.site = str(getattr(spider, "site_key", spider.name))
        m = self.metrics
        # every series of the site exists from the first scrape on, so rate() has a start
        m.pages.labels(self.site)
        m.items.labels(self.site)
        m.flags.labels(self.site)
        for kind in LISTING_KINDS:
            m.listings.labels(self.site, kind)
        m.running.labels(self.site).inc()
        self._last_tick = time.monotonic()
        self._loop = task.LoopingCall(self._tick)
        self._loop.start(self.interval, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if not self.site:  # closed before it opened (a failed start): nothing was counted
            return
        self.update()
        stats = self.stats.get_stats()
        stored = stored_listings(stats)
        m = self.metrics
        m.running.labels(self.site).dec()
        m.pages_per_second.labels(self.site).set(0)
        m.last_run_yield.labels(self.site).set(stored)
        m.yield_zero.labels(self.site).set(1 if stored == 0 else 0)

    def _tick(self) -> None:
        try:
            self.update()
        except Exception:  # a LoopingCall that raises stops for good: log and keep updating
            logger.exception("updating crawl metrics failed")

    def _growth(self, key: str, value: int) -> int:
        before = self._seen.get(key, 0)
        self._seen[key] = value
        return value - before if value > before else 0

    def update(self) -> None:
        """Advance the counters by what the crawl's stats gained since the last update."""
        stats = self.stats.get_stats()
        m, site = self.metrics, self.site
        pages = figure(stats, PAGES)
        now = time.monotonic()
        elapsed = now - self._last_tick
        if elapsed > 0:
            m.pages_per_second.labels(site).set(max(0, pages - self._last_pages) / elapsed)
        self._last_tick, self._last_pages = now, pages
        if grown := self._growth(PAGES, pages):
            m.pages.labels(site).inc(grown)
        if grown := self._growth("yield", stored_listings(stats)):
            m.items.labels(site).inc(grown)
        if grown := self._growth(FLAGGED, figure(stats, FLAGGED)):
            m.flags.labels(site).inc(grown)
        for kind in LISTING_KINDS:
            if grown := self._growth(f"listings/{kind}", listings(stats, kind)):
                m.listings.labels(site, kind).inc(grown)
        for kind, count in errors_by_type(stats).items():
            if grown := self._growth(ERROR_PREFIX + kind, count):
                m.errors.labels(site, kind).inc(grown)
