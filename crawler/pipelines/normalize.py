"""Turns extracted pages into clean, bounded observations, or drops them with a counted reason.

This is also where the language of the text is identified: the first stage every stored listing
passes, with its text clean and bounded, whether or not the classifier is enabled.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from classifiers.language import identify_language, prepare
from crawler.extraction.text import clean_text as extraction_clean_text
from crawler.extraction.types import AVAILABILITY_VALUES
from crawler.items import ListingGoneItem, ListingItem
from storage.models import Listing, Seller

logger = logging.getLogger(__name__)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_TITLE = 1_000
MAX_DESCRIPTION = 100_000
MAX_FIELD = 2_000
MAX_IMAGES = 50
MAX_PRICE = Decimal("1e15")
MAX_PRICE_CHARS = 40


def _width(column: Any) -> int:
    """A column's declared length: the database refuses longer values, and PostgreSQL would
    reject the whole transaction for one of them."""
    return int(getattr(column.type, "length", None) or MAX_FIELD)


#: field -> the longest value storage accepts (from the schema itself, so they cannot drift)
FIELD_WIDTHS = {
    "language": _width(Listing.__table__.c.language),
    "posted_at": _width(Listing.__table__.c.posted_at),
    "seller_id": _width(Seller.__table__.c.external_id),
}
MAX_URL = _width(Listing.__table__.c.canonical_url)


def clean_text(value: Any, limit: int) -> str | None:
    """Extraction's plain-text rules (no control characters, no formatting markup, tidy spaces),
    plus Unicode NFC so that the same words always hash the same in versions."""
    text = extraction_clean_text(value, limit=limit)
    return unicodedata.normalize("NFC", text)[:limit] if text else None


class NormalizeListingPipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizeListingPipeline:
        assert crawler.stats is not None
        prepare()  # while the crawl sets up, not on its first page
        return cls(crawler.stats)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ListingGoneItem):
            return item
        if not isinstance(item, ListingItem):
            return item
        listing = item.listing
        listing.title = clean_text(listing.title, MAX_TITLE)
        if not listing.title:
            self.stats.inc_value("ecowarden/items/dropped/no_title")
            raise DropItem(f"no title on {item.canonical_url}")
        listing.description = clean_text(listing.description, MAX_DESCRIPTION)
        if len(item.canonical_url) > MAX_URL:
            self.stats.inc_value("ecowarden/items/dropped/url_too_long")
            raise DropItem(f"URL longer than {MAX_URL} characters")
        for name in ("seller_name", "seller_id", "location", "posted_at", "language", "sku", "brand"):
            setattr(listing, name, clean_text(getattr(listing, name), FIELD_WIDTHS.get(name, MAX_FIELD)))
        listing.price = self._price(listing.price, item.canonical_url)
        currency = (listing.currency or "").strip().upper()
        listing.currency = currency if _CURRENCY.match(currency) else None
        if listing.availability not in AVAILABILITY_VALUES:
            listing.availability = None
        listing.images = [
            u
            for u in dict.fromkeys(listing.images)
            if u.startswith(("http://", "https://")) and len(u) <= MAX_URL
        ][:MAX_IMAGES]
        item.text_language = identify_language(listing.title, listing.description)
        if item.text_language is None:
            self.stats.inc_value("ecowarden/items/language_undecided")
        item.content = listing.content()
        return item

    def _price(self, raw: str | None, url: str) -> str | None:
        if raw is None:
            return None
        if len(raw) > MAX_PRICE_CHARS:
            self.stats.inc_value("ecowarden/items/bad_price")
            return None
        try:
            amount = Decimal(raw)
        except (InvalidOperation, ValueError):
            self.stats.inc_value("ecowarden/items/bad_price")
            logger.info("unparseable price %r on %s", raw[:50], url)
            return None
        if not amount.is_finite() or amount < 0 or amount >= MAX_PRICE:
            self.stats.inc_value("ecowarden/items/bad_price")
            return None
        return raw
