"""The audit screen: the append-only log, filtered, with its hash chain re-verified."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from review.deps import SessionDep, SupervisorView, render, services
from storage.models import AuditEvent, AuditHead

#: pages are not part of the API's schema (/api/openapi.json documents the JSON API only)
router = APIRouter(include_in_schema=False)
#: audit entries the audit page re-verifies on every load; beyond, only when asked
FULL_VERIFY_LIMIT = 20_000


@router.get("/audit", response_class=HTMLResponse)
def audit(
    request: Request,
    caller: SupervisorView,
    session: SessionDep,
    actor: str = "",
    subject: str = "",
    verify: bool = False,
) -> Response:
    ew = services(request)
    query = select(AuditEvent)
    if actor:
        query = query.where(AuditEvent.actor == actor[:200])
    if subject:
        query = query.where(AuditEvent.subject == subject[:200])
    events = list(session.scalars(query.order_by(AuditEvent.seq.desc()).limit(300)))
    # the full chain check reads every entry: automatic while that is cheap, on request after
    size = session.scalar(select(AuditHead.seq)) or 0
    problems = ew.decisions.audit.verify() if size <= FULL_VERIFY_LIMIT or verify else None
    return render(
        request, "audit.html", caller, events=events, problems=problems, actor=actor, subject=subject
    )
