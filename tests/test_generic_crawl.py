"""The generic spider, given nothing but a start URL, on each demo site (real HTTP, real Chromium)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import DemoServer
from tests.crawl_helpers import (
    SQLITE_ONLY,
    crawl_env,
    expected_url,
    field_mismatches,
    run_crawl,
    stored_listings,
)

pytestmark = pytest.mark.slow


def crawl_generic(server: DemoServer, path: str, tmp_path: Path, db_url: str) -> dict[str, object]:
    code, summary, log = run_crawl(
        [server.base_url + path],
        crawl_env(db_url, tmp_path, ECOWARDEN_CRAWL_MAX_PAGES_PER_SHAPE="30"),
        tmp_path,
    )
    assert code == 0, log[-3000:]
    return summary[0]


@SQLITE_ONLY
def test_generic_spider_on_structured_classifieds(
    demo_server: DemoServer, db_url: str, tmp_path: Path
) -> None:
    crawl_generic(demo_server, "/classifieds/", tmp_path, db_url)
    stored = stored_listings(db_url)
    live = [e for e in demo_server.catalogue("classifieds") if not e.get("removed")]
    expected = {expected_url(demo_server.base_url, e): e for e in live}
    assert set(stored) == set(expected)
    problems = [u for u, e in expected.items() if field_mismatches(demo_server.base_url, e, stored[u])]
    assert not problems, field_mismatches(demo_server.base_url, expected[problems[0]], stored[problems[0]])


@SQLITE_ONLY
@pytest.mark.browser
def test_generic_spider_renders_the_javascript_shop(
    demo_server: DemoServer, tmp_path: Path, db_url: str
) -> None:
    """Nothing but the start URL: the spider finds the page is a script shell, renders it once to
    learn the JSON API behind it, and takes the listings from the API over HTTP."""
    summary = crawl_generic(demo_server, "/shop/", tmp_path, db_url)
    stored = stored_listings(db_url)
    live = [e for e in demo_server.catalogue("shop") if not e.get("removed")]
    expected = {expected_url(demo_server.base_url, e): e for e in live}
    assert set(expected) <= set(stored), sorted(set(expected) - set(stored))[:5]
    for url, entry in expected.items():
        assert stored[url].title == entry["title"]
        assert stored[url].price == Decimal(str(entry["price"]))
    assert summary["errors"] == 0
    log = (tmp_path / "crawl.log").read_text(encoding="utf-8")
    assert "listing index API learnt" in log and "listing detail API learnt" in log
    api_listings = int(re.search(r"'ecowarden/api/listings': (\d+)", log).group(1))  # type: ignore[union-attr]
    rendered = int(re.search(r"'ecowarden/render/browser': (\d+)", log).group(1))  # type: ignore[union-attr]
    assert api_listings >= len(live) - 1 and rendered <= 3, (api_listings, rendered)


@SQLITE_ONLY
def test_generic_spider_reads_the_unstructured_bazaar(
    demo_server: DemoServer, tmp_path: Path, db_url: str
) -> None:
    """No structured data, seven languages, local price formats: heuristics alone."""
    summary = crawl_generic(demo_server, "/bazaar/", tmp_path, db_url)
    stored = stored_listings(db_url)
    live = [e for e in demo_server.catalogue("bazaar") if not e.get("removed")]
    found = titles = prices = 0
    for entry in live:
        row = stored.get(expected_url(demo_server.base_url, entry))
        if row is None:
            continue
        found += 1
        titles += row.title == entry["title"]
        prices += row.price == Decimal(str(entry["price"])) and row.currency == entry["currency"]
    assert found == len(live), f"{found}/{len(live)} bazaar threads stored"
    assert titles / found >= 0.95 and prices / found >= 0.9, (titles, prices, found)
    # robots.txt is obeyed: every thread links "Report"/"Quote" into the disallowed /bazaar/search
    assert summary["robots_forbidden"] > 0
