"""The review app in-process on both databases: hostile input is refused with 4xx, never a 500,
and concurrency limits hold (login throttle under parallel guesses)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from review.accounts import Accounts, LoginThrottled
from review.app import create_app
from review.decisions import DecisionError, Decisions
from storage.db import open_database
from storage.listings import ListingStore, Observation
from tests.app_helpers import app_config
from tests.observations import observation

PASSWORD = "correct horse battery"


def flagged(n: int, title: str, category: str = "wildlife", score: float = 0.9) -> Observation:
    return observation(
        canonical_url=f"http://127.0.0.1/ad/{n}",
        url=f"http://127.0.0.1/ad/{n}",
        observed_at=datetime.now(UTC),
        title=title,
        price=Decimal("1"),
        prediction={
            "model_version": "m",
            "category": category,
            "score": score,
            "flagged": True,
            "reasons": [],
        },
    )


@pytest.fixture
def client(db_url: str, tmp_path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    cfg = app_config(db_url, tmp_path)
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("s", "http://127.0.0.1/")
    run = store.start_run(site, "t", [])
    store.apply_batch(
        site,
        run,
        [flagged(n, f"ivory {n}") for n in (1, 2)],
    )
    Accounts(factory).add_user("ana", PASSWORD, "analyst")
    with TestClient(create_app(cfg)) as test_client:
        yield test_client


def login(client: TestClient, username: str = "ana", password: str = PASSWORD) -> str:
    page = client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
    assert token is not None
    client.post("/login", data={"username": username, "password": password, "login_csrf": token.group(1)})
    queue = client.get("/")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', queue.text)
    assert csrf is not None, queue.text[:300]
    return csrf.group(1)


def test_nul_bytes_and_oversized_values_are_refused_not_crashes(client: TestClient) -> None:
    page = client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
    assert token is not None
    response = client.post(
        "/login", data={"username": "a\x00b", "password": "x", "login_csrf": token.group(1)}
    )
    assert response.status_code in (400, 401), response.status_code
    csrf = login(client)
    assert client.get("/audit?actor=%00").status_code == 400
    assert client.get("/evidence/a%00b/x").status_code == 400
    # the JSON API answers in its documented error shape (a fuzzer found text/plain here)
    refused = client.get("/api/runs?before=x%00")
    assert refused.status_code == 400 and refused.json() == {"detail": "NUL bytes are not accepted"}
    for path, data in [
        ("/listing/1/note", {"body": "seller \x00 again"}),
        ("/listing/1/tags", {"add": "bad\x00tag"}),
        ("/listing/999999/note", {"body": "no such listing"}),
        ("/listing/999999/tags", {"add": "x"}),
        ("/listing/1/decide", {"action": "escalate", "version": "1", "category": "x" * 50}),
    ]:
        response = client.post(path, data={**data, "csrf_token": csrf}, follow_redirects=False)
        assert response.status_code < 500, (path, response.status_code)
    # escalate ignores a category instead of storing whatever came
    item = client.get("/api/queue")  # no token: refused, and not a crash
    assert item.status_code == 401


def test_long_case_names_are_created_and_audited(client: TestClient) -> None:
    csrf = login(client)
    name = "op " + "x" * 196
    response = client.post("/cases", data={"name": name, "csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    audit_ok = client.post("/listing/1/case", data={"case": name, "csrf_token": csrf}, follow_redirects=False)
    assert audit_ok.status_code == 303


def test_parallel_guesses_cannot_outrun_the_throttle(db_url: str) -> None:
    _engine, factory = open_database(db_url)
    accounts = Accounts(factory)
    accounts.add_user("ana", PASSWORD, "analyst")
    checked, throttled = [], []
    lock = threading.Lock()

    def guess() -> None:
        try:
            result = accounts.authenticate("ana", "wrong guess!!", "10.9.9.9")
        except LoginThrottled:
            with lock:
                throttled.append(1)
        else:
            with lock:
                checked.append(result)

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) <= 5 and len(checked) + len(throttled) == 20


def test_bulk_continues_past_a_refused_item_and_escalate_drops_category(db_url: str) -> None:
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("s", "http://127.0.0.1/")
    run = store.start_run(site, "t", [])
    store.apply_batch(
        site,
        run,
        [flagged(n, "t", "timber", 0.8) for n in (1, 2)],
    )
    ana = Accounts(factory).add_user("ana", PASSWORD, "analyst")
    decisions = Decisions(factory)
    done, refused = decisions.decide_many(ana, [(1, 1), (999999, 1), (2, 1)], "escalate", category="bogus")
    assert [c.listing_id for c in done] == [1, 2] and len(refused) == 1
    assert isinstance(refused[0], DecisionError)
    from sqlalchemy import select

    from storage.models import Decision

    with factory() as session:
        assert {d.category for d in session.scalars(select(Decision))} == {None}


def test_api_notes_tags_assign_and_case(db_url: str, client: TestClient) -> None:
    _engine, factory = open_database(db_url)
    accounts = Accounts(factory)
    accounts.add_user("sue", PASSWORD, "supervisor")
    analyst = {"Authorization": f"Bearer {accounts.create_token('ana', 't')}"}
    supervisor = {"Authorization": f"Bearer {accounts.create_token('sue', 't')}"}
    assert (
        client.post("/api/listings/1/notes", json={"body": "<b>same seller</b>"}, headers=analyst).status_code
        == 201
    )
    assert client.post("/api/listings/1/tags", json={"add": ["ivory"]}, headers=analyst).status_code == 200
    # a listing that does not exist is a 404 (it was a 400)
    assert client.post("/api/listings/999999/notes", json={"body": "x"}, headers=analyst).status_code == 404
    assert (
        client.post(
            "/api/listings/1/assign", json={"version": 1, "assignee": "ana"}, headers=analyst
        ).status_code
        == 403
    )
    assigned = client.post(
        "/api/listings/1/assign", json={"version": 1, "assignee": "ana"}, headers=supervisor
    )
    assert assigned.status_code == 200 and assigned.json()["version"] == 2
    stale = client.post("/api/listings/1/assign", json={"version": 1, "assignee": None}, headers=supervisor)
    assert stale.status_code == 409
    assert client.post("/api/cases", json={"name": "op tusk"}, headers=analyst).status_code == 201
    assert (
        client.post("/api/cases/op tusk/listings", json={"listing_ids": [1]}, headers=analyst).status_code
        == 200
    )
    case = client.get("/api/cases/op tusk", headers=analyst).json()
    assert [row["id"] for row in case["listings"]] == [1]
    detail = client.get("/api/listings/1", headers=analyst).json()
    assert (
        detail["tags"] == ["ivory"]
        and detail["review"]["assignee"] == "ana"
        and detail["cases"] == ["op tusk"]
    )
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/listings/{listing_id}/notes",
        "/api/listings/{listing_id}/assign",
        "/api/cases/{name}",
    } <= set(paths)
    # every endpoint documents what it returns
    for path, methods in paths.items():
        for method, spec in methods.items():
            answer = next(v for k, v in spec["responses"].items() if k.startswith("2"))
            assert answer.get("content", {}).get("application/json", {}).get("schema"), (method, path)


def test_api_roles_are_checked_before_bodies_and_ids_are_bounded(db_url: str, client: TestClient) -> None:
    """A viewer's forbidden call is a 403 whatever its body holds; an id past INTEGER is a 422."""
    _engine, factory = open_database(db_url)
    accounts = Accounts(factory)
    accounts.add_user("vic", PASSWORD, "viewer")
    viewer = {
        "Authorization": f"Bearer {accounts.create_token('vic', 't')}",
        "Content-Type": "application/json",
    }
    analyst = {"Authorization": f"Bearer {accounts.create_token('ana', 't')}"}
    for body in (
        '{"action":"escalate","version":NaN}',
        '{"action":"escalate","version":Infinity}',
    ):
        answer = client.post("/api/listings/1/decision", content=body, headers=viewer)
        assert answer.status_code == 403, (body, answer.text)
    # an analyst may note and tag: a listing id past INTEGER is refused as invalid
    for path in ("notes", "tags"):
        answer = client.post(f"/api/listings/9223372036854775808/{path}", json={"body": "x"}, headers=analyst)
        assert answer.status_code == 422, (path, answer.status_code)
    # assigning is a supervisor's: the role is refused first, whatever the id
    answer = client.post("/api/listings/9223372036854775808/assign", json={"version": 1}, headers=analyst)
    assert answer.status_code == 403


def test_listing_page_shows_identified_and_declared_language(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Both languages, escaped: the declared one is whatever the page's markup said."""
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("s", "http://127.0.0.1/")
    spanish = flagged(1, "Vendo colmillo de marfil")
    spanish.content = replace(spanish.content, language="en")
    spanish.text_language = "es"
    undecided = flagged(2, "iPhone 13 128GB")
    undecided.content = replace(undecided.content, language="<i>en</i>")
    store.apply_batch(site, None, [spanish, undecided])
    Accounts(factory).add_user("ana", PASSWORD, "analyst")
    with TestClient(create_app(app_config(db_url, tmp_path))) as client:
        login(client)
        page = client.get("/listing/1")
        assert page.status_code == 200
        assert "es (identified) · page declares: en" in page.text
        other = client.get("/listing/2").text
        assert "not identified · page declares: &lt;i&gt;en&lt;/i&gt;" in other
        assert "<i>en</i>" not in other
        token = Accounts(factory).create_token("ana", "t")
        detail = client.get("/api/listings/1", headers={"Authorization": f"Bearer {token}"}).json()
        assert (detail["text_language"], detail["declared_language"]) == ("es", "en")


def test_informative_order_pages_over_http(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``order=informative`` in the API and the page: closest to the threshold first, every item
    once across pages, the cursor refused by another order, and offered in the page's select."""
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("s", "http://127.0.0.1/")
    scores = {1: 0.99, 2: 0.61, 3: 0.75, 4: 0.9, 5: 0.6}
    observations = [flagged(n, f"ivory {n}", score=score) for n, score in scores.items()]
    for obs in observations:
        assert obs.verdict is not None
        obs.verdict = replace(obs.verdict, threshold=0.6)
    store.apply_batch(site, None, observations)
    Accounts(factory).add_user("ana", PASSWORD, "analyst")
    cfg = app_config(db_url, tmp_path)
    cfg = replace(cfg, review=replace(cfg.review, page_size=2))
    with TestClient(create_app(cfg)) as client:
        headers = {"Authorization": f"Bearer {Accounts(factory).create_token('ana', 't')}"}
        seen: list[tuple[int, float]] = []
        cursor: str | None = None
        for _ in range(5):
            params = {"order": "informative", **({"cursor": cursor} if cursor else {})}
            body = client.get("/api/queue", params=params, headers=headers).json()
            assert len(body["rows"]) <= 2
            seen.extend((row["listing_id"], row["uncertainty"]) for row in body["rows"])
            cursor = body["next_cursor"]
            if cursor is None:
                break
            assert client.get("/api/queue", params={"cursor": cursor}, headers=headers).status_code == 400
        assert seen == [(5, 0.0), (2, 0.01), (3, 0.15), (4, 0.3), (1, 0.39)]
        login(client)
        page = client.get("/", params={"order": "informative"})
        assert page.status_code == 200
        assert '<option value="informative" selected>' in page.text
        assert page.text.index("ivory 5") < page.text.index("ivory 2")
        assert client.get("/", params={"order": "closest"}).status_code == 400


def _try_login(client: TestClient, username: str, password: str, forwarded: str | None = None) -> int:
    page = client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
    assert token is not None
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    response = client.post(
        "/login",
        data={"username": username, "password": password, "login_csrf": token.group(1)},
        headers=headers,
        follow_redirects=False,
    )
    client.cookies.clear()
    return response.status_code


def test_a_guesser_is_stopped_without_locking_the_owner_out_even_behind_a_proxy(
    db_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Behind the recommended TLS proxy every request comes from the proxy's address: the client
    address it forwards is what throttling counts, and it counts per name and address, so a
    guesser cannot lock a supervisor out, from one address or by spraying names."""
    from dataclasses import replace

    cfg = app_config(db_url, tmp_path)
    cfg = replace(cfg, review=replace(cfg.review, trusted_proxies="testclient"))
    _engine, factory = open_database(db_url)
    accounts = Accounts(factory)
    accounts.add_user("sue", PASSWORD, "supervisor")
    with TestClient(create_app(cfg)) as client:
        for _ in range(6):  # one address guessing sue's password
            _try_login(client, "sue", "wrong guess!!", "203.0.113.9")
        assert _try_login(client, "sue", "wrong guess!!", "203.0.113.9") == 429
        assert _try_login(client, "sue", PASSWORD, "203.0.113.9") == 429, (
            "the guesser's address stays stopped"
        )
        assert _try_login(client, "sue", PASSWORD, "198.51.100.7") == 303, "the owner elsewhere logs in"
        for n in range(21):  # spraying other names from one address
            _try_login(client, f"user{n}", "wrong guess!!", "203.0.113.10")
        assert _try_login(client, "sue", PASSWORD, "198.51.100.8") == 303
        # what a client writes before the proxy's own entry is not believed
        for _ in range(7):
            _try_login(client, "sue", "wrong guess!!", "198.51.100.8, 203.0.113.11")
        assert _try_login(client, "sue", PASSWORD, "198.51.100.8") == 303
    with TestClient(create_app(app_config(db_url, tmp_path))) as direct:
        # no trusted proxy configured: the header is ignored, the peer address counts
        for _ in range(6):
            _try_login(direct, "sue", "wrong guess!!", "198.51.100.99")
        assert _try_login(direct, "sue", PASSWORD, "198.51.100.1") == 429, (
            "all from one peer: that pair is stopped"
        )


def test_queue_cursors_are_the_installations_own(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A cursor made with the salt in the source (which anyone can read) is refused; the app's
    own cursors, keyed by its installation, page on."""
    from dataclasses import replace

    from review.queue import encode_cursor

    cfg = app_config(db_url, tmp_path)
    cfg = replace(cfg, review=replace(cfg.review, page_size=1))
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("s", "http://127.0.0.1/")
    store.apply_batch(site, store.start_run(site, "t", []), [flagged(n, f"ivory {n}") for n in (1, 2)])
    accounts = Accounts(factory)
    accounts.add_user("ana", PASSWORD, "analyst")
    headers = {"Authorization": f"Bearer {accounts.create_token('ana', 't')}"}
    with TestClient(create_app(cfg)) as client:
        first = client.get("/api/queue", headers=headers).json()
        assert first["next_cursor"]
        second = client.get("/api/queue", params={"cursor": first["next_cursor"]}, headers=headers)
        assert second.status_code == 200 and second.json()["rows"]
        forged = encode_cursor("score", [0.95, 2])
        refused = client.get("/api/queue", params={"cursor": forged}, headers=headers)
        assert refused.status_code == 400 and "cursor" in refused.text


def test_the_api_schema_documents_its_refusals(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            documented = set(operation["responses"])
            assert {"400", "401", "403", "404", "409"} <= documented, (method, path, documented)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in documented, (method, path)
    assert "ProblemOut" in spec["components"]["schemas"]


def test_a_login_posted_from_another_origin_is_refused(client: TestClient) -> None:
    page = client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
    assert token is not None
    form = {"username": "ana", "password": PASSWORD, "login_csrf": token.group(1)}
    for headers in (
        {"Origin": "http://127.0.0.1:1"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        refused = client.post("/login", data=form, headers=headers, follow_redirects=False)
        assert refused.status_code == 403, headers
    allowed = client.post(
        "/login",
        data=form,
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert allowed.status_code == 303
