"""Site (c): a forum-style bazaar with no structured data at all, plus an endless calendar."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from demo import settings
from demo.corpus import CORPORA
from demo.generator import ISO_FORMAT
from demo.search import query_parts, search
from demo.state import DemoState
from demo.views.paging import page_number, paginate

CALENDAR_YEARS = range(1, 10000)
MONTHS = 12


def shown_date(stamp: str, language: str) -> str:
    """The forum's human date in the board language's format."""
    moment = datetime.strptime(stamp, ISO_FORMAT).replace(tzinfo=UTC)
    return moment.strftime(CORPORA[language].labels.date_format)


def month_neighbours(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(previous, next) months; there is always another one: that is the trap."""
    prev = (year - 1, MONTHS) if month == 1 else (year, month - 1)
    nxt = (year + 1, 1) if month == MONTHS else (year, month + 1)
    return prev, nxt


def routes(state: DemoState) -> list[BaseRoute]:
    async def boards(request: Request) -> Response:
        return state.render("bazaar/index.html", boards=list(state.index.boards.values()))

    async def board(request: Request) -> Response:
        found = state.index.boards.get(request.path_params["slug"])
        if found is None:
            raise HTTPException(404)
        page = paginate(found.threads, page_number(request), settings.BAZAAR_PAGE_SIZE)
        return state.render(
            "bazaar/board.html",
            board=found,
            page=page,
            labels=CORPORA[found.language].labels,
            shown_date=shown_date,
            replies=state.catalogue.replies,
        )

    async def thread(request: Request) -> Response:
        listing = state.catalogue.get(request.path_params["id"])
        if listing is None or listing.site != "bazaar" or listing.removed:
            return state.render("bazaar/missing.html", status_code=404)
        return state.render(
            "bazaar/thread.html",
            listing=listing,
            board=state.index.boards[state.index.board_of[listing.id]],
            labels=CORPORA[listing.language].labels,
            replies=state.catalogue.replies.get(listing.id, []),
            shown_date=shown_date,
        )

    async def user(request: Request) -> Response:
        user_id = request.path_params["id"]
        threads = state.index.users.get(user_id)
        if not threads:
            raise HTTPException(404)
        return state.render("bazaar/user.html", user_id=user_id, name=threads[0].seller_name, threads=threads)

    async def calendar(request: Request) -> Response:
        year, month = request.path_params["year"], request.path_params["month"]
        if year not in CALENDAR_YEARS or not 1 <= month <= MONTHS:
            raise HTTPException(404)
        prev, nxt = month_neighbours(year, month)
        return state.render(
            "bazaar/calendar.html", year=year, month=month, prev=prev, next=nxt, days=range(1, 29)
        )

    async def calendar_today(request: Request) -> Response:
        epoch = settings.EPOCH
        return RedirectResponse(f"/bazaar/calendar/{epoch.year}/{epoch.month:02d}", 302)

    async def find(request: Request) -> Response:
        """The forum's quick find: topics whose first post has every word, newest first."""
        query = request.query_params.get("q", "")
        found = search(state.index.searchable.get("bazaar", []), query)
        page = paginate(found, page_number(request), settings.BAZAAR_PAGE_SIZE)
        return state.render(
            "bazaar/find.html",
            query=query,
            blank=not query_parts(query),
            page=page,
            board_of=state.index.board_of,
            boards=state.index.boards,
            shown_date=shown_date,
        )

    async def advanced_search(request: Request) -> Response:
        """Behind a login (and robots.txt): a crawler never gets results here."""
        return state.render("bazaar/search.html", query=request.query_params.get("q", ""))

    return [
        Route("/bazaar/", boards),
        Route("/bazaar/board/{slug}", board),
        Route("/bazaar/thread/{id}", thread),
        Route("/bazaar/user/{id}", user),
        Route("/bazaar/calendar/", calendar_today),
        Route("/bazaar/calendar/{year:int}/{month:int}", calendar),
        Route("/bazaar/find", find),
        Route("/bazaar/search", advanced_search),
    ]
