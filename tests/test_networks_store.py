"""Networks of stored listings: built from what storage keeps, listed, shown and exported."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crawler.pipelines.identifiers import with_identifiers
from ecowarden.cli import app
from networks.store import build_networks, list_networks, network_graph
from storage.db import open_database
from storage.listings import ListingStore
from tests.conftest import ROOT
from tests.crawl_helpers import SQLITE_ONLY
from tests.observations import observation

AT = datetime(2026, 12, 1, tzinfo=UTC)
TEMPLATE = (
    "Genuine old carved piece from a private collection, heavy and in good condition, shipped"
    " insured worldwide with tracking, serious buyers only, price {price} or best offer"
)


def _seed(db_url: str) -> dict[str, int]:
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    ids: dict[str, int] = {}

    def put(site: str, key: str, **content: Any) -> None:
        site_id = store.ensure_site(site, f"https://{site}.example/")
        run_id = store.start_run(site_id, "test", [f"https://{site}.example/"])
        url = f"https://{site}.example/ad/{key}"
        obs = with_identifiers(
            observation(canonical_url=url, url=url, observed_at=AT, country="VN", **content)
        )
        store.apply_batch(site_id, run_id, [obs])

    put("alpha", "a1", title="Ivory bangle", description="Zalo 0912 345 678", seller_name="ana")
    put("alpha", "a2", title="Ivory comb", description="see photos", seller_name="ana")
    put("beta", "b1", title="Old bangle", description="call 0912 345 678 any time", seller_name="an_na")
    for i in range(7):  # a courier's number that many sellers print: generic
        put(
            "gamma",
            f"c{i}",
            title=f"Parcel {i}",
            description="ship via courier 0988 000 111",
            seller_name=f"shop{i}",
        )
    put("delta", "t1", title="Call 0977 111 222 for tusks", description="ask", seller_name="zed")
    put("delta", "d1", title="Carved horn", description=TEMPLATE.format(price="$300"), seller_name="x1")
    put("epsilon", "e1", title="Carved horn", description=TEMPLATE.format(price="$450"), seller_name="y9")
    _engine, factory = open_database(db_url)
    from sqlalchemy import select

    from storage.models import Listing

    with factory() as session:
        for listing_id, url in session.execute(select(Listing.id, Listing.url)):
            ids[url.rsplit("/", 1)[1]] = listing_id
    return ids


def test_built_networks_join_what_the_listings_share(db_url: str) -> None:
    ids = _seed(db_url)
    _engine, factory = open_database(db_url)
    summary = build_networks(factory)
    assert summary.listings == len(ids) and summary.generic_identifiers == 1
    graph = network_graph(factory)
    actor = {node: attrs["actor"] for node, attrs in graph.nodes(data=True)}
    assert actor[ids["a1"]] == actor[ids["a2"]] == actor[ids["b1"]]  # account + shared number
    assert len({actor[ids[f"c{i}"]] for i in range(7)}) == 7  # the courier's number merges none
    assert actor[ids["d1"]] == actor[ids["e1"]]  # one text, other prices
    reasons = {attrs["reason"] for _a, _b, attrs in graph.edges(data=True)}
    assert any("+84912345678" in r for r in reasons) and any("alike" in r for r in reasons)
    rows = list_networks(factory)
    assert rows[0].listings == 3 and rows[0].sites == ("alpha", "beta")
    # built again: the same answer, not twice the links
    assert build_networks(factory).links == summary.links
    assert network_graph(factory).number_of_edges() == summary.links


def test_cli_networks_build_list_show_export(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _seed(db_url)
    monkeypatch.setenv("ECOWARDEN_CONFIG", str(ROOT / "ecowarden.toml"))
    monkeypatch.setenv("ECOWARDEN_DATABASE_URL", db_url)
    monkeypatch.setenv("ECOWARDEN_EVIDENCE_DIR", str(tmp_path / "evidence"))  # the pseudonym key's
    runner = CliRunner()
    built = runner.invoke(app, ["networks", "build", "--json"])
    assert built.exit_code == 0, built.output
    listed = json.loads(runner.invoke(app, ["networks", "list", "--json"]).stdout)
    biggest = listed[0]["network"]
    shown = json.loads(runner.invoke(app, ["networks", "show", str(biggest), "--json"]).stdout)
    assert {node["id"] for node in shown["listings"]} == {ids["a1"], ids["a2"], ids["b1"]}
    assert runner.invoke(app, ["networks", "show", "999999"]).exit_code == 2
    target = tmp_path / "links.csv"
    assert runner.invoke(app, ["networks", "export", "--format", "csv", "-o", str(target)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert len(rows) == json.loads(built.stdout)["links"]
    graphml = tmp_path / "all.graphml"
    assert (
        runner.invoke(app, ["networks", "export", "--format", "graphml", "-o", str(graphml)]).exit_code == 0
    )
    assert "<graphml" in graphml.read_text()
    assert runner.invoke(app, ["networks", "export", "--format", "xls", "-o", str(graphml)]).exit_code == 2
    # pseudonymised: no seller name, no number, but the same pseudonym for the same value
    shared = tmp_path / "shared.json"
    exported: list[str] = []
    for _ in range(2):
        done = runner.invoke(app, ["networks", "export", "--pseudonymise", "-o", str(shared)])
        assert done.exit_code == 0, done.output
        exported.append(shared.read_text())
    text = exported[0]
    assert "+84912345678" not in text and '"ana"' not in text and "an_na" not in text
    assert exported[0] == exported[1]
    data = json.loads(text)
    assert any(re.search(r"(phone|zalo):[0-9a-f]{16}", link["reason"]) for link in data["links"])


def test_identifiers_and_links_show_to_analysts_not_viewers(db_url: str, tmp_path: Path) -> None:
    import re

    from fastapi.testclient import TestClient

    from review.accounts import Accounts
    from review.app import create_app
    from tests.app_helpers import app_config

    ids = _seed(db_url)
    _engine, factory = open_database(db_url)
    build_networks(factory)
    actor_of_b1 = next(
        attrs["actor"] for node, attrs in network_graph(factory).nodes(data=True) if node == ids["b1"]
    )
    accounts = Accounts(factory)
    accounts.add_user("ana", "correct horse battery", "analyst")
    accounts.add_user("vic", "correct horse battery", "viewer")
    with TestClient(create_app(app_config(db_url, tmp_path)), follow_redirects=False) as client:
        pages = {}
        for user in ("ana", "vic"):
            client.cookies.clear()
            token = re.search(r'name="login_csrf" value="([^"]+)"', client.get("/login").text)
            assert token is not None
            client.post(
                "/login",
                data={"username": user, "password": "correct horse battery", "login_csrf": token.group(1)},
            )
            page = client.get(f"/listing/{ids['b1']}")
            assert page.status_code == 200, page.text[:300]
            pages[user] = page.text
            pages[f"{user}/t1"] = client.get(f"/listing/{ids['t1']}").text
            actor = client.get(f"/actor/{actor_of_b1}")
            assert actor.status_code == 200, actor.text[:300]
            pages[f"{user}/actor"] = actor.text
            assert client.get("/actor/999999").status_code == 404
            assert client.get("/actor/0").status_code == 422
    assert "+84912345678" in pages["ana"] and "0912 345 678" in pages["ana"]
    assert f'href="/listing/{ids["a1"]}"' in pages["ana"]  # the link to the same actor's listing
    assert "+84912345678" not in pages["vic"] and "Identifiers" not in pages["vic"]
    # the number in the description itself is masked for a viewer
    assert "0912 345 678" not in pages["vic"] and "[phone hidden]" in pages["vic"]
    # a number in the title: masked for the viewer in the page title and heading alike
    assert "0977 111 222" in pages["ana/t1"]
    assert "0977 111 222" not in pages["vic/t1"] and "[phone hidden] for tusks" in pages["vic/t1"]
    # the actor page: the three listings across two sites, with the number for the analyst only
    for user in ("ana", "vic"):
        for key in ("a1", "a2", "b1"):
            assert f'href="/listing/{ids[key]}"' in pages[f"{user}/actor"]
        assert f'href="/listing/{ids["c0"]}"' not in pages[f"{user}/actor"]
    assert "+84912345678" in pages["ana/actor"] and "+84912345678" not in pages["vic/actor"]
    from review.audit import AuditLog

    viewed = [e for e in AuditLog(factory).events() if e.subject == f"actor:{actor_of_b1}"]
    assert [e.actor for e in viewed] == ["ana", "vic"]


def test_the_scheduler_builds_networks_when_crawls_stored_something_new(db_url: str) -> None:
    from ecowarden.config import Config
    from scheduling.children import Children
    from scheduling.network_builds import build_once, stale
    from scheduling.runtime import JobRuntime

    ids = _seed(db_url)
    _engine, factory = open_database(db_url)
    said: list[str] = []
    runtime = JobRuntime(Config(), factory, Children(), said.append)
    assert stale(runtime)
    build_once(runtime)
    assert said and said[-1].startswith(f"networks built: {len(ids)} listings")
    assert not stale(runtime)
    build_once(runtime)  # nothing new: no second build
    assert len(said) == 1


@pytest.mark.browser
@SQLITE_ONLY
def test_from_a_listing_to_its_actor_in_the_browser(db_url: str, tmp_path: Path, chromium: Any) -> None:
    """An analyst follows the listing page's actor link: the actor page lists the three linked
    listings on two sites and says why they are one actor; no console errors (the CSP holds)."""
    from review.accounts import Accounts
    from review.app import create_app
    from tests.app_helpers import app_config, serving

    ids = _seed(db_url)
    _engine, factory = open_database(db_url)
    build_networks(factory)
    Accounts(factory).add_user("ana", "correct horse battery", "analyst")
    with serving(create_app(app_config(db_url, tmp_path))) as port:
        context = chromium.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"http://127.0.0.1:{port}/listing/{ids['b1']}")
        page.fill("input[name=username]", "ana")
        page.fill("input[name=password]", "correct horse battery")
        with page.expect_navigation():
            page.click("form.login button[type=submit]")
        with page.expect_navigation():
            page.click("p.network a")
        assert "/actor/" in page.url
        listed = page.locator("table.actor-listings a").all_inner_texts()
        assert sorted(listed) == ["Ivory bangle", "Ivory comb", "Old bangle"]
        assert "+84912345678" in page.locator("ul.links").inner_text()
        assert page.locator("ul.accounts li").count() == 2
        context.close()
    assert errors == []
