"""Exports that never finished: finding them, correcting the custody log, removing what they left.

An export (evidence/bundle/export.py) goes through these steps, in this order:

1. it creates its staging folder ``.ecowarden-bundle-<bundle id>`` beside the output and locks
   ``owner.lock`` inside it (``flock``), a lock the kernel releases when the process ends however
   it ends (SIGKILL and power loss included);
2. in one transaction it appends ``export_started`` (subject ``bundle:<id>``: the output's
   absolute path, the host, the captures) and one ``exported`` entry per capture;
3. it builds the bag and the zip in the staging folder and gives the zip its final name;
4. it appends ``published`` (subject ``bundle:<id>``: path, SHA-256, size);
5. it removes its staging folder.

A failure it sees in 3 appends the ``export_failed`` correction (an ``annotated`` entry per
capture) before 5; a failure to record 4 leaves the staging folder in place, unlocked. A kill from
2 to 5 leaves the staging folder with nobody holding its lock: that is how a dead export is told
from one still running, whatever its age. Settling such a bundle
(:func:`settle`) appends what the dead export could not: ``published`` (``recovered``) when the
zip at the recorded path is this bundle (its checkpoint names the bundle id and carries our
signature; the name is only ever given to a complete, fsynced zip), otherwise ``export_failed``
for every capture not yet corrected. It re-reads the bundle's entries under the custody log's
append lock, so two repairers never correct twice.

Who settles: every export, for the staging folders in its own output folder
(:func:`clean_staging`); ``ecowarden custody verify --repair`` for every bundle of the log
(evidence/audit.py), including those whose staging folder is gone.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import socket
import time
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.bundle import layout
from evidence.bundle.checking import sha256_of
from evidence.chain import Event
from evidence.context import EvidenceContext
from evidence.custody import as_event
from evidence.manifest import ManifestError, SignatureRecord, verify_manifest
from evidence.signing import InstallationKey
from storage.db import transaction
from storage.models import CustodyEvent
from storage.types import utcnow

STAGING_PREFIX = ".ecowarden-bundle-"
OWNER_FILE = "owner.lock"
#: a staging folder without an owner file (made by an older version, or this very moment) is
#: left alone until it is this old
UNOWNED_STALE_S = 3600
#: a checkpoint larger than this is not one we wrote (it lists a bundle's files, nothing more)
_MAX_CHECKPOINT = 64 << 20


def bundle_subject(bundle_id: str) -> str:
    return f"bundle:{bundle_id}"


def this_host() -> str:
    return socket.gethostname()


def append_published(
    ctx: EvidenceContext,
    session: Session,
    actor: str,
    bundle_id: str,
    path: str,
    sha256: str,
    size: int,
    **extra: Any,
) -> Event:
    """The ``published`` entry: the bundle has its final name, with this SHA-256 and size (the
    bundle's own hash, which its receipt quotes with this entry's seq and hash)."""
    details = {"bundle_id": bundle_id, "path": path, "sha256": sha256, "size": size, **extra}
    return ctx.custody.append_in(session, actor, "published", bundle_subject(bundle_id), details)


def append_export_failed(
    ctx: EvidenceContext, session: Session, actor: str, bundle_id: str, subjects: Iterable[str], error: str
) -> None:
    """The correction of capture ``subjects``' ``exported`` entries whose bundle was never published."""
    for subject in subjects:
        ctx.custody.append_in(
            session, actor, "annotated", subject, {"export_failed": bundle_id, "error": error[:500]}
        )


class Staging:
    """An export's private folder, locked by the exporting process for as long as it lives."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def create(cls, folder: Path, bundle_id: str) -> Staging:
        path = folder / f"{STAGING_PREFIX}{bundle_id}"
        path.mkdir(mode=0o700)
        # locked under a temporary name, then renamed: whoever sees ``owner.lock`` sees it locked
        temporary = path / f".{OWNER_FILE}.tmp"
        fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(
                fd,
                json.dumps(
                    {"bundle_id": bundle_id, "pid": os.getpid(), "host": this_host(), "since": str(utcnow())}
                ).encode(),
            )
            os.rename(temporary, path / OWNER_FILE)
        except BaseException:
            os.close(fd)
            shutil.rmtree(path, ignore_errors=True)
            raise
        return cls(path, fd)

    def remove(self) -> None:
        """Delete the folder, then let go of the lock."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.release()

    def release(self) -> None:
        """Let go of the lock, leaving the folder for whoever settles the bundle."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextmanager
def claimed(folder: Path) -> Iterator[bool | None]:
    """Try to take a staging folder's owner lock, held for the block: True when taken (its export
    is dead), False when a running export holds it, None when the folder has no owner file."""
    try:
        fd = os.open(folder / OWNER_FILE, os.O_RDWR | os.O_NOFOLLOW)
    except FileNotFoundError:
        fd = -1
    except OSError:  # not ours to judge (permissions, a symlink): treat it as busy
        fd = -2
    if fd < 0:
        yield None if fd == -1 else False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            taken = False
        else:
            taken = True
        yield taken
    finally:
        os.close(fd)


@dataclass
class BundleState:
    """What the custody log says about one bundle."""

    bundle_id: str
    started: Event | None = None
    published: Event | None = None
    #: capture subject -> seq of its ``exported`` entry
    exported: dict[str, int] = field(default_factory=dict)
    #: capture subjects whose ``exported`` entry has its ``export_failed`` correction
    failed: set[str] = field(default_factory=set)

    @property
    def path(self) -> str | None:
        value = self.started.details.get("path") if self.started is not None else None
        return value if isinstance(value, str) else None

    @property
    def host(self) -> str | None:
        value = self.started.details.get("host") if self.started is not None else None
        return value if isinstance(value, str) else None

    @property
    def unmatched(self) -> list[str]:
        """Capture subjects exported to this bundle with neither a publication nor a correction."""
        if self.published is not None:
            return []
        return sorted(s for s in self.exported if s not in self.failed)

    @property
    def settled(self) -> bool:
        return not self.unmatched

    def observe(self, event: Event) -> None:
        action, details = event.action, event.details
        if action == "export_started":
            self.started = event
        elif action == "published":
            self.published = event
        elif action == "exported":
            self.exported[event.subject] = event.seq
        elif action == "annotated" and details.get("export_failed") == self.bundle_id:
            self.failed.add(event.subject)


def bundle_of(event: Event) -> str | None:
    """The bundle an entry is about, when it is one of an export's entries."""
    if event.action in ("exported", "export_started", "published"):
        value = event.details.get("bundle_id")
    elif event.action == "annotated":
        value = event.details.get("export_failed")
    else:
        return None
    return value if isinstance(value, str) else None


def _state_in(session: Session, bundle_id: str) -> BundleState:
    """The bundle's state from the database, through ``session`` (under the append lock when the
    caller holds it); found through the indexed subjects, never a scan of the log."""
    state = BundleState(bundle_id)
    rows = session.scalars(
        select(CustodyEvent)
        .where(CustodyEvent.subject == bundle_subject(bundle_id))
        .order_by(CustodyEvent.seq)
    ).all()
    for row in rows:
        state.observe(as_event(row))
    captures = state.started.details.get("captures") if state.started is not None else None
    subjects = [f"capture:{c}" for c in captures] if isinstance(captures, list) else []
    for start in range(0, len(subjects), 500):
        for row in session.scalars(
            select(CustodyEvent)
            .where(
                CustodyEvent.subject.in_(subjects[start : start + 500]),
                CustodyEvent.action.in_(("exported", "annotated")),
            )
            .order_by(CustodyEvent.seq)
        ):
            event = as_event(row)
            if bundle_of(event) == bundle_id:
                state.observe(event)
    return state


def load_state(ctx: EvidenceContext, bundle_id: str) -> BundleState:
    with ctx.factory() as session:
        return _state_in(session, bundle_id)


def published_file(path: Path, bundle_id: str, key: InstallationKey) -> tuple[str, int] | None:
    """(SHA-256, size) of the zip at ``path`` when it is bundle ``bundle_id`` signed by ``key``;
    None when there is no such file or it is another one."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = {f"data/{layout.CHECKPOINT}", f"data/{layout.CHECKPOINT_SIGNATURE}"}
            infos = {i.filename: i for i in archive.infolist() if i.filename in names}
            if len(infos) != 2 or any(i.file_size > _MAX_CHECKPOINT for i in infos.values()):
                return None
            raw = archive.read(f"data/{layout.CHECKPOINT}")
            signature = json.loads(archive.read(f"data/{layout.CHECKPOINT_SIGNATURE}"))
        checkpoint = json.loads(raw)
        if not isinstance(checkpoint, dict) or checkpoint.get("bundle_id") != bundle_id:
            return None
        if verify_manifest(raw, SignatureRecord.from_json(signature), key.public_key_pem()):
            return None
        return sha256_of(path), path.stat().st_size
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError, ManifestError, TypeError, EOFError):
        return None


@dataclass(frozen=True)
class Settlement:
    """What settling a bundle appended to the log."""

    bundle_id: str
    #: published (the zip was found complete at its path) | export_failed (corrections appended)
    outcome: str
    path: str | None
    captures: int

    def __str__(self) -> str:
        if self.outcome == "published":
            return f"bundle {self.bundle_id}: found complete at {self.path}, recorded as published"
        return (
            f"bundle {self.bundle_id}: never published ({self.path or 'no path recorded'}),"
            f" export_failed recorded for {self.captures} capture(s)"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "outcome": self.outcome,
            "path": self.path,
            "captures": self.captures,
        }


def settle(ctx: EvidenceContext, bundle_id: str, actor: str, found_by: str) -> Settlement | None:
    """Complete the record of a bundle whose export is dead (the caller made sure of that);
    None when there is nothing to settle (already settled, or not an export we can judge)."""
    state = load_state(ctx, bundle_id)
    if state.started is None or state.settled:
        return None
    path = state.path
    found = published_file(Path(path), bundle_id, ctx.key) if path else None
    with transaction(ctx.factory) as session:
        ctx.custody.lock_head(session)
        state = _state_in(session, bundle_id)  # again, now that nobody else can append
        if state.settled:
            return None
        if found is not None and path is not None:
            assert state.started is not None
            started = state.started.details
            sha256, size = found
            append_published(
                ctx,
                session,
                actor,
                bundle_id,
                path,
                sha256,
                size,
                recovered=found_by,
                recipient=started.get("recipient"),
                purpose=started.get("purpose"),
            )
            return Settlement(bundle_id, "published", path, len(state.exported))
        unmatched = state.unmatched
        append_export_failed(
            ctx,
            session,
            actor,
            bundle_id,
            unmatched,
            f"the export stopped before its bundle was published; found by {found_by}",
        )
        return Settlement(bundle_id, "export_failed", path, len(unmatched))


def staging_folders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob(f"{STAGING_PREFIX}*") if not p.is_symlink() and p.is_dir())
    except OSError:
        return []


def staging_bundle_id(path: Path) -> str | None:
    """The bundle id a staging folder is named after (None for an older version's random name)."""
    name = path.name[len(STAGING_PREFIX) :]
    try:
        return name if str(uuid.UUID(name)) == name else None
    except ValueError:
        return None


@dataclass
class StagingReport:
    removed: list[Path] = field(default_factory=list)
    busy: list[Path] = field(default_factory=list)
    settled: list[Settlement] = field(default_factory=list)


def clean_staging(ctx: EvidenceContext, folders: Iterable[Path], actor: str, found_by: str) -> StagingReport:
    """Settle and remove the staging folders of dead exports in ``folders``; running exports'
    are left alone, as are unowned folders younger than :data:`UNOWNED_STALE_S`. A bundle that
    cannot be settled (the database fails) keeps its folder: the error propagates."""
    report = StagingReport()
    for folder in folders:
        for path in staging_folders(folder):
            with claimed(path) as dead:
                if dead is False:
                    report.busy.append(path)
                    continue
                if dead is None:
                    with suppress(OSError):
                        if path.stat().st_mtime <= time.time() - UNOWNED_STALE_S:
                            shutil.rmtree(path, ignore_errors=True)
                            report.removed.append(path)
                    continue
                bundle_id = staging_bundle_id(path)
                if bundle_id is not None:
                    settlement = settle(ctx, bundle_id, actor, found_by)
                    if settlement is not None:
                        report.settled.append(settlement)
                shutil.rmtree(path, ignore_errors=True)
                report.removed.append(path)
    return report
