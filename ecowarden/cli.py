"""The ``ecowarden`` command: one entry point, thin subcommands over the packages.

Exit codes: 0 success, 1 the job failed, 2 bad usage or input. Errors are one line, never a
traceback: analysts run this from scripts and schedulers that read the exit code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ecowarden import (
    bundle_cli,
    capture_cmd,
    custody_cmd,
    link_cmd,
    networks_cmd,
    review_cmd,
    schedule_cmd,
    watch_cmd,
)
from ecowarden import cluster_cmd as cluster_cmd
from ecowarden.cli_config import config, set_config_path
from ecowarden.config import Config
from ecowarden.errors import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    UsageProblem,
    fail,
    warn_if_capturing_without_tsa,
)
from ecowarden.progress import status_line

if TYPE_CHECKING:  # the model stack is imported only by the commands that need it
    from classifiers.model import ListingClassifier
    from crawler.runner import CrawlTarget, RunSummary

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Watch online marketplaces for environmental crime.",
)


@app.callback()
def main_options(
    config_path: Annotated[
        str | None, typer.Option("--config", help="Config file (default ./ecowarden.toml).")
    ] = None,
) -> None:
    set_config_path(config_path)


@app.command()
def crawl(
    targets: Annotated[list[str] | None, typer.Argument(help="Start URLs or configured site names.")] = None,
    all_sites: Annotated[bool, typer.Option("--all-sites", help="Crawl every configured site.")] = False,
    base_url: Annotated[
        str | None, typer.Option(help="Override the base URL of configured sites (e.g. the demo's port).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the site's last unfinished run.")
    ] = False,
    scope: Annotated[
        str, typer.Option(help="For URLs: 'prefix' stays below the start URL's folder, 'host' on the host.")
    ] = "prefix",
    max_pages: Annotated[int, typer.Option(help="Stop each crawl after this many pages (0: no limit).")] = 0,
    watch: Annotated[
        str | None,
        typer.Option(help="Search the sites for this watchlist's terms instead of crawling them whole."),
    ] = None,
    budget: Annotated[
        int | None,
        typer.Option(help="With --watch: requests this run may make (default: what is left of the hour's)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run statistics as JSON.")] = False,
    progress: Annotated[bool, typer.Option(help="Show live progress on stderr.")] = True,
    log_file: Annotated[
        Path | None, typer.Option(help="Where Scrapy's log goes (default var/logs/).")
    ] = None,
    trigger: Annotated[
        str, typer.Option(hidden=True, help="Who started the crawl: cli or scheduler.")
    ] = "cli",
    work: Annotated[
        bool,
        typer.Option(help="On a cluster: also crawl here (--no-work: submit and wait for the workers)."),
    ] = True,
) -> None:
    """Crawl marketplaces and store their listings; prints per-run statistics.

    One crawl of a site at a time: a site another process is crawling (here or on another
    machine) is reported as busy and not crawled."""
    from crawler.runner import (
        TargetError,
        default_log_file,
        known_sites,
        resolve_targets,
        run_crawls,
        site_leases,
    )
    from crawler.sites import SiteConfigError
    from crawler.urls import is_http_url
    from ecowarden.console import CrawlProgress

    cfg = config()
    try:
        sites = known_sites(cfg)
        names = list(targets or [])
        if all_sites:
            names += [n for n in sites if n not in names]
        if not names:
            raise UsageProblem("name at least one URL or site, or use --all-sites")
        if base_url is not None and not is_http_url(base_url):
            raise UsageProblem(f"--base-url must be an http(s) URL, got {base_url!r}")
        if scope not in ("prefix", "host"):
            raise UsageProblem("--scope must be 'prefix' or 'host'")
        resolved = resolve_targets(names, sites=sites, base_url=base_url, scope=scope)
    except (TargetError, SiteConfigError) as exc:
        raise UsageProblem(str(exc)) from exc
    if budget is not None and watch is None:
        raise UsageProblem("--budget applies to search crawls (--watch LIST)")
    if watch is not None:
        _plan_search_crawls(cfg, resolved, watch, budget, resume=resume)
    if trigger not in ("cli", "scheduler"):
        raise UsageProblem("--trigger must be 'cli' or 'scheduler'")
    if cfg.captures_on_flag() and work:
        warn_if_capturing_without_tsa(cfg)
    overrides = {"CLOSESPIDER_PAGECOUNT": max_pages} if max_pages else None
    if cfg.cluster.redis_url:
        # a running cluster run continues by itself; --resume resumes one Redis lost
        if max_pages:
            raise UsageProblem("--max-pages applies to one process; a cluster run is not limited by it")
        summaries = _crawl_on_cluster(
            cfg, resolved, work, trigger, log_file, progress and not as_json, overrides, resume
        )
        _report_crawl(summaries, as_json)
        return
    if not work:
        raise UsageProblem("--no-work needs a cluster ([cluster] redis_url): nobody else would crawl")
    with site_leases(cfg, resolved) as (runnable, busy, lease_holder):
        display = CrawlProgress() if progress and not as_json and runnable else None
        try:
            summaries = busy + (
                run_crawls(
                    cfg,
                    runnable,
                    resume=resume,
                    log_file=log_file or default_log_file(cfg),
                    progress=display,
                    overrides=overrides,
                    trigger=trigger,
                    lease_holder=lease_holder,
                )
                if runnable
                else []
            )
        finally:
            if display is not None:
                display.stop()
    _report_crawl(summaries, as_json)


def _plan_search_crawls(
    cfg: Config, resolved: list[Any], watch: str, budget: int | None, *, resume: bool
) -> None:
    from crawler.search_plan import plan_searches
    from storage.watchlists import WatchlistError

    if resume:
        raise UsageProblem("a search crawl is planned afresh each time: run it again instead of --resume")
    if cfg.cluster.redis_url:
        raise UsageProblem("search crawls run in one process: unset [cluster] redis_url for them")
    if budget is not None and budget < 1:
        raise UsageProblem("--budget must be at least 1")
    for target in resolved:
        if target.site is not None and target.site.search is None:
            raise UsageProblem(f"{target.site_key} has no search: in its site file; it cannot be searched")
    try:
        plan_searches(cfg, resolved, watch, budget)
    except WatchlistError as exc:
        raise UsageProblem(f"{exc} (see `ecowarden watch list`)") from exc


def _crawl_on_cluster(
    cfg: Config,
    resolved: list[CrawlTarget],
    work: bool,
    trigger: str,
    log_file: Path | None,
    progress: bool,
    overrides: dict[str, Any] | None,
    resume: bool,
) -> list[RunSummary]:
    from crawler.runner import default_log_file
    from ecowarden.console import CrawlProgress

    display = CrawlProgress() if progress else None
    try:
        with cluster_cmd.redis_reachable(cfg):
            return cluster_cmd.crawl_on_cluster(
                cfg,
                resolved,
                work=work,
                trigger=trigger,
                log_file=log_file or default_log_file(cfg),
                progress=display,
                overrides=overrides,
                resume=resume,
            )
    except ValueError as exc:  # the cluster settings do not hold together
        raise UsageProblem(str(exc)) from exc
    finally:
        if display is not None:
            display.stop()


def _report_crawl(summaries: list[RunSummary], as_json: bool) -> None:
    from ecowarden.console import print_summaries

    if as_json:
        typer.echo(json.dumps([s.as_dict() for s in summaries], indent=2))
    else:
        print_summaries(summaries)
    failed = [s for s in summaries if not s.ok]
    if failed:
        fail(
            ", ".join(f"{s.site}: {s.message or s.reason}" for s in failed)
            + (
                " (continue with --resume)"
                if any(s.reason == "shutdown" and not s.message for s in failed)
                else ""
            )
        )


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Saved .html or .html.gz pages.")],
) -> None:
    """Run listing extraction on saved pages; prints one JSON line per file."""
    from crawler.extraction import iter_extract_files

    errors = 0
    for record in iter_extract_files(files):
        errors += "error" in record
        typer.echo(json.dumps(record, ensure_ascii=False, default=str))
    if errors:
        typer.echo(f"ecowarden: {errors} of {len(files)} files could not be read", err=True)
        raise typer.Exit(EXIT_FAILED)


@app.command("demo-market")
def demo_market(
    port: Annotated[int | None, typer.Option(help="Port on 127.0.0.1.")] = None,
    size: Annotated[int | None, typer.Option(help="Number of listings in the catalogue.")] = None,
    seed: Annotated[int | None, typer.Option(help="Catalogue seed.")] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
) -> None:
    """Serve the bundled demo marketplace (three sites and a hostile-pages site)."""
    from demo.server import serve

    cfg = config().demo
    serve(host=host or cfg.host, port=port or cfg.port, size=size or cfg.size, seed=seed or cfg.seed)


@app.command("demo-run")
def demo_run(
    port: Annotated[int | None, typer.Option(help="Port for the demo marketplace.")] = None,
    size: Annotated[int | None, typer.Option(help="Number of listings in the catalogue.")] = None,
    serve: Annotated[bool, typer.Option(help="Serve the review app on the results afterwards.")] = True,
) -> None:
    """Start the demo marketplace, crawl its three sites, capture evidence, serve the review app."""
    from ecowarden.demo_run import run_demo

    cfg = config()
    if cfg.captures_on_flag():
        warn_if_capturing_without_tsa(cfg)
    code = run_demo(cfg, port=port, size=size, serve=serve)
    raise typer.Exit(code)


@app.command()
def classify(
    input_path: Annotated[Path | None, typer.Option("--input", help="JSONL listings to classify.")] = None,
    output: Annotated[Path | None, typer.Option(help="Where predictions go (JSONL; - for stdout).")] = None,
    db: Annotated[bool, typer.Option("--db", help="Classify stored listings lacking a verdict.")] = False,
    model: Annotated[str | None, typer.Option(help="Model card or folder (default: models/).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Classify listings: a JSONL file (--input/--output) or the database (--db)."""
    from ecowarden.classify_cmd import classify_database, classify_file

    if db == (input_path is not None):
        raise UsageProblem("use either --db or --input FILE --output FILE")
    if input_path is not None and output is None:
        raise UsageProblem("--input needs --output (use - for standard output)")
    if input_path is not None and not input_path.is_file():
        raise UsageProblem(f"no such input file: {input_path}")
    cfg = config()
    classifier = _load_classifier(cfg, model)
    if input_path is not None and output is not None:
        summary = classify_file(classifier, input_path, output)
    else:
        summary = classify_database(cfg, classifier)
    if as_json:
        typer.echo(json.dumps(summary, indent=2), err=output is not None and str(output) == "-")
    else:
        typer.echo(
            f"classified {summary['classified']} listings, flagged {summary['flagged']}"
            + (f", skipped {summary['skipped']} bad lines" if summary.get("skipped") else "")
            + f" (model {summary['model_version']})",
            err=True,
        )
    if input_path is not None and summary["classified"] == 0 and summary["skipped"]:
        raise typer.Exit(EXIT_FAILED)


def _load_classifier(cfg: Config, model: str | None) -> ListingClassifier:
    from classifiers.model import ModelIntegrityError, ModelVersionError
    from ecowarden.classify_cmd import load_model

    try:
        return load_model(cfg, model)
    except FileNotFoundError as exc:
        raise UsageProblem(f"no model found: {exc}") from exc
    except (ModelVersionError, ModelIntegrityError) as exc:
        fail(str(exc))


@app.command()
def train(
    output: Annotated[Path | None, typer.Option(help="Models folder (default: models/).")] = None,
    fast: Annotated[bool, typer.Option("--fast", help="A small corpus: minutes become seconds.")] = False,
    decisions: Annotated[bool, typer.Option(help="Learn from analysts' decisions in the database.")] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Train a classifier and write a versioned model file and model card."""
    from classifiers.model import MODELS_DIR
    from classifiers.training import train as train_model
    from ecowarden.classify_cmd import analyst_examples

    cfg = config()
    examples = analyst_examples(cfg) if decisions else []
    report = train_model(
        output if output is not None else MODELS_DIR,
        decisions=examples,
        fast=fast,
        target_precision=cfg.classifier.target_precision,
    )
    summary = {
        "version": report.version,
        "model": str(report.model_path),
        "card": str(report.card_path),
        "threshold": report.threshold,
        "target_precision_reached": report.target_reached,
        "analyst_decisions": len(examples),
        "macro_f1": report.evaluation.to_dict().get("macro_f1"),
        "seconds": round(report.seconds, 1),
    }
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        typer.echo(report.evaluation.to_text())
        typer.echo(report.real_data.to_text())
        for key, value in summary.items():
            typer.echo(f"{key}: {value}")


@app.command()
def evaluate(
    model: Annotated[str | None, typer.Option(help="Model card or folder (default: models/).")] = None,
    real: Annotated[
        bool, typer.Option(help="Also cross-validate on the real sets (refits the model per fold: ~2 min).")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Evaluate a model: its demo held-out split (per-category P/R/F1, PR-AUC, precision@100) and
    grouped cross-validation on the real sets (F1, precision, recall per set and fold; recall on the
    wildlife listings; false-positive rate on bird ads and hard negatives)."""
    from classifiers.evaluation import evaluate_all

    classifier = _load_classifier(config(), model)
    with status_line("evaluating (cross-validation on the real sets)" if real else "evaluating"):
        report = evaluate_all(classifier, real=real)
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.to_text())


@app.command()
def sites() -> None:
    """List the configured sites."""
    from crawler.runner import known_sites
    from crawler.sites import SiteConfigError

    try:
        for name, site in sorted(known_sites(config()).items()):
            typer.echo(f"{name}\t{site.render}\t{', '.join(site.absolute_start_urls())}")
    except SiteConfigError as exc:
        raise UsageProblem(str(exc)) from exc


@app.command()
def runs(
    limit: Annotated[int, typer.Option(help="How many recent runs.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Runs and alerts as JSON.")] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 with one line per alert when a site's yield dropped to zero."),
    ] = False,
) -> None:
    """Show recent crawl runs and their statistics; sites whose yield dropped to zero are alerted.

    A site is alerted when its last finished run stored no listings while the run before stored
    some (its layout probably changed): ``--check`` makes that the exit code, for cron and CI."""
    from ecowarden.reports import alert_line, run_line, runs_report

    if limit < 1:
        raise UsageProblem("--limit must be at least 1")
    report = runs_report(config(), limit)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2, default=_json_value))
    elif not check:
        alerted = report.alerted_sites
        for run in report.runs:
            typer.echo(run_line(run, run.site in alerted))
        for alert in report.alerts:
            typer.echo(f"ALERT {alert_line(alert)}")
    if check:
        for alert in report.alerts:
            typer.echo(f"ecowarden: alert: {alert_line(alert)}", err=True)
        if report.alerts:
            raise typer.Exit(EXIT_FAILED)
        if not as_json:
            typer.echo(f"ok: no alerts ({report.sites_checked} sites checked)")


def _json_value(value: object) -> str:
    from datetime import datetime

    return value.isoformat() if isinstance(value, datetime) else str(value)


db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the schema migrations (also done automatically before every job)."""
    from storage.db import upgrade

    cfg = config()
    upgrade(cfg.database_url())
    typer.echo(f"database at revision head: {cfg.database_url()}")


capture_cmd.register(app, config, UsageProblem)
bundle_cli.register(app)
custody_cmd.register(app)
review_cmd.register(app, config, UsageProblem)
schedule_cmd.register(app, config, UsageProblem)
cluster_cmd.register(app, config, UsageProblem)
watch_cmd.register(app, config, UsageProblem)
link_cmd.register(app)
networks_cmd.register(app, config)


def main() -> None:
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except UsageProblem as exc:
        typer.echo(f"ecowarden: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("ecowarden: interrupted", err=True)
        sys.exit(EXIT_FAILED)
    except Exception as exc:
        import click

        # typer >= 0.29 raises its own vendored click's exceptions (TyperException), older ones click's
        if isinstance(exc, click.ClickException | typer.TyperException):
            show = getattr(exc, "show", None)
            if callable(show):
                show()
            else:
                typer.echo(f"ecowarden: error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        typer.echo(f"ecowarden: error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_FAILED)
