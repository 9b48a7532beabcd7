"""What a search crawl of one site will do: which terms, in which order, with how many requests.

The plan is made before the crawl starts, from the watchlist's rotation state for the site
(``storage.watchlists.WatchlistStore.plan``) and the site's hourly request budget, less what its
search crawls of the last hour used. The spider gets the terms and the budget as arguments
(``crawler/spiders/search_mode.py``), the run's extensions its list's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from crawler.sites import SiteConfig
from ecowarden.config import Config
from storage.listings import ListingStore
from storage.types import utcnow
from storage.watchlists import PlannedTerm, WatchlistStore


@dataclass(frozen=True)
class SearchPlan:
    watchlist: str
    terms: list[PlannedTerm]
    budget: int
    #: the hourly limit, and what the last hour's search crawls of the site used of it
    per_hour: int
    used: int
    pages_per_query: int

    def spider_kwargs(self, config: Config) -> dict[str, Any]:
        return {
            "watch_terms": [
                {"id": t.id, "term": t.term, "language": t.language, "category": t.category}
                for t in self.terms
            ],
            "search_budget": self.budget,
            "search_pages_per_query": self.pages_per_query,
            "search_refetch_after_h": config.watch.refetch_after_h,
            "search_skip_covered": config.watch.skip_covered_terms,
        }

    def settings(self, config: Config) -> dict[str, Any]:
        return {
            "SEARCH_WATCHLIST": self.watchlist,
            "SEARCH_DEMOTE_AFTER": config.watch.demote_after_empty_runs,
        }


def plan_search(
    config: Config,
    store: ListingStore,
    watchlists: WatchlistStore,
    *,
    site_key: str,
    base_url: str,
    site: SiteConfig | None,
    watchlist: str,
    budget: int | None = None,
) -> SearchPlan:
    """``budget``: this run's requests, instead of what is left of the site's hourly budget."""
    options = site.search if site is not None else None
    per_hour = (options.requests_per_hour if options and options.requests_per_hour else None) or (
        config.watch.requests_per_hour
    )
    site_id = store.ensure_site(site_key, base_url)
    used = watchlists.requests_since(site_id, utcnow() - timedelta(hours=1))
    left = max(0, per_hour - used) if budget is None else max(0, budget)
    terms = watchlists.plan(watchlist, site_id, languages=options.languages if options else ())
    pages = (
        options.pages_per_query if options and options.pages_per_query else None
    ) or config.watch.pages_per_query
    return SearchPlan(watchlist, terms, left, per_hour, used, pages)


def plan_searches(
    config: Config, targets: list[Any], watchlist: str, budget: int | None = None
) -> list[SearchPlan]:
    """Plan a search crawl for each target (``crawler.runner.CrawlTarget``) and hand it its
    terms and settings; ``WatchlistError`` when the list does not exist."""
    from storage.db import open_database

    engine, factory = open_database(config.database_url())
    try:
        store, watchlists = ListingStore(factory), WatchlistStore(factory)
        plans = []
        for target in targets:
            plan = plan_search(
                config,
                store,
                watchlists,
                site_key=target.site_key,
                base_url=target.base_url,
                site=target.site,
                watchlist=watchlist,
                budget=budget,
            )
            target.kwargs.update(plan.spider_kwargs(config))
            target.settings.update(plan.settings(config))
            plans.append(plan)
        return plans
    finally:
        engine.dispose()
