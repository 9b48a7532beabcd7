"""``ecowarden worker``: a long-lived process that joins cluster runs one after another.

One reactor for the process's life, one Scrapy crawler per run (``CrawlerRunner``), so the
Prometheus endpoint and the browser install survive between runs. SIGINT/SIGTERM stop the
current crawl gracefully (its unfinished requests go back to the queue for the other workers);
a second signal stops at once. An idle worker also looks for runs Redis lost while nobody was
there to notice (their submitter died too) and records them failed (``LostRunWatch``).
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.cluster.redis_conn import redact
from crawler.cluster.runs import ClusterRuns, LostRunWatch, rebuild_target
from crawler.runner import build_settings, holder_name, join_cluster_run, known_sites
from ecowarden.config import Config
from storage.db import at_head, make_engine, session_factory
from storage.runs import RunRecords

logger = logging.getLogger(__name__)

#: a run this worker left before it was drained is joined again after this long at the earliest
REJOIN_AFTER_S = 60.0


@dataclass
class WorkerReport:
    runs: list[dict[str, Any]] = field(default_factory=list)
    interrupted: bool = False


def run_worker(
    config: Config,
    *,
    max_runs: int = 0,
    log_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    announce: Callable[[str], None] = print,
) -> WorkerReport:
    from scrapy.settings import Settings
    from scrapy.utils.reactor import install_reactor

    base: Settings = build_settings(config, log_file=log_file, overrides=overrides)
    base.set("LOG_INSTALL_ROOT_HANDLER", log_file is not None, priority="cmdline")
    install_reactor(base["TWISTED_REACTOR"])
    from scrapy.crawler import Crawler, CrawlerRunner
    from scrapy.utils.log import configure_logging
    from twisted.internet import reactor as installed_reactor
    from twisted.internet import task
    from twisted.internet.defer import Deferred

    reactor: Any = installed_reactor
    configure_logging(base)
    if log_file is None:
        logging.getLogger("scrapy").setLevel(logging.WARNING)
    runs = ClusterRuns(config.cluster.redis_url, config.cluster.key_prefix)
    runs.ping()
    if base.getint("METRICS_PORT"):
        from monitoring.crawl_metrics import start_metrics_server

        # now, not at the first crawl: a taken port is a start-up error, not a silent worker
        start_metrics_server(base.get("METRICS_HOST", "127.0.0.1"), base.getint("METRICS_PORT"))
    worker_id = holder_name("worker")  # for messages; each run gets a unique id of its own
    runner = CrawlerRunner(base)
    report = WorkerReport()
    current: dict[str, Crawler] = {}
    #: run attempt (a resumed run is a new one) -> when this worker may join it again
    skipped: dict[str, float] = {}
    # not open_database: migrating here would race the crawls (and the other workers) that make
    # the schema of a new database; the watch waits until the schema is there
    engine = make_engine(config.database_url())
    watch = LostRunWatch(runs, RunRecords(session_factory(engine)))
    schema_ready = False

    def settle_lost() -> None:
        nonlocal schema_ready
        try:
            schema_ready = schema_ready or at_head(engine)
            lost = watch.look() if schema_ready else []
        except Exception as exc:  # Redis or the database restarting: the next idle look tries again
            logger.warning("looking for lost runs failed: %s", redact(str(exc)))
            return
        for run_id in lost:
            announce(
                f"worker {worker_id}: run {run_id} was lost by Redis: recorded as failed "
                "(`ecowarden crawl SITE --resume` resumes it)"
            )

    def stop(signum: int, _frame: Any) -> None:
        if report.interrupted:
            reactor.callFromThread(reactor.stop)
            return
        report.interrupted = True
        announce(f"worker {worker_id}: stopping (again to stop at once)")
        for crawler in list(current.values()):
            reactor.callFromThread(crawler.stop)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    async def loop() -> None:
        while not report.interrupted and (max_runs == 0 or len(report.runs) < max_runs):
            now = time.monotonic()
            try:
                candidates = [r for r in runs.active() if skipped.get(r.attempt, 0.0) <= now]
            except Exception as exc:  # Redis restarting: wait and look again
                announce(f"worker {worker_id}: cannot read the cluster's runs: {redact(str(exc))}")
                candidates = []
            if not candidates:
                settle_lost()
                await task.deferLater(reactor, config.cluster.poll_s, lambda: None)
                continue
            run = candidates[0]
            try:
                target = rebuild_target(run.target, known_sites(config))
            except ValueError as exc:
                announce(f"worker {worker_id}: cannot join run {run.run_id}: {exc}")
                skipped[run.attempt] = float("inf")
                continue
            settings = base.copy()
            target.apply_to(settings)
            join_cluster_run(settings, run.run_id, "worker")
            crawler = Crawler(target.spider, settings, init_reactor=False)
            current[run.run_id] = crawler
            announce(f"worker {worker_id}: joined run {run.run_id} ({run.site_key})")
            try:
                await runner.crawl(crawler, **target.kwargs)
            except Exception as exc:  # one run's failure (e.g. Redis gone) must not end the worker
                logger.exception("run %s failed in this worker", run.run_id)
                announce(
                    f"worker {worker_id}: run {run.run_id} failed here: "
                    f"{type(exc).__name__}: {redact(str(exc))}"
                )
            finally:
                current.pop(run.run_id, None)
            stats = crawler.stats.get_stats() if crawler.stats else {}
            summary = {
                "run_id": run.run_id,
                "site": run.site_key,
                "finish_reason": str(stats.get("finish_reason", "")),
                "pages": int(stats.get("response_received_count", 0) or 0),
                "items": int(stats.get("item_scraped_count", 0) or 0),
                "errors": int(stats.get("ecowarden/errors", 0) or 0),
            }
            report.runs.append(summary)
            # a run this worker left undrained (an error) is retried after a pause, not in a loop
            skipped[run.attempt] = time.monotonic() + REJOIN_AFTER_S
            announce(
                f"worker {worker_id}: left run {run.run_id} ({summary['finish_reason']}): "
                f"{summary['pages']} pages, {summary['items']} listings, {summary['errors']} errors"
            )

    def finished(result: Any) -> Any:
        if reactor.running:
            reactor.stop()
        return result

    failures: list[Any] = []
    done = Deferred.fromCoroutine(loop())
    done.addErrback(lambda failure: failures.append(failure))
    done.addBoth(finished)
    try:
        reactor.run(installSignalHandlers=False)
    finally:
        engine.dispose()
    if failures:
        failures[0].raiseException()
    return report
