"""The hostile site: pages that break naive crawlers (encodings, size, loops, stalls, injection).

Raw byte pages are built here rather than in templates because the point is precise control over
bytes and headers that a template engine would "fix".
"""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import AsyncIterator

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from demo import settings
from demo.model import Listing
from demo.state import DemoState, origin_of
from demo.structured import product_jsonld, script_json

HUGE_CHUNK = 64 * 1024
STALL_POLL_SECONDS = 0.5
LOOP_A = "/hostile/redirect-loop"
LOOP_B = "/hostile/redirect-loop/b"
LINKS = (
    ("/hostile/item/1", "Normal listing 1"),
    ("/hostile/item/2", "Normal listing 2"),
    ("/hostile/item/3", "Normal listing 3"),
    ("/hostile/broken", "Malformed HTML"),
    ("/hostile/charset-wrong", "Wrong charset header"),
    ("/hostile/charset-missing", "No charset at all"),
    ("/hostile/huge", "A 20 MB page"),
    (LOOP_A, "Redirect loop"),
    ("/hostile/calendar/1", "Endless calendar"),
    ("/hostile/stall", "Slow server"),
    ("/hostile/xss", "Script injection"),
    ("/hostile/long-description", "1 MB description"),
    ("/hostile/bad-links", "Malformed links"),
    ("/hostile/big-utf8", "A 600 kB UTF-8 page"),
    ("/hostile/offsite", "Redirect to another host"),
)
#: hrefs no URL parser accepts; the good link after them must still be followed
BAD_HREFS = ("http://[::1", "http://127.0.0.1:99999/x", "http://[bad]/", "http://%zz/")


def _raw_html(body: bytes, content_type: str, status_code: int = 200) -> Response:
    """Bytes with exactly this Content-Type (Starlette would otherwise add a utf-8 charset)."""
    return Response(body, status_code=status_code, headers={"content-type": content_type})


def broken_page(listing: Listing, origin: str) -> str:
    """Unclosed and stray tags, nested forms, mis-nested inline elements; data still present."""
    e = html.escape
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{e(listing.title)}</title>
<script type="application/ld+json">{script_json(product_jsonld(listing, origin))}</script>
<body><div id="wrap"><div class="nav"><a href="/hostile/">Back<a href="/hostile/item/1">Next
</div></div></div></span>
<form action="/hostile/search"><form action="/hostile/other"><input name="q">
<div class="listing"><h1 class="title">{e(listing.title)}</h2>
<p class="price" data-currency="{listing.currency}">US${listing.price}<p class="desc">
<b><i>{e(listing.description)}</b></i>
<table><tr><td class="seller">{e(listing.seller_name)}<td>{e(listing.location)}</table></table>
<li>stray item<li>another</ul></ol>
</form></div></div></p></body></body></html><p>after the end
"""


def charset_wrong_page(listing: Listing, origin: str) -> bytes:
    """windows-1252 bytes (meta says so) while the HTTP header claims utf-8."""
    e = html.escape
    text = f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="windows-1252"><title>{e(listing.title)}</title>
<script type="application/ld+json">{script_json(product_jsonld(listing, origin))}</script>
</head><body><article class="listing"><h1 class="title">{e(listing.title)}</h1>
<p class="price">Precio: 350,00 €</p><p class="desc">{e(listing.description)}</p>
<p class="seller">Vendedor: {e(listing.seller_name)} — {e(listing.location)}</p>
</article></body></html>
"""
    return text.encode("cp1252")


def charset_missing_page(listing: Listing, origin: str) -> bytes:
    """GB18030 bytes and no charset in the header or the document."""
    e = html.escape
    text = f"""<!DOCTYPE html>
<html><head><title>{e(listing.title)}</title>
<script type="application/ld+json">{script_json(product_jsonld(listing, origin))}</script>
</head><body><div class="listing"><h1 class="title">{e(listing.title)}</h1>
<p class="price">价格：¥2,800</p><p class="desc">{e(listing.description)}</p>
<p class="seller">卖家：{e(listing.seller_name)}，所在地：{e(listing.location)}</p>
</div></body></html>
"""
    return text.encode("gb18030")


async def huge_body() -> AsyncIterator[bytes]:
    """Exactly HOSTILE_HUGE_BYTES of HTML, streamed so the server never holds it."""
    head = b"<!DOCTYPE html><html><head><title>Huge page</title></head><body><h1>Huge</h1>\n"
    tail = b"</body></html>\n"
    filler = (b"<p>" + b"bulk filler text " * 200 + b"</p>\n") * 16
    remaining = settings.HOSTILE_HUGE_BYTES - len(head) - len(tail)
    yield head
    while remaining > 0:
        chunk = filler[: min(len(filler), remaining, HUGE_CHUNK)]
        remaining -= len(chunk)
        yield chunk
        await asyncio.sleep(0)
    yield tail


def routes(state: DemoState) -> list[BaseRoute]:
    by_path = {listing.path: listing for listing in state.catalogue.hostile}

    def listing_at(path: str) -> Listing:
        listing = by_path.get(path)
        if listing is None:
            raise HTTPException(404)
        return listing

    def item_page(request: Request, listing: Listing) -> Response:
        origin = origin_of(request)
        return state.render(
            "hostile/item.html",
            listing=listing,
            origin=origin,
            jsonld=script_json(product_jsonld(listing, origin)),
        )

    async def index(request: Request) -> Response:
        return state.render("hostile/index.html", links=LINKS)

    async def item(request: Request) -> Response:
        return item_page(request, listing_at(request.url.path))

    async def broken(request: Request) -> Response:
        page = broken_page(listing_at(request.url.path), origin_of(request))
        return _raw_html(page.encode(), "text/html; charset=utf-8")

    async def charset_wrong(request: Request) -> Response:
        page = charset_wrong_page(listing_at(request.url.path), origin_of(request))
        return _raw_html(page, "text/html; charset=utf-8")

    async def charset_missing(request: Request) -> Response:
        page = charset_missing_page(listing_at(request.url.path), origin_of(request))
        return _raw_html(page, "text/html")

    async def huge(request: Request) -> Response:
        return StreamingResponse(huge_body(), headers={"content-type": "text/html; charset=utf-8"})

    async def loop_a(request: Request) -> Response:
        return RedirectResponse(LOOP_B, 302)

    async def loop_b(request: Request) -> Response:
        return RedirectResponse(LOOP_A, 302)

    async def calendar(request: Request) -> Response:
        return state.render("hostile/calendar.html", n=request.path_params["n"])

    async def bad_links(request: Request) -> Response:
        links = "".join(f'<li><a href="{href}">broken {n}</a></li>' for n, href in enumerate(BAD_HREFS))
        page = (
            f'<html><body><ul>{links}<li><a href="/hostile/item/4">Agarwood chips</a></li></ul></body></html>'
        )
        return _raw_html(page.encode(), "text/html; charset=utf-8")

    async def offsite(request: Request) -> Response:
        # same machine, other host name: a crawler that follows it has left the site it was given
        return RedirectResponse(f"http://localhost:{request.url.port}/hostile/item/1", 302)

    async def stall(request: Request) -> Response:
        deadline = time.monotonic() + settings.HOSTILE_STALL_SECONDS
        while time.monotonic() < deadline:
            if await request.is_disconnected():
                return Response(status_code=499)
            await asyncio.sleep(STALL_POLL_SECONDS)
        return _raw_html(b"<html><body><p>Sorry for the wait.</p></body></html>", "text/html")

    return [
        Route("/hostile/", index),
        Route("/hostile/item/{n:int}", item),
        Route("/hostile/broken", broken),
        Route("/hostile/charset-wrong", charset_wrong),
        Route("/hostile/charset-missing", charset_missing),
        Route("/hostile/huge", huge),
        Route(LOOP_A, loop_a),
        Route(LOOP_B, loop_b),
        Route("/hostile/calendar/{n:int}", calendar),
        Route("/hostile/stall", stall),
        Route("/hostile/xss", item),
        Route("/hostile/long-description", item),
        Route("/hostile/big-utf8", item),
        Route("/hostile/bad-links", bad_links),
        Route("/hostile/offsite", offsite),
    ]
