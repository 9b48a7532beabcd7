"""Monitoring in the review app (both databases): /metrics behind a token, /runs and /api/runs,
hostile site keys and messages escaped; and the crawl metrics endpoint of a process."""

from __future__ import annotations

import re
import socket
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.crawl_metrics import (
    CrawlMetrics,
    MetricsServerError,
    start_metrics_server,
    stop_metrics_server,
)
from review.accounts import Accounts
from review.app import create_app
from scheduling.book import ScheduleBook
from storage.db import open_database, transaction
from storage.models import CrawlRun, ScheduleRun, Site
from tests.app_helpers import app_config
from tests.conftest import free_port

PASSWORD = "correct horse battery"
AppDb = tuple[TestClient, sessionmaker[Session], str]
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def add_run(factory: sessionmaker[Session], site: str, hours: int, stats: dict[str, int], **kw: str) -> str:
    with transaction(factory) as session:
        site_id = session.scalar(select(Site.id).where(Site.key == site))
        if site_id is None:
            row = Site(key=site, base_url="http://127.0.0.1/")
            session.add(row)
            session.flush()
            site_id = row.id
        started = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=hours)
        run = CrawlRun(
            site_id=site_id,
            spider="site",
            start_urls=[],
            started_at=started,
            finished_at=started + timedelta(minutes=3),
            status=kw.get("status", "finished"),
            finish_reason=kw.get("reason", "finished"),
            trigger=kw.get("trigger", "scheduler"),
            stats=stats,
        )
        session.add(run)
        session.flush()
        return run.id


@pytest.fixture
def app_db(db_url: str, tmp_path: Path) -> Iterator[AppDb]:
    cfg = app_config(db_url, tmp_path)
    engine, factory = open_database(db_url)
    accounts = Accounts(factory)
    accounts.add_user("vera", PASSWORD, "viewer")
    token = accounts.create_token("vera", "prometheus")
    with TestClient(create_app(cfg)) as client:
        yield client, factory, token
    engine.dispose()


def login(client: TestClient) -> None:
    page = client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
    assert token is not None
    response = client.post(
        "/login", data={"username": "vera", "password": PASSWORD, "login_csrf": token.group(1)}
    )
    assert response.status_code == 200, response.status_code


def test_metrics_need_a_token_and_show_the_alert(app_db: AppDb) -> None:
    client, factory, token = app_db
    add_run(factory, "good", 1, {"response_received_count": 9, "ecowarden/listings/new": 4})
    add_run(factory, "broken", 1, {"response_received_count": 9, "ecowarden/listings/new": 4})
    add_run(factory, "broken", 2, {"response_received_count": 9, "ecowarden/listings/removed": 4})
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer ew_wrong"}).status_code == 401
    response = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert 'ecowarden_site_yield_dropped{site="broken"} 1.0' in response.text
    got = samples(response.text)
    assert got[("ecowarden_site_yield_dropped", (("site", "good"),))] == 0
    assert got[("ecowarden_site_last_run_yield", (("site", "good"),))] == 4
    assert got[("ecowarden_site_last_run_ok", (("site", "broken"),))] == 1
    assert got[("ecowarden_site_last_run_timestamp_seconds", (("site", "broken"),))] == (
        datetime(2026, 3, 1, 2, 3, tzinfo=UTC).timestamp()
    )
    assert got[("ecowarden_runs_running", ())] == 0
    assert got[("ecowarden_review_open_flags", ())] == 0
    assert got[("ecowarden_capture_queue_waiting", ())] == 0


def test_metrics_name_the_scheduled_sites(app_db: AppDb, db_url: str) -> None:
    """The not-crawled alert concerns scheduled sites only: the app says which they are."""
    client, factory, token = app_db
    add_run(factory, "scheduled-site", 1, {"response_received_count": 9, "ecowarden/listings/new": 4})
    add_run(factory, "crawled-once", 1, {"response_received_count": 9, "ecowarden/listings/new": 4})
    engine, _ = open_database(db_url)
    try:
        with ScheduleBook(engine) as book:
            book.add(site="scheduled-site", site_key="scheduled-site", cron="0 */6 * * *", missed="skip")
            book.add(site="gone", site_key="gone", cron="0 3 * * *", missed="skip")
            book.remove("gone")
    finally:
        engine.dispose()
    response = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    scheduled = {
        dict(labels)["site"]
        for (name, labels), value in samples(response.text).items()
        if name == "ecowarden_site_scheduled" and value == 1
    }
    assert scheduled == {"scheduled-site"}


def test_runs_page_escapes_hostile_site_keys_and_messages(
    app_db: AppDb,
) -> None:
    client, factory, token = app_db
    add_run(factory, HOSTILE, 1, {"response_received_count": 5, "ecowarden/listings/new": 2})
    run_id = add_run(
        factory,
        HOSTILE,
        2,
        {"response_received_count": 5, "ecowarden/errors/<b>Err</b>": 1, "ecowarden/errors": 1},
        reason=HOSTILE,
        status="failed",
    )
    empty = add_run(factory, HOSTILE, 3, {"response_received_count": 5})  # finished, empty: the alert
    with transaction(factory) as session:
        session.add(ScheduleRun(job_id=HOSTILE, site_key=HOSTILE, outcome="failed", message=HOSTILE))
    assert client.get("/runs", follow_redirects=False).status_code == 303  # pages need a login
    login(client)
    page = client.get("/runs")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<b>Err</b>" not in page.text
    assert 'class="alert"' in page.text and "stored no listings" in page.text
    assert run_id in page.text and '<a href="/runs">Runs</a>' in page.text
    assert client.get("/runs?before=not-a-run").status_code == 400
    assert client.get("/runs?before=" + "x" * 100).status_code == 422
    body = client.get("/api/runs", headers={"Authorization": f"Bearer {token}"}).json()
    assert [a["site"] for a in body["alerts"]] == [HOSTILE]
    assert body["runs"][0]["id"] == empty and body["runs"][0]["site_alerted"] is True
    assert body["runs"][1]["id"] == run_id and body["runs"][1]["errors_by_type"] == {"<b>Err</b>": 1}
    assert body["schedule_runs"][0]["message"] == HOSTILE
    assert client.get("/api/runs").status_code == 401


def test_api_runs_pages_with_before(app_db: AppDb) -> None:
    client, factory, token = app_db
    ids = [add_run(factory, "s", n, {"ecowarden/listings/new": 1}) for n in range(5)]
    auth = {"Authorization": f"Bearer {token}"}
    first = client.get("/api/runs?limit=3", headers=auth).json()
    second = client.get(f"/api/runs?limit=3&before={first['next_before']}", headers=auth).json()
    assert [r["id"] for r in first["runs"] + second["runs"]] == ids[::-1]
    assert second["next_before"] is None
    assert client.get("/api/runs?before=nope", headers=auth).status_code == 400


def test_metrics_server_is_started_once_per_process_and_a_taken_port_is_a_clear_error() -> None:
    metrics = CrawlMetrics()
    metrics.pages.labels("demo").inc(3)
    port = free_port()
    try:
        first = start_metrics_server("127.0.0.1", port, metrics.registry)
        assert start_metrics_server("127.0.0.1", port, metrics.registry) is first
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
        assert samples(text)[("ecowarden_crawl_pages_total", (("site", "demo"),))] == 3
        with pytest.raises(MetricsServerError, match="already serves metrics"):
            start_metrics_server("127.0.0.1", free_port(), metrics.registry)
    finally:
        stop_metrics_server()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        with pytest.raises(MetricsServerError, match=f"127.0.0.1:{busy}: the port is in use"):
            start_metrics_server("127.0.0.1", busy, metrics.registry)
    stop_metrics_server()
