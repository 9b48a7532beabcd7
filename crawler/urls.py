"""URL identity: one listing, one canonical URL, whatever tracking junk the link carried."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_DIGITS = re.compile(r"\d+")
#: URLs remembered by :func:`canonical_url` (a few MB at most; a crawl's links repeat within pages)
CANONICAL_CACHE_SIZE = 16_384
_TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|gclid|fbclid|msclkid|yclid|mc_[a-z]+|ref_src|spm|scm|_ga|sessionid|phpsessid)$",
    re.IGNORECASE,
)


def is_http_url(value: str) -> bool:
    """An absolute http(s) URL with a host: what the CLI accepts as a crawl target or base URL."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@lru_cache(maxsize=CANONICAL_CACHE_SIZE)
def canonical_url(url: str) -> str:
    """Drop fragments and tracking parameters, sort the query, normalise case and escapes.

    Memoised: index pages link the same listings, sections and pages again and again (five links
    per page fetched on the demo classifieds), and w3lib's canonicalisation costs about as much as
    extracting a field."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)
    ]
    cleaned = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))
    return canonicalize_url(cleaned, keep_fragments=False)


def url_template(url: str) -> str:
    """Folds ids and slugs so all listing pages of a site share one template."""
    path = urlsplit(url).path
    parts: list[str] = []
    for segment in path.split("/"):
        if not segment:
            parts.append(segment)
        elif segment.isdigit():
            parts.append("#")
        elif any(c.isdigit() for c in segment) or segment.count("-") >= 2 or len(segment) > 40:
            parts.append("*")
        else:
            parts.append(segment.lower())
    return "/".join(parts)


def url_shape(url: str) -> str:
    """Host, path with numbers folded, and query keys: pages sharing a shape come from one template
    (or one trap). Only numbers are folded: folding slugs too would put every listing of a site in
    one shape before the generic spider has learned that the shape holds listings."""
    parts = urlsplit(url)
    keys = sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return f"{parts.netloc}{_DIGITS.sub('#', parts.path)}?{'&'.join(keys)}"


def site_key_for(url: str, *, prefix: bool = False) -> str:
    """The site a generic crawl belongs to: its host (and port), and folder for a prefix crawl."""
    parts = urlsplit(url)
    folder = (parts.path or "/")[: (parts.path or "/").rfind("/") + 1] if prefix else "/"
    return parts.netloc.lower() + (folder if folder != "/" else "")
