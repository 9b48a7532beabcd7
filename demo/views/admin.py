"""Test-harness endpoints under /_demo/ (disallowed by robots.txt): ground truth and mutations."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from demo import settings
from demo.state import DemoState

KNOWN_SITES = (*settings.SITES, "hostile")
MUTATION_KEYS = ("seed", "edits", "removals")


def routes(state: DemoState) -> list[BaseRoute]:
    async def catalogue(request: Request) -> Response:
        site = request.query_params.get("site") or None
        if site is not None and site not in KNOWN_SITES:
            raise HTTPException(400, f"unknown site {site!r}")
        return Response(state.catalogue.to_json(site), media_type="application/json")

    async def mutate(request: Request) -> Response:
        try:
            payload = json.loads(await request.body() or b"{}")
        except json.JSONDecodeError as exc:
            raise HTTPException(400, "body must be JSON") from exc
        if not isinstance(payload, dict):
            raise HTTPException(400, "body must be a JSON object")
        values = {key: payload.get(key, 0) for key in MUTATION_KEYS}
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values.values()):
            raise HTTPException(400, "seed, edits and removals must be integers")
        report = state.catalogue.mutate(values["seed"], values["edits"], values["removals"])
        return JSONResponse(report.to_dict())

    async def reset(request: Request) -> Response:
        state.catalogue.reset()
        return JSONResponse({"reset": True, "version": state.catalogue.version})

    return [
        Route("/_demo/catalogue.json", catalogue),
        Route("/_demo/mutate", mutate, methods=["POST"]),
        Route("/_demo/reset", reset, methods=["POST"]),
    ]
