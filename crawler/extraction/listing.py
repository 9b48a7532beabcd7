"""extract_listing: one page in, one ExtractedListing out, never an exception.

Sources are tried in order of how much they can be trusted: the site's own selectors, JSON-LD,
microdata, RDFa-lite, OpenGraph/meta tags, then page heuristics. Each field is taken from the
first source that has it, and `sources` records which one did.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from .availability import availability_from_text
from .decode import parse_document, to_unicode
from .heuristics import collect, heuristic_fields, title_block_text
from .locale import country_hint, currency_hint
from .meta import meta_fields, meta_tags, rdfa_fields, rdfa_lite
from .party import party_fields
from .places.gazetteer import resolve
from .scoring import listing_score
from .site_selectors import selector_fields
from .structured import extract_structured, jsonld_items, microdata_items
from .text import clean_text
from .types import ExtractedListing

log = logging.getLogger(__name__)

_SCALAR_FIELDS = (
    "title",
    "description",
    "availability",
    "seller_name",
    "seller_id",
    "seller_url",
    "location",
    "country",
    "posted_at",
    "sku",
    "brand",
)
#: a heuristic price further than this many elements after the title is not "near" it
_NEAR_TITLE = 300


def extract_listing(
    body: bytes | str,
    url: str,
    *,
    encoding: str | None = None,
    selectors: Mapping[str, str] | None = None,
    max_bytes: int = 5_000_000,
) -> ExtractedListing:
    """Extract listing fields from one HTML page; returns whatever could be found.

    `encoding` overrides the page's declaration (e.g. from the HTTP header); `selectors` are a
    site's per-field CSS selectors; input beyond `max_bytes` is cut before parsing.
    """
    listing = ExtractedListing(url=url)
    try:
        _extract(listing, body, url, encoding, selectors, max_bytes)
    except Exception:  # hostile pages must never take the crawler down
        log.warning("extraction failed for %s", url, exc_info=True)
    return listing


def _extract(
    listing: ExtractedListing,
    body: bytes | str,
    url: str,
    encoding: str | None,
    selectors: Mapping[str, str] | None,
    max_bytes: int,
) -> None:
    if body is None:
        return
    root = parse_document(to_unicode(body, encoding=encoding, max_bytes=max_bytes))
    if root is None:
        return
    base = _base_url(root, url)
    tags = meta_tags(root)
    language = clean_text(root.get("lang") or tags.get("og:locale") or tags.get("language"), limit=20)
    listing.language = language
    hint = currency_hint(url, language)
    titles = [t for t in root.xpath("//head/title | //title") if (t.text or "").strip()]
    page_title = tags.get("og:title") or (titles[0].text if titles else None)
    signals = collect(root, hint, page_title)

    title_guess = signals.title or tags.get("og:title")
    structured = [
        extract_structured(jsonld_items(root), hint=hint, title=title_guess),
        extract_structured(microdata_items(root, base), hint=hint, title=title_guess),
    ]
    layers: list[tuple[str, dict[str, Any]]] = [
        ("selector", selector_fields(root, selectors or {}, hint)),
        ("jsonld", structured[0].values),
        ("microdata", structured[1].values),
        ("rdfa", rdfa_fields(rdfa_lite(root), hint)),
        ("opengraph", meta_fields(tags, hint)),
    ]
    # who and where as the page shows them (labelled blocks, profile links, breadcrumbs, URL)
    layers.append(("page", party_fields(root, url, base, country_hint(url, language))))
    stated = any(values.get("availability") for _, values in layers)
    layers.append(("heuristic", heuristic_fields(root, signals, availability_wanted=not stated)))
    _merge(listing, layers)
    fill_country(listing)
    if listing.availability is None:
        _default_availability(listing, root, signals)
    _images(listing, layers, base)

    canonical = root.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href')
    if canonical and str(canonical[0]).strip():
        listing.canonical_url = urljoin(base, str(canonical[0]).strip())

    candidate = dict(layers)["heuristic"].get("_candidate")
    near = bool(
        candidate is not None
        and signals.title_position is not None
        and 0 <= candidate.position - signals.title_position <= _NEAR_TITLE
    )
    listing.listing_score = listing_score(
        signals,
        structured,
        has_price=listing.price is not None,
        price_near_title=near,
        price_in_list_item=candidate is not None and _in_list_item(candidate.element, listing.title),
    )


_BUTTON_LIKE = re.compile(r"btn|button|cart|buy|basket|checkout|wish", re.IGNORECASE)


def _in_list_item(element: Any, title: str | None) -> bool:
    """The price sits in a list row that links, by a title-like text, to another page.

    That is the shape of a result card on a category page (even one with a single result), and
    not of an offer page, whose own title is the page heading rather than a link away from it.
    """
    node = element
    for _ in range(5):
        node = node.getparent()
        if node is None:
            return False
        if node.tag in ("li", "tr"):
            for link in node.iter("a"):
                text = " ".join(link.text_content().split())
                if not link.get("href") or len(text) < 6 or text == title:
                    continue
                if _BUTTON_LIKE.search((link.get("class") or "") + " " + (link.get("role") or "")):
                    continue
                return True
            return False
    return False


def _merge(listing: ExtractedListing, layers: list[tuple[str, dict[str, Any]]]) -> None:
    for name, values in layers:
        if listing.price is None and values.get("price") is not None:
            listing.price = values["price"]
            listing.sources["price"] = name
            if values.get("currency"):
                listing.currency = values["currency"]
                listing.sources["currency"] = name
    _cross_check_price(listing, layers)
    if listing.currency is None:
        for name, values in layers:
            if values.get("currency"):
                listing.currency = values["currency"]
                listing.sources["currency"] = name
                break
    for field_name in _SCALAR_FIELDS:
        for name, values in layers:
            value = values.get(field_name)
            if value:
                setattr(listing, field_name, value)
                listing.sources[field_name] = name
                break


def fill_country(listing: ExtractedListing) -> None:
    """The country of the stated location (ISO alpha-2), else the site's own by its domain or
    language tag; ``sources`` says which (``place`` or ``site``). Every path that makes a listing
    (page extraction, a learnt JSON API) ends with this, so the country means the same on each."""
    if listing.country:
        return
    hint = country_hint(listing.url, listing.language)
    place = resolve(listing.location, hint) if listing.location else None
    if place is not None and place.country and place.how not in ("site", "unresolved"):
        listing.country, listing.sources["country"] = place.country, "place"
    elif hint:
        listing.country, listing.sources["country"] = hint, "site"


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _cross_check_price(listing: ExtractedListing, layers: list[tuple[str, dict[str, Any]]]) -> None:
    """Prefer the structured price that the page also shows as its main visible price.

    Structured data often holds several prices for one page: one Offer per variant, a list-price
    Offer next to the sale Offer, an auction's opening bid in JSON-LD but the current bid in
    OpenGraph. The first one is only a default; when the price a reader sees under the title equals
    another structured price, two independent sources agree on it, which is the stronger evidence.
    A visible price that no structured source confirms never overrides structured data (it may be
    a related product's price), and an operator's selector is never second-guessed.
    """
    source = listing.sources.get("price")
    if source in (None, "selector", "heuristic"):
        return
    by_name = dict(layers)
    visible = _decimal(by_name.get("heuristic", {}).get("price"))
    if visible is None or visible == _decimal(listing.price):
        return
    for name, values in layers:
        if name in ("selector", "heuristic"):
            continue
        prices = values.get("_prices") or (
            [(values["price"], values.get("currency"))] if values.get("price") else []
        )
        for amount, currency in prices:
            if _decimal(amount) == visible:
                listing.price = amount
                listing.sources["price"] = name
                if currency:
                    listing.currency = currency
                    listing.sources["currency"] = name
                return


def _images(listing: ExtractedListing, layers: list[tuple[str, dict[str, Any]]], base: str) -> None:
    seen: set[str] = set()
    for name, values in layers:
        for raw in values.get("images") or []:
            if not isinstance(raw, str) or not raw.strip() or raw.strip().startswith("data:"):
                continue
            absolute = urljoin(base, raw.strip())
            if absolute not in seen:
                seen.add(absolute)
                listing.images.append(absolute)
                listing.sources.setdefault("images", name)


def _default_availability(listing: ExtractedListing, root: HtmlElement, signals: Any) -> None:
    """No stated availability: an unpriced page saying "unavailable" near its title is out of
    stock; a priced page that says nothing is on offer, i.e. in stock."""
    if listing.price is None:
        text = title_block_text(root, signals)
        state = availability_from_text(text) if text else None
        if state == "OutOfStock":
            listing.availability = state
            listing.sources["availability"] = "heuristic"
        return
    listing.availability = "InStock"
    listing.sources["availability"] = "heuristic"


def _base_url(root: HtmlElement, url: str) -> str:
    href = root.xpath("//base/@href")
    if href and str(href[0]).strip():
        return urljoin(url, str(href[0]).strip())
    return url
