"""``render: api``: render one index page and one listing, learn their JSON API, crawl it over HTTP.

The steps, each a request so Scrapy's limits (size, time, robots, politeness) hold for all of them:

1. the start page is rendered with a short scroll, and the page's fetch log is read;
2. each URL it fetched is requested again (``probe``), then ``learn_index`` picks the one whose
   items link to the listings the page showed;
3. the first listing is rendered (and stored, like any listing), its fetches probed, and
   ``learn_detail`` maps its URL and fields to its JSON;
4. the index API is paged over HTTP; each listing is its JSON request, or, when no detail API was
   learnt, its rendered page as before.

Whatever cannot be learnt falls back to the browser, logged and counted under ``ecowarden/api/``;
the crawl never stores less than the browser path would. Learnt specs travel in request meta.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer
from twisted.python.failure import Failure

from crawler.browser import api_learning_methods, fetched_urls, page_method_result
from crawler.extraction.types import ExtractedListing
from crawler.items import ListingItem
from crawler.jsonapi import (
    ApiCall,
    DetailApi,
    IndexApi,
    json_links,
    learn_detail,
    learn_index,
    parse_json,
    query_params,
    with_param,
    without_param,
)
from crawler.search import SearchTerm
from crawler.spiders.base import GONE_STATUSES, PRIORITY_RECHECK
from crawler.spiders.search_mode import SEARCH_META, SearchingSpider
from crawler.urls import canonical_url

logger = logging.getLogger(__name__)

#: URLs a rendered page fetched that are probed while learning (the rest are not looked at)
MAX_PROBES = 12
#: a crawl whose learning has not ended by then goes on without it (rechecks use the browser)
LEARNING_DEADLINE_S = 180.0
#: an index API that keeps giving new pages beyond this is a trap (or a site to split into parts)
MAX_INDEX_PAGES = 20_000
_META = "ecowarden_api"
#: a search API is learnt from a results page that shows listings: this many terms are tried
MAX_SEARCH_LEARNING_TERMS = 20


def _index_links(spec: IndexApi, calls: list[ApiCall], page_url: str) -> list[str]:
    """The listing links of the learnt index's own response, in its order."""
    call = next((c for c in calls if c.url == spec.url and c.data is not None), None)
    if call is None:
        return []
    links, _next = spec.read(call.url, call.data, page_url)
    return [canonical_url(link) for link in links]


class ApiModeSpider(SearchingSpider):
    """The configured spider's base; API learning is only active for a site with ``render: api``."""

    config: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: the learnt detail API, for rechecks (requests carry their own copy in meta)
        self.api_detail: DetailApi | None = None
        self._api_learnt: defer.Deferred[None] = defer.Deferred()

    @property
    def api_mode(self) -> bool:
        return bool(self.config.render == "api")

    def learning_methods(self, *, index: bool) -> list[Any]:
        """How a page is rendered to learn from it: as the site's ``browser:`` options say."""
        return api_learning_methods(self.config.browser, index=index)

    # -- learning ---------------------------------------------------------------------------
    def api_discovery_request(self, url: str) -> scrapy.Request:
        self.count("ecowarden/render/browser")
        return scrapy.Request(
            url,
            callback=self.parse_api_discovery,
            errback=self.on_api_discovery_error,
            priority=10,
            dont_filter=True,
            meta={
                "playwright": True,
                "playwright_page_methods": self.learning_methods(index=True),
            },
        )

    def parse_api_discovery(self, response: Response) -> Iterable[Any]:
        self.count("ecowarden/pages/index")
        links = sorted(self.listing_links(response)) if isinstance(response, TextResponse) else []
        urls = page_method_result(response.meta, fetched_urls) or []
        if not links or not urls:
            yield from self._index_not_learnt(
                response.url, "the rendered page showed no listings or fetched nothing"
            )
            return
        shell = self.extract(response)
        state = {
            "step": "index",
            "page_url": response.url,
            "links": links,
            "shell": shell.to_dict() if shell is not None else None,
            "pending": urls[:MAX_PROBES],
            "calls": [],
        }
        yield from self._next_probe(state)

    def on_api_discovery_error(self, failure: Failure) -> Iterable[Any]:
        self.on_error(failure)
        request = failure.request  # type: ignore[attr-defined]
        yield from self._index_not_learnt(request.url, "the start page could not be rendered")

    def _next_probe(self, state: dict[str, Any]) -> Iterable[Any]:
        if state["pending"]:
            url, *rest = state["pending"]
            self.count("ecowarden/api/probes")
            yield scrapy.Request(
                url,
                callback=self.parse_api_probe,
                errback=self.on_api_probe_error,
                priority=30,
                dont_filter=True,
                # learning steps are not links deeper into the site: DEPTH_LIMIT is not theirs
                meta={_META: {**state, "pending": rest}, "handle_httpstatus_all": True, "depth_reset": True},
            )
            return
        calls = [ApiCall(c["url"], c["status"], c["body"]) for c in state["calls"]]
        if state["step"] == "index":
            yield from self._learn_index(state, calls)
        else:
            yield from self._learn_detail(state, calls)

    def parse_api_probe(self, response: Response) -> Iterable[Any]:
        state = dict(response.meta[_META])
        state["calls"] = [
            *state["calls"],
            {"url": response.url, "status": response.status, "body": response.body},
        ]
        yield from self._next_probe(state)

    def on_api_probe_error(self, failure: Failure) -> Iterable[Any]:
        request = failure.request  # type: ignore[attr-defined]
        self.count("ecowarden/api/probe_errors")
        yield from self._next_probe(dict(request.meta[_META]))

    def _learn_index(self, state: dict[str, Any], calls: list[ApiCall]) -> Iterable[Any]:
        spec = learn_index(calls, state["page_url"], set(state["links"]))
        if spec is None:
            yield from self._index_not_learnt(
                state["page_url"], "no JSON request's items link to the listings shown", state.get("search")
            )
            return
        self.count("ecowarden/api/index_learnt")
        logger.info(
            "%s: listing index API learnt: %s (items at %s)", self.site_key, spec.url, spec.items_path
        )
        # the listings to learn from are the ones the learnt index gives and the page showed
        shown = set(state["links"])
        listings = [link for link in _index_links(spec, calls, state["page_url"]) if link in shown]
        listings = listings or state["links"]
        sample = listings[0]
        self.count("ecowarden/render/browser")
        yield scrapy.Request(
            sample,
            callback=self.parse_api_sample,
            errback=self.on_api_sample_error,
            priority=30,
            meta={
                **self.listing_meta(sample),
                "playwright": True,
                "playwright_page_methods": self.learning_methods(index=False),
                "depth_reset": True,
                _META: {
                    "index": spec.to_meta(),
                    "shell": state.get("shell"),
                    "siblings": listings[1:20],
                    "search": state.get("search"),
                },
            },
        )

    def parse_api_sample(self, response: Response) -> Iterable[Any]:
        items = list(self.parse_listing(response))
        yield from items
        rendered = next((i.listing for i in items if isinstance(i, ListingItem)), None)
        urls = page_method_result(response.meta, fetched_urls) or []
        index = response.meta[_META]["index"]
        if rendered is None or not urls:
            yield from self._start_index(
                index,
                None,
                "the sample listing showed nothing to learn from",
                response.meta["ecowarden_canonical"],
                response.meta[_META].get("search"),
            )
            return
        state = {
            "step": "detail",
            "index": index,
            "listing_url": response.meta["ecowarden_canonical"],
            "rendered": rendered.to_dict(),
            "shell": response.meta[_META].get("shell"),
            "siblings": response.meta[_META].get("siblings") or [],
            "search": response.meta[_META].get("search"),
            "pending": urls[:MAX_PROBES],
            "calls": [],
        }
        yield from self._next_probe(state)

    def on_api_sample_error(self, failure: Failure) -> Iterable[Any]:
        self.on_error(failure)
        request = failure.request  # type: ignore[attr-defined]
        yield from self._start_index(
            request.meta[_META]["index"],
            None,
            "the sample listing could not be rendered",
            "",
            request.meta[_META].get("search"),
        )

    def _learn_detail(self, state: dict[str, Any], calls: list[ApiCall]) -> Iterable[Any]:
        rendered = ExtractedListing(**state["rendered"])
        shell = ExtractedListing(**state["shell"]) if state.get("shell") else None
        spec, why = learn_detail(calls, state["listing_url"], rendered, shell, state.get("siblings") or [])
        yield from self._start_index(state["index"], spec, why, state["listing_url"], state.get("search"))

    def _start_index(
        self,
        index: dict[str, Any],
        detail: DetailApi | None,
        why: str,
        sample: str,
        search: dict[str, Any] | None = None,
    ) -> Iterable[Any]:
        """Page the index API; ``sample`` (the listing rendered to learn from) is stored already.
        ``search``: what was learnt is a search API, and the search crawl's lanes start instead."""
        if detail is not None:
            self.api_detail = detail
            self.count("ecowarden/api/detail_learnt")
            logger.info("%s: listing detail API learnt: %s", self.site_key, detail.url_template)
        else:
            self.count("ecowarden/api/detail_not_learnt")
            logger.warning("%s: no listing detail API (%s); listings are rendered", self.site_key, why)
        self._learning_ended()
        if search is not None:
            yield from self._start_api_search(IndexApi.from_meta(index), search, sample)
            return
        meta = {"index": index, "detail": detail.to_meta() if detail else None, "sample": sample}
        yield self._api_index_request(IndexApi.from_meta(index).url, meta, first=True)

    def _index_not_learnt(
        self, page_url: str, why: str, search: dict[str, Any] | None = None
    ) -> Iterable[Any]:
        self.count("ecowarden/api/index_not_learnt")
        self._learning_ended()
        if search is not None:
            yield from self._search_through_browser(why)
            return
        logger.warning(
            "%s: no listing index API learnt (%s); the site is crawled through the browser",
            self.site_key,
            why,
        )
        yield self.index_request(page_url, dont_filter=True)

    def _learning_ended(self) -> None:
        if not self._api_learnt.called:
            self._api_learnt.callback(None)

    async def before_rechecks(self) -> None:
        """Rechecks wait for learning to end: they need to know how a listing is fetched."""
        if not self.api_mode:
            return
        from twisted.internet import reactor

        clock: Any = reactor
        timer = clock.callLater(LEARNING_DEADLINE_S, self._learning_ended)
        await maybe_deferred_to_future(self._api_learnt)
        if timer.active():
            timer.cancel()

    # -- crawling the API -------------------------------------------------------------------
    def _api_index_request(self, url: str, meta: dict[str, Any], *, first: bool = False) -> scrapy.Request:
        """One page of the index API. Pages of one list are not links deeper into the site, so
        DEPTH_LIMIT does not count them (``depth_reset``); ``MAX_INDEX_PAGES`` bounds them."""
        return scrapy.Request(
            url,
            callback=self.parse_api_index,
            errback=self.on_error,
            priority=10,
            dont_filter=first,
            meta={_META: meta, "depth_reset": True},
        )

    def parse_api_index(self, response: Response) -> Iterable[Any]:
        self.count("ecowarden/api/index_pages")
        meta = response.meta[_META]
        data = parse_json(response.body) if response.status == 200 else None
        if data is None:
            self.count("ecowarden/api/bad_responses")
            logger.warning(
                "%s: index API page %s gave no JSON (HTTP %d)", self.site_key, response.url, response.status
            )
            return
        index = IndexApi.from_meta(meta["index"])
        detail = DetailApi.from_meta(meta["detail"]) if meta.get("detail") else None
        links, next_url = index.read(response.url, data, self.base_url)
        for link in links:
            if self.in_scope(link) and link != meta.get("sample"):
                yield self.api_listing_request(link, detail)
        page = int(meta.get("page", 1))
        if next_url and page >= MAX_INDEX_PAGES:
            self.count("ecowarden/api/index_capped")
            logger.warning("%s: index API paged %d times; stopped as a trap", self.site_key, page)
        elif next_url:
            yield self._api_index_request(next_url, {**meta, "page": page + 1})

    def api_listing_request(
        self, url: str, detail: DetailApi | None, *, priority: int = 20
    ) -> scrapy.Request:
        """A listing as its JSON request when the detail API is known, else its rendered page."""
        api_url = detail.api_url(canonical_url(url)) if detail is not None else None
        if detail is None or api_url is None:
            return self.listing_request(url, priority=priority)
        return scrapy.Request(
            api_url,
            callback=self.parse_api_listing,
            errback=self.on_error,
            priority=priority,
            meta={**self.listing_meta(url), _META: {"detail": detail.to_meta()}},
        )

    def parse_api_listing(self, response: Response) -> Iterable[Any]:
        self.count("ecowarden/pages/listing")
        self.count("ecowarden/api/listings")
        page_url = response.meta["ecowarden_canonical"]
        if response.status in GONE_STATUSES:
            yield self.gone_item(response, f"http {response.status}")
            return
        data = parse_json(response.body)
        if not isinstance(data, dict):
            # the API changed under us: this listing through the browser, as before
            self.count("ecowarden/api/bad_responses")
            yield self.listing_request(page_url)
            return
        detail = DetailApi.from_meta(response.meta[_META]["detail"])
        listing = detail.listing(data, page_url)
        yield self.listing_item(response, listing, canonical=page_url)

    def recheck_request(self, url: str) -> scrapy.Request:
        if self.api_mode:
            return self.api_listing_request(url, self.api_detail, priority=PRIORITY_RECHECK)
        return super().recheck_request(url)

    # -- searching through the API (``render: api`` and ``search:``) ---------------------------
    # The first term's results page is rendered and its fetches probed like the start page's:
    # the JSON request whose items are the results shown is the search API, and the parameter
    # holding the term is where every other term goes. A term showing no results teaches
    # nothing: the next one is rendered, up to MAX_SEARCH_LEARNING_TERMS; failing that, every
    # results page is rendered.

    #: the learnt search API and the name of its query parameter
    search_api: tuple[IndexApi, str] | None = None

    def search_start_requests(self) -> list[scrapy.Request]:
        if not self.api_mode:
            return super().search_start_requests()
        return self._search_discovery(0)

    def rendered_search_url(self, term: SearchTerm) -> str | None:
        """The results page a person would open for ``term`` (the configured spider's)."""
        raise NotImplementedError

    def _search_discovery(self, tries: int) -> list[scrapy.Request]:
        assert self.search is not None
        while True:
            term = self.take_term()
            if term is None:
                return []
            url = self.rendered_search_url(term)
            if url is not None:
                break
            self.count("ecowarden/search/terms_skipped")
        if not self.search.allow():
            return []
        self.search.started += 1
        self.count("ecowarden/search/terms_searched")
        self.count("ecowarden/search/requests")
        self.count("ecowarden/render/browser")
        return [
            scrapy.Request(
                url,
                callback=self.parse_search_discovery,
                errback=self.on_search_discovery_error,
                priority=10,
                dont_filter=True,
                meta={
                    "playwright": True,
                    "playwright_page_methods": self.learning_methods(index=True),
                    SEARCH_META: {"term": term.to_meta(), "page": 1, "seen": [], "tries": tries},
                    "depth_reset": True,
                },
            )
        ]

    def parse_search_discovery(self, response: Response) -> Iterable[Any]:
        state = response.meta[SEARCH_META]
        term = SearchTerm.from_meta(state["term"])
        assert self.search is not None
        self.search.finish(term, exhausted=False)  # a rendered page: whether it showed all is unknown
        self.count("ecowarden/search/pages")
        links = self.search_results(response) if isinstance(response, TextResponse) else []
        yield from self.search_page_items(response, term, 1, links)
        urls = page_method_result(response.meta, fetched_urls) or []
        if not links:
            # nothing shown: the request that carried the term is the API's likely one; the next
            # terms go to it directly until one gives results to learn from
            wanted = term.term.casefold()
            candidate = next(
                (
                    (url, name)
                    for url in urls
                    for name, value in query_params(url).items()
                    if value.casefold() == wanted
                ),
                None,
            )
            if candidate is not None:
                yield from self._search_probe(candidate[0], candidate[1])
            elif state["tries"] + 1 < MAX_SEARCH_LEARNING_TERMS:
                yield from self._search_discovery(state["tries"] + 1)
            else:
                yield from self._search_through_browser(
                    f"the results pages of {MAX_SEARCH_LEARNING_TERMS} terms showed no listings"
                )
            return
        if not urls:
            yield from self._search_through_browser("the rendered results page fetched nothing")
            return
        learning = {
            "step": "index",
            "page_url": response.url,
            "links": links,
            "shell": None,
            "pending": urls[:MAX_PROBES],
            "calls": [],
            "search": {"term": term.to_meta(), "links": links},
        }
        yield from self._next_probe(learning)

    def _search_probe(self, candidate: str, param: str) -> Iterable[Any]:
        """The next term through the request an empty results page made (``param`` held its
        term), over HTTP. Each probe is a real search (its answer, empty or not, is recorded):
        probing goes on, one term at a time, until one finds results to learn the API from."""
        assert self.search is not None
        term = self.take_term()
        if term is None or not self.search.allow():
            yield from self._search_through_browser("no terms left to learn the search API with")
            return
        self.search.started += 1
        self.count("ecowarden/search/terms_searched")
        self.count("ecowarden/search/requests")
        self.count("ecowarden/api/probes")
        yield scrapy.Request(
            with_param(candidate, param, term.term),
            callback=self.parse_search_probe,
            errback=self.on_search_discovery_error,
            priority=30,
            dont_filter=True,
            meta={
                SEARCH_META: {
                    "term": term.to_meta(),
                    "page": 1,
                    "seen": [],
                    "candidate": [candidate, param],
                },
                "handle_httpstatus_all": True,
                "depth_reset": True,
            },
        )

    def parse_search_probe(self, response: Response) -> Iterable[Any]:
        state = response.meta[SEARCH_META]
        term = SearchTerm.from_meta(state["term"])
        assert self.search is not None
        self.search.finish(term, exhausted=False)
        self.count("ecowarden/search/pages")
        data = parse_json(response.body) if response.status == 200 else None
        call = ApiCall(response.url, response.status, response.body)
        shown = {link for link in json_links(data, self.base_url) if self.accepts_listing_url(link)}
        spec = learn_index([call], self.base_url, shown) if shown else None
        links = (
            [canonical_url(link) for link in spec.read(response.url, data, self.base_url)[0]] if spec else []
        )
        links = [link for link in dict.fromkeys(links) if self.in_scope(link)]
        yield from self.search_page_items(response, term, 1, links)
        if data is None:
            yield from self._search_through_browser(
                f"{response.url} answered no JSON (HTTP {response.status})"
            )
            return
        if spec is None or not links:
            candidate, param = state["candidate"]
            yield from self._search_probe(candidate, param)
            return
        learning: dict[str, Any] = {
            "page_url": self.base_url,
            "links": links,
            "shell": None,
            "search": {"term": term.to_meta(), "links": links},
        }
        yield from self._learn_index(learning, [call])

    def on_search_discovery_error(self, failure: Failure) -> Iterable[Any]:
        self.on_error(failure)
        self.count("ecowarden/search/page_errors")
        self.end_term_of(failure)
        yield from self._search_through_browser("the first results page could not be rendered")

    def _start_api_search(self, spec: IndexApi, search: dict[str, Any], sample: str) -> Iterable[Any]:
        """The learnt index is the search API: fetch the learning term's other results, then
        start the lanes (their terms go into the query parameter that held the learning term)."""
        term = SearchTerm.from_meta(search["term"])
        wanted = term.term.casefold()
        param = next(
            (name for name, value in query_params(spec.url).items() if value.casefold() == wanted), None
        )
        if param is None:
            yield from self._search_through_browser(f"the term is in no parameter of {spec.url}")
            return
        # the learning page asked for no particular page: the learnt URL is the first one
        if spec.page_param:
            spec = IndexApi.from_meta({**spec.to_meta(), "url": without_param(spec.url, spec.page_param)})
        self.search_api = (spec, param)
        self.count("ecowarden/search/api_learnt")
        logger.info("%s: search API learnt: %s (the term goes in %r)", self.site_key, spec.url, param)
        assert self.search is not None
        for link in search.get("links") or []:
            if link == sample or not self.search.allow():
                continue
            self.count("ecowarden/search/requests")
            yield self.search_result_request(link)
        yield from self.next_searches(self.search.lanes)

    def _search_through_browser(self, why: str) -> Iterable[Any]:
        self.count("ecowarden/search/api_not_learnt")
        logger.warning("%s: no search API learnt (%s); results pages are rendered", self.site_key, why)
        self.search_api = None
        self._learning_ended()
        assert self.search is not None
        yield from self.next_searches(self.search.lanes)

    def api_search_url(self, term: SearchTerm) -> str | None:
        if self.search_api is None:
            return None
        spec, param = self.search_api
        return with_param(spec.url, param, term.term)

    async def parse_api_search(self, response: Response) -> AsyncIterator[Any]:
        state = response.meta[SEARCH_META]
        term, page = SearchTerm.from_meta(state["term"]), int(state["page"])
        self.count("ecowarden/search/pages")
        assert self.search_api is not None
        spec, _param = self.search_api
        data = parse_json(response.body) if response.status == 200 else None
        links, next_url = spec.read(response.url, data, self.base_url) if data is not None else ([], None)
        results = list(dict.fromkeys(canonical_url(link) for link in links if self.in_scope(link)))
        for item in self.search_page_items(response, term, page, results):
            yield item
        for request in await self.follow_search(term, page, results, list(state.get("seen") or []), next_url):
            yield request

    # the configured spider's own
    def listing_links(self, response: TextResponse) -> set[str]:
        raise NotImplementedError

    def in_scope(self, url: str) -> bool:
        raise NotImplementedError

    def index_request(self, url: str, *, dont_filter: bool = False) -> scrapy.Request:
        raise NotImplementedError
