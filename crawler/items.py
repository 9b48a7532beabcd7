"""What spiders hand to the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from crawler.extraction.types import ExtractedListing
from storage.records import ListingContent, Verdict
from storage.watchlists import SearchPageRecord


@dataclass(slots=True)
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
    #: set by the normalize pipeline: the cleaned listing in the shape the later stages share
    content: ListingContent | None = None
    #: set by the classifier pipeline
    verdict: Verdict | None = None

    def listing_content(self) -> ListingContent:
        """The normalised content, or (an item that skipped normalisation) the extraction's own."""
        return self.content if self.content is not None else self.listing.content()


@dataclass
class ListingGoneItem:
    """A listing URL that answered 404/410 or showed the site's removal notice."""

    site_key: str
    canonical_url: str
    observed_at: datetime
    reason: str


@dataclass
class SearchPageItem:
    """A result page of a search crawl: what it showed for which term (storage keeps it with
    its bytes, as the provenance of the listings it led to)."""

    site_key: str
    record: SearchPageRecord
    body: bytes
