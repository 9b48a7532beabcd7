"""Flagged listings for evidence tests and benchmarks, stored the way the crawl stores them."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from storage.db import open_database
from storage.listings import ListingStore
from tests.conftest import DemoServer
from tests.observations import observation


def flag_listings(db_url: str, demo: DemoServer | str, entries: list[dict[str, Any]]) -> dict[str, int]:
    """Store listings with a flagging verdict, as the crawl's storage pipeline does."""
    base_url = demo if isinstance(demo, str) else demo.base_url
    _engine, factory = open_database(db_url)
    store = ListingStore(factory, capture_on_flag=True)
    site_id = store.ensure_site("demo-classifieds", base_url)
    run_id = store.start_run(site_id, "test", [base_url])
    observations = [
        observation(
            canonical_url=base_url + str(e["path"]),
            url=base_url + str(e["path"]),
            observed_at=datetime.now(UTC),
            title=str(e["title"]),
            description=str(e["description"]),
            price=Decimal(str(e["price"])),
            currency=str(e["currency"]),
            prediction={
                "model_version": "test-model",
                "category": str(e["category"]),
                "score": 0.97,
                "flagged": True,
                "reasons": [{"kind": "lexicon", "term": "test"}],
            },
        )
        for e in entries
    ]
    result = store.apply_batch(site_id, run_id, observations)
    assert result.captures_queued == len(entries)
    return {o.url: i for i, o in enumerate(observations)}


def suspects(demo: DemoServer, count: int, site: str = "classifieds") -> list[dict[str, Any]]:
    found = [
        e
        for e in demo.catalogue(site)
        if e["category"] != "none" and not e["removed"] and "<" not in str(e["title"])
    ]
    assert len(found) >= count
    return found[:count]
