"""The actor page: everything one actor (linked listings across sites) is behind; every view of
it is audited, since it gathers personal data in one place."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from review.actors import actor_detail
from review.deps import CallerDep, render, services

router = APIRouter(include_in_schema=False)

ActorId = Annotated[int, Path(ge=1, le=2**62)]


@router.get("/actor/{actor}", response_class=HTMLResponse)
def actor_page(request: Request, caller: CallerDep, actor: ActorId) -> Response:
    ew = services(request)
    with ew.factory() as session:
        detail = actor_detail(session, actor)
    if detail is None:
        return render(
            request,
            "error.html",
            caller,
            status_code=404,
            title="No such actor",
            message="No listing belongs to this actor in the last linking (ecowarden networks build).",
            link="/",
        )
    if not caller.account.can("analyst"):
        detail.identifiers = []  # personal data: analysts and above
    ew.decisions.audit.append(caller.account.username, "viewed", f"actor:{actor}")
    return render(request, "actor.html", caller, a=detail)
