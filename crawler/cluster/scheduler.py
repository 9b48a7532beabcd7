"""scrapy-redis's scheduler and priority queue, with every taken request recorded as a lease."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from crawler.cluster.extension import ClusterExtension, required_cluster
from crawler.cluster.leases import LEASE_META, PARENT_META

logger = logging.getLogger(__name__)


def cluster_of(spider: Any) -> ClusterExtension:
    """The spider's crawler's cluster extension (the scheduler cannot work without it)."""
    return required_cluster(spider.crawler, "cluster scheduler")


class LeasedPriorityQueue(PriorityQueue):  # type: ignore[misc]
    """Pops move the request into this worker's in-flight hash in the same atomic step."""

    def pop(self, timeout: int = 0) -> Request | None:
        cluster = cluster_of(self.spider)
        taken = cluster.ledger.pop(self.key)
        if taken is None:
            return None
        lease, data = taken
        try:
            request: Request = self._decode_request(data)
        except Exception as exc:  # e.g. a callback renamed while the run was queued
            logger.error("request of lease %d cannot be decoded (%s): set aside", lease, exc)
            cluster.ledger.set_aside(lease, data)
            cluster.stats.inc_value("ecowarden/cluster/set_aside")
            return None
        request.meta.pop(PARENT_META, None)
        request.meta[LEASE_META] = lease
        cluster.tracker.taken(lease)
        return request


class ClusterScheduler(Scheduler):  # type: ignore[misc]
    """Keeps the queue and duplicate filter when a worker closes (the run outlives any worker:
    the run's end is recorded by the cluster extension, which also expires the keys)."""

    def enqueue_request(self, request: Request) -> bool:
        # A request still carrying a lease is its own successor (a redirect or a retry built by
        # a downloader middleware): once it is queued, the original lease is done. A request
        # carrying a parent is a follow-up: queued, it is one piece of its parent done. Neither
        # is released if the push fails: the lease then goes back to the queue.
        lease = request.meta.pop(LEASE_META, None)
        parent = request.meta.pop(PARENT_META, None)
        cluster = cluster_of(self.spider)
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        queued = cluster.ledger.push(
            self.queue.key, self.df.key, fingerprint, -request.priority, self.queue._encode_request(request)
        )
        if queued:
            cluster.stats.inc_value("scheduler/enqueued/redis")
        else:
            self.df.log(request, self.spider)
        if lease is not None:
            cluster.tracker.response_finished(lease)
        if parent is not None:
            cluster.tracker.item_finished(parent)
        return queued

    def next_request(self) -> Request | None:
        request: Request | None = self.queue.pop()
        if request is not None:
            cluster_of(self.spider).stats.inc_value("scheduler/dequeued/redis")
        return request
