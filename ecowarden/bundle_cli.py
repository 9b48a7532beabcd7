"""``ecowarden export``, ``verify``, ``case`` and ``key``: evidence bundles, cases, the signing key.

``verify`` reads nothing but the bundle (no config, no database), so a partner agency can run it
on a machine that has never seen our installation. What it cannot know on its own is who signed:
``--key-id`` / ``--public-key`` pin the signer (the key id the issuing organisation published,
e.g. with ``ecowarden key show``), ``--tsa-root`` the timestamp authority's root. Unpinned, the
signer is reported as a warning naming the key id to compare. Exit codes follow the rest of the
CLI: 0 all checks passed (warnings included), 1 a check failed (or a listing had nothing to
export, or a timestamp token did not verify at export), 2 bad usage or an input that is not a
bundle at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from ecowarden.cli_config import config
from ecowarden.errors import EXIT_FAILED, EXIT_USAGE, UsageProblem, fail, warn

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from ecowarden.config import Config
    from evidence.bundle import ExportSummary


def _fail(message: str, code: int) -> NoReturn:
    """Messages from bagit and zip errors can span lines: one line on the terminal."""
    fail(" ".join(message.split()), code)


def _config() -> Config:
    try:
        return config()
    except UsageProblem as exc:
        _fail(str(exc), EXIT_USAGE)


def _database(cfg: Config) -> sessionmaker[Session]:
    from storage.db import open_database

    _engine, factory = open_database(cfg.database_url())
    return factory


def _actor(cfg: Config) -> str:
    from evidence.settings import default_operator

    return cfg.evidence.operator or default_operator()


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
    allow_unverified_timestamps: Annotated[
        bool,
        typer.Option(
            "--allow-unverified-timestamps",
            help="Bundle a capture whose timestamp token does not verify (default: refuse).",
        ),
    ] = False,
    recipient: Annotated[
        str | None,
        typer.Option(
            "--recipient",
            help="Who the bundle is for (a person and agency): in the custody log, bundle and receipt.",
        ),
    ] = None,
    purpose: Annotated[
        str | None,
        typer.Option("--purpose", help="Why it is handed over (e.g. a case or request reference)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Export the captures of listings (or of a case) as a signed, self-verifying BagIt zip, with
    a receipt beside it (``NAME.receipt.txt``) to print and sign at hand-over.

    ``--recipient`` and ``--purpose`` are not required (scripts and the review app export without
    them), but an export without a recipient leaves the custody log unable to say where the copy
    went: it is warned about, and the report and receipt show it as not recorded, in red, as they
    do an unset operator or organisation."""
    from evidence.bundle import ExportError, ExportUsageError, ListingWithoutCapture, export_bundle
    from evidence.bundle.unzip import human_size
    from evidence.context import EvidenceConfigError, EvidenceContext

    if bool(listing) == (case is not None):
        _fail("give --listing ID (repeatable) or --case NAME, not both", EXIT_USAGE)
    if output.exists() and not force:
        _fail(f"{output} already exists (use --force to replace it)", EXIT_USAGE)
    cfg = _config()
    from ecowarden.signals import terminate_as_interrupt

    try:
        ctx = EvidenceContext.from_config(cfg, _database(cfg))
        # SIGTERM as Ctrl-C: the export corrects its custody entries and removes its staging
        with terminate_as_interrupt():
            summary = export_bundle(
                ctx,
                output=output,
                listing_ids=listing or None,
                case=case,
                actor=_actor(cfg),
                description=description,
                overwrite=force,
                allow_unverified_timestamps=allow_unverified_timestamps,
                recipient=recipient,
                purpose=purpose,
            )
    except (ExportUsageError, EvidenceConfigError) as exc:
        _fail(str(exc), EXIT_USAGE)
    except (ListingWithoutCapture, ExportError) as exc:
        _fail(str(exc), EXIT_FAILED)
    for missing in _unrecorded(cfg, summary.recipient, summary.purpose):
        warn(missing)
    if summary.receipt_error:
        warn(
            "the bundle is published and recorded, but its receipt could not be written:"
            f" {summary.receipt_error}"
        )
    if as_json:
        typer.echo(json.dumps(_summary_json(summary), indent=2))
        return
    typer.echo(
        f"exported {summary.captures} capture(s) of {len(summary.listing_ids)} listing(s)"
        + (f" (case {summary.case})" if summary.case else "")
        + f" to {summary.path}: {summary.files} files, {human_size(summary.size)}"
    )
    typer.echo(f"bundle id {summary.bundle_id}")
    typer.echo(f"sha256 {summary.sha256}")
    typer.echo(f"custody entry seq {summary.published_seq} (published), hash {summary.published_hash}")
    if summary.receipt is not None:
        typer.echo(f"receipt {summary.receipt} (print it; the recipient signs it)")


def _unrecorded(cfg: Config, recipient: str | None, purpose: str | None) -> list[str]:
    """What the export's record lacks that a prosecutor will ask for."""
    missing = []
    if recipient is None:
        missing.append("no --recipient: the custody log does not say whom this bundle went to")
    if purpose is None:
        missing.append("no --purpose: the custody log does not say why this bundle was made")
    if not cfg.evidence.operator.strip():
        missing.append("evidence.operator is not set: the bundle shows its operator as not set")
    if not cfg.evidence.organisation.strip():
        missing.append("evidence.organisation is not set: the bundle shows its organisation as not set")
    return missing


def _summary_json(summary: ExportSummary) -> dict[str, Any]:
    return {
        "bundle_id": summary.bundle_id,
        "path": str(summary.path),
        "captures": summary.captures,
        "listing_ids": list(summary.listing_ids),
        "case": summary.case,
        "files": summary.files,
        "size": summary.size,
        "sha256": summary.sha256,
        "recipient": summary.recipient,
        "purpose": summary.purpose,
        "custody": {
            "head_seq": summary.head_seq,
            "published_seq": summary.published_seq,
            "published_hash": summary.published_hash,
        },
        "receipt": str(summary.receipt) if summary.receipt is not None else None,
    }


def _expected_key_id(key_id: str | None, public_key: Path | None) -> str | None:
    """The signer the user pinned, from --key-id and/or --public-key (they must agree)."""
    from evidence.signing import key_id_of_pem

    expected = None
    if key_id is not None:
        expected = key_id.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{64}", expected):
            _fail(
                f"--key-id must be 64 hex digits (SHA-256 of the raw public key), got {key_id!r}", EXIT_USAGE
            )
    if public_key is not None:
        try:
            from_file = key_id_of_pem(public_key.read_bytes())
        except (OSError, ValueError) as exc:
            _fail(f"--public-key {public_key}: not an Ed25519 public key PEM ({exc})", EXIT_USAGE)
        if expected is not None and expected != from_file:
            _fail(
                f"--key-id {expected} and --public-key {public_key} (key id {from_file}) disagree", EXIT_USAGE
            )
        expected = from_file
    return expected


def _tsa_root(path: Path | None) -> bytes | None:
    if path is None:
        return None
    from evidence.timestamp import TimestampError, certificate_fingerprint

    try:
        pem = path.read_bytes()
        certificate_fingerprint(pem)
    except (OSError, TimestampError) as exc:
        _fail(f"--tsa-root {path}: not a readable PEM certificate ({exc})", EXIT_USAGE)
    return pem


def verify_command(
    bundle: Annotated[Path, typer.Argument(help="The bundle (.zip) or an unpacked bag folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    key_id: Annotated[
        str | None,
        typer.Option("--key-id", help="The signer's key id, as the issuing organisation published it."),
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option("--public-key", help="The signer's Ed25519 public key PEM (from the issuer)."),
    ] = None,
    tsa_root: Annotated[
        Path | None,
        typer.Option(
            "--tsa-root", help="The timestamp authority's root certificate every token must chain to."
        ),
    ] = None,
) -> None:
    """Check a bundle offline: bag hashes, signatures, timestamps, WARCs and the custody chain."""
    from evidence.bundle import BundleFormatError, verify_bundle

    expected = _expected_key_id(key_id, public_key)
    root_pem = _tsa_root(tsa_root)
    from ecowarden.signals import terminate_as_interrupt

    try:
        with terminate_as_interrupt():
            report = verify_bundle(bundle, expected_key_id=expected, tsa_root_pem=root_pem)
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
    signer = (
        f"signing key id {report.signing_key_id}"
        + (
            " (the expected signer)"
            if report.signer_pinned
            else " NOT pinned: compare it with the one the issuing organisation published, or pass --key-id"
        )
        if report.signing_key_id
        else "no usable signing key"
    )
    failures = report.failures
    if failures:
        files = sorted({f.file for f in failures})
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        _fail(f"verification FAILED: {len(failures)} check(s) failed: {shown}; {signer}", EXIT_FAILED)
    warnings = report.warnings
    if not as_json:
        typer.echo(
            f"verified: {len(report.checks)} checks passed; {signer}"
            + (f"; {len(warnings)} warning(s), see the table" if warnings else "")
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
    as_json: Annotated[bool, typer.Option("--json", help="Print the case as JSON.")] = False,
) -> None:
    """Create a case."""
    from storage.cases import CaseError

    store, cfg = _cases()
    try:
        info = store.create(name, _actor(cfg), description)
    except CaseError as exc:
        _fail(str(exc), EXIT_USAGE)
    if as_json:
        typer.echo(json.dumps({"id": info.id, "name": info.name, "description": info.description}, indent=2))
        return
    typer.echo(f"created case {info.name!r} (id {info.id})")


@case_app.command("add")
def case_add(
    name: Annotated[str, typer.Argument(help="The case.")],
    listing_ids: Annotated[list[int], typer.Argument(help="Listing ids to add.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Add listings to a case."""
    from storage.cases import CaseError

    store, cfg = _cases()
    try:
        added = store.add_listings(name, listing_ids, _actor(cfg))
    except CaseError as exc:
        _fail(str(exc), EXIT_USAGE)
    if as_json:
        typer.echo(json.dumps({"case": name.strip(), "added": added}, indent=2))
        return
    typer.echo(f"added {added} listing(s) to case {name.strip()!r}")


@case_app.command("list")
def case_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print the cases as JSON.")] = False,
) -> None:
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


key_app = typer.Typer(help="The installation's Ed25519 signing key.", no_args_is_help=True)


def _installation_key() -> tuple[Any, Path]:
    from evidence.signing import PUBLIC_KEY_FILE, KeyFileError, installation_key

    cfg = _config()
    evidence_dir = cfg.path(cfg.evidence.dir)
    try:
        key = installation_key(evidence_dir)
    except (KeyFileError, OSError) as exc:
        _fail(str(exc), EXIT_USAGE)
    return key, evidence_dir / "keys" / PUBLIC_KEY_FILE


@key_app.command("show")
def key_show(
    as_json: Annotated[bool, typer.Option("--json", help="Print the key id and file as JSON.")] = False,
) -> None:
    """Print the signing key id (publish it: examiners pin it with verify --key-id) and where
    the public key is."""
    key, public_path = _installation_key()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "key_id": key.key_id,
                    "algorithm": "Ed25519",
                    "public_key": str(public_path),
                    "public_key_pem": key.public_key_pem().decode("ascii"),
                },
                indent=2,
            )
        )
        return
    typer.echo(f"key id {key.key_id}")
    typer.echo(f"public key {public_path}")


@key_app.command("export")
def key_export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the public key PEM.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """Write the public key (PEM), to hand to partner agencies (verify --public-key FILE)."""
    key, _public_path = _installation_key()
    try:
        with output.open("wb" if force else "xb") as out:
            out.write(key.public_key_pem())
    except FileExistsError:
        _fail(f"{output} already exists (use --force to replace it)", EXIT_USAGE)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc}", EXIT_USAGE)
    if as_json:
        typer.echo(json.dumps({"key_id": key.key_id, "output": str(output)}, indent=2))
        return
    typer.echo(f"wrote the public key of key id {key.key_id} to {output}")


def register(app: typer.Typer) -> None:
    """Add ``export``, ``verify`` and the ``case`` and ``key`` groups to the main app."""
    app.command("export")(export_command)
    app.command("verify")(verify_command)
    app.add_typer(case_app, name="case")
    app.add_typer(key_app, name="key")
