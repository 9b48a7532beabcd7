"""Crawl runs in the review app: the ``/runs`` page, ``/api/runs`` and ``/metrics`` for Prometheus.

Analysts see here whether the crawls feeding their queue still work: an alert banner for sites
whose yield dropped to zero, the recent runs and the scheduler's firings. Site keys, finish
reasons and schedule messages come from crawled URLs and crawl errors, so the template escapes
them like any scraped text. ``/metrics`` takes an API bearer token (Prometheus'
``authorization`` setting): its figures are operational, but they still name the sites watched.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST

from monitoring.alerts import SiteAlert, site_alerts
from monitoring.runs import RunRow, UnknownRun, recent_runs, recent_schedule_runs, runs_with_alerts
from monitoring.site_metrics import render_site_metrics
from review.api_models import PROBLEMS
from review.deps import AccountDep, Caller, page_caller, render, services
from scheduling.records import FiringRecord

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["monitoring"], responses=PROBLEMS)
CallerDep = Annotated[Caller, Depends(page_caller)]
SCHEDULE_ROWS = 20
#: run ids are UUIDs; anything longer is refused before it reaches the database
Before = Annotated[str | None, Query(max_length=36)]


RunsView = tuple[list[RunRow], list[SiteAlert], list[FiringRecord]]


def _read(request: Request, limit: int, before: str | None) -> RunsView:
    ew = services(request)
    with ew.factory() as session:
        runs = recent_runs(session, limit, before)
        alerts = site_alerts(session, ew.config.monitoring.min_pages_for_alert)
        schedule = recent_schedule_runs(session, SCHEDULE_ROWS)
    return runs, alerts, schedule


@router.get("/runs", response_class=HTMLResponse)
def runs_page(request: Request, caller: CallerDep, before: Before = None) -> Response:
    size = services(request).config.review.page_size
    try:
        runs, alerts, schedule = _read(request, size, before)
    except UnknownRun as exc:
        return render(
            request, "error.html", caller, status_code=400, title="Bad page", message=str(exc), link="/runs"
        )
    return render(
        request,
        "runs.html",
        caller,
        runs=runs,
        alerts=alerts,
        alerted={a.site for a in alerts},
        schedule=schedule,
        next_before=runs[-1].id if len(runs) == size else None,
    )


@api_router.get("/runs")
def api_runs(
    request: Request,
    account: AccountDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    before: Before = None,
) -> dict[str, Any]:
    """Recent runs (newest first; pass ``next_before`` as ``before`` for the next page), the sites
    whose yield dropped to zero, and the scheduler's recent firings."""
    try:
        runs, alerts, schedule = _read(request, limit, before)
    except UnknownRun as exc:
        raise HTTPException(400, str(exc)) from None
    return {
        **runs_with_alerts(runs, alerts),
        "next_before": runs[-1].id if len(runs) == limit else None,
        "schedule_runs": [s.as_dict() for s in schedule],
    }


@router.get("/metrics")
def metrics(request: Request, account: AccountDep) -> Response:
    """Prometheus text format, read from the database at each scrape."""
    ew = services(request)
    body = render_site_metrics(ew.factory, ew.config.monitoring.min_pages_for_alert)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
