"""The spider that needs nothing but a start URL: focused, on-site, renders only what needs it."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import scrapy
from lxml import html as lxml_html
from scrapy.http import Response, TextResponse

from crawler.browser import generic_learning_methods, generic_page_methods
from crawler.focus import LinkScorer
from crawler.search import CONTROL_QUERY, SearchForm, SearchTerm, dominant_links, find_search_form
from crawler.spiders.api_mode import ApiModeSpider
from crawler.spiders.base import GONE_STATUSES, PRIORITY_RECHECK
from crawler.spiders.search_mode import PRIORITY_RESULT
from crawler.urls import canonical_url, site_key_for

logger = logging.getLogger(__name__)

#: a page scoring this high is stored as a listing
LISTING_THRESHOLD = 0.5
_SHELL_TEXT_CHARS = 400


def looks_like_js_shell(response: TextResponse) -> bool:
    """Little text, few links and scripts that will build the page: only a browser sees it."""
    try:
        tree = lxml_html.fromstring(response.body[:2_000_000])
    except (ValueError, lxml_html.etree.ParserError):
        return False
    scripts = [
        node
        for node in tree.xpath("//script")
        if (node.get("type") or "text/javascript").lower()
        in {"text/javascript", "module", "application/javascript", ""}
        and (node.get("src") or len(node.text or "") > 200)
    ]
    if not scripts:
        return False
    for node in tree.xpath("//script | //style | //noscript"):
        node.drop_tree()
    text = " ".join(tree.text_content().split())
    links = tree.xpath("//a[@href]")
    return len(text) < _SHELL_TEXT_CHARS and len(links) < 10


class GenericSpider(ApiModeSpider):
    """Follows links by how much they look like leading to listings; a page that is a script shell
    is rendered. The first such index page is rendered to learn the JSON API behind it
    (``ApiModeSpider``, as ``render: api`` does for a configured site): when its items link to the
    listings the page showed, the listings are crawled through the API over HTTP, and through the
    browser only when no detail API was learnt."""

    name = "generic"

    def __init__(self, url: str = "", scope: str = "prefix", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not url:
            raise ValueError("the generic spider needs a start url")
        if scope not in ("prefix", "host"):
            raise ValueError("scope must be 'prefix' or 'host'")
        self.start_urls = [url]
        self.netloc = urlsplit(url).netloc.lower()
        # Scrapy's offsite middleware then drops requests, redirects included, to other hosts
        self.allowed_domains = [urlsplit(url).hostname or ""]
        # Like wget's --no-parent: a start URL inside a folder means "this part of the site".
        path = urlsplit(url).path or "/"
        self.path_prefix = path[: path.rfind("/") + 1] if scope == "prefix" else "/"
        self.site_key = kwargs.get("site_key") or site_key_for(url, prefix=scope == "prefix")
        self.base_url = f"{urlsplit(url).scheme}://{self.netloc}/"
        self.scorer = LinkScorer()
        #: whether a script-shell index page has been rendered to learn its API (once a crawl)
        self.api_tried = False

    def start_requests_list(self) -> list[scrapy.Request]:
        return [
            scrapy.Request(u, callback=self.parse, errback=self.on_error, dont_filter=True)
            for u in self.start_urls
        ]

    def recheck_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            priority=PRIORITY_RECHECK,
            meta=self.listing_meta(url),
        )

    def _browser_request(
        self, url: str, response_meta: dict[str, Any], *, again: bool = False, priority: int = 0
    ) -> scrapy.Request:
        """``again``: the URL was just fetched without a browser, so the dupefilter must let it by."""
        self.count("ecowarden/render/browser")
        meta = {k: v for k, v in response_meta.items() if k.startswith("ecowarden_")}
        meta.update(
            playwright=True,
            playwright_page_methods=generic_page_methods(),
            handle_httpstatus_list=list(GONE_STATUSES),
        )
        return scrapy.Request(
            url, callback=self.parse, errback=self.on_error, dont_filter=again, meta=meta, priority=priority
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterable[Any]:
        self.count("ecowarden/pages/generic")
        if response.meta.get("ecowarden_listing"):
            removals, readable = self.listing_fate(response)
            yield from removals
            if not readable:
                return
        if not isinstance(response, TextResponse) or response.status >= 400:
            return
        rendered = bool(response.meta.get("playwright"))
        listing = self.extract(response)
        is_listing = bool(listing and listing.title and listing.listing_score >= LISTING_THRESHOLD)
        if not is_listing and not rendered and looks_like_js_shell(response):
            self.scorer.learn(response.url, is_listing=False, needed_browser=True)
            if not self.api_tried and not response.meta.get("ecowarden_listing"):
                self.api_tried = True
                self.count("ecowarden/api/learning_started")
                yield self.api_discovery_request(response.url)
                return
            yield self._browser_request(response.url, response.meta, again=True)
            return
        self.scorer.learn(response.url, is_listing=is_listing, needed_browser=rendered)
        if is_listing and listing is not None:
            yield self.listing_item(response, listing)
        yield from self.follow_links(response)

    # -- what API learning needs from a spider (see ApiModeSpider) ----------------------------
    @property
    def api_mode(self) -> bool:
        """Never for rechecks: they are made at the start, before anything can be learnt, and go
        through ``recheck_request`` below (fetched, and rendered when they are script shells)."""
        return False

    def learning_methods(self, *, index: bool) -> list[Any]:
        return generic_learning_methods()

    def listing_links(self, response: TextResponse) -> set[str]:
        """Every in-scope link of the rendered page: the index API is the one whose items link to
        some of them (navigation links are in no item)."""
        page = canonical_url(response.url)
        links: set[str] = set()
        for href in response.xpath("//a[@href]/@href").getall():
            url = self.absolute_link(response, href.strip())
            if url and url != page and self.in_scope(url):
                links.add(url)
        return links

    def index_request(self, url: str, *, dont_filter: bool = False) -> scrapy.Request:
        """No API learnt: the page through the browser, then its links as usual."""
        return self._browser_request(url, {}, again=dont_filter)

    def listing_request(self, url: str, *, priority: int = 20, **meta: Any) -> scrapy.Request:
        """A listing the API index gave but no detail API can fetch: rendered, like any JS page."""
        return self._browser_request(url, {**self.listing_meta(url), **meta}, priority=priority)

    def accepts_listing_url(self, url: str) -> bool:
        return self.in_scope(url)

    def in_scope(self, url: str) -> bool:
        parts = urlsplit(url)
        return (
            parts.scheme in ("http", "https")
            and parts.netloc.lower() == self.netloc
            and (parts.path or "/").startswith(self.path_prefix)
        )

    def follow_links(self, response: TextResponse) -> Iterable[scrapy.Request]:
        seen: set[str] = set()
        for anchor in response.xpath("//a[@href]"):
            href = anchor.attrib.get("href", "").strip()
            if not href or href.startswith(("#", "mailto:", "javascript:", "tel:", "data:")):
                continue
            url = self.absolute_link(response, href)
            if url is None or not self.in_scope(url):
                continue
            if url in seen or self.scorer.skip(url):
                continue
            seen.add(url)
            text = " ".join(anchor.xpath("normalize-space(.)").getall())[:80]
            priority = self.scorer.priority(url, text, anchor.attrib.get("rel", ""))
            meta: dict[str, Any] = {}
            if self.scorer.probably_listing(url):
                meta.update(self.listing_meta(url))
            if self.scorer.needs_browser(url):
                yield self._browser_request(url, meta, priority=priority)
                continue
            yield scrapy.Request(
                url, callback=self.parse, errback=self.on_error, priority=priority, meta=meta
            )

    # -- searching: the site's own search form (crawler/spiders/search_mode.py) ---------------
    search_form: SearchForm | None = None
    #: the links a results page for nothing showed (the template's, never results)
    search_boilerplate: set[str] = set()  # noqa: RUF012  (replaced, never mutated)

    def search_start_requests(self) -> list[scrapy.Request]:
        """The start page first: its search form is what every term is submitted to."""
        return [
            scrapy.Request(
                self.start_urls[0], callback=self.parse_search_home, errback=self.on_error, dont_filter=True
            )
        ]

    def parse_search_home(self, response: Response) -> Iterable[Any]:
        form = (
            find_search_form(response.selector, response.url) if isinstance(response, TextResponse) else None
        )
        if form is not None and urlsplit(form.action).netloc.lower() != self.netloc:
            form = None  # a search on another site (a web search box) is not this site's
        if form is None:
            self.count("ecowarden/search/no_form")
            logger.error(
                "%s: no search form on %s (a GET form with one text input); give the site a "
                "site file with search: to search it",
                self.site_key,
                response.url,
            )
            return
        self.search_form = form
        self.count("ecowarden/search/form_found")
        logger.info("%s: search form found: %s (the term goes in %r)", self.site_key, form.action, form.field)
        # a search for nothing first: what its page shows is the template, not results
        yield scrapy.Request(
            form.url_for(CONTROL_QUERY),
            callback=self.parse_search_control,
            errback=self.on_search_error,
            dont_filter=True,
        )

    def parse_search_control(self, response: Response) -> Iterable[Any]:
        if isinstance(response, TextResponse):
            self.search_boilerplate = set(self._in_scope_links(response))
        assert self.search is not None
        yield from self.next_searches(self.search.lanes)

    def first_search_url(self, term: SearchTerm) -> str | None:
        return self.search_form.url_for(term.term) if self.search_form is not None else None

    def next_search_url(self, response: TextResponse, term: SearchTerm, page: int) -> str | None:
        """The page's ``rel=next`` link, or a link to the same search whose one changed
        parameter is the next page's number."""
        here = urlsplit(response.url)
        current = dict(parse_qsl(here.query, keep_blank_values=True))
        for href in response.xpath(
            '//a[contains(concat(" ", normalize-space(@rel), " "), " next ")]/@href'
        ).getall():
            url = self.absolute_link(response, href)
            if url and urlsplit(url).netloc.lower() == self.netloc:
                return url
        for href in response.xpath("//a/@href").getall():
            url = self.absolute_link(response, href)
            if not url or urlsplit(url).path != here.path or urlsplit(url).netloc.lower() != self.netloc:
                continue
            query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
            changed = {k for k in query.keys() | current.keys() if query.get(k) != current.get(k)}
            if len(changed) == 1 and query.get(next(iter(changed))) == str(page + 1):
                return url
        return None

    def _in_scope_links(self, response: TextResponse) -> list[str]:
        links = []
        for href in response.xpath("//a/@href").getall():
            url = self.absolute_link(response, href)
            if url and self.in_scope(url):
                links.append(url)
        return links

    def search_results(self, response: TextResponse) -> list[str]:
        return dominant_links(
            self._in_scope_links(response),
            exclude_path=urlsplit(response.url).path,
            boilerplate=self.search_boilerplate,
        )

    def search_result_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_search_result,
            errback=self.on_error,
            priority=PRIORITY_RESULT,
            meta=self.listing_meta(url),
        )

    def parse_search_result(self, response: Response) -> Iterable[Any]:
        """A result: stored when it reads as a listing (rendered first if it is a script shell);
        its links are not followed (a search crawl does not wander off into the site)."""
        self.count("ecowarden/pages/generic")
        removals, readable = self.listing_fate(response)
        yield from removals
        if not readable or not isinstance(response, TextResponse) or response.status >= 400:
            return
        listing = self.extract(response)
        if listing and listing.title and listing.listing_score >= LISTING_THRESHOLD:
            yield self.listing_item(response, listing)
        elif not response.meta.get("playwright") and looks_like_js_shell(response):
            request = self._browser_request(response.url, response.meta, again=True)
            yield request.replace(callback=self.parse_search_result)
        else:
            self.count("ecowarden/search/results_not_listings")
