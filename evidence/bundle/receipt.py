"""The printed receipt of an export: one page that goes with the bundle to its recipient.

A bundle handed over on a disk or by e-mail needs a paper trail both sides can sign: which file
(its name, SHA-256 and size), made when, by whom for which organisation, for whom and why, signed
with which key, and which custody log entry recorded its publication (seq and entry hash: the
log's own record of the same SHA-256). Whoever receives it runs ``sha256sum`` on the file, compares
it with the receipt and signs the receipt by hand. It is written beside the zip as
``<bundle name without .zip>.receipt.txt`` once the ``published`` entry is recorded, so it can name
that entry; it is a convenience copy of what the log holds, not evidence itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from evidence.atomic import fsync_dir
from evidence.canonical import utc_iso

SUFFIX = ".receipt.txt"


def receipt_path(bundle: Path) -> Path:
    return bundle.with_name(bundle.name.removesuffix(".zip") + SUFFIX)


@dataclass(frozen=True)
class Receipt:
    bundle_file: str
    bundle_id: str
    sha256: str
    size: int
    published_at: datetime
    operator: str | None
    #: the ``user@host`` account the installation runs as, shown when no operator is configured
    account: str
    #: who made the export (the configured operator, or a review app account)
    exported_by: str
    organisation: str | None
    recipient: str | None
    purpose: str | None
    key_id: str
    custody_seq: int
    custody_hash: str
    captures: int
    case: str | None

    def text(self) -> str:
        """The receipt as plain text, laid out for printing."""
        unset = "NOT SET"
        rows = [
            ("Bundle file", self.bundle_file),
            ("Bundle id", self.bundle_id),
            ("SHA-256", self.sha256),
            ("Size", f"{self.size} bytes"),
            ("Captures", str(self.captures) + (f" (case {self.case})" if self.case else "")),
            ("Published (UTC)", utc_iso(self.published_at)),
            (
                "Operator",
                self.operator or f"{unset} (evidence.operator; the installation runs as {self.account})",
            ),
            ("Exported by", self.exported_by),
            ("Organisation", self.organisation or unset),
            ("Recipient", self.recipient or f"{unset} (write the recipient's name by hand below)"),
            ("Purpose", self.purpose or unset),
            ("Signing key id", f"{self.key_id} (Ed25519)"),
            ("Custody entry", f"seq {self.custody_seq} ('published'), entry hash {self.custody_hash}"),
        ]
        width = max(len(label) for label, _ in rows)
        lines = ["ECOWARDEN EVIDENCE BUNDLE - RECEIPT", "=" * 35, ""]
        lines += [f"{label.ljust(width)}  {value}" for label, value in rows]
        lines += [
            "",
            "The recipient checks the file before signing: `sha256sum " + self.bundle_file + "` must print",
            f"{self.sha256}, and `ecowarden verify {self.bundle_file} --key-id {self.key_id}`",
            "must pass. The custody entry above records the same SHA-256 in the issuing installation's log.",
            "",
            "Handed over by (name, signature, date):  ________________________________________",
            "",
            "Received by (name, signature, date):     ________________________________________",
            "",
        ]
        return "\n".join(lines)


def write_receipt(bundle: Path, receipt: Receipt) -> Path:
    """Write the receipt beside ``bundle`` (atomically: a reader never sees half of one)."""
    target = receipt_path(bundle)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as out:
            out.write(receipt.text())
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    fsync_dir(target.parent)
    return target
