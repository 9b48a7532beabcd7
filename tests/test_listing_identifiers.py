"""Identifiers, countries and seller profile links as storage keeps them (issue 17 items 0-1)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from crawler.pipelines.identifiers import identifiers_of, with_identifiers
from storage.db import open_database
from storage.listings import ListingStore, Observation
from storage.models import Listing, ListingIdentifier, Seller
from storage.records import ListingContent
from tests.observations import observation

URL = "https://market.example.vn/ad/1"
TEXT = "Ngà voi cổ, liên hệ Zalo 0912 345 678 hoặc email ban.hang@example.vn"


def _store(db_url: str) -> tuple[ListingStore, int, str]:
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site_id = store.ensure_site("market", "https://market.example.vn/")
    return store, site_id, store.start_run(site_id, "test", ["https://market.example.vn/"])


def _seen(description: str, at: datetime, **content: Any) -> Observation:
    return observation(
        canonical_url=URL,
        url=URL,
        observed_at=at,
        title="Tượng ngà voi",
        description=description,
        seller_name="Hùng Đồ Cổ",
        seller_url="https://market.example.vn/nguoi-ban/hung-901234",
        location="Quận 3, Tp Hồ Chí Minh",
        country="VN",
        language="vi",
        **content,
    )


def _identifiers(db_url: str) -> list[tuple[int, str, str, str]]:
    _engine, factory = open_database(db_url)
    with factory() as session:
        rows = session.scalars(
            select(ListingIdentifier).order_by(ListingIdentifier.version, ListingIdentifier.id)
        )
        return [(r.version, r.field, r.kind, r.value) for r in rows]


def test_identifiers_are_read_in_the_listings_country() -> None:
    content = ListingContent(
        description=TEXT, country="VN", language="vi", seller_url="https://m.example/u/7"
    )
    found = {(i.field, i.kind, i.value) for i in identifiers_of(content)}
    assert ("description", "zalo", "+84912345678") in found
    assert ("description", "email", "ban.hang@example.vn") in found
    assert ("seller_url", "url_profile", "m.example/u/7") in found
    for identifier in identifiers_of(content):
        if identifier.field == "description":
            assert TEXT[identifier.start : identifier.end] == identifier.raw


def test_stored_per_version_backfilled_once_and_never_rewritten(db_url: str) -> None:
    store, site_id, run_id = _store(db_url)
    start = datetime(2026, 12, 1, tzinfo=UTC)
    # stored before identifiers were read: no rows, no country
    old = replace(_seen(TEXT, start), content=replace(_seen(TEXT, start).content, country=None))
    store.apply_batch(site_id, run_id, [old])
    assert _identifiers(db_url) == []
    # seen again unchanged, now with identifiers: backfilled at the current version, and the
    # derived country filled in, without a new version
    again = with_identifiers(_seen(TEXT, start + timedelta(hours=1)))
    result = store.apply_batch(site_id, run_id, [again])
    assert result.unchanged == 1
    first = _identifiers(db_url)
    assert (1, "description", "zalo", "+84912345678") in first
    store.apply_batch(site_id, run_id, [with_identifiers(_seen(TEXT, start + timedelta(hours=2)))])
    assert _identifiers(db_url) == first  # the same content: nothing added twice
    # a new number: a new version, its identifiers added, the old number kept on record
    changed = with_identifiers(
        _seen(TEXT.replace("0912 345 678", "0987 654 321"), start + timedelta(hours=3))
    )
    assert store.apply_batch(site_id, run_id, [changed]).changed == 1
    after = _identifiers(db_url)
    assert (2, "description", "zalo", "+84987654321") in after
    assert set(first) <= set(after)
    _engine, factory = open_database(db_url)
    with factory() as session:
        listing = session.scalars(select(Listing)).one()
        seller = session.scalars(select(Seller)).one()
    assert listing.country == "VN" and listing.version == 2
    assert seller.profile_url == "https://market.example.vn/nguoi-ban/hung-901234"


def test_a_listing_without_the_profile_link_keeps_the_known_one(db_url: str) -> None:
    store, site_id, run_id = _store(db_url)
    at = datetime(2026, 12, 1, tzinfo=UTC)
    store.apply_batch(site_id, run_id, [_seen(TEXT, at)])
    other = observation(
        canonical_url=URL + "2",
        url=URL + "2",
        observed_at=at,
        title="Vòng tay",
        seller_name="Hùng Đồ Cổ",
    )
    store.apply_batch(site_id, run_id, [other])
    _engine, factory = open_database(db_url)
    with factory() as session:
        sellers = session.scalars(select(Seller)).all()
    assert [s.profile_url for s in sellers] == ["https://market.example.vn/nguoi-ban/hung-901234"]
