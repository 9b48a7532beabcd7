"""Cases on both databases: names are checked, membership is all-or-nothing and idempotent."""

from __future__ import annotations

import pytest

from storage.cases import CaseError, CaseStore
from storage.db import open_database
from tests.test_bundle import seed_listings


@pytest.fixture
def store_and_ids(db_url: str) -> tuple[CaseStore, dict[str, int]]:
    _engine, factory = open_database(db_url)
    return CaseStore(factory), seed_listings(factory)


def test_create_add_list(store_and_ids: tuple[CaseStore, dict[str, int]]) -> None:
    store, ids = store_and_ids
    info = store.create("  Operation Tusk ", "lead@example.org", description="ivory ring")
    assert info.name == "Operation Tusk" and info.listings == 0 and info.created_at.tzinfo is not None
    assert store.add_listings("Operation Tusk", [ids["pangolin"], ids["ivory"]], "lead@example.org") == 2
    assert store.add_listings("Operation Tusk ", [ids["ivory"], ids["bare"]], "a@example.org") == 1
    assert store.listing_ids("Operation Tusk") == sorted(ids.values())
    store.create("Another", "lead@example.org")
    cases = store.list_cases()
    assert [(c.name, c.listings) for c in cases] == [("Another", 0), ("Operation Tusk", 3)]
    assert cases[1].description == "ivory ring" and cases[1].created_by == "lead@example.org"


def test_refusals(store_and_ids: tuple[CaseStore, dict[str, int]]) -> None:
    store, ids = store_and_ids
    store.create("Case A", "lead@example.org")
    with pytest.raises(CaseError, match="already exists"):
        store.create("Case A", "someone@example.org")
    for bad in ("", "   ", "x" * 201, "two\nlines"):
        with pytest.raises(CaseError):
            store.create(bad, "lead@example.org")
    assert store.create("y" * 200, "lead@example.org").name == "y" * 200
    with pytest.raises(CaseError, match="no listing with id 424242"):
        store.add_listings("Case A", [ids["ivory"], 424242], "lead@example.org")
    assert store.listing_ids("Case A") == [], "one unknown id refuses the whole request"
    with pytest.raises(CaseError, match="no case named"):
        store.add_listings("Case B", [ids["ivory"]], "lead@example.org")
    with pytest.raises(CaseError, match="no case named"):
        store.listing_ids("Case B")
    with pytest.raises(CaseError, match="no listing ids"):
        store.add_listings("Case A", [], "lead@example.org")
