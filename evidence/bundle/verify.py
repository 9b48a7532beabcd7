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

The zip is untrusted input: ``evidence.bundle.unzip`` checks every entry before anything is
written, and writes no member past the size the bundle declares for it (a member that would is
reported here as an ``extraction`` failure). Every check of every file is guarded: whatever a
malformed file makes a parser raise becomes a failure naming that file, never a crash. The checks
live by what they look at: the bag as a whole (``check_bag``), each capture
(``check_captures``) and the custody excerpt (``check_custody``); this module runs them in order.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from evidence.bundle import layout
from evidence.bundle.check_bag import (
    check_bag,
    check_bag_info,
    check_certificates,
    check_checkpoint,
    check_inventory,
    check_key,
)
from evidence.bundle.check_captures import capture_ids, check_capture
from evidence.bundle.check_custody import check_capture_events, check_chain, read_events
from evidence.bundle.check_presentation import check_presentation
from evidence.bundle.check_replay import check_replay
from evidence.bundle.checking import Context, payload_digests
from evidence.bundle.report import VerificationReport
from evidence.bundle.unzip import opened
from evidence.timestamp import certificate_fingerprint


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
    with opened(path, max_total_bytes) as unpacked:
        root = unpacked.root
        for name, why in sorted(unpacked.refused.items()):
            report.add("extraction", name, False, why)
        info = check_bag(root, report)
        data = root / "data"
        ctx = Context(
            root,
            data,
            report,
            payload_digests(root),
            expected_key_id=expected_key_id.lower() if expected_key_id else None,
            tsa_root_pem=tsa_root_pem,
        )
        report.guard("signing-key", f"data/{layout.PUBLIC_KEY}", lambda: check_key(ctx, info))
        report.guard("custody-checkpoint", f"data/{layout.CHECKPOINT}", lambda: check_checkpoint(ctx))
        report.guard("bag-info", "bag-info.txt", lambda: check_bag_info(ctx, info))
        report.guard("signed-inventory", f"data/{layout.CHECKPOINT}", lambda: check_inventory(ctx))
        report.guard("tsa-certificate", f"data/{layout.TSA_DIR}/", lambda: check_certificates(ctx))
        on_disk = report.guard("manifest", f"data/{layout.CAPTURES}/", lambda: capture_ids(ctx)) or []
        report.captures = on_disk
        manifests = {
            capture_id: report.guard(
                "manifest",
                f"data/{layout.capture_dir(capture_id)}/{layout.MANIFEST}",
                partial(check_capture, ctx, capture_id),
            )
            for capture_id in on_disk
        }
        report.guard("replay", f"data/{layout.REPLAY}", partial(check_replay, ctx, manifests))
        report.guard(
            "presentation", f"data/{layout.PRESENTATION}/", partial(check_presentation, ctx, on_disk)
        )
        events = report.guard("custody-entries", f"data/{layout.EVENTS}", lambda: read_events(ctx))
        if events is not None:
            report.guard("custody-chain", f"data/{layout.CHAIN}", lambda: check_chain(ctx, events))
            for capture_id in on_disk:
                report.guard(
                    "custody-capture",
                    f"data/{layout.EVENTS}",
                    partial(check_capture_events, ctx, capture_id, manifests[capture_id], events),
                )
    return report
