"""The case screens: cases, one case with its listings and timeline, downloads and the evidence bundle
export."""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.background import BackgroundTask

from review.decisions import DecisionError
from review.deps import AnalystPost, Caller, CallerDep, SupervisorPost, render, services, small_int
from review.spreadsheet import csv_text
from review.views import case_rows
from storage.cases import CaseError, CaseInfo
from storage.models import AuditEvent, Capture

#: pages are not part of the API's schema (/api/openapi.json documents the JSON API only)
router = APIRouter(include_in_schema=False)
#: bagit's make_bag changes the process's working directory: one export at a time
_EXPORT_LOCK = threading.Lock()


def case_subject(info: CaseInfo) -> str:
    """Cases are audited by id: names are free text up to 200 characters, subjects are bounded."""
    return f"case:{info.id}"


def add_listings(request: Request, caller: Caller, case: str, listing_ids: list[int]) -> int:
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
    caller: AnalystPost,
    name: Annotated[str, Form(max_length=200)],
    description: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
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
        # the timeline is an excerpt of the audit log, which is the supervisors' (as /audit is)
        timeline = (
            list(
                session.scalars(
                    select(AuditEvent)
                    .where(AuditEvent.subject.in_(subjects[:1000]))
                    .order_by(AuditEvent.seq.desc())
                    .limit(300)
                )
            )
            if caller.account.can("supervisor")
            else None
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
    caller: AnalystPost,
    name: str,
    listing_ids: Annotated[str, Form(max_length=5000)],
) -> Response:
    values = listing_ids.replace(",", " ").split()
    if not values or not all(small_int(v) for v in values):
        raise DecisionError("give listing ids, separated by spaces or commas")
    ids = [int(v) for v in values]
    add_listings(request, caller, name, ids)
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
    # scraped text must never run as a formula, in a spreadsheet of any separator
    text = csv_text(listings, list(listings[0]) if listings else ["id"])
    return Response(text, media_type="text/csv; charset=utf-8", headers=disposition)


@router.post("/cases/{name}/export")
def case_export(
    request: Request,
    caller: SupervisorPost,
    name: str,
    recipient: Annotated[str, Form(max_length=500)] = "",
    purpose: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """The case's evidence bundle as a download; who it is for and why go into the custody log,
    the bundle and its report (left empty, they show there as not recorded)."""
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
                ctx,
                output=output.resolve(),
                case=info.name,
                actor=caller.account.username,
                recipient=recipient.strip() or None,
                purpose=purpose.strip() or None,
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
