"""A worker's membership in a cluster run: heartbeat, acknowledgements, recovery and the run's end."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task, threads

from crawler.cluster.leases import lease_of
from crawler.cluster.ledger import LOST_STATE_GRACE_S, LOST_STATE_REASON, Ledger
from crawler.cluster.redis_conn import connect
from crawler.cluster.settings import ClusterSettings
from crawler.cluster.tracking import LeaseTracker
from crawler.extensions.runs import ClusterRunMember, get_context
from storage.runs import RunRecords

logger = logging.getLogger(__name__)


class ClusterExtension:
    """Switched on by ``CLUSTER_RUN_ID`` (set by ``ecowarden worker`` and a cluster ``crawl``)."""

    def __init__(self, crawler: Crawler, ledger: Ledger, heartbeat_s: float) -> None:
        self.crawler = crawler
        self.ledger = ledger
        self.tracker = LeaseTracker()
        self.heartbeat_s = heartbeat_s
        self.loop: task.LoopingCall | None = None
        self.left = False
        #: when a heartbeat first found the run gone from Redis (monotonic seconds), and whether
        #: it was given up as lost
        self.missing_since: float | None = None
        self.lost = False
        assert crawler.stats is not None
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterExtension:
        config = ClusterSettings.from_settings(crawler.settings)
        if not config.active:
            raise NotConfigured
        ledger = Ledger(connect(config.redis_url), config.keys, config.worker_id, config.worker_timeout_s)
        ext = cls(crawler, ledger, config.heartbeat_s)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_done, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_done, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_failed, signal=signals.item_error)
        return ext

    # -- lifecycle --------------------------------------------------------------------------
    def spider_opened(self, spider: Spider) -> None:
        member = self.crawler.get_extension(ClusterRunMember)
        if member is not None:
            member.before_leaving.append(self.leave_run)
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(self.heartbeat_s, now=True)
        self.stats.set_value("ecowarden/cluster/worker", self.ledger.worker_id)

    def beat(self) -> None:
        """Heartbeat, acknowledge finished leases, re-queue the leases of dead workers."""
        try:
            self.ledger.heartbeat()
            self.flush()
            self.recover()
            self.watch_state()
        except Exception as exc:  # Redis unreachable for a moment: the next beat tries again
            self.stats.inc_value("ecowarden/cluster/redis_errors")
            logger.warning("cluster heartbeat failed: %s", exc)

    def flush(self) -> None:
        done = self.tracker.take_done()
        if not done:
            return
        try:
            self.ledger.ack(done)
        except Exception:
            self.tracker.restore(done)
            raise
        self.stats.inc_value("ecowarden/cluster/acknowledged", len(done))

    def recover(self) -> None:
        moved, dead = self.ledger.recover_dead()
        if dead:
            self.stats.inc_value("ecowarden/cluster/requeued", moved)
            logger.warning("workers %s stopped heartbeating: %d requests back in the queue", dead, moved)
            d = threads.deferToThread(self.records.mark_lost, self.ledger.keys.run_id, dead)
            d.addErrback(lambda failure: logger.error("could not mark %s lost: %s", dead, failure.value))

    def watch_state(self) -> None:
        """Leave a run Redis forgot (restarted without persistence): its queue and leases are
        gone, nothing this worker does brings them back, and staying would keep the worker idle
        in it for ever. Two looks ``LOST_STATE_GRACE_S`` apart, as the submitter does; then the
        run is recorded failed with its reason (``ecowarden crawl SITE --resume`` resumes it) and
        this worker's crawl closes, handing back what it still holds."""
        if self.lost:
            return
        if self.ledger.known():
            self.missing_since = None
            return
        now = time.monotonic()
        if self.missing_since is None:
            self.missing_since = now
        if now - self.missing_since < LOST_STATE_GRACE_S:
            return
        self.lost = True
        run_id = self.ledger.keys.run_id
        logger.error("run %s is gone from Redis (restarted without persistence?): leaving it", run_id)
        self.stats.set_value("ecowarden/cluster/state_lost", True)
        recorded = threads.deferToThread(self.records.complete, run_id, "failed", LOST_STATE_REASON)
        recorded.addErrback(
            lambda failure: logger.error("could not record run %s lost: %s", run_id, failure.value)
        )
        recorded.addBoth(lambda _: self._close(LOST_STATE_REASON))

    def _close(self, reason: str) -> Any:
        engine = self.crawler.engine
        if engine is None:
            return None
        return deferred_from_coro(engine.close_spider_async(reason=reason))

    @property
    def records(self) -> RunRecords:
        context = get_context(self.crawler)
        assert context is not None, "cluster runs need storage"
        return RunRecords(context.store.factory)

    def seeded(self) -> None:
        self.ledger.mark_seeded()

    def item_done(self, item: Any, response: Response | None = None, **_: Any) -> None:
        """Stored or deliberately dropped: one piece of its request done."""
        lease = lease_of(getattr(response, "request", None))
        if lease is not None:
            self.tracker.item_finished(lease)

    def item_failed(self, item: Any, response: Response | None = None, **_: Any) -> None:
        """Not stored (e.g. the database was down): its request's lease stays open, so it goes
        back to the queue when this worker is idle or gone."""
        self.stats.inc_value("ecowarden/cluster/items_failed")

    def spider_idle(self, spider: Spider) -> None:
        """Idle here is not the end: other workers may still add requests, or die and leave
        theirs to re-queue. The run ends when the shared queue and every lease are empty.
        Any error keeps the worker in the run (a Redis or database blip must not end it)."""
        try:
            drained = self._settle_and_check()
        except Exception as exc:
            self.stats.inc_value("ecowarden/cluster/redis_errors")
            logger.warning("checking the cluster run failed: %s", exc)
            raise DontCloseSpider from exc
        if not drained:
            raise DontCloseSpider

    def _settle_and_check(self) -> bool:
        done = self.tracker.take_done()
        unfinished = self.tracker.take_unfinished()
        handed_back = self.ledger.sweep(done)
        if handed_back:
            self.stats.inc_value("ecowarden/cluster/handed_back", handed_back)
            logger.warning(
                "%d unfinished requests (of %d open) back in the queue", handed_back, len(unfinished)
            )
            return False
        self.recover()
        run_id = self.ledger.keys.run_id
        if not self.ledger.is_finished():
            if not self.ledger.state().drained:
                return False
            if not self.ledger.claim_finish():
                return True  # another worker records the end
            logger.info("run %s drained: recording it as finished", run_id)
        # the end is claimed; recording it is idempotent, so a claimer that failed half-way is
        # completed by whichever worker looks next
        records = self.records
        if records.status(run_id) == "running":
            records.complete(run_id, "finished", "finished")
        self.ledger.retire()
        return True

    def leave_run(self) -> None:
        """Once, when this worker's crawl closes: what it still holds goes back to the queue."""
        if self.left:
            return
        self.left = True
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        try:
            handed_back = self.ledger.leave(self.tracker.take_done())
        except Exception as exc:
            logger.error("could not leave the cluster run cleanly (its heartbeat expires): %s", exc)
            return
        if handed_back:
            self.stats.set_value("ecowarden/cluster/handed_back", handed_back)
            logger.info("%d unfinished requests handed back to the queue", handed_back)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.leave_run()


def cluster_of(crawler: Crawler) -> ClusterExtension | None:
    """The crawler's cluster extension, None outside cluster runs (or before extensions exist)."""
    try:
        return crawler.get_extension(ClusterExtension)
    except RuntimeError:  # asked before the extension manager was built: no run joined yet
        return None


def required_cluster(crawler: Crawler, user: str) -> ClusterExtension:
    """The cluster extension, for a component (``user``) that cannot work without it."""
    cluster = cluster_of(crawler)
    if cluster is None:
        raise RuntimeError(f"the {user} needs crawler.cluster.extension.ClusterExtension")
    return cluster


def errback_done(crawler: Crawler, request: Request | None) -> None:
    """A leased request's errback ran: its failure is handled (counted and logged), so the lease
    is done. A no-op outside cluster runs."""
    lease = lease_of(request)
    cluster = cluster_of(crawler) if lease is not None else None
    if cluster is not None and lease is not None:
        cluster.tracker.response_finished(lease)
