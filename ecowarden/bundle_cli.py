"""``ecowarden export``, ``ecowarden verify`` and ``ecowarden case``: evidence bundles and cases.

``verify`` reads nothing but the bundle (no config, no database), so a partner agency can run it
on a machine that has never seen our installation. Exit codes follow the rest of the CLI: 0 all
checks passed, 1 a check failed (or a listing had nothing to export), 2 bad usage or an input
that is not a bundle at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from ecowarden.config import Config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"ecowarden: error: {' '.join(message.split())}", err=True)
    raise typer.Exit(code)


def _config() -> Config:
    from ecowarden.cli import UsageProblem, config

    try:
        return config()
    except UsageProblem as exc:
        _fail(str(exc), EXIT_USAGE)


def _database(cfg: Config) -> sessionmaker[Session]:
    from storage.db import open_database

    _engine, factory = open_database(cfg.database_url())
    return factory


def _actor(cfg: Config) -> str:
    from evidence.context import default_operator

    return cfg.evidence.operator or default_operator()


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="The bundle to write (a .zip).")],
    listing: Annotated[
        list[int] | None, typer.Option("--listing", help="A listing id to export (repeatable).")
    ] = None,
    case: Annotated[str | None, typer.Option("--case", help="Export every listing of this case.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")] = False,
    description: Annotated[
        str | None, typer.Option("--description", help="External-Description of the bag.")
    ] = None,
) -> None:
    """Export the captures of listings (or of a case) as a signed, self-verifying BagIt zip."""
    from evidence.bundle import ExportError, ExportUsageError, ListingWithoutCapture, export_bundle
    from evidence.context import EvidenceConfigError, EvidenceContext

    if bool(listing) == (case is not None):
        _fail("give --listing ID (repeatable) or --case NAME, not both", EXIT_USAGE)
    if output.exists() and not force:
        _fail(f"{output} already exists (use --force to replace it)", EXIT_USAGE)
    cfg = _config()
    try:
        ctx = EvidenceContext.from_config(cfg, _database(cfg))
        summary = export_bundle(
            ctx,
            output=output,
            listing_ids=listing or None,
            case=case,
            actor=_actor(cfg),
            description=description,
            overwrite=force,
        )
    except (ExportUsageError, EvidenceConfigError) as exc:
        _fail(str(exc), EXIT_USAGE)
    except (ListingWithoutCapture, ExportError) as exc:
        _fail(str(exc), EXIT_FAILED)
    typer.echo(
        f"exported {summary.captures} capture(s) of {len(summary.listing_ids)} listing(s)"
        + (f" (case {summary.case})" if summary.case else "")
        + f" to {summary.path}: {summary.files} files, {_human_size(summary.size)}"
    )
    typer.echo(f"bundle id {summary.bundle_id}")
    typer.echo(f"sha256 {summary.sha256}")


def verify_command(
    bundle: Annotated[Path, typer.Argument(help="The bundle (.zip) or an unpacked bag folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check a bundle offline: bag hashes, signatures, timestamps, WARCs and the custody chain."""
    from evidence.bundle import BundleFormatError, verify_bundle

    try:
        report = verify_bundle(bundle)
    except BundleFormatError as exc:
        if as_json:
            typer.echo(json.dumps({"bundle": str(bundle), "ok": False, "error": str(exc)}, indent=2))
        _fail(str(exc), EXIT_USAGE)
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        table = Table(title=f"Bundle {report.bundle_id or bundle}")
        for column in ("check", "file", "result", "detail"):
            table.add_column(column, overflow="fold")
        styles = {"pass": "green", "warn": "yellow", "FAIL": "bold red"}
        for check in report.checks:
            table.add_row(
                check.name,
                escape(check.file),
                f"[{styles[check.result]}]{check.result}[/]",
                escape(check.detail),
            )
        Console(width=200).print(table)
        if report.signing_key_id:
            # integrity is proven by the bundled key; identity only by comparing its id out of band
            typer.echo(
                f"signing key id: {report.signing_key_id}"
                " (compare with the id the issuing organisation published)"
            )
    failures = report.failures
    if failures:
        files = sorted({f.file for f in failures})
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        _fail(f"verification FAILED: {len(failures)} check(s) failed: {shown}", EXIT_FAILED)
    warnings = report.warnings
    if not as_json:
        typer.echo(
            f"verified: {len(report.checks)} checks passed"
            + (f" ({len(warnings)} warning(s): {warnings[0].detail})" if warnings else "")
        )


case_app = typer.Typer(help="Cases: listings grouped for export.", no_args_is_help=True)


def _cases() -> Any:
    from storage.cases import CaseStore

    cfg = _config()
    return CaseStore(_database(cfg)), cfg


@case_app.command("create")
def case_create(
    name: Annotated[str, typer.Argument(help="The case name (unique).")],
    description: Annotated[str, typer.Option("--description", help="What the case is about.")] = "",
) -> None:
    """Create a case."""
    from storage.cases import CaseError

    store, cfg = _cases()
    try:
        info = store.create(name, _actor(cfg), description)
    except CaseError as exc:
        _fail(str(exc), EXIT_USAGE)
    typer.echo(f"created case {info.name!r} (id {info.id})")


@case_app.command("add")
def case_add(
    name: Annotated[str, typer.Argument(help="The case.")],
    listing_ids: Annotated[list[int], typer.Argument(help="Listing ids to add.")],
) -> None:
    """Add listings to a case."""
    from storage.cases import CaseError

    store, cfg = _cases()
    try:
        added = store.add_listings(name, listing_ids, _actor(cfg))
    except CaseError as exc:
        _fail(str(exc), EXIT_USAGE)
    typer.echo(f"added {added} listing(s) to case {name.strip()!r}")


@case_app.command("list")
def case_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the cases."""
    store, _cfg = _cases()
    cases = store.list_cases()
    if as_json:
        rows = [
            {
                "id": c.id,
                "name": c.name,
                "description": c.description,
                "listings": c.listings,
                "created_by": c.created_by,
                "created_at": c.created_at.isoformat(),
            }
            for c in cases
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    for c in cases:
        created = f"{c.created_at:%Y-%m-%d}"
        typer.echo(f"{c.name}\t{c.listings} listing(s)\t{c.created_by}\t{created}\t{c.description}")


def register(app: typer.Typer) -> None:
    """Add ``export``, ``verify`` and the ``case`` group to the main app."""
    app.command("export")(export_command)
    app.command("verify")(verify_command)
    app.add_typer(case_app, name="case")
