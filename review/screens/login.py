"""Logging in and out: the login form (its own CSRF cookie, since there is no session yet), the
throttled password check, the session cookie.

Login CSRF by cookie tossing (a page of a sibling origin plants the login cookie and posts the
attacker's credentials, so that the victim works in the attacker's account) is stopped twice: the
login's token is bound to a ``__Host-`` cookie wherever the app is served over HTTPS, which a
sibling subdomain cannot set, and a login must come from a page of this very origin, which the
browser says (``Sec-Fetch-Site``/``Origin``) and no page can forge. On the plain-HTTP demo, where
cookies keep their bare names (``review.deps.cookie_name`` says why), the second holds alone."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review.accounts import LoginThrottled
from review.deps import (
    SESSION_COOKIE,
    Forbidden,
    UserPost,
    clear_app_cookie,
    client_address,
    cookie_name,
    render,
    services,
    session_token,
    set_app_cookie,
    set_session_cookie,
)

#: pages are not part of the API's schema (/api/openapi.json documents the JSON API only)
router = APIRouter(include_in_schema=False)
#: the login form's token cookie (``__Host-ew_login`` over HTTPS: ``review.deps.cookie_name``)
LOGIN_CSRF_COOKIE = "ew_login"
#: how long a login form stays usable
LOGIN_FORM_S = 3600


def same_origin(request: Request) -> bool:
    """Whether a posted form came from a page of this site. Browsers say where a POST comes
    from (``Sec-Fetch-Site``, ``Origin``); a request that says nothing (a script, a test client)
    is not a browser carrying someone else's cookies. The origin is compared with the host the
    browser addressed (``Host``, which a reverse proxy passes on)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:  # every current browser sends it: the browser's own verdict
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True
    if origin == "null":  # an opaque origin (a sandboxed frame, a data: page): not ours
        return False
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def _safe_next(target: str | None) -> str:
    """Only same-site paths: ``//evil.example`` or ``https://...`` would make login an open
    redirect, and so would a path a browser or proxy normalises into one (``/.//evil.example``,
    ``/a/..//evil.example``): dot segments and repeated slashes are resolved before the check."""
    if not target or not target.startswith("/") or "\\" in target or any(ord(ch) < 32 for ch in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    resolved: list[str] = []
    for segment in parts.path.split("/"):
        if segment == "..":
            if resolved:
                resolved.pop()
        elif segment not in ("", "."):
            resolved.append(segment)
    path = "/" + "/".join(resolved) + ("/" if parts.path.endswith("/") and resolved else "")
    return path + (f"?{parts.query}" if parts.query else "")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, next=_safe_next(next), login_csrf=token)
    set_app_cookie(response, request, services(request).config, LOGIN_CSRF_COOKIE, token, LOGIN_FORM_S)
    return response


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    login_csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    ew = services(request)
    if not same_origin(request):
        # login CSRF: a page of another origin (another port of this host, a sibling subdomain)
        # can set the login cookie and post its own credentials, logging the victim's browser in
        # as the attacker; the token cannot stop that (the attacker chose both), the Origin can
        raise Forbidden("a login must be posted from this site's own login page")
    expected = request.cookies.get(cookie_name(request, ew.config, LOGIN_CSRF_COOKIE), "")
    if not expected or not secrets.compare_digest(expected, login_csrf):
        raise Forbidden("the login form expired: reload the page")
    ip = client_address(request)
    try:
        account = ew.accounts.authenticate(username, password, ip)
    except LoginThrottled as exc:
        # not audited one by one: a flood of throttled attempts would only flood the log (the
        # failures that led to the throttle are in it)
        return render(
            request,
            "login.html",
            None,
            status_code=429,
            error=str(exc),
            next=_safe_next(next),
            login_csrf=expected,
        )
    if account is None:
        # the typed name is attacker-chosen: it goes in the details, never as the actor
        ew.decisions.audit.append(
            "anonymous",
            "login_failed",
            f"user:{username.strip()[:100]}",
            {"ip": ip, "username": username[:100]},
        )
        return render(
            request,
            "login.html",
            None,
            status_code=401,
            error="wrong user name or password",
            next=_safe_next(next),
            login_csrf=expected,
        )
    token, _csrf = ew.accounts.open_session(account)
    ew.decisions.audit.append(account.username, "login", f"user:{account.username}", {"ip": ip})
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_session_cookie(response, request, ew.config, token)
    clear_app_cookie(response, request, ew.config, LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, caller: UserPost) -> Response:
    ew = services(request)
    ew.accounts.close_session(session_token(request))
    ew.decisions.audit.append(caller.account.username, "logout", f"user:{caller.account.username}")
    response = RedirectResponse("/login", status_code=303)
    clear_app_cookie(response, request, ew.config, SESSION_COOKIE)
    return response
