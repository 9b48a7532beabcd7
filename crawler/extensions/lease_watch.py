"""Stops a crawl whose site lease was taken by another holder.

Every crawl holds its site's lease (``storage.leases``) so that two crawls of one site never run
at once. A holder can still lose it: renewals failing past the expiry (the database unreachable),
the process suspended for longer than the lease lives. Another crawl may then take the site, and
from that moment this one must stop, or both would write the same site's runs (and, on one
machine, the same JOBDIR). The process that holds the lease names its holder in
``LEASE_WATCH_HOLDER``; every ``LEASE_WATCH_INTERVAL`` seconds the extension reads the site's lease
from the database (in a thread, never on the reactor) and stops the crawl once another holder has
it. An expired lease nobody took is not a loss: the holder's keeper takes it back. Without a holder
(a worker of a cluster run, which holds no lease of its own) the extension is off.

The run closes with the reason ``lease_lost`` and is recorded ``interrupted`` with its JOBDIR
paused, like a Ctrl-C: ``--resume`` (and the scheduler's next firing) continues it once the site
is free. The loss is noticed at the keeper's next renewal (every third of the lease's lifetime,
``[scheduler] lease_ttl_s``) plus at most one check interval.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task, threads
from twisted.python.failure import Failure

from crawler.extensions.runs import get_context
from storage.leases import SiteLeases

logger = logging.getLogger(__name__)

REASON = "lease_lost"
INTERVAL_S = 2.0


@dataclass(frozen=True)
class LeaseWatchSettings:
    """``LEASE_WATCH_*``, read once."""

    holder: str
    interval_s: float

    @classmethod
    def from_settings(cls, settings: Settings) -> LeaseWatchSettings:
        holder = settings.get("LEASE_WATCH_HOLDER")
        if not holder:
            raise NotConfigured("no site lease to watch (LEASE_WATCH_HOLDER is not set)")
        return cls(holder=str(holder), interval_s=settings.getfloat("LEASE_WATCH_INTERVAL", INTERVAL_S))


class LeaseWatchExtension:
    def __init__(self, crawler: Crawler, config: LeaseWatchSettings) -> None:
        self.crawler = crawler
        self.config = config
        self.site_key = ""
        self._loop: task.LoopingCall | None = None
        self._closing = False
        self._checking = False
        self._leases: SiteLeases | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseWatchExtension:
        ext = cls(crawler, LeaseWatchSettings.from_settings(crawler.settings))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def watch(self, site_key: str, leases: SiteLeases) -> None:
        """Check ``site_key``'s lease in ``leases`` every interval from now on."""
        self.site_key, self._leases = site_key, leases
        self._loop = task.LoopingCall(self.check)
        self._loop.start(self.config.interval_s, now=False)

    def lost(self) -> bool:
        """Whether another holder has the site's lease now (worker thread: one database read)."""
        assert self._leases is not None
        current = self._leases.current(self.site_key)
        return current is not None and current.holder != self.config.holder

    def spider_opened(self, spider: Spider) -> None:
        # the leases live in the run's database: read them through the run's own connections
        context = get_context(self.crawler)
        if context is None:
            logger.warning("a site lease to watch but no crawl run: the lease is not watched")
            return
        self.watch(getattr(spider, "site_key", spider.name), SiteLeases(context.store.factory))

    def spider_closed(self, spider: Spider) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()

    def check(self) -> None:
        if self._closing or self._checking:
            return
        self._checking = True
        reading = threads.deferToThread(self.lost)
        reading.addCallbacks(self._verdict, self._unreadable)

    def _unreadable(self, failure: Failure) -> None:
        # a database blip: the next check tries again (the keeper's renewals face the same blip)
        self._checking = False
        logger.warning("could not read the lease of site %s: %s", self.site_key, failure.value)

    def _verdict(self, lost: bool) -> None:
        self._checking = False
        if self._closing or not lost:
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
