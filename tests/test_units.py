"""Fast tests of the crawler's small parts: URLs, focus, site files, config, encoding, normalising."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from crawler.extraction.types import ExtractedListing
from crawler.focus import PRIORITY_LEARNED_LISTING, LinkScorer
from crawler.items import ListingItem
from crawler.middlewares.encoding import repair_encoding
from crawler.sites import SiteConfigError, load_site_file, load_sites, parse_site
from crawler.urls import canonical_url, url_shape, url_template
from ecowarden.config import ConfigError, load_config


def test_canonical_url_drops_tracking_and_fragments() -> None:
    a = canonical_url("http://127.0.0.1:8000/ad/12-ivory?utm_source=related&b=2&a=1#photos")
    assert a == "http://127.0.0.1:8000/ad/12-ivory?a=1&b=2"
    assert canonical_url("HTTP://127.0.0.1:8000/ad/12-ivory?a=1&b=2") == a


def test_url_shape_folds_numbers() -> None:
    assert url_shape("http://h/cal/2026/11?x=1") == url_shape("http://h/cal/1999/01?x=7")
    assert url_shape("http://h/cal/2026/11") != url_shape("http://h/thread/11")


def test_link_scorer_learns_listing_templates() -> None:
    scorer = LinkScorer(min_samples=2)
    assert url_template("http://h/ad/123-old-ivory-carving") == url_template("http://h/ad/9-x-y")
    for n in range(3):
        scorer.learn(f"http://h/ad/{n}-some-thing-here", is_listing=True)
    assert scorer.priority("http://h/ad/77-other-item-name") == PRIORITY_LEARNED_LISTING
    assert scorer.skip("http://h/account/login") and scorer.skip("http://h/img/a.png")
    assert not scorer.skip("http://h/ad/1")


def test_site_files_shipped_are_valid() -> None:
    sites = load_sites()
    assert {"demo-classifieds", "demo-shop", "demo-bazaar"} <= set(sites)
    assert sites["demo-shop"].render == "api"
    # in api mode the listings fall back to the browser, so a crawl of the shop starts Chromium
    assert sites["demo-shop"].listings_need_browser and not sites["demo-classifieds"].listings_need_browser


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x", "base_url": "http://h/"}, "missing 'start_urls'"),
        ({"name": "x", "base_url": "http://h/", "start_urls": ["/"], "render": "gpu"}, "render"),
        ({"name": "x", "base_url": "http://h/", "start_urls": ["/"], "listing_url_pattern": "("}, "regular"),
        ({"name": "x", "base_url": "http://h/", "start_urls": ["/"], "fields": {"colour": "a"}}, "fields"),
        ([1, 2], "mapping"),
    ],
)
def test_bad_site_files_name_the_problem(data: object, message: str) -> None:
    with pytest.raises(SiteConfigError, match=message):
        parse_site(data, "x.yaml")


def test_unreadable_site_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: [unclosed")
    with pytest.raises(SiteConfigError, match=r"bad\.yaml"):
        load_site_file(path)
    path.write_text(yaml.safe_dump({"name": "a", "base_url": "http://h", "start_urls": "/x"}))
    assert load_site_file(path).absolute_start_urls() == ["http://h/x"]


def test_config_file_then_env(tmp_path: Path) -> None:
    file = tmp_path / "c.toml"
    file.write_text('[database]\nurl = "sqlite:///rel/db.sqlite"\n[crawl]\nbatch_size = 10\n')
    cfg = load_config(file, env={"ECOWARDEN_CRAWL_BATCH_SIZE": "33", "ECOWARDEN_CRAWL_OBEY_ROBOTS": "no"})
    assert cfg.crawl.batch_size == 33 and cfg.crawl.obey_robots is False
    assert cfg.database_url() == f"sqlite:///{tmp_path.resolve()}/rel/db.sqlite"
    with pytest.raises(ConfigError, match="ECOWARDEN_CRAWL_BATCH_SIZE"):
        load_config(file, env={"ECOWARDEN_CRAWL_BATCH_SIZE": "many"})
    file.write_text("[crawl]\nbatchsize = 1\n")
    with pytest.raises(ConfigError, match="batchsize"):
        load_config(file, env={})
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml", env={})


def test_repair_encoding_prefers_the_truth() -> None:
    body = '<html><head><meta charset="windows-1252"></head><body>Marfil tallado – 1.200 €</body></html>'
    raw = body.encode("cp1252")
    repaired = repair_encoding(raw, "utf-8")
    assert repaired and raw.decode(repaired) == body
    assert repair_encoding(body.encode("utf-8"), "utf-8") is None
    text = "<html><body>出售象牙雕刻，价格面议，联系微信。正品保证，量大从优。</body></html>"
    chinese = text.encode("gb18030")
    detected = repair_encoding(chinese, "utf-8")
    assert detected and chinese.decode(detected).count("象牙") == 1


def test_normalize_pipeline_bounds_hostile_fields() -> None:
    from scrapy.exceptions import DropItem
    from scrapy.utils.test import get_crawler

    from crawler.pipelines.normalize import MAX_DESCRIPTION, NormalizeListingPipeline

    crawler = get_crawler()
    assert crawler.stats is not None
    pipeline = NormalizeListingPipeline(crawler.stats)
    listing = ExtractedListing(
        url="http://h/ad/1",
        title="  <script>alert(1)</script>\x00 ivory ",
        description="x" * (MAX_DESCRIPTION * 2),
        price="NaN",
        currency="eur",
        availability="Maybe",
        images=["http://h/a.png", "javascript:alert(1)", "http://h/a.png"],
    )
    item = ListingItem("s", "http://h/ad/1", datetime.now(UTC), 200, listing)
    out = pipeline.process_item(item)
    assert out.listing.title == "<script>alert(1)</script> ivory"
    assert len(out.listing.description) == MAX_DESCRIPTION
    assert out.listing.price is None and out.listing.currency == "EUR"
    assert out.listing.availability is None and out.listing.images == ["http://h/a.png"]
    with pytest.raises(DropItem):
        blank = ExtractedListing(url="u", title=" ")
        pipeline.process_item(ListingItem("s", "u", datetime.now(UTC), 200, blank))


def test_one_jobdir_one_crawl(tmp_path: Path) -> None:
    from crawler.context import JobdirBusy, open_run, read_marker
    from storage.db import open_database
    from storage.listings import ListingStore

    _engine, factory = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store = ListingStore(factory)
    jobdir = tmp_path / "jobs" / "site"
    args = {"site_key": "s", "base_url": "http://127.0.0.1/", "spider_name": "x", "start_urls": []}
    first = open_run(store, jobdir=jobdir, resume=False, **args)  # type: ignore[arg-type]
    with pytest.raises(JobdirBusy):
        open_run(store, jobdir=jobdir, resume=True, **args)  # type: ignore[arg-type]
    assert (read_marker(jobdir) or {})["state"] == "running"
    assert first.lock is not None
    first.lock.close()  # the process ended: a resume now continues the same run, as after a kill
    again = open_run(store, jobdir=jobdir, resume=True, **args)  # type: ignore[arg-type]
    assert again.run_id == first.run_id and again.recovering
