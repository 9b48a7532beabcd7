"""URL identity: one listing, one canonical URL, whatever tracking junk the link carried."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|gclid|fbclid|msclkid|yclid|mc_[a-z]+|ref_src|spm|scm|_ga|sessionid|phpsessid)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def canonical_url(url: str) -> str:
    """Drop fragments and tracking parameters, sort the query, normalise case and escapes."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)
    ]
    cleaned = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))
    return canonicalize_url(cleaned, keep_fragments=False)


def url_shape(url: str) -> str:
    """The URL with its numbers folded: pages sharing a shape come from one template (or trap)."""
    parts = urlsplit(url)
    keys = sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return f"{parts.netloc}{_DIGITS.sub('#', parts.path)}?{'&'.join(keys)}"


def same_site(url: str, netloc: str) -> bool:
    return urlsplit(url).netloc.lower() == netloc.lower()


def site_key_for(url: str, *, prefix: bool = False) -> str:
    """The site a generic crawl belongs to: its host (and port), and folder for a prefix crawl."""
    parts = urlsplit(url)
    folder = (parts.path or "/")[: (parts.path or "/").rfind("/") + 1] if prefix else "/"
    return parts.netloc.lower() + (folder if folder != "/" else "")
