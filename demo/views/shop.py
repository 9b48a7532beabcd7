"""Site (b): a JavaScript single-page shop; HTML is an empty shell, data comes from a JSON API.

The shell deliberately carries no listing data, so only a crawler that runs the JavaScript (or
calls the API) sees the products.
"""

from __future__ import annotations

import base64
import binascii

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from demo import settings
from demo.model import Listing
from demo.search import search
from demo.state import DemoState

CURSOR_PREFIX = "o:"


def encode_cursor(offset: int) -> str:
    """Opaque cursor, as real APIs use, so crawlers cannot guess pages by counting."""
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(400, "bad cursor") from exc
    if not raw.startswith(CURSOR_PREFIX) or not raw[len(CURSOR_PREFIX) :].isdigit():
        raise HTTPException(400, "bad cursor")
    return int(raw[len(CURSOR_PREFIX) :])


def card(listing: Listing) -> dict[str, object]:
    """What a product card needs; ground-truth labels never leave the server."""
    return {
        "id": listing.id,
        "url": listing.path,
        "title": listing.title,
        "price": listing.price,
        "currency": listing.currency,
        "image": listing.images[0],
        "location": listing.location,
    }


def detail(listing: Listing) -> dict[str, object]:
    return {
        "id": listing.id,
        "url": listing.path,
        "title": listing.title,
        "description": listing.description,
        "price": listing.price,
        "currency": listing.currency,
        "availability": listing.availability,
        "seller": {"name": listing.seller_name, "id": listing.seller_id},
        "location": listing.location,
        "images": list(listing.images),
        "posted_at": listing.posted_at,
        "department": settings.SECTIONS[listing.section],
        "language": listing.language,
    }


def routes(state: DemoState) -> list[BaseRoute]:
    def live_item(listing_id: str) -> Listing:
        listing = state.catalogue.get(listing_id)
        if listing is None or listing.site != "shop" or listing.removed:
            raise HTTPException(404)
        return listing

    async def shell(request: Request) -> Response:
        return state.render("shop/shell.html")

    async def item_shell(request: Request) -> Response:
        listing = state.catalogue.get(request.path_params["id"])
        missing = listing is None or listing.site != "shop" or listing.removed
        return state.render("shop/shell.html", status_code=404 if missing else 200)

    def cards_page(request: Request, items: list[Listing]) -> Response:
        """A cursor page of product cards: the listing and the search API answer alike."""
        offset = decode_cursor(request.query_params.get("cursor", ""))
        raw_limit = request.query_params.get("limit", str(settings.SHOP_PAGE_SIZE))
        if not raw_limit.isdigit() or int(raw_limit) < 1:
            raise HTTPException(400, "bad limit")
        limit = min(int(raw_limit), settings.SHOP_MAX_PAGE_SIZE)
        chunk = items[offset : offset + limit]
        more = offset + limit < len(items)
        return JSONResponse(
            {
                "items": [card(listing) for listing in chunk],
                "next_cursor": encode_cursor(offset + limit) if more else None,
                "total": len(items),
            }
        )

    async def api_listings(request: Request) -> Response:
        return cards_page(request, state.index.shop)

    async def api_search(request: Request) -> Response:
        query = request.query_params.get("q", "")
        return cards_page(request, search(state.index.searchable.get("shop", []), query))

    async def api_item(request: Request) -> Response:
        return JSONResponse(detail(live_item(request.path_params["id"])))

    return [
        Route("/shop/", shell),
        Route("/shop/search", shell),
        Route("/shop/item/{id}", item_shell),
        Route("/shop/api/listings", api_listings),
        Route("/shop/api/search", api_search),
        Route("/shop/api/items/{id}", api_item),
    ]
