"""Captures evidence of flagged listings while the crawl goes on, in a thread beside the reactor.

The storage pipeline queues a capture request in the same transaction as a flagging verdict; this
extension's worker thread drains this run's requests with its own Chromium, so the reactor never
waits on a browser. When the spider closes normally the worker finishes the run's queue (bounded
by ``EVIDENCE_DRAIN_TIMEOUT``); on Ctrl-C or failure it stops after the capture in hand. Whatever is
left stays queued for ``ecowarden capture --pending``.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads

from crawler.context import CrawlContext
from crawler.extensions.runs import get_context
from crawler.outcomes import FINISHED_REASONS
from ecowarden.config import EvidenceConfig
from evidence.settings import CaptureSettings, warn_if_no_tsa
from storage.capture_queue import CaptureQueue
from storage.db import open_database

if TYPE_CHECKING:
    from evidence.worker import DrainReport

logger = logging.getLogger(__name__)

POLL_INTERVAL_S = 2.0


@dataclass(frozen=True)
class CaptureExtensionSettings:
    """The extension's own settings, read once (``EVIDENCE_*``); the capture record travels beside
    them as plain values (``evidence.settings.CaptureSettings``)."""

    database_url: str
    capture: CaptureSettings
    #: how often the worker looks for new requests while the crawl goes on
    poll_interval_s: float
    drain_timeout_s: float
    max_captures: int

    @classmethod
    def from_settings(cls, settings: Settings) -> CaptureExtensionSettings:
        if not settings.getbool("EVIDENCE_CAPTURE_ON_FLAG"):
            raise NotConfigured("EVIDENCE_CAPTURE_ON_FLAG is off")
        capture = CaptureSettings.from_settings(settings)
        database_url = settings.get("STORAGE_DATABASE_URL")
        if capture is None or not database_url:
            raise NotConfigured("evidence capture needs the EVIDENCE_* settings and STORAGE_DATABASE_URL")
        defaults = EvidenceConfig()
        return cls(
            database_url=str(database_url),
            capture=capture,
            poll_interval_s=settings.getfloat("EVIDENCE_POLL_INTERVAL", POLL_INTERVAL_S),
            drain_timeout_s=settings.getfloat("EVIDENCE_DRAIN_TIMEOUT", defaults.drain_timeout_s),
            max_captures=settings.getint("EVIDENCE_MAX_CAPTURES_PER_RUN", defaults.max_captures_per_run),
        )


class EvidenceCaptureExtension:
    def __init__(self, crawler: Crawler, config: CaptureExtensionSettings) -> None:
        self.crawler = crawler
        self.config = config
        #: the run whose captures this worker takes, known once the extensions exist
        self.context: CrawlContext | None = None
        assert crawler.stats is not None
        self.stats: StatsCollector = crawler.stats
        self.poll_interval = config.poll_interval_s
        self.drain_timeout = config.drain_timeout_s
        self.max_captures = config.max_captures
        self.capture_timeout = config.capture.capture_timeout_s
        _engine, factory = open_database(config.database_url)
        self.factory = factory
        self.queue = CaptureQueue(factory)
        self._wake = threading.Event()
        self._closing = False
        self._abandon = False
        self._drain_until = float("inf")
        self._captured = 0
        self._report: DrainReport | None = None
        self._seen = self._seen_failed = 0
        self._thread: threading.Thread | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EvidenceCaptureExtension:
        config = CaptureExtensionSettings.from_settings(crawler.settings)
        warn_if_no_tsa(config.capture.tsa_url)  # at the crawl's start, in its log
        ext = cls(crawler, config)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    # -- signals (reactor thread) -----------------------------------------------------------
    def spider_opened(self, spider: Spider) -> None:
        self.context = get_context(self.crawler)
        if self.context is None:
            logger.warning("evidence capture is on but this crawl has no run to capture for")
            return
        self._thread = threading.Thread(target=self._run, name="ecowarden-evidence", daemon=True)
        self._thread.start()

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._thread is None:
            return
        self._closing = True
        if reason in FINISHED_REASONS:
            self._drain_until = time.monotonic() + self.drain_timeout
        else:
            self._abandon = True  # Ctrl-C or failure: leave the queue for later
        self._wake.set()
        from twisted.internet import reactor

        # wait for the worker off the reactor thread: the crawl's other shutdown work goes on
        # (bounded: every capture has its own deadline, this is the net under them)
        limit = (self.drain_timeout if reason in FINISHED_REASONS else 0.0) + self.capture_timeout + 60.0
        joined = threads.deferToThreadPool(reactor, reactor.getThreadPool(), self._thread.join, limit)
        await maybe_deferred_to_future(joined)
        if self._thread.is_alive():
            logger.error("evidence capture worker did not stop within %.0f s; leaving it behind", limit)
        self._closed(None)

    def _closed(self, _result: Any) -> None:
        assert self.context is not None
        counts = self.queue.counts(run_id=self.context.run_id)
        left = counts.get("queued", 0) + counts.get("running", 0)
        self.stats.set_value("ecowarden/evidence/left_queued", left)
        if left:
            logger.info("%d captures left queued: run `ecowarden capture --pending` to take them", left)

    # -- worker thread ---------------------------------------------------------------------
    def _should_stop(self) -> bool:
        if self._abandon or (self.max_captures and self._captured >= self.max_captures):
            return True
        return self._closing and time.monotonic() > self._drain_until

    def _run(self) -> None:
        assert self.context is not None
        run_id = self.context.run_id
        # imported here: the worker brings Playwright (half a second), which a crawl that captures
        # nothing never needs
        from evidence.worker import CaptureWorker, open_capturer

        worker = CaptureWorker(self.queue, lambda: open_capturer(self.config.capture, self.factory))
        try:
            while not self._should_stop():
                report = worker.drain(run_id=run_id, should_stop=self._should_stop, on_done=self._count)
                if self._closing and not report.captured and not report.failed and not report.retrying:
                    break  # closing and nothing left that this pass could take
                if not self._closing:
                    self._wake.wait(self.poll_interval)
                    self._wake.clear()
        except Exception:
            logger.exception("evidence capture worker stopped")
        finally:
            worker.close()

    def _count(self, report: DrainReport) -> None:
        """Called after each capture with the current pass's report: fold its news into stats."""
        if report is not self._report:
            self._report, self._seen, self._seen_failed = report, 0, 0
        for stored in report.captured[self._seen :]:
            self._captured += 1
            self.stats.inc_value("ecowarden/evidence/captured")
            if stored.timestamp_status == "stamped":
                self.stats.inc_value("ecowarden/evidence/timestamped")
        failed = len(report.failed) - self._seen_failed
        if failed:
            self.stats.inc_value("ecowarden/evidence/failed", failed)
        self._seen, self._seen_failed = len(report.captured), len(report.failed)
