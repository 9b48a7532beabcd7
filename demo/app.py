"""The demo marketplace as one Starlette app: three marketplaces plus a hostile site, one origin.

Everything is precomputed from the catalogue, so a request is a dict lookup, a list slice and a
template render.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from demo.catalogue import Catalogue
from demo.state import DemoState
from demo.views import admin, bazaar, classifieds, common, hostile, shop

STATIC = Path(__file__).resolve().parent / "static"


def create_app(catalogue: Catalogue) -> Starlette:
    """Build the app serving ``catalogue`` (mutations to it show up on the next request)."""
    state = DemoState(catalogue)
    routes: list[BaseRoute] = []
    for module in (common, classifieds, shop, bazaar, hostile, admin):
        routes.extend(module.routes(state))
    routes.append(Mount("/shop/static", StaticFiles(directory=STATIC / "shop"), name="shop-static"))
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))
    app = Starlette(routes=routes)
    app.state.demo = state
    return app
