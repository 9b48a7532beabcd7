"""Learning a JSON API from what a rendered page fetched (crawler/jsonapi.py), without a browser."""

from __future__ import annotations

import json
from typing import Any

from crawler.extraction.types import ExtractedListing
from crawler.jsonapi import ApiCall, DetailApi, IndexApi, learn_detail, learn_index, parse_json

SITE = "http://127.0.0.1:9/"
PAGE = SITE + "shop/"


def call(url: str, data: Any, status: int = 200) -> ApiCall:
    return ApiCall(SITE + url, status, json.dumps(data).encode())


def cards(ids: list[str]) -> list[dict[str, Any]]:
    return [{"id": i, "href": f"/shop/item/{i}", "name": f"Item {i}", "img": f"/img/{i}.png"} for i in ids]


def links(ids: list[str]) -> set[str]:
    return {SITE + f"shop/item/{i}" for i in ids}


def test_index_api_with_a_cursor_the_previous_page_gave() -> None:
    calls = [
        call("shop/config.json", {"theme": "dark", "links": ["/about"]}),
        call("shop/api/list?limit=2", {"data": {"rows": cards(["a1", "a2"])}, "paging": {"next": "Q1"}}),
        call(
            "shop/api/list?limit=2&after=Q1",
            {"data": {"rows": cards(["a3", "a4"])}, "paging": {"next": "Q2"}},
        ),
    ]
    spec = learn_index(calls, PAGE, links(["a1", "a2", "a3", "a4"]))
    assert spec is not None
    assert spec.url == SITE + "shop/api/list?limit=2"
    assert spec.items_path == ("data", "rows") and spec.link_path == ("href",)
    assert (spec.page_param, spec.paging, spec.cursor_path) == ("after", "cursor", ("paging", "next"))
    found, following = spec.read(spec.url, json.loads(calls[2].body), PAGE)
    assert found == sorted(links(["a3", "a4"]))
    assert following == SITE + "shop/api/list?limit=2&after=Q2"
    # the last page has no cursor; one that points at itself ends the walk too
    last = {"data": {"rows": cards(["a9"])}, "paging": {"next": None}}
    assert spec.read(spec.url, last, PAGE)[1] is None
    looping = {"data": {"rows": cards(["a9"])}, "paging": {"next": "Q2"}}
    assert spec.read(following, looping, PAGE)[1] is None
    # a spec travels in request meta
    assert IndexApi.from_meta(json.loads(json.dumps(spec.to_meta()))) == spec


def test_index_api_with_page_numbers() -> None:
    calls = [
        call("api/search?q=&page=1", {"results": cards(["b1", "b2"])}),
        call("api/search?q=&page=2", {"results": cards(["b3"])}),
    ]
    spec = learn_index(calls, PAGE, links(["b1", "b2", "b3"]))
    assert spec is not None and (spec.page_param, spec.paging) == ("page", "page")
    assert spec.read(SITE + "api/search?q=&page=2", {"results": cards(["b3"])}, PAGE)[1] == (
        SITE + "api/search?q=&page=3"
    )
    assert spec.read(SITE + "api/search?q=&page=3", {"results": []}, PAGE) == ([], None)


def test_no_index_api_when_no_items_link_to_the_listings_shown() -> None:
    calls = [
        call("api/recommended", {"items": cards(["x1", "x2"])}),  # other listings than the page shows
        ApiCall(SITE + "api/broken", 200, b"{not json"),
        call("api/list", {"items": cards(["c1", "c2"])}, status=500),
    ]
    assert learn_index(calls, PAGE, links(["c1", "c2"])) is None


def item(listing_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": listing_id,
        "title": f"  Carved   bangle {listing_id} ",
        "body": "Old estate piece.\nShips worldwide.",
        "pricing": {"amount": 120.5, "currency": "usd"},
        "stock": "https://schema.org/InStock",
        "seller": {"name": "Ana", "id": "u-7"},
        "photos": [f"/img/{listing_id}-1.jpg", f"/img/{listing_id}-2.jpg"],
        "created": "2026-11-02T10:00:00Z",
        **extra,
    }


def rendered(listing_id: str) -> ExtractedListing:
    """What the browser path extracts from the rendered listing page."""
    return ExtractedListing(
        url=SITE + f"shop/item/{listing_id}",
        title=f"Carved bangle {listing_id}",
        description="Old estate piece. Ships worldwide.",
        price="120.50",
        currency="USD",
        availability="InStock",
        seller_name="Ana",
        seller_id="u-7",
        images=[SITE + f"img/{listing_id}-1.jpg", SITE + f"img/{listing_id}-2.jpg"],
        posted_at="2026-11-02T10:00:00+00:00",
        sku=listing_id,
        language="en",
    )


def test_detail_api_maps_every_field_the_browser_extracted() -> None:
    listing_url = SITE + "shop/item/k42"
    calls = [call("shop/api/session", {"user": None}), call("shop/api/items/k42?full=1", item("k42"))]
    shell = ExtractedListing(url=PAGE, title="All products", language="en")
    spec, why = learn_detail(calls, listing_url, rendered("k42"), shell)
    assert spec is not None, why
    assert spec.url_template == SITE + "shop/api/items/{key}?full=1"
    assert spec.fields["price"] == ("pricing", "amount") and spec.fields["seller_id"] == ("seller", "id")
    assert spec.constants == {"language": "en"}  # the shell's <html lang>, not the item's
    other_url = SITE + "shop/item/z9"
    assert spec.api_url(other_url) == SITE + "shop/api/items/z9?full=1"
    assert spec.api_url(SITE + "elsewhere/z9") is None
    # another listing read from its JSON is what the browser would have extracted from its page
    got = spec.listing(item("z9"), other_url)
    want = rendered("z9")
    for name in ("title", "description", "currency", "availability", "seller_name", "seller_id", "images"):
        assert getattr(got, name) == getattr(want, name), name
    assert got.price == "120.5" and got.sku == "z9" and got.language == "en"
    assert got.sources["title"] == "api" and "language" not in got.sources
    assert DetailApi.from_meta(json.loads(json.dumps(spec.to_meta()))) == spec


def test_no_detail_api_when_the_json_lacks_a_field() -> None:
    listing_url = SITE + "shop/item/k42"
    data = item("k42")
    del data["seller"]
    spec, why = learn_detail([call("shop/api/items/k42", data)], listing_url, rendered("k42"))
    assert spec is None and "seller_id" in why and "seller_name" in why
    # and none when no JSON request is keyed by the listing's URL
    siblings = sorted(links(["k1", "k2"]))
    wrong = [call("shop/api/items/other", item("k42"))]  # carries "shop" and "item", not "k42"
    spec, why = learn_detail(wrong, listing_url, rendered("k42"), siblings=siblings)
    assert spec is None and "keyed" in why
    spec, why = learn_detail(
        [call("shop/api/items/k42", item("k42", lang="en"))], listing_url, rendered("k42"), siblings=siblings
    )
    assert spec is not None and spec.url_template == SITE + "shop/api/items/{key}", why


def test_hostile_json_is_read_as_nothing() -> None:
    assert parse_json(b"[" * 100_000) is None  # nesting bomb: RecursionError, not a crash
    too_big = b'"' + b"a" * 6_000_000 + b'"'  # valid JSON, over the size limit: not even parsed
    assert parse_json(too_big) is None and parse_json(b'"aaa"') == "aaa"
    assert parse_json(b"\xff\xfe") is None
    spec = IndexApi(SITE + "api/list", ("items",), ("href",), "cursor", "cursor", ("next",))
    assert spec.read(SITE + "api/list", {"items": "nope"}, PAGE) == ([], None)
    odd = {"items": [{"href": 7}, {"href": "http://[::1"}, {"href": "/shop/item/ok"}], "next": {"a": 1}}
    assert spec.read(SITE + "api/list", odd, PAGE) == ([SITE + "shop/item/ok"], None)
    detail = DetailApi(r"http://127\.0\.0\.1:9/shop/item/([^/?#]+)", SITE + "api/{key}", {"price": ("p",)})
    assert detail.listing({"p": "NaN"}, SITE + "shop/item/a").price is None
    assert detail.listing({"p": {"x": 1}}, SITE + "shop/item/a").price is None
