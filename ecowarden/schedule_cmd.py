"""``ecowarden schedule add|list|remove|history`` and ``ecowarden scheduler``: scheduled crawls."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ecowarden.config import Config
from ecowarden.errors import fail

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from scheduling.book import ScheduleBook


def _site_key(site: str) -> str:
    """The key a schedule is filed under: a configured site's name, or the key of a URL crawl."""
    from crawler.urls import is_http_url, site_key_for

    return site_key_for(site, prefix=True) if is_http_url(site) else site


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S} UTC" if value is not None else "-"


@contextmanager
def _book(cfg: Config) -> Iterator[tuple[ScheduleBook, sessionmaker[Session]]]:
    from scheduling.book import ScheduleBook
    from storage.db import open_database

    engine, factory = open_database(cfg.database_url())
    try:
        with ScheduleBook(engine) as book:
            yield book, factory
    finally:
        engine.dispose()


def _check_watch(cfg: Config, target: Any, watch: str, usage_problem: type[Exception]) -> None:
    """A search schedule names a list that exists, for a site that can be searched."""
    from storage.db import open_database
    from storage.watchlists import WatchlistStore

    if target.site is not None and target.site.search is None:
        raise usage_problem(f"{target.site_key} has no search: in its site file; it cannot be searched")
    engine, factory = open_database(cfg.database_url())
    try:
        if not WatchlistStore(factory).exists(watch):
            raise usage_problem(f"no watchlist {watch!r} (see `ecowarden watch list`)")
    finally:
        engine.dispose()


def _config_path(ctx: typer.Context) -> str | None:
    """The global ``--config`` option, made absolute for the child processes the scheduler starts."""
    value = ctx.find_root().params.get("config_path")
    return str(Path(value).resolve()) if isinstance(value, str) and value else None


def register(app: typer.Typer, config: Any, usage_problem: type[Exception]) -> None:
    """Add the commands to the main app (``config`` loads the Config, bad input raises
    ``usage_problem``, as everywhere in the CLI)."""
    schedule_app = typer.Typer(help="Scheduled crawls: add, list, remove, history.", no_args_is_help=True)
    app.add_typer(schedule_app, name="schedule")

    def checked_config() -> Config:
        from scheduling.book import ScheduleError, check_settings

        cfg: Config = config()
        try:
            check_settings(cfg.scheduler)
        except ScheduleError as exc:
            raise usage_problem(str(exc)) from exc
        return cfg

    @schedule_app.command("add")
    def schedule_add(
        site: Annotated[str, typer.Argument(help="A configured site name (see `ecowarden sites`) or a URL.")],
        cron: Annotated[
            str | None,
            typer.Option(
                "--cron",
                help='When, in UTC: "minute hour day month weekday" (e.g. "0 */6 * * *"), '
                "or six fields with seconds first.",
            ),
        ] = None,
        missed: Annotated[
            str | None,
            typer.Option(
                help="Firings missed while the scheduler was down: 'run-once' (one catch-up run) or "
                "'skip' (default: [scheduler] missed)."
            ),
        ] = None,
        base_url: Annotated[
            str | None, typer.Option(help="Override the configured site's base URL (e.g. the demo's port).")
        ] = None,
        replace: Annotated[
            bool, typer.Option("--replace", help="Replace the site's existing schedule.")
        ] = False,
        watch: Annotated[
            str | None, typer.Option(help="Schedule search crawls of this watchlist instead of full crawls.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the schedule as JSON.")] = False,
    ) -> None:
        """Schedule crawls of a site (one full-crawl schedule per site, and one search-crawl
        schedule per site and watchlist)."""
        from crawler.urls import is_http_url
        from scheduling.book import ScheduleError, check_missed
        from scheduling.cron import CronError, parse_cron

        if cron is None:
            raise usage_problem("--cron is required, e.g. --cron '0 */6 * * *'")
        if base_url is not None and not is_http_url(base_url):
            raise usage_problem(f"--base-url must be an http(s) URL, got {base_url!r}")
        if base_url is not None and is_http_url(site):
            raise usage_problem("--base-url applies to configured sites, not to URLs")
        cfg = checked_config()
        try:
            policy = check_missed(missed, "--missed") if missed is not None else cfg.scheduler.missed
            parse_cron(cron)
        except (ScheduleError, CronError) as exc:
            raise usage_problem(str(exc)) from exc
        # the crawler (Scrapy) is imported only once the cheap checks passed
        from crawler.runner import TargetError, known_sites, resolve_targets
        from crawler.sites import SiteConfigError

        try:
            target = resolve_targets([site], sites=known_sites(cfg), base_url=base_url)[0]
        except (TargetError, SiteConfigError) as exc:
            raise usage_problem(str(exc)) from exc
        if watch is not None:
            _check_watch(cfg, target, watch, usage_problem)
        with _book(cfg) as (book, _factory):
            try:
                schedule = book.add(
                    site=site,
                    site_key=target.site_key,
                    cron=cron,
                    missed=policy,
                    base_url=base_url,
                    missed_grace_s=cfg.scheduler.missed_grace_s,
                    replace=replace,
                    watch=watch,
                )
            except (ScheduleError, CronError) as exc:
                raise usage_problem(str(exc)) from exc
        if as_json:
            typer.echo(json.dumps(schedule.as_dict(), indent=2))
            return
        searching = f" searching {schedule.watch}" if schedule.watch else ""
        typer.echo(
            f"scheduled {schedule.site_key}{searching}: {schedule.cron!r} (missed: {schedule.missed}), "
            f"next run {_when(schedule.next_run_at)}"
        )

    @schedule_app.command("list")
    def schedule_list(
        as_json: Annotated[bool, typer.Option("--json", help="Print the schedules as JSON.")] = False,
    ) -> None:
        """The schedules: cron, missed-run policy, next run and how the last firing went."""
        from scheduling import records

        cfg: Config = config()
        with _book(cfg) as (book, factory):
            schedules = book.all()
            last = records.latest(factory, [s.job_id for s in schedules])
        rows = []
        for schedule in schedules:
            firing = last.get(schedule.job_id)
            rows.append(
                {
                    **schedule.as_dict(),
                    "last_outcome": firing.outcome if firing else None,
                    "last_at": (firing.finished_at or firing.started_at).isoformat() if firing else None,
                    "last_run_id": firing.run_id if firing else None,
                    "last_message": firing.message if firing else None,
                }
            )
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        if not schedules:
            typer.echo("no schedules (add one with `ecowarden schedule add SITE --cron EXPR`)")
            return
        for schedule in schedules:
            firing = last.get(schedule.job_id)
            outcome = (
                f"last {firing.outcome} {_when(firing.finished_at or firing.started_at)}"
                if firing
                else "never run"
            )
            what = schedule.site_key + (f" (search: {schedule.watch})" if schedule.watch else "")
            typer.echo(
                f"{what:<24} {schedule.cron:<18} missed={schedule.missed:<8} "
                f"next {_when(schedule.next_run_at)}  {outcome}"
            )

    @schedule_app.command("remove")
    def schedule_remove(
        site: Annotated[str, typer.Argument(help="The site (name or URL) whose schedule goes.")],
        watch: Annotated[
            str | None, typer.Option(help="Its search-crawl schedule of this watchlist.")
        ] = None,
    ) -> None:
        """Remove a site's schedule (its history stays)."""
        from scheduling.book import NoSuchSchedule

        cfg: Config = config()
        key = _site_key(site)
        with _book(cfg) as (book, _factory):
            try:
                book.remove(key, watch)
            except NoSuchSchedule as exc:
                fail(str(exc))
        typer.echo(f"removed the schedule of {key}" + (f" searching {watch}" if watch else ""))

    @schedule_app.command("history")
    def schedule_history(
        site: Annotated[str | None, typer.Option(help="Only this site (name or URL).")] = None,
        limit: Annotated[int, typer.Option(help="How many recent firings.")] = 20,
        as_json: Annotated[bool, typer.Option("--json", help="Print the firings as JSON.")] = False,
    ) -> None:
        """Recent firings of the schedules and what came of each (finished, failed, skipped, missed)."""
        from scheduling import records
        from storage.db import open_database

        if limit < 1:
            raise usage_problem(f"--limit must be at least 1, got {limit}")
        cfg: Config = config()
        engine, factory = open_database(cfg.database_url())
        try:
            firings = records.history(factory, site_key=_site_key(site) if site else None, limit=limit)
        finally:
            engine.dispose()
        if as_json:
            typer.echo(json.dumps([f.as_dict() for f in firings], indent=2))
            return
        for f in firings:
            typer.echo(
                f"{_when(f.scheduled_for or f.started_at)}  {f.site_key:<24} {f.outcome:<8} "
                f"run={f.run_id or '-'} exit={'-' if f.exit_code is None else f.exit_code} "
                f"recaptures={f.recaptures_queued}" + (f"  {f.message}" if f.message else "")
            )

    @app.command("scheduler")
    def scheduler(
        ctx: typer.Context,
        poll_s: Annotated[
            float, typer.Option(help="How often to look for schedules added or removed meanwhile (seconds).")
        ] = 5.0,
        stop_grace_s: Annotated[
            float, typer.Option(help="On stop, how long paused crawls may take before they are killed.")
        ] = 120.0,
    ) -> None:
        """Run the schedules until stopped (Ctrl-C or SIGTERM; a second one kills running crawls)."""
        from scheduling.service import (
            SchedulerBusy,
            SchedulerLeaseLost,
            SchedulerService,
            StopRequest,
            stop_on_signals,
        )
        from storage.types import utcnow

        if poll_s <= 0 or stop_grace_s < 0:
            raise usage_problem("--poll-s must be positive and --stop-grace-s not negative")
        cfg = checked_config()
        lock = threading.Lock()

        def report(line: str) -> None:
            with lock:
                typer.echo(f"{utcnow():%Y-%m-%d %H:%M:%S}Z {line}")

        service = SchedulerService(
            cfg, report, config_path=_config_path(ctx), poll_s=poll_s, stop_grace_s=stop_grace_s
        )
        stop = StopRequest()
        restore = stop_on_signals(stop)
        try:
            service.run(stop)
        except (SchedulerBusy, SchedulerLeaseLost) as exc:
            fail(str(exc))
        finally:
            restore()
