"""The review app end to end: the real ``ecowarden serve`` over HTTP and in Chromium.

One module-wide world: flagged demo listings (plus hostile ones written the way a seller would
write them) in a fresh SQLite database, one listing captured for real with ``ecowarden capture``,
accounts and API tokens made with the real ``ecowarden user`` commands, and the server started as
a user starts it. The HTTP tests check the security contract (login, CSRF, roles, API tokens,
optimistic locking, throttling, evidence downloads, links out, CSV export); the browser tests
drive the pages with the keyboard, build and export a case, read the audit log, and open the
hostile listing to prove nothing in it runs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import select

from storage.db import open_database
from storage.listings import ListingStore
from storage.models import Listing
from tests.conftest import ROOT, DemoServer, free_port
from tests.evidence_helpers import flag_listings, suspects
from tests.observations import observation

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS_DIR = ROOT / "test-artifacts" / "review"
PASSWORD = "correct horse battery"
USERS = {
    "sam": "supervisor",
    "ana": "analyst",
    "ben": "analyst",
    "vic": "viewer",
    "tom": "analyst",  # only for the login-throttling test, so nobody else gets locked out
}
HOSTILE_TITLE = '<img src=x onerror="window.__xss=1">Ivory'
HOSTILE_DESCRIPTION = "<script>window.__xss=1</script> raw tusk"
HOSTILE_SELLER = '"><svg onload=window.__xss=1>'
HOSTILE_URL = "javascript:window.__xss=1;alert(1)"
PAGE_SIZE = 5  # the server's queue page: 12 items make three pages
FORMULA_TITLE = '=HYPERLINK("http://evil.example/","click") rhino horn'
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
LOGIN_FIELD = re.compile(r'name="login_csrf" value="([^"]+)"')


@dataclass
class ReviewWorld:
    base_url: str
    db_url: str
    workdir: Path
    demo_ids: list[int]
    categories: dict[int, str]
    captured_id: int
    hostile_id: int
    formula_id: int
    tokens: dict[str, str] = field(default_factory=dict)


def ecowarden_env(db_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOWARDEN_")}
    env.update(
        ECOWARDEN_CONFIG=str(ROOT / "ecowarden.toml"),
        ECOWARDEN_DATABASE_URL=db_url,
        ECOWARDEN_EVIDENCE_DIR=str(workdir / "evidence"),
        ECOWARDEN_EVIDENCE_OPERATOR="analyst@example.org",
        ECOWARDEN_EVIDENCE_ORGANISATION="Test Wildlife Unit",
        ECOWARDEN_EVIDENCE_CAPTURE_TIMEOUT_S="30",
        ECOWARDEN_REVIEW_COOKIE_SECURE="never",
        ECOWARDEN_REVIEW_PAGE_SIZE=str(PAGE_SIZE),
    )
    env.update(extra)
    return env


def ecowarden(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecowarden", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def store_hostile(db_url: str) -> tuple[int, int]:
    """Two listings written by an attacker, stored as the crawl stores a flagged verdict."""
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site_id = store.ensure_site("hostile-market", "http://127.0.0.1:9/")
    run_id = store.start_run(site_id, "test", [])
    now = datetime.now(UTC)
    hostile = observation(
        canonical_url=HOSTILE_URL,
        url=HOSTILE_URL,
        observed_at=now,
        title=HOSTILE_TITLE,
        description=HOSTILE_DESCRIPTION,
        price=Decimal("900"),
        currency="EUR",  # a 3-letter column: no room for markup
        availability="<b onmouseover=window.__xss=1>x</b>",  # String(40)
        seller_name=HOSTILE_SELLER,
        seller_id="hostile-1",
        location="<iframe src=javascript:window.__xss=1></iframe>",
        images=["javascript:window.__xss=1", "https://evil.example/pixel.png"],
        posted_at='"><script>window.__xss=1</script>',  # String(40)
        language="en",
        prediction={
            "model_version": "test-model",
            "category": "wildlife",
            "score": 0.6,
            "flagged": True,
            "reasons": [
                {
                    "type": "lexicon",
                    "field": "title",
                    "span": [0, 12],
                    "term": "<svg onload=window.__xss=1>",
                    "category": "wildlife</li><script>window.__xss=1</script>",
                    "kind": "term",
                    "lang": "en",
                    "source": "<img src=https://evil.example/x onerror=window.__xss=1>",
                },
                {"type": "feature", "feature": "<script>window.__xss=1</script>", "contribution": 1.5},
            ],
        },
    )
    formula = observation(
        canonical_url="http://127.0.0.1:9/formula",
        url="http://127.0.0.1:9/formula",
        observed_at=now,
        title=FORMULA_TITLE,
        description="=1+1",
        price=Decimal("10"),
        currency="EUR",
        seller_name="@SUM(A1)",
        seller_id="formula-1",
        language="en",
        prediction={
            "model_version": "test-model",
            "category": "wildlife",
            "score": 0.5,
            "flagged": True,
            "reasons": [],
        },
    )
    store.apply_batch(site_id, run_id, [hostile, formula])
    with factory() as session:
        ids = {url: id_ for url, id_ in session.execute(select(Listing.url, Listing.id))}
    return ids[HOSTILE_URL], ids[formula.url]


def wait_until_up(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"ecowarden serve exited: {log.read_text()}")
        try:
            if httpx.get(base_url + "/login", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"ecowarden serve did not answer: {log.read_text()}")


@pytest.fixture(scope="module")
def world(demo_server: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewWorld]:
    workdir = tmp_path_factory.mktemp("review")
    db_url = f"sqlite:///{workdir / 'review.db'}"
    entries = suspects(demo_server, 10)
    flag_listings(db_url, demo_server, entries)
    _engine, factory = open_database(db_url)
    with factory() as session:
        by_url = {url: id_ for url, id_ in session.execute(select(Listing.url, Listing.id))}
    demo_ids = [by_url[demo_server.base_url + str(e["path"])] for e in entries]
    categories = {by_url[demo_server.base_url + str(e["path"])]: str(e["category"]) for e in entries}
    hostile_id, formula_id = store_hostile(db_url)
    env = ecowarden_env(db_url, workdir)

    captured_id = demo_ids[0]
    proc = ecowarden(env, "capture", str(captured_id), "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(json.loads(proc.stdout)["captured"]) == 1

    tokens = {}
    for name, role in USERS.items():
        proc = ecowarden(env, "user", "add", name, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")
        assert proc.returncode == 0, proc.stderr
        proc = ecowarden(env, "user", "token", name, "--name", "tests")
        assert proc.returncode == 0, proc.stderr
        tokens[name] = proc.stdout.strip()
        assert tokens[name].startswith("ew_")

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = workdir / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "ecowarden", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(base_url, process, log)
        yield ReviewWorld(
            base_url=base_url,
            db_url=db_url,
            workdir=workdir,
            demo_ids=demo_ids,
            categories=categories,
            captured_id=captured_id,
            hostile_id=hostile_id,
            formula_id=formula_id,
            tokens=tokens,
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        errors = log.read_text(errors="replace")
        assert "Traceback" not in errors, errors


# -- helpers --------------------------------------------------------------------------------------
def login(
    world: ReviewWorld, username: str, password: str = PASSWORD, next_: str = "/"
) -> tuple[httpx.Client, httpx.Response]:
    """Log in through the form on a fresh client: (the client, the POST's response)."""
    client = httpx.Client(base_url=world.base_url, timeout=30)
    form = client.get("/login", params={"next": next_})
    assert form.status_code == 200
    token = LOGIN_FIELD.search(form.text)
    assert token is not None
    response = client.post(
        "/login",
        data={"username": username, "password": password, "login_csrf": token.group(1), "next": next_},
    )
    return client, response


def session(world: ReviewWorld, username: str) -> httpx.Client:
    client, response = login(world, username)
    assert response.status_code == 303, response.text
    return client


def csrf_of(client: httpx.Client, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = CSRF_FIELD.search(page.text)
    assert found is not None, page.text[:500]
    return found.group(1)


def api(world: ReviewWorld, user: str | None = None, token: str | None = None) -> httpx.Client:
    headers = {}
    if user is not None:
        headers["Authorization"] = f"Bearer {world.tokens[user]}"
    elif token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(base_url=world.base_url + "/api", headers=headers, timeout=30)


def review_state(world: ReviewWorld, listing_id: int) -> dict[str, Any]:
    with api(world, "sam") as client:
        response = client.get(f"/listings/{listing_id}")
    assert response.status_code == 200, response.text
    review: dict[str, Any] = response.json()["review"]
    return review


# -- security over HTTP ---------------------------------------------------------------------------
def test_pages_need_a_login_and_carry_security_headers(world: ReviewWorld) -> None:
    with httpx.Client(base_url=world.base_url, timeout=30) as anonymous:
        for path in ("/", f"/listing/{world.demo_ids[2]}", "/cases", "/audit"):
            response = anonymous.get(path)
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/login?next="), path
        assert anonymous.get("/cases?x=1").headers["location"] == "/login?next=%2Fcases%3Fx%3D1"
        # a form posted without a session goes to the login, then to the queue (not a GET of the action)
        response = anonymous.post(f"/listing/{world.demo_ids[2]}/decide", data={"action": "escalate"})
        assert response.status_code == 303 and response.headers["location"] == "/login?next=%2F"
        page = anonymous.get("/login")
    headers = page.headers
    csp = headers["content-security-policy"]
    for directive in (
        "default-src 'none'",
        "script-src 'self'",
        "img-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cache-control"] == "no-store"

    client, response = login(world, "ana")
    with closing(client):
        assert response.status_code == 303 and response.headers["location"] == "/"
        cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("ew_session="))
        attributes = {part.strip().lower() for part in cookie.split(";")}
        assert "httponly" in attributes and "samesite=strict" in attributes and "path=/" in attributes
        assert client.get("/").status_code == 200
        # logging out ends the session on the server: the old cookie is worth nothing after
        stolen = client.cookies["ew_session"]
        assert client.post("/logout", data={"csrf_token": "wrong"}).status_code == 403
        response = client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
        assert response.status_code == 303 and response.headers["location"] == "/login"
    with httpx.Client(base_url=world.base_url, cookies={"ew_session": stolen}, timeout=30) as replay:
        assert replay.get("/").status_code == 303


def test_forms_refuse_a_missing_or_wrong_csrf_token(world: ReviewWorld) -> None:
    listing_id = world.demo_ids[2]
    before = review_state(world, listing_id)
    with closing(session(world, "ana")) as client:
        good = csrf_of(client, f"/listing/{listing_id}")
        form = {"action": "confirm", "version": str(before["version"]), "category": "wildlife"}
        assert client.post(f"/listing/{listing_id}/decide", data=form).status_code == 403
        wrong = {**form, "csrf_token": good[:-2] + ("AA" if not good.endswith("AA") else "BB")}
        assert client.post(f"/listing/{listing_id}/decide", data=wrong).status_code == 403
        assert client.post("/cases", data={"name": "no-csrf"}).status_code == 403
        assert client.post(f"/listing/{listing_id}/note", data={"body": "x"}).status_code == 403
    # another user's token is no good either
    with closing(session(world, "ben")) as other:
        response = other.post(f"/listing/{listing_id}/decide", data={**form, "csrf_token": good})
        assert response.status_code == 403
    assert review_state(world, listing_id) == before
    with api(world, "sam") as client:
        assert all(c["name"] != "no-csrf" for c in client.get("/cases").json())


def test_roles_are_enforced(world: ReviewWorld) -> None:
    listing_id = world.demo_ids[2]
    before = review_state(world, listing_id)
    with closing(session(world, "vic")) as viewer:
        assert viewer.get("/").status_code == 200
        page = viewer.get(f"/listing/{listing_id}")
        assert page.status_code == 200 and 'id="confirm-form"' not in page.text
        token = csrf_of(viewer, f"/listing/{listing_id}")
        form = {"action": "confirm", "version": str(before["version"]), "category": "wildlife"}
        response = viewer.post(f"/listing/{listing_id}/decide", data={**form, "csrf_token": token})
        assert response.status_code == 403
        assert viewer.post("/cases", data={"name": "viewer-case", "csrf_token": token}).status_code == 403
        assert viewer.get("/audit").status_code == 403
    with closing(session(world, "ana")) as analyst:
        token = csrf_of(analyst, f"/listing/{listing_id}")
        form = {"version": str(before["version"]), "assignee": "ana", "csrf_token": token}
        assert analyst.post(f"/listing/{listing_id}/assign", data=form).status_code == 403
        refused = analyst.get("/audit")
        assert refused.status_code == 403 and "this needs the supervisor role" in refused.text
        assert "ana (analyst)" in refused.text  # the header still says who is logged in
        assert 'href="/audit"' not in analyst.get("/").text
        response = analyst.post("/cases/no-such-case/export", data={"csrf_token": token})
        assert response.status_code == 403
    assert review_state(world, listing_id) == before
    with closing(session(world, "sam")) as supervisor:
        assert supervisor.get("/audit").status_code == 200


def test_api_needs_a_valid_token_and_the_role(world: ReviewWorld) -> None:
    listing_id = world.demo_ids[2]
    with api(world) as anonymous:
        response = anonymous.get("/queue")
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
        assert anonymous.get(f"/listings/{listing_id}").status_code == 401
        schema = anonymous.get("/openapi.json")
        assert schema.status_code == 200
        paths = set(schema.json()["paths"])
        assert "/api/queue" in paths and all(p.startswith("/api/") for p in paths), paths
    with api(world, token="ew_" + "x" * 43) as forged:
        assert forged.get("/queue").status_code == 401
    with httpx.Client(base_url=world.base_url, timeout=30) as client:
        # a browser session is not an API credential
        with closing(session(world, "sam")) as browser_like:
            client.cookies.update(browser_like.cookies)
        assert client.get("/api/queue").status_code == 401
    before = review_state(world, listing_id)
    with api(world, "vic") as viewer:
        assert viewer.get("/queue").status_code == 200
        response = viewer.post(
            f"/listings/{listing_id}/decision",
            json={"action": "confirm", "version": before["version"], "category": "wildlife"},
        )
        assert response.status_code == 403
        assert viewer.get("/audit").status_code == 403
    with api(world, "ana") as analyst:
        assert analyst.get("/audit").status_code == 403
        rows = analyst.get("/queue").json()["rows"]
        assert len(rows) == PAGE_SIZE and all(r["status"] == "new" for r in rows)
    assert review_state(world, listing_id) == before


def test_the_first_decision_wins_and_the_stale_one_gets_409(world: ReviewWorld) -> None:
    listing_id = world.demo_ids[1]
    with api(world, "ana") as ana, api(world, "ben") as ben:
        seen_by_ana = ana.get(f"/listings/{listing_id}").json()["review"]["version"]
        seen_by_ben = ben.get(f"/listings/{listing_id}").json()["review"]["version"]
        assert seen_by_ana == seen_by_ben
        first = ana.post(
            f"/listings/{listing_id}/decision",
            json={"action": "confirm", "version": seen_by_ana, "category": "timber"},
        )
        assert first.status_code == 200, first.text
        assert first.json() == {"listing_id": listing_id, "version": seen_by_ana + 1, "status": "confirmed"}
        second = ben.post(
            f"/listings/{listing_id}/decision",
            json={"action": "dismiss", "version": seen_by_ben, "reason": "looks fine"},
        )
        assert second.status_code == 409, second.text
        assert second.json()["current_version"] == seen_by_ana + 1
    state = review_state(world, listing_id)
    assert state["status"] == "confirmed" and state["confirmed_category"] == "timber"
    # the page form is told the same, with a way back to the listing
    with closing(session(world, "ben")) as ben_page:
        form = {
            "action": "dismiss",
            "version": str(seen_by_ben),
            "reason": "looks fine",
            "csrf_token": csrf_of(ben_page, f"/listing/{listing_id}"),
        }
        response = ben_page.post(f"/listing/{listing_id}/decide", data=form)
        assert response.status_code == 409 and "changed by someone else" in response.text
        assert f'href="/listing/{listing_id}"' in response.text
    assert state["version"] == seen_by_ana + 1
    with api(world, "sam") as sam:
        actions = [(e["actor"], e["action"], e["subject"]) for e in sam.get("/audit").json()]
    assert ("ana", "confirmed", f"listing:{listing_id}") in actions
    assert ("ben", "dismissed", f"listing:{listing_id}") not in actions


def test_login_is_throttled_and_never_redirects_off_site(world: ReviewWorld) -> None:
    for _ in range(5):
        client, response = login(world, "tom", "not the password")
        client.close()
        assert response.status_code == 401
        assert "wrong user name or password" in response.text
    client, response = login(world, "tom")
    client.close()
    assert response.status_code == 429
    assert "ew_session" not in response.headers.get("set-cookie", "")
    with api(world, "sam") as client:
        tom = [e for e in client.get("/audit").json() if e["subject"] == "user:tom"]
    # the five failures are audited (as "anonymous": the typed name is not trusted as an actor);
    # throttled attempts are not, so a flood cannot flood the log
    failures = [e for e in tom if e["action"] == "login_failed"]
    assert len(failures) == 5 and all(e["actor"] == "anonymous" for e in failures)
    assert failures[0]["details"] == {"ip": "127.0.0.1", "username": "tom"}

    for target in ("//evil.example", "https://evil.example/", "/\\evil.example", "http:/evil.example"):
        client, response = login(world, "ana", next_=target)
        client.close()
        assert response.status_code == 303 and response.headers["location"] == "/", target
    client, response = login(world, "ana", next_="/cases?x=1")
    client.close()
    assert response.headers["location"] == "/cases?x=1"
    # a login form without its cookie-bound token is refused
    with httpx.Client(base_url=world.base_url, timeout=30) as bare:
        response = bare.post("/login", data={"username": "ana", "password": PASSWORD, "login_csrf": "x"})
        assert response.status_code == 403


def test_a_capture_without_an_authority_says_not_configured_not_pending(world: ReviewWorld) -> None:
    """The world's capture was taken with no timestamp authority configured: no independent time
    was ever sought, which is not the same as a token still owed."""
    with api(world, "ana") as client:
        [capture] = client.get(f"/listings/{world.captured_id}").json()["captures"]
    assert capture["timestamp_status"] == "not_configured"
    with closing(session(world, "vic")) as viewer:
        page = viewer.get(f"/listing/{world.captured_id}")
    assert page.status_code == 200
    assert "no timestamp (no authority configured at capture)" in page.text
    assert "timestamp pending" not in page.text


def test_evidence_files_are_downloads_and_links_out_are_checked(world: ReviewWorld) -> None:
    with api(world, "ana") as client:
        captures = client.get(f"/listings/{world.captured_id}").json()["captures"]
    assert len(captures) == 1
    capture = captures[0]
    assert {"dom.html", "page.pdf", "screenshot.png"} <= set(capture["artifacts"])
    with closing(session(world, "vic")) as viewer:
        for name in ("dom.html", "page.pdf", "capture.warc.gz", "metadata.json"):
            response = viewer.get(f"/evidence/{capture['id']}/{name}")
            assert response.status_code == 200, name
            assert response.headers["content-disposition"].startswith("attachment"), name
            assert response.headers["content-type"] == "application/octet-stream", name
            assert "sandbox" in response.headers["content-security-policy"], name
            assert response.headers["x-content-type-options"] == "nosniff"
        shot = viewer.get(f"/evidence/{capture['id']}/screenshot.png")
        assert shot.status_code == 200 and shot.headers["content-type"] == "image/png"
        assert shot.content.startswith(b"\x89PNG")
        assert viewer.get(f"/evidence/{capture['id']}/..%2F..%2Fetc%2Fpasswd").status_code == 404
        assert viewer.get("/evidence/nope/dom.html").status_code == 404

        for target in (HOSTILE_URL, "javascript:alert(1)", "data:text/html,x", "//evil.example/", "ftp://x/"):
            response = viewer.get("/leave", params={"to": target})
            assert response.status_code == 400, target
            assert 'href="javascript' not in response.text
        page = viewer.get("/leave", params={"to": "https://example.org/ad/1"})
        assert page.status_code == 200
        assert 'href="https://example.org/ad/1" rel="noopener noreferrer nofollow"' in page.text
        listing = viewer.get(f"/listing/{world.hostile_id}")
        assert listing.status_code == 200
        assert 'href="javascript' not in listing.text and "<script>window" not in listing.text


def test_csv_export_neutralises_formulas(world: ReviewWorld) -> None:
    with api(world, "ana") as client:
        assert client.post("/cases", json={"name": "formula-check"}).status_code == 201
        added = client.post("/cases/formula-check/listings", json={"listing_ids": [world.formula_id]})
        assert added.status_code == 200 and added.json() == {"added": 1}
    with closing(session(world, "vic")) as viewer:
        response = viewer.get("/cases/formula-check/listings.csv")
        assert response.status_code == 200
        assert response.headers["content-disposition"].startswith("attachment")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        as_json = viewer.get("/cases/formula-check/listings.json").json()
    assert [r["id"] for r in rows] == [str(world.formula_id)]
    assert rows[0]["title"] == "'" + FORMULA_TITLE
    for row in rows:
        for value in row.values():
            assert value[:1] not in ("=", "+", "-", "@"), value
    assert as_json["listings"][0]["title"] == FORMULA_TITLE
    # nothing captured in this case: the export says so instead of writing an empty bundle
    with closing(session(world, "sam")) as supervisor:
        token = csrf_of(supervisor, "/cases/formula-check")
        response = supervisor.post("/cases/formula-check/export", data={"csrf_token": token})
        assert response.status_code == 400 and "capture" in response.text


def test_queue_pages_keep_every_filter_value(world: ReviewWorld) -> None:
    categories = sorted({*world.categories.values(), "wildlife"})
    assert len(categories) >= 2
    everything = {*world.demo_ids, world.hostile_id, world.formula_id}
    query = [("status", "any"), *(("category", c) for c in categories)]
    seen: list[int] = []
    with closing(session(world, "vic")) as viewer:
        url: str | None = "/?" + "&".join(f"{k}={v}" for k, v in query)
        pages = 0
        while url is not None:
            page = viewer.get(url)
            assert page.status_code == 200, page.text
            pages += 1
            seen += [int(i) for i in re.findall(r'<tr class="row" data-href="/listing/(\d+)"', page.text)]
            found = re.search(r'<a class="next-page" href="([^"]+)"', page.text)
            url = found.group(1).replace("&amp;", "&") if found else None
            if url is not None:
                assert all(f"category={c}" in url for c in categories), url
        assert viewer.get("/?cursor=not-a-cursor").status_code == 400
        assert viewer.get("/?status=bogus").status_code == 400
        assert viewer.get("/?min_score=abc").status_code == 400
    assert pages == 3 and len(seen) == len(set(seen)) and set(seen) == everything
    # the API pages the same way
    with api(world, "vic") as client:
        from_api: list[int] = []
        cursor = None
        while True:
            params: list[tuple[str, str | int | float | bool | None]] = [
                *query,
                *([("cursor", cursor)] if cursor else []),
            ]
            body = client.get("/queue", params=params).json()
            from_api += [r["listing_id"] for r in body["rows"]]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert client.get("/queue", params={"cursor": "x"}).status_code == 400
    assert from_api == seen


def test_cases_with_any_name_and_bulk_decisions(world: ReviewWorld) -> None:
    name = "象牙 ring #1? 50%"
    with closing(session(world, "ana")) as analyst:
        token = csrf_of(analyst, "/cases")
        response = analyst.post("/cases", data={"name": name, "csrf_token": token})
        assert response.status_code == 303
        location = response.headers["location"]
        assert location == "/cases/%E8%B1%A1%E7%89%99%20ring%20%231%3F%2050%25"
        page = analyst.get(location)
        assert page.status_code == 200 and "Case 象牙 ring #1? 50%" in page.text
        assert f'href="{location}/listings.csv"' in page.text
        assert f'action="{location}/add"' in page.text
        response = analyst.post(
            location + "/add", data={"listing_ids": f"{world.formula_id}", "csrf_token": token}
        )
        assert response.status_code == 303 and response.headers["location"] == location
        listing_csv = analyst.get(location + "/listings.csv")
        assert listing_csv.status_code == 200
        disposition = listing_csv.headers["content-disposition"]
        assert disposition.startswith('attachment; filename="__ ring #1? 50%-listings.csv"'), disposition
        assert "filename*=utf-8''%E8%B1%A1" in disposition
        assert analyst.get(location + "/listings.xml").status_code == 404
        slash = analyst.post("/cases", data={"name": "a/b", "csrf_token": token})
        assert slash.status_code == 400
        assert analyst.get("/cases/no-such-case").status_code == 400

        # bulk: one current version, one stale: the current one is done, the stale one reported
        target = world.demo_ids[3]
        version = review_state(world, target)["version"]
        form = {
            "csrf_token": token,
            "action": "escalate",
            "selected": [f"{target}:{version}", f"{world.formula_id}:0"],
        }
        response = analyst.post("/bulk", data=form)
        assert response.status_code == 200, response.text
        assert "1 escalate done, 1 not done" in response.text
        assert analyst.post("/bulk", data={**form, "selected": ["1:x"]}).status_code == 400
        # numbers past the INTEGER columns, or digits int() refuses: a clean 4xx, never a 500
        for selection in ("99999999999:1", "1:99999999999", "²:1"):
            assert analyst.post("/bulk", data={**form, "selected": [selection]}).status_code == 400
        for ids in ("99999999999", "²", "1 x"):
            response = analyst.post(location + "/add", data={"listing_ids": ids, "csrf_token": token})
            assert response.status_code == 400, ids
        for path in ("/listing/99999999999", "/listing/0", "/listing/-1"):
            assert analyst.get(path).status_code == 422, path
        too_big = {"action": "escalate", "version": 2**40, "csrf_token": token}
        assert analyst.post(f"/listing/{target}/decide", data=too_big).status_code == 422
        assert analyst.post("/bulk", data={"csrf_token": token, "action": "escalate"}).status_code == 400
    assert review_state(world, target)["status"] == "escalated"
    assert review_state(world, world.formula_id)["version"] == 1
    with api(world, "ana") as client:
        assert client.post("/cases", json={"name": "x/y"}).status_code == 400
        assert client.get("/listings/99999999999").status_code == 422
        assert client.get("/listings/1234567").status_code == 404
        big = {"action": "escalate", "version": 2**40}
        assert client.post(f"/listings/{target}/decision", json=big).status_code == 422
        assert client.post("/cases/x/listings", json={"listing_ids": [2**40]}).status_code == 422
        assert name in [c["name"] for c in client.get("/cases").json()]


def test_concurrent_analysts_one_decision_wins_and_the_audit_chain_holds(world: ReviewWorld) -> None:
    listing_id = world.demo_ids[4]
    version = review_state(world, listing_id)["version"]
    analysts = ["ana", "ben", "sam"] * 4

    def decide(user: str) -> int:
        with api(world, user) as client:
            client.get(f"/listings/{listing_id}")
            response = client.post(
                f"/listings/{listing_id}/decision",
                json={"action": "escalate", "version": version, "reason": f"by {user}"},
            )
            return response.status_code

    with ThreadPoolExecutor(max_workers=len(analysts)) as pool:
        codes = sorted(pool.map(decide, analysts))
    assert codes == [200] + [409] * (len(analysts) - 1)
    assert review_state(world, listing_id)["version"] == version + 1
    with api(world, "sam") as client:
        events = client.get("/audit", params={"limit": 1000}).json()
    about = [e for e in events if e["subject"] == f"listing:{listing_id}"]
    assert [e["action"] for e in about].count("escalated") == 1
    assert [e["action"] for e in about].count("viewed") >= len(analysts)
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs)
    with closing(session(world, "sam")) as supervisor:
        assert "Hash chain intact." in supervisor.get("/audit").text


def test_notes_tags_cases_and_assignment_from_the_listing_page(world: ReviewWorld) -> None:
    listing_id = world.demo_ids[5]
    page_url = f"/listing/{listing_id}"
    with closing(session(world, "ana")) as analyst:
        token = csrf_of(analyst, page_url)
        note = "<b>seller</b> also on another site & asks for cash"
        assert analyst.post(f"{page_url}/note", data={"body": note, "csrf_token": token}).status_code == 303
        assert analyst.post(f"{page_url}/note", data={"body": "  ", "csrf_token": token}).status_code == 400
        response = analyst.post(f"{page_url}/tags", data={"add": "Repeat, ivory ,", "csrf_token": token})
        assert response.status_code == 303
        response = analyst.post(f"{page_url}/tags", data={"remove": "repeat", "csrf_token": token})
        assert response.status_code == 303
        response = analyst.post(f"{page_url}/case", data={"case": "from-listing", "csrf_token": token})
        assert response.status_code == 400  # no such case yet
        assert analyst.post("/cases", data={"name": "from-listing", "csrf_token": token}).status_code == 303
        response = analyst.post(f"{page_url}/case", data={"case": "from-listing", "csrf_token": token})
        assert response.status_code == 303 and response.headers["location"] == page_url
        page = analyst.get(page_url).text
        assert "&lt;b&gt;seller&lt;/b&gt; also on another site &amp; asks for cash" in page
        assert '<span class="chip">ivory<form' in page and '<span class="chip">repeat' not in page
        assert 'name="remove" value="ivory"' in page  # each tag has its own remove button
        assert "from-listing" in page
        tagged = analyst.get("/", params={"tag": "ivory", "status": "any"}).text
        assert re.findall(r'data-href="/listing/(\d+)"', tagged) == [str(listing_id)]
    with closing(session(world, "sam")) as supervisor:
        token = csrf_of(supervisor, page_url)
        version = review_state(world, listing_id)["version"]
        form = {"version": str(version), "assignee": "ben", "csrf_token": token}
        assert supervisor.post(f"{page_url}/assign", data=form).status_code == 303
        assert supervisor.post(f"{page_url}/assign", data=form).status_code == 409  # stale now
        bad = {**form, "version": str(version + 1), "assignee": "nobody-here"}
        assert supervisor.post(f"{page_url}/assign", data=bad).status_code == 400
    state = review_state(world, listing_id)
    assert state["assignee"] == "ben" and state["status"] == "new"
    with api(world, "sam") as client:
        actions = {
            e["action"] for e in client.get("/audit").json() if e["subject"] == f"listing:{listing_id}"
        }
        cases = {c["name"]: c["listings"] for c in client.get("/cases").json()}
    assert {"noted", "tagged", "untagged", "assigned"} <= actions
    assert cases["from-listing"] == 1


# -- in the browser -------------------------------------------------------------------------------
def browser_login(page: Any, world: ReviewWorld, username: str, shot: str | None = None) -> None:
    page.goto(world.base_url + "/")
    assert urlsplit(page.url).path == "/login"
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    if shot:
        page.screenshot(path=str(ARTIFACTS_DIR / shot), full_page=True)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")
    assert urlsplit(page.url).path == "/", page.content()[:500]


def listing_id_of(url: str) -> int:
    match = re.fullmatch(r"/listing/(\d+)", urlsplit(url).path)
    assert match is not None, url
    return int(match.group(1))


def test_triage_with_the_keyboard_build_a_case_and_export_it(
    world: ReviewWorld, chromium: Any, tmp_path: Path
) -> None:
    from evidence.bundle.verify import verify_bundle

    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    browser_login(page, world, "sam", shot="login.png")

    # filter the queue by the demo listings' most common category
    wanted, _ = Counter(world.categories[i] for i in world.demo_ids[2:]).most_common(1)[0]
    page.select_option("select[name=category]", wanted)
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert f"category={wanted}" in page.url
    rows = page.locator("table.queue tbody tr.row")
    assert rows.count() >= 1
    shown = rows.locator("td:nth-child(3)").all_inner_texts()
    assert shown and all(text.strip() == wanted for text in shown), shown
    hostile_category = {world.hostile_id: "wildlife", world.formula_id: "wildlife"}
    allowed = {
        i
        for i, category in {**world.categories, **hostile_category}.items()
        if category == wanted and review_state(world, i)["status"] == "new"
    }
    listed = {listing_id_of(h) for h in rows.locator("td a").evaluate_all("els => els.map(e => e.href)")}
    assert listed <= allowed and len(listed) == min(PAGE_SIZE, len(allowed))

    # Enter in the bulk form's reason box must not confirm the selection (its first button)
    page.keyboard.press("x")
    selected = rows.nth(0).locator("input[name=selected]")
    assert selected.is_checked()
    selected_id = listing_id_of(str(rows.nth(0).get_attribute("data-href")))
    page.fill("form.bulk input[name=reason]", "typed, then Enter")
    page.press("form.bulk input[name=reason]", "Enter")
    page.wait_for_timeout(500)
    assert f"category={wanted}" in page.url and review_state(world, selected_id)["status"] == "new"
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("x")
    assert not selected.is_checked()
    page.screenshot(path=str(ARTIFACTS_DIR / "queue.png"), full_page=True)

    # j moves to the second row (when there is one), o opens it
    target_row = 1 if rows.count() > 1 else 0
    target = rows.nth(target_row).get_attribute("data-href")
    if target_row:
        page.keyboard.press("j")
        assert "current" in (rows.nth(1).get_attribute("class") or "")
        page.keyboard.press("k")
        assert "current" in (rows.nth(0).get_attribute("class") or "")
        page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("o")
    assert urlsplit(page.url).path == target
    first_id = listing_id_of(page.url)
    page.screenshot(path=str(ARTIFACTS_DIR / "listing.png"), full_page=True)

    # c confirms (with the preselected category) and lands on the next listing in the queue
    next_href = page.get_attribute("#next-link", "href")
    assert next_href is not None
    with page.expect_navigation():
        page.keyboard.press("c")
    assert urlsplit(page.url).path == next_href
    second_id = listing_id_of(page.url)
    state = review_state(world, first_id)
    assert state["status"] == "confirmed" and state["confirmed_category"] == world.categories[first_id]

    # d focuses the reason box; Enter submits the dismissal
    page.keyboard.press("d")
    assert page.evaluate("document.activeElement.id") == "dismiss-reason"
    page.keyboard.type("a carved resin replica, not ivory")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert listing_id_of(page.url) != second_id
    state = review_state(world, second_id)
    assert state["status"] == "dismissed"
    # n skips to the next listing without deciding, e escalates, u goes back to the queue
    third_id = listing_id_of(page.url)
    skip_to = page.get_attribute("#next-link", "href")
    assert skip_to is not None
    with page.expect_navigation():
        page.keyboard.press("n")
    assert urlsplit(page.url).path == skip_to
    assert review_state(world, third_id)["status"] == "new"
    fourth_id = listing_id_of(page.url)
    with page.expect_navigation():
        page.keyboard.press("e")
    assert review_state(world, fourth_id)["status"] == "escalated"
    with page.expect_navigation():
        page.keyboard.press("u")
    assert urlsplit(page.url).path == "/"
    with api(world, "sam") as client:
        decisions = [
            e
            for e in client.get("/audit").json()
            if e["subject"] == f"listing:{second_id}" and e["action"] != "viewed"
        ]
    assert decisions[0]["action"] == "dismissed" and decisions[0]["actor"] == "sam"
    assert decisions[0]["details"]["reason"] == "a carved resin replica, not ivory"

    # a case: created on /cases, listings added on its page, exported from there
    page.goto(world.base_url + "/cases")
    page.fill("form.card input[name=name]", "operation-tusk")
    page.fill("form.card input[name=description]", "ivory sellers, demo classifieds")
    with page.expect_navigation():
        page.click("form.card button[type=submit]")
    assert urlsplit(page.url).path == "/cases/operation-tusk"
    page.fill("input[name=listing_ids]", str(world.captured_id))
    with page.expect_navigation():
        page.click("form[action$='/add'] button[type=submit]")
    assert urlsplit(page.url).path == "/cases/operation-tusk"
    table = page.locator("table.case-listings")
    assert table.locator(f"a[href='/listing/{world.captured_id}']").count() == 1
    assert "captured" in table.inner_text()
    page.screenshot(path=str(ARTIFACTS_DIR / "case.png"), full_page=True)

    # the captured listing shows its screenshot, served from the evidence store under our CSP
    page.goto(f"{world.base_url}/listing/{world.captured_id}")
    shot = page.locator("img.shot")
    shot.wait_for()
    assert shot.evaluate("img => img.complete && img.naturalWidth") == 1280
    assert page.locator("table.hashes a").count() >= 5
    page.screenshot(path=str(ARTIFACTS_DIR / "listing-captured.png"), full_page=True)
    page.goto(world.base_url + "/cases/operation-tusk")
    page.fill("#export-recipient", "Prosecutor's office, <Unit 7>")
    page.fill("#export-purpose", "charging decision")
    with page.expect_download(timeout=120_000) as download_info:
        page.click("#export-bundle")
    download = download_info.value
    assert download.suggested_filename == "operation-tusk.zip"
    bundle = tmp_path / download.suggested_filename
    download.save_as(bundle)
    report = verify_bundle(bundle)
    assert report.failures == [], [(c.name, c.file, c.detail) for c in report.failures]
    assert report.ok and len(report.captures) == 1
    with zipfile.ZipFile(bundle) as archive:
        checkpoint = json.loads(archive.read("data/custody/checkpoint.json"))
        bundle_report = archive.read("data/report.html").decode()
    assert "office, &lt;Unit 7&gt;" in bundle_report  # recorded, and escaped in the report
    assert "charging decision" in json.dumps(checkpoint)

    # the audit log has every step, and its chain verifies
    page.goto(world.base_url + "/audit")
    assert page.locator("p.ok").inner_text() == "Hash chain intact."
    actions = set(page.locator("table.audit tr td:nth-child(4)").all_inner_texts())
    for action in ("login", "viewed", "confirmed", "dismissed", "case_created", "case_added", "exported"):
        assert action in actions, (action, actions)
    page.screenshot(path=str(ARTIFACTS_DIR / "audit.png"), full_page=True)
    assert errors == [], errors
    context.close()


def test_hostile_listing_text_never_runs(world: ReviewWorld, chromium: Any) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    hosts: set[str] = set()

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or request.url))
    browser_login(page, world, "ana")

    page.goto(world.base_url + "/?status=any&order=score&max_score=0.7")
    link = page.locator(f"table.queue a[href='/listing/{world.hostile_id}']")
    assert link.inner_text() == HOSTILE_TITLE
    hostile_row = page.locator(f"tr.row[data-href='/listing/{world.hostile_id}']")
    assert HOSTILE_SELLER in hostile_row.inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.locator("img").count() == 0 and page.locator("svg").count() == 0

    with page.expect_navigation():
        link.click()
    assert listing_id_of(page.url) == world.hostile_id
    page.wait_for_load_state("load")
    assert page.locator("h1.title").inner_text() == HOSTILE_TITLE
    assert page.locator("p.description").inner_text().strip() == HOSTILE_DESCRIPTION
    assert page.locator("span.seller").inner_text() == HOSTILE_SELLER
    assert page.title().startswith(HOSTILE_TITLE)
    body = page.locator("main").inner_text()
    for text in ("<script>window.__xss=1</script>", "<svg onload=window.__xss=1>", "<iframe src=javascript"):
        assert text in body, text
    assert page.locator("main script, main iframe, main svg, main img").count() == 0
    assert page.locator("script").count() == 1  # app.js, nothing else
    # hover everything that could carry a handler, then check again
    page.screenshot(path=str(ARTIFACTS_DIR / "hostile-listing.png"), full_page=True)
    for element in page.locator("main li, main dd, main mark, main td, main h1, main p").all():
        element.dispatch_event("mouseover")
    assert page.evaluate("window.__xss") is None

    # the link out goes to the warning page, which refuses a javascript: URL
    with page.expect_navigation():
        page.click("a.external")
    assert urlsplit(page.url).path == "/leave"
    assert page.locator("main a[href^='javascript']").count() == 0
    assert "Not a web link" in page.locator("main").inner_text()
    assert page.evaluate("window.__xss") is None

    assert dialogs == []
    assert hosts == {"127.0.0.1"}, hosts
    context.close()


def test_watchlists_in_the_app_and_how_a_listing_was_found(world: ReviewWorld) -> None:
    """Analysts keep watchlists in the app as on the command line (viewers only read them), files
    round-trip, and a listing page says which search found it."""
    import uuid

    from storage.term_rows import read_csv
    from storage.watchlists import SearchPageRecord, WatchlistStore

    with closing(session(world, "ana")) as analyst:
        token = csrf_of(analyst, "/watchlists")
        assert "No watchlists yet" in analyst.get("/watchlists").text
        added = analyst.post(
            "/watchlists/agency/terms",
            data={
                "term": "<b>Rhino</b> horn",
                "language": "en",
                "category": "wildlife",
                "priority": "1",
                "csrf_token": token,
            },
        )
        assert added.status_code == 303
        upload = "term,language,category,priority\n象牙,zh,wildlife,1\nmarfil,es,wildlife,2\n".encode()
        imported = analyst.post(
            "/watchlists/agency/import",
            data={"csrf_token": token},
            files={"file": ("shared.csv", upload, "text/csv")},
        )
        assert imported.status_code == 303
        page = analyst.get("/watchlists/agency").text
        assert "&lt;b&gt;Rhino&lt;/b&gt; horn" in page and "<b>Rhino</b>" not in page and "象牙" in page
        bad = analyst.post(
            "/watchlists/agency/terms",
            data={"term": "=HYPERLINK(1)", "language": "en", "category": "wildlife", "csrf_token": token},
        )
        assert bad.status_code == 400 and "formula" in bad.text
        exported = analyst.get("/watchlists/agency/export.csv")
        assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
        assert {r.term for r in read_csv(exported.content).rows} == {"<b>Rhino</b> horn", "象牙", "marfil"}
        removed = analyst.post(
            "/watchlists/agency/remove", data={"term": "marfil", "language": "es", "csrf_token": token}
        )
        assert removed.status_code == 303 and "marfil" not in analyst.get("/watchlists/agency").text
    with closing(session(world, "vic")) as viewer:
        assert viewer.get("/watchlists/agency").status_code == 200
        token = csrf_of(viewer, "/watchlists")
        refused = viewer.post(
            "/watchlists/agency/terms",
            data={"term": "pangolin", "language": "en", "category": "wildlife", "csrf_token": token},
        )
        assert refused.status_code == 403
    with closing(session(world, "vic")) as viewer:
        listed = viewer.get("/term-suggestions")
        assert listed.status_code == 200 and "Suggested terms" in listed.text
    with closing(session(world, "ana")) as analyst:
        token = csrf_of(analyst, "/term-suggestions")
        answer = {"term": "kilin", "language": "en", "verdict": "rejected", "csrf_token": token}
        assert analyst.post("/term-suggestions", data=answer).status_code == 303
        no_list = {**answer, "verdict": "accepted"}
        assert analyst.post("/term-suggestions", data=no_list).status_code == 400
    # a search crawl's find, as the crawl records it: the listing page names term, list and page
    _engine, factory = open_database(world.db_url)
    lists = WatchlistStore(factory)
    term_id = next(t.id for t in lists.terms("agency") if t.row.term == "象牙")
    with factory() as db:
        listing = db.get(Listing, world.demo_ids[0])
        assert listing is not None
        url, site_id, run_id = listing.canonical_url, listing.site_id, listing.last_run_id
    record = SearchPageRecord(
        id=str(uuid.uuid4()),
        term_id=term_id,
        url="http://127.0.0.1/search?q=%E8%B1%A1%E7%89%99",
        page=1,
        fetched_at=datetime.now(UTC),
        http_status=200,
        result_urls=[url],
        body_sha256="a" * 64,
    )
    lists.record_pages(site_id, str(run_id), [record])
    with closing(session(world, "vic")) as viewer:
        page = viewer.get(f"/listing/{world.demo_ids[0]}").text
        assert "Found by" in page and "象牙" in page and "agency" in page and "a" * 64 in page


def test_odd_values_get_a_clean_4xx_and_the_connection_lives_on(world: ReviewWorld) -> None:
    """From the attack report: NaN and Infinity in a JSON body, a note on a listing that does not
    exist, NUL bytes in text (SQLite would store them, PostgreSQL not: both refuse), and the
    audit timeline of a case, which is the supervisors' like /audit."""
    with api(world, user="ana") as client:
        for bad in ("NaN", "Infinity", "-Infinity", "1e400"):
            body = '{"action": "escalate", "version": ' + bad + "}"
            response = client.post(
                f"/listings/{world.demo_ids[0]}/decision",
                content=body,
                headers={"Content-Type": "application/json"},
            )
            assert response.status_code == 422, (bad, response.status_code, response.text[:300])
            assert client.get("/queue").status_code == 200, "the same connection still answers"
        missing = client.post("/listings/999999/notes", json={"body": "x"})
        assert missing.status_code == 404, missing.text
        assert (
            client.post(f"/listings/{world.demo_ids[0]}/notes", json={"body": "a\u0000b"}).status_code == 400
        )
        tags = client.post(f"/listings/{world.demo_ids[0]}/tags", json={"add": ["x\u0000"]})
        assert tags.status_code == 400
    with closing(session(world, "ana")) as analyst:
        token = csrf_of(analyst, "/cases")
        analyst.post("/cases", data={"name": "timeline-case", "csrf_token": token})
    with closing(session(world, "vic")) as viewer:
        page = viewer.get("/cases/timeline-case")
        assert page.status_code == 200 and "Timeline" not in page.text
    with closing(session(world, "sam")) as supervisor:
        assert "Timeline" in supervisor.get("/cases/timeline-case").text


@pytest.mark.browser
def test_login_csrf_by_cookie_tossing_from_another_port_is_refused(world: ReviewWorld, chromium: Any) -> None:
    """A page on another port of the same host (in a deployment: a sibling subdomain) sets the
    login cookie to a value of its choosing and posts the attacker's credentials with it: the
    victim's browser must not end up logged in as the attacker."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    attack = f"""<!doctype html><html><body>
<script>document.cookie = "ew_login=tossed123; path=/";</script>
<form id="f" method="post" action="{world.base_url}/login">
<input name="username" value="ana"><input name="password" value="{PASSWORD}">
<input name="login_csrf" value="tossed123"><input name="next" value="/"></form>
<script>document.getElementById("f").submit();</script></body></html>""".encode()

    class Attacker(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(attack)))
            self.end_headers()
            self.wfile.write(attack)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Attacker)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        page.wait_for_load_state("networkidle")
        page.goto(world.base_url + "/")
        assert urlsplit(page.url).path == "/login", "the victim's browser was logged in as the attacker"
        assert not any(c["name"] == "ew_session" for c in context.cookies())
    finally:
        context.close()
        server.shutdown()
        server.server_close()
