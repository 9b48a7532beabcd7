"""``ecowarden capture`` and ``ecowarden timestamp``: evidence on demand and deferred timestamps."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ecowarden.config import Config
from ecowarden.errors import warn_if_capturing_without_tsa
from ecowarden.progress import progress_bar

if TYPE_CHECKING:
    from evidence.recording import StampReport

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Target:
    url: str
    listing_id: int | None


def _one_line(message: str) -> None:
    typer.echo(f"ecowarden: error: {message}", err=True)


def resolve_targets(factory: Any, raw: list[str]) -> list[Target]:
    """Listing ids become their stored URL; URLs of stored listings are linked to them."""
    from sqlalchemy import or_, select

    from storage.models import Listing

    targets: list[Target] = []
    with factory() as session:
        for value in raw:
            if value.isdigit():
                listing = session.get(Listing, int(value))
                if listing is None:
                    raise ValueError(f"no listing with id {value}")
                targets.append(Target(listing.url, listing.id))
                continue
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"not a listing id or an http(s) URL: {value!r}")
            known = session.scalars(
                select(Listing.id).where(or_(Listing.url == value, Listing.canonical_url == value)).limit(1)
            ).first()
            targets.append(Target(value, known))
    return targets


def make_analyser(cfg: Config) -> Any:
    """Extraction (and the classifier, when enabled) for pages that are not stored listings."""
    from classifiers.language import identify_language
    from classifiers.types import ListingInput
    from crawler.extraction import extract_listing
    from ecowarden.classify_cmd import load_model

    model: list[Any] = []

    def analyse(html: str, url: str) -> Mapping[str, Any]:
        extracted = extract_listing(html, url)
        facts: dict[str, Any] = {
            "listing": {**extracted.to_dict(), "source": "extracted from the rendered DOM"}
        }
        if cfg.classifier.enabled:
            if not model:
                model.append(load_model(cfg, None))
            try:
                content = extracted.content()
            except (InvalidOperation, ValueError):  # a price in words, or not finite: the text
                content = replace(extracted, price=None).content()
            # as a crawl reads it: the language of the text first, the page's declaration after
            spoken = identify_language(content.title, content.description)
            facts["listing"]["text_language"] = spoken
            listing = ListingInput.of(url, content, url=url, text_language=spoken)
            facts["classifier"] = model[0].predict([listing])[0].to_dict()
        return facts

    return analyse


def _row(stored: Any) -> dict[str, Any]:
    return {
        "capture_id": stored.capture_id,
        "manifest_sha256": stored.manifest_sha256,
        "timestamp": stored.timestamp_status,
        "artifacts": {a.name: a.sha256 for a in stored.artifacts},
    }


def register(app: typer.Typer, config: Any, usage_problem: type[Exception]) -> None:
    """Add the commands to the main app (``config`` loads the Config, bad input raises
    ``usage_problem``, as everywhere in the CLI)."""

    @app.command()
    def capture(
        targets: Annotated[
            list[str] | None, typer.Argument(help="Listing ids or URLs to capture now.")
        ] = None,
        pending: Annotated[bool, typer.Option("--pending", help="Capture everything queued.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    ) -> None:
        """Preserve pages as evidence: WARC, screenshot, DOM, PDF, signed manifest, timestamp."""
        from evidence.context import EvidenceConfigError
        from evidence.http_fetch import FetchError
        from evidence.settings import CaptureSettings
        from evidence.worker import CaptureWorker, DrainReport, open_capturer
        from storage.capture_queue import CaptureQueue
        from storage.db import open_database

        if bool(targets) == pending:
            raise usage_problem("give listing ids/URLs to capture, or --pending (not both)")
        cfg: Config = config()
        _engine, factory = open_database(cfg.database_url())
        try:
            resolved = resolve_targets(factory, targets or [])
        except ValueError as exc:
            raise usage_problem(str(exc)) from exc
        try:
            settings = CaptureSettings.from_config(cfg)
            warn_if_capturing_without_tsa(cfg)
            capturer = open_capturer(settings, factory, make_analyser(cfg))
        except EvidenceConfigError as exc:
            raise usage_problem(str(exc)) from exc
        rows: list[dict[str, Any]] = []
        failures: list[str] = []
        try:
            if pending:
                queue = CaptureQueue(factory)
                waiting = queue.counts().get("queued", 0)
                worker = CaptureWorker(queue, lambda: capturer)
                with progress_bar() as bar:
                    task = bar.add_task("capturing", total=waiting)

                    def advance(report: DrainReport) -> None:
                        bar.update(
                            task, completed=len(report.captured) + len(report.failed) + report.retrying
                        )

                    report = worker.drain(on_done=advance)
                rows = [_row(s) for s in report.captured]
                failures = [f"{r.url}: {error}" for r, error in report.failed]
                if report.retrying:
                    failures.append(f"{report.retrying} captures failed and stay queued for another try")
            else:
                with progress_bar() as bar:
                    task = bar.add_task("capturing", total=len(resolved))
                    for target in resolved:
                        try:
                            stored = capturer.capture(target.url, listing_id=target.listing_id)
                        except FetchError as exc:
                            failures.append(str(exc))
                        else:
                            rows.append({"url": target.url, "listing_id": target.listing_id, **_row(stored)})
                        bar.advance(task)
        finally:
            capturer.browser.close()
        _report(rows, failures, as_json)
        if failures:
            raise typer.Exit(EXIT_FAILED)

    @app.command()
    def timestamp(
        limit: Annotated[int | None, typer.Option(help="Stamp at most this many captures.")] = None,
    ) -> None:
        """Fetch RFC 3161 tokens for captures that have none: those whose authority was not reached
        (pending) and those taken while none was configured (their token proves only this later
        time; verify reports the gap). Exit code 1 when a token could not be obtained."""
        from evidence.context import EvidenceConfigError, EvidenceContext
        from evidence.recording import stamp_pending
        from storage.db import open_database

        if limit is not None and limit < 1:
            raise usage_problem("--limit must be at least 1")
        cfg: Config = config()
        _engine, factory = open_database(cfg.database_url())
        try:
            ctx = EvidenceContext.from_config(cfg, factory)
        except EvidenceConfigError as exc:
            raise usage_problem(str(exc)) from exc
        if ctx.tsa is None:
            raise usage_problem("no timestamp authority configured: set evidence.tsa_url and tsa_certificate")
        result = stamp_pending(ctx, limit=limit)
        typer.echo(stamp_summary(result))
        for error in result.errors[:20]:
            _one_line(error)
        if result.failed:
            raise typer.Exit(EXIT_FAILED)


def stamp_summary(result: StampReport) -> str:
    """One line: what was stamped, then what is left without a token in total (a ``--limit``
    leaves the rest waiting, which is not a failure)."""
    line = f"stamped {result.stamped}, still pending {result.still_pending}"
    if result.not_configured:
        line += f", not configured at capture {result.not_configured}"
    if result.failed:
        line += f" ({result.failed} failed in this pass)"
    if result.relabelled:
        line += (
            f"; {result.relabelled} captures relabelled not_configured (their signed manifests say"
            " no timestamp authority was configured at capture)"
        )
    return line


def _report(rows: list[dict[str, Any]], failures: list[str], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"captured": rows, "failed": failures}, indent=2, ensure_ascii=False))
        return
    if rows:
        table = Table("capture", "target", "timestamp", "files")
        table.columns[0].overflow = "fold"
        table.columns[1].overflow = "fold"
        for row in rows:
            table.add_row(
                row["capture_id"],
                escape(str(row.get("url", ""))),
                row["timestamp"],
                str(len(row["artifacts"])),
            )
        Console().print(table)
    typer.echo(f"captured {len(rows)}, failed {len(failures)}")
    for failure in failures[:20]:
        _one_line(failure)
