"""The queue's SQL: filtered, ordered, keyset-paginated pages of ``review_items`` and facet counts.

Pagination is keyset only: a page's cursor (``review.queue.cursor``) carries the sort key of its
last row and the next page starts strictly after it, through an index whose order is the page
order. OFFSET would make page 1,000 read and throw away 50,000 rows first; with keys, every page
costs the same, and rows changing status meanwhile neither repeat nor vanish across the pages an
analyst walks through.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session

from classifiers.types import SUSPECT_CATEGORIES
from review.queue.cursor import decode_cursor, encode_cursor, micros
from review.queue.filters import ORDERS, STATUSES, BadFilter, QueueFilters
from storage.models import ReviewItem, ReviewTag, Seller, Site, User
from storage.types import UTCDateTime

#: facet counts stop here: an exact count of a million rows costs more than the page it decorates
FACET_CAP = 10_000
MAX_LIMIT = 1_000
#: a search or tag matching fewer rows than this is read whole and sorted (see :func:`_small_hit_set`)
HIT_SET_CAP = 10_000
#: the "site" order walks sites one query each (each an index range); past this many it switches to
#: one query joining sites, so thousands of small generic-crawl sites cannot mean thousands of queries
SITE_STEPS = 8


@dataclass(frozen=True)
class QueueRow:
    listing_id: int
    version: int
    title: str
    score: float
    #: |score - threshold| of the verdict's model (1.0 when unknown), the "informative" order's key
    uncertainty: float
    category: str
    confirmed_category: str | None
    status: str
    site_key: str
    seller_name: str | None
    seller_id: int | None
    language: str | None
    country: str | None
    first_seen_at: datetime
    assignee: str | None


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    #: None on the last page
    next_cursor: str | None


def _search_condition(session: Session, search: str) -> ColumnElement[bool]:
    """Words of the title: PostgreSQL's full-text index, elsewhere LIKE with wildcards escaped.

    The PostgreSQL expression is spelled exactly as ``ix_review_items_title_fts`` (migration
    0005), or the planner would not use the index; the query text is a bound parameter that
    ``plainto_tsquery`` parses as plain words, so quotes and operators in it mean nothing.
    """
    if session.get_bind().dialect.name == "postgresql":
        clause = text("to_tsvector('simple', review_items.title) @@ plainto_tsquery('simple', :q)")
        return clause.bindparams(bindparam("q", search, unique=True)).self_group()  # type: ignore[return-value]
    words = search.split()
    return and_(
        *(
            ReviewItem.title.like(
                "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", escape="\\"
            )
            for word in words
        ),
    )


def _conditions(session: Session, f: QueueFilters, skip: str | None = None) -> list[ColumnElement[bool]]:
    """The WHERE terms for ``f``; ``skip`` leaves one facet's own filter out (for its counts)."""
    ri = ReviewItem
    out: list[ColumnElement[bool]] = []
    if f.statuses and skip != "status":
        out.append(ri.status == f.statuses[0] if len(f.statuses) == 1 else ri.status.in_(f.statuses))
    if f.categories and skip != "category":
        out.append(
            ri.category == f.categories[0] if len(f.categories) == 1 else ri.category.in_(f.categories)
        )
    if f.site_ids:
        out.append(ri.site_id == f.site_ids[0] if len(f.site_ids) == 1 else ri.site_id.in_(f.site_ids))
    if f.languages:
        out.append(ri.language.in_(f.languages))
    if f.countries:
        out.append(ri.country.in_(f.countries))
    if f.seller_id is not None:
        out.append(ri.seller_id == f.seller_id)
    if f.assignee_id is not None:
        out.append(ri.assignee_id == f.assignee_id)
    if f.tag is not None:
        out.append(exists().where(ReviewTag.listing_id == ri.listing_id, ReviewTag.tag == f.tag))
    if f.min_score is not None:
        out.append(ri.score >= f.min_score)
    if f.max_score is not None:
        out.append(ri.score <= f.max_score)
    if f.seen_from is not None:
        out.append(ri.first_seen_at >= f.seen_from)
    if f.seen_to is not None:
        out.append(ri.first_seen_at < f.seen_to)
    if f.search:
        out.append(_search_condition(session, f.search))
    return out


_ITEM_COLUMNS = (
    ReviewItem.listing_id,
    ReviewItem.version,
    ReviewItem.title,
    ReviewItem.score,
    ReviewItem.uncertainty,
    ReviewItem.category,
    ReviewItem.confirmed_category,
    ReviewItem.status,
    ReviewItem.site_id,
    ReviewItem.seller_id,
    ReviewItem.language,
    ReviewItem.country,
    ReviewItem.first_seen_at,
    ReviewItem.assignee_id,
)


def _fetch(session: Session, inner: Select[Any], order: str) -> list[QueueRow]:
    """Decorate one limited page with site, seller and assignee names.

    The page is chosen first (a subquery on ``review_items`` alone, so its plan is the index
    scan) and joined afterwards: the joins then touch a page of rows, never the queue.
    """
    page = inner.subquery("page")
    site_key = page.c.site_key if "site_key" in page.c else Site.key
    query = (
        select(
            *(page.c[c.key] for c in _ITEM_COLUMNS),
            site_key.label("site_key"),
            func.coalesce(Seller.name, Seller.key).label("seller_name"),
            User.username,
        )
        .select_from(page)
        .outerjoin(Seller, Seller.id == page.c.seller_id)
        .outerjoin(User, User.id == page.c.assignee_id)
    )
    if "site_key" not in page.c:
        query = query.join(Site, Site.id == page.c.site_id)
    if order == "newest":
        query = query.order_by(page.c.first_seen_at.desc(), page.c.listing_id.desc())
    elif order == "site":
        query = query.order_by(site_key.asc(), page.c.score.desc(), page.c.listing_id.desc())
    elif order == "informative":
        query = query.order_by(page.c.uncertainty.asc(), page.c.listing_id.asc())
    else:
        query = query.order_by(page.c.score.desc(), page.c.listing_id.desc())
    return [
        QueueRow(
            listing_id=r.listing_id,
            version=r.version,
            title=r.title,
            score=r.score,
            uncertainty=r.uncertainty,
            category=r.category,
            confirmed_category=r.confirmed_category,
            status=r.status,
            site_key=r.site_key,
            seller_name=r.seller_name,
            seller_id=r.seller_id,
            language=r.language,
            country=r.country,
            first_seen_at=r.first_seen_at,
            assignee=r.username,
        )
        for r in session.execute(query)
    ]


def _after_score(score: float, listing_id: int, cols: Any = ReviewItem) -> ColumnElement[bool]:
    """Rows after (score, listing_id) in "score desc, listing_id desc": one row comparison, which
    both databases turn into a start position in the (…, score, listing_id) indexes."""
    return tuple_(cols.score, cols.listing_id) < tuple_(literal(score), literal(listing_id))


def _after_uncertainty(uncertainty: float, listing_id: int, cols: Any = ReviewItem) -> ColumnElement[bool]:
    """Rows after (uncertainty, listing_id) in "uncertainty asc, listing_id asc": both ascending,
    so that it is one row comparison on the (…, uncertainty, listing_id) indexes too."""
    return tuple_(cols.uncertainty, cols.listing_id) > tuple_(literal(uncertainty), literal(listing_id))


def _after_seen(seen: datetime, listing_id: int, cols: Any = ReviewItem) -> ColumnElement[bool]:
    return tuple_(cols.first_seen_at, cols.listing_id) < tuple_(
        literal(seen, UTCDateTime()), literal(listing_id)
    )


def _small_hit_set(session: Session, f: QueueFilters) -> bool:
    """Whether the search or tag filter matches few rows (fewer than :data:`HIT_SET_CAP`).

    Then the page is taken from those rows, read whole through the full-text or tag index and
    sorted, instead of walking the ordered index and testing each row. Left to itself, the planner
    estimates a word missing from its statistics at thousands of hits and, under a LIMIT, walks
    the score index testing every row: for a word that matches nothing that is the whole queue,
    seconds at a million rows. Its estimate is still the right input, only its threshold is not:
    words frequent enough to be underestimated are in its most-common-lexeme statistics, so below
    the cap the set really is small; above it a page of matches is met within a short walk.
    Counting the hits instead would cost as much as the page for a common word.
    """
    probes = []
    if f.search:
        probes.append(select(literal(1)).select_from(ReviewItem).where(_search_condition(session, f.search)))
    if f.tag is not None:
        probes.append(select(literal(1)).select_from(ReviewTag).where(ReviewTag.tag == f.tag))
    return any(_estimated_rows(session, probe) < HIT_SET_CAP for probe in probes)


def _estimated_rows(session: Session, probe: Select[Any]) -> float:
    """The planner's row estimate on PostgreSQL; elsewhere (SQLite, small) a count up to the cap."""
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        compiled = probe.compile(dialect=dialect)
        plan: Any = (
            session.connection()
            .exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params)
            .scalar()
        )
        return float(plan[0]["Plan"]["Plan Rows"])
    return float(session.scalar(select(func.count()).select_from(probe.limit(HIT_SET_CAP).subquery())) or 0)


def _hit_set_page(
    session: Session, conds: list[ColumnElement[bool]], order: str, after: tuple[Any, ...] | None, want: int
) -> list[QueueRow]:
    """A page out of a small hit set: the matching rows materialised (an optimisation fence the
    planner cannot see through, so it reads them by the search or tag index), then sorted."""
    hits = (
        select(*_ITEM_COLUMNS, Site.key.label("site_key"))
        .join(Site, Site.id == ReviewItem.site_id)
        .where(*conds)
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    page = select(*hits.c)
    if order == "newest":
        if after is not None:
            page = page.where(_after_seen(after[0], after[1], hits.c))
        page = page.order_by(hits.c.first_seen_at.desc(), hits.c.listing_id.desc())
    elif order == "site":
        if after is not None:
            page = page.where(
                or_(
                    hits.c.site_key > after[0],
                    and_(hits.c.site_key == after[0], _after_score(after[1], after[2], hits.c)),
                )
            )
        page = page.order_by(hits.c.site_key.asc(), hits.c.score.desc(), hits.c.listing_id.desc())
    elif order == "informative":
        if after is not None:
            page = page.where(_after_uncertainty(after[0], after[1], hits.c))
        page = page.order_by(hits.c.uncertainty.asc(), hits.c.listing_id.asc())
    else:
        if after is not None:
            page = page.where(_after_score(after[0], after[1], hits.c))
        page = page.order_by(hits.c.score.desc(), hits.c.listing_id.desc())
    return _fetch(session, page.limit(want), order)


def _site_pages(
    session: Session,
    conds: list[ColumnElement[bool]],
    f: QueueFilters,
    after: tuple[Any, ...] | None,
    want: int,
) -> list[QueueRow]:
    """The "site" order: site by site in key order, each site's rows by score.

    Sorting the whole queue by a joined column cannot use an index; a page of one site is an index
    range on (site_id, status, score, listing_id). So the first sites are read one query each, and
    whatever is left after :data:`SITE_STEPS` sites in one joined query (right when there are many
    sites with few rows each, and the page is almost always full before that).
    """
    sites = select(Site.id, Site.key).order_by(Site.key)
    if f.site_ids:
        sites = sites.where(Site.id.in_(f.site_ids))
    if after is not None:
        sites = sites.where(Site.key >= after[0])
    rows: list[QueueRow] = []
    last_key: str | None = None
    for step, (site_id, key) in enumerate(session.execute(sites.limit(SITE_STEPS + 1))):
        if step == SITE_STEPS:
            # many sites: the rest in one query, sites after the last one read
            inner = (
                select(*_ITEM_COLUMNS, Site.key.label("site_key"))
                .join(Site, Site.id == ReviewItem.site_id)
                .where(*conds, Site.key > last_key)
                .order_by(Site.key.asc(), ReviewItem.score.desc(), ReviewItem.listing_id.desc())
                .limit(want - len(rows))
            )
            rows.extend(_fetch(session, inner, "site"))
            break
        last_key = key
        where = [*conds, ReviewItem.site_id == site_id]
        if after is not None and key == after[0]:
            where.append(_after_score(after[1], after[2]))
        inner = (
            select(*_ITEM_COLUMNS, literal(key).label("site_key"))
            .where(*where)
            .order_by(ReviewItem.score.desc(), ReviewItem.listing_id.desc())
            .limit(want - len(rows))
        )
        rows.extend(_fetch(session, inner, "site"))
        if len(rows) >= want:
            break
    return rows


def queue_page(
    session: Session,
    filters: QueueFilters,
    order: str = "score",
    cursor: str | None = None,
    limit: int = 50,
    *,
    cursor_secret: bytes = b"",
) -> QueuePage:
    """One page of the queue, starting after ``cursor`` (from the previous page) or at the top.

    Orders: ``score`` (score desc), ``newest`` (first seen desc), ``site`` (site key asc, then score
    desc); ties always broken by listing id desc, so the order is total and no row is skipped or
    repeated across pages. ``informative`` (uncertainty asc, ties by listing id asc) puts first the
    items whose score is closest to their model's flagging threshold (uncertainty sampling). The
    queue holds flagged items only, so these are the least certain flags, never the near misses
    below the threshold; ``bench/active_learning.py`` measures what such decisions teach a
    retrained model on real posts.
    """
    if order not in ORDERS:
        raise BadFilter(f"order: unknown order {order[:40]!r} (one of {', '.join(ORDERS)})")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadFilter(f"limit: must be between 1 and {MAX_LIMIT}")
    after = decode_cursor(cursor, order, cursor_secret) if cursor else None
    conds = _conditions(session, filters)
    want = limit + 1  # one more than shown: whether a next page exists, without a count
    if (filters.search or filters.tag is not None) and _small_hit_set(session, filters):
        rows = _hit_set_page(session, conds, order, after, want)
    elif order == "site":
        rows = _site_pages(session, conds, filters, after, want)
    else:
        inner = select(*_ITEM_COLUMNS).where(*conds)
        if order == "newest":
            if after is not None:
                inner = inner.where(_after_seen(after[0], after[1]))
            inner = inner.order_by(ReviewItem.first_seen_at.desc(), ReviewItem.listing_id.desc())
        elif order == "informative":
            if after is not None:
                inner = inner.where(_after_uncertainty(after[0], after[1]))
            inner = inner.order_by(ReviewItem.uncertainty.asc(), ReviewItem.listing_id.asc())
        else:
            if after is not None:
                inner = inner.where(_after_score(after[0], after[1]))
            inner = inner.order_by(ReviewItem.score.desc(), ReviewItem.listing_id.desc())
        rows = _fetch(session, inner.limit(want), order)
    if len(rows) <= limit:
        return QueuePage(rows, None)
    rows = rows[:limit]
    last = rows[-1]
    key: list[Any]
    if order == "newest":
        key = [micros(last.first_seen_at), last.listing_id]
    elif order == "site":
        key = [last.site_key, last.score, last.listing_id]
    elif order == "informative":
        key = [last.uncertainty, last.listing_id]
    else:
        key = [last.score, last.listing_id]
    return QueuePage(rows, encode_cursor(order, key, cursor_secret))


# -- facets ---------------------------------------------------------------------------------------
def facet_counts(session: Session, filters: QueueFilters) -> dict[str, dict[str, int | str]]:
    """Items per status and per category under the current filters, for the filter chips.

    Each facet ignores its own filter (the status chips show what choosing another status would
    give). Every count stops at :data:`FACET_CAP` rows and then reads ``"10,000+"``: each is an
    index range read at most that far, all in one statement, so the chips cost a few
    milliseconds however large the queue is.
    """
    if replace(filters, statuses=(), categories=()) != QueueFilters(statuses=()):
        # any other filter: the per-value counts below would each walk an index testing it
        return _hit_set_facets(session, filters)
    facets: list[tuple[str, str, Any]] = []
    for facet, values, column in (
        ("status", STATUSES, ReviewItem.status),
        ("category", SUSPECT_CATEGORIES, ReviewItem.category),
    ):
        conds = _conditions(session, filters, skip=facet)
        for value in values:
            capped = (
                select(literal(1).label("one"))
                .select_from(ReviewItem)
                .where(*conds, column == value)
                .limit(FACET_CAP + 1)
                .subquery()
            )
            facets.append((facet, value, select(func.count()).select_from(capped).scalar_subquery()))
    counts = session.execute(select(*(c.label(f"c{i}") for i, (_f, _v, c) in enumerate(facets)))).one()
    out: dict[str, dict[str, int | str]] = {"status": {}, "category": {}}
    for (facet, value, _c), count in zip(facets, counts, strict=True):
        out[facet][value] = _shown(int(count))
    return out


def _shown(count: int) -> int | str:
    return f"{FACET_CAP:,}+" if count > FACET_CAP else count


def _hit_set_facets(session: Session, f: QueueFilters) -> dict[str, dict[str, int | str]]:
    """Facets under filters other than status and category: one pass over at most
    :data:`FACET_CAP` + 1 matches, grouped.

    Per-value capped counts would each walk a status or category index testing the other filters
    on up to ten thousand matches per value, nine times; one pass reads the matches once, through
    whichever index suits the filters (full-text, tag, site, seller). Up to the cap the
    counts are exact; past it they are the counts among the first matches read, lower bounds,
    shown as ``"8,512+"``.
    """
    hits = (
        select(ReviewItem.status, ReviewItem.category)
        .where(*_conditions(session, replace(f, statuses=(), categories=())))
        .limit(FACET_CAP + 1)
        .subquery("hits")
    )
    statuses = dict.fromkeys(STATUSES, 0)
    categories = dict.fromkeys(SUSPECT_CATEGORIES, 0)
    grouped = select(hits.c.status, hits.c.category, func.count()).group_by(hits.c.status, hits.c.category)
    total = 0
    for status, category, count in session.execute(grouped):
        total += count
        if status in statuses and (not f.categories or category in f.categories):
            statuses[status] += count
        if category in categories and (not f.statuses or status in f.statuses):
            categories[category] += count

    def shown(count: int) -> int | str:
        return f"{count:,}+" if total > FACET_CAP else count

    return {
        "status": {k: shown(v) for k, v in statuses.items()},
        "category": {k: shown(v) for k, v in categories.items()},
    }
