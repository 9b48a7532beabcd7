"""The listing screen: one listing with its verdicts, versions and evidence, and the forms that decide,
assign, note, tag and file it in a case."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import and_, or_, select

from classifiers.types import SUSPECT_CATEGORIES
from review.deps import (
    AnalystPost,
    CallerDep,
    ListingId,
    SupervisorPost,
    Version,
    render,
    services,
    small_int,
)
from review.screens.cases import add_listings
from review.views import for_viewer, listing_detail
from storage.models import ReviewItem, User

#: pages are not part of the API's schema (/api/openapi.json documents the JSON API only)
router = APIRouter(include_in_schema=False)


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
        if not caller.account.can("analyst"):
            detail = for_viewer(detail)
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
    if then == "next" and small_int(next_id):
        return RedirectResponse(f"/listing/{next_id}", status_code=303)
    if then == "queue":
        return RedirectResponse("/", status_code=303)
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


@router.post("/listing/{listing_id}/decide")
def decide(
    request: Request,
    caller: AnalystPost,
    listing_id: ListingId,
    action: Annotated[str, Form()],
    version: Version,
    category: Annotated[str | None, Form()] = None,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
    then: Annotated[str, Form()] = "next",
    next_id: Annotated[str, Form()] = "",
) -> Response:
    services(request).decisions.decide(
        caller.account, listing_id, version, action, category=category or None, reason=reason
    )
    return _redirect_after(listing_id, then, next_id)


@router.post("/listing/{listing_id}/assign")
def assign(
    request: Request,
    caller: SupervisorPost,
    listing_id: ListingId,
    version: Version,
    assignee: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    services(request).decisions.assign(caller.account, listing_id, version, assignee or None)
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


@router.post("/listing/{listing_id}/note")
def note(
    request: Request,
    caller: AnalystPost,
    listing_id: ListingId,
    body: Annotated[str, Form(max_length=10_000)],
) -> Response:
    services(request).decisions.add_note(caller.account, listing_id, body)
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


@router.post("/listing/{listing_id}/tags")
def tags(
    request: Request,
    caller: AnalystPost,
    listing_id: ListingId,
    add: Annotated[str, Form(max_length=500)] = "",
    remove: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    services(request).decisions.set_tags(
        caller.account, listing_id, add.split(","), [remove] if remove else []
    )
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)


@router.post("/listing/{listing_id}/case")
def add_to_case(
    request: Request,
    caller: AnalystPost,
    listing_id: ListingId,
    case: Annotated[str, Form(max_length=200)],
) -> Response:
    add_listings(request, caller, case, [listing_id])
    return RedirectResponse(f"/listing/{listing_id}", status_code=303)
