"""Repairs responses whose declared charset is wrong, before anything reads their text."""

from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.statscollectors import StatsCollector
from w3lib.encoding import html_body_declared_encoding, resolve_encoding

logger = logging.getLogger(__name__)
_SNIFF_BYTES = 200_000


def _decodes(body: bytes, encoding: str) -> bool:
    """Strictly decodable? The sample may end inside a multi-byte character: an incremental
    decoder (final=False) keeps that tail pending instead of calling it an error."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        decoder.decode(body[:_SNIFF_BYTES], final=len(body) <= _SNIFF_BYTES)
    except (LookupError, UnicodeDecodeError):
        return False
    return True


def repair_encoding(body: bytes, declared: str) -> str | None:
    """A better encoding than ``declared`` when the bytes say it is wrong, else None.

    Servers often send ``charset=utf-8`` for legacy pages; Scrapy trusts the header over the page
    and would replace every accented character. Try what the page itself declares, then detect.
    """
    if _decodes(body, declared):
        return None
    in_body = html_body_declared_encoding(body)
    if in_body and resolve_encoding(in_body) and _decodes(body, in_body):
        return in_body
    best = from_bytes(body[:_SNIFF_BYTES]).best()
    return best.encoding if best is not None else None


class EncodingRepairMiddleware:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EncodingRepairMiddleware:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if not isinstance(response, HtmlResponse) or not response.body:
            return response
        better = repair_encoding(response.body, response.encoding)
        if better is None or codecs.lookup(better).name == codecs.lookup(response.encoding).name:
            return response
        self.stats.inc_value("ecowarden/encoding/repaired")
        logger.info("%s declared %s but is %s", response.url, response.encoding, better)
        return response.replace(encoding=better)
