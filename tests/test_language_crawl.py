"""A real crawl of the demo classifieds (HTTP on 127.0.0.1, both databases): every ad page declares
``<html lang="en">`` whatever the seller wrote, and each listing is stored with that declaration
and with the language identified from its text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.models import Listing, ReviewItem
from tests.conftest import DemoServer
from tests.crawl_helpers import (
    DEMO_SITES,
    SQLITE_ONLY,
    crawl_env,
    db_session,
    expected_url,
    run_crawl,
    stored_listings,
)

pytestmark = pytest.mark.slow


@SQLITE_ONLY
def test_crawled_ads_keep_the_declared_and_get_the_identified_language(
    demo_server: DemoServer, db_url: str, tmp_path: Path
) -> None:
    site = DEMO_SITES["classifieds"]
    code, _summary, log = run_crawl(
        [site, "--base-url", demo_server.base_url], crawl_env(db_url, tmp_path), tmp_path
    )
    assert code == 0, log[-3000:]
    live = [e for e in demo_server.catalogue("classifieds") if not e.get("removed")]
    truth = {expected_url(demo_server.base_url, e): str(e["language"]) for e in live}
    stored = stored_listings(db_url, site)
    assert set(stored) == set(truth)
    assert {row.language for row in stored.values()} == {"en"}, "the page's declaration is kept"
    spanish = [url for url, language in truth.items() if language == "es"]
    assert spanish, "the demo has Spanish classifieds"
    for url in spanish:
        assert (stored[url].language, stored[url].text_language) == ("en", "es"), url
    right = Counter(truth[url] for url, row in stored.items() if row.text_language == truth[url])
    totals = Counter(truth.values())
    print({language: f"{right[language]}/{n}" for language, n in sorted(totals.items())})
    assert sum(right.values()) >= 0.95 * len(truth), (right, totals)
    assert len(totals) >= 5  # languages other than English really were crawled
    with db_session(db_url) as session:
        # flagged ones (when a model is loaded) are queued under the identified language
        queued = session.execute(
            select(ReviewItem.language, Listing.text_language, Listing.language).join(
                Listing, Listing.id == ReviewItem.listing_id
            )
        ).all()
    for queue_language, text_language, declared in queued:
        assert queue_language == (text_language or declared)
