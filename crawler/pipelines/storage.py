"""Stores listings in batches, in a writer thread, so the reactor never waits on the database."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.internet.defer import Deferred, succeed

from crawler.context import CrawlContext
from crawler.extensions.runs import get_context
from crawler.items import ListingGoneItem, ListingItem, SearchPageItem
from crawler.pipelines.identifiers import with_identifiers
from crawler.pipelines.worker import BatchWorkerPipeline
from ecowarden.config import CrawlConfig
from storage.db import lost_a_race
from storage.listings import BatchResult, Disappearance, Observation
from storage.watchlists import SearchPageRecord, WatchlistStore

logger = logging.getLogger(__name__)

#: how often one record that collided with a concurrent writer is tried again on its own
RACE_RETRIES = 3


def observation_from(item: ListingItem) -> Observation:
    return Observation(
        canonical_url=item.canonical_url,
        url=item.listing.url,
        observed_at=item.fetched_at,
        content=item.listing_content(),
        text_language=item.text_language,
        extra={"sources": item.listing.sources, "rendered": item.rendered, "http_status": item.http_status},
        verdict=item.verdict,
    )


class StorageFailed(RuntimeError):
    """A batch could not be committed: its items are not stored."""


@dataclass(frozen=True)
class StoragePipelineSettings:
    """``STORAGE_*`` batching, read once; defaults are the config's (``[crawl] batch_size`` and
    ``flush_interval_s``)."""

    batch_size: int
    flush_interval_s: float
    #: answer an item only once its batch is committed (cluster runs)
    ack_on_commit: bool
    #: where search result pages are kept (the evidence store); "" keeps only their records
    evidence_folder: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> StoragePipelineSettings:
        defaults = CrawlConfig()
        return cls(
            batch_size=max(1, settings.getint("STORAGE_BATCH_SIZE", defaults.batch_size)),
            flush_interval_s=settings.getfloat("STORAGE_FLUSH_INTERVAL", defaults.flush_interval_s),
            ack_on_commit=settings.getbool("STORAGE_ACK_ON_COMMIT"),
            evidence_folder=str(settings.get("EVIDENCE_FOLDER") or ""),
        )


class StoragePipeline(BatchWorkerPipeline):
    """Buffers items; a batch is written when full, every few seconds, and at close.

    Writes go through a one-thread pool, so batches are applied in order and never concurrently
    (a second writer would only contend for SQLite's lock). The item that fills a batch waits for
    its write, which is the back-pressure that bounds memory.
    """

    def __init__(self, crawler: Crawler, context: CrawlContext) -> None:
        super().__init__("ecowarden-storage", crawler)
        self.context = context
        self.config = StoragePipelineSettings.from_settings(crawler.settings)
        self.batch_size = self.config.batch_size
        self.interval = self.config.flush_interval_s
        assert crawler.stats is not None
        self.stats: StatsCollector = crawler.stats
        self.pending: list[Observation] = []
        self.pending_gone: list[Disappearance] = []
        self.pending_pages: list[tuple[SearchPageRecord, bytes]] = []
        #: answer an item only once its batch is committed (cluster runs: the item's request is
        #: acknowledged then, so a worker killed before the commit has it re-queued, not lost)
        self.ack_on_commit = self.config.ack_on_commit
        self.waiters: list[Deferred[None]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        context = get_context(crawler)
        if context is None:
            raise NotConfigured("no crawl run (storage is not configured)")
        return cls(crawler, context)

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ListingItem):
            self.pending.append(observation_from(item))
        elif isinstance(item, ListingGoneItem):
            self.pending_gone.append(Disappearance(item.canonical_url, item.observed_at, item.reason))
        elif isinstance(item, SearchPageItem):
            self.pending_pages.append((item.record, item.body))
        else:
            return item
        stored: Deferred[None] | None = None
        if self.ack_on_commit:
            stored = Deferred()
            self.waiters.append(stored)
        if len(self.pending) + len(self.pending_gone) + len(self.pending_pages) >= self.batch_size:
            await maybe_deferred_to_future(self._flush())
        if stored is not None:
            await maybe_deferred_to_future(stored)
        return item

    def _has_pending(self) -> bool:
        return bool(self.pending or self.pending_gone or self.pending_pages)

    def _flush(self) -> Deferred[Any]:
        if not self.pending and not self.pending_gone and not self.pending_pages:
            return succeed(None)
        batch, gone, pages, waiters = self.pending, self.pending_gone, self.pending_pages, self.waiters
        self.pending, self.pending_gone, self.pending_pages, self.waiters = [], [], [], []
        return self._write(batch, gone, waiters, pages)

    def _write(
        self,
        batch: list[Observation],
        gone: list[Disappearance],
        waiters: list[Deferred[None]],
        pages: list[tuple[SearchPageRecord, bytes]] | None = None,
    ) -> Deferred[Any]:
        from twisted.internet import reactor  # the installed one, never an import-time default

        d = threads.deferToThreadPool(reactor, self.pool, self._apply_all, batch, gone, pages or [])
        d.addCallbacks(
            self._count, self._failed, callbackArgs=(waiters,), errbackArgs=(len(batch) + len(gone), waiters)
        )
        return d

    def _apply_all(
        self, batch: list[Observation], gone: list[Disappearance], pages: list[tuple[SearchPageRecord, bytes]]
    ) -> BatchResult:
        """Search result pages first (the provenance of listings in this batch), then listings,
        with the identifiers each shows (read here, off the reactor)."""
        if pages:
            self._store_pages(pages)
        batch = [with_identifiers(observation) for observation in batch]
        return self._apply(batch, gone) if batch or gone else BatchResult()

    def _store_pages(self, pages: list[tuple[SearchPageRecord, bytes]]) -> None:
        """Each page's bytes into the evidence store (named by their SHA-256), then the records.
        A failure costs the pages' provenance, counted and logged, never the listings."""
        try:
            if self.config.evidence_folder:
                from evidence.store import BlobStore

                blobs = BlobStore(self.config.evidence_folder)
                pages = [
                    (replace(record, body_sha256=blobs.put_bytes(body).sha256), body)
                    for record, body in pages
                ]
            WatchlistStore(self.context.store.factory).record_pages(
                self.context.site_id, self.context.run_id, [record for record, _ in pages]
            )
        except Exception as exc:
            logger.error("could not store %d search result pages: %s", len(pages), exc)
            self.stats.inc_value("ecowarden/search/pages_failed", len(pages))
            return
        self.stats.inc_value("ecowarden/search/pages_stored", len(pages))

    def _apply(self, batch: list[Observation], gone: list[Disappearance], attempt: int = 0) -> BatchResult:
        """One transaction per batch; if it fails, halves are retried so that one bad record
        costs only itself (counted as failed), never the listings that shared its batch."""
        try:
            return self.context.store.apply_batch(self.context.site_id, self.context.run_id, batch, gone)
        except Exception as exc:
            if len(batch) + len(gone) <= 1 and attempt < RACE_RETRIES and lost_a_race(exc):
                # a cluster worker stored the same row meanwhile: tried again, it finds that row
                time.sleep(0.05 * (attempt + 1))
                return self._apply(batch, gone, attempt + 1)
            if len(batch) + len(gone) <= 1:
                record = batch[0].canonical_url if batch else gone[0].canonical_url
                logger.error("could not store %s: %s", record, exc)
                self.stats.inc_value("ecowarden/storage/failed_items")
                return BatchResult()
            # halves of the records together, so each half is smaller (one observation and one
            # disappearance split into one each, not into nothing and the same two again)
            result = BatchResult()
            middle = (len(batch) + len(gone)) // 2
            first_batch, first_gone = batch[:middle], gone[: max(0, middle - len(batch))]
            result.add(self._apply(first_batch, first_gone))
            result.add(self._apply(batch[len(first_batch) :], gone[len(first_gone) :]))
            return result

    def _count(self, result: BatchResult, waiters: list[Deferred[None]]) -> None:
        for waiter in waiters:
            waiter.callback(None)
        for name in ("new", "changed", "unchanged", "removed", "reappeared"):
            value = getattr(result, name)
            if value:
                self.stats.inc_value(f"ecowarden/listings/{name}", value)
        if result.captures_queued:
            self.stats.inc_value("ecowarden/evidence/queued", result.captures_queued)
        self.stats.inc_value("ecowarden/storage/batches")

    def _failed(self, failure: Any, size: int, waiters: list[Deferred[None]]) -> None:
        # Not even the halving could store them (e.g. the database is down). The pages are not
        # marked as stored, so a resumed crawl fetches them again; in a cluster run the items
        # fail, so their requests' leases go back to the queue. Counted, logged, never quiet.
        self.stats.inc_value("ecowarden/storage/failed_items", size)
        logger.error("storing a batch of %d failed: %s", size, failure.getErrorMessage())
        for waiter in waiters:
            waiter.errback(StorageFailed(failure.getErrorMessage()))
