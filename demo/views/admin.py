"""Test-harness endpoints under /_demo/ (disallowed by robots.txt): ground truth and mutations."""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from demo import settings
from demo.state import DemoState

KNOWN_SITES = (*settings.SITES, "hostile")
MUTATION_KEYS = ("seed", "edits", "removals")


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        payload = json.loads(await request.body() or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(400, "body must be JSON") from exc
    if not isinstance(payload, dict):
        raise HTTPException(400, "body must be a JSON object")
    return payload


def routes(state: DemoState) -> list[BaseRoute]:
    async def catalogue(request: Request) -> Response:
        site = request.query_params.get("site") or None
        if site is not None and site not in KNOWN_SITES:
            raise HTTPException(400, f"unknown site {site!r}")
        return Response(state.catalogue.to_json(site), media_type="application/json")

    async def mutate(request: Request) -> Response:
        payload = await _json_object(request)
        values = {key: payload.get(key, 0) for key in MUTATION_KEYS}
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values.values()):
            raise HTTPException(400, "seed, edits and removals must be integers")
        report = state.catalogue.mutate(values["seed"], values["edits"], values["removals"])
        return JSONResponse(report.to_dict())

    async def redesign(request: Request) -> Response:
        payload = await _json_object(request)
        site = payload.get("site")
        if not isinstance(site, str) or site not in settings.REDESIGN_PATHS:
            raise HTTPException(400, f"site must be one of {sorted(settings.REDESIGN_PATHS)}")
        moved = state.catalogue.redesign(site)
        return JSONResponse(
            {
                "site": site,
                "redesigned": sorted(state.catalogue.redesigned),
                "moved": len(moved),
                "version": state.catalogue.version,
            }
        )

    async def reset(request: Request) -> Response:
        state.catalogue.reset()
        return JSONResponse({"reset": True, "version": state.catalogue.version})

    return [
        Route("/_demo/catalogue.json", catalogue),
        Route("/_demo/mutate", mutate, methods=["POST"]),
        Route("/_demo/redesign", redesign, methods=["POST"]),
        Route("/_demo/reset", reset, methods=["POST"]),
    ]
