"""Prometheus metrics read from the database at scrape time: what every crawl left behind.

The review app serves these at ``/metrics``. They come from storage rather than from a crawling
process, so they hold for crawls run anywhere (cron, scheduler, a cluster of workers) and survive
restarts. Each scrape builds a fresh registry around :class:`SiteMetricsCollector`: no state lives
between scrapes or between apps in one process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.alerts import site_states, yield_dropped
from scheduling.jobs import site_key_of
from storage.models import APSCHEDULER_JOBS, CaptureRequest, CrawlRun, ReviewItem

#: review items still waiting for an analyst's decision (not the re-capture's "open" flags, which
#: include confirmed ones)
AWAITING_DECISION = ("new", "escalated")


def _families() -> dict[str, GaugeMetricFamily]:
    site = ["site"]
    return {
        "timestamp": GaugeMetricFamily(
            "ecowarden_site_last_run_timestamp_seconds",
            "When the site's last finished crawl ended (Unix time).",
            labels=site,
        ),
        "yield": GaugeMetricFamily(
            "ecowarden_site_last_run_yield",
            "Listings the site's last finished crawl found and stored.",
            labels=site,
        ),
        "ok": GaugeMetricFamily(
            "ecowarden_site_last_run_ok",
            "1 when the site's last finished crawl finished normally (not failed or interrupted).",
            labels=site,
        ),
        "dropped": GaugeMetricFamily(
            "ecowarden_site_yield_dropped",
            "1 when the site's last finished crawl stored no listings while the one before stored some.",
            labels=site,
        ),
        "scheduled": GaugeMetricFamily(
            "ecowarden_site_scheduled",
            "1 for every site with a crawl schedule (alerts about missing crawls concern only these).",
            labels=site,
        ),
        "running": GaugeMetricFamily("ecowarden_runs_running", "Crawl runs recorded as running."),
        "open_flags": GaugeMetricFamily(
            "ecowarden_review_open_flags", "Flagged listings waiting for an analyst's decision."
        ),
        "captures": GaugeMetricFamily(
            "ecowarden_capture_queue_waiting", "Evidence captures queued and not yet taken."
        ),
    }


class SiteMetricsCollector(Collector):
    def __init__(self, factory: sessionmaker[Session], min_pages_for_alert: int) -> None:
        self.factory = factory
        self.min_pages = min_pages_for_alert

    def describe(self) -> Iterable[Metric]:
        """The metric families without reading the database (registration checks the names)."""
        return list(_families().values())

    def collect(self) -> Iterator[Metric]:
        families = _families()
        with self.factory() as session:
            for state in site_states(session):
                labels = [state.site]
                families["timestamp"].add_metric(labels, state.ended_at.timestamp())
                families["yield"].add_metric(labels, state.stored)
                families["ok"].add_metric(labels, 1 if state.ok else 0)
                families["dropped"].add_metric(labels, 1 if yield_dropped(state, self.min_pages) else 0)
            for job_id in session.scalars(select(APSCHEDULER_JOBS.c.id)):
                if (scheduled := site_key_of(job_id)) is not None:
                    families["scheduled"].add_metric([scheduled], 1)
            families["running"].add_metric(
                [], session.scalar(select(func.count()).where(CrawlRun.status == "running")) or 0
            )
            families["open_flags"].add_metric(
                [],
                session.scalar(select(func.count()).where(ReviewItem.status.in_(AWAITING_DECISION))) or 0,
            )
            families["captures"].add_metric(
                [], session.scalar(select(func.count()).where(CaptureRequest.status == "queued")) or 0
            )
        yield from families.values()


def render_site_metrics(factory: sessionmaker[Session], min_pages_for_alert: int) -> bytes:
    """The Prometheus text exposition of the database-derived metrics, read now."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(SiteMetricsCollector(factory, min_pages_for_alert))
    return generate_latest(registry)
