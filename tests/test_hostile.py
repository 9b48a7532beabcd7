"""Hostile pages: each is logged, bounded and survived, and the good listings around them are kept.

One generic crawl of the demo's ``/hostile/`` site (over real HTTP) feeds every test here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from storage.db import make_engine, session_factory
from storage.models import CrawlRun
from tests.conftest import DemoServer
from tests.crawl_helpers import crawl_env, expected_url, field_mismatches, run_crawl, stored_listings

pytestmark = pytest.mark.slow
TRAP_CAP = 15
TIMEOUT_S = 3


class HostileCrawl:
    def __init__(self, server: DemoServer, workdir: Path, db_url: str) -> None:
        self.server = server
        self.db_url = db_url
        env = crawl_env(
            self.db_url,
            workdir,
            ECOWARDEN_CRAWL_DOWNLOAD_TIMEOUT_S=str(TIMEOUT_S),
            ECOWARDEN_CRAWL_RETRY_TIMES="0",
            ECOWARDEN_CRAWL_MAX_PAGES_PER_SHAPE=str(TRAP_CAP),
        )
        self.code, summary, self.log = run_crawl([server.base_url + "/hostile/"], env, workdir)
        self.summary = summary[0] if summary else {}
        self.listings = stored_listings(self.db_url)
        engine = make_engine(self.db_url)
        with session_factory(engine)() as session:
            self.stats: dict[str, Any] = session.scalars(select(CrawlRun)).one().stats
        engine.dispose()
        self.expected = {e["id"]: e for e in server.catalogue("hostile")}

    def row(self, key: str) -> Any:
        url = expected_url(self.server.base_url, self.expected[key])
        assert url in self.listings, f"{key} not stored; have {sorted(self.listings)}"
        return self.listings[url]


@pytest.fixture(scope="module")
def hostile(
    demo_server: DemoServer, tmp_path_factory: pytest.TempPathFactory, module_db_url: str
) -> HostileCrawl:
    return HostileCrawl(demo_server, tmp_path_factory.mktemp("hostile"), module_db_url)


def test_crawl_finishes_and_keeps_the_good_listings(hostile: HostileCrawl) -> None:
    assert hostile.code == 0, hostile.log[-3000:]
    assert hostile.summary["finish_reason"] == "finished"
    for key in ("h001", "h002", "h003"):
        assert not field_mismatches(hostile.server.base_url, hostile.expected[key], hostile.row(key))


def test_broken_html(hostile: HostileCrawl) -> None:
    row = hostile.row("hbroken")
    assert row.title == hostile.expected["hbroken"]["title"]
    assert str(row.price) == "850"


def test_wrong_charset_is_repaired(hostile: HostileCrawl) -> None:
    row = hostile.row("hcharsetwrong")
    assert "\ufffd" not in (row.title or "") + (row.description or "")
    assert row.title == hostile.expected["hcharsetwrong"]["title"]
    assert hostile.stats.get("ecowarden/encoding/repaired", 0) >= 1


def test_missing_charset_is_detected(hostile: HostileCrawl) -> None:
    row = hostile.row("hcharsetmissing")
    assert row.title == hostile.expected["hcharsetmissing"]["title"]


def test_huge_page_is_cut_off_not_loaded(hostile: HostileCrawl) -> None:
    assert not any("/hostile/huge" in url for url in hostile.listings)
    assert hostile.stats.get("ecowarden/errors/DownloadCancelledError", 0) == 1, hostile.stats
    assert "larger than download max size" in hostile.log


def test_redirect_loop_is_abandoned(hostile: HostileCrawl) -> None:
    # A -> B -> A: the second A is a request already seen (the dupefilter ends the loop), and a
    # longer loop would end at REDIRECT_MAX_TIMES; either way a handful of 302s, not an endless run
    redirects = hostile.stats.get("downloader/response_status_count/302", 0)
    assert 2 <= redirects <= 12, hostile.stats
    assert hostile.stats.get("dupefilter/filtered", 0) >= 1 or "max redirections reached" in hostile.log


def test_redirect_to_another_host_is_not_followed(hostile: HostileCrawl) -> None:
    assert hostile.stats.get("offsite/filtered", 0) >= 1, hostile.stats
    assert not any(url.startswith("http://localhost") for url in hostile.listings)


def test_malformed_links_do_not_cost_the_page(hostile: HostileCrawl) -> None:
    assert hostile.stats.get("ecowarden/links/malformed", 0) >= 1, hostile.stats
    assert not field_mismatches(hostile.server.base_url, hostile.expected["h004"], hostile.row("h004"))


def test_large_utf8_page_is_not_mistaken_for_another_charset(hostile: HostileCrawl) -> None:
    row = hostile.row("hbig")
    assert row.title == hostile.expected["hbig"]["title"]
    assert row.description and row.description.startswith("正品老象牙雕刻摆件")


def test_calendar_trap_is_capped(hostile: HostileCrawl) -> None:
    assert hostile.stats.get("ecowarden/traps/capped", 0) >= 1
    # the endless calendar contributes at most TRAP_CAP pages per URL shape
    assert hostile.stats.get("response_received_count", 0) < 6 * TRAP_CAP + 40


def test_stalling_server_times_out(hostile: HostileCrawl) -> None:
    assert hostile.stats.get("ecowarden/errors/DownloadTimeoutError", 0) >= 1, hostile.stats


def test_script_injection_is_stored_as_inert_text(hostile: HostileCrawl) -> None:
    row = hostile.row("hxss")
    assert row.title == hostile.expected["hxss"]["title"]
    assert "<script>alert(1)</script>" in (row.title or "")


def test_one_megabyte_description_is_bounded(hostile: HostileCrawl) -> None:
    row = hostile.row("hlong")
    expected = " ".join(str(hostile.expected["hlong"]["description"]).split())
    assert row.description and 10_000 <= len(row.description) <= 100_000
    assert expected.startswith(row.description.rstrip(". …"))
