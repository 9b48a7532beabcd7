"""The review app: FastAPI with server-rendered pages, built to be opened on hostile content.

Listing text, titles, seller names and URLs are written by the people being investigated. So:
Jinja autoescaping everywhere, and a Content-Security-Policy that forbids inline script, any
script or image from another origin, framing and form posts elsewhere; pages never load anything
from the crawled sites (screenshots come from the evidence store), and links out go through a
warning page with ``rel="noopener noreferrer"``. Browser sessions are cookie-based with a CSRF
token on every form; the JSON API under ``/api`` takes bearer tokens only (no cookies, so no CSRF).
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from ecowarden.config import Config
from evidence.custody import CustodyLog
from evidence.store import BlobStore
from review import api, runs
from review.accounts import Accounts
from review.decisions import DecisionError, Decisions, NoSuchListing, StaleEdit
from review.deps import SESSION_COOKIE, Forbidden, NotLoggedIn, Services, optional_caller, render
from review.screens import ROUTERS
from review.views import format_time, personal, timestamp_words
from storage.cases import CaseStore
from storage.db import open_database
from storage.watchlists import WatchlistStore

__all__ = ["SESSION_COOKIE", "create_app"]

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        raw = request.url.path + "?" + request.url.query
        if "\x00" in raw or "%00" in raw:
            message = "NUL bytes are not accepted"
            if request.url.path.startswith("/api/"):  # the API's documented error shape
                return JSONResponse({"detail": message}, status_code=400)
            return Response(message, status_code=400, media_type="text/plain")
        response = await call_next(request)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        # no referrer ever leaves for another site (links out also say noreferrer); within the
        # app, "same-origin" lets browsers name the page a form came from (Origin), which the
        # login checks: under "no-referrer" they send "Origin: null" even for our own forms
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if not request.url.path.startswith("/static/"):
            headers.setdefault("Cache-Control", "no-store")
        return response


def cursor_secret(config: Config) -> bytes:
    """The queue cursors' MAC key, this installation's alone: derived from its Ed25519 key (whose
    signatures are deterministic), so there is nothing more to keep secret or to lose."""
    from evidence.signing import installation_key

    key = installation_key(config.path(config.evidence.dir))
    return hashlib.sha256(key.sign(b"ecowarden review queue cursors, v1")).digest()


def create_app(config: Config) -> FastAPI:
    _engine, factory = open_database(config.database_url())
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["when"] = format_time
    templates.env.filters["timestamp_words"] = timestamp_words
    templates.env.filters["personal"] = personal
    ew = Services(
        config=config,
        factory=factory,
        accounts=Accounts(factory, session_lifetime=timedelta(hours=config.review.session_hours)),
        decisions=Decisions(factory),
        cases=CaseStore(factory),
        watchlists=WatchlistStore(factory),
        custody=CustodyLog(factory),
        store=BlobStore(config.path(config.evidence.dir)),
        templates=templates,
        cursor_secret=cursor_secret(config),
    )
    app = FastAPI(
        title="ecowarden review API",
        version="1",
        docs_url=None,  # the Swagger page loads scripts from a CDN: not offline, not under our CSP
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.ew = ew
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(runs.router)
    app.include_router(api.router, prefix="/api")
    app.include_router(runs.api_router, prefix="/api")

    @app.exception_handler(NotLoggedIn)
    async def to_login(request: Request, exc: NotLoggedIn) -> Response:
        from urllib.parse import quote

        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            # a form posted with an expired session: after login, a GET of its action would be a 405
            target = "/"

        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    def refusal(
        request: Request,
        status: int,
        title: str,
        message: str,
        *,
        link: str | None = None,
        api_extra: dict[str, Any] | None = None,
        with_caller: bool = True,
    ) -> Response:
        """One refusal, two audiences: JSON for the API, the error page for people."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message, **(api_extra or {})}, status_code=status)
        extra = {"link": link} if link else {}
        return render(
            request,
            "error.html",
            optional_caller(request) if with_caller else None,
            status_code=status,
            title=title,
            message=message,
            **extra,
        )

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return refusal(request, 403, "Not allowed", str(exc))

    @app.exception_handler(StaleEdit)
    async def stale(request: Request, exc: StaleEdit) -> Response:
        return refusal(
            request,
            409,
            "Changed by someone else",
            str(exc),
            link=f"/listing/{exc.listing_id}",
            api_extra={"current_version": exc.current},
        )

    @app.exception_handler(StatementError)
    async def refused_input(request: Request, exc: StatementError) -> Response:
        # input the database cannot store (a NUL byte, an over-long value): the caller's
        # mistake, a 400; anything else (database down) stays a server error
        if not isinstance(exc, DataError | IntegrityError) and not isinstance(exc.orig, ValueError):
            raise exc
        # no caller lookup: the request's own input just failed in the database
        return refusal(
            request,
            400,
            "Input refused",
            "the input contains characters or lengths that cannot be stored",
            with_caller=False,
        )

    @app.exception_handler(DecisionError)
    async def bad_decision(request: Request, exc: DecisionError) -> Response:
        if isinstance(exc, NoSuchListing):
            return refusal(request, 404, "No such listing", str(exc))
        return refusal(request, 400, "Not done", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's own handler echoes each bad input back, and JSON has no NaN or Infinity: a
        # body with "version": NaN made the error response itself fail (a 500, then a reset
        # connection). The errors are reported with their inputs as text.
        errors = [
            {
                key: (repr(value)[:200] if key == "input" else value)
                for key, value in error.items()
                if key != "ctx"
            }
            for error in exc.errors()
        ]
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    return app
