"""What every ecowarden spider shares: listing requests, extraction, removal, error accounting."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.python.failure import Failure

from crawler.cluster.leases import lease_of
from crawler.extensions.runs import get_context
from crawler.extraction import extract_listing
from crawler.extraction.types import ExtractedListing
from crawler.items import ListingGoneItem, ListingItem
from crawler.urls import canonical_url
from storage.types import utcnow

logger = logging.getLogger(__name__)

GONE_STATUSES = (404, 410)
PRIORITY_RECHECK = -10
RECHECK_PAGE = 1000


class ListingSpider(scrapy.Spider):
    """Base of the generic and the configured spider. Callbacks are methods, so JOBDIR can pickle."""

    site_key: str = ""
    base_url: str = ""
    field_selectors: dict[str, str] | None = None
    removed_markers: tuple[str, ...] = ()

    def count(self, key: str, value: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, value)

    # -- requests ---------------------------------------------------------------------------
    @staticmethod
    def listing_meta(url: str) -> dict[str, Any]:
        """What marks a request as fetching the listing at ``url`` (whatever URL it requests: the
        page, or its JSON): resume and trap guards know it by this, and a 404/410 is its removal."""
        return {
            "ecowarden_listing": True,
            "ecowarden_canonical": canonical_url(url),
            "handle_httpstatus_list": list(GONE_STATUSES),
        }

    def listing_request(self, url: str, *, priority: int = 20, **meta: Any) -> scrapy.Request:
        return scrapy.Request(
            canonical_url(url),
            callback=self.parse_listing,
            errback=self.on_error,
            priority=priority,
            meta={**self.listing_meta(url), **meta},
        )

    async def recheck_requests(self) -> AsyncIterator[scrapy.Request]:
        """Revisit listings stored by earlier runs, so takedowns and edits are seen.

        Paged and read in a thread: a site with a million listings must neither block the
        reactor on one query nor hold a million requests in memory before the crawl starts.
        """
        context = get_context(self.crawler)
        if context is None:
            return
        after = 0
        while True:
            page = await maybe_deferred_to_future(
                threads.deferToThread(
                    context.store.active_listing_urls, context.site_id, after_id=after, limit=RECHECK_PAGE
                )
            )
            if not page:
                return
            after = page[-1][0]
            for _, url in page:
                if self.accepts_listing_url(url):
                    self.count("ecowarden/recheck/scheduled")
                    yield self.recheck_request(url)

    def recheck_request(self, url: str) -> scrapy.Request:
        return self.listing_request(url, priority=PRIORITY_RECHECK)

    # -- responses --------------------------------------------------------------------------
    def gone_item(self, response: Response, reason: str) -> ListingGoneItem:
        self.count("ecowarden/listings/gone_seen")
        canonical = response.meta.get("ecowarden_canonical") or canonical_url(response.url)
        return ListingGoneItem(self.site_key, canonical, utcnow(), reason)

    def extract(self, response: Response) -> ExtractedListing | None:
        if not isinstance(response, TextResponse):
            self.count("ecowarden/pages/not_html")
            return None
        limit = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        if limit and len(response.body) > limit:
            # the browser's DOM is not bounded by the downloader's size limit: this is
            self.count("ecowarden/pages/too_large")
            logger.warning(
                "%s: %d bytes rendered, over DOWNLOAD_MAXSIZE; skipped", response.url, len(response.body)
            )
            return None
        return extract_listing(
            response.body, response.url, encoding=response.encoding, selectors=self.field_selectors
        )

    def listing_item(
        self, response: Response, listing: ExtractedListing, *, canonical: str | None = None
    ) -> ListingItem:
        """``canonical``: the listing page's URL when the response is not that page (its JSON)."""
        return ListingItem(
            site_key=self.site_key,
            canonical_url=canonical or canonical_url(response.url),
            fetched_at=utcnow(),
            http_status=response.status,
            listing=listing,
            rendered=bool(response.meta.get("playwright")),
        )

    def is_removed(self, response: Response) -> str | None:
        if response.status in GONE_STATUSES:
            return f"http {response.status}"
        if self.removed_markers and isinstance(response, TextResponse):
            text = response.text
            for marker in self.removed_markers:
                if marker in text:
                    return f"marker: {marker}"
        return None

    def accepts_listing_url(self, url: str) -> bool:
        """Whether a URL may hold one of this site's listings (redirect targets are checked)."""
        return True

    def redirected(self, response: Response) -> tuple[ListingGoneItem | None, bool]:
        """A listing URL that now redirects elsewhere no longer holds that listing.

        Returns the removal of the requested URL (if it redirected) and whether the page reached
        may still be stored as a listing: only when it is in scope and shaped like one, so a
        listing that now redirects to its category page is a removal, not a new "listing".
        """
        requested = response.meta.get("ecowarden_canonical")
        final = canonical_url(response.url)
        if not requested or final == requested:
            return None, True
        self.count("ecowarden/listings/redirected")
        return self.gone_item(response, f"redirected to {final}"[:300]), self.accepts_listing_url(final)

    def listing_fate(self, response: Response) -> tuple[list[ListingGoneItem], bool]:
        """For a response to a listing URL: the removals it shows (gone, or redirected away) and
        whether the page reached may still be read as a listing."""
        reason = self.is_removed(response)
        if reason:
            return [self.gone_item(response, reason)], False
        moved, still_listing = self.redirected(response)
        return ([moved] if moved is not None else []), still_listing

    def parse_listing(self, response: Response) -> Iterable[Any]:
        self.count("ecowarden/pages/listing")
        removals, readable = self.listing_fate(response)
        yield from removals
        if not readable:
            return
        listing = self.extract(response)
        if listing is not None:
            yield self.listing_item(response, listing)

    def absolute_link(self, response: TextResponse, href: str) -> str | None:
        """The canonical absolute URL of a link, or None for one no URL parser accepts
        ("http://[::1", a port of 99999): counted and skipped, never fatal for the page."""
        try:
            return canonical_url(response.urljoin(href.strip()))
        except ValueError:
            self.count("ecowarden/links/malformed")
            return None

    def on_error(self, failure: Failure) -> None:
        """Count and log; one bad page never stops a crawl."""
        kind = failure.type.__name__ if failure.type else "unknown"
        request = getattr(failure, "request", None)
        if lease_of(request) is not None:  # a cluster run: its lease is done (imported only then)
            from crawler.cluster.extension import errback_done

            errback_done(self.crawler, request)
        if isinstance(failure.value, IgnoreRequest):
            # robots.txt refusals, resume skips, redirect limits: decisions, not failures
            self.count("ecowarden/ignored")
            logger.info("ignored %s: %s", request.url if request else "?", failure.getErrorMessage()[:200])
            return
        self.count(f"ecowarden/errors/{kind}")
        self.count("ecowarden/errors")
        logger.warning("%s on %s: %s", kind, request.url if request else "?", failure.getErrorMessage()[:200])

    async def start(self) -> AsyncIterator[Any]:
        for request in self.start_requests_list():
            yield request
        await self.before_rechecks()
        async for request in self.recheck_requests():
            yield request

    async def before_rechecks(self) -> None:
        """Awaited between the start requests and the rechecks (a spider that must first learn
        how to fetch a listing waits here)."""

    def start_requests_list(self) -> list[scrapy.Request]:
        raise NotImplementedError
