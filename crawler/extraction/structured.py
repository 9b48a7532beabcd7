"""Listing fields from schema.org data (JSON-LD and microdata), using extruct on the parsed tree.

Both syntaxes are normalised to JSON-LD-shaped dicts so one walker reads the vocabulary:
Product / IndividualProduct / Vehicle / Offer / AggregateOffer, nested, in lists or in @graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from extruct.jsonld import JsonLdExtractor
from extruct.w3cmicrodata import MicrodataExtractor
from lxml.html import HtmlElement

from .availability import normalise_availability
from .currencies import normalise_currency
from .price import parse_price
from .text import clean_text

PRODUCT_TYPES = frozenset(
    {
        "product",
        "individualproduct",
        "productmodel",
        "someproducts",
        "vehicle",
        "car",
        "motorcycle",
        "book",
        "event",
        "offer",
        "aggregateoffer",
        "realestatelisting",
        "classified",
    }
)
_OFFER_TYPES = frozenset({"offer", "aggregateoffer"})
_SKIP_PRICE_TYPES = re.compile(r"ListPrice|Strikethrough|MSRP|SRP|Invoice", re.IGNORECASE)
_PLAIN_DECIMAL = re.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")
_MAX_DEPTH = 12

_jsonld = JsonLdExtractor()
_microdata = MicrodataExtractor()


@dataclass
class StructuredFields:
    """The best product's fields, plus counts the listing score needs."""

    values: dict[str, Any] = field(default_factory=dict)
    product_count: int = 0
    offer_count: int = 0
    item_list: bool = False


def jsonld_items(root: HtmlElement) -> list[Any]:
    """Every JSON-LD block on the page; a malformed block is skipped, never fatal."""
    items: list[Any] = []
    for node in root.xpath('//script[@type="application/ld+json"]'):
        try:
            items.extend(_jsonld._extract_items(node))
        except Exception:
            continue
    return items


def microdata_items(root: HtmlElement, base_url: str) -> list[Any]:
    """Microdata items converted to JSON-LD shape; [] when the page has none or it is broken."""
    if not root.xpath("boolean(//*[@itemscope])"):
        return []
    try:
        return [_from_microdata(item) for item in _microdata.extract_items(root, base_url)]
    except Exception:
        return []


def _from_microdata(item: Any) -> Any:
    if isinstance(item, list):
        return [_from_microdata(v) for v in item]
    if not isinstance(item, dict):
        return item
    if "properties" not in item:
        return item
    out: dict[str, Any] = {}
    itype = item.get("type")
    if itype:
        out["@type"] = [_short(t) for t in itype] if isinstance(itype, list) else _short(itype)
    if item.get("id"):
        out["@id"] = item["id"]
    for key, value in (item.get("properties") or {}).items():
        out[key] = _from_microdata(value)
    if "value" in item and isinstance(item.get("value"), str):
        out.setdefault("@value", item["value"])
    return out


def _short(type_name: Any) -> str:
    text = str(type_name)
    return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type") or node.get("type")
    values = value if isinstance(value, list) else [value]
    return {_short(v).lower() for v in values if isinstance(v, str)}


def walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD structure, outermost first (document order)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from walk(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from walk(value, depth + 1)


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return next((v for v in value if v not in (None, "", [], {})), None)
    return value


def _scalar(value: Any) -> Any:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name", value.get("@id")))
    return _first(value)


def _offers(product: dict[str, Any]) -> list[dict[str, Any]]:
    if _types(product) & _OFFER_TYPES:
        found = [product]
    else:
        raw = product.get("offers")
        found = [o for o in (raw if isinstance(raw, list) else [raw]) if isinstance(o, dict)]
    expanded: list[dict[str, Any]] = []
    for offer in found:
        expanded.append(offer)
        inner = offer.get("offers")
        if isinstance(inner, dict | list):
            inner_list = inner if isinstance(inner, list) else [inner]
            expanded.extend(o for o in inner_list if isinstance(o, dict))
    return expanded


def structured_price(offer: dict[str, Any], hint: str | None) -> tuple[str | None, str | None]:
    """(amount, currency) from one Offer: price, lowPrice, or a non-list priceSpecification."""
    currency = normalise_currency(_as_str(_scalar(offer.get("priceCurrency"))), hint=hint)
    candidates: list[Any] = [offer.get("price"), offer.get("lowPrice")]
    specs = offer.get("priceSpecification")
    for spec in specs if isinstance(specs, list) else [specs]:
        if isinstance(spec, dict) and not _SKIP_PRICE_TYPES.search(str(spec.get("priceType", ""))):
            candidates.append(spec.get("price"))
            currency = currency or normalise_currency(_as_str(_scalar(spec.get("priceCurrency"))), hint=hint)
    for raw in candidates:
        amount, text_currency = _amount(_scalar(raw), currency or hint)
        if amount is not None:
            return amount, currency or text_currency
    return None, currency


def _amount(raw: Any, hint: str | None) -> tuple[str | None, str | None]:
    if isinstance(raw, bool) or raw is None:
        return None, None
    if isinstance(raw, int | float):
        if raw != raw or raw < 0:  # NaN or negative
            return None, None
        text = repr(raw)
        if "e" in text or "E" in text:
            return None, None
        return (text[:-2] if text.endswith(".0") else text), None
    if not isinstance(raw, str):
        return None, None
    if _PLAIN_DECIMAL.match(raw):
        return raw.strip(), None  # schema.org prices use '.' as the decimal separator
    return parse_price(raw, currency_hint=hint)


def _as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _name(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("legalName") or value.get("alternateName")
    return clean_text(_first(value), limit=500)


def _images(value: Any) -> list[str]:
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            url = _first(item.get("url") or item.get("contentUrl") or item.get("@id"))
            if isinstance(url, str):
                out.append(url)
    return out


def _place(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, str):
        return clean_text(value, limit=500)
    if not isinstance(value, dict):
        return None
    address = value.get("address")
    if isinstance(address, dict | list):
        text = _place(address)
        if text:
            return text
    parts = [
        _scalar(value.get(key))
        for key in ("addressLocality", "addressRegion", "postalCode", "addressCountry")
    ]
    joined = ", ".join(clean_text(p, limit=200) or "" for p in parts if isinstance(p, str | dict))
    joined = ", ".join(p.strip() for p in joined.split(",") if p.strip())
    if joined:
        return joined
    return _name(value) or clean_text(_as_str(_first(address)), limit=500)


def _product_fields(product: dict[str, Any], hint: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    offers = _offers(product)
    priced = None
    prices: list[tuple[str, str | None]] = []
    for offer in offers:
        amount, currency = structured_price(offer, hint)
        if amount is None or amount.strip("0.") == "":  # 0 is a placeholder, not a price
            continue
        prices.append((amount, currency))
        if priced is None:
            priced = (offer, amount, currency)  # by default the first priced offer is the one shown
    # every offer's price (variants, sale + list offers): the caller keeps the one the page shows
    values["_prices"] = prices
    offer = priced[0] if priced else (offers[0] if offers else {})
    if priced:
        values["price"] = priced[1]
        if priced[2]:
            values["currency"] = priced[2]
    else:
        cur = normalise_currency(_as_str(_scalar(offer.get("priceCurrency"))), hint=hint)
        if cur:
            values["currency"] = cur
    # per-size offers: the listing is in stock when any of them is
    states = [normalise_availability(_scalar(o.get("availability"))) for o in offers]
    availability = "InStock" if "InStock" in states else next((a for a in states if a), None)
    if availability is None:
        availability = normalise_availability(_scalar(product.get("availability")))
    if availability:
        values["availability"] = availability
    is_offer = bool(_types(product) & _OFFER_TYPES)
    item = product.get("itemOffered") if is_offer else None
    named = item if isinstance(item, dict) else product
    values["title"] = _name(named.get("name")) or _name(product.get("name"))
    values["description"] = clean_text(_scalar(named.get("description")), limit=50_000)
    values["sku"] = clean_text(
        _scalar(named.get("sku") or named.get("productID") or named.get("mpn") or offer.get("sku")),
        limit=200,
    )
    values["brand"] = _name(named.get("brand") or named.get("manufacturer"))
    values["images"] = _images(named.get("image") or product.get("image"))
    seller = offer.get("seller") or product.get("seller") or offer.get("offeredBy")
    values["seller_name"] = _name(seller)
    seller_first = _first(seller)
    if isinstance(seller_first, dict):
        sid = seller_first.get("@id") or seller_first.get("identifier") or seller_first.get("url")
        values["seller_id"] = clean_text(_scalar(sid), limit=500)
    values["posted_at"] = clean_text(
        _scalar(
            offer.get("validFrom")
            or product.get("datePosted")
            or offer.get("datePosted")
            or product.get("datePublished")
            or product.get("releaseDate")
        ),
        limit=100,
    )
    location = None
    for holder, key in (
        (offer, "availableAtOrFrom"),
        (offer, "areaServed"),
        (product, "availableAtOrFrom"),
        (product, "location"),
        (product, "address"),
        (offer, "eligibleRegion"),
    ):
        location = _place(holder.get(key))
        if location:
            break
    if not location and isinstance(seller_first, dict):
        location = _place(seller_first.get("address"))
    values["location"] = location
    values["_url"] = _scalar(product.get("url") or product.get("@id"))
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def extract_structured(items: list[Any], *, hint: str | None, title: str | None) -> StructuredFields:
    """Pick the page's main product among all schema.org items and read its fields.

    Pages list related products too; the main one is the first that has a price, preferring one
    whose name matches the page title.
    """
    result = StructuredFields()
    products: list[dict[str, Any]] = []
    nested_offers: set[int] = set()
    for node in walk(items):
        types = _types(node)
        if "itemlist" in types or "offercatalog" in types:
            result.item_list = True
        if not (types & PRODUCT_TYPES) and not (types and "offers" in node):
            continue
        if id(node) in nested_offers:
            continue
        for offer in _offers(node):
            if offer is not node:
                nested_offers.add(id(offer))
        products.append(node)
    if not products:
        return result
    result.product_count = sum(1 for p in products if not (_types(p) & _OFFER_TYPES))
    best: tuple[float, int, dict[str, Any]] | None = None
    title_key = _key(title)
    for index, product in enumerate(products):
        fields = _product_fields(product, hint)
        score = 0.0
        if "price" in fields:
            score += 2
        if not (_types(product) & _OFFER_TYPES):
            score += 0.5
        if title_key and fields.get("title") and _key(fields["title"]) in title_key:
            score += 1
        if best is None or score > best[0]:
            best = (score, index, fields)
        result.offer_count += len(_offers(product))
    assert best is not None
    result.values = best[2]
    return result


def _key(text: str | None) -> str:
    return re.sub(r"\W+", "", text or "").lower()
