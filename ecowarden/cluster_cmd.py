"""``ecowarden worker`` and crawling on the cluster: the commands of the scale-out path."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ecowarden.config import Config
from ecowarden.errors import fail, warn_if_capturing_without_tsa

if TYPE_CHECKING:
    from crawler.cluster.runs import ClusterRuns
    from crawler.runner import CrawlTarget, ProgressCallback, RunSummary
    from storage.listings import ListingStore
    from storage.runs import RunRecords

#: after a run ends, how long its summary waits for the other workers to add their counters
LEAVE_WAIT_S = 30.0


@contextmanager
def redis_reachable(cfg: Config) -> Iterator[None]:
    """A Redis that cannot be reached is one line naming it (password hidden), exit 1."""
    import redis

    from crawler.cluster.redis_conn import redact

    try:
        yield
    except redis.exceptions.ConnectionError as exc:
        fail(f"cannot reach the cluster's Redis at {redact(cfg.cluster.redis_url)}: {redact(str(exc))}")


def crawl_on_cluster(
    cfg: Config,
    targets: list[CrawlTarget],
    *,
    work: bool,
    trigger: str,
    log_file: Path,
    progress: ProgressCallback | None,
    overrides: dict[str, Any] | None,
    resume: bool = False,
) -> list[RunSummary]:
    """Submit one cluster run per site and, unless ``work`` is off, crawl it here as one of its
    workers; then wait for each run to end and summarise it from the database (all workers).

    First, a run of the site the database says is running but Redis lost (its submitter died
    with it) is recorded failed. With ``resume``, a site whose latest run is such a lost run
    resumes it instead of starting a new one (``crawler.cluster.runs``)."""
    from crawler.cluster.runs import ClusterBusy, ClusterRuns
    from crawler.runner import RunSummary, run_crawls, site_leases
    from storage.db import open_database
    from storage.listings import ListingStore
    from storage.runs import RunRecords

    cfg.cluster.check()
    runs = ClusterRuns(cfg.cluster.redis_url, cfg.cluster.key_prefix)
    runs.ping()
    summaries: list[RunSummary] = []
    # the local share of a cluster run is not stopped by a lost lease: Redis keeps one cluster run
    # per site, and one worker leaving would not stop the others
    with site_leases(cfg, targets) as (runnable, busy, _lease_holder):
        summaries.extend(busy)
        engine, factory = open_database(cfg.database_url())
        try:
            store = ListingStore(factory)
            records = RunRecords(factory)
            submitted: dict[str, str] = {}
            for target in runnable:
                runs.settle_lost(records, target.site_key)
                try:
                    submitted[target.site_key] = _submit_or_resume(
                        runs, store, records, target, trigger=trigger, resume=resume
                    )
                except ClusterBusy as exc:
                    summaries.append(RunSummary(target.site_key, None, "busy", message=str(exc)))
            chosen = [t for t in runnable if t.site_key in submitted]
            interrupted = False
            if work and chosen:
                local = run_crawls(
                    cfg,
                    chosen,
                    log_file=log_file,
                    progress=progress,
                    overrides=overrides,
                    trigger=trigger,
                    cluster_runs=submitted,
                )
                interrupted = any(s.reason == "shutdown" for s in local)
            for target in chosen:
                run_id = submitted[target.site_key]
                if not interrupted:
                    _wait_for(records, runs, run_id, target.site_key, progress)
                summaries.append(_summary_from_db(records, target.site_key, run_id, interrupted))
        finally:
            engine.dispose()
    return summaries


def _submit_or_resume(
    runs: ClusterRuns,
    store: ListingStore,
    records: RunRecords,
    target: CrawlTarget,
    *,
    trigger: str,
    resume: bool,
) -> str:
    """The run id: the site's lost run resumed (with ``resume``), else a new run."""
    from crawler.runner import holder_name

    submitter = holder_name("crawl")
    lost = runs.lost_run_of(records, target.site_key) if resume else None
    if lost is not None and runs.resubmit(records, lost, target, submitter=submitter):
        typer.echo(f"{target.site_key}: resuming run {lost} (Redis had lost it)", err=True)
        return lost
    if resume:
        typer.echo(f"{target.site_key}: no lost cluster run to resume: starting a new run", err=True)
    return runs.submit(store, target, submitter=submitter, trigger=trigger)


def _wait_for(
    records: RunRecords, runs: ClusterRuns, run_id: str, site: str, progress: ProgressCallback | None
) -> None:
    """Until the run has ended and every worker has left it (each adds its counters on leaving;
    a worker that died is marked lost by a survivor or stays "running": bounded wait for those)."""
    from crawler.cluster.ledger import LOST_STATE_GRACE_S, LOST_STATE_REASON

    missing_since: float | None = None
    while records.status(run_id) == "running":
        # a run Redis no longer knows (restarted without persistence): its queue is gone, and
        # no worker will ever finish it. Looked at twice, a few seconds apart (the end of a run
        # removes its keys just before its row says so), then recorded as failed, resumable.
        if runs.known(run_id):
            missing_since = None
        elif missing_since is None:
            missing_since = time.monotonic()
        elif time.monotonic() - missing_since >= LOST_STATE_GRACE_S:
            records.complete(run_id, "failed", LOST_STATE_REASON)
            break
        if progress is not None:
            state = runs.progress(run_id)
            run = records.run(run_id) or {}
            stats = dict(run.get("stats", {}))
            stats.update({"cluster/queued": state["queued"], "cluster/workers": state["workers"]})
            progress([(site, stats)])
        time.sleep(1.0)
    deadline = time.monotonic() + LEAVE_WAIT_S
    while time.monotonic() < deadline and any(w["status"] == "running" for w in records.workers(run_id)):
        time.sleep(0.5)


def _summary_from_db(records: RunRecords, site: str, run_id: str, interrupted: bool) -> RunSummary:
    from crawler.cluster.ledger import LOST_STATE_REASON
    from crawler.runner import RunSummary

    run = records.run(run_id) or {}
    stats = dict(run.get("stats", {}))
    started = run.get("started_at") or datetime.now(UTC)
    stats["elapsed_time_seconds"] = ((run.get("finished_at") or datetime.now(UTC)) - started).total_seconds()
    stats["ecowarden/cluster/workers"] = len(records.workers(run_id))
    if interrupted:
        return RunSummary(
            site, run_id, "shutdown", stats, message="left the run; it continues on the cluster's workers"
        )
    reason = str(run.get("finish_reason") or run.get("status") or "unknown")
    message = (
        "Redis lost the run's queue (restarted without persistence?): recorded as failed; the "
        "listings stored so far are kept. Crawling the site again with --resume resumes the run "
        "without fetching them again"
        if reason == LOST_STATE_REASON
        else ""
    )
    return RunSummary(site, run_id, reason, stats, message=message)


def register(app: typer.Typer, config: Any, usage_problem: type[Exception]) -> None:
    @app.command()
    def worker(
        max_runs: Annotated[
            int, typer.Option(help="Leave after taking part in this many runs (0: run until stopped).")
        ] = 0,
        metrics_port: Annotated[
            int | None, typer.Option(help="Serve Prometheus metrics on this port (default from config).")
        ] = None,
        log_file: Annotated[
            Path | None, typer.Option(help="Where Scrapy's log goes (default var/logs/).")
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the runs taken part in as JSON.")
        ] = False,
    ) -> None:
        """Join cluster crawls (``[cluster] redis_url``) and work on them until stopped.

        Start as many as you like, on any machines sharing the Redis, the PostgreSQL database
        and the evidence folder. A worker killed mid-crawl loses nothing: what it held goes back
        to the queue when its heartbeat stops."""
        from crawler.cluster.worker import run_worker
        from crawler.runner import default_log_file
        from monitoring.crawl_metrics import MetricsServerError

        cfg: Config = config()
        if not cfg.cluster.redis_url:
            raise usage_problem(
                "no cluster configured: set [cluster] redis_url (or ECOWARDEN_CLUSTER_REDIS_URL)"
            )
        try:
            cfg.cluster.check()
        except ValueError as exc:
            raise usage_problem(str(exc)) from exc
        if cfg.database_url().startswith("sqlite") and not as_json:
            typer.echo(
                "note: SQLite is fine for workers on one machine; use PostgreSQL across machines", err=True
            )
        if cfg.captures_on_flag():
            warn_if_capturing_without_tsa(cfg)
        overrides: dict[str, Any] = {}
        if metrics_port is not None:
            overrides["METRICS_PORT"] = metrics_port
        chosen_log = log_file or default_log_file(cfg, "worker")
        try:
            with redis_reachable(cfg):
                report = run_worker(
                    cfg,
                    max_runs=max_runs,
                    log_file=chosen_log,
                    overrides=overrides,
                    announce=(lambda line: typer.echo(line, err=True)) if as_json else typer.echo,
                )
        except MetricsServerError as exc:
            raise usage_problem(str(exc)) from exc
        if as_json:
            typer.echo(json.dumps({"runs": report.runs, "interrupted": report.interrupted}, indent=2))
        # stopped by SIGTERM/Ctrl-C is how a service stops: not a failure (what it held went back)
