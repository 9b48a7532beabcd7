"""API tokens end to end (issue 15, item 2): the ``ecowarden user token``/``tokens`` commands, and
the review app's tokens page, where users see and revoke their own tokens and supervisors
everyone's, in process on both databases and in real Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from review.accounts import Accounts
from review.app import create_app
from review.audit import AuditLog
from storage.db import open_database
from tests.app_helpers import app_config, serving
from tests.crawl_helpers import ROOT, SQLITE_ONLY, run_in_process

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
HOSTILE_NAME = "<script>window.__xss=1</script>nightly"
ROLES = {"ana": "analyst", "ben": "analyst", "sam": "supervisor", "vic": "viewer"}


def accounts_of(db_url: str) -> Accounts:
    return Accounts(open_database(db_url)[1])


def revocations(db_url: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(actor, subject, details) of every token_revoked audit entry, oldest first."""
    log = AuditLog(open_database(db_url)[1])
    return [(e.actor, e.subject, dict(e.details)) for e in log.events() if e.action == "token_revoked"]


# -- the CLI --------------------------------------------------------------------------------------
@SQLITE_ONLY
def test_user_token_commands_list_revoke_and_audit(db_url: str, tmp_path: Path) -> None:
    env = {"ECOWARDEN_CONFIG": str(ROOT / "ecowarden.toml"), "ECOWARDEN_DATABASE_URL": db_url}
    accounts = accounts_of(db_url)
    accounts.add_user("ana", PASSWORD, "analyst")
    made = [run_in_process("user", "token", "ana", "--name", name, env=env) for name in ("a", "b", "c")]
    assert all(r.returncode == 0 and r.stdout.strip().startswith("ew_") for r in made)
    secrets = [r.stdout.strip() for r in made]
    assert accounts.resolve_token(secrets[0]) is not None

    listed = run_in_process("user", "tokens", "ana", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["name"] for r in rows] == ["a", "b", "c"] and all(r["revoked_at"] is None for r in rows)
    assert rows[0]["last_used_at"] is not None and rows[1]["last_used_at"] is None
    assert not any(secret in listed.stdout for secret in secrets), "a token's secret was listed"

    both = run_in_process("user", "token", "ana", "--revoke", str(rows[1]["id"]), "--all", env=env)
    assert both.returncode == 2 and "not both" in both.stderr
    unknown = run_in_process("user", "token", "ana", "--revoke", "999999", env=env)
    assert unknown.returncode == 2
    one = run_in_process("user", "token", "ana", "--revoke", str(rows[1]["id"]), env=env)
    assert one.returncode == 0, one.stderr
    assert accounts.resolve_token(secrets[1]) is None and accounts.resolve_token(secrets[0]) is not None
    again = run_in_process("user", "token", "ana", "--revoke", str(rows[1]["id"]), env=env)
    assert again.returncode == 0 and "revoked 0 token(s)" in again.stdout
    rest = run_in_process("user", "token", "ana", "--all", env=env)
    assert rest.returncode == 0 and "revoked 2 token(s)" in rest.stdout
    assert all(accounts.resolve_token(secret) is None for secret in secrets)
    human = run_in_process("user", "tokens", "ana", env=env).stdout.splitlines()
    assert len(human) == 3 and all("\trevoked " in line for line in human)
    entries = revocations(db_url)
    assert [(subject, d["token"], d["revoked"]) for _, subject, d in entries] == [
        ("user:ana", rows[1]["id"], 1),
        ("user:ana", rows[1]["id"], 0),
        ("user:ana", None, 2),
    ]
    assert all(actor.startswith("cli:") for actor, _, _ in entries)


# -- the page, in process -------------------------------------------------------------------------
@pytest.fixture
def team(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str], Accounts]]:
    """The app with four users and their tokens (secret by "user/name"); a client per test."""
    accounts = accounts_of(db_url)
    for name, role in ROLES.items():
        accounts.add_user(name, PASSWORD, role)
    secrets = {
        f"{user}/{name}": accounts.create_token(user, name)
        for user, name in (("ana", "scripts"), ("ana", "ci"), ("ben", HOSTILE_NAME), ("sam", "ops"))
    }
    with TestClient(create_app(app_config(db_url, tmp_path)), follow_redirects=False) as client:
        yield client, secrets, accounts


def login(client: TestClient, username: str) -> str:
    """Log ``client`` in as ``username``; the CSRF token of the tokens page."""
    client.cookies.clear()
    form = client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', form.text)
    assert token is not None
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "login_csrf": token.group(1)}
    )
    assert response.status_code == 303, response.text
    page = client.get("/tokens")
    found = CSRF_FIELD.search(page.text)
    assert page.status_code == 200 and found is not None, page.text[:300]
    return found.group(1)


def token_ids(accounts: Accounts, username: str) -> dict[str, int]:
    return {t.name: t.id for t in accounts.list_tokens(username)}


def test_users_see_and_revoke_their_own_tokens_only(
    team: tuple[TestClient, dict[str, str], Accounts], db_url: str
) -> None:
    client, secrets, accounts = team
    assert accounts.resolve_token(secrets["ana/scripts"]) is not None  # a last use to show
    csrf = login(client, "ana")
    page = client.get("/tokens").text
    assert "scripts" in page and "ci" in page and "never" in page
    assert "nightly" not in page and "ops" not in page and "Every other user" not in page
    assert not any(secret in page for secret in secrets.values()), "a token's secret is on the page"
    assert 'href="/tokens"' in page

    ana, ben = token_ids(accounts, "ana"), token_ids(accounts, "ben")
    assert client.post(f"/tokens/{ana['ci']}/revoke").status_code == 403, "no CSRF token"
    assert client.post(f"/tokens/{ana['ci']}/revoke", data={"csrf_token": "wrong"}).status_code == 403
    response = client.post(f"/tokens/{ana['ci']}/revoke", data={"csrf_token": csrf})
    assert response.status_code == 303 and response.headers["location"] == "/tokens"
    assert accounts.resolve_token(secrets["ana/ci"]) is None
    assert accounts.resolve_token(secrets["ana/scripts"]) is not None
    assert "revoked " in client.get("/tokens").text

    # another user's token: refused, whether one or all
    refused = client.post(f"/tokens/{ben[HOSTILE_NAME]}/revoke", data={"csrf_token": csrf})
    assert refused.status_code == 403 and "supervisor" in refused.text
    refused = client.post("/tokens/revoke-all", data={"csrf_token": csrf, "username": "ben"})
    assert refused.status_code == 403
    assert accounts.resolve_token(secrets[f"ben/{HOSTILE_NAME}"]) is not None
    assert client.post("/tokens/999999/revoke", data={"csrf_token": csrf}).status_code == 404
    assert client.post(f"/tokens/{2**31}/revoke", data={"csrf_token": csrf}).status_code == 422
    missing = client.post("/tokens/revoke-all", data={"csrf_token": csrf, "username": "nobody"})
    assert missing.status_code == 404

    response = client.post("/tokens/revoke-all", data={"csrf_token": csrf, "username": "ana"})
    assert response.status_code == 303 and accounts.resolve_token(secrets["ana/scripts"]) is None
    assert revocations(db_url) == [
        ("ana", "user:ana", {"token": ana["ci"], "revoked": 1}),
        ("ana", "user:ana", {"token": None, "revoked": 1}),
    ]
    csrf = login(client, "vic")  # a viewer has the page too, with nothing to revoke
    assert "No tokens." in client.get("/tokens").text


def test_supervisors_see_and_revoke_everyones_tokens(
    team: tuple[TestClient, dict[str, str], Accounts], db_url: str
) -> None:
    client, secrets, accounts = team
    csrf = login(client, "sam")
    page = client.get("/tokens").text
    assert "Every other user" in page and "scripts" in page and "ops" in page
    # a token's name is written by whoever made it: escaped like any other text
    assert HOSTILE_NAME not in page and "&lt;script&gt;window.__xss=1&lt;/script&gt;nightly" in page
    assert not any(secret in page for secret in secrets.values())

    ben = token_ids(accounts, "ben")
    response = client.post(f"/tokens/{ben[HOSTILE_NAME]}/revoke", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert accounts.resolve_token(secrets[f"ben/{HOSTILE_NAME}"]) is None
    again = client.post(f"/tokens/{ben[HOSTILE_NAME]}/revoke", data={"csrf_token": csrf})
    assert again.status_code == 303, "revoking a revoked token changes nothing and is no error"
    response = client.post("/tokens/revoke-all", data={"csrf_token": csrf, "username": "ana"})
    assert response.status_code == 303
    assert (
        accounts.resolve_token(secrets["ana/scripts"]) is None
        and accounts.resolve_token(secrets["ana/ci"]) is None
    )
    assert accounts.resolve_token(secrets["sam/ops"]) is not None
    assert revocations(db_url) == [
        ("sam", "user:ben", {"token": ben[HOSTILE_NAME], "revoked": 1}),
        ("sam", "user:ben", {"token": ben[HOSTILE_NAME], "revoked": 0}),
        ("sam", "user:ana", {"token": None, "revoked": 2}),
    ]


# -- the page, in Chromium ------------------------------------------------------------------------
@pytest.mark.browser
@SQLITE_ONLY
def test_a_supervisor_revokes_a_token_in_the_browser(
    team: tuple[TestClient, dict[str, str], Accounts], db_url: str, tmp_path: Path, chromium: Any
) -> None:
    _client, secrets, accounts = team
    ben = token_ids(accounts, "ben")
    with serving(create_app(app_config(db_url, tmp_path))) as port:
        base = f"http://127.0.0.1:{port}"
        context = chromium.new_context()
        page = context.new_page()
        page.goto(base + "/tokens")
        page.fill("input[name=username]", "sam")
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("form.login button[type=submit]")
        assert urlsplit(page.url).path == "/tokens"
        row = page.locator(f"table.tokens[data-owner=ben] tr[data-token-id='{ben[HOSTILE_NAME]}']")
        assert row.locator("td").nth(1).inner_text() == HOSTILE_NAME
        assert page.evaluate("window.__xss") is None
        with page.expect_navigation():
            row.locator("form.revoke button").click()
        assert urlsplit(page.url).path == "/tokens"
        assert row.locator("td.state").inner_text().startswith("revoked ")
        assert row.locator("form.revoke").count() == 0
        assert accounts.resolve_token(secrets[f"ben/{HOSTILE_NAME}"]) is None
        context.close()
    assert revocations(db_url) == [("sam", "user:ben", {"token": ben[HOSTILE_NAME], "revoked": 1})]
