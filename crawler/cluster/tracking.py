"""When a leased request is done: the bookkeeping, free of Redis and Scrapy so it can be tested alone.

A request is done when everything it led to is durable: its response's callback has been fully
consumed, every follow-up request it yielded is in the Redis queue (or was a known duplicate),
and every item it yielded has been committed by the storage pipeline (or dropped). A request that failed
is done when its errback ran; one that was redirected or retried is done when its successor is
in the queue. Only done requests are acknowledged; the rest go back to the queue if this worker
dies.
"""

from __future__ import annotations


class LeaseTracker:
    def __init__(self) -> None:
        #: lease id -> outstanding pieces: 1 for the response/failure itself plus one per item and
        #: per follow-up request
        self._pending: dict[int, int] = {}
        #: leases whose response (or failure) part is still open
        self._open: set[int] = set()
        self._done: list[int] = []

    def taken(self, lease: int) -> None:
        self._pending[lease] = 1
        self._open.add(lease)

    def item_started(self, lease: int) -> None:
        """One more piece (an item, or a follow-up request) that must be durable first."""
        if lease in self._pending:
            self._pending[lease] += 1

    def item_finished(self, lease: int) -> None:
        self._release(lease)

    def response_finished(self, lease: int) -> None:
        """The callback's output was consumed, the errback ran, or a successor was queued."""
        if lease in self._open:
            self._open.discard(lease)
            self._release(lease)

    def _release(self, lease: int) -> None:
        left = self._pending.get(lease)
        if left is None:
            return
        if left <= 1:
            del self._pending[lease]
            self._open.discard(lease)
            self._done.append(lease)
        else:
            self._pending[lease] = left - 1

    def take_unfinished(self) -> list[int]:
        """The engine is idle: leases still open here will never finish in this process (an item
        whose storage failed, a child that could not be queued). They go back to the queue."""
        unfinished = list(self._pending)
        self._pending.clear()
        self._open.clear()
        return unfinished

    def take_done(self) -> list[int]:
        done, self._done = self._done, []
        return done

    def restore(self, done: list[int]) -> None:
        """An acknowledgement did not reach Redis: keep the leases to acknowledge them later."""
        self._done.extend(done)

    def __len__(self) -> int:
        return len(self._pending)
