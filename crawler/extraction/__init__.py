"""Generic listing extraction: structured data first, page heuristics as the fallback."""

from __future__ import annotations

from .files import extract_file, iter_extract_files
from .listing import extract_listing
from .price import parse_price
from .types import AVAILABILITY_VALUES, ExtractedListing

__all__ = [
    "AVAILABILITY_VALUES",
    "ExtractedListing",
    "extract_file",
    "extract_listing",
    "iter_extract_files",
    "parse_price",
]
