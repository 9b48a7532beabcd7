"""End-to-end crawls of the demo marketplace over real HTTP on 127.0.0.1, on both databases."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.db import make_engine, session_factory
from storage.models import CrawlRun, Listing, ListingVersion, Prediction
from tests.conftest import DemoServer
from tests.crawl_helpers import (
    DEMO_SITES,
    ROOT,
    SQLITE_ONLY,
    crawl_env,
    db_session,
    expected_url,
    field_mismatches,
    run_crawl,
    start_crawl,
    stored_listings,
)

pytestmark = pytest.mark.slow


def assert_matches_catalogue(server: DemoServer, db_url: str, site: str) -> None:
    catalogue = [e for e in server.catalogue(site) if not e.get("removed")]
    assert catalogue, f"the demo has no {site} listings"
    stored = stored_listings(db_url, DEMO_SITES[site])
    expected = {expected_url(server.base_url, e): e for e in catalogue}
    missing = sorted(set(expected) - set(stored))
    extra = sorted(set(stored) - set(expected))
    assert not missing and not extra, f"{site}: missing {missing[:5]} extra {extra[:5]}"
    problems = {
        url: issues
        for url, entry in expected.items()
        if (issues := field_mismatches(server.base_url, entry, stored[url]))
    }
    assert not problems, f"{site}: {len(problems)} listings differ, e.g. {next(iter(problems.items()))}"


@pytest.mark.browser
def test_crawl_all_three_sites_matches_catalogue(
    demo_server: DemoServer, db_url: str, tmp_path: Path
) -> None:
    code, summary, log = run_crawl(
        [*DEMO_SITES.values(), "--base-url", demo_server.base_url], crawl_env(db_url, tmp_path), tmp_path
    )
    assert code == 0, log[-3000:]
    by_site = {row["site"]: row for row in summary}
    for site, key in DEMO_SITES.items():
        assert_matches_catalogue(demo_server, db_url, site)
        live = [e for e in demo_server.catalogue(site) if not e.get("removed")]
        assert by_site[key]["listings_new"] == len(live)
        assert by_site[key]["errors"] == 0
    engine = make_engine(db_url)
    with session_factory(engine)() as session:
        runs = session.scalars(select(CrawlRun)).all()
        assert {r.status for r in runs} == {"finished"}
        assert all(r.stats["ecowarden/listings/new"] > 0 for r in runs)
        # the classifier step judged every listing during the crawl, stamped with its model
        verdicts = session.execute(
            select(
                Listing.canonical_url, Prediction.flagged, Prediction.model_version, Prediction.category
            ).join(Prediction, Prediction.listing_id == Listing.id)
        ).all()
        assert len(verdicts) == session.scalar(select(func.count()).select_from(Listing))
        assert len({v.model_version for v in verdicts}) == 1
        truth = {expected_url(demo_server.base_url, e): e["category"] for e in demo_server.catalogue()}
        flagged = [v for v in verdicts if v.flagged]
        assert flagged and sum(truth[v.canonical_url] != "none" for v in flagged) / len(flagged) >= 0.8
    engine.dispose()


@SQLITE_ONLY
@pytest.mark.browser
def test_recrawl_records_exactly_the_edits_and_removals(
    private_demo_server: DemoServer, db_url: str, tmp_path: Path
) -> None:
    server = private_demo_server
    env = crawl_env(db_url, tmp_path)
    sites = [*DEMO_SITES.values(), "--base-url", server.base_url]
    code, _, log = run_crawl(sites, env, tmp_path)
    assert code == 0, log[-3000:]
    before = stored_listings(db_url)

    report = server.post("/_demo/mutate", {"seed": 11, "edits": 8, "removals": 5})
    catalogue = {str(e["id"]): e for e in server.catalogue()}
    crawled = {e for e in catalogue if catalogue[e]["site"] in DEMO_SITES}
    edited = {str(i) for i in report["edited"]} & crawled
    changes = {str(k): v for k, v in dict(report["changes"]).items()}
    removed = {str(i) for i in report["removed"]} & crawled
    assert edited and removed, report

    code, second, log = run_crawl(sites, env, tmp_path)
    assert code == 0, log[-3000:]
    after = stored_listings(db_url)
    assert set(after) == set(before), "a re-crawl must not add or lose listings"
    url_of = {expected_url(server.base_url, e): i for i, e in catalogue.items()}
    for url, row in after.items():
        listing_id = url_of[url]
        kinds = [v.kind for v in row.versions]
        if listing_id in removed:
            assert kinds == ["new", "removed"] and row.status == "removed", (url, kinds)
            assert row.removed_at is not None and row.last_seen_at < row.removed_at
        elif listing_id in edited:
            assert kinds == ["new", "changed"] and row.status == "active", (url, kinds)
            assert set(row.versions[1].changed_fields) == set(changes[listing_id]), url
            assert not field_mismatches(server.base_url, catalogue[listing_id], row), url
        else:
            assert kinds == ["new"] and row.status == "active", (url, kinds)
    totals = {k: sum(r[k] for r in second) for k in ("listings_new", "listings_changed", "listings_removed")}
    assert totals == {"listings_new": 0, "listings_changed": len(edited), "listings_removed": len(removed)}


def _count_listings(db_url: str) -> int:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            return int(session.scalar(select(func.count()).select_from(Listing)) or 0)
    except Exception:
        return 0
    finally:
        engine.dispose()


#: slow enough to interrupt half way, small batches so some are committed by then
SLOW = {
    "ECOWARDEN_CRAWL_CONCURRENT_REQUESTS": "2",
    "ECOWARDEN_CRAWL_DOWNLOAD_DELAY_S": "0.02",
    "ECOWARDEN_CRAWL_AUTOTHROTTLE": "false",
    "ECOWARDEN_CRAWL_BATCH_SIZE": "7",
}


def wait_for_listings(db_url: str, count: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while _count_listings(db_url) < count and time.monotonic() < deadline:
        assert proc.poll() is None, "the crawl ended before it could be interrupted"
        time.sleep(0.05)


@SQLITE_ONLY
def test_sigkill_then_resume_equals_uninterrupted_crawl(db_url: str, tmp_path: Path) -> None:
    server = DemoServer(size=400)
    try:
        site = "demo-classifieds"
        expected = [e for e in server.catalogue("classifieds") if not e.get("removed")]
        env = crawl_env(db_url, tmp_path, **SLOW)
        proc = start_crawl([site, "--base-url", server.base_url], env, tmp_path / "killed.log")
        wait_for_listings(db_url, len(expected) // 3, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        partial = _count_listings(db_url)
        assert 0 < partial < len(expected), partial

        code, summary, log = run_crawl([site, "--base-url", server.base_url, "--resume"], env, tmp_path)
        assert code == 0, log[-3000:]
        assert summary[0]["run_id"], summary
        stored = stored_listings(db_url, site)
        assert len(stored) == len(expected)
        assert all([v.kind for v in row.versions] == ["new"] for row in stored.values())

        # the same crawl, uninterrupted, into a fresh SQLite database
        clean_db = f"sqlite:///{tmp_path / 'clean.db'}"
        code, _, log = run_crawl(
            [site, "--base-url", server.base_url], crawl_env(clean_db, tmp_path / "clean"), tmp_path
        )
        assert code == 0, log[-3000:]
        clean = stored_listings(clean_db, site)
        assert {u: r.content_hash for u, r in stored.items()} == {u: r.content_hash for u, r in clean.items()}

        engine = make_engine(db_url)
        with session_factory(engine)() as session:
            runs = session.scalars(select(CrawlRun)).all()
            assert len(runs) == 1 and runs[0].resumes == 1 and runs[0].status == "finished"
            assert session.scalar(select(func.count()).select_from(ListingVersion)) == len(expected)
            # the killed process's finds are counted too, from what it committed
            assert runs[0].stats["ecowarden/listings/new"] == len(expected)
        engine.dispose()
    finally:
        server.stop()


@SQLITE_ONLY
def test_ctrl_c_pauses_and_resume_finishes_the_same_run(tmp_path: Path, db_url: str) -> None:
    """The graceful path: SIGINT keeps Scrapy's JOBDIR queue, and --resume continues from it."""
    server = DemoServer(size=400)
    try:
        site = "demo-bazaar"
        expected = [e for e in server.catalogue("bazaar") if not e.get("removed")]
        env = crawl_env(db_url, tmp_path, **SLOW)
        proc = start_crawl([site, "--base-url", server.base_url, "--json"], env, tmp_path / "paused.log")
        wait_for_listings(db_url, len(expected) // 4, proc)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 1 and "--resume" in err, err
        assert json.loads(out)[0]["finish_reason"] == "shutdown"
        assert _count_listings(db_url) < len(expected)

        code, _, log = run_crawl([site, "--base-url", server.base_url, "--resume"], env, tmp_path)
        assert code == 0, log[-3000:]
        assert "killed" not in log  # a graceful pause is resumed from Scrapy's own queue
        stored = stored_listings(db_url, site)
        assert len(stored) == len(expected)
        assert all([v.kind for v in row.versions] == ["new"] for row in stored.values())
        engine = make_engine(db_url)
        with session_factory(engine)() as session:
            runs = session.scalars(select(CrawlRun)).all()
            assert len(runs) == 1 and runs[0].resumes == 1 and runs[0].status == "finished"
            assert runs[0].stats["ecowarden/listings/new"] == len(expected)
        engine.dispose()
    finally:
        server.stop()


#: what a crawl stores of a listing, beside its bookkeeping
STORED_FIELDS = (
    "title", "description", "price", "currency", "availability", "location", "posted_at",
    "language", "text_language", "content_hash",
)  # fmt: skip
#: what ``extra`` says of how a listing was read, which differs between the two paths by design
PROVENANCE = ("rendered", "sources")


@SQLITE_ONLY
@pytest.mark.browser
def test_the_shop_through_its_api_stores_what_the_browser_stores(db_url: str, tmp_path: Path) -> None:
    """The shipped demo-shop learns its JSON API (``render: api``); the same site rendered page by
    page in Chromium (``render: browser``) stores exactly the same listings. The shop's index has
    several API pages, more than DEPTH_LIMIT allows links deep: paging is not following links."""
    demo_server = DemoServer(size=200)
    try:
        _compare_api_and_browser(demo_server, db_url, tmp_path)
    finally:
        demo_server.stop()


def _compare_api_and_browser(demo_server: DemoServer, db_url: str, tmp_path: Path) -> None:
    assert len(demo_server.catalogue("shop")) > 2 * 24, "the shop needs several index pages"
    sites = tmp_path / "sites"
    sites.mkdir()
    shipped = (ROOT / "crawler" / "sites" / "demo-shop.yaml").read_text()
    assert "\nrender: api\n" in shipped
    (sites / "demo-shop.yaml").write_text(shipped.replace("\nrender: api\n", "\nrender: browser\n"))
    browser_db = f"sqlite:///{tmp_path / 'browser.db'}"
    args = ["demo-shop", "--base-url", demo_server.base_url]
    runs = {}
    runs_with = (
        ("api", db_url, {"ECOWARDEN_CRAWL_DEPTH_LIMIT": "3"}),
        ("browser", browser_db, {"ECOWARDEN_CRAWL_SITES_DIR": str(sites)}),
    )
    for name, url, extra in runs_with:
        workdir = tmp_path / name
        workdir.mkdir()
        code, summary, log = run_crawl(args, crawl_env(url, workdir, **extra), workdir)
        assert code == 0, log[-3000:]
        runs[name] = summary[0]
    assert_matches_catalogue(demo_server, db_url, "shop")
    through_api, through_browser = stored_listings(db_url), stored_listings(browser_db)
    assert set(through_api) == set(through_browser)
    for url, row in through_api.items():
        other = through_browser[url]
        for name in STORED_FIELDS:
            assert getattr(row, name) == getattr(other, name), (url, name)
        assert {k: v for k, v in row.extra.items() if k not in PROVENANCE} == {
            k: v for k, v in other.extra.items() if k not in PROVENANCE
        }, url
        # the same fields were found, from the JSON instead of the page's microdata
        assert set(row.extra["sources"]) == set(other.extra["sources"]), url
        # (the country is worked out from the location on both paths: "place")
        assert other.extra["rendered"] and set(other.extra["sources"].values()) <= {"microdata", "place"}
        assert (row.seller.name, row.seller.external_id) == (other.seller.name, other.seller.external_id)
        assert [i.url for i in row.images] == [i.url for i in other.images]
    with db_session(db_url) as session:
        stats = session.scalars(select(CrawlRun)).one().stats
    # one listing was rendered to learn from; every other one came from its JSON
    from_json = [r for r in through_api.values() if not r.extra["rendered"]]
    assert len(from_json) == len(through_api) - 1
    # (the country is worked out from the location there, as on the browser path)
    assert all(set(r.extra["sources"].values()) <= {"api", "place"} for r in from_json)
    assert stats["ecowarden/api/index_learnt"] == stats["ecowarden/api/detail_learnt"] == 1
    assert stats["ecowarden/api/listings"] == len(through_api) - 1
    assert runs["api"]["listings_new"] == runs["browser"]["listings_new"] == len(through_api)


def test_partial_batches_wait_for_no_timer_once_nothing_is_in_flight(
    demo_server: DemoServer, db_url: str, tmp_path: Path
) -> None:
    """With a ten-minute flush interval and a batch larger than the site, the crawl still ends
    as soon as its pages are fetched, every listing stored: the last batch is written when no
    request is in flight (without that, the run would sit out the interval and the timeout here
    would fail it)."""
    env = crawl_env(
        db_url,
        tmp_path,
        ECOWARDEN_CRAWL_FLUSH_INTERVAL_S="600",
        ECOWARDEN_CRAWL_BATCH_SIZE="100000",
        ECOWARDEN_CLASSIFIER_FLUSH_INTERVAL_S="600",
        ECOWARDEN_CLASSIFIER_BATCH_SIZE="100000",
    )
    site = DEMO_SITES["classifieds"]
    code, summary, log = run_crawl([site, "--base-url", demo_server.base_url], env, tmp_path, timeout=120)
    assert code == 0, log[-3000:]
    live = [e for e in demo_server.catalogue("classifieds") if not e.get("removed")]
    assert summary[0]["listings_new"] == len(live) == len(stored_listings(db_url, site))
