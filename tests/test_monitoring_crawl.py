"""Monitoring end to end over real HTTP: a marketplace relaunch drops a site's yield to zero and
every view says so; a running crawl's metrics are scraped live from its process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from crawler.urls import site_key_for
from review.accounts import Accounts
from review.app import create_app
from storage.db import open_database
from tests.app_helpers import app_config
from tests.conftest import DemoServer, free_port
from tests.crawl_helpers import ROOT, SQLITE_ONLY, crawl_env, run_crawl, run_ecowarden
from tests.test_monitoring_app import PASSWORD, login

pytestmark = pytest.mark.slow
SITE = "demo-classifieds"


@SQLITE_ONLY
def test_a_redesign_drops_the_yield_and_the_cli_app_and_metrics_alert(
    private_demo_server: DemoServer, db_url: str, tmp_path: Path
) -> None:
    server = private_demo_server
    env = crawl_env(db_url, tmp_path)
    code, first, log = run_crawl([SITE, "--base-url", server.base_url], env, tmp_path)
    assert code == 0 and first[0]["listings_new"] > 0, log[-3000:]
    check = run_ecowarden("runs", "--check", env=env)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("ok: no alerts")

    moved = server.post("/_demo/redesign", {"site": "classifieds"})
    assert moved["moved"] == len(server.catalogue("classifieds"))
    code, second, log = run_crawl([SITE, "--base-url", server.base_url], env, tmp_path)
    assert code == 0, log[-3000:]
    run = second[0]
    stored = sum(run[f"listings_{k}"] for k in ("new", "changed", "unchanged", "reappeared"))
    assert stored == 0 and run["pages"] > 0, run
    # every listing stored before now redirects away from the listing URL shape: removed
    assert run["listings_removed"] == first[0]["listings_new"], run

    check = run_ecowarden("runs", "--check", env=env)
    assert check.returncode == 1, (check.stdout, check.stderr)
    lines = check.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ecowarden: alert: {SITE}: yield dropped to zero")
    listing = run_ecowarden("runs", env=env)
    assert listing.returncode == 0
    assert f"ALERT {SITE}" in listing.stdout
    newest = listing.stdout.splitlines()[0]
    assert SITE in newest and " cli " in newest and " local " in newest and newest.endswith("ALERT")
    report = json.loads(run_ecowarden("runs", "--json", env=env).stdout)
    assert [a["site"] for a in report["alerts"]] == [SITE]
    assert report["alerts"][0]["run_id"] == run["run_id"]
    assert report["runs"][0]["removed"] == run["listings_removed"] and report["runs"][0]["trigger"] == "cli"

    cfg = app_config(db_url, tmp_path)
    engine, factory = open_database(db_url)
    accounts = Accounts(factory)
    accounts.add_user("vera", PASSWORD, "viewer")
    token = accounts.create_token("vera", "prometheus")
    engine.dispose()
    with TestClient(create_app(cfg)) as client:
        assert client.get("/metrics").status_code == 401
        metrics = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
        assert f'ecowarden_site_yield_dropped{{site="{SITE}"}} 1.0' in metrics.text
        login(client)
        page = client.get("/runs")
        assert 'class="alert"' in page.text and f"{SITE}: yield dropped to zero" in page.text

    # the site is fixed (here: undone); the next productive run clears the alert
    server.post("/_demo/reset", {})
    code, third, log = run_crawl([SITE, "--base-url", server.base_url], env, tmp_path)
    assert code == 0 and third[0]["listings_reappeared"] > 0, (third, log[-3000:])
    check = run_ecowarden("runs", "--check", env=env)
    assert check.returncode == 0, check.stderr


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
            text = response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(found: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_a_running_crawl_serves_its_metrics(demo_server: DemoServer, tmp_path: Path) -> None:
    """Two crawls in one process (a slowed configured site and the hostile pages) count into one
    registry, scraped over HTTP while they run."""
    port = free_port()
    hostile_url = demo_server.base_url + "/hostile/"
    hostile = site_key_for(hostile_url, prefix=True)
    env = crawl_env(
        f"sqlite:///{tmp_path / 'ecowarden.db'}",
        tmp_path,
        ECOWARDEN_MONITORING_METRICS_PORT=str(port),
        ECOWARDEN_CRAWL_AUTOTHROTTLE="false",
        ECOWARDEN_CRAWL_DOWNLOAD_DELAY_S="0.3",
        ECOWARDEN_CRAWL_CONCURRENT_PER_DOMAIN="1",
        ECOWARDEN_CRAWL_DOWNLOAD_TIMEOUT_S="2",
        ECOWARDEN_CRAWL_RETRY_TIMES="0",
        ECOWARDEN_CRAWL_MAX_PAGES_PER_SHAPE="5",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "ecowarden", "crawl", SITE, hostile_url, "--base-url", demo_server.base_url,
         "--json", "--no-progress", "--log-file", str(tmp_path / "crawl.log")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    live: list[dict[tuple[str, tuple[tuple[str, str], ...]], float]] = []
    deadline = time.monotonic() + 240
    try:
        while process.poll() is None and time.monotonic() < deadline:
            found = scrape(port)
            if found is not None and process.poll() is None:
                live.append(found)
            time.sleep(0.3)
    finally:
        if process.poll() is None:
            process.kill()
        stdout, stderr = process.communicate(timeout=60)
    log = stderr + (tmp_path / "crawl.log").read_text()
    assert process.returncode == 0, log[-3000:]
    summaries = {s["site"]: s for s in json.loads(stdout)}
    assert live, "the metrics endpoint never answered while the crawl ran"

    running = [f for f in live if value(f, "ecowarden_crawl_running", site=SITE) == 1]
    assert running, "no scrape saw the crawl running"
    mid = [f for f in running if value(f, "ecowarden_crawl_pages_total", site=SITE) > 0]
    assert mid, "pages were never counted while the crawl ran"
    assert any(value(f, "ecowarden_crawl_items_total", site=SITE) > 0 for f in running)
    assert any(value(f, "ecowarden_crawl_pages_per_second", site=SITE) > 0 for f in running)
    last = live[-1]
    # counters only grow, and never beyond what the run recorded
    pages = [value(f, "ecowarden_crawl_pages_total", site=SITE) for f in live]
    assert pages == sorted(pages) and pages[-1] <= summaries[SITE]["pages"]
    new = value(last, "ecowarden_crawl_listings_total", site=SITE, kind="new")
    assert 0 < new <= summaries[SITE]["listings_new"]
    # the hostile pages fail: timeouts (the stalling page), the 20 MiB page cancelled
    errors = {
        dict(labels)["type"]: count
        for (name, labels), count in last.items()
        if name == "ecowarden_crawl_errors_total" and dict(labels).get("site") == hostile
    }
    assert errors.get("DownloadCancelledError", 0) >= 1, errors
    assert errors.get("DownloadTimeoutError", 0) >= 1, errors
    assert value(last, "ecowarden_crawl_running", site=hostile) == 0
    assert value(last, "ecowarden_crawl_last_run_yield", site=hostile) == (
        summaries[hostile]["listings_new"] + summaries[hostile]["listings_changed"]
    )
    assert value(last, "ecowarden_crawl_yield_zero", site=hostile) == 0
