"""Site (a): server-rendered classifieds with JSON-LD, canonical links and OpenGraph."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from demo import settings
from demo.search import query_parts, search
from demo.state import DemoState, origin_of
from demo.structured import product_jsonld, script_json
from demo.views.paging import page_number, paginate

LATEST_ON_HOME = 12
#: Every n-th related link carries a tracking query, so URL canonicalisation is exercised.
TRACKED_EVERY = 2
TRACKING_QUERY = "?utm_source=related&utm_medium=web"
INFO_PAGES = {
    "help": "Help centre",
    "terms": "Terms of use",
    "about": "About DemoClassifieds",
    "safety": "Safety tips",
}


def link_class(state: DemoState) -> str:
    """The class of listing links: renamed by the redesign, as relaunched sites do."""
    if "classifieds" in state.catalogue.redesigned:
        return settings.CLASSIFIEDS_REDESIGNED_LINK_CLASS
    return settings.CLASSIFIEDS_LINK_CLASS


def routes(state: DemoState) -> list[BaseRoute]:
    async def home(request: Request) -> Response:
        index = state.index
        latest = sorted(
            (item for items in index.sections.values() for item in items[:LATEST_ON_HOME]),
            key=lambda item: (item.posted_at, item.id),
            reverse=True,
        )[:LATEST_ON_HOME]
        counts = {slug: len(items) for slug, items in index.sections.items()}
        return state.render(
            "classifieds/home.html", counts=counts, latest=latest, link_class=link_class(state)
        )

    async def section(request: Request) -> Response:
        slug = request.path_params["slug"]
        items = state.index.sections.get(slug)
        if items is None:
            raise HTTPException(404)
        page = paginate(items, page_number(request), settings.CLASSIFIEDS_PAGE_SIZE)
        return state.render(
            "classifieds/section.html",
            slug=slug,
            name=settings.SECTIONS[slug],
            page=page,
            link_class=link_class(state),
        )

    async def section_redirect(request: Request) -> Response:
        return RedirectResponse(f"/classifieds/c/{request.path_params['slug']}/", 301)

    async def ad(request: Request) -> Response:
        """An ad; after the redesign its old URL answers 301 to the new one (listing.path)."""
        key = request.path_params["key"]
        listing = state.catalogue.get(key.split("-", 1)[0])
        if listing is None or listing.site != "classifieds":
            raise HTTPException(404)
        if listing.removed:
            return state.render("classifieds/gone.html", status_code=410, listing=listing)
        if request.url.path != listing.path:
            return RedirectResponse(listing.path, 301)
        origin = origin_of(request)
        related = state.index.related.get(listing.id, [])
        return state.render(
            "classifieds/ad.html",
            listing=listing,
            origin=origin,
            jsonld=script_json(product_jsonld(listing, origin)),
            related=[
                (item, TRACKING_QUERY if n % TRACKED_EVERY == 0 else "") for n, item in enumerate(related)
            ],
            section_name=settings.SECTIONS[listing.section],
            link_class=link_class(state),
        )

    async def offer(request: Request) -> Response:
        """The redesigned ad URL shape: unknown before the redesign."""
        if "classifieds" not in state.catalogue.redesigned:
            raise HTTPException(404)
        return await ad(request)

    async def search_results(request: Request) -> Response:
        """Server-rendered results with page links, as on most classifieds sites."""
        query = request.query_params.get("q", "")
        found = search(state.index.searchable.get("classifieds", []), query)
        page = paginate(found, page_number(request), settings.CLASSIFIEDS_PAGE_SIZE)
        return state.render(
            "classifieds/search.html",
            query=query,
            blank=not query_parts(query),
            total=len(found),
            page=page,
            link_class=link_class(state),
        )

    async def account(request: Request) -> Response:
        return state.render("classifieds/account.html", action=request.path_params["rest"])

    async def info(request: Request) -> Response:
        topic = request.path_params["topic"]
        if topic not in INFO_PAGES:
            raise HTTPException(404)
        return state.render("classifieds/info.html", title=INFO_PAGES[topic])

    return [
        Route("/classifieds/", home),
        Route("/classifieds/c/{slug}/", section),
        Route("/classifieds/c/{slug}", section_redirect),
        Route("/classifieds/search", search_results),
        Route("/classifieds/ad/{key}", ad),
        Route("/classifieds/offer/{key}", offer),
        Route("/classifieds/account/{rest:path}", account, methods=["GET", "POST"]),
        Route("/classifieds/info/{topic}", info),
    ]
