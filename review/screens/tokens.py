"""The API tokens screen: each user's own tokens, and every user's for supervisors and above.

Tokens are made with ``ecowarden user token NAME`` and shown once, then: the database keeps only
their SHA-256, so this page can show what a token is for, when it was made and last used, and
revoke it, never the token itself. Anyone may revoke their own tokens (a token that leaked is
stopped by its owner at once); a supervisor, who oversees the audit log, may revoke anyone's,
like ``user token NAME --revoke ID|--all``. Revoking only takes a power away, so no role beyond
that is asked for. Every revocation is audited as the CLI's are.
"""

from __future__ import annotations

from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review.accounts import TokenInfo
from review.deps import MAX_ID, Caller, CallerDep, UserPost, render, require, services

#: pages are not part of the API's schema (/api/openapi.json documents the JSON API only)
router = APIRouter(include_in_schema=False)
TokenId = Annotated[int, PathParam(ge=1, le=MAX_ID)]
#: whose tokens a caller may see and revoke besides their own
OVERSEER_ROLE = "supervisor"


@router.get("/tokens", response_class=HTMLResponse)
def tokens(request: Request, caller: CallerDep) -> Response:
    ew = services(request)
    me = caller.account.username
    others: list[tuple[str, list[TokenInfo]]] = []
    if caller.account.can(OVERSEER_ROLE):
        rows = [(name, token) for name, token in ew.accounts.all_tokens() if name != me]
        others = [(name, [token for _, token in group]) for name, group in groupby(rows, key=lambda r: r[0])]
    return render(request, "tokens.html", caller, own=ew.accounts.list_tokens(me), others=others)


def _may_revoke(caller: Caller, owner: str) -> None:
    """One's own tokens, or anyone's for an overseer (Forbidden otherwise)."""
    if owner != caller.account.username:
        require(caller, OVERSEER_ROLE)


def _audit_revocation(
    request: Request, caller: Caller, owner: str, token_id: int | None, revoked: int
) -> None:
    """The audit entry ``ecowarden user token --revoke`` writes, with the app's user as the actor."""
    services(request).decisions.audit.append(
        caller.account.username, "token_revoked", f"user:{owner}", {"token": token_id, "revoked": revoked}
    )


def _not_found(request: Request, caller: Caller, title: str) -> Response:
    return render(request, "error.html", caller, status_code=404, title=title, message="", link="/tokens")


@router.post("/tokens/{token_id}/revoke")
def revoke_token(request: Request, caller: UserPost, token_id: TokenId) -> Response:
    ew = services(request)
    owner = ew.accounts.token_owner(token_id)
    if owner is None:
        return _not_found(request, caller, "No such token")
    _may_revoke(caller, owner)
    revoked = ew.accounts.revoke_token(owner, token_id)
    _audit_revocation(request, caller, owner, token_id, int(revoked))
    return RedirectResponse("/tokens", status_code=303)


@router.post("/tokens/revoke-all")
def revoke_all(
    request: Request, caller: UserPost, username: Annotated[str, Form(max_length=100)]
) -> Response:
    ew = services(request)
    if ew.accounts.get(username) is None:
        return _not_found(request, caller, "No such user")
    _may_revoke(caller, username)
    revoked = ew.accounts.revoke_tokens(username)
    _audit_revocation(request, caller, username, None, revoked)
    return RedirectResponse("/tokens", status_code=303)
