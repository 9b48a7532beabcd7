"""Checks of the bag as a whole: BagIt validity, the signing key, the signed custody checkpoint,
bag-info.txt, the checkpoint's inventory of every payload file, and the TSA certificates."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import bagit
from cryptography import x509

from evidence.bundle import layout
from evidence.bundle.checking import (
    Context,
    Tags,
    as_object,
    canonical_object,
    read_object,
)
from evidence.bundle.report import VerificationReport, first_line
from evidence.manifest import SignatureRecord, verify_manifest
from evidence.signing import key_id_of_pem
from evidence.timestamp import TimestampError, certificate_fingerprint


def check_bag(root: Path, report: VerificationReport) -> Tags | None:
    """BagIt structure, both payload manifests, the tag manifests, and files nothing covers.

    Returns bag-info.txt's tags (None when the bag cannot be opened)."""
    for name in ("bagit.txt", "bag-info.txt"):
        try:
            (root / name).read_bytes().decode("utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            report.add("bag-structure", name, False, f"unreadable as UTF-8 text: {first_line(exc)}")
            return None
    logger = logging.getLogger("bagit")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # bagit logs each problem; they are reported here instead
    try:
        try:
            bag = bagit.Bag(str(root))
        except Exception as exc:  # bagit.BagError, or whatever a malformed tag file makes it raise
            report.add("bag-structure", "bagit.txt", False, first_line(exc))
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
                report.add("bag-structure", "bag-info.txt", False, first_line(exc))
                for step in (bag._validate_completeness, lambda: bag._validate_entries(1)):
                    try:
                        step()
                    except bagit.BagValidationError as inner:
                        problems.extend(inner.details or [])
                    except bagit.BagError as inner:
                        report.add("bag-structure", "bagit.txt", False, first_line(inner))
        except bagit.BagError as exc:
            report.add("bag-structure", "bagit.txt", False, first_line(exc))
        seen: set[tuple[str, str]] = set()
        for problem in problems:
            file = str(getattr(problem, "path", "?")).replace(os.sep, "/")
            check = "bag-payload" if file.startswith("data/") else "bag-tags"
            if (check, file) in seen and isinstance(problem, bagit.ChecksumMismatch):
                continue  # one row per file, not one per algorithm
            seen.add((check, file))
            report.add(check, file, False, first_line(problem))
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


def check_key(ctx: Context, info: Tags | None) -> None:
    report = ctx.report
    key_file = f"data/{layout.PUBLIC_KEY}"
    try:
        ctx.public_pem = (ctx.data / layout.PUBLIC_KEY).read_bytes()
        ctx.key_id = key_id_of_pem(ctx.public_pem)
    except Exception as exc:
        report.add("signing-key", key_file, False, f"no usable public key: {first_line(exc)}")
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


def check_checkpoint(ctx: Context) -> None:
    report = ctx.report
    checkpoint_file = f"data/{layout.CHECKPOINT}"
    try:
        raw = (ctx.data / layout.CHECKPOINT).read_bytes()
        checkpoint = canonical_object(raw)
        if checkpoint.get("format") != layout.CHECKPOINT_FORMAT:
            raise ValueError(f"unknown format {checkpoint.get('format')!r}")
    except Exception as exc:
        report.add("custody-checkpoint", checkpoint_file, False, f"unreadable checkpoint: {first_line(exc)}")
        return
    signature_file = f"data/{layout.CHECKPOINT_SIGNATURE}"
    try:
        record = SignatureRecord.from_json(read_object(ctx.data / layout.CHECKPOINT_SIGNATURE))
        problems = (
            verify_manifest(raw, record, ctx.public_pem) if ctx.public_pem is not None else ["no public key"]
        )
    except Exception as exc:
        report.add("custody-checkpoint", signature_file, False, f"unreadable signature: {first_line(exc)}")
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
        head = as_object(checkpoint.get("head"))
        report.add(
            "custody-checkpoint",
            checkpoint_file,
            True,
            f"signed by key {record.key_id};"
            f" log head seq {head.get('seq')} at {checkpoint.get('created_at')}",
        )


def check_bag_info(ctx: Context, info: Tags | None) -> None:
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


def _size(ctx: Context, name: str) -> int:
    return (ctx.data / name).stat().st_size


def check_inventory(ctx: Context) -> None:
    """Every payload file is listed, with its SHA-256, in the signed checkpoint, and nothing more."""
    if ctx.checkpoint is None:
        ctx.report.add("signed-inventory", f"data/{layout.CHECKPOINT}", False, "no valid signed checkpoint")
        return
    listed = ctx.checkpoint.get("files")
    if not isinstance(listed, dict):
        ctx.report.add("signed-inventory", f"data/{layout.CHECKPOINT}", False, "checkpoint lists no files")
        return
    sizes = ctx.checkpoint.get("sizes")
    bad = False
    for name in sorted(set(listed) | set(ctx.digests)):
        if name in layout.UNLISTED:
            continue
        if isinstance(sizes, dict) and name in ctx.digests and sizes.get(name) != _size(ctx, name):
            ctx.report.add(
                "signed-inventory",
                f"data/{name}",
                False,
                f"{_size(ctx, name)} bytes, the signed checkpoint says {sizes.get(name)}",
            )
            bad = True
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


def check_certificates(ctx: Context) -> None:
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
                ctx.report.add("tsa-certificate", file, False, first_line(exc))
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
