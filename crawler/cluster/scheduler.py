"""scrapy-redis's scheduler and priority queue, with every taken request recorded as a lease."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.cluster.extension import ClusterExtension

logger = logging.getLogger(__name__)

LEASE_META = "ecowarden_lease"
#: on a follow-up request: the lease of the response that yielded it
PARENT_META = "ecowarden_parent_lease"


def lease_of(request: Request | None) -> int | None:
    """The lease a request was taken under (None outside cluster runs, or for a new request)."""
    lease = request.meta.get(LEASE_META) if request is not None else None
    return int(lease) if lease is not None else None


def cluster_of(spider: Any) -> ClusterExtension:
    """The crawler's :class:`~crawler.cluster.extension.ClusterExtension` (set at its creation)."""
    cluster: ClusterExtension | None = getattr(spider.crawler, "ecowarden_cluster", None)
    if cluster is None:
        raise RuntimeError("the cluster scheduler needs crawler.cluster.extension.ClusterExtension")
    return cluster


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


def errback_done(crawler: Crawler, request: Request | None) -> None:
    """A leased request's errback ran: its failure is handled (counted and logged), so the lease
    is done. A no-op outside cluster runs."""
    cluster = getattr(crawler, "ecowarden_cluster", None)
    lease = lease_of(request)
    if cluster is not None and lease is not None:
        cluster.tracker.response_finished(lease)
