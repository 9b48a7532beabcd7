"""The HTML pages: login, queue, listing, decisions, cases, evidence files, audit log."""

from __future__ import annotations

import csv
import io
import json
import secrets
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy import and_, or_, select
from starlette.background import BackgroundTask

from classifiers.types import SUSPECT_CATEGORIES
from review.accounts import LoginThrottled
from review.decisions import DecisionError
from review.deps import (
    MAX_ID,
    SESSION_COOKIE,
    Caller,
    CallerDep,
    Forbidden,
    ListingId,
    check_csrf,
    render,
    require,
    secure_cookies,
    services,
    set_session_cookie,
)
from review.queue import ORDERS, BadCursor, BadFilter, facet_counts, parse_filters, queue_page
from review.views import case_rows, listing_detail
from storage.cases import CaseError, CaseInfo
from storage.models import (
    Artifact,
    AuditEvent,
    AuditHead,
    Capture,
    ReviewItem,
    Site,
    User,
)

#: pages are not part of the API's schema (/api/openapi.json documents the JSON API only)
router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "ew_login"
Version = Annotated[int, Form(ge=0, le=MAX_ID)]
#: bagit's make_bag changes the process's working directory: one export at a time
_EXPORT_LOCK = threading.Lock()
#: audit entries the audit page re-verifies on every load; beyond, only when asked
FULL_VERIFY_LIMIT = 20_000


def _safe_next(target: str | None) -> str:
    """Only same-site paths: ``//evil.example`` or ``https://...`` would make login an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _small_int(value: str) -> bool:
    """ASCII digits within the INTEGER range (``str.isdigit`` also accepts "²", which int() refuses)."""
    return value.isascii() and value.isdigit() and len(value) <= 10 and int(value) <= MAX_ID


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# -- login ----------------------------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, next=_safe_next(next), login_csrf=token)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request, services(request).config),
    )
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
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(expected, login_csrf):
        raise Forbidden("the login form expired: reload the page")
    ip = _client_ip(request)
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
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, caller: CallerDep, csrf_token: Annotated[str, Form()] = "") -> Response:
    check_csrf(caller, csrf_token)
    ew = services(request)
    ew.accounts.close_session(request.cookies.get(SESSION_COOKIE, ""))
    ew.decisions.audit.append(caller.account.username, "logout", f"user:{caller.account.username}")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# -- queue ----------------------------------------------------------------------------------------
def _params(request: Request) -> dict[str, str | list[str]]:
    params: dict[str, str | list[str]] = {}
    for key in request.query_params:
        values = request.query_params.getlist(key)
        params[key] = values if len(values) > 1 else values[0]
    return params


@router.get("/", response_class=HTMLResponse)
def queue(request: Request, caller: CallerDep) -> Response:
    ew = services(request)
    params = _params(request)
    order = str(params.pop("order", "score"))
    cursor = params.pop("cursor", None)
    try:
        filters = parse_filters(params)
        if order not in ORDERS:
            raise BadFilter(f"order: unknown order {order!r}")
        with ew.factory() as session:
            page = queue_page(
                session,
                filters,
                order,
                cursor if isinstance(cursor, str) else None,
                ew.config.review.page_size,
            )
            facets = facet_counts(session, filters)
            sites = list(session.execute(select(Site.id, Site.key).order_by(Site.key)))
    except (BadFilter, BadCursor) as exc:
        return render(
            request, "error.html", caller, status_code=400, title="Bad filter", message=str(exc), link="/"
        )
    # every value of a repeated filter (category=a&category=b) must reach the next page too
    keep = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    next_link = "/?" + urlencode([*keep, ("cursor", page.next_cursor)]) if page.next_cursor else None
    return render(
        request,
        "queue.html",
        caller,
        page=page,
        facets=facets,
        sites=sites,
        params=request.query_params,
        order=order,
        orders=ORDERS,
        next_link=next_link,
        categories=SUSPECT_CATEGORIES,
    )


@router.post("/bulk")
def bulk(
    request: Request,
    caller: CallerDep,
    action: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    selected: Annotated[list[str] | None, Form()] = None,
    category: Annotated[str | None, Form()] = None,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "analyst")
    items = []
    for value in selected or []:
        listing_id, _, version = value.partition(":")
        if not (_small_int(listing_id) and _small_int(version)):
            raise DecisionError(f"bad selection {value[:40]!r}")
        items.append((int(listing_id), int(version)))
    if not items:
        raise DecisionError("nothing selected")
    done, refused = services(request).decisions.decide_many(
        caller.account, items, action, category=category or None, reason=reason
    )
    return render(
        request,
        "error.html",
        caller,
        title=f"{len(done)} {action} done" + (f", {len(refused)} not done" if refused else ""),
        message="; ".join(str(r) for r in refused[:50]) or "All selected listings were updated.",
        link="/",
    )


# -- listing --------------------------------------------------------------------------------------
def _next_in_queue(session: Any, item: ReviewItem | None) -> int | None:
    if item is None:
        return None
    found: int | None = session.scalar(
        select(ReviewItem.listing_id)
        .where(
            ReviewItem.status == "new",
            or_(
                ReviewItem.score < item.score,
                and_(ReviewItem.score == item.score, ReviewItem.listing_id < item.listing_id),
            ),
        )
        .order_by(ReviewItem.score.desc(), ReviewItem.listing_id.desc())
        .limit(1)
    )
    return found


@router.get("/listing/{listing_id}", response_class=HTMLResponse)
def listing(request: Request, caller: CallerDep, listing_id: ListingId) -> Response:
    ew = services(request)
    with ew.factory() as session:
        detail = listing_detail(session, listing_id)
        if detail is None:
            return render(
                request, "error.html", caller, status_code=404, title="No such listing", message="", link="/"
            )
        next_id = _next_in_queue(session, detail.item)
        users = list(
            session.scalars(select(User.username).where(User.disabled.is_(False)).order_by(User.username))
        )
        cases = [c.name for c in ew.cases.list_cases()]
        response = render(
            request,
            "listing.html",
            caller,
            d=detail,
            next_id=next_id,
            users=users,
            cases=cases,
            categories=SUSPECT_CATEGORIES,
        )
    ew.decisions.audit.append(caller.account.username, "viewed", f"listing:{listing_id}")
    return response


def _redirect_after(listing_id: int, then: str, next_id: str) -> RedirectResponse:
    if then == "next" and _small_int(next_id):
        return RedirectResponse(f"/listing/{next_id}", status_code=303)
    if then == "queue":
        return RedirectResponse("/", status_code=303)
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


@router.post("/listing/{listing_id}/decide")
def decide(
    request: Request,
    caller: CallerDep,
    listing_id: ListingId,
    action: Annotated[str, Form()],
    version: Version,
    csrf_token: Annotated[str, Form()] = "",
    category: Annotated[str | None, Form()] = None,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
    then: Annotated[str, Form()] = "next",
    next_id: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "analyst")
    services(request).decisions.decide(
        caller.account, listing_id, version, action, category=category or None, reason=reason
    )
    return _redirect_after(listing_id, then, next_id)


@router.post("/listing/{listing_id}/assign")
def assign(
    request: Request,
    caller: CallerDep,
    listing_id: ListingId,
    version: Version,
    csrf_token: Annotated[str, Form()] = "",
    assignee: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "supervisor")
    services(request).decisions.assign(caller.account, listing_id, version, assignee or None)
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


@router.post("/listing/{listing_id}/note")
def note(
    request: Request,
    caller: CallerDep,
    listing_id: ListingId,
    body: Annotated[str, Form(max_length=10_000)],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "analyst")
    services(request).decisions.add_note(caller.account, listing_id, body)
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


@router.post("/listing/{listing_id}/tags")
def tags(
    request: Request,
    caller: CallerDep,
    listing_id: ListingId,
    csrf_token: Annotated[str, Form()] = "",
    add: Annotated[str, Form(max_length=500)] = "",
    remove: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "analyst")
    services(request).decisions.set_tags(
        caller.account, listing_id, add.split(","), [remove] if remove else []
    )
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


@router.post("/listing/{listing_id}/case")
def add_to_case(
    request: Request,
    caller: CallerDep,
    listing_id: ListingId,
    case: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "analyst")
    _add_listings(request, caller, case, [listing_id])
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


def case_subject(info: CaseInfo) -> str:
    """Cases are audited by id: names are free text up to 200 characters, subjects are bounded."""
    return f"case:{info.id}"


def _add_listings(request: Request, caller: Caller, case: str, listing_ids: list[int]) -> int:
    ew = services(request)
    try:
        added = ew.cases.add_listings(case, listing_ids, caller.account.username)
        info = ew.cases.get(case)
    except CaseError as exc:
        raise DecisionError(str(exc)) from None
    ew.decisions.audit.append(
        caller.account.username,
        "case_added",
        case_subject(info),
        {"case": info.name, "listing_ids": listing_ids[:1000], "added": added},
    )
    return added


# -- evidence files and links out ----------------------------------------------------------------
@router.get("/evidence/{capture_id}/{name}")
def evidence_file(request: Request, caller: CallerDep, capture_id: str, name: str) -> Response:
    ew = services(request)
    with ew.factory() as session:
        artifact = session.scalars(
            select(Artifact).where(Artifact.capture_id == capture_id, Artifact.name == name)
        ).first()
    if artifact is None or not ew.store.exists(artifact.sha256):
        return render(
            request, "error.html", caller, status_code=404, title="No such evidence file", message=""
        )
    ew.custody.append(caller.account.username, "viewed", f"capture:{capture_id}", {"artifact": name})
    ew.decisions.audit.append(caller.account.username, "viewed", f"capture:{capture_id}", {"artifact": name})
    path = ew.store.path(artifact.sha256)
    if name == "screenshot.png":
        return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
    # DOM, PDF, WARC: scraped bytes, never rendered in our origin: download only, sandboxed
    return FileResponse(
        path,
        media_type="application/octet-stream",
        filename=f"{capture_id}-{name}",
        headers={"Content-Security-Policy": "sandbox; default-src 'none'"},
    )


@router.get("/leave", response_class=HTMLResponse)
def leave(request: Request, caller: CallerDep, to: str = "") -> Response:
    parts = urlsplit(to)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return render(
            request, "error.html", caller, status_code=400, title="Not a web link", message=to[:200]
        )
    return render(request, "leave.html", caller, target=to)


# -- cases ----------------------------------------------------------------------------------------
def case_url(name: str) -> str:
    """The page of case ``name``: names are free text (spaces, ``?``, ``#``, any script)."""
    return "/cases/" + quote(name, safe="")


def attachment(filename: str) -> dict[str, str]:
    """A Content-Disposition header for any file name: headers are latin-1, names are not."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in filename)
    value = f'attachment; filename="{fallback}"'
    if fallback != filename:
        value += f"; filename*=utf-8''{quote(filename, safe='')}"
    return {"Content-Disposition": value}


@router.get("/cases", response_class=HTMLResponse)
def cases(request: Request, caller: CallerDep) -> Response:
    return render(request, "cases.html", caller, cases=services(request).cases.list_cases())


@router.post("/cases")
def create_case(
    request: Request,
    caller: CallerDep,
    name: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form()] = "",
    description: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "analyst")
    ew = services(request)
    try:
        info = ew.cases.create(name, caller.account.username, description)
    except CaseError as exc:
        raise DecisionError(str(exc)) from None
    ew.decisions.audit.append(
        caller.account.username, "case_created", case_subject(info), {"case": info.name}
    )
    return RedirectResponse(case_url(info.name), status_code=303)


@router.get("/cases/{name}", response_class=HTMLResponse)
def case_page(request: Request, caller: CallerDep, name: str) -> Response:
    ew = services(request)
    info, listings = case_rows(services(request).cases, services(request).factory, name)
    subjects = [case_subject(info), *(f"listing:{row['id']}" for row in listings)]
    with ew.factory() as session:
        timeline = list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.subject.in_(subjects[:1000]))
                .order_by(AuditEvent.seq.desc())
                .limit(300)
            )
        )
        # a Result has .keys() (its column names), so dict(result) would treat it as a mapping
        captured = {
            listing_id: capture_id
            for listing_id, capture_id in session.execute(
                select(Capture.listing_id, Capture.id).where(
                    Capture.listing_id.in_([r["id"] for r in listings])
                )
            )
        }
    return render(
        request, "case.html", caller, case=info, listings=listings, timeline=timeline, captured=captured
    )


@router.post("/cases/{name}/add")
def case_add(
    request: Request,
    caller: CallerDep,
    name: str,
    listing_ids: Annotated[str, Form(max_length=5000)],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "analyst")
    values = listing_ids.replace(",", " ").split()
    if not values or not all(_small_int(v) for v in values):
        raise DecisionError("give listing ids, separated by spaces or commas")
    ids = [int(v) for v in values]
    _add_listings(request, caller, name, ids)
    return RedirectResponse(case_url(name.strip()), status_code=303)


@router.get("/cases/{name}/listings.{fmt}")
def case_download(request: Request, caller: CallerDep, name: str, fmt: str) -> Response:
    if fmt not in ("csv", "json"):
        return render(
            request, "error.html", caller, status_code=404, title="Unknown format", message=fmt[:20]
        )
    info, listings = case_rows(services(request).cases, services(request).factory, name)
    services(request).decisions.audit.append(
        caller.account.username,
        "downloaded",
        case_subject(info),
        {"case": info.name, "format": fmt, "listings": len(listings)},
    )
    disposition = attachment(f"{info.name}-listings.{fmt}")
    if fmt == "json":
        return Response(
            json.dumps({"case": info.name, "listings": listings}, ensure_ascii=False, indent=2),
            media_type="application/json",
            headers=disposition,
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(listings[0]) if listings else ["id"])
    writer.writeheader()
    for row in listings:
        # a cell starting with = + - @ is a formula to a spreadsheet: scraped text must not run
        writer.writerow(
            {k: (f"'{v}" if isinstance(v, str) and v and v[0] in "=+-@\t\r" else v) for k, v in row.items()}
        )
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=disposition)


@router.post("/cases/{name}/export")
def case_export(
    request: Request, caller: CallerDep, name: str, csrf_token: Annotated[str, Form()] = ""
) -> Response:
    check_csrf(caller, csrf_token)
    require(caller, "supervisor")
    from evidence.bundle.export import ExportError, export_bundle
    from evidence.context import EvidenceContext

    ew = services(request)
    info, _ = case_rows(services(request).cases, services(request).factory, name)
    folder = Path(tempfile.mkdtemp(prefix="ecowarden-export-"))
    # a fixed name on disk: the case name only names the download (it may hold any character)
    output = folder / "bundle.zip"

    def cleanup() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    try:
        with _EXPORT_LOCK:
            ctx = EvidenceContext.from_config(ew.config, ew.factory)
            summary = export_bundle(
                ctx, output=output.resolve(), case=info.name, actor=caller.account.username
            )
    except ExportError as exc:
        cleanup()
        raise DecisionError(str(exc)) from None
    except BaseException:
        cleanup()
        raise
    ew.decisions.audit.append(
        caller.account.username,
        "exported",
        case_subject(info),
        {"case": info.name, "bundle_id": summary.bundle_id, "sha256": summary.sha256},
    )
    return FileResponse(
        output,
        media_type="application/zip",
        headers=attachment(f"{info.name}.zip"),
        background=BackgroundTask(cleanup),
    )


# -- audit log ------------------------------------------------------------------------------------
@router.get("/audit", response_class=HTMLResponse)
def audit(
    request: Request, caller: CallerDep, actor: str = "", subject: str = "", verify: bool = False
) -> Response:
    require(caller, "supervisor")
    ew = services(request)
    with ew.factory() as session:
        query = select(AuditEvent)
        if actor:
            query = query.where(AuditEvent.actor == actor[:200])
        if subject:
            query = query.where(AuditEvent.subject == subject[:200])
        events = list(session.scalars(query.order_by(AuditEvent.seq.desc()).limit(300)))
    # the full chain check reads every entry: automatic while that is cheap, on request after
    with ew.factory() as session:
        size = session.scalar(select(AuditHead.seq)) or 0
    problems = ew.decisions.audit.verify() if size <= FULL_VERIFY_LIMIT or verify else None
    return render(
        request, "audit.html", caller, events=events, problems=problems, actor=actor, subject=subject
    )
