"""Site leases: one crawl of a site at a time across processes and machines, on both databases."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from crawler.runner import holder_is_dead, holder_name
from storage.db import open_database, transaction
from storage.leases import Lease, LeaseKeeper, SiteBusy, SiteLeases
from storage.models import CrawlRun, Listing, SiteLease
from storage.types import utcnow
from tests.conftest import DemoServer
from tests.crawl_helpers import SLOW_CRAWL, SQLITE_ONLY, count_rows, crawl_env, run_crawl, start_crawl


@pytest.fixture
def leases(db_url: str) -> SiteLeases:
    _engine, factory = open_database(db_url)
    return SiteLeases(factory)


def test_one_holder_at_a_time_until_release_or_expiry(leases: SiteLeases) -> None:
    first = leases.acquire("shop", "crawl@elsewhere:1", ttl_s=60)
    with pytest.raises(SiteBusy, match="crawl@elsewhere:1"):
        leases.acquire("shop", "crawl@other:2", ttl_s=60)
    leases.acquire("bazaar", "crawl@other:2", ttl_s=60)  # other sites are independent
    leases.release(first)
    again = leases.acquire("shop", "crawl@other:2", ttl_s=0.3)
    time.sleep(0.5)  # its holder stopped renewing: expired
    taken = leases.acquire("shop", "crawl@third:3", ttl_s=60)
    assert not leases.renew(again, 60), "a lost lease cannot be renewed"
    assert leases.renew(taken, 60)
    info = leases.current("shop")
    assert info is not None and info.holder == "crawl@third:3"


def test_a_killed_local_holder_is_taken_over_at_once(leases: SiteLeases) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = socket.gethostname()
    leases.acquire("shop", f"crawl@{host}:{dead.pid}", ttl_s=600)
    assert holder_is_dead(f"crawl@{host}:{dead.pid}")
    assert not holder_is_dead(holder_name("crawl"))  # this very process
    assert not holder_is_dead(f"crawl@another-host:{dead.pid}")  # judged by expiry only
    leases.acquire("shop", holder_name("crawl"), ttl_s=600, is_dead=holder_is_dead)
    with pytest.raises(SiteBusy):  # a live holder on this machine is respected
        leases.acquire("shop", f"crawl@{host}:{os.getppid()}", ttl_s=600, is_dead=holder_is_dead)


def test_keeper_renews_and_releases(leases: SiteLeases) -> None:
    lease = leases.acquire("shop", "crawl@here:1", ttl_s=0.6)
    with LeaseKeeper(leases, [lease], ttl_s=0.6):
        time.sleep(1.0)  # longer than the ttl: only renewal keeps it
        with pytest.raises(SiteBusy):
            leases.acquire("shop", "crawl@there:2", ttl_s=60)
    assert leases.current("shop") is None


def test_keeper_reports_a_lease_taken_by_another_holder(leases: SiteLeases) -> None:
    mine = leases.acquire("shop", "crawl@here:1", ttl_s=2)
    other = leases.acquire("bazaar", "crawl@here:1", ttl_s=2)
    with LeaseKeeper(leases, [mine, other], ttl_s=2) as keeper:
        _steal(leases, "shop")
        deadline = time.monotonic() + 10
        while not keeper.lost.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert keeper.is_lost("shop") and not keeper.is_lost("bazaar")
        time.sleep(2.5)  # longer than the ttl: the other lease is still renewed
        info = leases.current("bazaar")
        assert info is not None and info.holder == "crawl@here:1"
    info = leases.current("shop")
    assert info is not None and info.holder == "crawl@thief:9", "stopping must not release a lost lease"


def test_keeper_takes_back_a_lease_whose_taker_is_gone(leases: SiteLeases) -> None:
    """Taken after an expiry, then released at once (its taker could not crawl after all): the
    first holder takes it back instead of stopping, so the site is not left uncrawled by both."""
    mine = leases.acquire("shop", "crawl@here:1", ttl_s=2)
    with LeaseKeeper(leases, [mine], ttl_s=2) as keeper:
        _steal(leases, "shop")
        leases.release(Lease("shop", "crawl@thief:9", "stolen"))
        time.sleep(2.5)
        assert not keeper.is_lost("shop")
        info = leases.current("shop")
        assert info is not None and info.holder == "crawl@here:1"
    assert leases.current("shop") is None, "the lease taken back is the one released at the end"


def _steal(leases: SiteLeases, site_key: str) -> None:
    """What a takeover does once the holder's renewals have failed past the expiry, in one step."""
    with transaction(leases.factory) as session:
        session.execute(
            update(SiteLease)
            .where(SiteLease.site_key == site_key)
            .values(holder="crawl@thief:9", token="stolen", expires_at=utcnow() + timedelta(seconds=600))
        )


@SQLITE_ONLY
@pytest.mark.slow
def test_a_crawl_whose_lease_is_taken_stops_and_resumes_later(db_url: str, tmp_path: Path) -> None:
    server = DemoServer(size=300)
    try:
        site = "demo-classifieds"
        env = crawl_env(db_url, tmp_path, ECOWARDEN_SCHEDULER_LEASE_TTL_S="1.5", **SLOW_CRAWL)
        proc = start_crawl([site, "--base-url", server.base_url, "--json"], env, tmp_path / "crawl.log")
        _engine, factory = open_database(db_url)
        leases = SiteLeases(factory)
        deadline = time.monotonic() + 60
        while count_rows(db_url, Listing) < 20:
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "the crawl stored nothing in a minute"
            time.sleep(0.1)
        _steal(leases, site)
        stolen_at = time.monotonic()
        out, err = proc.communicate(timeout=60)
        assert time.monotonic() - stolen_at < 15, "the crawl went on long after losing its lease"
        assert proc.returncode == 1, err
        assert "another process took over the site's lease" in err
        [summary] = json.loads(out)
        assert summary["finish_reason"] == "lease_lost" and not summary["ok"]
        expected = [e for e in server.catalogue("classifieds") if not e.get("removed")]
        partial = count_rows(db_url, Listing)
        assert partial < len(expected), "it stopped early, not at the end"
        with factory() as session:
            run = session.scalars(select(CrawlRun)).one()
            assert (run.status, run.finish_reason) == ("interrupted", "lease_lost")  # resumable
        info = leases.current(site)
        assert info is not None and info.holder == "crawl@thief:9", "the new holder keeps its lease"

        # while the thief holds it, nobody else crawls; once it is gone, --resume finishes the run
        code, _, log = run_crawl([site, "--base-url", server.base_url, "--resume"], env, tmp_path)
        assert code == 1 and "crawl@thief:9" in log, log[-2000:]
        with transaction(factory) as session:
            session.execute(delete(SiteLease).where(SiteLease.site_key == site))
        code, [resumed], log = run_crawl([site, "--base-url", server.base_url, "--resume"], env, tmp_path)
        assert code == 0, log[-3000:]
        assert resumed["run_id"] == summary["run_id"]
        assert count_rows(db_url, Listing) == len(expected)
    finally:
        server.stop()
