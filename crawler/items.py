"""What spiders hand to the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crawler.extraction.types import ExtractedListing


@dataclass
class ListingItem:
    """A listing page as fetched: the extraction plus how and when it was seen."""

    site_key: str
    canonical_url: str
    fetched_at: datetime
    http_status: int
    listing: ExtractedListing
    rendered: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    #: set by the normalize pipeline: the language identified from the title and description
    #: (``listing.language`` is what the page declares)
    text_language: str | None = None
    #: set by the classifier pipeline: model_version, category, score, flagged, reasons
    prediction: dict[str, Any] | None = None


@dataclass
class ListingGoneItem:
    """A listing URL that answered 404/410 or showed the site's removal notice."""

    site_key: str
    canonical_url: str
    observed_at: datetime
    reason: str
