"""The shared shape of pipelines that batch items and do the work in their own thread."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task
from twisted.internet.defer import Deferred
from twisted.python.threadpool import ThreadPool

logger = logging.getLogger(__name__)

#: how often a partial batch is looked at: flushed once it is ``interval`` old, or at once when
#: the crawl has nothing else in flight (so the last pages of a crawl wait for no timer)
TICK_S = 0.1


class BatchWorkerPipeline:
    """A one-thread pool (batches run in order, never concurrently), a timer that flushes a
    partial batch, and a close that flushes the rest before the pool stops.

    A partial batch is flushed when it has waited ``interval`` seconds, or as soon as no request
    is being downloaded or waiting in the scheduler: then no more items are coming to fill it,
    and waiting would only add the interval to the crawl (a small crawl's whole run time).
    """

    #: seconds between timed flushes; subclasses set it in ``__init__``
    interval: float = 1.0

    def __init__(self, thread_name: str, crawler: Crawler | None = None) -> None:
        self.pool = ThreadPool(minthreads=1, maxthreads=1, name=thread_name)
        self.loop: task.LoopingCall | None = None
        self.crawler = crawler
        self._last_flush = time.monotonic()
        #: the newest flush the timer started (nothing else waits on it: close_spider does)
        self._timed: Deferred[Any] | None = None

    def _flush(self) -> Deferred[Any]:
        raise NotImplementedError

    def _has_pending(self) -> bool:
        """Whether a partial batch waits; subclasses that know say so (flushing nothing is free)."""
        return True

    def open_spider(self, spider: Spider | None = None) -> None:
        from twisted.internet import reactor as installed

        reactor: Any = installed  # the installed reactor (its interface types the call wrongly)
        self.pool.start()
        # The pool's thread is not a daemon: if the crawl ends without closing this pipeline
        # (interrupted while the engine was still opening), the process would wait for the
        # thread for ever after the reactor stops. So the reactor's shutdown stops it too.
        reactor.addSystemEventTrigger("during", "shutdown", self._stop_pool)
        self.loop = task.LoopingCall(self._tick)
        self.loop.start(min(TICK_S, self.interval), now=False)

    def _tick(self) -> None:
        if not self._has_pending():
            self._last_flush = time.monotonic()
            return
        if time.monotonic() - self._last_flush >= self.interval or self._nothing_in_flight():
            self._last_flush = time.monotonic()
            self._timed = self._flush()

    def _nothing_in_flight(self) -> bool:
        """No request downloading or scheduled; on any doubt (a cluster's Redis scheduler that
        cannot be asked just now) False, so the timer keeps running and the interval decides."""
        engine = None if self.crawler is None else self.crawler.engine
        if engine is None or engine.scheduler is None:
            return False
        try:
            return not engine.downloader.active and not engine.scheduler.has_pending_requests()
        except Exception as exc:
            logger.debug("could not tell whether requests are in flight: %s", exc)
            return False

    async def close_spider(self, spider: Spider | None = None) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        try:
            # a batch the timer started may still be writing: its results (counters, errors)
            # belong to this crawl's stats, so the close waits for it, then writes the rest
            if self._timed is not None and not self._timed.called:
                await maybe_deferred_to_future(self._timed)
            await maybe_deferred_to_future(self._flush())
        finally:
            self._stop_pool()

    def _stop_pool(self) -> None:
        if self.pool.started and not self.pool.joined:
            self.pool.stop()
