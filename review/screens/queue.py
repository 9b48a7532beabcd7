"""The queue screen: filtered, ordered pages of review items, and bulk decisions on a selection."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from classifiers.types import SUSPECT_CATEGORIES
from review.decisions import DecisionError
from review.deps import AnalystPost, CallerDep, query_values, render, services, small_int
from review.queue import ORDERS, BadCursor, BadFilter, facet_counts, parse_filters, queue_page
from storage.models import Site

#: pages are not part of the API's schema (/api/openapi.json documents the JSON API only)
router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def queue(request: Request, caller: CallerDep) -> Response:
    ew = services(request)
    params = query_values(request)
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
                cursor_secret=ew.cursor_secret,
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
    caller: AnalystPost,
    action: Annotated[str, Form()],
    selected: Annotated[list[str] | None, Form()] = None,
    category: Annotated[str | None, Form()] = None,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    items = []
    for value in selected or []:
        listing_id, _, version = value.partition(":")
        if not (small_int(listing_id) and small_int(version)):
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
