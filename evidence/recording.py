"""Turn the files of one capture into evidence: stored blobs, a signed manifest, a timestamp, rows.

The order matters for what survives a crash. Files go into the content-addressed store first
(each atomically), then the manifest and its signature, then the timestamp request, and last one
database transaction holding the capture row, its artifact rows and the custody entry. A process
killed before that commit leaves only complete, unreferenced blobs (harmless, identical content
is shared) and no capture; killed after it, the capture is whole.

The RFC 3161 token covers the manifest bytes, so the manifest cannot report whether the token was
obtained; it records the intent instead. When the authority cannot be reached, the manifest is
rebuilt to say the timestamp was deferred, and that manifest is the one signed and kept: a
reader of the bundle learns from the signed statement itself why the token is later than the
capture.

The capture row says which of three states its timestamp is in (storage/models.py): ``stamped``;
``pending``, an authority was configured but not reached (the manifest says "deferred"); or
``not_configured``, no authority at all (the manifest says so), so no independent time exists.
``ecowarden timestamp`` stamps both kinds later; for a ``not_configured`` capture the token then
proves only that the manifest existed at that later time, while the signed manifest still says
what was intended at capture, and the ``timestamped`` custody entry records the state it left.
Rows written before the two states were told apart say ``pending`` for both;
:func:`relabel_not_configured` corrects them from their signed manifests.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from evidence.context import EvidenceContext, TSASettings
from evidence.manifest import Artifact, Manifest, sign_manifest
from evidence.timestamp import (
    TimestampError,
    TSAUnavailable,
    certificate_fingerprint,
    fetch_token,
    make_request,
    verify_token,
)
from storage.db import transaction
from storage.models import (
    TIMESTAMP_NOT_CONFIGURED,
    TIMESTAMP_PENDING,
    TIMESTAMP_STAMPED,
    TIMESTAMP_UNSTAMPED,
    Capture,
)
from storage.models import Artifact as ArtifactRow

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig.json"
TOKEN_NAME = "manifest.tsr"


@dataclass(frozen=True)
class ArtifactFile:
    """A file produced by a capture, on disk (``path``) or in memory (``data``)."""

    name: str
    media_type: str
    path: Path | None = None
    data: bytes | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.data is None):
            raise ValueError(f"artifact {self.name}: give exactly one of path or data")


@dataclass(frozen=True)
class CaptureDraft:
    """What the capturer hands over: its files and what it observed, not yet evidence."""

    capture_id: str
    url: str
    captured_at: datetime
    artifacts: Sequence[ArtifactFile]
    listing_id: int | None = None
    run_id: str | None = None
    #: complete | partial (some artifact could not be made; metadata says which and why)
    status: str = "complete"
    #: short facts for the signed manifest (the full record is the metadata artifact)
    summary: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredCapture:
    capture_id: str
    manifest_sha256: str
    timestamp_status: str
    artifacts: tuple[Artifact, ...]
    timestamp_error: str | None = None


@dataclass(frozen=True)
class _Stamp:
    token: bytes | None
    gen_time: datetime | None
    error: str | None


def _store_artifacts(ctx: EvidenceContext, files: Sequence[ArtifactFile]) -> tuple[Artifact, ...]:
    stored = []
    for item in files:
        digest = (
            ctx.store.put_file(item.path) if item.path is not None else ctx.store.put_bytes(item.data or b"")
        )
        assert digest.size is not None
        stored.append(Artifact(item.name, item.media_type, digest.sha256, digest.size))
    return tuple(stored)


def _timestamp_intent(tsa: TSASettings | None) -> dict[str, Any]:
    if tsa is None:
        return {"status": "not_configured", "note": "no timestamp authority configured at capture time"}
    return {
        "status": "requested",
        "tsa_url": tsa.url,
        "tsa_certificate_sha256": certificate_fingerprint(tsa.certificate_pem),
    }


def request_token(tsa: TSASettings, data: bytes) -> _Stamp:
    """Ask the TSA for a token over ``data`` and check it before accepting it."""
    try:
        token = fetch_token(tsa.url, make_request(data), timeout=tsa.timeout_s)
        info = verify_token(token, data, tsa.certificate_pem, root_pem=tsa.root_pem)
    except TimestampError as exc:
        return _Stamp(None, None, f"{type(exc).__name__}: {exc}")
    return _Stamp(token, info.gen_time, None)


def _manifest(
    ctx: EvidenceContext, draft: CaptureDraft, artifacts: tuple[Artifact, ...], ts: dict[str, Any]
) -> Manifest:
    return Manifest(
        capture_id=draft.capture_id,
        listing_id=draft.listing_id,
        url=draft.url,
        captured_at=draft.captured_at,
        software_version=ctx.software,
        operator=ctx.operator,
        artifacts=artifacts,
        metadata={
            **dict(draft.summary),
            "capture_status": draft.status,
            "organisation": ctx.organisation,
            "run_id": draft.run_id,
            "signing_key_id": ctx.key.key_id,
            "timestamp": ts,
        },
    )


def record_capture(ctx: EvidenceContext, draft: CaptureDraft) -> StoredCapture:
    """Store, sign, timestamp and register one capture; returns what was recorded."""
    artifacts = _store_artifacts(ctx, draft.artifacts)
    manifest = _manifest(ctx, draft, artifacts, _timestamp_intent(ctx.tsa))
    raw = manifest.manifest_bytes()
    stamp = _Stamp(None, None, None)
    if ctx.tsa is not None:
        stamp = request_token(ctx.tsa, raw)
        if stamp.token is None:
            log.warning("capture %s: timestamp deferred (%s)", draft.capture_id, stamp.error)
            deferred = {**_timestamp_intent(ctx.tsa), "status": "deferred", "reason": stamp.error}
            manifest = _manifest(ctx, draft, artifacts, deferred)
            raw = manifest.manifest_bytes()
    manifest_digest = ctx.store.put_bytes(raw)
    signature = sign_manifest(raw, ctx.key)
    token_sha256 = ctx.store.put_bytes(stamp.token).sha256 if stamp.token is not None else None
    timestamp_status = _status_at_capture(ctx.tsa, token_sha256)

    with transaction(ctx.factory) as session:
        session.add(
            Capture(
                id=draft.capture_id,
                listing_id=draft.listing_id,
                run_id=draft.run_id,
                url=draft.url,
                captured_at=draft.captured_at,
                status=draft.status,
                manifest_sha256=manifest_digest.sha256,
                signature=signature.to_json(),
                tsa_token_sha256=token_sha256,
                timestamp_status=timestamp_status,
            )
        )
        session.add_all(
            ArtifactRow(
                capture_id=draft.capture_id,
                name=a.name,
                media_type=a.media_type,
                sha256=a.sha256,
                size=a.size,
            )
            for a in artifacts
        )
        session.flush()
        ctx.custody.append_in(
            session,
            ctx.operator,
            "captured",
            f"capture:{draft.capture_id}",
            {
                "url": draft.url,
                "listing_id": draft.listing_id,
                "status": draft.status,
                "manifest_sha256": manifest_digest.sha256,
                "signing_key_id": ctx.key.key_id,
                "artifacts": {a.name: a.sha256 for a in artifacts},
            },
        )
        if stamp.token is not None and token_sha256 is not None:
            _log_timestamped(ctx, session, draft.capture_id, token_sha256, stamp)
    return StoredCapture(draft.capture_id, manifest_digest.sha256, timestamp_status, artifacts, stamp.error)


def _status_at_capture(tsa: TSASettings | None, token_sha256: str | None) -> str:
    """The capture row's timestamp state: "not configured" and "pending" are told apart, because
    one means no independent time was ever sought and the other that it is still owed."""
    if token_sha256 is not None:
        return TIMESTAMP_STAMPED
    return TIMESTAMP_PENDING if tsa is not None else TIMESTAMP_NOT_CONFIGURED


def keep_tsa_certificates(ctx: EvidenceContext) -> tuple[str, str | None]:
    """The configured TSA certificate and root, kept as blobs (their SHA-256s): a TSA certificate
    replaced later must not make old tokens unverifiable (bundles and audits take them from here)."""
    assert ctx.tsa is not None
    certificate = ctx.store.put_bytes(ctx.tsa.certificate_pem).sha256
    root = ctx.store.put_bytes(ctx.tsa.root_pem).sha256 if ctx.tsa.root_pem is not None else None
    return certificate, root


def _log_timestamped(
    ctx: EvidenceContext,
    session: Any,
    capture_id: str,
    token_sha256: str,
    stamp: _Stamp,
    state_before: str | None = None,
) -> None:
    assert ctx.tsa is not None and stamp.gen_time is not None
    certificate, root = keep_tsa_certificates(ctx)
    details: dict[str, Any] = {
        "tsa_url": ctx.tsa.url,
        "token_sha256": token_sha256,
        "gen_time": stamp.gen_time.isoformat(),
        "tsa_certificate_blob": certificate,
        "tsa_root_blob": root,
    }
    if state_before is not None:  # stamped after the capture: say what it was until now
        details["state_before"] = state_before
    ctx.custody.append_in(session, ctx.operator, "timestamped", f"capture:{capture_id}", details)


@dataclass
class StampReport:
    """What one ``ecowarden timestamp`` pass did, and what is left without a token after it."""

    stamped: int = 0
    #: tried in this pass and not obtained (each stays in its state)
    failed: int = 0
    #: every capture still ``pending`` once the pass ended, not only those it tried
    still_pending: int = 0
    #: every capture still ``not_configured`` once the pass ended
    not_configured: int = 0
    #: rows corrected from ``pending`` to ``not_configured`` by their signed manifest
    relabelled: int = 0
    errors: list[str] = field(default_factory=list)


def _says_not_configured(ctx: EvidenceContext, manifest_sha256: str) -> bool:
    """Whether a stored, signed manifest says no timestamp authority was configured at capture
    (False for one that cannot be read: that is the audit's blob check to report)."""
    try:
        with ctx.store.open(manifest_sha256) as handle:
            stated = Manifest.from_bytes(handle.read()).metadata.get("timestamp")
    except (OSError, ValueError):
        return False
    return isinstance(stated, dict) and stated.get("status") == "not_configured"


def mislabelled_captures(ctx: EvidenceContext) -> list[str]:
    """Captures marked ``pending`` whose signed manifest says no authority was configured at
    capture: rows written before the two states were told apart. Only the manifests tell them
    apart (nothing in the database does), which is why no migration can correct them."""
    with ctx.factory() as session:
        pending = session.execute(
            select(Capture.id, Capture.manifest_sha256).where(
                Capture.timestamp_status == TIMESTAMP_PENDING, Capture.manifest_sha256.is_not(None)
            )
        ).all()
    return [capture_id for capture_id, sha256 in pending if _says_not_configured(ctx, sha256)]


def relabel_not_configured(ctx: EvidenceContext) -> int:
    """Correct the rows :func:`mislabelled_captures` finds to ``not_configured``; how many."""
    wrong = mislabelled_captures(ctx)
    for start in range(0, len(wrong), 500):
        with transaction(ctx.factory) as session:
            for capture in session.scalars(
                select(Capture).where(
                    Capture.id.in_(wrong[start : start + 500]), Capture.timestamp_status == TIMESTAMP_PENDING
                )
            ):
                capture.timestamp_status = TIMESTAMP_NOT_CONFIGURED
    return len(wrong)


def unstamped_counts(ctx: EvidenceContext) -> dict[str, int]:
    """How many captures are in each token-less state, in total."""
    with ctx.factory() as session:
        rows = session.execute(
            select(Capture.timestamp_status, func.count())
            .where(Capture.timestamp_status.in_(TIMESTAMP_UNSTAMPED))
            .group_by(Capture.timestamp_status)
        ).all()
    return {str(status): int(count) for status, count in rows}


def _unstamped(ctx: EvidenceContext, limit: int | None) -> list[tuple[str, str]]:
    """(id, manifest SHA-256) of captures without a token, oldest first."""
    with ctx.factory() as session:
        query = (
            select(Capture.id, Capture.manifest_sha256)
            .where(Capture.timestamp_status.in_(TIMESTAMP_UNSTAMPED), Capture.manifest_sha256.is_not(None))
            .order_by(Capture.captured_at, Capture.id)
        )
        if limit is not None:
            query = query.limit(limit)
        return [(row.id, row.manifest_sha256) for row in session.execute(query)]


def stamp_pending(ctx: EvidenceContext, *, limit: int | None = None) -> StampReport:
    """Fetch tokens for captures that have none, ``pending`` and ``not_configured`` alike (oldest
    first, at most ``limit``); a failure leaves a capture as it was.

    A token fetched for a ``not_configured`` capture is worth having, though it proves less than
    one fetched at capture: that the signed manifest existed at the token's genTime, not at the
    capture time it states (the verifier reports the gap). The report counts what is left
    without a token in total, not only among the captures this pass took.
    """
    if ctx.tsa is None:
        raise TimestampError("no timestamp authority configured (evidence.tsa_url)")
    report = StampReport(relabelled=relabel_not_configured(ctx))
    for capture_id, manifest_sha256 in _unstamped(ctx, limit):
        with ctx.store.open(manifest_sha256) as handle:
            raw = handle.read()
        stamp = request_token(ctx.tsa, raw)
        if stamp.token is None:
            report.failed += 1
            report.errors.append(f"{capture_id}: {stamp.error}")
            if stamp.error and stamp.error.startswith(TSAUnavailable.__name__):
                break  # the authority is down: the rest would fail the same way, slowly
            continue
        if _record_late_token(ctx, capture_id, stamp):
            report.stamped += 1
    counts = unstamped_counts(ctx)
    report.still_pending = counts.get(TIMESTAMP_PENDING, 0)
    report.not_configured = counts.get(TIMESTAMP_NOT_CONFIGURED, 0)
    return report


def _record_late_token(ctx: EvidenceContext, capture_id: str, stamp: _Stamp) -> bool:
    """Attach a token fetched after the capture; False when another process stamped it meanwhile."""
    assert stamp.token is not None
    token_sha256 = ctx.store.put_bytes(stamp.token).sha256
    with transaction(ctx.factory) as session:
        capture = session.get(Capture, capture_id)
        if capture is None or capture.timestamp_status not in TIMESTAMP_UNSTAMPED:
            return False
        state_before = capture.timestamp_status
        capture.tsa_token_sha256 = token_sha256
        capture.timestamp_status = TIMESTAMP_STAMPED
        _log_timestamped(ctx, session, capture_id, token_sha256, stamp, state_before)
    return True
