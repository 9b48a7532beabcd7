"""Evidence bundles: export captures as a zipped, signed BagIt bag, and check one offline."""

from __future__ import annotations

from evidence.bundle.export import (
    ExportError,
    ExportSummary,
    ExportUsageError,
    ListingWithoutCapture,
    export_bundle,
)
from evidence.bundle.report import CheckResult, VerificationReport
from evidence.bundle.unzip import BundleFormatError
from evidence.bundle.verify import verify_bundle

__all__ = [
    "BundleFormatError",
    "CheckResult",
    "ExportError",
    "ExportSummary",
    "ExportUsageError",
    "ListingWithoutCapture",
    "VerificationReport",
    "export_bundle",
    "verify_bundle",
]
