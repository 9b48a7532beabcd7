"""Check an evidence bundle offline: no database, no configuration, no network.

Two layers, because they catch different adversaries. The BagIt manifests catch accidents and
naive edits; but anyone can recompute them, so every claim is also checked against what only the
installation key or the timestamp authority could have produced: each capture's manifest is
signed and lists its files' SHA-256, the token binds the manifest to the TSA's clock, the custody
excerpt hash-chains to a head that is named in a signed checkpoint, and that checkpoint lists the
SHA-256 of every other payload file. An edit that is re-bagged therefore still fails a deeper
check, and each failure names the file it is about.

Integrity is not identity: anyone can make a self-consistent bundle with a key of their own. So
the signer is either pinned (``expected_key_id``: a different key is a failure) or the
``signing-key`` check is a warning that says which key id to compare with the one the issuing
organisation published. Every manifest, ``captured`` custody entry, signature record and the
checkpoint must name the bundled key, so a forger who re-signs with another key but keeps a
timestamped manifest byte-identical (as they must, or its token fails) is caught by the key id
that manifest carries. The timestamp authority's root can be pinned the same way.

The zip is untrusted input: it is extracted into a private temporary folder only after every
entry has been checked (no absolute paths, ``..``, links, duplicates, a name that is both a file
and a folder, or more bytes than the limit), so a hostile bundle cannot write outside it or fill
the disk. Every check of every file is guarded: whatever a malformed file makes a parser raise
becomes a failure naming that file, never a crash.
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
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import bagit
from cryptography import x509

from evidence.bundle import layout
from evidence.canonical import canonical_json
from evidence.chain import GENESIS_HASH, Event
from evidence.manifest import Artifact, Manifest, ManifestError, SignatureRecord, verify_manifest
from evidence.signing import key_id_of_pem
from evidence.timestamp import TimestampError, certificate_fingerprint, verify_token
from evidence.warc import check_warc

CHUNK = 1 << 20
#: refuse bundles that would unpack to more than this (a zip bomb guard), or hold more entries
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_ENTRIES = 200_000
#: free space left untouched in the temporary folder (at most this, at most a tenth of it)
FREE_SPACE_MARGIN = 1024**3
_T = TypeVar("_T")


def _human(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def extraction_limit(folder: Path | None = None) -> tuple[int, str]:
    """How many bytes a bundle may unpack to, and why: the lower of 64 GiB and the free space of
    the temporary folder less a margin."""
    folder = Path(folder or tempfile.gettempdir())
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return MAX_TOTAL_BYTES, f"the {_human(MAX_TOTAL_BYTES)} limit"
    room = max(0, free - min(FREE_SPACE_MARGIN, free // 10))
    if room < MAX_TOTAL_BYTES:
        return room, (
            f"the free space of {folder} ({_human(free)}, less a {_human(free - room)} margin);"
            " free some space or point TMPDIR at a larger disk"
        )
    return MAX_TOTAL_BYTES, f"the {_human(MAX_TOTAL_BYTES)} limit"


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
    #: the signer was pinned (expected key id given) and matched; else identity is unproven
    signer_pinned: bool = False
    tsa_root_pinned: bool = False
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

    def guard(self, name: str, file: str, step: Callable[[], _T]) -> _T | None:
        """Run one check; anything it raises becomes a failure of ``file`` instead of a crash."""
        try:
            return step()
        except BundleFormatError:
            raise
        except Exception as exc:
            self.add(name, file, False, f"cannot be checked: {type(exc).__name__}: {_first_line(exc)}")
            return None

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle": self.bundle,
            "ok": self.ok,
            "bundle_id": self.bundle_id,
            "signing_key_id": self.signing_key_id,
            "signer_pinned": self.signer_pinned,
            "tsa_root_pinned": self.tsa_root_pinned,
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


def _extract(path: Path, target: Path, max_total: int, why: str) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BundleFormatError(f"{path} is not a readable zip file ({exc})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise BundleFormatError(f"{path}: more than {MAX_ENTRIES} entries")
        seen: set[str] = set()
        files: set[str] = set()
        folders: set[str] = set()
        total = 0
        for info in entries:
            reason = _unsafe_reason(info)
            if reason:
                raise BundleFormatError(f"{path}: unsafe entry {info.filename!r} ({reason})")
            key = unicodedata.normalize("NFC", info.filename.rstrip("/"))
            if key in seen:
                raise BundleFormatError(f"{path}: duplicate entry {info.filename!r}")
            seen.add(key)
            parts = key.split("/")
            parents = ["/".join(parts[:n]) for n in range(1, len(parts))]
            clash = next((parent for parent in parents if parent in files), None)
            if clash is None and not info.is_dir() and key in folders:
                clash = key
            if clash is not None:
                raise BundleFormatError(f"{path}: {clash!r} is both a file and a folder in the zip")
            (folders if info.is_dir() else files).add(key)
            folders.update(parents)
            total += info.file_size
        if total > max_total:
            raise BundleFormatError(
                f"{path}: unpacks to {_human(total)} ({total} bytes), over the limit of"
                f" {_human(max_total)}: {why}"
            )
        written = 0
        for info in entries:
            destination = target.joinpath(*info.filename.rstrip("/").split("/"))
            if info.is_dir():
                try:
                    destination.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise BundleFormatError(f"{path}: entry {info.filename!r}: {exc}") from None
                continue
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, destination.open("xb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > max_total:
                            raise BundleFormatError(
                                f"{path}: unpacks to more than {_human(max_total)}"
                                f" (the sizes its entries declare are false): {why}"
                            )
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
                raise BundleFormatError(f"{path}: entry {info.filename!r} is unreadable ({exc})") from None


def _bag_root(folder: Path) -> Path:
    if (folder / "bagit.txt").is_file():
        return folder
    children = [c for c in folder.iterdir()]
    if len(children) == 1 and children[0].is_dir() and (children[0] / "bagit.txt").is_file():
        return children[0]  # the bag's folder was zipped rather than its contents
    raise BundleFormatError("no bagit.txt at the top of the bundle: not a BagIt bag")


@contextmanager
def _opened(path: Path, max_total: int | None) -> Iterator[Path]:
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
        if max_total is None:
            limit, why = extraction_limit(folder.parent)
        else:
            limit, why = max_total, f"the {_human(max_total)} limit asked for"
        _extract(path, folder, limit, why)
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


def _read_object(path: Path) -> dict[str, Any]:
    """A JSON file that must hold an object (a signature record, say)."""
    value = _read_json(path)
    if not isinstance(value, dict):
        raise ValueError(f"not a JSON object but a JSON {type(value).__name__}")
    return value


def _canonical_object(raw: bytes) -> dict[str, Any]:
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError(f"not a JSON object but a JSON {type(value).__name__}")
    if canonical_json(value) != raw:
        raise ValueError("not in canonical form")
    return value


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


# -- the checks --------------------------------------------------------------------------------

#: bag-info.txt tags, each with every value it was given (a repeated tag has several)
Tags = dict[str, list[str]]


def _check_bag(root: Path, report: VerificationReport) -> Tags | None:
    """BagIt structure, both payload manifests, the tag manifests, and files nothing covers.

    Returns bag-info.txt's tags (None when the bag cannot be opened)."""
    for name in ("bagit.txt", "bag-info.txt"):
        try:
            (root / name).read_bytes().decode("utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            report.add("bag-structure", name, False, f"unreadable as UTF-8 text: {_first_line(exc)}")
            return None
    logger = logging.getLogger("bagit")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # bagit logs each problem; they are reported here instead
    try:
        try:
            bag = bagit.Bag(str(root))
        except Exception as exc:  # bagit.BagError, or whatever a malformed tag file makes it raise
            report.add("bag-structure", "bagit.txt", False, _first_line(exc))
            return None
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
        return {str(k): [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in bag.info.items()}
    finally:
        logger.setLevel(level)


@dataclass
class _Context:
    root: Path
    data: Path
    report: VerificationReport
    digests: dict[str, str]
    expected_key_id: str | None = None
    tsa_root_pem: bytes | None = None
    public_pem: bytes | None = None
    key_id: str | None = None
    checkpoint: dict[str, Any] | None = None
    bundle_id: str | None = None
    #: every certificate under data/tsa/, by the SHA-256 of its DER (computed, not its file name)
    certificates: dict[str, bytes] = field(default_factory=dict)
    #: what each capture's manifest says its signing key is (None: it names none)
    manifest_keys: dict[str, str | None] = field(default_factory=dict)


def _check_key(ctx: _Context, info: Tags | None) -> None:
    report = ctx.report
    key_file = f"data/{layout.PUBLIC_KEY}"
    try:
        ctx.public_pem = (ctx.data / layout.PUBLIC_KEY).read_bytes()
        ctx.key_id = key_id_of_pem(ctx.public_pem)
    except Exception as exc:
        report.add("signing-key", key_file, False, f"no usable public key: {_first_line(exc)}")
        return
    report.signing_key_id = ctx.key_id
    tagged = (info or {}).get(layout.TAG_KEY_ID)
    if ctx.expected_key_id is not None and ctx.expected_key_id != ctx.key_id:
        report.add(
            "signing-key",
            key_file,
            False,
            f"signed by key id {ctx.key_id}, not by the expected signer {ctx.expected_key_id}:"
            " this bundle was not made (or was re-signed) by another installation",
        )
    elif tagged is not None and tagged != [ctx.key_id]:
        report.add("signing-key", key_file, False, f"key id {ctx.key_id}, bag-info.txt says {tagged[0]}")
    elif ctx.expected_key_id is not None:
        report.signer_pinned = True
        report.add("signing-key", key_file, True, f"Ed25519 key id {ctx.key_id}: the expected signer")
    else:
        report.add(
            "signing-key",
            key_file,
            True,
            f"signer identity not established: compare key id {ctx.key_id} with the one the issuing"
            " organisation published (or pin it with --key-id)",
            warning=True,
        )


def _check_checkpoint(ctx: _Context) -> None:
    report = ctx.report
    checkpoint_file = f"data/{layout.CHECKPOINT}"
    try:
        raw = (ctx.data / layout.CHECKPOINT).read_bytes()
        checkpoint = _canonical_object(raw)
        if checkpoint.get("format") != layout.CHECKPOINT_FORMAT:
            raise ValueError(f"unknown format {checkpoint.get('format')!r}")
    except Exception as exc:
        report.add("custody-checkpoint", checkpoint_file, False, f"unreadable checkpoint: {_first_line(exc)}")
        return
    signature_file = f"data/{layout.CHECKPOINT_SIGNATURE}"
    try:
        record = SignatureRecord.from_json(_read_object(ctx.data / layout.CHECKPOINT_SIGNATURE))
        problems = (
            verify_manifest(raw, record, ctx.public_pem) if ctx.public_pem is not None else ["no public key"]
        )
    except Exception as exc:
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
    named = checkpoint.get("signing_key_id")
    if named is not None and named != ctx.key_id:
        report.add(
            "custody-checkpoint",
            checkpoint_file,
            False,
            f"the checkpoint names signing key {named}, the bundled key is {ctx.key_id}",
        )
    else:
        head = _object(checkpoint.get("head"))
        report.add(
            "custody-checkpoint",
            checkpoint_file,
            True,
            f"signed by key {record.key_id};"
            f" log head seq {head.get('seq')} at {checkpoint.get('created_at')}",
        )


def _check_bag_info(ctx: _Context, info: Tags | None) -> None:
    """Every bag-info.txt tag (but those bagit computes) is as the signed checkpoint states."""
    if info is None or ctx.checkpoint is None:
        return  # already reported: the bag or the checkpoint is unreadable
    problems: list[str] = []
    signed = ctx.checkpoint.get("bag_info")
    if isinstance(signed, dict):
        for tag in sorted(set(signed) | set(info)):
            if tag in layout.COMPUTED_TAGS:
                continue
            if tag not in info:
                problems.append(f"{tag} is missing (signed value {signed[tag]!r})")
            elif tag not in signed:
                problems.append(f"{tag} was added ({info[tag][0]!r} is not in the signed checkpoint)")
            elif info[tag] != [signed[tag]]:
                problems.append(
                    f"{tag} is {' / '.join(info[tag])!r}, the signed checkpoint says {signed[tag]!r}"
                )
    elif signed is not None:
        problems.append("the signed checkpoint's bag_info is not an object")
    for tag, expected in ((layout.TAG_BUNDLE_ID, ctx.bundle_id), (layout.TAG_KEY_ID, ctx.key_id)):
        if tag in info and info[tag] != [expected] and not any(p.startswith(tag) for p in problems):
            problems.append(f"{tag} is {info[tag][0]}, the signed checkpoint says {expected}")
    if problems:
        ctx.report.add("bag-info", "bag-info.txt", False, "; ".join(problems[:5]))
    elif isinstance(signed, dict):
        ctx.report.add("bag-info", "bag-info.txt", True, f"{len(signed)} tags match the signed checkpoint")
    else:
        ctx.report.add(
            "bag-info",
            "bag-info.txt",
            True,
            "older bundle: only the bundle and key ids are signed, other tags are unchecked",
            warning=True,
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


def _check_certificates(ctx: _Context) -> None:
    """Each file under data/tsa/ is a certificate; one named by a fingerprint has that fingerprint."""
    folder = ctx.data / layout.TSA_DIR
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        file = f"data/{layout.TSA_DIR}/{path.name}"

        def check(path: Path = path, file: str = file) -> None:
            pem = path.read_bytes()
            try:
                fingerprint = certificate_fingerprint(pem)
            except TimestampError as exc:
                ctx.report.add("tsa-certificate", file, False, _first_line(exc))
                return
            stem = path.name.removesuffix(".pem")
            if len(stem) == 64 and stem != fingerprint:
                ctx.report.add(
                    "tsa-certificate",
                    file,
                    False,
                    f"its SHA-256 is {fingerprint}, not the one it is named by",
                )
                return
            ctx.certificates.setdefault(fingerprint, pem)
            subject = x509.load_pem_x509_certificate(pem).subject.rfc4514_string()
            ctx.report.add("tsa-certificate", file, True, f"{subject}, SHA-256 {fingerprint}")

        ctx.report.guard("tsa-certificate", file, check)


def _token_certificates(
    ctx: _Context, capture_id: str, manifest: Manifest
) -> tuple[bytes, bytes | None, str, str | None]:
    """The TSA certificate and root to check this capture's token with, and their fingerprints;
    ValueError when the bundle does not hold them."""
    timestamp = _object(manifest.metadata.get("timestamp"))
    pinned = timestamp.get("tsa_certificate_sha256")
    timestamps = (ctx.checkpoint or {}).get("timestamps")
    if isinstance(timestamps, dict):
        entry = _object(timestamps.get(capture_id))
        certificate_fp = entry.get("tsa_certificate_sha256") or pinned
        root_fp = entry.get("tsa_root_sha256")
        if not isinstance(certificate_fp, str):
            raise ValueError("neither the signed checkpoint nor the manifest names its TSA certificate")
        certificate = ctx.certificates.get(certificate_fp)
        if certificate is None:
            raise ValueError(f"no TSA certificate with SHA-256 {certificate_fp} in data/{layout.TSA_DIR}/")
        root = None
        if isinstance(root_fp, str):
            root = ctx.certificates.get(root_fp)
            if root is None:
                raise ValueError(f"no TSA root with SHA-256 {root_fp} in data/{layout.TSA_DIR}/")
        else:
            root_fp = None
    else:  # an older bundle: one TSA, under the short names
        try:
            certificate = (ctx.data / layout.TSA_CERTIFICATE).read_bytes()
        except FileNotFoundError:
            raise ValueError(f"token present but data/{layout.TSA_CERTIFICATE} is missing") from None
        certificate_fp = certificate_fingerprint(certificate)
        root_path = ctx.data / layout.TSA_ROOT
        root = root_path.read_bytes() if root_path.is_file() else None
        root_fp = certificate_fingerprint(root) if root is not None else None
    if pinned is not None and pinned != certificate_fp and timestamp.get("status") == "requested":
        raise ValueError(
            f"the signed manifest pins TSA certificate {pinned}, the token is checked with {certificate_fp}"
        )
    return certificate, root, certificate_fp, root_fp


def _check_timestamp(ctx: _Context, capture_id: str, manifest: Manifest, raw: bytes) -> None:
    report = ctx.report
    folder = ctx.data / layout.capture_dir(capture_id)
    token_path = folder / layout.TOKEN
    token_file = f"data/{layout.capture_dir(capture_id)}/{layout.TOKEN}"
    if not token_path.is_file():
        status = _object(manifest.metadata.get("timestamp")).get("status", "unknown")
        report.add(
            "timestamp",
            token_file,
            True,
            f"not stamped: no RFC 3161 token (manifest says timestamp {status});"
            " the capture time rests on our clock only",
            warning=True,
        )
        return
    try:
        certificate, root, certificate_fp, root_fp = _token_certificates(ctx, capture_id, manifest)
        if ctx.tsa_root_pem is not None:
            root, root_fp = ctx.tsa_root_pem, certificate_fingerprint(ctx.tsa_root_pem)
        info = verify_token(token_path.read_bytes(), raw, certificate, root_pem=root)
    except (TimestampError, ValueError) as exc:
        detail = _first_line(exc)
        if ctx.tsa_root_pem is not None:
            detail += " (checked against the pinned TSA root)"
        report.add("timestamp", token_file, False, detail)
        return
    subject = x509.load_pem_x509_certificate(certificate).subject.rfc4514_string()
    anchor = (
        f"chains to the pinned root {root_fp}"
        if ctx.tsa_root_pem is not None
        else f"root SHA-256 {root_fp or certificate_fp} (not pinned: compare it with the one the"
        " authority publishes, or pass --tsa-root)"
    )
    report.add(
        "timestamp",
        token_file,
        True,
        f"genTime {info.gen_time.strftime('%Y-%m-%dT%H:%M:%SZ')} by {subject} (serial {info.serial_number});"
        f" TSA certificate SHA-256 {certificate_fp}; {anchor}",
    )


def _check_capture(ctx: _Context, capture_id: str) -> bytes | None:
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
    except Exception as exc:  # a manifest that is a JSON array makes the parser raise AttributeError
        report.add("manifest", manifest_file, False, _first_line(exc))
        return None
    captured_at = manifest.to_json()["captured_at"]
    report.add("manifest", manifest_file, True, f"canonical; {manifest.url} captured {captured_at}")

    named = manifest.metadata.get("signing_key_id")
    ctx.manifest_keys[capture_id] = named if isinstance(named, str) else None
    if named is not None and named != ctx.key_id:
        report.add(
            "manifest-key",
            manifest_file,
            False,
            f"the signed manifest names signing key {named}, the bundled key is {ctx.key_id}"
            " (re-signed with another key?)",
        )
    elif named is not None:
        report.add("manifest-key", manifest_file, True, f"names the bundled key {named}")

    names = {layout.MANIFEST, layout.SIGNATURE, layout.TOKEN}
    is_partial = manifest.metadata.get("capture_status") == "partial"
    for artifact in manifest.artifacts:
        names.add(artifact.name)
        relative = f"{base}/{artifact.name}"
        report.guard(
            "artifact", f"data/{relative}", partial(_check_artifact, ctx, relative, artifact, is_partial)
        )
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative not in names:
            report.add("artifact", f"data/{base}/{relative}", False, "file not listed in the signed manifest")

    signature_file = f"data/{base}/{layout.SIGNATURE}"
    try:
        record = SignatureRecord.from_json(_read_object(folder / layout.SIGNATURE))
        problems = (
            verify_manifest(raw, record, ctx.public_pem)
            if ctx.public_pem
            else ["no public key in the bundle"]
        )
        detail = "; ".join(problems) or f"valid Ed25519 signature by key {record.key_id}"
    except Exception as exc:
        problems = [f"unreadable signature record: {_first_line(exc)}"]
        detail = problems[0]
    report.add("signature", signature_file, not problems, detail)

    report.guard(
        "timestamp", f"data/{base}/{layout.TOKEN}", lambda: _check_timestamp(ctx, capture_id, manifest, raw)
    )
    return raw


def _check_artifact(ctx: _Context, relative: str, artifact: Artifact, partial: bool) -> None:
    report = ctx.report
    path = ctx.data / relative
    if not path.is_file():
        report.add("artifact", f"data/{relative}", False, "listed in the manifest but missing")
        return
    digest = ctx.digests.get(relative) or _sha256(path)
    size = path.stat().st_size
    if digest != artifact.sha256 or size != artifact.size:
        report.add(
            "artifact",
            f"data/{relative}",
            False,
            f"SHA-256 {digest} / {size} bytes, the signed manifest says {artifact.sha256} / {artifact.size}",
        )
    else:
        report.add("artifact", f"data/{relative}", True, "SHA-256 and size match the manifest")
    if layout.is_warc(artifact.name, artifact.media_type):
        # a partial capture (its raw fetch failed, the signed manifest says so) has no response
        warc_problems = check_warc(path, require_response=not partial)
        report.add(
            "warc",
            f"data/{relative}",
            not warc_problems,
            "; ".join(warc_problems)[:500]
            if warc_problems
            else "every record whole, with matching SHA-256 digests; warcinfo first"
            + ("; partial capture: a response record is not required" if partial else ""),
        )


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

    # the key the capture was signed with, as the log recorded it, must be the bundled key and the
    # one the manifest names (a stamped manifest fixes that name in time)
    key_problems = []
    manifest_key = ctx.manifest_keys.get(capture_id)
    for event in captured:
        named = event.details.get("signing_key_id")
        if named is None:
            continue
        if named != ctx.key_id:
            key_problems.append(
                f"'captured' entry seq {event.seq} names signing key {named}, the bundled key is {ctx.key_id}"
            )
        elif manifest_key is not None and named != manifest_key:
            key_problems.append(
                f"'captured' entry seq {event.seq} names signing key {named},"
                f" its manifest names {manifest_key}"
            )
    if key_problems:
        ctx.report.add(
            "custody-key", f"data/{layout.EVENTS}", False, f"capture {capture_id}: " + "; ".join(key_problems)
        )
    elif any(e.details.get("signing_key_id") is not None for e in captured):
        ctx.report.add(
            "custody-key", f"data/{layout.EVENTS}", True, f"capture {capture_id}: names the bundled key"
        )


def _capture_ids(ctx: _Context) -> list[str]:
    report = ctx.report
    captures = ctx.data / layout.CAPTURES
    on_disk = sorted(p.name for p in captures.iterdir() if p.is_dir()) if captures.is_dir() else []
    listed_value = (ctx.checkpoint or {}).get("captures", on_disk)
    listed = [str(c) for c in listed_value] if isinstance(listed_value, list) else on_disk
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
    return on_disk


def verify_bundle(
    path: Path | str,
    *,
    max_total_bytes: int | None = None,
    expected_key_id: str | None = None,
    tsa_root_pem: bytes | None = None,
) -> VerificationReport:
    """Run every check on the bundle at ``path`` (a zip, or an unpacked bag folder).

    ``expected_key_id`` pins the signer (another key is a failure; without it the signer's
    identity is a warning to settle out of band); ``tsa_root_pem`` pins the timestamp
    authority's root every token must chain to. ``max_total_bytes`` caps what a zip may unpack
    to (default: the lower of 64 GiB and the free space of the temporary folder, less a margin).

    BundleFormatError when the input cannot be read as a bundle at all; otherwise a report whose
    ``ok`` is False when any check failed.
    """
    path = Path(path)
    report = VerificationReport(bundle=str(path))
    if tsa_root_pem is not None:
        certificate_fingerprint(tsa_root_pem)  # TimestampError: not a certificate (bad usage)
        report.tsa_root_pinned = True
    with _opened(path, max_total_bytes) as root:
        info = _check_bag(root, report)
        data = root / "data"
        ctx = _Context(
            root,
            data,
            report,
            _payload_digests(root),
            expected_key_id=expected_key_id.lower() if expected_key_id else None,
            tsa_root_pem=tsa_root_pem,
        )
        report.guard("signing-key", f"data/{layout.PUBLIC_KEY}", lambda: _check_key(ctx, info))
        report.guard("custody-checkpoint", f"data/{layout.CHECKPOINT}", lambda: _check_checkpoint(ctx))
        report.guard("bag-info", "bag-info.txt", lambda: _check_bag_info(ctx, info))
        report.guard("signed-inventory", f"data/{layout.CHECKPOINT}", lambda: _check_inventory(ctx))
        report.guard("tsa-certificate", f"data/{layout.TSA_DIR}/", lambda: _check_certificates(ctx))
        on_disk = report.guard("manifest", f"data/{layout.CAPTURES}/", lambda: _capture_ids(ctx)) or []
        report.captures = on_disk
        manifests = {
            capture_id: report.guard(
                "manifest",
                f"data/{layout.capture_dir(capture_id)}/{layout.MANIFEST}",
                partial(_check_capture, ctx, capture_id),
            )
            for capture_id in on_disk
        }
        events = report.guard("custody-entries", f"data/{layout.EVENTS}", lambda: _read_events(ctx))
        if events is not None:
            report.guard("custody-chain", f"data/{layout.CHAIN}", lambda: _check_chain(ctx, events))
            for capture_id in on_disk:
                report.guard(
                    "custody-capture",
                    f"data/{layout.EVENTS}",
                    partial(_check_capture_events, ctx, capture_id, manifests[capture_id], events),
                )
    return report
