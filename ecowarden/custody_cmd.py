"""``ecowarden custody verify`` and ``ecowarden custody stamp``: audit the live custody log and the
evidence store; have the timestamp authority vouch for the log's head.

``verify`` checks the whole hash chain and its head row, re-hashes every blob the database names,
matches every ``exported`` entry with its bundle's ``published`` entry or its ``export_failed``
correction, and checks every ``head_timestamped`` token (evidence/audit.py). Read-only by default;
``--repair`` settles exports that were killed (records the bundle as published when its zip is
complete at its recorded path, appends the ``export_failed`` correction otherwise), removes their
staging folders and relabels captures whose signed manifest says no timestamp authority was
configured. ``stamp`` timestamps the current head (evidence/head_stamp.py). Exit codes: 0 all
holds, 1 a problem was found (each printed on one line) or the authority could not be reached,
2 bad usage or configuration.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from ecowarden.cli_config import config
from ecowarden.errors import EXIT_FAILED, EXIT_USAGE, UsageProblem, fail

if TYPE_CHECKING:
    from rich.progress import TaskID

    from evidence.audit import AuditReport

custody_app = typer.Typer(help="The chain-of-custody log.", no_args_is_help=True)


@custody_app.command("verify")
def custody_verify(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Correct the entries of killed exports and remove their staging folders"
            " (appends to the log).",
        ),
    ] = False,
) -> None:
    """Check the custody chain, every evidence blob and that every export was published or corrected."""
    from evidence.audit import audit_custody
    from evidence.context import EvidenceConfigError, EvidenceContext
    from evidence.settings import default_operator
    from storage.db import open_database

    try:
        cfg = config()
    except UsageProblem as exc:
        fail(str(exc), EXIT_USAGE)
    try:
        _engine, factory = open_database(cfg.database_url())
        ctx = EvidenceContext.from_config(cfg, factory)
    except EvidenceConfigError as exc:
        fail(" ".join(str(exc).split()), EXIT_USAGE)
    from ecowarden.progress import progress_bar
    from ecowarden.signals import terminate_as_interrupt

    with progress_bar() as bar, terminate_as_interrupt():
        tasks: dict[str, TaskID] = {}

        def advance(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        report = audit_custody(
            ctx, repair=repair, actor=cfg.evidence.operator or default_operator(), progress=advance
        )
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        _print(report)
    if report.problems:
        fail(f"custody verify FAILED: {len(report.problems)} problem(s), listed above", EXIT_FAILED)


def _print(report: AuditReport) -> None:
    for settlement in report.repairs:
        typer.echo(f"repaired: {settlement}")
    if report.relabelled:
        typer.echo(
            f"repaired: {report.relabelled} captures relabelled timestamp not_configured (their signed"
            " manifests say no timestamp authority was configured at capture)"
        )
    for path in report.staging_removed:
        typer.echo(f"removed staging folder {path}")
    for warning in report.warnings:
        typer.echo(f"warning: {warning}")
    for problem in report.problems:
        typer.echo(f"PROBLEM {problem}")
    if not report.problems:
        typer.echo(
            f"custody verified: {report.entries} entries up to seq {report.head_seq}"
            f" (head {report.head_hash[:16]}),"
            f" {report.blobs} evidence blobs, {report.bundles} bundle(s): {report.published} published,"
            f" {report.failed} corrected as failed, {report.in_progress} in progress"
        )
        typer.echo(_stamp_line(report))


def _stamp_line(report: AuditReport) -> str:
    """The newest head an authority vouched for, and how much of the log came after it."""
    if report.stamped_seq is None or report.stamped_gen_time is None:
        return f"head timestamps: none ({report.unstamped_entries} entries unstamped)"
    return (
        f"head timestamps: {report.head_stamps} checked; newest covers seq {report.stamped_seq}"
        f" (genTime {report.stamped_gen_time:%Y-%m-%dT%H:%M:%SZ}), {report.unstamped_entries}"
        " entries after it not yet covered"
    )


@custody_app.command("stamp")
def custody_stamp(
    as_json: Annotated[bool, typer.Option("--json", help="Print the stamp as JSON.")] = False,
) -> None:
    """Have the timestamp authority vouch for the custody log's head now (RFC 3161), so that the
    history up to it cannot be rewritten later without it showing."""
    from evidence.context import EvidenceConfigError, EvidenceContext
    from evidence.head_stamp import stamp_head
    from evidence.timestamp import TimestampError
    from storage.db import open_database

    try:
        cfg = config()
        _engine, factory = open_database(cfg.database_url())
        ctx = EvidenceContext.from_config(cfg, factory)
    except (UsageProblem, EvidenceConfigError) as exc:
        fail(" ".join(str(exc).split()), EXIT_USAGE)
    if ctx.tsa is None:
        fail("no timestamp authority configured: set evidence.tsa_url and tsa_certificate", EXIT_USAGE)
    try:
        stamp = stamp_head(ctx, ctx.operator, reason="ecowarden custody stamp")
    except TimestampError as exc:
        fail(f"custody head not timestamped: {exc}", EXIT_FAILED)
    if stamp is None:
        typer.echo(json.dumps({"stamped": None}) if as_json else "the custody log is empty: nothing to stamp")
        return
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "stamped": {
                        "seq": stamp.seq,
                        "entry_hash": stamp.entry_hash,
                        "gen_time": stamp.gen_time.isoformat(),
                        "token_sha256": stamp.token_sha256,
                        "record_seq": stamp.record_seq,
                    }
                },
                indent=2,
            )
        )
        return
    typer.echo(
        f"custody head seq {stamp.seq} ({stamp.entry_hash[:16]}) timestamped:"
        f" genTime {stamp.gen_time:%Y-%m-%dT%H:%M:%SZ}, token {stamp.token_sha256},"
        f" recorded as seq {stamp.record_seq}"
    )


def register(app: typer.Typer) -> None:
    """Add the ``custody`` group to the main app."""
    app.add_typer(custody_app, name="custody")
