"""Site leases: one crawl of a site at a time across processes and machines, on both databases."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from crawler.runner import holder_is_dead, holder_name
from storage.db import open_database
from storage.leases import LeaseKeeper, SiteBusy, SiteLeases


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
