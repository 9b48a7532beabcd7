"""The spider for a marketplace described by a YAML file in ``crawler/sites/``."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from crawler.browser import page_methods
from crawler.search import ANY_LANGUAGE, SearchForm, SearchTerm, find_search_form, search_url
from crawler.sites import SiteConfig, load_site_file, load_sites
from crawler.spiders.api_mode import ApiModeSpider
from crawler.spiders.search_mode import PRIORITY_RESULT

logger = logging.getLogger(__name__)


class SiteSpider(ApiModeSpider):
    name = "site"

    def __init__(self, site: SiteConfig | str = "", base_url: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        config = site if isinstance(site, SiteConfig) else self._load(site)
        if base_url:
            config = config.with_base_url(base_url)
        self.config = config
        self.site_key = config.name
        self.base_url = config.base_url
        self.start_urls = config.absolute_start_urls()
        self.field_selectors = config.fields or None
        self.removed_markers = config.removed_markers
        self.netloc = urlsplit(config.base_url).netloc.lower()
        # Scrapy's offsite middleware then drops requests, redirects included, to other hosts
        self.allowed_domains = [urlsplit(config.base_url).hostname or ""]
        self.allowed = re.compile(config.allowed_url_pattern) if config.allowed_url_pattern else None
        self.listing_pattern = re.compile(config.listing_url_pattern) if config.listing_url_pattern else None

    @staticmethod
    def _load(name: str) -> SiteConfig:
        if name.endswith((".yaml", ".yml")):
            from pathlib import Path

            return load_site_file(Path(name))
        sites = load_sites()
        if name not in sites:
            raise ValueError(f"unknown site {name!r}; known: {', '.join(sorted(sites))}")
        return sites[name]

    # -- requests ---------------------------------------------------------------------------
    def _browser_meta(self, *, index: bool) -> dict[str, Any]:
        needs = self.config.render != "http" if index else self.config.listings_need_browser
        if not needs:
            return {}
        self.count("ecowarden/render/browser")
        return {"playwright": True, "playwright_page_methods": page_methods(self.config.browser, index=index)}

    def index_request(self, url: str, *, dont_filter: bool = False) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_index,
            errback=self.on_error,
            priority=10,
            dont_filter=dont_filter,
            meta=self._browser_meta(index=True),
        )

    def listing_request(self, url: str, *, priority: int = 20, **meta: Any) -> scrapy.Request:
        return super().listing_request(url, priority=priority, **meta, **self._browser_meta(index=False))

    def start_requests_list(self) -> list[scrapy.Request]:
        if self.api_mode:  # the API is learnt from the first start page (crawler/spiders/api_mode.py)
            first, *rest = self.start_urls
            return [
                self.api_discovery_request(first),
                *(self.index_request(u, dont_filter=True) for u in rest),
            ]
        return [self.index_request(u, dont_filter=True) for u in self.start_urls]

    # -- scope ------------------------------------------------------------------------------
    def in_scope(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.netloc:
            return False
        return self.allowed is None or bool(
            self.allowed.search(parts.path + ("?" + parts.query if parts.query else ""))
        )

    def accepts_listing_url(self, url: str) -> bool:
        return self.in_scope(url) and (self.listing_pattern is None or self.is_listing_url(url))

    def is_listing_url(self, url: str) -> bool:
        return self.listing_pattern is not None and bool(self.listing_pattern.search(urlsplit(url).path))

    # -- callbacks --------------------------------------------------------------------------
    def listing_links(self, response: TextResponse) -> set[str]:
        """The in-scope listing URLs an index page links to."""
        return set(self.ordered_listing_links(response, self.config.listing_links))

    def ordered_listing_links(self, response: TextResponse, selectors: Iterable[str]) -> list[str]:
        """The in-scope listing URLs the selectors (and the listing URL pattern) find, in page order."""
        listings: dict[str, None] = {}
        for css in selectors:
            for href in response.css(css).xpath("@href").getall():
                url = self.absolute_link(response, href)
                if url and self.in_scope(url):
                    listings.setdefault(url)
        if self.listing_pattern is not None:
            for href in response.xpath("//a/@href").getall():
                url = self.absolute_link(response, href)
                if url and self.in_scope(url) and self.is_listing_url(url):
                    listings.setdefault(url)
        return list(listings)

    # -- searching (``search:``; crawler/spiders/search_mode.py) --------------------------------
    def search_start_requests(self) -> list[scrapy.Request]:
        options = self.config.search
        if options is None:
            logger.error("%s has no search: configured; a search crawl needs one", self.site_key)
            self.count("ecowarden/search/not_configured")
            return []
        if options.url is not None:
            return super().search_start_requests()
        # a form: the first start page is fetched to find it, then the lanes start
        return [
            scrapy.Request(
                self.start_urls[0],
                callback=self.parse_search_form_page,
                errback=self.on_error,
                dont_filter=True,
                meta=self._browser_meta(index=True),
            )
        ]

    def parse_search_form_page(self, response: Response) -> Iterable[Any]:
        options = self.config.search
        assert options is not None and self.search is not None
        form = (
            find_search_form(response.selector, response.url, options.form)
            if isinstance(response, TextResponse)
            else None
        )
        if form is None:
            self.count("ecowarden/search/no_form")
            logger.error("%s: no search form %r on %s", self.site_key, options.form, response.url)
            return
        self.search_form = form
        yield from self.next_searches(self.search.lanes)

    def first_search_url(self, term: SearchTerm) -> str | None:
        if self.api_mode and self.search_api is not None:
            return self.api_search_url(term) if self._searched_in(term) else None
        return self.rendered_search_url(term)

    def _searched_in(self, term: SearchTerm) -> bool:
        options = self.config.search
        return options is None or not options.languages or term.language in (*options.languages, ANY_LANGUAGE)

    def search_request_meta(self) -> dict[str, Any]:
        if self.config.render == "http" or (self.api_mode and self.search_api is not None):
            return {}
        self.count("ecowarden/render/browser")
        return {"playwright": True, "playwright_page_methods": page_methods(self.config.browser, index=True)}

    def search_callback(self) -> Any:
        if self.api_mode and self.search_api is not None:
            return self.parse_api_search
        return self.parse_search

    def search_result_request(self, url: str) -> scrapy.Request:
        if self.api_mode:
            return self.api_listing_request(url, self.api_detail, priority=PRIORITY_RESULT)
        return super().search_result_request(url)

    def rendered_search_url(self, term: SearchTerm) -> str | None:
        options = self.config.search
        if options is None or not self._searched_in(term):
            return None
        if options.url is not None:
            return search_url(self.base_url, options.url, term.term, 1)
        form: SearchForm | None = getattr(self, "search_form", None)
        return form.url_for(term.term) if form is not None else None

    def next_search_url(self, response: TextResponse, term: SearchTerm, page: int) -> str | None:
        options = self.config.search
        if options is None:
            return None
        if options.url is not None and "{page}" in options.url:
            return search_url(self.base_url, options.url, term.term, page + 1)
        if options.next_page:
            href = response.css(options.next_page).xpath("@href").get()
            return self.absolute_link(response, href) if href else None
        return None

    def search_results(self, response: TextResponse) -> list[str]:
        options = self.config.search
        selectors = options.results if options is not None and options.results else self.config.listing_links
        return self.ordered_listing_links(response, selectors)

    def parse_index(self, response: Response) -> Iterable[Any]:
        self.count("ecowarden/pages/index")
        if not isinstance(response, TextResponse):
            return
        listings = self.listing_links(response)
        for link in sorted(listings):
            yield self.listing_request(link)
        for css in self.config.follow:
            for href in response.css(css).xpath("@href").getall():
                url = self.absolute_link(response, href)
                if url and self.in_scope(url) and url not in listings and not self.is_listing_url(url):
                    yield self.index_request(url)
