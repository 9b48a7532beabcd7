"""Search crawls: a watchlist's terms run against a site's search, not the whole site crawled.

A spider given ``watch_terms`` (the plan: best term first) searches instead of crawling from its
start URLs. A few *lanes* run at once: a lane searches one term, pages through its results (up
to ``search_pages_per_query``, and only while a page shows results the term has not shown yet),
then takes the next term. Every request (result page or listing) counts against the run's
budget; when it is spent, no more searches start and the results not fetched stay recorded as
seen. Each result page becomes a ``SearchPageItem`` (the listing URLs it showed: their
provenance); results stored and seen recently are not fetched again.

How a site is searched is its spider's: a URL template, a form found on a page, or a JSON API
learnt from the rendered search page (``render: api``).
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.python.failure import Failure

from crawler.extensions.runs import get_context
from crawler.items import SearchPageItem
from crawler.search import SearchTerm
from crawler.spiders.base import ListingSpider
from storage.types import utcnow
from storage.watchlists import SearchPageRecord

logger = logging.getLogger(__name__)

SEARCH_META = "ecowarden_search"
#: result pages of one term are fetched before the next term's first page, listings before both
PRIORITY_SEARCH = 5
PRIORITY_SEARCH_NEXT = 8
PRIORITY_RESULT = 20
#: terms searched at the same time (each lane pages through one term's results)
DEFAULT_LANES = 2


def query_words(term: str) -> frozenset[str]:
    """The words a site's search would look for (case never matters to one)."""
    return frozenset(term.casefold().split())


def covers(head: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a search for ``head`` shows every listing a search for ``words`` would, on a site
    that looks for all the words of a query: ``head``'s words are all among them."""
    return bool(head) and head <= words


@dataclass
class SearchRun:
    """The run's terms still to search and its request budget.

    With ``skip_covered`` (the ``[watch]`` setting, on by default), a term is not searched when
    a term whose words it contains was searched in this run to the end of its results ("ivory"
    shown in full, "carved ivory" can find nothing new there); while such a head term is still
    being paged, the terms it may cover wait, and go back to the front of the queue if the head
    stops short of its last page (page limit, an error).
    """

    terms: deque[SearchTerm]
    budget: int
    pages_per_query: int
    lanes: int = DEFAULT_LANES
    refetch_after_h: float = 24.0
    skip_covered: bool = True
    issued: int = 0
    started: int = 0
    #: terms left out because a head term searched in full already showed their results
    covered: int = 0
    #: the budget was spent: nothing more starts
    spent: bool = False
    languages: tuple[str, ...] = field(default_factory=tuple)
    #: word sets of the terms searched to the end of their results
    exhausted: list[frozenset[str]] = field(default_factory=list)
    #: term id -> words, of the terms being searched
    in_flight: dict[int, frozenset[str]] = field(default_factory=dict)
    waiting: deque[SearchTerm] = field(default_factory=deque)

    def take_term(self) -> SearchTerm | None:
        """The next term to search; None when none is left, or the ones left wait for a head
        still being searched (its lane takes them when it ends)."""
        while not self.spent and self.terms:
            term = self.terms.popleft()
            words = query_words(term.term)
            if self.skip_covered:
                if any(covers(head, words) for head in self.exhausted):
                    self.covered += 1
                    continue
                if any(covers(head, words) for head in self.in_flight.values()):
                    self.waiting.append(term)
                    continue
            self.in_flight[term.id] = words
            return term
        return None

    def finish(self, term: SearchTerm, *, exhausted: bool) -> None:
        """``term``'s search ended: at its last result page (``exhausted``) or short of it."""
        words = self.in_flight.pop(term.id, None)
        if words is None:
            return
        if exhausted:
            self.exhausted.append(words)
        # the terms that waited for this head go back to the front, in their planned order (to
        # be left out there if it covered them)
        released = [t for t in self.waiting if covers(words, query_words(t.term))]
        if released:
            self.waiting = deque(t for t in self.waiting if t not in released)
            self.terms.extendleft(reversed(released))

    def allow(self) -> bool:
        """One more request, if the budget has room for it."""
        if self.issued >= self.budget:
            self.spent = True
            return False
        self.issued += 1
        return True


class SearchingSpider(ListingSpider):
    """The search-crawl part of every ecowarden spider (inactive without ``watch_terms``)."""

    def __init__(
        self,
        *args: Any,
        watch_terms: Sequence[dict[str, Any]] = (),
        search_budget: int = 0,
        search_pages_per_query: int = 3,
        search_refetch_after_h: float = 24.0,
        search_skip_covered: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.search: SearchRun | None = None
        if watch_terms:
            self.search = SearchRun(
                deque(SearchTerm.from_meta(t) for t in watch_terms),
                budget=max(0, int(search_budget)),
                pages_per_query=max(1, int(search_pages_per_query)),
                refetch_after_h=float(search_refetch_after_h),
                skip_covered=bool(search_skip_covered),
            )

    async def start(self) -> AsyncIterator[Any]:
        if self.search is None:
            async for request in super().start():
                yield request
            return
        self.count("ecowarden/search/terms_planned", len(self.search.terms))
        for request in self.search_start_requests():
            yield request

    # -- what a spider says about its site's search ----------------------------------------
    def search_start_requests(self) -> list[scrapy.Request]:
        """How searching begins: by default, the first lanes' first result pages."""
        return self.next_searches(self.search.lanes if self.search else 0)

    def first_search_url(self, term: SearchTerm) -> str | None:
        """The URL of a term's first result page; None when this site cannot search for it."""
        raise NotImplementedError

    def next_search_url(self, response: TextResponse, term: SearchTerm, page: int) -> str | None:
        """The URL of result page ``page + 1``, if the site has one."""
        raise NotImplementedError

    def search_results(self, response: TextResponse) -> list[str]:
        """The canonical, in-scope listing URLs a result page shows, in its order."""
        raise NotImplementedError

    def search_result_request(self, url: str) -> scrapy.Request:
        """How a result is fetched (the site's listing request)."""
        return self.listing_request(url, priority=PRIORITY_RESULT)

    # -- lanes -------------------------------------------------------------------------------
    def take_term(self) -> SearchTerm | None:
        """The next term to search (counting the terms a searched head covered)."""
        if self.search is None:
            return None
        before = self.search.covered
        term = self.search.take_term()
        if self.search.covered > before:
            self.count("ecowarden/search/terms_covered", self.search.covered - before)
        return term

    def next_searches(self, lanes: int = 1) -> list[scrapy.Request]:
        """The first result pages of the next terms, one per lane, within the budget."""
        search = self.search
        out: list[scrapy.Request] = []
        while search is not None and len(out) < lanes:
            term = self.take_term()
            if term is None:
                break
            url = self.first_search_url(term)
            if url is None:
                search.finish(term, exhausted=False)
                self.count("ecowarden/search/terms_skipped")
                continue
            if not search.allow():
                self.count("ecowarden/search/budget_spent")
                logger.info("%s: search budget of %d requests spent", self.site_key, search.budget)
                break
            search.started += 1
            self.count("ecowarden/search/terms_searched")
            self.count("ecowarden/search/requests")
            out.append(self.search_request(url, term, 1, []))
        return out

    def search_request_meta(self) -> dict[str, Any]:
        """What a result page's request needs besides (a browser, for a site that renders)."""
        return {}

    def search_callback(self) -> Any:
        return self.parse_search

    def search_request(self, url: str, term: SearchTerm, page: int, seen: list[str]) -> scrapy.Request:
        # dont_filter: two terms may share a URL ("Ivory" and "ivory"); loops are bounded by the
        # page limit and by stopping at a page that shows nothing new
        return scrapy.Request(
            url,
            callback=self.search_callback(),
            errback=self.on_search_error,
            priority=PRIORITY_SEARCH if page == 1 else PRIORITY_SEARCH_NEXT,
            dont_filter=True,
            meta={
                SEARCH_META: {"term": term.to_meta(), "page": page, "seen": seen},
                "depth_reset": True,
                **self.search_request_meta(),
            },
        )

    async def parse_search(self, response: Response) -> AsyncIterator[Any]:
        state = response.meta[SEARCH_META]
        term, page = SearchTerm.from_meta(state["term"]), int(state["page"])
        self.count("ecowarden/search/pages")
        results: list[str] = []
        next_url = None
        if isinstance(response, TextResponse) and response.status == 200:
            results = self.search_results(response)
            next_url = self.next_search_url(response, term, page) if results else None
        for item in self.search_page_items(response, term, page, results):
            yield item
        for request in await self.follow_search(term, page, results, list(state.get("seen") or []), next_url):
            yield request

    def search_page_items(
        self, response: Response, term: SearchTerm, page: int, results: list[str]
    ) -> Iterable[SearchPageItem]:
        self.count("ecowarden/search/results", len(results))
        record = SearchPageRecord(
            id=str(uuid.uuid4()),
            term_id=term.id,
            url=response.url,
            page=page,
            fetched_at=utcnow(),
            http_status=response.status,
            result_urls=results,
        )
        yield SearchPageItem(self.site_key, record, bytes(response.body))

    async def follow_search(
        self, term: SearchTerm, page: int, results: list[str], seen: list[str], next_url: str | None
    ) -> list[scrapy.Request]:
        """The results to fetch, then the term's next page (while a page shows something new, up
        to the page limit) or, its last page done, the lane's next term."""
        assert self.search is not None
        new = [url for url in results if url not in seen]
        out: list[scrapy.Request] = []
        for url in await self._not_seen_recently(new):
            if not self.search.allow():
                self.count("ecowarden/search/results_over_budget")
                continue
            self.count("ecowarden/search/requests")
            out.append(self.search_result_request(url))
        more = bool(next_url and new)
        if next_url and new and page < self.search.pages_per_query and self.search.allow():
            self.count("ecowarden/search/requests")
            out.append(self.search_request(next_url, term, page + 1, [*seen, *new]))
        else:
            self.search.finish(term, exhausted=not more)
            out.extend(self.next_searches(1))
        return out

    async def _not_seen_recently(self, urls: list[str]) -> list[str]:
        """Drop results stored and seen within ``refetch_after_h`` (read in a thread)."""
        context = get_context(self.crawler)
        if not urls or context is None or self.search is None or self.search.refetch_after_h <= 0:
            return urls
        since = utcnow() - timedelta(hours=self.search.refetch_after_h)
        known = await maybe_deferred_to_future(
            threads.deferToThread(context.store.seen_since, context.site_id, urls, since)
        )
        if known:
            self.count("ecowarden/search/results_known", len(known))
        return [url for url in urls if url not in known]

    def on_search_error(self, failure: Failure) -> Iterable[Any]:
        """A result page that failed (or robots.txt forbids): counted, and the lane goes on."""
        self.on_error(failure)
        self.count("ecowarden/search/page_errors")
        self.end_term_of(failure)
        yield from self.next_searches(1)

    def end_term_of(self, failure: Failure) -> None:
        """The term of a failed result request ended: at the end of its results when a page after
        the first is not found (many sites answer 404 past the last page), else short of them."""
        request = getattr(failure, "request", None)
        state = request.meta.get(SEARCH_META) if request is not None else None
        if self.search is None or not state or not state.get("term"):
            return
        response = getattr(failure.value, "response", None)
        past_last = int(state.get("page") or 1) > 1 and getattr(response, "status", None) in (404, 410)
        self.search.finish(SearchTerm.from_meta(state["term"]), exhausted=past_last)
