"""Listing fields from <meta> tags: OpenGraph (og:, product:), Twitter cards and RDFa-lite.

One pass over the meta elements instead of extruct's OpenGraph extractor, because shops put
product:price:* meta tags with `name=` instead of `property=`, and outside <head>, which the
namespace-strict extractor skips.
"""

from __future__ import annotations

from typing import Any

from lxml.html import HtmlElement

from .availability import normalise_availability
from .currencies import normalise_currency
from .price import parse_price
from .text import clean_text

_PRICE_KEYS = (
    "product:sale_price:amount",
    "og:price:amount",
    "product:price:amount",
    "og:price",
    "product:price",
    "price",
)
_CURRENCY_KEYS = (
    "product:sale_price:currency",
    "og:price:currency",
    "product:price:currency",
    "pricecurrency",
    "currency",
)
_RDFA_FIELDS = {"price", "pricecurrency", "availability", "name"}


def meta_tags(root: HtmlElement) -> dict[str, str]:
    """Lower-cased meta key -> first non-empty content, including RDFa-lite `property` elements."""
    tags: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), content.strip())
    return tags


def rdfa_lite(root: HtmlElement) -> dict[str, str]:
    """schema.org properties marked with RDFa `property=` on ordinary elements."""
    found: dict[str, str] = {}
    for el in root.xpath("//body//*[@property]"):
        key = el.get("property", "").rsplit(":", 1)[-1].rsplit("/", 1)[-1].lower()
        if key in _RDFA_FIELDS and key not in found:
            value = el.get("content") or el.get("resource") or el.get("href") or el.text_content()
            text = clean_text(value, limit=500)
            if text:
                found[key] = text
    return found


def meta_fields(tags: dict[str, str], hint: str | None) -> dict[str, Any]:
    """Listing fields from meta tags; the values that the OpenGraph / product namespaces define."""
    values: dict[str, Any] = {}
    currency = None
    for key in _CURRENCY_KEYS:
        if key in tags:
            currency = normalise_currency(tags[key], hint=hint)
            if currency:
                break
    for key in _PRICE_KEYS:
        if key in tags:
            amount, text_currency = parse_price(tags[key], currency_hint=currency or hint)
            if amount is not None:
                values["price"] = amount
                currency = currency or text_currency
                break
    if currency:
        values["currency"] = currency
    for key in ("product:availability", "og:availability", "availability"):
        if key in tags:
            availability = normalise_availability(tags[key])
            if availability:
                values["availability"] = availability
                break
    values["title"] = clean_text(tags.get("og:title") or tags.get("twitter:title"), limit=1000)
    values["description"] = clean_text(
        tags.get("og:description") or tags.get("description") or tags.get("twitter:description"),
        limit=50_000,
    )
    image = tags.get("og:image") or tags.get("og:image:url") or tags.get("twitter:image")
    values["images"] = [image] if image else []
    values["brand"] = clean_text(tags.get("product:brand") or tags.get("og:brand"), limit=200)
    values["sku"] = clean_text(tags.get("product:retailer_item_id") or tags.get("product:sku"), limit=200)
    values["posted_at"] = clean_text(
        tags.get("article:published_time") or tags.get("og:updated_time"), limit=100
    )
    locality = [tags.get(k) for k in ("og:locality", "og:region", "og:country-name")]
    values["location"] = clean_text(", ".join(p for p in locality if p), limit=500)
    values["_url"] = tags.get("og:url")
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def rdfa_fields(found: dict[str, str], hint: str | None) -> dict[str, Any]:
    """Listing fields from RDFa-lite properties."""
    values: dict[str, Any] = {}
    currency = normalise_currency(found.get("pricecurrency"), hint=hint)
    if "price" in found:
        amount, text_currency = parse_price(found["price"], currency_hint=currency or hint)
        if amount is not None:
            values["price"] = amount
            currency = currency or text_currency
    if currency:
        values["currency"] = currency
    if "availability" in found:
        values["availability"] = normalise_availability(found["availability"])
    values["title"] = found.get("name")
    return {k: v for k, v in values.items() if v not in (None, "", [])}
