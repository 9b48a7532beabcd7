"""Stops a crawl whose site lease was taken by another holder.

Every crawl holds its site's lease (``storage.leases``) so that two crawls of one site never run
at once. A holder can still lose it: renewals failing past the expiry (the database unreachable),
the process suspended for longer than the lease lives. Another crawl may then take the site, and
from that moment this one must stop, or both would write the same site's runs (and, on one
machine, the same JOBDIR). The check is the lease keeper's own verdict, passed in as
``ECOWARDEN_LEASE_LOST`` (a function of the site key: a plain function, so that Scrapy's deep copy
of the settings keeps it as it is); without it (a worker of a cluster run, which holds no lease of
its own) the extension is off.

The run closes with the reason ``lease_lost`` and is recorded ``interrupted`` with its JOBDIR
paused, like a Ctrl-C: ``--resume`` (and the scheduler's next firing) continues it once the site
is free. The loss is noticed at the keeper's next renewal (every third of the lease's lifetime,
``[scheduler] lease_ttl_s``) plus at most one check interval.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

logger = logging.getLogger(__name__)

REASON = "lease_lost"


class LeaseWatchExtension:
    def __init__(self, crawler: Crawler, lost: Callable[[str], bool], interval_s: float) -> None:
        self.crawler = crawler
        self.lost = lost
        self.interval_s = interval_s
        self.site_key = ""
        self._loop: task.LoopingCall | None = None
        self._closing = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseWatchExtension:
        lost = crawler.settings.get("ECOWARDEN_LEASE_LOST")
        if lost is None:
            raise NotConfigured("no site lease to watch (ECOWARDEN_LEASE_LOST is not set)")
        if not callable(lost):
            raise NotConfigured("ECOWARDEN_LEASE_LOST must be a function of the site key")
        interval = crawler.settings.getfloat("ECOWARDEN_LEASE_WATCH_INTERVAL", 2.0)
        ext = cls(crawler, lost, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.site_key = getattr(spider, "site_key", spider.name)
        self._loop = task.LoopingCall(self.check)
        self._loop.start(self.interval_s, now=False)

    def spider_closed(self, spider: Spider) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()

    def check(self) -> None:
        if self._closing or not self.lost(self.site_key):
            return
        self._closing = True
        logger.error(
            "the lease on site %s was taken by another holder (renewals failed past its expiry): "
            "stopping this crawl; `ecowarden crawl --resume` continues it once the site is free",
            self.site_key,
        )
        assert self.crawler.stats is not None and self.crawler.engine is not None
        self.crawler.stats.set_value("ecowarden/lease/lost", True)
        closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason=REASON))
        closing.addErrback(lambda failure: logger.error("closing the crawl failed: %s", failure.value))
