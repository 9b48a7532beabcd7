"""The demo marketplace over real HTTP: one subprocess on 127.0.0.1 for the whole module."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from conftest import DemoServer

from demo.images import full_image

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


NO_REDIRECT = urllib.request.build_opener(NoRedirect)


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    demo = DemoServer(size=60, seed=7)
    yield demo
    demo.stop()


def fetch(server: DemoServer, path: str, timeout: float = 5) -> tuple[int, Message, bytes]:
    """(status, headers, body) without raising on 4xx/5xx and without following redirects."""
    try:
        with NO_REDIRECT.open(server.base_url + path, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def text(server: DemoServer, path: str) -> str:
    status, _, body = fetch(server, path)
    assert status == 200, path
    return body.decode("utf-8")


def test_robots_txt(server: DemoServer) -> None:
    robots = text(server, "/robots.txt")
    for line in (
        "User-agent: *",
        "Disallow: /_demo/",
        "Disallow: /classifieds/account/",
        "Disallow: /bazaar/search",
    ):
        assert line in robots.splitlines()


def test_classifieds_jsonld_matches_catalogue(server: DemoServer) -> None:
    for expected in server.catalogue("classifieds")[:5]:
        page = text(server, str(expected["path"]))
        product = json.loads(JSONLD.search(page).group(1))  # type: ignore[union-attr]
        offer = product["offers"]
        assert product["name"] == expected["title"]
        assert product["description"] == expected["description"]
        assert product["sku"] == expected["id"]
        # structured data names the full-size photo behind each thumbnail
        full = [server.base_url + full_image(i) for i in expected["images"]]  # type: ignore[attr-defined]
        assert product["image"] == full
        assert offer["price"] == expected["price"]
        assert offer["priceCurrency"] == expected["currency"]
        assert offer["availability"] == f"https://schema.org/{expected['availability']}"
        assert offer["validFrom"] == expected["posted_at"]
        assert offer["seller"]["identifier"] == expected["seller_id"]
        assert offer["availableAtOrFrom"]["name"] == expected["location"]
        assert f'<link rel="canonical" href="{server.base_url}{expected["path"]}">' in page
        assert 'property="og:title"' in page
        assert f"/classifieds/account/report?ad={expected['id']}" in page


def test_classifieds_pagination(server: DemoServer) -> None:
    home = text(server, "/classifieds/")
    assert "/classifieds/c/electronics/" in home
    status, _, _ = fetch(server, "/classifieds/c/electronics/?page=999")
    assert status == 404


def test_searches_match_every_word_whatever_the_case_and_accents(server: DemoServer) -> None:
    """Each demo site's search, as a search crawl uses it: AND of words, case, accents and plural
    "s" folded, substrings for Chinese, numbered pages (or cursors) to the end, nothing for a blank
    query."""
    from urllib.parse import quote

    from demo.search import fold, word_key, word_keys

    def words(entry: dict[str, Any]) -> set[str]:
        return set(word_keys(fold(f"{entry['title']} {entry['description']}")))

    listings = [e for e in server.catalogue("classifieds") if not e.get("removed")]
    word = max(words(listings[0]), key=len)
    plural = next(w for e in listings for w in words(e) if len(w) > 4 and not w.endswith("s"))
    with_plural = {str(e["path"]) for e in listings if plural in words(e)}
    assert word_key(plural + "s") == plural
    got = text(server, f"/classifieds/search?q={quote(plural.upper() + 'S')}")
    assert set(re.findall(r'class="ad-link" href="([^"]+)"', got)) & with_plural
    expected = {str(e["path"]) for e in listings if word in words(e)}
    found: set[str] = set()
    for page in range(1, 20):
        status, _, body = fetch(server, f"/classifieds/search?q={quote(word.upper())}&page={page}")
        if status == 404:
            break
        found |= set(re.findall(r'class="ad-link" href="([^"]+)"', body.decode()))
    assert found == expected
    accented = next(
        (w for e in listings for w in re.findall(r"\w+", str(e["title"])) if fold(w) != w.lower()), None
    )
    if accented is not None:
        plain = fold(accented)
        assert text(server, f"/classifieds/search?q={quote(plain)}").count('class="ad-link"') >= 1
    assert 'class="ad-link"' not in text(server, "/classifieds/search?q=")
    assert 'class="ad-link"' not in text(server, f"/classifieds/search?q={quote(word)}+zqxjv")
    # the bazaar's quick find (its form is on every page) and the shop's JSON search
    assert 'action="/bazaar/find"' in text(server, "/bazaar/")
    threads = [e for e in server.catalogue("bazaar") if not e.get("removed")]
    chinese = next(e for e in threads if re.search(r"[\u4e00-\u9fff]{2}", str(e["title"])))
    part = re.findall(r"[\u4e00-\u9fff]+", str(chinese["title"]))[0]  # no spaces: a substring
    pages = [fetch(server, f"/bazaar/find?q={quote(part)}&page={n}") for n in (1, 2, 3)]
    assert any(status == 200 and str(chinese["path"]).encode() in body for status, _, body in pages)
    shop = [e for e in server.catalogue("shop") if not e.get("removed")]
    shop_word = max(words(shop[0]), key=len)
    data = json.loads(text(server, f"/shop/api/search?q={quote(shop_word)}&limit=100"))
    assert {item["url"] for item in data["items"]} == {str(e["path"]) for e in shop if shop_word in words(e)}
    assert json.loads(text(server, "/shop/api/search?q="))["items"] == []


def test_shop_shell_has_no_data_but_api_does(server: DemoServer) -> None:
    shop = server.catalogue("shop")
    shell = text(server, "/shop/")
    assert '<div id="app"></div>' in shell and "/shop/static/app.js" in shell
    assert text(server, str(shop[0]["path"])) == shell
    assert not any(str(item["title"]) in shell for item in shop)
    seen: list[str] = []
    cursor = ""
    while True:
        data = json.loads(text(server, f"/shop/api/listings?limit=4&cursor={cursor}"))
        seen += [item["id"] for item in data["items"]]
        if not data["next_cursor"]:
            break
        cursor = data["next_cursor"]
    assert sorted(seen) == sorted(str(item["id"]) for item in shop)
    detail = json.loads(text(server, f"/shop/api/items/{shop[0]['id']}"))
    assert detail["title"] == shop[0]["title"] and detail["price"] == shop[0]["price"]
    assert "category" not in detail
    assert "dataset.exhausted" in text(server, "/shop/static/app.js")


def test_bazaar_thread_has_no_structured_data(server: DemoServer) -> None:
    expected = server.catalogue("bazaar")[0]
    page = text(server, str(expected["path"]))
    assert "application/ld+json" not in page and "itemprop" not in page and "og:" not in page
    assert str(expected["title"]) in page
    assert f'datetime="{expected["posted_at"]}"' in page
    assert f"/bazaar/user/{expected['seller_id']}" in page
    assert 'class="price"' in page
    assert "/bazaar/calendar/" in page
    calendar = text(server, "/bazaar/calendar/2031/12")
    assert "/bazaar/calendar/2032/01" in calendar and "/bazaar/calendar/2031/11" in calendar


def test_images_are_png(server: DemoServer) -> None:
    status, headers, body = fetch(server, "/img/c000001-1.png")
    assert status == 200 and headers["content-type"] == "image/png"
    assert body.startswith(b"\x89PNG") and body == fetch(server, "/img/c000001-1.png")[2]


def test_hostile_redirect_loop(server: DemoServer) -> None:
    status_a, headers_a, _ = fetch(server, "/hostile/redirect-loop")
    status_b, headers_b, _ = fetch(server, headers_a["location"])
    assert (status_a, status_b) == (302, 302)
    assert headers_a["location"] == "/hostile/redirect-loop/b"
    assert headers_b["location"] == "/hostile/redirect-loop"


def test_hostile_charsets(server: DemoServer) -> None:
    status, headers, body = fetch(server, "/hostile/charset-wrong")
    assert status == 200 and "utf-8" in headers["content-type"]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "350,00 €" in body.decode("cp1252") and "pequeño" in body.decode("cp1252")
    status, headers, body = fetch(server, "/hostile/charset-missing")
    assert headers["content-type"] == "text/html"
    assert b"charset=" not in body and b"<meta" not in body
    assert "穿山甲" in body.decode("gb18030")


def test_hostile_xss_is_escaped_but_kept_as_text(server: DemoServer) -> None:
    expected = server.catalogue("hostile")
    xss = next(item for item in expected if item["path"] == "/hostile/xss")
    page = text(server, "/hostile/xss")
    assert "<script>alert(1)</script>" not in page and "onerror=alert(1)>" not in page
    product = json.loads(JSONLD.search(page).group(1))  # type: ignore[union-attr]
    assert product["name"] == xss["title"] and "<script>" in product["name"]
    assert product["offers"]["seller"]["name"] == xss["seller_name"]


def test_hostile_huge_page_streams(server: DemoServer) -> None:
    with urllib.request.urlopen(server.base_url + "/hostile/huge", timeout=5) as response:
        assert response.headers.get("content-length") is None
        assert len(response.read(1 << 20)) == 1 << 20


def test_hostile_stall_does_not_block_others(server: DemoServer) -> None:
    errors: list[BaseException] = []

    def stall() -> None:
        try:
            fetch(server, "/hostile/stall", timeout=1.5)
        except (TimeoutError, urllib.error.URLError) as exc:
            errors.append(exc)

    thread = threading.Thread(target=stall)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert fetch(server, "/hostile/item/1", timeout=1)[0] == 200
    assert time.monotonic() - started < 1
    thread.join()
    assert errors, "the stall endpoint answered too early"


def test_mutation_changes_status_and_reset_restores(server: DemoServer) -> None:
    try:
        report = server.post("/_demo/mutate", {"seed": 5, "edits": 6, "removals": 12})
        removed = {str(i) for i in report["removed"]}  # type: ignore[attr-defined]
        edited = [str(i) for i in report["edited"]]  # type: ignore[attr-defined]
        listings = {str(item["id"]): item for item in server.catalogue()}
        assert all(listings[i]["removed"] for i in removed)
        expected_status = {"classifieds": 410, "bazaar": 404, "shop": 404}
        for listing_id in removed:
            item = listings[listing_id]
            assert fetch(server, str(item["path"]))[0] == expected_status[str(item["site"])]
            if item["site"] == "shop":
                assert fetch(server, f"/shop/api/items/{listing_id}")[0] == 404
        for listing_id in edited:
            assert fetch(server, str(listings[listing_id]["path"]))[0] == 200
    finally:
        server.post("/_demo/reset", {})
    for listing_id in removed:
        assert fetch(server, str(listings[listing_id]["path"]))[0] == 200


def test_redesign_moves_ads_and_renames_their_links_and_reset_undoes_it(server: DemoServer) -> None:
    before = {str(item["id"]): str(item["path"]) for item in server.catalogue("classifieds")}
    section = text(server, "/classifieds/c/electronics/")
    assert 'class="ad-link"' in section and 'class="offer-link"' not in section
    old_path = next(iter(before.values()))
    assert fetch(server, old_path.replace("/classifieds/ad/", "/classifieds/offer/"))[0] == 404
    try:
        report = server.post("/_demo/redesign", {"site": "classifieds"})
        assert report["moved"] == len(before) and report["redesigned"] == ["classifieds"]
        # idempotent: a second call moves nothing
        assert server.post("/_demo/redesign", {"site": "classifieds"})["moved"] == 0
        after = {str(item["id"]): str(item["path"]) for item in server.catalogue("classifieds")}
        moved = {i: p.replace("/classifieds/ad/", "/classifieds/offer/", 1) for i, p in before.items()}
        assert after == moved
        for listing_id, path in list(before.items())[:5]:
            status, headers, _ = fetch(server, path)
            assert (status, headers["Location"]) == (301, after[listing_id])
            page = text(server, after[listing_id])
            assert f'data-ad-id="{listing_id}"' in page and 'class="ad-link' not in page
        for page in ("/classifieds/", "/classifieds/c/electronics/"):
            html = text(server, page)
            assert 'class="ad-link"' not in html and "/classifieds/ad/" not in html
            assert 'class="offer-link"' in html
            assert 'class="section-link"' in html or 'class="page-link"' in html or "section-title" in html
        # the other sites are untouched
        assert all(str(i["path"]).startswith("/shop/item/") for i in server.catalogue("shop"))
    finally:
        assert server.post("/_demo/reset", {})["reset"] is True
    assert {str(item["id"]): str(item["path"]) for item in server.catalogue("classifieds")} == before
    assert fetch(server, old_path)[0] == 200
    assert fetch(server, old_path.replace("/classifieds/ad/", "/classifieds/offer/"))[0] == 404
    assert 'class="ad-link"' in text(server, "/classifieds/c/electronics/")


def test_redesign_refuses_unknown_sites(server: DemoServer) -> None:
    for payload in ({"site": "shop"}, {"site": 3}, {}):
        try:
            server.post("/_demo/redesign", payload)
        except urllib.error.HTTPError as error:
            assert error.code == 400
        else:
            raise AssertionError(f"{payload} was accepted")
