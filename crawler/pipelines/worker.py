"""The shared shape of pipelines that batch items and do the work in their own thread."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task
from twisted.internet.defer import Deferred
from twisted.python.threadpool import ThreadPool


class BatchWorkerPipeline:
    """A one-thread pool (batches run in order, never concurrently), a timer that flushes a
    partial batch, and a close that flushes the rest before the pool stops."""

    #: seconds between timed flushes; subclasses set it in ``__init__``
    interval: float = 1.0

    def __init__(self, thread_name: str) -> None:
        self.pool = ThreadPool(minthreads=1, maxthreads=1, name=thread_name)
        self.loop: task.LoopingCall | None = None

    def _flush(self) -> Deferred[Any]:
        raise NotImplementedError

    def open_spider(self, spider: Spider | None = None) -> None:
        from twisted.internet import reactor as installed

        reactor: Any = installed  # the installed reactor (its interface types the call wrongly)
        self.pool.start()
        # The pool's thread is not a daemon: if the crawl ends without closing this pipeline
        # (interrupted while the engine was still opening), the process would wait for the
        # thread for ever after the reactor stops. So the reactor's shutdown stops it too.
        reactor.addSystemEventTrigger("during", "shutdown", self._stop_pool)
        self.loop = task.LoopingCall(self._flush)
        self.loop.start(self.interval, now=False)

    async def close_spider(self, spider: Spider | None = None) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        try:
            await maybe_deferred_to_future(self._flush())
        finally:
            self._stop_pool()

    def _stop_pool(self) -> None:
        if self.pool.started and not self.pool.joined:
            self.pool.stop()
