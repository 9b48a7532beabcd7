"""The live audit of the custody log and the evidence store (``ecowarden custody verify``).

Four things must hold:

* the custody chain: every entry hashes to its ``entry_hash`` and links to the one before, the
  log ends where its head row says (:meth:`evidence.custody.CustodyLog.verify`);
* every blob the database names (capture artifacts, manifests, timestamp tokens, search result
  pages, the TSA certificates ``timestamped`` entries name) is in the evidence store and still
  hashes to its name (and size, where recorded); each distinct blob is read once;
* every ``exported`` entry is matched by its bundle's ``published`` entry (the zip's SHA-256 and
  size: the log vouches for the file from then on, wherever it is handed) or by its
  ``export_failed`` correction. A bundle whose export is still running (its staging folder is
  locked) is counted, not a problem. ``exported`` entries written before exports recorded
  ``export_started`` cannot be judged and are counted as warnings;
* staging folders of dead exports are not left beside any recorded output;
* every ``head_timestamped`` entry holds (evidence/head_stamp.py): its token verifies over the
  head hash it records, with the TSA certificate kept for it, and that hash is still the chain's
  entry hash at the seq it names. The report names the newest stamped head and how many entries
  follow it unstamped; a log never stamped is a warning (a history rewritten by someone holding
  the signing key would not show).

Captures whose row still says ``pending`` while their signed manifest says no timestamp authority
was configured (rows written before the two states were told apart) are counted as a warning.

Read-only unless ``repair``: then killed exports are settled (evidence/bundle/recovery.py) and
their staging folders removed before the exports are judged, and the corrections count as
repairs rather than problems; mislabelled capture rows are corrected too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from evidence import head_stamp
from evidence.bundle.recovery import (
    STAGING_PREFIX,
    BundleState,
    Settlement,
    bundle_of,
    claimed,
    clean_staging,
    load_state,
    settle,
    this_host,
)
from evidence.canonical import utc_iso
from evidence.chain import Event
from evidence.context import EvidenceContext
from evidence.head_stamp import StampCheck, check_head_stamp
from evidence.recording import mislabelled_captures, relabel_not_configured
from evidence.store import Digest
from storage.models import Artifact, Capture, SearchPage

#: (phase, done, total): called as the work advances, for a progress display
Progress = Callable[[str, int, int], None]
_EVERY = 200


@dataclass(frozen=True)
class AuditProblem:
    #: custody-chain | blob-missing | blob-corrupt | export-unmatched | staging-left | head-timestamp
    kind: str
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}: {self.detail}"

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "subject": self.subject, "detail": self.detail}


@dataclass
class AuditReport:
    head_seq: int = 0
    head_hash: str = ""
    entries: int = 0
    blobs: int = 0
    blob_bytes: int = 0
    bundles: int = 0
    published: int = 0
    failed: int = 0
    in_progress: int = 0
    problems: list[AuditProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    repairs: list[Settlement] = field(default_factory=list)
    staging_removed: list[Path] = field(default_factory=list)
    #: ``head_timestamped`` entries checked, and the newest head one of them covers that holds
    head_stamps: int = 0
    stamped_seq: int | None = None
    stamped_gen_time: datetime | None = None
    #: capture rows relabelled ``not_configured`` (with ``repair``)
    relabelled: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def unstamped_entries(self) -> int:
        """Entries after the newest stamped head (all of them when none is stamped)."""
        return self.head_seq - (self.stamped_seq or 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "head": {"seq": self.head_seq, "entry_hash": self.head_hash},
            "entries": self.entries,
            "blobs": {"checked": self.blobs, "bytes": self.blob_bytes},
            "exports": {
                "bundles": self.bundles,
                "published": self.published,
                "failed": self.failed,
                "in_progress": self.in_progress,
            },
            "problems": [p.to_json() for p in self.problems],
            "warnings": self.warnings,
            "repairs": [r.to_json() for r in self.repairs],
            "staging_removed": [str(p) for p in self.staging_removed],
            "head_timestamps": {
                "checked": self.head_stamps,
                "newest_stamped_seq": self.stamped_seq,
                "newest_gen_time": utc_iso(self.stamped_gen_time) if self.stamped_gen_time else None,
                "entries_after": self.unstamped_entries,
            },
            "relabelled_not_configured": self.relabelled,
        }


_LABELS = 5


@dataclass
class _Wanted:
    """One blob the database names: its size when known, the first few things that name it."""

    size: int | None
    labels: list[str]
    count: int = 1

    def label(self) -> str:
        more = self.count - len(self.labels)
        return ", ".join(self.labels) + (f" and {more} more" if more > 0 else "")


class _Blobs:
    """Every distinct blob the database names, with the first few things that name it (the
    report says which evidence a damaged blob is) and how many do."""

    def __init__(self) -> None:
        self.wanted: dict[str, _Wanted] = {}

    def add(self, sha256: object, size: int | None, label: str) -> None:
        if not isinstance(sha256, str):
            return
        known = self.wanted.get(sha256)
        if known is None:
            self.wanted[sha256] = _Wanted(size, [label])
            return
        if known.size is None:
            known.size = size
        if len(known.labels) < _LABELS:
            known.labels.append(label)
        known.count += 1


def _scan_log(
    ctx: EvidenceContext, report: AuditReport, progress: Progress | None
) -> tuple[dict[str, BundleState], _Blobs, list[Event]]:
    """One pass over the log: the chain checked, exports, certificate blobs and head stamps
    collected."""
    bundles: dict[str, BundleState] = {}
    blobs = _Blobs()
    stamps: list[Event] = []
    head = ctx.custody.head()
    total = head[0] if head is not None else 0

    def observe(event: Event) -> None:
        report.entries += 1
        if progress is not None and report.entries % _EVERY == 0:
            progress("custody log", report.entries, max(total, report.entries))
        bundle_id = bundle_of(event)
        if bundle_id is not None:
            bundles.setdefault(bundle_id, BundleState(bundle_id)).observe(event)
        if event.action in ("timestamped", head_stamp.ACTION):
            for key in ("tsa_certificate_blob", "tsa_root_blob"):
                blobs.add(event.details.get(key), None, f"{key} of custody seq {event.seq}")
        if event.action == head_stamp.ACTION:
            stamps.append(event)
            label = f"head timestamp token of custody seq {event.seq}"
            blobs.add(event.details.get("token_sha256"), None, label)

    for problem in ctx.custody.verify(observe):
        report.problems.append(
            AuditProblem("custody-chain", f"seq {problem.seq}", f"{problem.kind}: {problem.detail}")
        )
    if head is not None:
        report.head_seq, report.head_hash = head
    if progress is not None:
        progress("custody log", report.entries, max(total, report.entries))
    return bundles, blobs, stamps


def _check_head_stamps(ctx: EvidenceContext, stamps: list[Event], report: AuditReport) -> None:
    """Every head stamp checked against the chain as it is now; the newest that holds reported."""
    hashes = ctx.custody.entry_hashes(
        seq for seq in (s.details.get("seq") for s in stamps) if isinstance(seq, int)
    )
    newest: StampCheck | None = None
    for record in stamps:
        seq = record.details.get("seq")
        check = check_head_stamp(ctx, record, hashes.get(seq) if isinstance(seq, int) else None)
        report.head_stamps += 1
        if check.problem is not None:
            report.problems.append(AuditProblem("head-timestamp", f"seq {record.seq}", check.problem))
        elif newest is None or (check.covered_seq or 0) > (newest.covered_seq or 0):
            newest = check
    if newest is not None:
        report.stamped_seq, report.stamped_gen_time = newest.covered_seq, newest.gen_time
    elif report.head_seq:
        report.warnings.append(
            "the custody log's head was never timestamped by an authority (no head_timestamped"
            " entry holds): a history rewritten by someone holding the signing key would not show;"
            " `ecowarden custody stamp` takes one"
        )


def _mislabelled(ctx: EvidenceContext, report: AuditReport, repair: bool) -> None:
    """Rows saying ``pending`` whose signed manifest says no authority was configured."""
    if repair:
        report.relabelled = relabel_not_configured(ctx)
        return
    count = len(mislabelled_captures(ctx))
    if count:
        report.warnings.append(
            f"{count} captures are marked timestamp pending while their signed manifests say no"
            " timestamp authority was configured at capture (--repair relabels them not_configured)"
        )


def _database_blobs(ctx: EvidenceContext, blobs: _Blobs) -> None:
    with ctx.factory() as session:
        for capture_id, sha256, size, name in session.execute(
            select(Artifact.capture_id, Artifact.sha256, Artifact.size, Artifact.name).order_by(Artifact.id)
        ).yield_per(1000):
            blobs.add(sha256, size, f"{name} of capture {capture_id}")
        for capture_id, manifest, token in session.execute(
            select(Capture.id, Capture.manifest_sha256, Capture.tsa_token_sha256).order_by(Capture.id)
        ).yield_per(1000):
            blobs.add(manifest, None, f"manifest of capture {capture_id}")
            blobs.add(token, None, f"timestamp token of capture {capture_id}")
        for page_id, body in session.execute(
            select(SearchPage.id, SearchPage.body_sha256).where(SearchPage.body_sha256.is_not(None))
        ).yield_per(1000):
            blobs.add(body, None, f"search result page {page_id}")


def _check_blobs(ctx: EvidenceContext, blobs: _Blobs, report: AuditReport, progress: Progress | None) -> None:
    total = len(blobs.wanted)
    for done, (sha256, wanted) in enumerate(sorted(blobs.wanted.items()), 1):
        label = wanted.label()
        try:
            digest = Digest(sha256, wanted.size)
        except ValueError:
            report.problems.append(AuditProblem("blob-corrupt", sha256[:80], f"{label}: not a SHA-256"))
            continue
        path = ctx.store.path(digest)
        if not path.is_file():
            report.problems.append(
                AuditProblem("blob-missing", sha256, f"{label}: missing from the evidence store ({path})")
            )
        elif not ctx.store.verify(digest):
            report.problems.append(
                AuditProblem("blob-corrupt", sha256, f"{label}: {path} no longer hashes to its name")
            )
        else:
            report.blob_bytes += path.stat().st_size
        report.blobs += 1
        if progress is not None and (done % _EVERY == 0 or done == total):
            progress("evidence blobs", done, total)


def _staging_of(state: BundleState) -> Iterator[Path]:
    """The bundle's staging folder, when it is still beside its recorded output."""
    if state.path is None:
        return
    path = Path(state.path).parent / f"{STAGING_PREFIX}{state.bundle_id}"
    if not path.is_symlink() and path.is_dir():
        yield path


def _running(state: BundleState) -> bool:
    """Whether the bundle's export still runs: its staging folder's lock is held."""
    for path in _staging_of(state):
        with claimed(path) as dead:
            if dead is False:
                return True
    return False


def _judge_exports(
    ctx: EvidenceContext,
    bundles: dict[str, BundleState],
    report: AuditReport,
    repair: bool,
    actor: str,
) -> None:
    found_by = "ecowarden custody verify --repair"
    if repair:  # staging folders first: settled under their dead owner's lock, then removed
        folders = {Path(s.path).parent for s in bundles.values() if s.path is not None}
        cleaned = clean_staging(ctx, sorted(folders), actor, found_by)
        report.repairs.extend(cleaned.settled)
        report.staging_removed.extend(cleaned.removed)
        for settlement in cleaned.settled:
            known = bundles.get(settlement.bundle_id) or BundleState(settlement.bundle_id)
            bundles[settlement.bundle_id] = _refreshed(ctx, known)
    report.bundles = len(bundles)
    for bundle_id, state in sorted(bundles.items()):
        if state.settled:
            if state.published is not None:
                report.published += 1
            else:
                report.failed += 1
            _left_staging(state, report)
            continue
        if state.started is None:
            report.warnings.append(
                f"bundle {bundle_id}: {len(state.unmatched)} exported entries written before exports"
                " recorded where they publish; they cannot be checked"
            )
            continue
        if _running(state):
            report.in_progress += 1
            continue
        if repair and _may_repair_here(state, report):
            done = settle(ctx, bundle_id, actor, found_by)
            if done is not None:
                report.repairs.append(done)
                if done.outcome == "published":
                    report.published += 1
                else:
                    report.failed += 1
                continue
        seqs = ", ".join(str(state.exported[s]) for s in state.unmatched[:5])
        more = f" and {len(state.unmatched) - 5} more" if len(state.unmatched) > 5 else ""
        report.problems.append(
            AuditProblem(
                "export-unmatched",
                f"bundle {bundle_id}",
                f"exported entries (seq {seqs}{more}) have neither a published bundle nor an"
                f" export_failed correction; its export to {state.path} was killed"
                " (ecowarden custody verify --repair corrects it)",
            )
        )


def _may_repair_here(state: BundleState, report: AuditReport) -> bool:
    """A bundle exported on another machine, to a folder this one cannot see, is not judged here:
    its export might still run there."""
    if state.path is not None and Path(state.path).parent.is_dir():
        return True
    if state.host in (None, this_host()):
        return True
    report.warnings.append(
        f"bundle {state.bundle_id}: exported on host {state.host} to {state.path}, a folder not visible"
        " here; run the repair there"
    )
    return False


def _left_staging(state: BundleState, report: AuditReport) -> None:
    for path in _staging_of(state):
        with claimed(path) as dead:
            if dead:
                report.problems.append(
                    AuditProblem(
                        "staging-left",
                        str(path),
                        f"the staging folder of finished bundle {state.bundle_id} was not removed"
                        " (ecowarden custody verify --repair removes it)",
                    )
                )


def _refreshed(ctx: EvidenceContext, state: BundleState) -> BundleState:
    fresh = load_state(ctx, state.bundle_id)
    # entries an older version wrote (no export_started) are only known from the scan
    fresh.exported = {**state.exported, **fresh.exported}
    return fresh


def audit_custody(
    ctx: EvidenceContext, *, repair: bool = False, actor: str | None = None, progress: Progress | None = None
) -> AuditReport:
    """Check the live custody log and evidence store; see the module's docstring."""
    report = AuditReport()
    bundles, blobs, stamps = _scan_log(ctx, report, progress)
    _database_blobs(ctx, blobs)
    _check_blobs(ctx, blobs, report, progress)
    _judge_exports(ctx, bundles, report, repair, actor or ctx.operator)
    _check_head_stamps(ctx, stamps, report)
    _mislabelled(ctx, report, repair)
    return report
