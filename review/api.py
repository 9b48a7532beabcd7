"""The JSON API under ``/api``: the same data and permissions as the pages, bearer tokens only.

Tokens come from ``ecowarden user token NAME``. No cookies are read here, so a page an analyst
opens elsewhere cannot make their browser call the API (no CSRF to defend against).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from sqlalchemy import select

from review.api_models import (
    PROBLEMS,
    AddedOut,
    AssignIn,
    AuditEventOut,
    CaptureOut,
    CaseCreatedOut,
    CaseIn,
    CaseListingsIn,
    CaseOut,
    CaseSummaryOut,
    ChangeOut,
    DecisionIn,
    ListingOut,
    ListingRef,
    NoteIn,
    QueueOut,
    ReviewOut,
    TagsIn,
    VersionOut,
)
from review.decisions import DecisionError
from review.deps import AccountDep, AnalystToken, ListingId, SupervisorToken, query_values, services
from review.queue import ORDERS, BadCursor, BadFilter, parse_filters, queue_page
from review.views import case_rows, listing_detail
from storage.cases import CaseError
from storage.models import AuditEvent
from storage.predictions import verdict_summary

router = APIRouter(tags=["review"], responses=PROBLEMS)


@router.get("/queue", response_model=QueueOut)
def api_queue(
    request: Request,
    account: AccountDep,
    order: Literal["score", "newest", "site", "informative"] = "score",
    cursor: Annotated[str | None, Query(max_length=600)] = None,
) -> QueueOut:
    """The queue with the page's filters as query parameters (status, category, site, ...)."""
    ew = services(request)
    try:
        filters = parse_filters(query_values(request))
        if order not in ORDERS:
            raise BadFilter(f"order: unknown order {order!r}")
        with ew.factory() as session:
            page = queue_page(
                session, filters, order, cursor, ew.config.review.page_size, cursor_secret=ew.cursor_secret
            )
    except (BadFilter, BadCursor) as exc:
        raise HTTPException(400, str(exc)) from None
    return QueueOut(
        rows=list(page.rows),
        next_cursor=page.next_cursor,
    )


@router.get("/listings/{listing_id}", response_model=ListingOut)
def api_listing(request: Request, account: AccountDep, listing_id: ListingId) -> ListingOut:
    ew = services(request)
    with ew.factory() as session:
        d = listing_detail(session, listing_id)
        if d is None:
            raise HTTPException(404, "no such listing")
        listing, item, prediction = d.listing, d.item, d.prediction
        body = ListingOut(
            id=listing.id,
            url=listing.url,
            site=d.site_key,
            title=listing.title,
            description=listing.description,
            price=None if listing.price is None else str(listing.price),
            currency=listing.currency,
            seller=d.seller_name,
            text_language=listing.text_language,
            declared_language=listing.language,
            status=listing.status,
            first_seen_at=listing.first_seen_at,
            review=None
            if item is None
            else ReviewOut(
                status=item.status,
                version=item.version,
                category=item.category,
                confirmed_category=item.confirmed_category,
                assignee=d.assignee,
            ),
            prediction=verdict_summary(prediction),
            captures=[
                CaptureOut(
                    id=c.id,
                    captured_at=c.captured_at,
                    status=c.status,
                    timestamp_status=c.timestamp_status,
                    manifest_sha256=c.manifest_sha256,
                    artifacts={a.name: a.sha256 for a in c.artifacts},
                )
                for c in d.captures
            ],
            versions=[
                VersionOut(
                    version=v.version, kind=v.kind, observed_at=v.observed_at, changed_fields=v.changed_fields
                )
                for v in d.versions
            ],
            tags=d.tags,
            cases=d.cases,
        )
    ew.decisions.audit.append(account.username, "viewed", f"listing:{listing_id}", {"via": "api"})
    return body


@router.post("/listings/{listing_id}/decision", response_model=ChangeOut)
def api_decide(
    request: Request, account: AnalystToken, listing_id: ListingId, decision: DecisionIn
) -> ChangeOut:
    change = services(request).decisions.decide(
        account,
        listing_id,
        decision.version,
        decision.action,
        category=decision.category,
        reason=decision.reason,
    )
    return ChangeOut(listing_id=change.listing_id, version=change.version, status=change.status)


@router.post("/listings/{listing_id}/notes", status_code=201, response_model=ListingRef)
def api_note(request: Request, account: AnalystToken, listing_id: ListingId, note: NoteIn) -> ListingRef:
    services(request).decisions.add_note(account, listing_id, note.body)
    return ListingRef(listing_id=listing_id)


@router.post("/listings/{listing_id}/tags", response_model=ListingRef)
def api_tags(request: Request, account: AnalystToken, listing_id: ListingId, tags: TagsIn) -> ListingRef:
    services(request).decisions.set_tags(account, listing_id, tags.add, tags.remove)
    return ListingRef(listing_id=listing_id)


@router.post("/listings/{listing_id}/assign", response_model=ChangeOut)
def api_assign(
    request: Request, account: SupervisorToken, listing_id: ListingId, body: AssignIn
) -> ChangeOut:
    change = services(request).decisions.assign(account, listing_id, body.version, body.assignee or None)
    return ChangeOut(listing_id=change.listing_id, version=change.version, status=change.status)


@router.get("/cases/{name}", response_model=CaseOut)
def api_case(request: Request, account: AccountDep, name: str) -> CaseOut:
    """A case and its listings (the page's CSV/JSON download, as JSON)."""
    ew = services(request)
    info, listings = case_rows(ew.cases, ew.factory, name)
    return CaseOut(name=info.name, description=info.description, listings=listings)


@router.get("/cases", response_model=list[CaseSummaryOut])
def api_cases(request: Request, account: AccountDep) -> list[CaseSummaryOut]:
    return [
        CaseSummaryOut(name=c.name, listings=c.listings, created_by=c.created_by, created_at=c.created_at)
        for c in services(request).cases.list_cases()
    ]


@router.post("/cases", status_code=201, response_model=CaseCreatedOut)
def api_create_case(request: Request, account: AnalystToken, case: CaseIn) -> CaseCreatedOut:
    ew = services(request)
    try:
        info = ew.cases.create(case.name, account.username, case.description)
    except CaseError as exc:
        raise DecisionError(str(exc)) from None
    ew.decisions.audit.append(
        account.username, "case_created", f"case:{info.id}", {"case": info.name, "via": "api"}
    )
    return CaseCreatedOut(name=info.name)


@router.post("/cases/{name}/listings", response_model=AddedOut)
def api_case_add(request: Request, account: AnalystToken, name: str, body: CaseListingsIn) -> AddedOut:
    ew = services(request)
    try:
        added = ew.cases.add_listings(name, body.listing_ids, account.username)
        info = ew.cases.get(name)
    except CaseError as exc:
        raise DecisionError(str(exc)) from None
    ew.decisions.audit.append(
        account.username,
        "case_added",
        f"case:{info.id}",
        {"case": info.name, "listing_ids": body.listing_ids[:1000], "via": "api"},
    )
    return AddedOut(added=added)


@router.get("/audit", response_model=list[AuditEventOut])
def api_audit(request: Request, account: SupervisorToken, limit: int = 100) -> list[AuditEventOut]:
    with services(request).factory() as session:
        events = session.scalars(
            select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(max(1, min(limit, 1000)))
        )
        return [
            AuditEventOut(
                seq=e.seq,
                at=e.occurred_at,
                actor=e.actor,
                action=e.action,
                subject=e.subject,
                details=e.details,
            )
            for e in events
        ]
