from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from storage.db import alembic_config, make_engine, open_database
from storage.listings import Disappearance, ListingStore, Observation
from storage.models import Base, Listing, ListingImage, ListingVersion, Seller
from tests.observations import observation
from tests.observations import verdict as verdict_of

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def obs(n: int, *, price: str = "10.00", title: str | None = None, when: datetime = T0) -> Observation:
    return observation(
        canonical_url=f"http://127.0.0.1/ad/{n}",
        url=f"http://127.0.0.1/ad/{n}?utm_source=x",
        observed_at=when,
        title=title or f"Listing {n}",
        description="desc",
        price=Decimal(price),
        currency="EUR",
        availability="InStock",
        seller_name=f"seller {n % 3}",
        seller_id=f"s{n % 3}",
        images=[f"http://127.0.0.1/img/{n}.png", f"http://127.0.0.1/img/{n}.png"],
    )


@pytest.fixture
def store(db_url: str) -> ListingStore:
    _engine, factory = open_database(db_url)
    return ListingStore(factory)


def counts(store: ListingStore) -> tuple[int, int, int, int]:
    with store._factory() as s:
        return (
            s.scalar(select(func.count()).select_from(Listing)) or 0,
            s.scalar(select(func.count()).select_from(ListingVersion)) or 0,
            s.scalar(select(func.count()).select_from(Seller)) or 0,
            s.scalar(select(func.count()).select_from(ListingImage)) or 0,
        )


def test_migrations_match_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    open_database(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    assert alembic_config(db_url).get_main_option("script_location")


def test_batch_new_unchanged_changed_removed(store: ListingStore) -> None:
    site = store.ensure_site("demo", "http://127.0.0.1/")
    assert store.ensure_site("demo", "http://127.0.0.1/") == site
    run1 = store.start_run(site, "generic", ["http://127.0.0.1/"])
    first = store.apply_batch(site, run1, [obs(n) for n in range(10)] + [obs(3)])
    assert (first.new, first.changed, first.unchanged) == (10, 0, 0)
    assert counts(store) == (10, 10, 3, 10)

    run2 = store.start_run(site, "generic", [])
    later = T0 + timedelta(days=1)
    batch = [obs(n, when=later) for n in range(10) if n not in (4, 5)]
    batch[0] = obs(0, price="12.50", when=later)
    gone = [
        Disappearance("http://127.0.0.1/ad/5", later, "http 410"),
        Disappearance("http://127.0.0.1/ad/unknown", later, "http 404"),
    ]
    second = store.apply_batch(site, run2, batch, gone)
    assert (second.new, second.changed, second.unchanged, second.removed) == (0, 1, 7, 1)
    assert counts(store)[:2] == (10, 12)

    with store._factory() as s:
        changed = s.scalars(
            select(Listing)
            .where(Listing.canonical_url.endswith("/ad/0"))
            .options(selectinload(Listing.versions))
        ).one()
        assert changed.price == Decimal("12.5") and changed.version == 2
        assert [v.kind for v in changed.versions] == ["new", "changed"]
        assert changed.versions[1].changed_fields == ["price"]
        removed = s.scalars(select(Listing).where(Listing.canonical_url.endswith("/ad/5"))).one()
        assert removed.status == "removed" and removed.removed_at == later
        assert removed.last_seen_at == T0
        untouched = s.scalars(select(Listing).where(Listing.canonical_url.endswith("/ad/4"))).one()
        assert untouched.last_run_id == run1 and untouched.status == "active"
    assert store.urls_observed_in_run(run2) >= {"http://127.0.0.1/ad/0", "http://127.0.0.1/ad/5"}
    active = [url for _, url in store.active_listing_urls(site)]
    assert "http://127.0.0.1/ad/5" not in active and len(active) == 9
    first_page = store.active_listing_urls(site, limit=4)
    rest = store.active_listing_urls(site, after_id=first_page[-1][0])
    assert [u for _, u in first_page + rest] == active

    third = store.apply_batch(site, run2, [obs(5, when=later)])
    assert third.reappeared == 1


def test_failed_batch_rolls_back(store: ListingStore) -> None:
    site = store.ensure_site("demo", "http://127.0.0.1/")
    bad = obs(2)
    bad.observed_at = datetime(2026, 1, 1)  # naive: refused by the UTC column type
    with pytest.raises(Exception, match="naive"):
        store.apply_batch(site, None, [obs(1), bad])
    assert counts(store) == (0, 0, 0, 0)


def test_finish_run_accumulates_across_resumes(store: ListingStore) -> None:
    site = store.ensure_site("demo", "http://127.0.0.1/")
    run = store.start_run(site, "generic", [])
    store.finish_run(run, "interrupted", "shutdown", {"ecowarden/listings/new": 4, "x": "a"})
    assert store.resume_run(run)
    store.finish_run(run, "finished", "finished", {"ecowarden/listings/new": 6})
    from storage.models import CrawlRun

    with store._factory() as s:
        row = s.get(CrawlRun, run)
        assert row is not None
        assert row.stats["ecowarden/listings/new"] == 10 and row.resumes == 1
        assert row.status == "finished"


def test_predictions_and_decisions(db_url: str) -> None:
    from storage.predictions import PredictionStore

    _engine, factory = open_database(db_url)
    store, predictions = ListingStore(factory), PredictionStore(factory)
    site = store.ensure_site("demo", "http://127.0.0.1/")
    store.apply_batch(site, None, [obs(n) for n in range(5)])
    todo = predictions.unclassified("m1")
    assert [row.version for row in todo] == [1] * 5 and todo[0].content.seller_name == "seller 0"
    rows = [
        {
            "listing_id": r.id,
            "listing_version": r.version,
            "model_version": "m1",
            "category": "none",
            "score": 0.1,
            "flagged": False,
            "reasons": [],
        }
        for r in todo[:3]
    ]
    assert predictions.save(rows) == 3
    assert predictions.save(rows) == 0  # idempotent
    assert len(predictions.unclassified("m1")) == 2
    assert len(predictions.unclassified("m2")) == 5
    assert [r.id for r in predictions.unclassified("m1", after_id=todo[3].id)] == [todo[4].id]
    # a changed listing needs a new prediction for its new version
    store.apply_batch(site, None, [obs(0, price="99", when=T0 + timedelta(hours=1))])
    assert todo[0].id in {r.id for r in predictions.unclassified("m1")}

    predictions.record_decision(todo[1].id, "confirm", "ana", category="wildlife")
    predictions.record_decision(todo[1].id, "dismiss", "ana", reason="replica")
    predictions.record_decision(todo[2].id, "escalate", "ana")
    with pytest.raises(ValueError, match="unknown decision"):
        predictions.record_decision(todo[2].id, "burn", "ana")
    decisions = predictions.training_decisions()
    assert [(d.listing.id, d.action) for d in decisions] == [(todo[1].id, "dismiss")]


def test_predictions_ride_along_with_the_batch(db_url: str) -> None:
    from storage.models import Prediction

    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("demo", "http://127.0.0.1/")
    verdict = {"model_version": "m1", "category": "wildlife", "score": 0.93, "flagged": True, "reasons": []}

    def judged(o: Observation) -> Observation:
        o.verdict = verdict_of(verdict)
        return o

    store.apply_batch(site, None, [judged(obs(1)), obs(2)])
    store.apply_batch(site, None, [judged(obs(1, when=T0 + timedelta(hours=1)))])  # unchanged
    store.apply_batch(site, None, [judged(obs(1, price="11", when=T0 + timedelta(hours=2)))])  # changed
    with factory() as s:
        rows = s.scalars(select(Prediction).order_by(Prediction.id)).all()
        assert [(r.listing_version, r.model_version, r.flagged) for r in rows] == [
            (1, "m1", True),
            (2, "m1", True),
        ]
