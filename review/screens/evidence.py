"""Evidence files served to analysts (screenshots shown, scraped bytes only downloaded, sandboxed), and
the interstitial page before a link leaves the app."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from sqlalchemy import select

from review.deps import CallerDep, render, services
from storage.models import Artifact

#: pages are not part of the API's schema (/api/openapi.json documents the JSON API only)
router = APIRouter(include_in_schema=False)


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
        return FileResponse(path, media_type="image/png", headers={"Cache-Control": "no-store"})
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
