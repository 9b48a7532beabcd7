"""Settles a search crawl's terms when it ends: one more run each, empty ones towards demotion.

On only for search crawls (``SEARCH_WATCHLIST`` names the list the runner planned from). The
storage pipeline has written every result page before ``spider_closed`` fires, so the run's
records are complete when this reads them (in a thread, never on the reactor). A term whose
searches found nothing for ``SEARCH_DEMOTE_AFTER`` runs in a row is demoted: searched after the
others, never dropped; one that finds something again is restored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads

from crawler.extensions.runs import get_context
from ecowarden.config import WatchConfig
from storage.watchlists import WatchlistStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchSettings:
    """``SEARCH_*``, read once; defaults are the config's (``[watch]``)."""

    watchlist: str
    demote_after: int

    @classmethod
    def from_settings(cls, settings: Settings) -> SearchSettings:
        watchlist = settings.get("SEARCH_WATCHLIST")
        if not watchlist:
            raise NotConfigured("not a search crawl (SEARCH_WATCHLIST is not set)")
        return cls(
            watchlist=str(watchlist),
            demote_after=max(
                1, settings.getint("SEARCH_DEMOTE_AFTER", WatchConfig().demote_after_empty_runs)
            ),
        )


class SearchRunExtension:
    def __init__(self, crawler: Crawler, config: SearchSettings) -> None:
        self.crawler = crawler
        self.config = config

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SearchRunExtension:
        ext = cls(crawler, SearchSettings.from_settings(crawler.settings))
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        context = get_context(self.crawler)
        if context is None:
            return
        store = WatchlistStore(context.store.factory)
        try:
            outcome = await maybe_deferred_to_future(
                threads.deferToThread(
                    store.settle_run, context.site_id, context.run_id, demote_after=self.config.demote_after
                )
            )
        except Exception as exc:
            logger.error(
                "%s: could not settle the search terms of run %s: %s", context.site_key, context.run_id, exc
            )
            return
        assert self.crawler.stats is not None
        for name, value in outcome.items():
            self.crawler.stats.set_value(f"ecowarden/search/settled/{name}", value)
        logger.info("%s: search terms settled: %s", context.site_key, outcome)
