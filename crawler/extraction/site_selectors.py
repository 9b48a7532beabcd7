"""Per-site CSS selectors from a site's YAML config, in Scrapy/parsel syntax.

Selectors are the operator's explicit knowledge of a site and so beat everything else; a broken
selector is ignored rather than failing the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml.html import HtmlElement
from parsel import Selector

from .availability import normalise_availability
from .price import parse_price
from .text import clean_text, limit_for

_LIST_FIELDS = frozenset({"images"})


def selector_fields(root: HtmlElement, selectors: Mapping[str, str], hint: str | None) -> dict[str, Any]:
    """Apply `selectors` (field name -> CSS) to the already-parsed tree."""
    values: dict[str, Any] = {}
    if not selectors:
        return values
    page = Selector(root=root, type="html")
    for name, css in selectors.items():
        if not css or not isinstance(css, str):
            continue
        try:
            found = page.css(css).getall()
        except Exception:
            continue
        texts = [t for t in (clean_text(_plain(v), limit=limit_for(name)) for v in found) if t]
        if not texts:
            continue
        if name in _LIST_FIELDS:
            values[name] = texts
        elif name == "price":
            amount, currency = parse_price(" ".join(texts[:3]), currency_hint=hint)
            if amount is not None:
                values["price"] = amount
                if currency and "currency" not in values:
                    values["currency"] = currency
        elif name == "availability":
            availability = normalise_availability(texts[0])
            if availability:
                values["availability"] = availability
        elif name == "description":
            values[name] = clean_text(" ".join(texts), limit=limit_for(name))
        else:
            values[name] = texts[0]
    return values


def _plain(value: str) -> str:
    """Selectors without ::text return markup; keep only its text."""
    if value.lstrip().startswith("<"):
        try:
            return str(Selector(text=value).xpath("string()").get() or "")
        except Exception:
            return value
    return value
