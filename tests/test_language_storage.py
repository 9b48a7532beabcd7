"""The identified language through the crawl's pipeline stages into storage and the review queue,
on both databases: a Spanish ad on a page declaring ``lang="en"`` is stored as both, the queue
filters on the identified one, and a new reading of unchanged text makes no new version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.extraction.listing import extract_listing
from crawler.items import ListingItem
from crawler.pipelines.normalize import NormalizeListingPipeline
from crawler.pipelines.storage import observation_from
from review.queue import QueueFilters, parse_filters, queue_page
from storage.db import open_database
from storage.listings import ListingStore, Observation
from storage.models import Listing, ListingVersion, ReviewItem
from tests.observations import observation as build_observation
from tests.observations import verdict

T0 = datetime(2026, 12, 1, tzinfo=UTC)
VERDICT = {"model_version": "m1", "category": "wildlife", "score": 0.9, "flagged": True, "reasons": []}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "Product", "name": "{title}",
  "description": "{description}",
  "offers": {{"@type": "Offer", "price": "950.00", "priceCurrency": "EUR"}}}}
</script></head>
<body><h1>{title}</h1><p>{description}</p></body></html>"""


def crawled(path: str, title: str, description: str) -> ListingItem:
    """A page as the spider hands it on: extracted, then through the normalize stage."""
    url = f"http://127.0.0.1/ad/{path}"
    listing = extract_listing(PAGE.format(title=title, description=description), url)
    item = ListingItem("market", url, T0, 200, listing)
    crawler = get_crawler()
    assert crawler.stats is not None
    out = NormalizeListingPipeline(crawler.stats).process_item(item)
    assert isinstance(out, ListingItem)
    # what the classifier stage would add (the model itself is tested elsewhere)
    out.verdict = verdict(VERDICT)
    return out


def test_a_spanish_ad_on_an_english_page_is_stored_as_both(db_url: str) -> None:
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("market", "http://127.0.0.1/")
    spanish = crawled(
        "1",
        "Vendo colmillo de marfil tallado",
        "Colmillo de marfil auténtico, tallado a mano. Envío discreto a todo el país.",
    )
    english = crawled("2", "Carved ivory tusk for sale", "Genuine ivory, hand carved. Discreet shipping.")
    # no words to read: the queue falls back to what the page declares
    undecided = crawled("3", "iPhone 13 128GB", "128GB")
    assert (spanish.listing.language, spanish.text_language) == ("en", "es")
    assert undecided.text_language is None
    result = store.apply_batch(site, None, [observation_from(i) for i in (spanish, english, undecided)])
    assert result.new == 3
    with factory() as session:
        stored = {
            row.canonical_url.rsplit("/", 1)[1]: (row.language, row.text_language)
            for row in session.scalars(select(Listing))
        }
        queued = {item.listing_id: item.language for item in session.scalars(select(ReviewItem))}
        spanish_only = queue_page(session, parse_filters({"language": "es"}))
        declared_en = queue_page(session, QueueFilters(languages=("en",)))
    assert stored == {"1": ("en", "es"), "2": ("en", "en"), "3": ("en", None)}
    assert sorted(queued.values(), key=str) == ["en", "en", "es"]
    assert [r.title for r in spanish_only.rows] == ["Vendo colmillo de marfil tallado"]
    assert spanish_only.rows[0].language == "es"
    assert sorted(r.title for r in declared_en.rows) == ["Carved ivory tusk for sale", "iPhone 13 128GB"]


def observation(text_language: str | None, *, when: datetime = T0, **changes: Any) -> Observation:
    fields: dict[str, Any] = {
        "canonical_url": "http://127.0.0.1/ad/9",
        "url": "http://127.0.0.1/ad/9",
        "observed_at": when,
        "title": "Sừng tê giác thật",
        "description": "Hàng thật, giao hàng toàn quốc.",
        "language": "en",
        "text_language": text_language,
        "prediction": dict(VERDICT),
        **changes,
    }
    return build_observation(**fields)


def test_a_new_reading_of_the_same_text_makes_no_new_version(db_url: str) -> None:
    """A listing stored before identification (or read again by a newer identifier) gets the new
    language in place: the text, which is what versions record, did not change."""
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("market", "http://127.0.0.1/")

    def state() -> tuple[Any, ...]:
        with factory() as session:
            listing = session.scalars(select(Listing)).one()
            item = session.scalars(select(ReviewItem)).one()
            versions = session.scalars(select(ListingVersion.version)).all()
            return listing.version, listing.text_language, item.language, item.version, len(versions)

    store.apply_batch(site, None, [observation(None)])
    assert state() == (1, None, "en", 1, 1)  # queue: the declared language, for want of better
    later = T0 + timedelta(days=1)
    again = store.apply_batch(site, None, [observation("vi", when=later)])
    assert (again.unchanged, again.changed) == (1, 0)
    assert state() == (1, "vi", "vi", 1, 1)  # no version anywhere, the analyst's form stays valid
    # undecided, or a writer that does not identify: erases nothing
    store.apply_batch(site, None, [observation(None, when=later)])
    assert state() == (1, "vi", "vi", 1, 1)
    # changed text: a version, and the language that goes with the new text
    changed = store.apply_batch(
        site,
        None,
        [observation("es", when=later, title="Cuerno de rinoceronte", description="Envío a todo el país.")],
    )
    assert changed.changed == 1
    assert state() == (2, "es", "es", 2, 2)
    with factory() as session:
        latest = session.scalars(select(ListingVersion).where(ListingVersion.version == 2)).one()
        assert "text_language" not in latest.changed_fields
        assert set(latest.changed_fields) == {"title", "description"}
