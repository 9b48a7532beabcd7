"""The review app: FastAPI with server-rendered pages, built to be opened on hostile content.

Listing text, titles, seller names and URLs are written by the people being investigated. So:
Jinja autoescaping everywhere, and a Content-Security-Policy that forbids inline script, any
script or image from another origin, framing and form posts elsewhere; pages never load anything
from the crawled sites (screenshots come from the evidence store), and links out go through a
warning page with ``rel="noopener noreferrer"``. Browser sessions are cookie-based with a CSRF
token on every form; the JSON API under ``/api`` takes bearer tokens only (no cookies, so no CSRF).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from sqlalchemy.orm import Session, sessionmaker
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from ecowarden.config import Config
from evidence.custody import CustodyLog
from evidence.store import BlobStore
from review.accounts import Account, Accounts
from review.decisions import DecisionError, Decisions, StaleEdit
from review.views import format_time
from storage.cases import CaseStore
from storage.db import open_database

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "ew_session"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class NotLoggedIn(Exception):
    pass


class Forbidden(Exception):
    pass


@dataclass
class Services:
    """Everything request handlers need, built once per app."""

    config: Config
    factory: sessionmaker[Session]
    accounts: Accounts
    decisions: Decisions
    cases: CaseStore
    custody: CustodyLog
    store: BlobStore
    templates: Jinja2Templates


@dataclass(frozen=True)
class Caller:
    """The logged-in user of a page request, with the CSRF token forms must echo."""

    account: Account
    csrf: str


def services(request: Request) -> Services:
    ew: Services = request.app.state.ew
    return ew


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        raw = request.url.path + "?" + request.url.query
        if "\x00" in raw or "%00" in raw:
            return Response("NUL bytes are not accepted", status_code=400, media_type="text/plain")
        response = await call_next(request)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if not request.url.path.startswith("/static/"):
            headers.setdefault("Cache-Control", "no-store")
        return response


def secure_cookies(request: Request, config: Config) -> bool:
    mode = config.review.cookie_secure
    if mode == "always":
        return True
    if mode == "never":
        return False
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def set_session_cookie(response: Response, request: Request, config: Config, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(config.review.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request, config),
        path="/",
    )


def page_caller(request: Request) -> Caller:
    """The logged-in user of a browser request; NotLoggedIn sends them to the login page."""
    ew = services(request)
    found = ew.accounts.resolve_session(request.cookies.get(SESSION_COOKIE, ""))
    if found is None:
        raise NotLoggedIn()
    return Caller(found[0], found[1])


def optional_caller(request: Request) -> Caller | None:
    """The logged-in user, if any: error pages keep the header (who you are, log out) when they can."""
    try:
        return page_caller(request)
    except NotLoggedIn:
        return None


def require(caller: Caller, role: str) -> Caller:
    if not caller.account.can(role):
        raise Forbidden(f"this needs the {role} role")
    return caller


def check_csrf(caller: Caller, token: str | None) -> None:
    if not token or not secrets.compare_digest(token, caller.csrf):
        raise Forbidden("missing or wrong CSRF token: reload the page and try again")


def render(
    request: Request, template: str, caller: Caller | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    ew = services(request)
    return ew.templates.TemplateResponse(
        request,
        template,
        {
            "caller": caller,
            "user": caller.account if caller else None,
            "csrf": caller.csrf if caller else "",
            **context,
        },
        status_code=status_code,
    )


def create_app(config: Config) -> FastAPI:
    from review import api, pages, runs

    _engine, factory = open_database(config.database_url())
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["when"] = format_time
    ew = Services(
        config=config,
        factory=factory,
        accounts=Accounts(factory, session_lifetime=timedelta(hours=config.review.session_hours)),
        decisions=Decisions(factory),
        cases=CaseStore(factory),
        custody=CustodyLog(factory),
        store=BlobStore(config.path(config.evidence.dir)),
        templates=templates,
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
    app.include_router(pages.router)
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
        return refusal(request, 400, "Not done", str(exc))

    return app
