"""Check an evidence bundle offline: no database, no configuration, no network.

Two layers, because they catch different adversaries. The BagIt manifests catch accidents and
naive edits; but anyone can recompute them, so every claim is also checked against what only the
installation key or the timestamp authority could have produced: each capture's manifest is
signed and lists its files' SHA-256, the token binds the manifest to the TSA's clock, the custody
excerpt hash-chains to a head that is named in a signed checkpoint, and that checkpoint lists the
SHA-256 of every other payload file. An edit that is re-bagged therefore still fails a deeper
check, and each failure names the file it is about.

The zip is untrusted input: it is extracted into a private temporary folder only after every
entry has been checked (no absolute paths, ``..``, links, duplicates, or more bytes than the
limit), so a hostile bundle cannot write outside it or fill the disk.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import bagit
from cryptography import x509

from evidence.bundle import layout
from evidence.canonical import CanonicalError, canonical_json
from evidence.chain import GENESIS_HASH, Event
from evidence.manifest import Manifest, ManifestError, SignatureRecord, verify_manifest
from evidence.signing import key_id_of_pem
from evidence.timestamp import TimestampError, certificate_fingerprint, verify_token
from evidence.warc import check_warc

CHUNK = 1 << 20
#: refuse bundles that would unpack to more than this (a zip bomb guard), or hold more entries
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_ENTRIES = 200_000


class BundleFormatError(Exception):
    """The input is not a readable bundle (not a zip, unsafe entries, no bag); one-line message."""


@dataclass(frozen=True)
class CheckResult:
    """One check of one file. ``warning`` marks a check that did not fail but proves less than
    it would (a capture without a timestamp): reported, never shown as a plain pass."""

    name: str
    file: str
    passed: bool
    detail: str
    warning: bool = False

    @property
    def result(self) -> str:
        return "FAIL" if not self.passed else ("warn" if self.warning else "pass")


@dataclass
class VerificationReport:
    bundle: str
    checks: list[CheckResult] = field(default_factory=list)
    bundle_id: str | None = None
    signing_key_id: str | None = None
    captures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed]

    @property
    def warnings(self) -> list[CheckResult]:
        return [check for check in self.checks if check.passed and check.warning]

    def add(self, name: str, file: str, passed: bool, detail: str, warning: bool = False) -> None:
        self.checks.append(CheckResult(name, file, passed, detail, warning))

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle": self.bundle,
            "ok": self.ok,
            "bundle_id": self.bundle_id,
            "signing_key_id": self.signing_key_id,
            "captures": self.captures,
            "failures": len(self.failures),
            "warnings": len(self.warnings),
            "checks": [{**asdict(check), "result": check.result} for check in self.checks],
        }


# -- safe extraction ---------------------------------------------------------------------------


def _unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return "absolute or non-POSIX path"
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "path with '..', '.' or empty parts"
    if any(ord(ch) < 32 for ch in name):
        return "control character in name"
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return "symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "special file"
    if info.flag_bits & 0x1:
        return "encrypted entry"
    return None


def _extract(path: Path, target: Path, max_total: int) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BundleFormatError(f"{path} is not a readable zip file ({exc})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise BundleFormatError(f"{path}: more than {MAX_ENTRIES} entries")
        seen: set[str] = set()
        total = 0
        for info in entries:
            reason = _unsafe_reason(info)
            if reason:
                raise BundleFormatError(f"{path}: unsafe entry {info.filename!r} ({reason})")
            key = unicodedata.normalize("NFC", info.filename.rstrip("/"))
            if key in seen:
                raise BundleFormatError(f"{path}: duplicate entry {info.filename!r}")
            seen.add(key)
            total += info.file_size
        if total > max_total:
            raise BundleFormatError(f"{path}: unpacks to {total} bytes, over the {max_total}-byte limit")
        written = 0
        for info in entries:
            destination = target.joinpath(*info.filename.rstrip("/").split("/"))
            if info.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as source, destination.open("xb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > max_total:
                            raise BundleFormatError(f"{path}: unpacks to more than {max_total} bytes")
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise BundleFormatError(f"{path}: entry {info.filename!r} is unreadable ({exc})") from None


def _bag_root(folder: Path) -> Path:
    if (folder / "bagit.txt").is_file():
        return folder
    children = [c for c in folder.iterdir()]
    if len(children) == 1 and children[0].is_dir() and (children[0] / "bagit.txt").is_file():
        return children[0]  # the bag's folder was zipped rather than its contents
    raise BundleFormatError("no bagit.txt at the top of the bundle: not a BagIt bag")


@contextmanager
def _opened(path: Path, max_total: int) -> Iterator[Path]:
    if path.is_dir():
        for dirpath, dirnames, filenames in os.walk(path):
            for name in dirnames + filenames:
                if os.path.islink(os.path.join(dirpath, name)):
                    raise BundleFormatError(f"symbolic link in the bundle: {os.path.join(dirpath, name)}")
        yield _bag_root(path)
        return
    if not path.is_file():
        raise BundleFormatError(f"no such file: {path}")
    folder = Path(tempfile.mkdtemp(prefix="ecowarden-verify-"))
    try:
        _extract(path, folder, max_total)
        yield _bag_root(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- helpers -----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def _payload_digests(root: Path) -> dict[str, str]:
    """SHA-256 of every payload file, keyed by its path under data/ (read once, reused)."""
    data = root / "data"
    digests: dict[str, str] = {}
    if not data.is_dir():
        return digests
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        digests[path.relative_to(data).as_posix()] = _sha256(path)
    return digests


def _read_json(path: Path) -> Any:
    return json.loads(path.read_bytes())


def _canonical_object(raw: bytes) -> dict[str, Any]:
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    if canonical_json(value) != raw:
        raise ValueError("not in canonical form")
    return value


def _first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


# -- the checks --------------------------------------------------------------------------------


def _check_bag(root: Path, report: VerificationReport) -> dict[str, str]:
    """BagIt structure, both payload manifests, the tag manifests, and files nothing covers.

    Returns bag-info.txt's tags (empty when the bag cannot be opened)."""
    logger = logging.getLogger("bagit")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # bagit logs each problem; they are reported here instead
    try:
        try:
            bag = bagit.Bag(str(root))
        except bagit.BagError as exc:
            report.add("bag-structure", "bagit.txt", False, _first_line(exc))
            return {}
        structure_ok = True
        for algorithm in layout.CHECKSUMS:
            for kind in ("manifest", "tagmanifest"):
                name = f"{kind}-{algorithm}.txt"
                if not (root / name).is_file():
                    report.add("bag-structure", name, False, f"{name} is missing")
                    structure_ok = False
        if structure_ok:
            report.add(
                "bag-structure",
                "bagit.txt",
                True,
                f"BagIt {'.'.join(map(str, bag.version_info))}, sha256 and sha512 manifests",
            )
        problems: list[Any] = []
        try:
            bag.validate()
        except bagit.BagValidationError as exc:
            problems = list(exc.details or [])
            if not problems:  # a summary failure (Payload-Oxum, structure): look at each file
                report.add("bag-structure", "bag-info.txt", False, _first_line(exc))
                for step in (bag._validate_completeness, lambda: bag._validate_entries(1)):
                    try:
                        step()
                    except bagit.BagValidationError as inner:
                        problems.extend(inner.details or [])
                    except bagit.BagError as inner:
                        report.add("bag-structure", "bagit.txt", False, _first_line(inner))
        except bagit.BagError as exc:
            report.add("bag-structure", "bagit.txt", False, _first_line(exc))
        seen: set[tuple[str, str]] = set()
        for problem in problems:
            file = str(getattr(problem, "path", "?")).replace(os.sep, "/")
            check = "bag-payload" if file.startswith("data/") else "bag-tags"
            if (check, file) in seen and isinstance(problem, bagit.ChecksumMismatch):
                continue  # one row per file, not one per algorithm
            seen.add((check, file))
            report.add(check, file, False, _first_line(problem))
        if not any(p for p in problems if str(getattr(p, "path", "")).startswith("data")):
            payload = len(bag.payload_entries())
            report.add("bag-payload", "data/", True, f"{payload} files match both manifests")
        covered = {path.replace(os.sep, "/") for path in bag.entries}
        strays = []
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root).as_posix()
            if relative.startswith("data/") or relative.startswith("tagmanifest-"):
                continue
            if relative not in covered:
                strays.append(relative)
                report.add("bag-tags", relative, False, "file outside data/ that no tag manifest lists")
        if not strays and not any(c.name == "bag-tags" and not c.passed for c in report.checks):
            report.add("bag-tags", "tagmanifest-sha256.txt", True, "tag files match the tag manifests")
        return {str(k): str(v[0] if isinstance(v, list) else v) for k, v in bag.info.items()}
    finally:
        logger.setLevel(level)


@dataclass
class _Context:
    root: Path
    data: Path
    report: VerificationReport
    digests: dict[str, str]
    public_pem: bytes | None = None
    key_id: str | None = None
    checkpoint: dict[str, Any] | None = None
    bundle_id: str | None = None


def _check_key_and_checkpoint(ctx: _Context, info: dict[str, str]) -> None:
    report = ctx.report
    key_file = f"data/{layout.PUBLIC_KEY}"
    try:
        ctx.public_pem = (ctx.data / layout.PUBLIC_KEY).read_bytes()
        ctx.key_id = key_id_of_pem(ctx.public_pem)
        report.signing_key_id = ctx.key_id
        expected = info.get(layout.TAG_KEY_ID)
        if expected is not None and expected != ctx.key_id:
            report.add("signing-key", key_file, False, f"key id {ctx.key_id}, bag-info.txt says {expected}")
        else:
            report.add(
                "signing-key",
                key_file,
                True,
                f"Ed25519 key id {ctx.key_id} (compare with the id the issuing organisation published)",
            )
    except (OSError, ValueError) as exc:
        report.add("signing-key", key_file, False, f"no usable public key: {_first_line(exc)}")

    checkpoint_file = f"data/{layout.CHECKPOINT}"
    try:
        raw = (ctx.data / layout.CHECKPOINT).read_bytes()
        checkpoint = _canonical_object(raw)
        if checkpoint.get("format") != layout.CHECKPOINT_FORMAT:
            raise ValueError(f"unknown format {checkpoint.get('format')!r}")
    except (OSError, ValueError) as exc:
        report.add("custody-checkpoint", checkpoint_file, False, f"unreadable checkpoint: {_first_line(exc)}")
        return
    signature_file = f"data/{layout.CHECKPOINT_SIGNATURE}"
    try:
        record = SignatureRecord.from_json(_read_json(ctx.data / layout.CHECKPOINT_SIGNATURE))
        problems = (
            verify_manifest(raw, record, ctx.public_pem) if ctx.public_pem is not None else ["no public key"]
        )
    except (OSError, ValueError) as exc:
        report.add("custody-checkpoint", signature_file, False, f"unreadable signature: {_first_line(exc)}")
        return
    if problems:
        # the checkpoint lists every other file, so nothing else can say which of the two changed
        detail = "; ".join(problems).replace("manifest", "checkpoint") + " (one of the two was altered)"
        report.add("custody-checkpoint", checkpoint_file, False, detail)
        report.add("custody-checkpoint", signature_file, False, detail)
        return
    ctx.checkpoint = checkpoint
    ctx.bundle_id = str(checkpoint.get("bundle_id"))
    report.bundle_id = ctx.bundle_id
    head = checkpoint.get("head") or {}
    report.add(
        "custody-checkpoint",
        checkpoint_file,
        True,
        f"signed by key {record.key_id}; log head seq {head.get('seq')} at {checkpoint.get('created_at')}",
    )
    for tag, expected in ((layout.TAG_BUNDLE_ID, ctx.bundle_id), (layout.TAG_KEY_ID, record.key_id)):
        if tag in info and info[tag] != expected:
            report.add(
                "bag-info",
                "bag-info.txt",
                False,
                f"{tag} is {info[tag]}, the signed checkpoint says {expected}",
            )


def _check_inventory(ctx: _Context) -> None:
    """Every payload file is listed, with its SHA-256, in the signed checkpoint, and nothing more."""
    if ctx.checkpoint is None:
        ctx.report.add("signed-inventory", f"data/{layout.CHECKPOINT}", False, "no valid signed checkpoint")
        return
    listed = ctx.checkpoint.get("files")
    if not isinstance(listed, dict):
        ctx.report.add("signed-inventory", f"data/{layout.CHECKPOINT}", False, "checkpoint lists no files")
        return
    bad = False
    for name in sorted(set(listed) | set(ctx.digests)):
        if name in layout.UNLISTED:
            continue
        if name not in ctx.digests:
            ctx.report.add(
                "signed-inventory", f"data/{name}", False, "listed in the signed checkpoint but missing"
            )
        elif name not in listed:
            ctx.report.add(
                "signed-inventory", f"data/{name}", False, "not in the signed checkpoint: added later"
            )
        elif listed[name] != ctx.digests[name]:
            ctx.report.add(
                "signed-inventory", f"data/{name}", False, "SHA-256 differs from the signed checkpoint"
            )
        else:
            continue
        bad = True
    if not bad:
        ctx.report.add("signed-inventory", "data/", True, f"{len(listed)} files match the signed checkpoint")


def _check_capture(
    ctx: _Context, capture_id: str, tsa_pem: bytes | None, root_pem: bytes | None
) -> bytes | None:
    """Manifest, artifacts, signature, timestamp and WARCs of one capture; returns the manifest bytes."""
    report = ctx.report
    base = f"{layout.CAPTURES}/{capture_id}"
    folder = ctx.data / base
    manifest_file = f"data/{base}/{layout.MANIFEST}"
    try:
        raw = (folder / layout.MANIFEST).read_bytes()
        manifest = Manifest.from_bytes(raw)
        if manifest.capture_id != capture_id:
            raise ManifestError(f"manifest is for capture {manifest.capture_id}, not {capture_id}")
    except (OSError, ManifestError, CanonicalError, UnicodeDecodeError) as exc:
        report.add("manifest", manifest_file, False, _first_line(exc))
        return None
    captured_at = manifest.to_json()["captured_at"]
    report.add("manifest", manifest_file, True, f"canonical; {manifest.url} captured {captured_at}")

    names = {layout.MANIFEST, layout.SIGNATURE, layout.TOKEN}
    for artifact in manifest.artifacts:
        names.add(artifact.name)
        relative = f"{base}/{artifact.name}"
        path = ctx.data / relative
        if not path.is_file():
            report.add("artifact", f"data/{relative}", False, "listed in the manifest but missing")
            continue
        digest = ctx.digests.get(relative) or _sha256(path)
        size = path.stat().st_size
        if digest != artifact.sha256 or size != artifact.size:
            report.add(
                "artifact",
                f"data/{relative}",
                False,
                f"SHA-256 {digest} / {size} bytes, the signed manifest says"
                f" {artifact.sha256} / {artifact.size}",
            )
        else:
            report.add("artifact", f"data/{relative}", True, "SHA-256 and size match the manifest")
        if layout.is_warc(artifact.name, artifact.media_type):
            warc_problems = check_warc(path)
            report.add(
                "warc",
                f"data/{relative}",
                not warc_problems,
                "; ".join(warc_problems)[:500]
                if warc_problems
                else "every record's digests match (warcio check)",
            )
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative not in names:
            report.add("artifact", f"data/{base}/{relative}", False, "file not listed in the signed manifest")

    signature_file = f"data/{base}/{layout.SIGNATURE}"
    try:
        record = SignatureRecord.from_json(_read_json(folder / layout.SIGNATURE))
        problems = (
            verify_manifest(raw, record, ctx.public_pem)
            if ctx.public_pem
            else ["no public key in the bundle"]
        )
        detail = "; ".join(problems) or f"valid Ed25519 signature by key {record.key_id}"
    except (OSError, ValueError) as exc:
        problems = [f"unreadable signature record: {_first_line(exc)}"]
        detail = problems[0]
    report.add("signature", signature_file, not problems, detail)

    token_path = folder / layout.TOKEN
    token_file = f"data/{base}/{layout.TOKEN}"
    if not token_path.is_file():
        status = (manifest.metadata.get("timestamp") or {}).get("status", "unknown")
        report.add(
            "timestamp",
            token_file,
            True,
            f"not stamped: no RFC 3161 token (manifest says timestamp {status});"
            " the capture time rests on our clock only",
            warning=True,
        )
    elif tsa_pem is None:
        report.add(
            "timestamp", token_file, False, f"token present but data/{layout.TSA_CERTIFICATE} is missing"
        )
    else:
        try:
            info = verify_token(token_path.read_bytes(), raw, tsa_pem, root_pem=root_pem)
            subject = x509.load_pem_x509_certificate(tsa_pem).subject.rfc4514_string()
            report.add(
                "timestamp",
                token_file,
                True,
                f"genTime {info.gen_time.strftime('%Y-%m-%dT%H:%M:%SZ')} by {subject}"
                f" (serial {info.serial_number})",
            )
        except (TimestampError, ValueError) as exc:
            report.add("timestamp", token_file, False, _first_line(exc))
    return raw


def _read_events(ctx: _Context) -> dict[int, Event] | None:
    """The full entries, each checked against its own hash and for order; None when unreadable."""
    report = ctx.report
    events_file = f"data/{layout.EVENTS}"
    events: dict[int, Event] = {}
    problems: list[str] = []
    previous = 0
    try:
        with (ctx.data / layout.EVENTS).open("rb") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    event = Event.from_json(json.loads(line))
                except (ValueError, KeyError, TypeError) as exc:
                    problems.append(f"line {number}: not a custody entry ({_first_line(exc)})")
                    continue
                if event.compute_hash() != event.entry_hash:
                    problems.append(f"line {number} (seq {event.seq}): content does not match its entry_hash")
                if event.seq <= previous:
                    problems.append(
                        f"line {number}: seq {event.seq} after seq {previous}: entries out of order"
                    )
                previous = max(previous, event.seq)
                events[event.seq] = event
    except OSError as exc:
        report.add("custody-entries", events_file, False, f"unreadable: {_first_line(exc)}")
        return None
    if problems:
        report.add("custody-entries", events_file, False, "; ".join(problems[:5]))
    else:
        report.add(
            "custody-entries", events_file, True, f"{len(events)} entries, each matching its hash, in order"
        )
    return events


def _check_chain(ctx: _Context, events: dict[int, Event]) -> None:
    """The skeleton links without gaps from the first excerpt entry to the signed head, and the
    full entries sit in it exactly."""
    report = ctx.report
    chain_file = f"data/{layout.CHAIN}"
    problems: list[str] = []
    mismatched: list[str] = []
    first: int | None = None
    last: tuple[int, str] | None = None
    seen = 0
    try:
        with (ctx.data / layout.CHAIN).open("rb") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    row = json.loads(line)
                    seq, prev_hash, entry_hash = (
                        int(row["seq"]),
                        str(row["prev_hash"]),
                        str(row["entry_hash"]),
                    )
                except (ValueError, KeyError, TypeError) as exc:
                    problems.append(f"line {number}: not a chain row ({_first_line(exc)})")
                    continue
                if last is None:
                    first = seq
                    if seq == 1 and prev_hash != GENESIS_HASH:
                        problems.append("seq 1 does not start from the genesis hash")
                elif seq != last[0] + 1:
                    problems.append(
                        f"line {number}: seq {seq} follows seq {last[0]}: entries missing or out of order"
                    )
                elif prev_hash != last[1]:
                    problems.append(f"seq {seq}: prev_hash is not the entry hash of seq {last[0]}")
                full = events.get(seq)
                if full is not None:
                    seen += 1
                    if full.prev_hash != prev_hash or full.entry_hash != entry_hash:
                        mismatched.append(f"seq {seq} differs from its chain row")
                last = (seq, entry_hash)
    except OSError as exc:
        report.add("custody-chain", chain_file, False, f"unreadable: {_first_line(exc)}")
        return
    checkpoint = ctx.checkpoint
    if checkpoint is not None:
        head = checkpoint.get("head") or {}
        if last is None or (last[0], last[1]) != (head.get("seq"), head.get("entry_hash")):
            problems.append(
                f"chain ends at seq {last[0] if last else 'nothing'},"
                f" the signed checkpoint head is seq {head.get('seq')}"
            )
        if first != checkpoint.get("excerpt_first_seq"):
            problems.append(
                f"chain starts at seq {first},"
                f" the signed checkpoint says {checkpoint.get('excerpt_first_seq')}"
            )
    else:
        problems.append("no valid signed checkpoint to anchor the chain")
    if problems:
        report.add("custody-chain", chain_file, False, "; ".join(problems[:5]))
    else:
        report.add(
            "custody-chain",
            chain_file,
            True,
            f"seq {first} to {last[0] if last else '?'} linked without gaps, ending at the signed head",
        )
    if seen != len(events):
        mismatched.append(f"{len(events) - seen} full entries are outside the chain")
    report.add(
        "custody-excerpt",
        f"data/{layout.EVENTS}",
        not mismatched,
        "; ".join(mismatched[:5]) or "every full entry matches its row in the chain",
    )


def _check_capture_events(
    ctx: _Context, capture_id: str, raw: bytes | None, events: dict[int, Event]
) -> None:
    subject = f"capture:{capture_id}"
    mine = [e for e in events.values() if e.subject == subject]
    problems = []
    captured = [e for e in mine if e.action == "captured"]
    if not captured:
        problems.append("no 'captured' entry")
    elif raw is not None:
        digest = hashlib.sha256(raw).hexdigest()
        if not any(e.details.get("manifest_sha256") == digest for e in captured):
            problems.append("the 'captured' entry names a different manifest")
        else:
            manifest = Manifest.from_bytes(raw)
            if not any(
                e.details.get("artifacts") == {a.name: a.sha256 for a in manifest.artifacts} for e in captured
            ):
                problems.append("the 'captured' entry lists different files")
    exported = [e for e in mine if e.action == "exported"]
    if not any(e.details.get("bundle_id") == ctx.bundle_id for e in exported):
        problems.append(f"no 'exported' entry for this bundle ({ctx.bundle_id})")
    ctx.report.add(
        "custody-capture",
        f"data/{layout.EVENTS}",
        not problems,
        f"capture {capture_id}: "
        + ("; ".join(problems) if problems else f"{len(mine)} entries incl. captured and exported"),
    )


def verify_bundle(path: Path | str, *, max_total_bytes: int = MAX_TOTAL_BYTES) -> VerificationReport:
    """Run every check on the bundle at ``path`` (a zip, or an unpacked bag folder).

    BundleFormatError when the input cannot be read as a bundle at all; otherwise a report whose
    ``ok`` is False when any check failed.
    """
    path = Path(path)
    report = VerificationReport(bundle=str(path))
    with _opened(path, max_total_bytes) as root:
        info = _check_bag(root, report)
        data = root / "data"
        ctx = _Context(root, data, report, _payload_digests(root))
        _check_key_and_checkpoint(ctx, info)
        _check_inventory(ctx)
        tsa_pem = (
            (data / layout.TSA_CERTIFICATE).read_bytes()
            if (data / layout.TSA_CERTIFICATE).is_file()
            else None
        )
        root_pem = (data / layout.TSA_ROOT).read_bytes() if (data / layout.TSA_ROOT).is_file() else None
        if tsa_pem is not None:
            try:
                fingerprint = certificate_fingerprint(tsa_pem)
                report.add(
                    "tsa-certificate", f"data/{layout.TSA_CERTIFICATE}", True, f"SHA-256 {fingerprint}"
                )
            except TimestampError as exc:
                report.add("tsa-certificate", f"data/{layout.TSA_CERTIFICATE}", False, _first_line(exc))
        on_disk = (
            sorted(p.name for p in (data / layout.CAPTURES).iterdir() if p.is_dir())
            if (data / layout.CAPTURES).is_dir()
            else []
        )
        listed = [str(c) for c in (ctx.checkpoint or {}).get("captures", on_disk)]
        for missing in sorted(set(listed) - set(on_disk)):
            report.add(
                "manifest",
                f"data/{layout.CAPTURES}/{missing}/",
                False,
                "capture named in the signed checkpoint is missing",
            )
        for extra in sorted(set(on_disk) - set(listed)):
            report.add(
                "manifest",
                f"data/{layout.CAPTURES}/{extra}/",
                False,
                "capture not named in the signed checkpoint",
            )
        if not on_disk:
            report.add("manifest", f"data/{layout.CAPTURES}/", False, "the bundle holds no captures")
        report.captures = on_disk
        manifests = {capture_id: _check_capture(ctx, capture_id, tsa_pem, root_pem) for capture_id in on_disk}
        events = _read_events(ctx)
        if events is not None:
            _check_chain(ctx, events)
            for capture_id in on_disk:
                _check_capture_events(ctx, capture_id, manifests[capture_id], events)
    return report
