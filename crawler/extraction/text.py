"""Plain-text helpers shared by the extractors: every text field leaves as tag-free, tidy text."""

from __future__ import annotations

import html
import re
from typing import Any

_WS = re.compile(r"\s+")
# Only formatting markup is removed: sites put <p>/<br>/<b> into JSON-LD descriptions, but
# anything else in angle brackets ("<script>", "<img onerror=...>") is text the seller typed, and
# it stays, as inert text, because altering evidence to look harmless hides what was offered.
_TAG = re.compile(
    r"</?(?:p|br|b|i|u|em|strong|small|big|sup|sub|span|div|font|ul|ol|li|dl|dt|dd|h[1-6]|a|"
    r"table|thead|tbody|tr|td|th|hr|blockquote|pre|code|center|section|article)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: text fields are capped so one hostile page cannot bloat every downstream store
MAX_TEXT = {"description": 50_000}
DEFAULT_MAX_TEXT = 2_000


def clean_text(value: Any, *, limit: int = DEFAULT_MAX_TEXT) -> str | None:
    """Turn any scraped value into whitespace-normalised plain text, or None when empty.

    Values from JSON-LD and meta tags often carry entities and formatting markup; entities are
    decoded and formatting tags removed. The result is stored and displayed as text, never markup.
    """
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = next((v for v in value if isinstance(v, str | int | float) and str(v).strip()), None)
        if value is None:
            return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
        if not isinstance(value, str | int | float):
            return None
    text = str(value)
    if len(text) > limit * 4:
        text = text[: limit * 4]
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = _CONTROL.sub("", text)
    text = _WS.sub(" ", text).strip()
    if not text:
        return None
    return text[:limit]


def limit_for(field_name: str) -> int:
    """Maximum length kept for a text field."""
    return MAX_TEXT.get(field_name, DEFAULT_MAX_TEXT)
