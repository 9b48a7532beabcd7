"""Watchlists: the shared CSV format, the store, the rotation of terms and the term statistics
(checked against counts computed straight from the tables), on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from storage.db import open_database, transaction
from storage.listings import ListingStore, Observation
from storage.models import ReviewItem, SearchHit, SearchPage, WatchTerm
from storage.term_rows import MAX_ROWS, TermRow, TermRowError, read_csv, write_csv
from storage.watchlists import SearchPageRecord, WatchlistError, WatchlistStore, clean_list_name
from tests.observations import observation

ROWS = [
    TermRow.checked("Elephant  ivory", "en", "wildlife", 1, "curated"),
    TermRow.checked("marfil", "es", "wildlife", 2),
    TermRow.checked("象牙", "zh", "wildlife", 1, 'a "quoted", comma source'),
    TermRow.checked("Dalbergia nigra", "*", "timber", 3, "CITES Appendix I"),
    TermRow.checked("mercure liquide", "fr", "minerals", 2),
]


def test_a_term_is_normalised_and_whatever_a_spreadsheet_would_run_is_refused() -> None:
    assert TermRow.checked("  Rhino   horn ", "EN", "Wildlife", "2").term == "Rhino horn"
    assert TermRow.checked("Rhino horn", "en", "wildlife", 2).key == ("rhino horn", "en")
    for bad in (
        ("=1+1", "en", "wildlife", 1),
        ("+ivory", "en", "wildlife", 1),
        ("-ivory", "en", "wildlife", 1),
        ("@SUM(A1)", "en", "wildlife", 1),
        ("ivory\x07", "en", "wildlife", 1),
        ("", "en", "wildlife", 1),
        ("x" * 201, "en", "wildlife", 1),
        ("ivory", "english", "wildlife", 1),
        ("ivory", "en", "fish", 1),
        ("ivory", "en", "wildlife", 0),
        ("ivory", "en", "wildlife", "high"),
    ):
        with pytest.raises(TermRowError):
            TermRow.checked(*bad)  # type: ignore[arg-type]
    with pytest.raises(TermRowError, match="formula"):
        TermRow.checked("ivory", "en", "wildlife", 1, "=HYPERLINK(x)")


def test_an_exported_list_imports_back_exactly() -> None:
    data = write_csv(ROWS)
    assert data.startswith(b'"term","language","category","priority","source"\r\n')
    parsed = read_csv(data)
    assert parsed.rows == ROWS and parsed.duplicates == 0
    # a spreadsheet's own save: BOM, another column order, an extra column, blank lines
    shuffled = (
        "\ufeffcategory,term,notes,priority,language\r\n"
        "wildlife,ivory,x,1,en\r\n\r\nwildlife,IVORY,y,2,en\r\n"
    )
    parsed = read_csv(shuffled.encode("utf-8"))
    assert parsed.rows == [TermRow("ivory", "en", "wildlife", 1, "")] and parsed.duplicates == 1


def test_bad_files_are_refused_with_the_line_that_is_wrong() -> None:
    with pytest.raises(TermRowError, match="header lacks language, category"):
        read_csv(b"term,priority\nivory,1\n")
    with pytest.raises(TermRowError, match="line 3: category 'fish'"):
        read_csv(b"term,language,category,priority\nivory,en,wildlife,1\ncod,en,fish,1\n")
    with pytest.raises(TermRowError, match="not UTF-8"):
        read_csv("term,language,category,priority\nmarfil,es,wildlife,1\n".encode("utf-16"))
    with pytest.raises(TermRowError, match="empty"):
        read_csv(b"")
    with pytest.raises(TermRowError, match="larger than"):
        read_csv(b"term,language,category,priority\n" + b"x" * (9 * 1024 * 1024))
    many = b"term,language,category,priority\n" + b"".join(b"t%d,en,any,3\n" % i for i in range(MAX_ROWS + 1))
    with pytest.raises(TermRowError, match="more than"):
        read_csv(many)


def test_list_names_must_be_usable_on_a_command_line_and_in_a_url() -> None:
    for bad in ("", " ", ".", "..", "a/b", "a\\b", "x\ny", "n" * 101):
        with pytest.raises(WatchlistError):
            clean_list_name(bad)
    assert clean_list_name("  Interpol 2026 ") == "Interpol 2026"


@pytest.fixture
def stores(db_url: str) -> tuple[WatchlistStore, ListingStore]:
    _engine, factory = open_database(db_url)
    return WatchlistStore(factory), ListingStore(factory)


def test_adding_updating_removing_and_replacing_terms(stores: tuple[WatchlistStore, ListingStore]) -> None:
    lists, _ = stores
    first = lists.add("agency", ROWS, by="a")
    assert (first.added, first.updated, first.unchanged) == (5, 0, 0)
    again = lists.add("agency", [ROWS[0], TermRow("marfil", "es", "wildlife", 1, "")], by="b")
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    assert lists.remove("agency", "elephant ivory") == 1
    with pytest.raises(WatchlistError):
        lists.remove("agency", "elephant ivory")  # removed already
    assert len(lists.terms("agency")) == 4 and len(lists.terms("agency", include_removed=True)) == 5
    restored = lists.add("agency", [ROWS[0]], by="c")
    assert restored.restored == 1
    replaced = lists.add("agency", ROWS[:2], by="d", replace=True)
    assert replaced.removed == 3
    assert {t.row.term for t in lists.terms("agency")} == {"Elephant ivory", "marfil"}
    assert [(w.name, w.terms) for w in lists.lists()] == [("agency", 2)]
    with pytest.raises(WatchlistError, match="no watchlist"):
        lists.terms("nobody")
    with pytest.raises(WatchlistError, match="exists"):
        lists.create("agency")


def _page(term_id: int, urls: list[str], page: int = 1, when: datetime | None = None) -> SearchPageRecord:
    return SearchPageRecord(
        id=str(uuid.uuid4()),
        term_id=term_id,
        url=f"http://127.0.0.1/search?q={term_id}&page={page}",
        page=page,
        fetched_at=when or datetime.now(UTC),
        http_status=200,
        result_urls=urls,
        body_sha256="0" * 64,
    )


def _listing(n: int, flagged: bool) -> Observation:
    return observation(
        canonical_url=f"http://127.0.0.1/ad/{n}",
        url=f"http://127.0.0.1/ad/{n}",
        observed_at=datetime.now(UTC),
        title=f"ad {n}",
        description="d",
        price=Decimal("10"),
        currency="EUR",
        prediction={
            "model_version": "m",
            "category": "wildlife",
            "score": 0.9 if flagged else 0.1,
            "flagged": flagged,
            "reasons": [],
        },
    )


def test_plan_stats_settling_and_provenance(stores: tuple[WatchlistStore, ListingStore]) -> None:
    lists, listings = stores
    lists.add("agency", ROWS, by="a")
    site = listings.ensure_site("s", "http://127.0.0.1/")
    ids = {t.row.term: t.id for t in lists.terms("agency")}
    # never searched: by priority, then alphabetically stable by id; languages filter the site's
    plan = lists.plan("agency", site)
    assert [t.priority for t in plan] == sorted(t.priority for t in plan)
    assert {t.term for t in lists.plan("agency", site, languages=["es"])} == {"marfil", "Dalbergia nigra"}

    run = listings.start_run(site, "t", [])
    listings.apply_batch(site, run, [_listing(1, True), _listing(2, True), _listing(3, False)])
    lists.record_pages(
        site,
        run,
        [
            _page(ids["Elephant ivory"], ["http://127.0.0.1/ad/1", "http://127.0.0.1/ad/2"]),
            _page(ids["Elephant ivory"], ["http://127.0.0.1/ad/3", "http://127.0.0.1/ad/9"], page=2),
            _page(ids["象牙"], ["http://127.0.0.1/ad/1"]),
            _page(ids["marfil"], []),
        ],
    )
    with transaction(listings.factory) as session:  # an analyst confirms ad 1, dismisses ad 2
        session.execute(update(ReviewItem).where(ReviewItem.listing_id == 1).values(status="confirmed"))
        session.execute(update(ReviewItem).where(ReviewItem.listing_id == 2).values(status="dismissed"))

    stats = {s.term: s for s in lists.stats("agency", site)}
    ivory = stats["Elephant ivory"]
    assert (ivory.searches, ivory.pages, ivory.results, ivory.found) == (1, 2, 4, 3)
    assert (ivory.flagged, ivory.confirmed, ivory.dismissed) == (2, 1, 1)
    assert (stats["象牙"].results, stats["象牙"].confirmed) == (1, 1)
    assert (stats["marfil"].searches, stats["marfil"].results) == (1, 0)
    # the same figures straight from the tables
    with listings.factory() as session:
        pages = session.scalar(
            select(func.count()).select_from(SearchPage).where(SearchPage.term_id == ids["Elephant ivory"])
        )
        distinct = session.scalar(
            select(func.count(func.distinct(SearchHit.canonical_url)))
            .join(SearchPage, SearchPage.id == SearchHit.search_page_id)
            .where(SearchPage.term_id == ids["Elephant ivory"])
        )
    assert (pages, distinct) == (ivory.pages, ivory.results)

    # settling: one run each; marfil found nothing
    assert lists.settle_run(site, run, demote_after=2) == {
        "searched": 3,
        "empty": 1,
        "demoted": 0,
        "restored": 0,
    }
    run2 = listings.start_run(site, "t", [])
    lists.record_pages(site, run2, [_page(ids["marfil"], [])])
    assert lists.settle_run(site, run2, demote_after=2)["demoted"] == 1
    plan = lists.plan("agency", site)
    assert plan[-1].term == "marfil" and plan[-1].demoted, "a demoted term is searched last, not dropped"
    # terms whose finds analysts confirmed come first within their priority
    first_priority = [t for t in plan if t.priority == 1]
    assert first_priority[0].confirmed >= first_priority[-1].confirmed
    # a demoted term that finds something is restored
    run3 = listings.start_run(site, "t", [])
    lists.record_pages(site, run3, [_page(ids["marfil"], ["http://127.0.0.1/ad/3"])])
    assert lists.settle_run(site, run3, demote_after=2)["restored"] == 1
    assert not next(t for t in lists.plan("agency", site) if t.term == "marfil").demoted
    # never searched before: ahead of those searched, within a priority
    never = next(t for t in lists.plan("agency", site) if t.term == "Dalbergia nigra")
    assert never.last_searched_at is None

    # provenance: every page that showed ad 1, oldest first
    found = lists.provenance("http://127.0.0.1/ad/1")
    assert [(p.watchlist, p.term, p.rank) for p in found] == [
        ("agency", "Elephant ivory", 1),
        ("agency", "象牙", 1),
    ]
    # the hourly budget's use: what the runs' statistics say
    with transaction(listings.factory) as session:
        from storage.models import CrawlRun

        session.execute(
            update(CrawlRun).where(CrawlRun.id == run).values(stats={"ecowarden/search/requests": 40})
        )
    assert lists.requests_since(site, datetime.now(UTC) - timedelta(hours=1)) == 40


def test_removed_terms_keep_their_history(stores: tuple[WatchlistStore, ListingStore]) -> None:
    lists, listings = stores
    lists.add("agency", ROWS[:1], by="a")
    site = listings.ensure_site("s", "http://127.0.0.1/")
    run = listings.start_run(site, "t", [])
    term_id = lists.terms("agency")[0].id
    lists.record_pages(site, run, [_page(term_id, ["http://127.0.0.1/ad/5"])])
    lists.remove("agency", "elephant ivory", "en")
    assert lists.plan("agency", site) == []
    assert [p.term for p in lists.provenance("http://127.0.0.1/ad/5")] == ["Elephant ivory"]
    with listings.factory() as session:
        assert session.scalar(select(WatchTerm.removed_at).where(WatchTerm.id == term_id)) is not None
