"""The one listing shape: its conversions, its content hash and its JSON round trips."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from datetime import UTC, datetime
from decimal import Decimal

from crawler.extraction.types import ExtractedListing
from storage.records import VERSIONED_FIELDS, ListingContent, ListingSnapshot, Verdict

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def test_extracted_listing_converts_to_the_shared_content() -> None:
    extracted = ExtractedListing(
        url="http://127.0.0.1/ad/1",
        title="Carved tusk",
        price="1200.50",
        currency="EUR",
        images=["http://127.0.0.1/a.png"],
        language="pt",
        sku="X1",
        sources={"title": "jsonld"},
    )
    content = extracted.content()
    assert content.price == Decimal("1200.5") and isinstance(content.price, Decimal)
    assert content.images == ("http://127.0.0.1/a.png",) and content.language == "pt"
    # every content field comes from the extraction: none is forgotten by the conversion
    assert {f.name for f in fields(ListingContent)} <= {f.name for f in fields(ExtractedListing)}


def test_content_hash_is_the_stored_one_and_ignores_the_declared_language() -> None:
    """The hash must stay what listings already stored carry, or every listing would look changed
    on the next crawl after an upgrade."""
    content = ListingContent(title="t", price=Decimal("10.00"), images=("http://x/1",), language="en")
    versioned = {name: None for name in VERSIONED_FIELDS} | {
        "title": "t",
        "price": "10",
        "images": ["http://x/1"],
    }
    expected = hashlib.sha256(
        json.dumps(versioned, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    assert content.content_hash == expected
    assert (
        ListingContent(title="t", price=Decimal("10"), images=("http://x/1",), language="es").content_hash
        == expected
    )
    assert ListingContent(title="t", price=Decimal("11")).content_hash != expected


def test_version_columns_keep_every_versioned_field_once() -> None:
    content = ListingContent(
        title="t", seller_name="s", seller_id="1", location="L", images=("u",), posted_at="p"
    )
    columns = content.version_columns()
    details = columns.pop("details")
    assert set(columns) | set(details) == set(VERSIONED_FIELDS)
    assert not set(columns) & set(details) and details["images"] == ["u"]


def test_snapshot_round_trips_through_json() -> None:
    snapshot = ListingSnapshot(
        listing_id=7,
        version=2,
        status="active",
        url="http://127.0.0.1/ad/7",
        content=ListingContent(title="ivory", price=Decimal("99.90"), currency="USD", images=("a", "b")),
        seller_key="id:s1",
        first_seen_at=T0,
        last_seen_at=T0,
        run_id="r1",
        verdict=Verdict("m1", "wildlife", 0.9, True, ({"type": "lexicon"},), threshold=0.5),
    )
    encoded = json.dumps(snapshot.to_json())
    assert ListingSnapshot.from_json(json.loads(encoded)) == snapshot
    assert snapshot.verdict is not None
    assert snapshot.verdict.summary(2) == {
        "model_version": "m1",
        "listing_version": 2,
        "category": "wildlife",
        "score": 0.9,
        "flagged": True,
        "reasons": [{"type": "lexicon"}],
    }
    assert snapshot.verdict.row(7, 2)["threshold"] == 0.5


def test_an_unreadable_snapshot_costs_the_request_nothing(db_url: str) -> None:
    """A snapshot that cannot be read (hand-edited, or written by a newer release) is dropped:
    the worker then reads the stored listing instead of failing the capture."""
    from sqlalchemy import update

    from storage.capture_queue import CaptureQueue
    from storage.db import open_database, transaction
    from storage.models import CaptureRequest

    _engine, factory = open_database(db_url)
    queue = CaptureQueue(factory)
    queue.enqueue_url("http://127.0.0.1/ad/1")
    with transaction(factory) as session:
        session.execute(update(CaptureRequest).values(listing_snapshot={"version": "two"}))
    claimed = queue.claim()
    assert claimed is not None and claimed.url == "http://127.0.0.1/ad/1" and claimed.snapshot is None
