"""Checks of each capture: its signed manifest, its timestamp token, and every artifact it lists
(WARC records checked with warcio, files against the SHA-256 the signed manifest gives)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from cryptography import x509

from evidence.bundle import layout
from evidence.bundle.checking import (
    Context,
    as_object,
    read_object,
    sha256_of,
)
from evidence.bundle.report import first_line
from evidence.bundle.timegap import TIMESTAMP_GAP_WARN_S, gap_between, human_duration
from evidence.canonical import utc_iso
from evidence.manifest import Artifact, Manifest, ManifestError, SignatureRecord, verify_manifest
from evidence.timestamp import TimestampError, certificate_fingerprint, verify_token
from evidence.warc import check_warc

#: what a WARC may inflate to beyond the size its signed manifest declares
INFLATE_MARGIN = 64 * 1024**2
#: for a manifest that declares no inflated size: this many times the compressed size (plus the
#: margin), far above what pages compress by, far below a bomb's ratio
UNDECLARED_INFLATE_FACTOR = 32


def _token_certificates(
    ctx: Context, capture_id: str, manifest: Manifest
) -> tuple[bytes, bytes | None, str, str | None]:
    """The TSA certificate and root to check this capture's token with, and their fingerprints;
    ValueError when the bundle does not hold them."""
    timestamp = as_object(manifest.metadata.get("timestamp"))
    pinned = timestamp.get("tsa_certificate_sha256")
    timestamps = (ctx.checkpoint or {}).get("timestamps")
    if isinstance(timestamps, dict):
        entry = as_object(timestamps.get(capture_id))
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


def _unstamped_detail(manifest: Manifest) -> str:
    """Why a capture has no token, from what its signed manifest says was intended: no authority
    configured (no independent time exists at all) is not the same as one not reached (a token
    was sought and may still be fetched)."""
    timestamp = as_object(manifest.metadata.get("timestamp"))
    status = timestamp.get("status", "unknown")
    if status == "not_configured":
        return (
            "not stamped: no timestamp authority was configured at capture (signed manifest:"
            " not_configured), so no independent time exists; the capture time rests on the"
            " capturing machine's clock alone"
        )
    if status == "deferred":
        reason = timestamp.get("reason")
        return (
            "timestamp pending: the authority could not be reached at capture"
            + (f" ({str(reason)[:200]})" if reason else "")
            + " and its token was not obtained before export; until it is, the capture time rests"
            " on the capturing machine's clock alone"
        )
    return (
        f"not stamped: no RFC 3161 token (manifest says timestamp {status}); the capture time rests"
        " on the capturing machine's clock alone"
    )


def _check_timestamp(ctx: Context, capture_id: str, manifest: Manifest, raw: bytes) -> None:
    report = ctx.report
    folder = ctx.data / layout.capture_dir(capture_id)
    token_path = folder / layout.TOKEN
    token_file = f"data/{layout.capture_dir(capture_id)}/{layout.TOKEN}"
    if not token_path.is_file():
        report.add("timestamp", token_file, True, _unstamped_detail(manifest), warning=True)
        return
    try:
        certificate, root, certificate_fp, root_fp = _token_certificates(ctx, capture_id, manifest)
        if ctx.tsa_root_pem is not None:
            root, root_fp = ctx.tsa_root_pem, certificate_fingerprint(ctx.tsa_root_pem)
        info = verify_token(token_path.read_bytes(), raw, certificate, root_pem=root)
    except (TimestampError, ValueError) as exc:
        detail = first_line(exc)
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
    _report_gap(ctx, token_file, manifest, info.gen_time)


def _report_gap(ctx: Context, token_file: str, manifest: Manifest, gen_time: datetime) -> None:
    """How long after the capture began the token was made: beyond the threshold of
    evidence/bundle/timegap.py a warning, because that stretch rests on our clock alone."""
    gap = gap_between(manifest.captured_at, gen_time)
    ctx.report.add(
        "timestamp-gap",
        token_file,
        True,
        f"{gap.describe()} (captured_at {utc_iso(manifest.captured_at)} by the capturing machine's"
        f" clock, genTime {utc_iso(gen_time)}; warned beyond {human_duration(TIMESTAMP_GAP_WARN_S)})",
        warning=gap.noteworthy,
    )


def check_capture(ctx: Context, capture_id: str) -> bytes | None:
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
        report.add("manifest", manifest_file, False, first_line(exc))
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

    signature_file = f"data/{base}/{layout.SIGNATURE}"
    try:
        record = SignatureRecord.from_json(read_object(folder / layout.SIGNATURE))
        problems = (
            verify_manifest(raw, record, ctx.public_pem)
            if ctx.public_pem
            else ["no public key in the bundle"]
        )
        detail = "; ".join(problems) or f"valid Ed25519 signature by key {record.key_id}"
    except Exception as exc:
        problems = [f"unreadable signature record: {first_line(exc)}"]
        detail = problems[0]
    report.add("signature", signature_file, not problems, detail)

    names = {layout.MANIFEST, layout.SIGNATURE, layout.TOKEN}
    is_partial = manifest.metadata.get("capture_status") == "partial"
    # sizes are believed only from a manifest whose signature holds
    declared = as_object(manifest.metadata.get("inflated_sizes")) if not problems else {}
    for artifact in manifest.artifacts:
        names.add(artifact.name)
        relative = f"{base}/{artifact.name}"
        inflated = declared.get(artifact.name)
        bound = inflated + INFLATE_MARGIN if isinstance(inflated, int) else None
        report.guard(
            "artifact",
            f"data/{relative}",
            partial(_check_artifact, ctx, relative, artifact, is_partial, bound),
        )
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative not in names:
            report.add("artifact", f"data/{base}/{relative}", False, "file not listed in the signed manifest")

    report.guard(
        "timestamp", f"data/{base}/{layout.TOKEN}", lambda: _check_timestamp(ctx, capture_id, manifest, raw)
    )
    return raw


def _check_artifact(
    ctx: Context, relative: str, artifact: Artifact, partial: bool, max_inflated: int | None
) -> None:
    report = ctx.report
    path = ctx.data / relative
    if not path.is_file():
        report.add("artifact", f"data/{relative}", False, "listed in the manifest but missing")
        return
    digest = ctx.digests.get(relative) or sha256_of(path)
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
        if max_inflated is None:  # made before manifests declared it, or the signature fails
            max_inflated = UNDECLARED_INFLATE_FACTOR * size + INFLATE_MARGIN
        warc_problems = check_warc(path, require_response=not partial, max_inflated=max_inflated)
        report.add(
            "warc",
            f"data/{relative}",
            not warc_problems,
            "; ".join(warc_problems)[:500]
            if warc_problems
            else "every record whole, with matching SHA-256 digests; warcinfo first"
            + ("; partial capture: a response record is not required" if partial else ""),
        )


def capture_ids(ctx: Context) -> list[str]:
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
