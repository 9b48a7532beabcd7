"""The review app's typed dependencies: services, the caller of a page or of the API, form posts, ids.

Every router takes what it needs from here (``ServicesDep``, ``CallerDep``, ``AccountDep``,
``ListingId``...), so routers never import the app or each other, and a check such as "who is
calling, with which role, with a valid CSRF token" is written once.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Form, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session, sessionmaker

from ecowarden.config import Config
from evidence.custody import CustodyLog
from evidence.store import BlobStore
from review.accounts import Account, Accounts
from review.decisions import Decisions
from storage.cases import CaseStore
from storage.watchlists import WatchlistStore

SESSION_COOKIE = "ew_session"
#: browsers take a cookie named with this prefix only when it is Secure, has Path=/ and no Domain
#: and comes from a secure origin: a sibling subdomain can neither set nor overwrite it
HOST_PREFIX = "__Host-"


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
    watchlists: WatchlistStore
    custody: CustodyLog
    store: BlobStore
    templates: Jinja2Templates
    #: the installation's own key for the queue's cursors (review/queue/cursor.py)
    cursor_secret: bytes = b""


@dataclass(frozen=True)
class Caller:
    """The logged-in user of a page request, with the CSRF token forms must echo."""

    account: Account
    csrf: str


def client_address(request: Request) -> str:
    """Who is asking, for throttling: the connecting address, or, when that is a configured
    proxy, the address its ``X-Forwarded-For`` appended last that is not itself a trusted proxy
    (what a client writes into the header before the proxies is never believed)."""
    peer = request.client.host if request.client else "unknown"
    trusted = {a.strip() for a in services(request).config.review.trusted_proxies.split(",") if a.strip()}
    if peer not in trusted:
        return peer
    hops = [
        hop.strip() for hop in ",".join(request.headers.getlist("x-forwarded-for")).split(",") if hop.strip()
    ]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop[:64]
    return peer


def services(request: Request) -> Services:
    ew: Services = request.app.state.ew
    return ew


def secure_cookies(request: Request, config: Config) -> bool:
    """Whether the app's cookies are Secure on this request: ``[review] cookie_secure`` "always"
    or "never", else ("auto") when the request came over HTTPS, directly or through a proxy that
    says so in ``X-Forwarded-Proto`` (a client writing the header itself only changes its own
    cookies: a browser cannot add it to a cross-site form post)."""
    mode = config.review.cookie_secure
    if mode == "always":
        return True
    if mode == "never":
        return False
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def cookie_name(request: Request, config: Config, name: str) -> str:
    """What the app's cookie ``name`` is called on this request: ``__Host-`` + name wherever the
    cookies are Secure (HTTPS, the TLS proxy, ``cookie_secure = "always"``), the bare name on
    plain HTTP.

    The prefix is what stops cookie tossing from a sibling subdomain: the browser refuses a
    ``__Host-`` cookie with a Domain, so ``evil.example.org`` cannot plant a login or session
    cookie that ``review.example.org`` would read, and the name is read as it is written (over
    HTTPS a bare ``ew_session`` tossed with ``Domain=example.org`` is ignored). The prefix needs
    Secure, though, and over plain HTTP Secure cookies are dropped or never sent back by most
    clients (Firefox and Safari away from localhost, scripts, test clients). Chromium does keep
    them on http://127.0.0.1 and http://localhost (potentially trustworthy origins, checked with
    Chromium 156), but there the prefix buys nothing: cookies do not tell ports apart, and a page
    on another port of the same host sets ``__Host-`` cookies for the host just as well. So the
    plain-HTTP demo keeps the bare names, and its login relies on the origin check
    (``review.screens.login.same_origin``: ``Sec-Fetch-Site``/``Origin``, which the browser
    writes and a page cannot)."""
    return HOST_PREFIX + name if secure_cookies(request, config) else name


def set_app_cookie(
    response: Response, request: Request, config: Config, name: str, value: str, max_age: int
) -> None:
    """One of the app's cookies: HttpOnly, SameSite=Strict, Path=/, host-only (no Domain), and
    Secure with the ``__Host-`` name where the request allows it (:func:`cookie_name`)."""
    response.set_cookie(
        cookie_name(request, config, name),
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request, config),
        path="/",
    )


def clear_app_cookie(response: Response, request: Request, config: Config, name: str) -> None:
    """Remove a cookie set by :func:`set_app_cookie`: a browser ignores the removal of a
    ``__Host-`` cookie unless it carries the same Secure and Path attributes."""
    response.delete_cookie(
        cookie_name(request, config, name),
        path="/",
        secure=secure_cookies(request, config),
        httponly=True,
        samesite="strict",
    )


def set_session_cookie(response: Response, request: Request, config: Config, token: str) -> None:
    set_app_cookie(response, request, config, SESSION_COOKIE, token, int(config.review.session_hours * 3600))


def session_token(request: Request) -> str:
    """The session cookie of this request under the name it must have here (:func:`cookie_name`)."""
    return request.cookies.get(cookie_name(request, services(request).config, SESSION_COOKIE), "")


def page_caller(request: Request) -> Caller:
    """The logged-in user of a browser request; NotLoggedIn sends them to the login page."""
    ew = services(request)
    found = ew.accounts.resolve_session(session_token(request))
    if found is None:
        raise NotLoggedIn()
    return Caller(found[0], found[1])


def optional_caller(request: Request) -> Caller | None:
    """The logged-in user, if any: error pages keep the header (who you are, log out) when they can."""
    try:
        return page_caller(request)
    except NotLoggedIn:
        return None


def _check_role(account: Account, role: str) -> None:
    if not account.can(role):
        raise Forbidden(f"this needs the {role} role")


def require(caller: Caller, role: str) -> Caller:
    _check_role(caller.account, role)
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


_bearer = HTTPBearer(auto_error=False, description="an API token from `ecowarden user token`")


def api_account(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Account:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "an API token is required", headers={"WWW-Authenticate": "Bearer"})
    account = services(request).accounts.resolve_token(credentials.credentials)
    if account is None:
        raise HTTPException(401, "unknown or revoked API token", headers={"WWW-Authenticate": "Bearer"})
    return account


AccountDep = Annotated[Account, Depends(api_account)]


def token_with(role: str) -> Callable[..., Account]:
    """The dependency of an API endpoint only ``role`` and above may call: checked before the body
    is read, so a viewer learns nothing from how a body it may not send would be validated."""

    def dependency(account: AccountDep) -> Account:
        _check_role(account, role)
        return account

    return dependency


AnalystToken = Annotated[Account, Depends(token_with("analyst"))]
SupervisorToken = Annotated[Account, Depends(token_with("supervisor"))]


def query_values(request: Request) -> dict[str, str | list[str]]:
    """The query string as ``parse_filters`` reads it: one value, or all of a repeated key."""
    params: dict[str, str | list[str]] = {}
    for key in request.query_params:
        values = request.query_params.getlist(key)
        params[key] = values if len(values) > 1 else values[0]
    return params


#: INTEGER columns: a larger id is refused as invalid (422), not passed on to the database (500)
MAX_ID = 2**31 - 1
ListingId = Annotated[int, PathParam(ge=1, le=MAX_ID)]


ServicesDep = Annotated[Services, Depends(services)]
CallerDep = Annotated[Caller, Depends(page_caller)]


def db_session(ew: ServicesDep) -> Iterator[Session]:
    """A database session for one request, closed once the response is sent."""
    with ew.factory() as session:
        yield session


SessionDep = Annotated[Session, Depends(db_session)]


def posted_by(role: str | None) -> Callable[..., Caller]:
    """The dependency of a form post: the logged-in caller, its form's CSRF token checked first,
    then its role (``None``: any logged-in user). Every state-changing page handler takes one."""

    def dependency(caller: CallerDep, csrf_token: Annotated[str, Form()] = "") -> Caller:
        check_csrf(caller, csrf_token)
        return caller if role is None else require(caller, role)

    return dependency


def shown_to(role: str) -> Callable[..., Caller]:
    """The dependency of a page only ``role`` and above may see."""

    def dependency(caller: CallerDep) -> Caller:
        return require(caller, role)

    return dependency


SupervisorView = Annotated[Caller, Depends(shown_to("supervisor"))]
#: a form post by any logged-in user, by an analyst or above, by a supervisor or above
UserPost = Annotated[Caller, Depends(posted_by(None))]
AnalystPost = Annotated[Caller, Depends(posted_by("analyst"))]
SupervisorPost = Annotated[Caller, Depends(posted_by("supervisor"))]
#: the review item version a form was rendered from (optimistic locking)
Version = Annotated[int, Form(ge=0, le=MAX_ID)]


def small_int(value: str) -> bool:
    """ASCII digits within the INTEGER range (``str.isdigit`` also accepts "²", which int() refuses)."""
    return value.isascii() and value.isdigit() and len(value) <= 10 and int(value) <= MAX_ID
