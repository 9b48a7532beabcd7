"""Focused crawling: fetch what probably leads to listings first, learn URL templates on the way."""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

from crawler.urls import url_template

_SKIP = re.compile(
    r"(^|[/_.?&=-])(login|logout|log-in|signin|sign-in|signup|sign-up|register|cart|basket|checkout|"
    r"wishlist|compare|print|share|account|password|subscribe)([/_.?&=-]|$)",
    re.IGNORECASE,
)
_LISTING_HINT = re.compile(
    r"/(item|items|ad|ads|advert|listing|listings|product|products|produto|produit|producto|"
    r"offer|offers|thread|threads|topic|p|dp|anuncio|annonce|iklan|sanpham|san-pham)/",
    re.IGNORECASE,
)
_PAGINATION_URL = re.compile(r"([?&](page|p|pg|offset|start|cursor)=\d+)|(/page/\d+)", re.IGNORECASE)
_PAGINATION_TEXT = re.compile(
    r"^\s*(next|more|»|›|>|siguiente|próxima|proxima|suivant|下一页|下页|tiếp|selanjutnya|berikutnya|\d+)\s*[»›>]?\s*$",
    re.IGNORECASE,
)
_SKIP_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|gz|mp4|mp3|woff2?|ttf)$", re.I)

PRIORITY_LEARNED_LISTING = 30
PRIORITY_LISTING_HINT = 20
PRIORITY_PAGINATION = 15
PRIORITY_OTHER = 5
PRIORITY_BARREN = 0


class LinkScorer:
    """Scores links by what their URL template yielded so far; starts from URL hints."""

    def __init__(self, min_samples: int = 3) -> None:
        self.min_samples = min_samples
        self.seen: dict[str, int] = defaultdict(int)
        self.listings: dict[str, int] = defaultdict(int)
        self.rendered: dict[str, int] = defaultdict(int)

    def learn(self, url: str, *, is_listing: bool, needed_browser: bool = False) -> None:
        template = url_template(url)
        self.seen[template] += 1
        if is_listing:
            self.listings[template] += 1
        if needed_browser:
            self.rendered[template] += 1

    def listing_rate(self, url: str) -> float | None:
        template = url_template(url)
        seen = self.seen.get(template, 0)
        if seen < self.min_samples:
            return None
        return self.listings.get(template, 0) / seen

    def probably_listing(self, url: str) -> bool:
        rate = self.listing_rate(url)
        return rate is not None and rate >= 0.5

    def needs_browser(self, url: str) -> bool:
        template = url_template(url)
        seen = self.seen.get(template, 0)
        return seen >= self.min_samples and self.rendered.get(template, 0) / seen >= 0.5

    @staticmethod
    def skip(url: str) -> bool:
        path = urlsplit(url)
        return bool(_SKIP.search(path.path + "?" + path.query) or _SKIP_EXT.search(path.path))

    def priority(self, url: str, anchor_text: str = "", rel: str = "") -> int:
        rate = self.listing_rate(url)
        if rate is not None:
            if rate >= 0.5:
                return PRIORITY_LEARNED_LISTING
            if rate == 0 and self.seen[url_template(url)] >= 20 and not _PAGINATION_URL.search(url):
                return PRIORITY_BARREN
        if _LISTING_HINT.search(urlsplit(url).path):
            return PRIORITY_LISTING_HINT
        if "next" in rel.lower() or _PAGINATION_URL.search(url) or _PAGINATION_TEXT.match(anchor_text):
            return PRIORITY_PAGINATION
        return PRIORITY_OTHER
