"""The watchlist screens: the lists, one list's terms with what each found per site, edits
(analysts), and the CSV files agencies exchange (``ecowarden watch`` does the same)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review.decisions import DecisionError
from review.deps import AnalystPost, CallerDep, render, services
from review.screens.cases import attachment
from storage.term_rows import MAX_FILE_BYTES, TermRow, TermRowError, read_csv, write_csv
from storage.watchlists import WatchlistError

router = APIRouter(include_in_schema=False)


def list_url(name: str) -> str:
    return "/watchlists/" + quote(name, safe="")


@router.get("/watchlists", response_class=HTMLResponse)
def watchlists(request: Request, caller: CallerDep) -> Response:
    return render(request, "watchlists.html", caller, lists=services(request).watchlists.lists())


@router.get("/watchlists/{name}", response_class=HTMLResponse)
def watchlist(request: Request, caller: CallerDep, name: str) -> Response:
    ew = services(request)
    try:
        terms = ew.watchlists.terms(name)
        stats = ew.watchlists.stats(name)
    except WatchlistError as exc:
        raise DecisionError(str(exc)) from None
    sites = ew.watchlists.site_keys()
    by_term: dict[int, list[tuple[str, object]]] = {}
    for row in stats:
        by_term.setdefault(row.term_id, []).append((sites.get(row.site_id, str(row.site_id)), row))
    return render(request, "watchlist.html", caller, name=name, terms=terms, by_term=by_term)


@router.get("/watchlists/{name}/export.csv")
def export_list(request: Request, caller: CallerDep, name: str) -> Response:
    try:
        data = write_csv(t.row for t in services(request).watchlists.terms(name))
    except WatchlistError as exc:
        raise DecisionError(str(exc)) from None
    return Response(data, media_type="text/csv; charset=utf-8", headers=attachment(f"{name}.csv"))


def _audited(
    request: Request, caller: AnalystPost, action: str, name: str, details: dict[str, object]
) -> None:
    services(request).decisions.audit.append(
        caller.account.username, action, f"watchlist:{name[:100]}", details
    )


@router.post("/watchlists/{name}/terms")
def add_term(
    request: Request,
    caller: AnalystPost,
    name: str,
    term: Annotated[str, Form(max_length=400)],
    language: Annotated[str, Form(max_length=16)],
    category: Annotated[str, Form(max_length=20)],
    priority: Annotated[str, Form(max_length=4)] = "3",
    source: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    try:
        row = TermRow.checked(term, language, category, priority, source)
        services(request).watchlists.add(name, [row], by=caller.account.username)
    except (TermRowError, WatchlistError) as exc:
        raise DecisionError(str(exc)) from None
    _audited(request, caller, "watch_term_added", name, {"term": row.term, "language": row.language})
    return RedirectResponse(list_url(name), status_code=303)


@router.post("/watchlists/{name}/remove")
def remove_term(
    request: Request,
    caller: AnalystPost,
    name: str,
    term: Annotated[str, Form(max_length=400)],
    language: Annotated[str, Form(max_length=16)],
) -> Response:
    try:
        services(request).watchlists.remove(name, term, language)
    except WatchlistError as exc:
        raise DecisionError(str(exc)) from None
    _audited(request, caller, "watch_term_removed", name, {"term": term[:200], "language": language})
    return RedirectResponse(list_url(name), status_code=303)


@router.post("/watchlists/{name}/import")
async def import_list(
    request: Request,
    caller: AnalystPost,
    name: str,
    file: Annotated[UploadFile, File()],
    replace: Annotated[bool, Form()] = False,
) -> Response:
    data = await file.read(MAX_FILE_BYTES + 1)
    try:
        parsed = read_csv(data)
        result = services(request).watchlists.add(
            name, parsed.rows, by=caller.account.username, replace=replace
        )
    except (TermRowError, WatchlistError) as exc:
        raise DecisionError(str(exc)) from None
    _audited(
        request,
        caller,
        "watchlist_imported",
        name,
        {"added": result.added, "updated": result.updated, "removed": result.removed, "replace": replace},
    )
    return RedirectResponse(list_url(name), status_code=303)


@router.get("/term-suggestions", response_class=HTMLResponse)
def suggestions(request: Request, caller: CallerDep) -> Response:
    """Terms mined from confirmed listings that no list has and nobody has answered yet."""
    from classifiers.term_mining import iter_texts, mine_terms

    ew = services(request)
    confirmed, others, known = ew.watchlists.mining_rows()
    found = mine_terms(
        iter_texts(confirmed), iter_texts(others), known=[*known, *ew.watchlists.decided_terms()]
    )
    return render(
        request,
        "suggestions.html",
        caller,
        suggestions=found,
        confirmed=len(confirmed),
        lists=[w.name for w in ew.watchlists.lists()],
    )


@router.post("/term-suggestions")
def decide_suggestion(
    request: Request,
    caller: AnalystPost,
    term: Annotated[str, Form(max_length=400)],
    language: Annotated[str, Form(max_length=16)],
    verdict: Annotated[str, Form(max_length=10)],
    category: Annotated[str, Form(max_length=20)] = "any",
    watchlist: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        services(request).watchlists.decide_suggestion(
            term,
            language,
            verdict,
            by=caller.account.username,
            watchlist=watchlist or None,
            category=category,
        )
    except (TermRowError, WatchlistError) as exc:
        raise DecisionError(str(exc)) from None
    action = "watch_term_added" if verdict == "accepted" else "watch_term_rejected"
    _audited(
        request,
        caller,
        action,
        watchlist or "-",
        {"term": term[:200], "language": language, "suggested": True},
    )
    return RedirectResponse("/term-suggestions", status_code=303)
