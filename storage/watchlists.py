"""Watchlists, the rotation of their terms per site, and what each search found.

A search crawl asks for a *plan* (the terms to search on one site, best first), records every
result page it fetched and the listing URLs each showed, and *settles* its run at the end: terms
that found nothing move towards demotion, terms that found something come back. Statistics are
computed from those records on demand, so they always equal what the database holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.models import (
    CrawlRun,
    Listing,
    ReviewItem,
    SearchHit,
    SearchPage,
    Site,
    TermVerdict,
    Watchlist,
    WatchTerm,
    WatchTermSite,
)
from storage.term_rows import ANY_LANGUAGE, TermRow, clean_term
from storage.types import utcnow

MAX_NAME = 100


class WatchlistError(ValueError):
    """A watchlist operation that cannot be done as asked (unknown list or term, bad name)."""


def clean_list_name(name: str) -> str:
    """The stored form of a list name: it is typed on command lines and appears in URLs."""
    cleaned = name.strip()
    if not cleaned:
        raise WatchlistError("watchlist name must not be empty")
    if len(cleaned) > MAX_NAME:
        raise WatchlistError(f"watchlist name longer than {MAX_NAME} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned) or "/" in cleaned or "\\" in cleaned:
        raise WatchlistError("watchlist name must not contain control characters, / or \\")
    if cleaned in (".", ".."):
        raise WatchlistError("watchlist name must not be . or ..")
    return cleaned


@dataclass(frozen=True)
class WatchlistInfo:
    name: str
    description: str
    source: str
    terms: int
    updated_at: datetime


@dataclass(frozen=True)
class StoredTerm:
    id: int
    row: TermRow
    added_by: str
    added_at: datetime
    removed_at: datetime | None


@dataclass(frozen=True)
class AddResult:
    added: int = 0
    #: present already, with another category, priority or source: now the given one
    updated: int = 0
    unchanged: int = 0
    #: removed earlier and added again
    restored: int = 0
    removed: int = 0


@dataclass(frozen=True)
class PlannedTerm:
    """A term to search on one site, with why it stands where it does in the rotation."""

    id: int
    term: str
    language: str
    category: str
    priority: int
    #: listings found by this term (on any site) that analysts confirmed
    confirmed: int
    demoted: bool
    last_searched_at: datetime | None


@dataclass(frozen=True)
class SearchPageRecord:
    """One result page as the crawl fetched it: what storage keeps of a search."""

    id: str
    term_id: int
    url: str
    page: int
    fetched_at: datetime
    http_status: int
    #: canonical URLs of the listings shown, in the page's order
    result_urls: list[str] = field(default_factory=list)
    body_sha256: str | None = None


@dataclass(frozen=True)
class TermStats:
    term_id: int
    term: str
    language: str
    category: str
    priority: int
    site_id: int
    searches: int
    pages: int
    #: distinct listing URLs the result pages showed
    results: int
    #: of those, stored (fetched) listings
    found: int
    flagged: int
    confirmed: int
    dismissed: int
    empty_runs: int
    demoted: bool


@dataclass(frozen=True)
class Provenance:
    """How a listing was found: which term of which list, on which result page, when."""

    watchlist: str
    term: str
    language: str
    page_url: str
    page: int
    rank: int
    fetched_at: datetime
    run_id: str
    body_sha256: str | None


#: how long after its last search a term of each priority is due again: a run searches the terms
#: most overdue first, so priority-1 terms every run and the others in turn, as the budget allows
PRIORITY_SPACING = {
    1: timedelta(0),
    2: timedelta(hours=6),
    3: timedelta(days=1),
    4: timedelta(days=3),
    5: timedelta(days=7),
}
#: each listing a term found that analysts confirmed brings it forward by this much (up to a day)
CONFIRMED_BONUS = timedelta(hours=1)
MAX_CONFIRMED_BONUS = timedelta(days=1)
_NEVER = datetime.min.replace(tzinfo=UTC)


def rotation_key(term: PlannedTerm) -> tuple[Any, ...]:
    """Demoted terms last; terms never searched on the site first (by priority); then by when
    each is due (its last search plus its priority's spacing, less its confirmed finds' bonus)."""
    if term.last_searched_at is None:
        return (term.demoted, 0, term.priority, _NEVER, term.id)
    bonus = min(MAX_CONFIRMED_BONUS, CONFIRMED_BONUS * term.confirmed)
    due = term.last_searched_at + PRIORITY_SPACING.get(term.priority, PRIORITY_SPACING[5]) - bonus
    return (term.demoted, 1, 0, due, term.id)


class WatchlistStore:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    # -- lists and terms -------------------------------------------------------------------
    def lists(self) -> list[WatchlistInfo]:
        with self._factory() as session:
            active = func.count(WatchTerm.id).filter(WatchTerm.removed_at.is_(None))
            rows = session.execute(
                select(Watchlist, active)
                .outerjoin(WatchTerm, WatchTerm.watchlist_id == Watchlist.id)
                .group_by(Watchlist.id)
                .order_by(Watchlist.name)
            ).all()
            return [WatchlistInfo(w.name, w.description, w.source, n, w.updated_at) for w, n in rows]

    def exists(self, name: str) -> bool:
        with self._factory() as session:
            return self._find(session, name) is not None

    def create(self, name: str, *, description: str = "", source: str = "") -> None:
        cleaned = clean_list_name(name)
        with transaction(self._factory) as session:
            if self._find(session, cleaned) is not None:
                raise WatchlistError(f"watchlist {cleaned!r} exists already")
            session.add(Watchlist(name=cleaned, description=description.strip(), source=source.strip()))

    def add(
        self, name: str, rows: Iterable[TermRow], *, by: str, create: bool = True, replace: bool = False
    ) -> AddResult:
        """Add terms (a term already there takes the given category, priority and source).

        ``replace``: the list becomes exactly ``rows``; its other terms are marked removed (their
        history stays). One transaction: a failing row leaves the list as it was."""
        cleaned = clean_list_name(name)
        counts = {"added": 0, "updated": 0, "unchanged": 0, "restored": 0, "removed": 0}
        now = utcnow()
        with transaction(self._factory) as session:
            watchlist = self._find(session, cleaned)
            if watchlist is None:
                if not create:
                    raise WatchlistError(f"no watchlist {cleaned!r}")
                watchlist = Watchlist(name=cleaned)
                session.add(watchlist)
                session.flush()
            existing = {
                (t.term.casefold(), t.language): t
                for t in session.scalars(select(WatchTerm).where(WatchTerm.watchlist_id == watchlist.id))
            }
            given: set[tuple[str, str]] = set()
            for row in rows:
                given.add(row.key)
                term = existing.get(row.key)
                if term is None:
                    term = WatchTerm(
                        watchlist_id=watchlist.id,
                        term=row.term,
                        language=row.language,
                        category=row.category,
                        priority=row.priority,
                        source=row.source,
                        added_by=by,
                        added_at=now,
                    )
                    session.add(term)
                    existing[row.key] = term
                    counts["added"] += 1
                    continue
                same = (term.term, term.category, term.priority, term.source) == (
                    row.term,
                    row.category,
                    row.priority,
                    row.source,
                )
                if term.removed_at is not None:
                    term.removed_at = None
                    counts["restored"] += 1
                elif same:
                    counts["unchanged"] += 1
                    continue
                else:
                    counts["updated"] += 1
                term.term, term.category, term.priority, term.source = (
                    row.term,
                    row.category,
                    row.priority,
                    row.source,
                )
            if replace:
                for key, term in existing.items():
                    if key not in given and term.removed_at is None:
                        term.removed_at = now
                        counts["removed"] += 1
            watchlist.updated_at = now
        return AddResult(**counts)

    def remove(self, name: str, term: str, language: str | None = None) -> int:
        """Mark a term removed (in one language, or in all); returns how many were."""
        wanted = clean_term(term).casefold()
        with transaction(self._factory) as session:
            watchlist = self._require(session, name)
            removed = 0
            for stored in session.scalars(
                select(WatchTerm).where(
                    WatchTerm.watchlist_id == watchlist.id, WatchTerm.removed_at.is_(None)
                )
            ):
                if stored.term.casefold() == wanted and (language is None or stored.language == language):
                    stored.removed_at = utcnow()
                    removed += 1
            if not removed:
                raise WatchlistError(
                    f"{name!r} has no term {term!r}" + (f" in {language}" if language else "")
                )
            watchlist.updated_at = utcnow()
            return removed

    def terms(self, name: str, *, include_removed: bool = False) -> list[StoredTerm]:
        with self._factory() as session:
            watchlist = self._require(session, name)
            query = select(WatchTerm).where(WatchTerm.watchlist_id == watchlist.id)
            if not include_removed:
                query = query.where(WatchTerm.removed_at.is_(None))
            query = query.order_by(WatchTerm.priority, WatchTerm.language, WatchTerm.term)
            return [
                StoredTerm(
                    t.id,
                    TermRow(t.term, t.language, t.category, t.priority, t.source),
                    t.added_by,
                    t.added_at,
                    t.removed_at,
                )
                for t in session.scalars(query)
            ]

    # -- rotation ----------------------------------------------------------------------------
    def plan(self, name: str, site_id: int, *, languages: Sequence[str] = ()) -> list[PlannedTerm]:
        """Every active term of the list for this site, in the order to search them (see
        :func:`rotation_key`). ``languages``: the site's; empty = all."""
        with self._factory() as session:
            watchlist = self._require(session, name)
            confirmed = self._confirmed_by_term(session, watchlist.id)
            query = (
                select(WatchTerm, WatchTermSite)
                .outerjoin(
                    WatchTermSite,
                    and_(WatchTermSite.term_id == WatchTerm.id, WatchTermSite.site_id == site_id),
                )
                .where(WatchTerm.watchlist_id == watchlist.id, WatchTerm.removed_at.is_(None))
            )
            if languages:
                query = query.where(WatchTerm.language.in_([*languages, ANY_LANGUAGE]))
            planned = [
                PlannedTerm(
                    term.id,
                    term.term,
                    term.language,
                    term.category,
                    term.priority,
                    confirmed.get(term.id, 0),
                    state is not None and state.demoted_at is not None,
                    state.last_searched_at if state is not None else None,
                )
                for term, state in session.execute(query)
            ]
        planned.sort(key=rotation_key)
        return planned

    @staticmethod
    def _confirmed_by_term(session: Session, watchlist_id: int) -> dict[int, int]:
        rows = session.execute(
            select(SearchPage.term_id, func.count(func.distinct(Listing.id)))
            .join(SearchHit, SearchHit.search_page_id == SearchPage.id)
            .join(Listing, Listing.canonical_url == SearchHit.canonical_url)
            .join(ReviewItem, ReviewItem.listing_id == Listing.id)
            .join(WatchTerm, WatchTerm.id == SearchPage.term_id)
            .where(WatchTerm.watchlist_id == watchlist_id, ReviewItem.status == "confirmed")
            .group_by(SearchPage.term_id)
        ).all()
        return {term_id: count for term_id, count in rows}

    def record_pages(self, site_id: int, run_id: str, pages: Sequence[SearchPageRecord]) -> None:
        """Store result pages and the listing URLs they showed, in one transaction."""
        if not pages:
            return
        with transaction(self._factory) as session:
            for page in pages:
                session.add(
                    SearchPage(
                        id=page.id,
                        run_id=run_id,
                        site_id=site_id,
                        term_id=page.term_id,
                        url=page.url,
                        page=page.page,
                        fetched_at=page.fetched_at,
                        http_status=page.http_status,
                        results=len(page.result_urls),
                        body_sha256=page.body_sha256,
                    )
                )
            session.flush()
            hits = [
                {"search_page_id": page.id, "canonical_url": url, "rank": rank}
                for page in pages
                for rank, url in enumerate(dict.fromkeys(page.result_urls), start=1)
            ]
            if hits:
                session.execute(insert(SearchHit), hits)

    def settle_run(self, site_id: int, run_id: str, *, demote_after: int) -> dict[str, int]:
        """After a search crawl: each term it searched counts one more run, empty or not; a term
        empty ``demote_after`` runs in a row is demoted, a demoted term that found something is
        not any more. Returns how many terms were searched, empty, demoted and restored."""
        outcome = {"searched": 0, "empty": 0, "demoted": 0, "restored": 0}
        with transaction(self._factory) as session:
            searched = session.execute(
                select(SearchPage.term_id, func.sum(SearchPage.results), func.max(SearchPage.fetched_at))
                .where(SearchPage.run_id == run_id, SearchPage.site_id == site_id)
                .group_by(SearchPage.term_id)
            ).all()
            states = {
                s.term_id: s
                for s in session.scalars(
                    select(WatchTermSite).where(
                        WatchTermSite.site_id == site_id,
                        WatchTermSite.term_id.in_([term_id for term_id, _, _ in searched]),
                    )
                )
            }
            for term_id, results, last in searched:
                state = states.get(term_id)
                if state is None:
                    state = WatchTermSite(
                        term_id=term_id, site_id=site_id, runs=0, empty_runs=0, last_results=0
                    )
                    session.add(state)
                state.runs += 1
                state.last_searched_at = last
                state.last_results = int(results or 0)
                outcome["searched"] += 1
                if state.last_results:
                    state.empty_runs = 0
                    if state.demoted_at is not None:
                        state.demoted_at = None
                        outcome["restored"] += 1
                    continue
                state.empty_runs += 1
                outcome["empty"] += 1
                if state.empty_runs >= demote_after and state.demoted_at is None:
                    state.demoted_at = utcnow()
                    outcome["demoted"] += 1
        return outcome

    def requests_since(self, site_id: int, since: datetime) -> int:
        """Requests the site's search crawls started since ``since`` made (the hourly budget's
        use: what each run's statistics counted, the running one's as its last flush left it)."""
        with self._factory() as session:
            stats = session.scalars(
                select(CrawlRun.stats).where(CrawlRun.site_id == site_id, CrawlRun.started_at >= since)
            ).all()
        return sum(int((s or {}).get("ecowarden/search/requests", 0) or 0) for s in stats)

    # -- material for code-word discovery (classifiers/term_mining.py) ------------------------
    def mining_rows(
        self, *, others_limit: int = 20_000
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[str]]:
        """(confirmed listings, other listings (the newest ``others_limit``), the terms every
        watchlist holds): rows of (id, title, description, seller, category, language)."""
        from storage.models import Seller

        columns = (
            Listing.id,
            Listing.title,
            Listing.description,
            Seller.key,
        )
        with self._factory() as session:
            confirmed = [
                tuple(row)
                for row in session.execute(
                    select(*columns, ReviewItem.confirmed_category, Listing.text_language)
                    .join(ReviewItem, ReviewItem.listing_id == Listing.id)
                    .outerjoin(Seller, Seller.id == Listing.seller_id)
                    .where(ReviewItem.status == "confirmed")
                )
            ]
            confirmed_ids = {row[0] for row in confirmed}
            others_query = (
                select(*columns, ReviewItem.category, Listing.text_language)
                .outerjoin(ReviewItem, ReviewItem.listing_id == Listing.id)
                .outerjoin(Seller, Seller.id == Listing.seller_id)
                .order_by(Listing.id.desc())
                .limit(others_limit)
            )
            others = [tuple(row) for row in session.execute(others_query) if row[0] not in confirmed_ids]
            known = list(session.scalars(select(WatchTerm.term).where(WatchTerm.removed_at.is_(None))))
        return confirmed, others, known

    def decide_suggestion(
        self,
        term: str,
        language: str,
        verdict: str,
        *,
        by: str,
        watchlist: str | None = None,
        category: str = "any",
    ) -> None:
        """Record an analyst's answer to a suggested term; an accepted one joins ``watchlist``
        (priority 2) in the same transaction."""
        if verdict not in ("accepted", "rejected"):
            raise WatchlistError("a suggestion is accepted or rejected")
        row = TermRow.checked(term, language, category, 2, "suggested from confirmed listings")
        if verdict == "accepted":
            if watchlist is None:
                raise WatchlistError("an accepted term goes into a watchlist: name one")
            self.add(watchlist, [row], by=by)
        with transaction(self._factory) as session:
            existing = session.scalar(
                select(TermVerdict).where(
                    TermVerdict.term == row.term.casefold(), TermVerdict.language == row.language
                )
            )
            if existing is None:
                existing = TermVerdict(term=row.term.casefold(), language=row.language)
                session.add(existing)
            existing.verdict, existing.watchlist, existing.decided_by = verdict, watchlist, by
            existing.decided_at = utcnow()

    def decided_terms(self) -> list[str]:
        """Terms analysts have answered (accepted or rejected): never suggested again."""
        with self._factory() as session:
            return list(session.scalars(select(TermVerdict.term)))

    def site_keys(self) -> dict[int, str]:
        """Site ids to keys, for the statistics (which name sites by id)."""
        with self._factory() as session:
            return {row.id: row.key for row in session.scalars(select(Site))}

    # -- what the searches found -----------------------------------------------------------
    def stats(self, name: str | None = None, site_id: int | None = None) -> list[TermStats]:
        """Per term and site: searches run (first result pages), pages, distinct results, how many
        of those were stored, flagged (queued for review), confirmed and dismissed."""
        with self._factory() as session:
            searched = (
                select(
                    SearchPage.term_id,
                    SearchPage.site_id,
                    func.count(func.distinct(case((SearchPage.page == 1, SearchPage.id)))).label("searches"),
                    func.count(func.distinct(SearchPage.id)).label("pages"),
                )
                .group_by(SearchPage.term_id, SearchPage.site_id)
                .subquery()
            )
            found = (
                select(
                    SearchPage.term_id,
                    SearchPage.site_id,
                    func.count(func.distinct(SearchHit.canonical_url)).label("results"),
                    func.count(func.distinct(Listing.id)).label("found"),
                    func.count(func.distinct(ReviewItem.listing_id)).label("flagged"),
                    func.count(
                        func.distinct(case((ReviewItem.status == "confirmed", ReviewItem.listing_id)))
                    ).label("confirmed"),
                    func.count(
                        func.distinct(case((ReviewItem.status == "dismissed", ReviewItem.listing_id)))
                    ).label("dismissed"),
                )
                .join(SearchHit, SearchHit.search_page_id == SearchPage.id)
                .outerjoin(Listing, Listing.canonical_url == SearchHit.canonical_url)
                .outerjoin(ReviewItem, ReviewItem.listing_id == Listing.id)
                .group_by(SearchPage.term_id, SearchPage.site_id)
                .subquery()
            )
            query = (
                select(WatchTerm, searched, found, WatchTermSite)
                .join(searched, searched.c.term_id == WatchTerm.id)
                .outerjoin(
                    found, and_(found.c.term_id == WatchTerm.id, found.c.site_id == searched.c.site_id)
                )
                .outerjoin(
                    WatchTermSite,
                    and_(WatchTermSite.term_id == WatchTerm.id, WatchTermSite.site_id == searched.c.site_id),
                )
            )
            if name is not None:
                watchlist = self._require(session, name)
                query = query.where(WatchTerm.watchlist_id == watchlist.id)
            if site_id is not None:
                query = query.where(searched.c.site_id == site_id)
            query = query.order_by(WatchTerm.priority, WatchTerm.term, searched.c.site_id)
            out = []
            for row in session.execute(query):
                term: WatchTerm = row[0]
                state: WatchTermSite | None = row[-1]
                out.append(
                    TermStats(
                        term_id=term.id,
                        term=term.term,
                        language=term.language,
                        category=term.category,
                        priority=term.priority,
                        site_id=row.site_id,
                        searches=row.searches,
                        pages=row.pages,
                        results=row.results or 0,
                        found=row.found or 0,
                        flagged=row.flagged or 0,
                        confirmed=row.confirmed or 0,
                        dismissed=row.dismissed or 0,
                        empty_runs=state.empty_runs if state is not None else 0,
                        demoted=state is not None and state.demoted_at is not None,
                    )
                )
            return out

    def provenance(self, canonical_url: str) -> list[Provenance]:
        """Every result page that showed this listing, oldest first."""
        with self._factory() as session:
            return provenance_in(session, canonical_url)

    # -- helpers -----------------------------------------------------------------------------
    @staticmethod
    def _find(session: Session, name: str) -> Watchlist | None:
        return session.scalar(select(Watchlist).where(Watchlist.name == name.strip()))

    def _require(self, session: Session, name: str) -> Watchlist:
        watchlist = self._find(session, name)
        if watchlist is None:
            raise WatchlistError(f"no watchlist {name.strip()!r}")
        return watchlist


def provenance_in(session: Session, canonical_url: str) -> list[Provenance]:
    """Every result page that showed this listing, oldest first (in the caller's session)."""
    rows = session.execute(
        select(Watchlist.name, WatchTerm.term, WatchTerm.language, SearchPage, SearchHit.rank)
        .join(SearchHit, SearchHit.search_page_id == SearchPage.id)
        .join(WatchTerm, WatchTerm.id == SearchPage.term_id)
        .join(Watchlist, Watchlist.id == WatchTerm.watchlist_id)
        .where(SearchHit.canonical_url == canonical_url)
        .order_by(SearchPage.fetched_at, SearchHit.rank)
    ).all()
    return [
        Provenance(
            name,
            term,
            language,
            page.url,
            page.page,
            rank,
            page.fetched_at,
            page.run_id,
            page.body_sha256,
        )
        for name, term, language, page, rank in rows
    ]
