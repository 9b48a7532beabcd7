"""The analysts' queue query on both databases: orders, keyset paging, filters, search, facets,
and refusal of bad cursors and filter values (a 400 for the app, never a 500)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

import review.queue.planner as queue_planner
from review.queue import (
    ORDERS,
    SITE_STEPS,
    BadCursor,
    BadFilter,
    QueueFilters,
    decode_cursor,
    encode_cursor,
    facet_counts,
    parse_filters,
    queue_page,
)
from review.queue.cursor import micros
from storage.db import alembic_config, open_database
from storage.listings import ListingStore, Observation
from storage.models import Listing, ReviewItem, ReviewTag, Seller, Site, User
from storage.review_queue import UNKNOWN_UNCERTAINTY, uncertainty_of
from tests.observations import observation

T0 = datetime(2026, 11, 1, tzinfo=UTC)
SITE_KEYS = ["kilo", "alpha", "lima", "delta", "bravo", "juliet", "echo", "hotel", "charlie", "golf"]
SITE_KEYS += ["india", "foxtrot"]  # more sites than SITE_STEPS: the "site" order's second phase runs
STATUSES = ["new", "new", "new", "dismissed", "confirmed", "escalated"]
CATEGORIES = ["wildlife", "timber", "minerals", "waste"]
SPECIAL_TITLES = {
    3: "100% ivory",
    4: "under_score teak",
    5: "O'Brien's tusk",
    6: "back\\slash horn",
}
COUNT = 150


@dataclass(frozen=True)
class Item:
    listing_id: int
    site_id: int
    site_key: str
    seller_id: int | None
    score: float
    uncertainty: float
    category: str
    language: str | None
    country: str | None
    title: str
    first_seen_at: datetime
    status: str
    assignee_id: int | None
    tag: str | None


def build_items(site_ids: dict[str, int], sellers: list[int], users: list[int]) -> list[Item]:
    items = []
    for n in range(1, COUNT + 1):
        key = SITE_KEYS[(n * 7) % len(SITE_KEYS)] if n % 3 else SITE_KEYS[0]
        items.append(
            Item(
                listing_id=n,
                site_id=site_ids[key],
                site_key=key,
                seller_id=None if n % 11 == 0 else sellers[n % len(sellers)],
                # few distinct scores and times: ties everywhere, broken by listing id
                score=[0.5, 0.7, 0.9, 0.95][n % 4],
                # independent of the score (items judged by models with different thresholds),
                # tied too; 1.0 is "threshold unknown"
                uncertainty=[0.02, 0.3, 0.02, 0.0, 1.0][n % 5],
                category=CATEGORIES[n % len(CATEGORIES)],
                language=["en", "pt", None, "pt-BR"][n % 4 if n % 5 else 0],
                country=["BR", "PT", None][n % 3],
                title=SPECIAL_TITLES.get(n, f"{['ivory', 'teak', 'pangolin'][n % 3]} carving lot {n}"),
                first_seen_at=T0 + timedelta(days=n % 5),
                status=STATUSES[n % len(STATUSES)],
                assignee_id=users[n % 2] if n % 7 == 0 else None,
                tag="urgent" if n % 5 == 0 else None,
            )
        )
    return items


@dataclass
class Queue:
    factory: sessionmaker[Session]
    items: list[Item]
    users: list[int]
    sellers: list[int]
    site_ids: dict[str, int]


@pytest.fixture(scope="module")
def q(module_db_url: str) -> Iterator[Queue]:
    """One seeded queue per backend, read by every test in the module (none of them write)."""
    engine, factory = open_database(module_db_url)
    with factory() as session, session.begin():
        site_ids = {
            key: session.scalar(insert(Site).values(key=key, base_url=f"http://{key}/").returning(Site.id))
            for key in SITE_KEYS
        }
        sellers = [
            session.scalar(
                insert(Seller)
                .values(site_id=site_ids["alpha"], key=f"s{i}", name=None if i == 2 else f"Seller {i}")
                .returning(Seller.id)
            )
            for i in range(4)
        ]
        users = [
            session.scalar(
                insert(User).values(username=name, password_hash="x", role="analyst").returning(User.id)
            )
            for name in ("ana", "bob")
        ]
        items = build_items(site_ids, sellers, users)  # type: ignore[arg-type]
        session.execute(
            insert(Listing),
            [
                {
                    "id": i.listing_id,
                    "site_id": i.site_id,
                    "canonical_url": f"http://x/ad/{i.listing_id}",
                    "url": f"http://x/ad/{i.listing_id}",
                    "title": i.title,
                    "content_hash": "0" * 64,
                    "first_seen_at": i.first_seen_at,
                    "last_seen_at": i.first_seen_at,
                    "seller_id": i.seller_id,
                }
                for i in items
            ],
        )
        session.execute(
            insert(ReviewItem),
            [
                {
                    "listing_id": i.listing_id,
                    "site_id": i.site_id,
                    "seller_id": i.seller_id,
                    "score": i.score,
                    "uncertainty": i.uncertainty,
                    "category": i.category,
                    "model_version": "m1",
                    "language": i.language,
                    "country": i.country,
                    "title": i.title,
                    "first_seen_at": i.first_seen_at,
                    "status": i.status,
                    "assignee_id": i.assignee_id,
                }
                for i in items
            ],
        )
        session.execute(
            insert(ReviewTag), [{"listing_id": i.listing_id, "tag": i.tag} for i in items if i.tag]
        )
    yield Queue(factory, items, users, sellers, site_ids)  # type: ignore[arg-type]
    engine.dispose()


def walk(q: Queue, filters: QueueFilters, order: str, limit: int = 7) -> list[int]:
    """Every page, following cursors to the end; asserts the last page says so."""
    ids: list[int] = []
    cursor = None
    with q.factory() as session:
        for _ in range(COUNT + 2):
            page = queue_page(session, filters, order, cursor, limit)
            assert len(page.rows) <= limit
            ids.extend(r.listing_id for r in page.rows)
            if page.next_cursor is None:
                return ids
            assert len(page.rows) == limit
            cursor = page.next_cursor
    raise AssertionError("paging did not end")


def expected(items: list[Item], order: str, keep: Callable[[Item], bool] = lambda i: True) -> list[int]:
    chosen = [i for i in items if keep(i)]
    if order == "newest":
        chosen.sort(key=lambda i: (i.first_seen_at, i.listing_id), reverse=True)
    elif order == "site":
        chosen.sort(key=lambda i: (i.site_key, -i.score, -i.listing_id))
    elif order == "informative":
        chosen.sort(key=lambda i: (i.uncertainty, i.listing_id))
    else:
        chosen.sort(key=lambda i: (i.score, i.listing_id), reverse=True)
    return [i.listing_id for i in chosen]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("limit", [1, 7, 50])
def test_paging_returns_every_row_once_in_order(q: Queue, order: str, limit: int) -> None:
    assert len(SITE_KEYS) > SITE_STEPS
    new = expected(q.items, order, lambda i: i.status == "new")
    assert walk(q, QueueFilters(), order, limit) == new
    assert walk(q, QueueFilters(statuses=()), order, limit) == expected(q.items, order)
    two_sites = (q.site_ids["golf"], q.site_ids["bravo"])
    assert walk(q, QueueFilters(statuses=(), site_ids=two_sites), order, limit) == expected(
        q.items, order, lambda i: i.site_key in ("golf", "bravo")
    )


def test_rows_carry_names_and_fields(q: Queue) -> None:
    with q.factory() as session:
        rows = {r.listing_id: r for r in queue_page(session, QueueFilters(statuses=()), limit=COUNT).rows}
    assert len(rows) == COUNT
    by_id = {i.listing_id: i for i in q.items}
    for listing_id, row in rows.items():
        item = by_id[listing_id]
        assert (row.site_key, row.score, row.category, row.status, row.title) == (
            item.site_key,
            item.score,
            item.category,
            item.status,
            item.title,
        )
        assert row.uncertainty == item.uncertainty
        assert row.first_seen_at == item.first_seen_at and row.first_seen_at.tzinfo is not None
        assert row.version == 1 and row.seller_id == item.seller_id
        assert row.assignee == (
            None if item.assignee_id is None else ["ana", "bob"][q.users.index(item.assignee_id)]
        )
    assert rows[7].assignee in ("ana", "bob")
    assert rows[11].seller_name is None  # no seller
    assert rows[2].seller_name == "s2"  # a seller without a name shows its key


def test_each_filter_narrows(q: Queue) -> None:
    ana, seller = q.users[0], q.sellers[1]
    cases: list[tuple[QueueFilters, Callable[[Item], bool]]] = [
        (QueueFilters(), lambda i: i.status == "new"),
        (QueueFilters(statuses=("confirmed", "escalated")), lambda i: i.status in ("confirmed", "escalated")),
        (QueueFilters(statuses=(), categories=("timber",)), lambda i: i.category == "timber"),
        (
            QueueFilters(categories=("timber", "waste")),
            lambda i: i.status == "new" and i.category in ("timber", "waste"),
        ),
        (QueueFilters(statuses=(), site_ids=(q.site_ids["kilo"],)), lambda i: i.site_key == "kilo"),
        (QueueFilters(statuses=(), languages=("pt",)), lambda i: i.language == "pt"),
        (QueueFilters(statuses=(), languages=("pt-BR", "en")), lambda i: i.language in ("pt-BR", "en")),
        (QueueFilters(statuses=(), countries=("BR",)), lambda i: i.country == "BR"),
        (QueueFilters(statuses=(), seller_id=seller), lambda i: i.seller_id == seller),
        (QueueFilters(statuses=(), assignee_id=ana), lambda i: i.assignee_id == ana),
        (QueueFilters(statuses=(), tag="urgent"), lambda i: i.tag == "urgent"),
        (QueueFilters(statuses=(), tag="nope"), lambda i: False),
        (QueueFilters(statuses=(), min_score=0.9), lambda i: i.score >= 0.9),
        (QueueFilters(statuses=(), min_score=0.6, max_score=0.9), lambda i: 0.6 <= i.score <= 0.9),
        (
            QueueFilters(statuses=(), seen_from=T0 + timedelta(days=1), seen_to=T0 + timedelta(days=3)),
            lambda i: T0 + timedelta(days=1) <= i.first_seen_at < T0 + timedelta(days=3),
        ),
        (QueueFilters(statuses=(), search="pangolin"), lambda i: "pangolin" in i.title),
        (QueueFilters(statuses=(), search="IVORY"), lambda i: "ivory" in i.title.lower()),
        (
            QueueFilters(statuses=(), search="carving pangolin"),
            lambda i: "pangolin" in i.title and "carving" in i.title,
        ),
        (
            QueueFilters(
                statuses=(), categories=("wildlife",), countries=("PT",), tag="urgent", max_score=0.6
            ),
            lambda i: i.category == "wildlife" and i.country == "PT" and i.tag == "urgent" and i.score <= 0.6,
        ),
    ]
    for filters, keep in cases:
        want = expected(q.items, "score", keep)
        assert walk(q, filters, "score", limit=20) == want, filters
        assert walk(q, filters, "site", limit=20) == expected(q.items, "site", keep), filters
        assert want or keep is cases[11][1]


@pytest.mark.parametrize(
    "search",
    ["%", "_", "%%", "\\", "'", '"', "'; DROP TABLE review_items; --", "100%", "a' OR '1'='1", "!&|:*()"],
)
def test_search_with_wildcards_and_quotes_is_safe(q: Queue, search: str) -> None:
    """Whatever is typed, a search only finds titles containing it, never everything."""
    with q.factory() as session:
        rows = queue_page(session, QueueFilters(statuses=(), search=search), limit=COUNT).rows
        assert session.scalar(select(func.count()).select_from(ReviewItem)) == COUNT
    for row in rows:
        title = row.title.lower()
        for word in search.lower().split():
            # SQLite matches the text as typed, PostgreSQL its words (punctuation separates them)
            tokens = re.findall(r"\w+", word)
            assert word in title or (tokens and all(t in title for t in tokens)), (search, title)
    assert len(rows) < 5


def test_search_finds_titles_with_punctuation(q: Queue) -> None:
    with q.factory() as session:
        for search, listing_id in (("o'brien's", 5), ("100% ivory", 3), ("under_score", 4)):
            rows = queue_page(session, QueueFilters(statuses=(), search=search)).rows
            assert [r.listing_id for r in rows] == [listing_id], search


def test_facet_counts(q: Queue, monkeypatch: pytest.MonkeyPatch) -> None:
    def count(keep: Callable[[Item], bool]) -> int:
        return sum(1 for i in q.items if keep(i))

    with q.factory() as session:
        facets = facet_counts(session, QueueFilters(categories=("timber",)))
        # each facet leaves out its own filter: status counts are within timber, category counts within new
        assert facets["status"] == {
            s: count(lambda i, s=s: i.status == s and i.category == "timber")  # type: ignore[misc]
            for s in ("new", "confirmed", "dismissed", "escalated")
        }
        assert facets["category"] == {
            c: count(lambda i, c=c: i.status == "new" and i.category == c)  # type: ignore[misc]
            for c in ("wildlife", "timber", "minerals", "waste")
        }
        assert facets["category"]["timber"] > 5
        # under a search or tag: counted over the matches, same semantics
        tagged = facet_counts(session, QueueFilters(statuses=("new", "escalated"), tag="urgent"))
        assert tagged["category"] == {
            c: count(lambda i, c=c: i.status in ("new", "escalated") and i.tag and i.category == c)  # type: ignore[misc]
            for c in ("wildlife", "timber", "minerals", "waste")
        }
        assert tagged["status"]["dismissed"] == count(lambda i: i.status == "dismissed" and i.tag == "urgent")
        monkeypatch.setattr(queue_planner, "FACET_CAP", 5)
        capped = facet_counts(session, QueueFilters())
        searched = facet_counts(session, QueueFilters(search="pangolin"))
    # past the cap: "5+" per value, exact below it
    assert capped["status"]["new"] == "5+" and capped["category"]["timber"] == "5+"
    assert all(v == "5+" or (isinstance(v, int) and v <= 5) for f in capped.values() for v in f.values())
    # a search with more matches than the cap: lower bounds from the first matches read
    assert all(isinstance(v, str) and v.endswith("+") for f in searched.values() for v in f.values())


def test_bad_cursors_are_refused(q: Queue) -> None:
    with q.factory() as session:
        good = queue_page(session, QueueFilters(), "score", limit=5).next_cursor
        assert good
        body, _, check = good.partition(".")
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        edited = json.dumps(["score", 0.99, 1]).encode()
        forged_body = base64.urlsafe_b64encode(edited).rstrip(b"=").decode()
        bad = [
            "",
            "garbage",
            "a.b",
            good[:-3],
            good + "x",
            good.replace(".", ""),
            f"{forged_body}.{check}",  # edited payload, old checksum
            "é" + good,
            good * 20,
            encode_cursor("score", ["x", 1]),
            encode_cursor("score", [0.5]),
            encode_cursor("score", [0.5, -1]),
            encode_cursor("score", [0.5, 2**40]),
            encode_cursor("score", [True, 1]),
            encode_cursor("score", [float("nan"), 1]),
            encode_cursor("score", [10**400, 1]),  # an integer no float holds
            encode_cursor("score", [0.5, 1.5]),
            encode_cursor("newest", [10**20, 1]),
            encode_cursor("newest", ["2026-01-01", 1]),
            encode_cursor("site", [None, 0.5, 1]),
            encode_cursor("site", ["x" * 300, 0.5, 1]),
            base64.urlsafe_b64encode(b"{}").decode().rstrip("=") + ".AAAAAAAAAAA",
        ]
        assert payload.startswith(b'["score"')
        for cursor in bad:
            if not cursor:
                continue
            with pytest.raises(BadCursor) as err:
                queue_page(session, QueueFilters(), "score", cursor)
            assert "\n" not in str(err.value) and str(err.value).startswith("bad cursor")
        for order in ("newest", "site", "informative"):
            with pytest.raises(BadCursor, match="made for order 'score'"):
                queue_page(session, QueueFilters(), order, good)
        for shape in (["x", 1], [0.5], [0.5, 0], [None, 1], [float("inf"), 1]):
            with pytest.raises(BadCursor):
                queue_page(session, QueueFilters(), "informative", encode_cursor("informative", shape))
        # a cursor from one filter set on another is only a position: no error
        queue_page(session, QueueFilters(statuses=()), "score", good)


def test_cursor_round_trip() -> None:
    moment = datetime(2026, 11, 3, 4, 5, 6, 789, tzinfo=UTC)
    cursor = encode_cursor("newest", [micros(moment), 42])
    assert decode_cursor(cursor, "newest") == (moment, 42)
    assert decode_cursor(encode_cursor("site", ["k", 0.1 + 0.2, 7]), "site") == ("k", 0.1 + 0.2, 7)
    assert decode_cursor(encode_cursor("informative", [0, 7]), "informative") == (0.0, 7)
    assert all(c.isalnum() or c in "-_." for c in cursor)


def test_bad_order_and_limit(q: Queue) -> None:
    with q.factory() as session:
        with pytest.raises(BadFilter, match=r"^order"):
            queue_page(session, QueueFilters(), "price")
        for limit in (0, -1, 100_000):
            with pytest.raises(BadFilter, match=r"^limit"):
                queue_page(session, QueueFilters(), "score", None, limit)


def test_parse_filters_accepts_form_input() -> None:
    assert parse_filters({}) == QueueFilters()
    empty_form = {k: "" for k in ("status", "category", "site", "language", "country", "seller", "tag")}
    assert parse_filters({**empty_form, "search": "  ", "order": "site", "cursor": "x"}) == QueueFilters()
    f = parse_filters(
        {
            "status": ["new", "escalated"],
            "category": "timber",
            "site": ["3", "5", "3"],
            "language": ["en", "pt-BR"],
            "country": "br",
            "seller": "17",
            "assignee": "2",
            "tag": " Urgent ",
            "min_score": "0.5",
            "max_score": "1",
            "seen_from": "2026-11-01",
            "seen_to": "2026-11-03",
            "search": "  raw   ivory ",
        }
    )
    assert f == QueueFilters(
        statuses=("new", "escalated"),
        categories=("timber",),
        site_ids=(3, 5),
        languages=("en", "pt-BR"),
        countries=("BR",),
        seller_id=17,
        assignee_id=2,
        tag="urgent",
        min_score=0.5,
        max_score=1.0,
        seen_from=T0,
        seen_to=T0 + timedelta(days=3),  # the "to" day is included
        search="raw ivory",
    )
    assert parse_filters({"status": "any"}).statuses == ()
    assert parse_filters({"status": ["new", "any"]}).statuses == ()
    when = parse_filters({"seen_from": "2026-11-01T12:00:00+02:00", "seen_to": "2026-11-02T00:00:00Z"})
    assert when.seen_from == T0 + timedelta(hours=10) and when.seen_to == T0 + timedelta(days=1)
    assert parse_filters({"seen_from": "2026-11-01T12:00:00"}).seen_from == T0 + timedelta(hours=12)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"status": "open"}, "status"),
        ({"category": "none"}, "category"),
        ({"category": "wildlife'--"}, "category"),
        ({"site": "abc"}, "site"),
        ({"site": "-1"}, "site"),
        ({"site": "0"}, "site"),
        ({"site": "99999999999"}, "site"),
        ({"site": "１２"}, "site"),
        ({"seller": "1.5"}, "seller"),
        ({"seller": ["1", "2"]}, "seller"),
        ({"assignee": "ana"}, "assignee"),
        ({"language": "english!"}, "language"),
        ({"language": "e"}, "language"),
        ({"country": "BRA"}, "country"),
        ({"country": "1A"}, "country"),
        ({"min_score": "high"}, "min_score"),
        ({"min_score": "nan"}, "min_score"),
        ({"max_score": "inf"}, "max_score"),
        ({"max_score": "1.5"}, "max_score"),
        ({"min_score": "0.9", "max_score": "0.1"}, "min_score"),
        ({"seen_from": "yesterday"}, "seen_from"),
        ({"seen_to": "2026-13-01"}, "seen_to"),
        ({"seen_to": "9999-12-31"}, "seen_to"),
        ({"seen_from": "0001-01-01T00:00:00+05:00"}, "seen_from"),  # before year 1 in UTC
        ({"seen_to": "9999-12-31T23:59:59-05:00"}, "seen_to"),  # after year 9999 in UTC
        ({"seen_from": "2026-11-05", "seen_to": "2026-11-01"}, "seen_from"),
        ({"tag": "x" * 61}, "tag"),
        ({"search": "x" * 201}, "search"),
        ({"search": "ivory\x00"}, "search"),
        ({"tag": "a\nb"}, "tag"),
        ({"status": ["new"] * 101}, "status"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_parse_filters_rejects_bad_values(params: dict[str, Any], name: str) -> None:
    with pytest.raises(BadFilter) as err:
        parse_filters(params)
    message = str(err.value)
    assert message.startswith(f"{name}:") and "\n" not in message


def test_flagged_verdicts_reach_the_queue(db_url: str) -> None:
    """The real path: a crawl batch with verdicts creates the rows the queue shows."""
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("market", "http://127.0.0.1/")
    run = store.start_run(site, "t", [])

    def observe(n: int, score: float, flagged: bool) -> Observation:
        return observation(
            canonical_url=f"http://127.0.0.1/ad/{n}",
            url=f"http://127.0.0.1/ad/{n}",
            observed_at=T0 + timedelta(hours=n),
            title=f"raw ivory tusk {n}",
            price=Decimal("10"),
            seller_name="Tusk Trader",
            seller_id="t1",
            language="en",
            extra={"country": "pt"},
            prediction={
                "model_version": "m1",
                "category": "wildlife",
                "score": score,
                "flagged": flagged,
                "reasons": [],
            },
        )

    store.apply_batch(site, run, [observe(1, 0.8, True), observe(2, 0.2, False), observe(3, 0.9, True)])
    with factory() as session:
        page = queue_page(session, parse_filters({"country": "PT", "search": "ivory"}))
        newest = queue_page(session, QueueFilters(), "newest", limit=1)
        assert newest.next_cursor is not None
        rest = queue_page(session, QueueFilters(), "newest", newest.next_cursor, limit=1)
    assert [(r.title, r.site_key, r.seller_name, r.country) for r in page.rows] == [
        ("raw ivory tusk 3", "market", "Tusk Trader", "PT"),
        ("raw ivory tusk 1", "market", "Tusk Trader", "PT"),
    ]
    assert page.next_cursor is None
    assert [r.listing_id for r in newest.rows + rest.rows] == [
        page.rows[0].listing_id,
        page.rows[1].listing_id,
    ]
    assert rest.next_cursor is None
    assert replace(QueueFilters(), tag=None) == QueueFilters()


def test_language_filter_uses_the_identified_language(db_url: str) -> None:
    """Every demo page declares ``lang="en"``; the queue's language is what the text is written
    in, and the declared one only where the text was undecidable."""
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("market", "http://127.0.0.1/")
    identified = {1: "es", 2: "vi", 3: "es", 4: None, 5: "en"}

    def observe(n: int) -> Observation:
        return observation(
            canonical_url=f"http://127.0.0.1/ad/{n}",
            url=f"http://127.0.0.1/ad/{n}",
            observed_at=T0 + timedelta(hours=n),
            title=f"listing {n}",
            language="en",
            text_language=identified[n],
            prediction={
                "model_version": "m1",
                "category": "wildlife",
                "score": 0.5 + n / 100,
                "flagged": True,
                "reasons": [],
            },
        )

    store.apply_batch(site, None, [observe(n) for n in identified])
    with factory() as session:

        def titles(params: dict[str, Any]) -> list[str]:
            return [r.title for r in queue_page(session, parse_filters(params)).rows]

        assert titles({"language": "es"}) == ["listing 3", "listing 1"]
        assert titles({"language": ["vi", "es"]}) == ["listing 3", "listing 2", "listing 1"]
        # "en": the one identified as English and the undecidable one (the page's declaration)
        assert titles({"language": "en"}) == ["listing 5", "listing 4"]
        languages = [r.language for r in queue_page(session, QueueFilters()).rows]
    assert languages == ["en", "en", "es", "vi", "es"]  # by score, highest first


def judged(n: int, score: float, model: str, threshold: float | None, title: str = "") -> Observation:
    """A flagged listing whose verdict names its model's threshold (unless None)."""
    verdict: dict[str, Any] = {
        "model_version": model,
        "category": "wildlife",
        "score": score,
        "flagged": True,
        "reasons": [],
    }
    if threshold is not None:
        verdict["threshold"] = threshold
    return observation(
        canonical_url=f"http://127.0.0.1/ad/{n}",
        url=f"http://127.0.0.1/ad/{n}",
        observed_at=T0 + timedelta(hours=n),
        title=title or f"tusk {n}",
        prediction=verdict,
    )


def walk_informative(factory: sessionmaker[Session]) -> list[tuple[int, float]]:
    """(listing id, uncertainty) over every page of one row each."""
    seen: list[tuple[int, float]] = []
    cursor = None
    with factory() as session:
        while True:
            page = queue_page(session, QueueFilters(), "informative", cursor, limit=1)
            seen.extend((r.listing_id, r.uncertainty) for r in page.rows)
            if page.next_cursor is None:
                return seen
            cursor = page.next_cursor


def test_informative_order_is_each_verdicts_distance_to_its_threshold(db_url: str) -> None:
    """Uncertainty sampling through the real write path: the distance is to the threshold of the
    model that made the verdict (models differ), a new verdict refreshes it, and a verdict that
    came without a threshold goes last rather than at a guessed place."""
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("market", "http://127.0.0.1/")
    store.apply_batch(
        site,
        None,
        [
            judged(1, 0.95, "m1", 0.6),
            judged(2, 0.62, "m1", 0.6),
            judged(3, 0.8, "m2", 0.75),  # closer to m2's threshold than its score suggests
            judged(4, 0.99, "m1", None),
        ],
    )
    with factory() as session:
        by_score = [r.listing_id for r in queue_page(session, QueueFilters()).rows]
    assert by_score == [4, 1, 3, 2]
    assert walk_informative(factory) == [(2, 0.02), (3, 0.05), (1, 0.35), (4, 1.0)]
    # listing 1 changes and a retrained model with a higher threshold judges it: refreshed
    store.apply_batch(site, None, [judged(1, 0.91, "m3", 0.9, title="tusk 1, new photos")])
    assert walk_informative(factory) == [(1, 0.01), (2, 0.02), (3, 0.05), (4, 1.0)]


def test_items_queued_before_migration_0009_go_last(db_url: str) -> None:
    """The column's default for rows that predate it is the farthest distance, on both databases,
    and the revision goes down and up again with rows in the table."""
    engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("market", "http://127.0.0.1/")
    store.apply_batch(site, None, [judged(1, 0.7, "m1", 0.6), judged(2, 0.9, "m1", 0.6)])
    engine.dispose()
    command.downgrade(alembic_config(db_url), "0008")
    engine, factory = open_database(db_url)
    assert walk_informative(factory) == [(1, 1.0), (2, 1.0)]
    store = ListingStore(factory)
    store.apply_batch(site, None, [judged(3, 0.97, "m1", 0.6)])
    assert walk_informative(factory) == [(3, 0.37), (1, 1.0), (2, 1.0)]
    engine.dispose()


def test_uncertainty_without_a_usable_threshold_is_the_farthest() -> None:
    assert uncertainty_of(0.7, 0.6) == 0.1 and uncertainty_of(0.3, 0.6) == 0.3
    for threshold in (None, True, float("nan"), 1.5, -0.1, "0.6"):
        assert uncertainty_of(0.7, threshold) == UNKNOWN_UNCERTAINTY == 1.0


@pytest.mark.parametrize("cap", [0, 1_000_000], ids=["ordered-walk", "hit-set"])
@pytest.mark.parametrize("order", ORDERS)
def test_search_and_tag_page_alike_on_both_plans(
    q: Queue, order: str, cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search or tag is paged from its sorted hit set when small, by the ordered walk otherwise:
    the same rows in the same order either way."""
    monkeypatch.setattr(queue_planner, "HIT_SET_CAP", cap)
    cases: list[tuple[QueueFilters, Callable[[Item], bool]]] = [
        (QueueFilters(statuses=(), search="ivory"), lambda i: "ivory" in i.title.lower()),
        (QueueFilters(tag="urgent"), lambda i: i.status == "new" and i.tag == "urgent"),
        (
            QueueFilters(statuses=(), tag="urgent", search="carving", countries=("BR",)),
            lambda i: i.tag == "urgent" and "carving" in i.title and i.country == "BR",
        ),
        (QueueFilters(search="zzzyzzx"), lambda i: False),
    ]
    for filters, keep in cases:
        assert walk(q, filters, order, limit=4) == expected(q.items, order, keep), filters
