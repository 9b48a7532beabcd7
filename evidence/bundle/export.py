"""Export captures as one self-verifying evidence bundle: a zipped BagIt bag.

What goes in is everything a partner agency needs to check the evidence without us: each
capture's files and its exact signed manifest bytes, signature and RFC 3161 token; the public key
and the TSA certificates; an excerpt of the custody log (full entries about the exported captures,
plus the bare hash chain of every entry between them, so continuity can be checked without
revealing unrelated investigations); a checkpoint of the log's head signed by the installation key,
which also lists the SHA-256 of every other payload file; a human-readable report; and
instructions for stock tools.

The export is itself a custody event, recorded before the excerpt is cut so that the bundle
carries the record of its own making. The bag is assembled in a private temporary folder beside
``output`` (same filesystem) and the finished zip is given its final name atomically, never over
an existing file unless asked: a half-written or silently replaced bundle must be impossible.
Blobs are streamed, so memory use does not grow with capture size.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import bagit
from cryptography import x509
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.atomic import fsync_dir, publish
from evidence.bundle import layout
from evidence.canonical import canonical_json, utc_iso
from evidence.context import EvidenceContext
from evidence.manifest import Manifest, SignatureRecord, sign_manifest
from evidence.timestamp import TimestampError, certificate_fingerprint, verify_token
from storage.cases import CaseStore
from storage.db import transaction
from storage.models import Capture, CustodyEvent, CustodyHead, Listing, Prediction
from storage.types import utcnow

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


@dataclass
class _CaptureInfo:
    row: Capture
    manifest: Manifest
    raw: bytes
    signature: SignatureRecord
    token: bytes | None
    gen_time: str | None = None
    tsa_detail: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)


class _Payload:
    """The bag's payload folder being filled; remembers the SHA-256 of each file it writes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.digests: dict[str, str] = {}

    def _target(self, relative: str) -> Path:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_bytes(self, relative: str, data: bytes) -> str:
        self._target(relative).write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        self.digests[relative] = digest
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
        return self.digests[relative], size

    @contextmanager
    def lines(self, relative: str) -> Iterator[Any]:
        """A text file written line by line, hashed as it is written."""
        hasher = hashlib.sha256()
        with self._target(relative).open("wb") as out:

            def write(text: str) -> None:
                data = text.encode("utf-8")
                hasher.update(data)
                out.write(data)

            yield write
        self.digests[relative] = hasher.hexdigest()


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


def _capture_info(ctx: EvidenceContext, row: Capture) -> _CaptureInfo:
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
        if ctx.tsa is None:
            raise ExportUsageError(
                f"capture {row.id} has a timestamp token but no TSA certificate is configured "
                "(evidence.tsa_certificate): the bundle could not be checked"
            )
        try:
            stamp = verify_token(token, raw, ctx.tsa.certificate_pem, root_pem=ctx.tsa.root_pem)
            info.gen_time = utc_iso(stamp.gen_time)
            info.tsa_detail = f"serial {stamp.serial_number}, policy {stamp.policy}"
        except TimestampError as exc:
            info.tsa_detail = f"the token does not verify: {exc}"
    return info


def _append_exported(
    ctx: EvidenceContext,
    captures: list[_CaptureInfo],
    actor: str,
    bundle_id: str,
    case: str | None,
    name: str,
) -> None:
    """One ``exported`` entry per capture, all in one transaction: all are recorded or none."""
    with transaction(ctx.factory) as session:
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
                },
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


def _latest_predictions(session: Session, listing_ids: list[int]) -> dict[int, Prediction]:
    latest: dict[int, Prediction] = {}
    for start in range(0, len(listing_ids), _IN_BATCH):
        batch = listing_ids[start : start + _IN_BATCH]
        rows = session.scalars(
            select(Prediction)
            .where(Prediction.listing_id.in_(batch))
            .order_by(Prediction.listing_id, Prediction.listing_version, Prediction.created_at, Prediction.id)
        )
        for row in rows:
            latest[row.listing_id] = row  # ordered ascending: the last one wins
    return latest


def _listings(ctx: EvidenceContext, listing_ids: list[int]) -> list[dict[str, Any]]:
    with ctx.factory() as session:
        predictions = _latest_predictions(session, listing_ids)
        out = []
        for start in range(0, len(listing_ids), _IN_BATCH):
            batch = listing_ids[start : start + _IN_BATCH]
            for listing in session.scalars(select(Listing).where(Listing.id.in_(batch)).order_by(Listing.id)):
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
                        "prediction": None
                        if prediction is None
                        else {
                            "category": prediction.category,
                            "score": prediction.score,
                            "flagged": prediction.flagged,
                            "model_version": prediction.model_version,
                        },
                    }
                )
        return out


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


def export_bundle(
    ctx: EvidenceContext,
    *,
    output: Path,
    listing_ids: Sequence[int] | None = None,
    case: str | None = None,
    actor: str | None = None,
    description: str | None = None,
    overwrite: bool = False,
) -> ExportSummary:
    """Write the bundle of every capture of ``listing_ids`` (or of the listings of ``case``).

    Raises ExportUsageError for bad input (nothing named, unknown listing or case, ``output``
    exists without ``overwrite``), ListingWithoutCapture when a listing has nothing to export and
    ExportError when the evidence store or log is not in a state to export from.
    """
    output = Path(output)
    if output.exists() and not overwrite:
        raise ExportUsageError(f"{output} already exists (use --force to replace it)")
    if output.exists() and not output.is_file():
        raise ExportUsageError(f"{output} exists and is not a file")
    if not output.parent.is_dir():
        raise ExportUsageError(f"no such folder: {output.parent}")
    ids, case_description = _resolve_listings(ctx, listing_ids, case)
    case_name = case.strip() if case is not None else None
    with ctx.factory() as session:
        rows = _load_captures(session, ids)
    captures = {row.id: _capture_info(ctx, row) for row in rows}
    actor = actor or ctx.operator
    bundle_id = str(uuid.uuid4())
    created = utcnow()

    _append_exported(ctx, list(captures.values()), actor, bundle_id, case_name, output.name)
    head = _head(ctx)

    staging = Path(tempfile.mkdtemp(prefix=".ecowarden-bundle-", dir=output.parent))
    try:
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
        first_seq = _write_custody(ctx, payload, captures, head)
        public_pem = ctx.key.public_key_pem()
        payload.write_bytes(layout.PUBLIC_KEY, public_pem)
        tsa_subject = None
        if ctx.tsa is not None:
            payload.write_bytes(layout.TSA_CERTIFICATE, ctx.tsa.certificate_pem)
            tsa_subject = _certificate_subject(ctx.tsa.certificate_pem)
            if ctx.tsa.root_pem is not None:
                payload.write_bytes(layout.TSA_ROOT, ctx.tsa.root_pem)
        listings = _listings(ctx, ids)
        payload.write_bytes(
            layout.LISTINGS, json.dumps(listings, indent=2, ensure_ascii=False).encode() + b"\n"
        )

        steps = layout.instructions(
            output.name,
            [
                layout.CaptureFiles(
                    capture_id,
                    info.token is not None,
                    tuple(a.name for a in info.manifest.artifacts if layout.is_warc(a.name, a.media_type)),
                )
                for capture_id, info in captures.items()
            ],
            has_root=ctx.tsa is not None and ctx.tsa.root_pem is not None,
            key_id=ctx.key.key_id,
        )
        description = (
            description
            or case_description
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
            "operator": ctx.operator,
            "actor": actor,
            "software": ctx.software,
            "key_id": ctx.key.key_id,
            "head_seq": head[0],
            "head_hash": head[1],
            "first_seq": first_seq,
            "tsa_subject": tsa_subject,
            "tsa_fingerprint": certificate_fingerprint(ctx.tsa.certificate_pem) if ctx.tsa else None,
        }
        payload.write_bytes(
            layout.INSTRUCTIONS,
            (
                f"Ecowarden evidence bundle {bundle_id}\n"
                f"Made {facts['created_at']} by {actor} ({ctx.organisation or 'organisation not set'})\n"
                f"Signing key id (Ed25519): {ctx.key.key_id}\n"
                f"Custody log checkpoint: seq {head[0]}, entry hash {head[1]}\n\n"
                + layout.instructions_text(steps)
            ).encode("utf-8"),
        )
        report = (
            _environment()
            .get_template("report.html")
            .render(facts=facts, captures=list(captures.values()), listings=listings, steps=steps)
        )
        payload.write_bytes(layout.REPORT, report.encode("utf-8"))

        checkpoint = {
            "format": layout.CHECKPOINT_FORMAT,
            "bundle_id": bundle_id,
            "created_at": facts["created_at"],
            "case": case_name,
            "signing_key_id": ctx.key.key_id,
            "head": {"seq": head[0], "entry_hash": head[1]},
            "excerpt_first_seq": first_seq,
            "captures": sorted(captures),
            "files": dict(sorted(payload.digests.items())),
        }
        checkpoint_raw = canonical_json(checkpoint)
        payload.write_bytes(layout.CHECKPOINT, checkpoint_raw)
        payload.write_bytes(
            layout.CHECKPOINT_SIGNATURE, canonical_json(sign_manifest(checkpoint_raw, ctx.key).to_json())
        )

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
        _make_bag(folder, bag_info)

        staged_zip = staging / "bundle.zip"
        files, sha256 = _write_zip(folder, staged_zip, created)
        if overwrite:
            os.replace(staged_zip, output)
        elif not publish(staged_zip, output):
            raise ExportUsageError(f"{output} appeared while the bundle was being written; not replaced")
        fsync_dir(output.parent)
        size = output.stat().st_size
    finally:
        with suppress(FileNotFoundError):
            shutil.rmtree(staging)
    return ExportSummary(
        bundle_id=bundle_id,
        path=output,
        captures=len(captures),
        files=files,
        size=size,
        sha256=sha256,
        listing_ids=tuple(ids),
        case=case_name,
        head_seq=head[0],
    )
