"""Export captures as one self-verifying evidence bundle: a zipped BagIt bag.

What goes in is everything a partner agency needs to check the evidence without us: each
capture's files and its exact signed manifest bytes, signature and RFC 3161 token; the public key
and the TSA certificates; an excerpt of the custody log (full entries about the exported captures,
plus the bare hash chain of every entry between them, so continuity can be checked without
revealing unrelated investigations); a checkpoint of the log's head signed by the installation key,
which also lists the SHA-256 of every other payload file; a human-readable report; and
instructions for stock tools.

The export is itself a custody event, recorded before the excerpt is cut so that the bundle
carries the record of its own making; should the export then fail, an ``annotated`` entry says so
(``export_failed``), so the log never claims a bundle that does not exist without correcting it.
Where the bundle is to be written is recorded beside (``export_started``, subject
``bundle:<id>``), and its SHA-256 and size once it has its final name (``published``). An export
killed before it could write either is settled later (evidence/bundle/recovery.py): by the next
export into the same folder, which also removes the dead export's staging folder, or by
``ecowarden custody verify --repair``.
The bag is assembled in a private staging folder beside ``output`` (same filesystem), locked by
the exporting process, and the finished zip is given its final name atomically, never over an
existing file unless asked: a half-written or silently replaced bundle must be impossible. Blobs
are streamed, so memory use does not grow with capture size.

Each RFC 3161 token is checked at export against the certificates named in its ``timestamped``
custody entry (kept as blobs, so a TSA certificate replaced since still checks old tokens); the
bundle carries them as ``data/tsa/<SHA-256 of the DER>.pem`` and the signed checkpoint says which
certificate and root check which capture's token. A token that does not verify stops the export
unless the caller accepts bundling it unverified.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import textwrap
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import bagit
from cryptography import x509
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from evidence.atomic import fsync_dir, publish
from evidence.bundle import layout
from evidence.bundle.capture_facts import CaptureFacts
from evidence.bundle.presentation import Copies, for_capture
from evidence.bundle.receipt import Receipt, write_receipt
from evidence.bundle.recovery import (
    Staging,
    append_export_failed,
    append_published,
    bundle_subject,
    clean_staging,
    this_host,
)
from evidence.bundle.timegap import TIMESTAMP_GAP_WARN_S, human_duration
from evidence.bundle.wacz import WaczArchive, WaczPage, write_wacz
from evidence.canonical import canonical_json, parse_utc_iso, utc_iso
from evidence.chain import Event
from evidence.context import EvidenceContext
from evidence.head_stamp import stamp_head_after_export
from evidence.manifest import Manifest, SignatureRecord, sign_manifest
from evidence.timestamp import TimestampError, certificate_fingerprint, verify_token
from storage.cases import CaseStore
from storage.db import transaction
from storage.models import Capture, CustodyEvent, CustodyHead, Listing
from storage.predictions import latest_predictions, verdict_summary
from storage.types import utcnow
from storage.watchlists import Provenance, provenance_in

CHUNK = 1 << 20
_PAGE = 1000
_IN_BATCH = 500
TEMPLATES = Path(__file__).resolve().parent / "templates"


class ExportError(Exception):
    """The bundle cannot be made as asked; the message is one line."""


class ExportUsageError(ExportError):
    """Bad input: unknown listing or case, nothing to export, output already exists."""


class ListingWithoutCapture(ExportError):
    """A listing asked for has no capture to export (capture it first)."""


@dataclass(frozen=True)
class ExportSummary:
    bundle_id: str
    path: Path
    captures: int
    files: int
    size: int
    sha256: str
    listing_ids: tuple[int, ...]
    case: str | None
    head_seq: int
    recipient: str | None = None
    purpose: str | None = None
    #: the ``published`` custody entry (seq, entry hash) that records the bundle's SHA-256
    published_seq: int | None = None
    published_hash: str | None = None
    #: the receipt written beside the bundle, or why it could not be
    receipt: Path | None = None
    receipt_error: str | None = None


#: recipient and purpose are recorded in custody entries and bag-info.txt: one line each, bounded
MAX_RECIPIENT = 200
MAX_PURPOSE = 1000


def export_note(value: str | None, limit: int, what: str) -> str | None:
    """A recipient or purpose as recorded: whitespace collapsed to one line; None when empty."""
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    if len(text) > limit:
        raise ExportUsageError(f"the {what} is {len(text)} characters long; at most {limit}")
    return text


@dataclass
class _CaptureInfo:
    row: Capture
    manifest: Manifest
    raw: bytes
    signature: SignatureRecord
    token: bytes | None
    gen_time: str | None = None
    tsa_detail: str = ""
    tsa_certificate: bytes | None = None
    tsa_root: bytes | None = None
    tsa_fingerprint: str | None = None
    tsa_root_fingerprint: str | None = None
    tsa_subject: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    #: what the report shows of the capture, and its presentation copies (evidence/bundle/presentation.py)
    facts: CaptureFacts | None = None
    copies: Copies | None = None


class _Payload:
    """The bag's payload folder being filled; remembers the SHA-256 of each file it writes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.digests: dict[str, str] = {}
        #: each file's size: the signed checkpoint declares them, so a verifier writes no more
        self.sizes: dict[str, int] = {}

    def _target(self, relative: str) -> Path:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_bytes(self, relative: str, data: bytes) -> str:
        self._target(relative).write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        self.digests[relative] = digest
        self.sizes[relative] = len(data)
        return digest

    def copy_stream(self, relative: str, source: BinaryIO) -> tuple[str, int]:
        hasher = hashlib.sha256()
        size = 0
        with self._target(relative).open("xb") as out:
            while chunk := source.read(CHUNK):
                hasher.update(chunk)
                out.write(chunk)
                size += len(chunk)
        self.digests[relative] = hasher.hexdigest()
        self.sizes[relative] = size
        return self.digests[relative], size

    @contextmanager
    def lines(self, relative: str) -> Iterator[Any]:
        """A text file written line by line, hashed as it is written."""
        hasher = hashlib.sha256()
        written = [0]
        with self._target(relative).open("wb") as out:

            def write(text: str) -> None:
                data = text.encode("utf-8")
                hasher.update(data)
                out.write(data)
                written[0] += len(data)

            yield write
        self.digests[relative] = hasher.hexdigest()
        self.sizes[relative] = written[0]


def _json_line(value: Any) -> str:
    return canonical_json(value).decode("utf-8") + "\n"


def _resolve_listings(
    ctx: EvidenceContext, listing_ids: Sequence[int] | None, case: str | None
) -> tuple[list[int], str]:
    """The listing ids to export and the description a case brings along."""
    if (listing_ids is None) == (case is None):
        raise ExportUsageError("export either listing ids or a case, not both and not neither")
    if case is not None:
        store = CaseStore(ctx.factory)
        try:
            info = store.get(case)
            ids = store.listing_ids(case)
        except ValueError as exc:
            raise ExportUsageError(str(exc)) from None
        if not ids:
            raise ExportUsageError(f"case {info.name!r} has no listings")
        return ids, info.description
    ids = sorted(set(listing_ids or []))
    if not ids:
        raise ExportUsageError("no listing ids given")
    return ids, ""


def _load_captures(session: Session, listing_ids: list[int]) -> list[Capture]:
    """Every recorded capture of the listings, in listing then capture-time order."""
    existing: set[int] = set()
    captures: list[Capture] = []
    for start in range(0, len(listing_ids), _IN_BATCH):
        batch = listing_ids[start : start + _IN_BATCH]
        existing.update(session.scalars(select(Listing.id).where(Listing.id.in_(batch))))
        captures.extend(
            session.scalars(
                select(Capture).where(Capture.listing_id.in_(batch), Capture.manifest_sha256.is_not(None))
            )
        )
    unknown = [i for i in listing_ids if i not in existing]
    if unknown:
        raise ExportUsageError(f"no listing with id {', '.join(map(str, unknown))}")
    captured = {c.listing_id for c in captures}
    bare = [i for i in listing_ids if i not in captured]
    if bare:
        raise ListingWithoutCapture(
            f"listing {', '.join(map(str, bare))} {'has' if len(bare) == 1 else 'have'} no capture to export;"
            " capture first (ecowarden capture ID)"
        )
    captures.sort(key=lambda c: (c.listing_id or 0, c.captured_at, c.id))
    return captures


def _read_blob(ctx: EvidenceContext, sha256: str) -> bytes:
    """A small blob (manifest, token), re-hashed: a corrupted store must not leak into a bundle."""
    with ctx.store.open(sha256) as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ExportError(f"stored blob {sha256} does not match its name: the evidence store is damaged")
    return data


def _token_certificates(ctx: EvidenceContext, row: Capture) -> list[tuple[bytes, bytes | None]]:
    """The (TSA certificate, root) pairs that may check this capture's token: those its
    ``timestamped`` custody entries name first, then the configured TSA (captures stamped before
    the entries named their certificates)."""
    pairs: list[tuple[bytes, bytes | None]] = []
    for event in ctx.custody.events(f"capture:{row.id}"):
        if event.action != "timestamped" or event.details.get("token_sha256") != row.tsa_token_sha256:
            continue
        certificate_blob = event.details.get("tsa_certificate_blob")
        root_blob = event.details.get("tsa_root_blob")
        if not isinstance(certificate_blob, str):
            continue
        try:
            certificate = _read_blob(ctx, certificate_blob)
            root = _read_blob(ctx, root_blob) if isinstance(root_blob, str) else None
        except FileNotFoundError:
            raise ExportError(
                f"capture {row.id}: a TSA certificate blob named in custody entry {event.seq}"
                " is missing from the evidence store"
            ) from None
        pairs.append((certificate, root))
    if ctx.tsa is not None:
        pairs.append((ctx.tsa.certificate_pem, ctx.tsa.root_pem))
    unique: list[tuple[bytes, bytes | None]] = []
    for pair in pairs:
        if pair not in unique:
            unique.append(pair)
    return unique


def _check_token(ctx: EvidenceContext, info: _CaptureInfo, allow_unverified: bool) -> None:
    """Find the certificate that checks the token (the one the manifest pinned, if it does)."""
    assert info.token is not None
    timestamp = info.manifest.metadata.get("timestamp")
    pinned = timestamp.get("tsa_certificate_sha256") if isinstance(timestamp, dict) else None
    errors: list[str] = []
    known: list[tuple[bytes, bytes | None, str]] = []
    for certificate, root in _token_certificates(ctx, info.row):
        try:
            known.append((certificate, root, certificate_fingerprint(certificate)))
        except TimestampError as exc:
            errors.append(str(exc))
    known.sort(key=lambda item: item[2] != pinned)  # the pinned certificate first
    for certificate, root, fingerprint in known:
        try:
            stamp = verify_token(info.token, info.raw, certificate, root_pem=root)
        except TimestampError as exc:
            errors.append(f"with TSA certificate {fingerprint[:16]}: {exc}")
            continue
        info.gen_time = utc_iso(stamp.gen_time)
        info.tsa_detail = f"serial {stamp.serial_number}, policy {stamp.policy}"
        info.tsa_certificate, info.tsa_root, info.tsa_fingerprint = certificate, root, fingerprint
        info.tsa_root_fingerprint = certificate_fingerprint(root) if root is not None else None
        info.tsa_subject = _certificate_subject(certificate)
        return
    reason = "; ".join(errors) or (
        "no TSA certificate is known for it (its custody entry names none and none is configured)"
    )
    if not allow_unverified:
        raise ExportError(
            f"capture {info.row.id}: its timestamp token does not verify ({reason});"
            " use --allow-unverified-timestamps to export it anyway"
        )
    info.tsa_detail = f"the token does not verify: {reason}"
    if known:  # bundle the certificates anyway, so the examiner sees what was tried
        info.tsa_certificate, info.tsa_root, info.tsa_fingerprint = known[0]
        info.tsa_root_fingerprint = certificate_fingerprint(known[0][1]) if known[0][1] is not None else None
        info.tsa_subject = _certificate_subject(known[0][0])


def _capture_info(ctx: EvidenceContext, row: Capture, allow_unverified: bool) -> _CaptureInfo:
    assert row.manifest_sha256 is not None
    try:
        raw = _read_blob(ctx, row.manifest_sha256)
        token = _read_blob(ctx, row.tsa_token_sha256) if row.tsa_token_sha256 else None
    except FileNotFoundError as exc:
        raise ExportError(f"capture {row.id}: a blob is missing from the evidence store ({exc})") from None
    if row.signature is None:
        raise ExportError(f"capture {row.id} has no signature")
    info = _CaptureInfo(row, Manifest.from_bytes(raw), raw, SignatureRecord.from_json(row.signature), token)
    if token is not None:
        _check_token(ctx, info, allow_unverified)
    return info


def _append_exported(
    ctx: EvidenceContext,
    captures: list[_CaptureInfo],
    actor: str,
    bundle_id: str,
    case: str | None,
    path: Path,
    recipient: str | None = None,
    purpose: str | None = None,
) -> None:
    """Where the bundle is to be written (``export_started``, about the bundle: kept out of the
    bundles' excerpts, which hold capture entries only), then one ``exported`` entry per capture,
    all in one transaction: all are recorded or none. Each names the recipient and purpose: the
    custody of a capture is also where its copies went and why, so a later bundle of the same
    capture carries (in its excerpt) every earlier hand-over of it."""
    name = path.name
    handed = {"recipient": recipient, "purpose": purpose}
    with transaction(ctx.factory) as session:
        ctx.custody.append_in(
            session,
            actor,
            "export_started",
            bundle_subject(bundle_id),
            {
                "bundle_id": bundle_id,
                "path": str(path),
                "case": case,
                "host": this_host(),
                "pid": os.getpid(),
                "captures": sorted(info.row.id for info in captures),
                **handed,
            },
        )
        for info in captures:
            ctx.custody.append_in(
                session,
                actor,
                "exported",
                f"capture:{info.row.id}",
                {
                    "bundle_id": bundle_id,
                    "case": case,
                    "bundle_file": name,
                    "listing_id": info.row.listing_id,
                    **handed,
                },
            )


def _append_failed(
    ctx: EvidenceContext, captures: list[_CaptureInfo], actor: str, bundle_id: str, error: str
) -> None:
    """The correction of ``exported`` entries whose bundle was never finished."""
    try:
        with transaction(ctx.factory) as session:
            subjects = [f"capture:{info.row.id}" for info in captures]
            append_export_failed(ctx, session, actor, bundle_id, subjects, error)
    except Exception:  # the export's own error is the one to report
        logging.getLogger(__name__).exception("could not record the failure of export %s", bundle_id)


def _append_published(
    ctx: EvidenceContext,
    actor: str,
    bundle_id: str,
    path: Path,
    sha256: str,
    size: int,
    recipient: str | None = None,
    purpose: str | None = None,
) -> Event:
    """The bundle has its final name: its SHA-256 and size, so the log can vouch for the file
    (and whom it went to, and why)."""
    with transaction(ctx.factory) as session:
        return append_published(
            ctx, session, actor, bundle_id, str(path), sha256, size, recipient=recipient, purpose=purpose
        )


def _head(ctx: EvidenceContext) -> tuple[int, str]:
    with ctx.factory() as session:
        head = session.get(CustodyHead, 1)
        if head is None:
            raise ExportError("custody_head row missing: run the database migrations")
        return head.seq, head.entry_hash


def _first_seq(ctx: EvidenceContext, subjects: list[str], head_seq: int) -> int:
    first: int | None = None
    with ctx.factory() as session:
        for start in range(0, len(subjects), _IN_BATCH):
            batch = subjects[start : start + _IN_BATCH]
            value = session.scalar(
                select(func.min(CustodyEvent.seq)).where(
                    CustodyEvent.subject.in_(batch), CustodyEvent.seq <= head_seq
                )
            )
            if value is not None and (first is None or value < first):
                first = value
    if first is None:
        raise ExportError("no custody entries found for the exported captures")
    return first


def _write_custody(
    ctx: EvidenceContext, payload: _Payload, captures: dict[str, _CaptureInfo], head: tuple[int, str]
) -> int:
    """Write the full entries and the skeleton chain; returns the first seq of the excerpt."""
    subjects = {f"capture:{capture_id}": info for capture_id, info in captures.items()}
    first = _first_seq(ctx, sorted(subjects), head[0])
    with payload.lines(layout.EVENTS) as events, payload.lines(layout.CHAIN) as chain:
        for event in ctx.custody.events(first_seq=first, last_seq=head[0]):
            chain(
                _json_line({"seq": event.seq, "prev_hash": event.prev_hash, "entry_hash": event.entry_hash})
            )
            info = subjects.get(event.subject)
            if info is not None:
                events(_json_line(event.to_json()))
                info.events.append(
                    {
                        "seq": event.seq,
                        "occurred_at": utc_iso(event.occurred_at),
                        "actor": event.actor,
                        "action": event.action,
                    }
                )
    return first


def _listings(ctx: EvidenceContext, listing_ids: list[int]) -> list[dict[str, Any]]:
    with ctx.factory() as session:
        predictions = latest_predictions(session, listing_ids)
        out = []
        for start in range(0, len(listing_ids), _IN_BATCH):
            batch = listing_ids[start : start + _IN_BATCH]
            for listing in session.scalars(
                select(Listing)
                .where(Listing.id.in_(batch))
                .order_by(Listing.id)
                .options(joinedload(Listing.seller))
            ):
                prediction = predictions.get(listing.id)
                out.append(
                    {
                        "id": listing.id,
                        "url": listing.url,
                        "title": listing.title,
                        "seller": listing.seller.name if listing.seller is not None else None,
                        "price": None if listing.price is None else str(listing.price),
                        "currency": listing.currency,
                        "status": listing.status,
                        "prediction": verdict_summary(prediction, reasons=False),
                        "found_by": [
                            _found_by(found) for found in provenance_in(session, listing.canonical_url)
                        ],
                    }
                )
        return out


def _found_by(found: Provenance) -> dict[str, Any]:
    return {
        "watchlist": found.watchlist,
        "term": found.term,
        "language": found.language,
        "result_page": found.page_url,
        "page": found.page,
        "rank": found.rank,
        "fetched_at": found.fetched_at.isoformat(),
        "run_id": found.run_id,
        "page_sha256": found.body_sha256,
        "file": f"{layout.SEARCH_PAGES}/{found.body_sha256}.html" if found.body_sha256 else None,
    }


def _write_search_pages(ctx: EvidenceContext, payload: _Payload, listings: list[dict[str, Any]]) -> None:
    """The result pages the listings were found on, as fetched (byte for byte, named by their
    SHA-256): what a reader of the bundle needs to see how each offer was found."""
    written: set[str] = set()
    for listing in listings:
        for found in listing["found_by"]:
            sha = found["page_sha256"]
            if sha is None or sha in written:
                continue
            if not ctx.store.exists(sha):
                found["file"] = None  # recorded, but its bytes are not in this evidence store
                continue
            payload.write_bytes(found["file"], _read_blob(ctx, sha))
            written.add(sha)


def _tag_value(value: str) -> str:
    """A bag-info.txt value as bagit will read it back (one line, whitespace collapsed)."""
    return " ".join(str(value).split())


def _certificate_subject(pem: bytes) -> str:
    try:
        return x509.load_pem_x509_certificate(pem).subject.rfc4514_string()
    except ValueError:
        return "unreadable certificate"


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _make_bag(folder: Path, info: dict[str, str]) -> None:
    """Turn ``folder`` into a bag (payload moved under data/), then sort the tag manifests' lines:
    bagit lists tag files in directory order, which differs between filesystems."""
    logger = logging.getLogger("bagit")
    level = logger.level
    logger.setLevel(logging.ERROR)  # bagit narrates every file at INFO/WARNING
    try:
        bagit.make_bag(str(folder), bag_info=info, checksums=list(layout.CHECKSUMS))
    finally:
        logger.setLevel(level)
    for algorithm in layout.CHECKSUMS:
        path = folder / f"tagmanifest-{algorithm}.txt"
        path.write_text("".join(sorted(path.read_text(encoding="utf-8").splitlines(keepends=True))))


def _zip_order(folder: Path) -> list[str]:
    """Tag files first (bagit.txt leading), then the payload, each sorted: the same bag always
    zips in the same order."""
    names = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    tags = sorted((n for n in names if not n.startswith("data/")), key=lambda n: (n != "bagit.txt", n))
    return tags + sorted(n for n in names if n.startswith("data/"))


def _write_zip(folder: Path, target: Path, moment: datetime) -> tuple[int, str]:
    """Zip the bag into ``target``; returns the number of files and the zip's SHA-256."""
    stamp = moment.timetuple()[:6]
    names = _zip_order(folder)
    with zipfile.ZipFile(target, "x", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name in names:
            source = folder / name
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o100644 << 16
            size = source.stat().st_size
            with source.open("rb") as src, archive.open(entry, "w", force_zip64=size > 0x7FFFFFFF) as dst:
                shutil.copyfileobj(src, dst, CHUNK)
    hasher = hashlib.sha256()
    with target.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
        os.fsync(handle.fileno())
    return len(names), hasher.hexdigest()


def _tsa_files(payload: _Payload, captures: dict[str, _CaptureInfo]) -> dict[str, dict[str, str | None]]:
    """Write the certificates that check the tokens; returns, per stamped capture, which."""
    timestamps: dict[str, dict[str, str | None]] = {}
    pairs: set[tuple[str, str | None]] = set()
    for capture_id, info in captures.items():
        if info.tsa_certificate is None or info.tsa_fingerprint is None:
            continue
        certificate = layout.tsa_file(info.tsa_fingerprint)
        if certificate not in payload.digests:
            payload.write_bytes(certificate, info.tsa_certificate)
        root = None
        if info.tsa_root is not None and info.tsa_root_fingerprint is not None:
            root = layout.tsa_file(info.tsa_root_fingerprint)
            if root not in payload.digests:
                payload.write_bytes(root, info.tsa_root)
        timestamps[capture_id] = {
            "tsa_certificate_sha256": info.tsa_fingerprint,
            "tsa_root_sha256": info.tsa_root_fingerprint,
        }
        pairs.add((certificate, root))
    if len(pairs) == 1:  # one authority: also under the short names the instructions have used
        ((certificate, root),) = pairs
        payload.write_bytes(layout.TSA_CERTIFICATE, (payload.root / certificate).read_bytes())
        if root is not None:
            payload.write_bytes(layout.TSA_ROOT, (payload.root / root).read_bytes())
    return timestamps


def _authorities(captures: dict[str, _CaptureInfo]) -> list[dict[str, str | None]]:
    seen: dict[str, dict[str, str | None]] = {}
    for info in captures.values():
        if info.tsa_fingerprint is not None and info.tsa_fingerprint not in seen:
            seen[info.tsa_fingerprint] = {
                "subject": info.tsa_subject,
                "fingerprint": info.tsa_fingerprint,
                "root_fingerprint": info.tsa_root_fingerprint,
            }
    return list(seen.values())


def export_bundle(
    ctx: EvidenceContext,
    *,
    output: Path,
    listing_ids: Sequence[int] | None = None,
    case: str | None = None,
    actor: str | None = None,
    description: str | None = None,
    overwrite: bool = False,
    allow_unverified_timestamps: bool = False,
    recipient: str | None = None,
    purpose: str | None = None,
) -> ExportSummary:
    """Write the bundle of every capture of ``listing_ids`` (or of the listings of ``case``).

    ``recipient`` (who the bundle is for) and ``purpose`` (why) are recorded in the custody
    entries of the export, in the bundle's signed checkpoint, bag-info.txt and report, and on the
    receipt written beside the bundle (evidence/bundle/receipt.py). Both are optional here, so the
    review app and scripts keep working; the report and receipt show a missing one as not recorded,
    in red, and ``ecowarden export`` warns.

    Raises ExportUsageError for bad input (nothing named, unknown listing or case, ``output``
    exists without ``overwrite``), ListingWithoutCapture when a listing has nothing to export and
    ExportError when the evidence store or log is not in a state to export from, a timestamp
    token does not verify (unless ``allow_unverified_timestamps``), or writing the bundle failed.
    """
    output = Path(output)
    if output.exists() and not overwrite:
        raise ExportUsageError(f"{output} already exists (use --force to replace it)")
    if output.exists() and not output.is_file():
        raise ExportUsageError(f"{output} exists and is not a file")
    if not output.parent.is_dir():
        raise ExportUsageError(f"no such folder: {output.parent}")
    actor = actor or ctx.operator
    recipient = export_note(recipient, MAX_RECIPIENT, "recipient")
    purpose = export_note(purpose, MAX_PURPOSE, "purpose")
    # exports killed in this folder: their custody entries corrected, their staging removed
    clean_staging(ctx, [output.parent], actor, "the next export into the same folder")
    ids, case_description = _resolve_listings(ctx, listing_ids, case)
    case_name = case.strip() if case is not None else None
    with ctx.factory() as session:
        rows = _load_captures(session, ids)
    captures = {row.id: _capture_info(ctx, row, allow_unverified_timestamps) for row in rows}
    bundle_id = str(uuid.uuid4())
    created = utcnow()
    target = output.parent.resolve() / output.name

    try:
        staging = Staging.create(output.parent, bundle_id)
    except OSError as exc:
        raise ExportError(f"cannot create the staging folder beside {output}: {exc}") from exc
    published = recorded = False
    try:
        _append_exported(
            ctx,
            list(captures.values()),
            actor,
            bundle_id,
            case_name,
            target,
            recipient,
            purpose,
        )
        try:
            head = _head(ctx)
            files, sha256, staged_zip = _build(
                ctx,
                staging.path,
                output,
                captures,
                ids,
                head,
                bundle_id,
                created,
                case_name,
                actor,
                description or case_description,
                recipient,
                purpose,
            )
            size = staged_zip.stat().st_size
            _publish(staged_zip, output, overwrite)
            published = True
            # positional: tests and the kill driver stand in for these steps with *args wrappers
            entry = _append_published(ctx, actor, bundle_id, target, sha256, size, recipient, purpose)
            recorded = True
        except BaseException as exc:
            # once the zip has its final name the bundle exists: were ``published`` not
            # recorded, the staging folder stays (unlocked) for the next export or repair
            # to find the zip and record it (see recovery.py)
            if not published:
                _append_failed(ctx, list(captures.values()), actor, bundle_id, f"{type(exc).__name__}: {exc}")
            if isinstance(exc, OSError):
                raise ExportError(f"writing the bundle failed: {exc}") from exc
            raise
    finally:
        if published and not recorded:
            staging.release()
        else:
            staging.remove()
    stamp_head_after_export(ctx, actor, bundle_id)  # the head now holds this export; never raises
    summary = ExportSummary(
        bundle_id=bundle_id,
        path=output,
        captures=len(captures),
        files=files,
        size=size,
        sha256=sha256,
        listing_ids=tuple(ids),
        case=case_name,
        head_seq=head[0],
        recipient=recipient,
        purpose=purpose,
        published_seq=entry.seq,
        published_hash=entry.entry_hash,
    )
    return _with_receipt(ctx, summary, entry, actor)


def _with_receipt(ctx: EvidenceContext, summary: ExportSummary, entry: Event, actor: str) -> ExportSummary:
    """Write the receipt beside the published bundle. The bundle exists and the log records it
    by now, so a receipt that cannot be written is reported, not an export failure."""
    receipt = Receipt(
        bundle_file=summary.path.name,
        bundle_id=summary.bundle_id,
        sha256=summary.sha256,
        size=summary.size,
        published_at=entry.occurred_at,
        operator=ctx.operator if ctx.operator_configured else None,
        account=ctx.operator,
        exported_by=actor,
        organisation=ctx.organisation or None,
        recipient=summary.recipient,
        purpose=summary.purpose,
        key_id=ctx.key.key_id,
        custody_seq=entry.seq,
        custody_hash=entry.entry_hash,
        captures=summary.captures,
        case=summary.case,
    )
    try:
        return replace(summary, receipt=write_receipt(summary.path, receipt))
    except OSError as exc:
        return replace(summary, receipt_error=f"{exc.strerror or exc}")


def _build(
    ctx: EvidenceContext,
    staging: Path,
    output: Path,
    captures: dict[str, _CaptureInfo],
    ids: list[int],
    head: tuple[int, str],
    bundle_id: str,
    created: datetime,
    case_name: str | None,
    actor: str,
    description: str,
    recipient: str | None = None,
    purpose: str | None = None,
) -> tuple[int, str, Path]:
    """Assemble the bag in ``staging`` and zip it there; returns the number of files, the zip's
    SHA-256 and the zip, to be published as ``output``."""
    folder = staging / "bag"
    folder.mkdir()
    payload = _Payload(folder)
    for capture_id, info in captures.items():
        base = layout.capture_dir(capture_id)
        for artifact in info.manifest.artifacts:
            try:
                with ctx.store.open(artifact.sha256) as blob:
                    digest, size = payload.copy_stream(f"{base}/{artifact.name}", blob)
            except FileNotFoundError:
                raise ExportError(f"capture {capture_id}: blob of {artifact.name} is missing") from None
            if digest != artifact.sha256 or size != artifact.size:
                raise ExportError(
                    f"capture {capture_id}: stored {artifact.name} does not match its manifest"
                    " (the evidence store is damaged)"
                )
        payload.write_bytes(f"{base}/{layout.MANIFEST}", info.raw)
        payload.write_bytes(f"{base}/{layout.SIGNATURE}", canonical_json(info.signature.to_json()))
        if info.token is not None:
            payload.write_bytes(f"{base}/{layout.TOKEN}", info.token)
        _present(payload, capture_id, info)
    _write_replay(ctx, payload, captures, bundle_id, created)
    first_seq = _write_custody(ctx, payload, captures, head)
    payload.write_bytes(layout.PUBLIC_KEY, ctx.key.public_key_pem())
    timestamps = _tsa_files(payload, captures)
    authorities = _authorities(captures)
    listings = _listings(ctx, ids)
    _write_search_pages(ctx, payload, listings)
    payload.write_bytes(layout.LISTINGS, json.dumps(listings, indent=2, ensure_ascii=False).encode() + b"\n")

    steps = layout.instructions(
        output.name,
        [
            layout.CaptureFiles(
                capture_id,
                info.token is not None,
                tuple(a.name for a in info.manifest.artifacts if layout.is_warc(a.name, a.media_type)),
                layout.tsa_file(info.tsa_fingerprint) if info.tsa_fingerprint else None,
                layout.tsa_file(info.tsa_root_fingerprint) if info.tsa_root_fingerprint else None,
            )
            for capture_id, info in captures.items()
        ],
        key_id=ctx.key.key_id,
        replay=layout.REPLAY in payload.digests,
    )
    description = _tag_value(
        description
        or (
            f"Evidence of {len(captures)} capture(s) of {len(ids)} listing(s)"
            + (f" in case {case_name}" if case_name else "")
        )
    )
    facts = {
        "bundle_id": bundle_id,
        "created_at": utc_iso(created),
        "case": case_name,
        "description": description,
        "organisation": ctx.organisation,
        "operator": ctx.operator if ctx.operator_configured else None,
        "account": ctx.operator,
        "actor": actor,
        "recipient": recipient,
        "purpose": purpose,
        "gap_threshold": human_duration(TIMESTAMP_GAP_WARN_S),
        "presentation_note": layout.PRESENTATION_NOTE,
        "software": ctx.software,
        "key_id": ctx.key.key_id,
        "key_id_command": layout.KEY_ID_COMMAND,
        "head_seq": head[0],
        "head_hash": head[1],
        "first_seq": first_seq,
        "authorities": authorities,
    }
    payload.write_bytes(
        layout.INSTRUCTIONS,
        (
            f"Ecowarden evidence bundle {bundle_id}\n"
            f"Made {facts['created_at']} by {actor} ({ctx.organisation or 'organisation not set'})\n"
            f"Operator: {facts['operator'] or 'not set (evidence.operator); exported by ' + actor}\n"
            f"Recipient: {recipient or 'not recorded'}\n"
            f"Purpose: {purpose or 'not recorded'}\n"
            f"Signing key id (Ed25519): {ctx.key.key_id}\n"
            f"  compute it from the bundled public key: {layout.KEY_ID_COMMAND}\n"
            "  and compare it with the key id the issuing organisation published\n"
            f"Custody log checkpoint: seq {head[0]}, entry hash {head[1]}\n\n"
            + textwrap.fill(layout.PRESENTATION_NOTE, 100)
            + "\n\n"
            + layout.instructions_text(steps)
        ).encode("utf-8"),
    )
    report = (
        _environment()
        .get_template("report.html")
        .render(facts=facts, captures=list(captures.values()), listings=listings, steps=steps)
    )
    payload.write_bytes(layout.REPORT, report.encode("utf-8"))

    bag_info = {
        "Source-Organization": ctx.organisation or "not set",
        "Contact-Name": ctx.operator,
        "Bagging-Date": created.strftime("%Y-%m-%d"),
        "External-Identifier": case_name or bundle_id,
        "External-Description": description,
        "Bag-Software-Agent": ctx.software,
        layout.TAG_BUNDLE_ID: bundle_id,
        layout.TAG_KEY_ID: ctx.key.key_id,
        layout.TAG_FORMAT: layout.FORMAT,
    }
    if case_name:
        bag_info[layout.TAG_CASE] = case_name
    if recipient:
        bag_info[layout.TAG_RECIPIENT] = recipient
    if purpose:
        bag_info[layout.TAG_PURPOSE] = purpose
    bag_info = {tag: _tag_value(value) for tag, value in bag_info.items()}

    checkpoint = {
        "format": layout.CHECKPOINT_FORMAT,
        "bundle_id": bundle_id,
        "created_at": facts["created_at"],
        "case": case_name,
        "recipient": recipient,
        "purpose": purpose,
        "signing_key_id": ctx.key.key_id,
        "head": {"seq": head[0], "entry_hash": head[1]},
        "excerpt_first_seq": first_seq,
        "captures": sorted(captures),
        "timestamps": dict(sorted(timestamps.items())),
        "bag_info": dict(sorted(bag_info.items())),
        "files": dict(sorted(payload.digests.items())),
        "sizes": dict(sorted(payload.sizes.items())),
    }
    checkpoint_raw = canonical_json(checkpoint)
    payload.write_bytes(layout.CHECKPOINT, checkpoint_raw)
    payload.write_bytes(
        layout.CHECKPOINT_SIGNATURE, canonical_json(sign_manifest(checkpoint_raw, ctx.key).to_json())
    )
    _make_bag(folder, bag_info)

    staged_zip = staging / "bundle.zip"
    files, sha256 = _write_zip(folder, staged_zip, created)
    return files, sha256, staged_zip


def _replay_page(folder: Path, capture_id: str, info: _CaptureInfo) -> WaczPage:
    """The page a replay tool opens for a capture: the URL the browser ended at, when the
    capture began, and the title the browser saw (from the capture's own metadata)."""
    meta = info.manifest.metadata
    url = str(meta.get("browser_final_url") or meta.get("final_url") or info.manifest.url)
    title = ""
    try:
        with (folder / layout.capture_dir(capture_id) / "metadata.json").open("rb") as handle:
            recorded = json.loads(handle.read(layout.MAX_CAPTURE_METADATA))
        title = str(recorded.get("browser", {}).get("title") or "")
    except (OSError, ValueError, AttributeError):
        pass  # an older capture without metadata: the page is listed untitled
    return WaczPage(capture_id, url, utc_iso(info.manifest.captured_at), title[:500])


def _write_replay(
    ctx: EvidenceContext,
    payload: _Payload,
    captures: dict[str, _CaptureInfo],
    bundle_id: str,
    created: datetime,
) -> None:
    """``replay.wacz``: the captures' WARCs (the signed files themselves) packaged for replay."""
    archives, pages = [], []
    for capture_id, info in captures.items():
        base = payload.root / layout.capture_dir(capture_id)
        warcs = [a.name for a in info.manifest.artifacts if layout.is_warc(a.name, a.media_type)]
        for name in warcs:
            archives.append(WaczArchive(f"{capture_id}-{name}", base / name))
        if warcs:
            pages.append(_replay_page(payload.root, capture_id, info))
    if not archives:
        return
    staged = payload.root.parent / "replay.wacz.tmp"
    with staged.open("xb") as out:
        title = f"ecowarden bundle {bundle_id}"
        write_wacz(out, archives, pages, title=title, created=created, software=ctx.software)
    with staged.open("rb") as source:
        payload.copy_stream(layout.REPLAY, source)
    staged.unlink()


def _present(payload: _Payload, capture_id: str, info: _CaptureInfo) -> None:
    """The report's facts about one capture and its presentation copies, from its files as just
    bundled; the copies go to ``data/presentation/<capture id>/``, never beside the originals in
    the capture's own folder (which holds what its manifest signed, and nothing else)."""
    gen_time = parse_utc_iso(info.gen_time) if info.gen_time else None
    info.facts, info.copies = for_capture(
        payload.root / layout.capture_dir(capture_id), info.manifest, gen_time
    )
    for name, data in info.copies.files.items():
        payload.write_bytes(f"{layout.presentation_dir(capture_id)}/{name}", data)


def _publish(staged_zip: Path, output: Path, overwrite: bool) -> None:
    """Give the finished zip its final name (atomically; over an existing file only if asked)."""
    if overwrite:
        os.replace(staged_zip, output)
    elif not publish(staged_zip, output):
        raise ExportUsageError(f"{output} appeared while the bundle was being written; not replaced")
    fsync_dir(output.parent)
