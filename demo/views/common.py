"""Origin-wide routes: the landing page, robots.txt and listing images."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from demo.images import FULL_PREFIX, png_for
from demo.state import DemoState

ROBOTS = """User-agent: *
Disallow: /_demo/
Disallow: /classifieds/account/
Disallow: /bazaar/search
"""
IMAGE_CACHE_CONTROL = "public, max-age=86400"


def routes(state: DemoState) -> list[BaseRoute]:
    async def home(request: Request) -> Response:
        counts = {site: len(state.catalogue.for_site(site)) for site in ("classifieds", "shop", "bazaar")}
        return state.render("index.html", counts=counts, size=state.catalogue.size)

    async def robots(request: Request) -> Response:
        return PlainTextResponse(ROBOTS)

    async def image(request: Request) -> Response:
        name = request.path_params["name"]
        if not name.replace("-", "").isalnum() or len(name) > 64:
            raise HTTPException(404)
        return Response(
            png_for(name, full=request.url.path.startswith(FULL_PREFIX)),
            media_type="image/png",
            headers={"Cache-Control": IMAGE_CACHE_CONTROL},
        )

    return [
        Route("/", home),
        Route("/robots.txt", robots),
        Route("/img/{name}.png", image),
        Route(FULL_PREFIX + "{name}.png", image),
    ]
