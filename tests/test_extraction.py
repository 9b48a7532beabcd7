"""extract_listing on saved fixture pages: every source layer, and hostile input."""

from __future__ import annotations

import gzip
import random
import time
from pathlib import Path

import pytest

from crawler.extraction import extract_file, extract_listing, iter_extract_files

PAGES = Path(__file__).parent / "data" / "pages"


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_jsonld_product() -> None:
    got = extract_listing(_page("jsonld_product.html"), "https://shop.example.com/item/123?ref=x")
    assert got.title == "Carved ivory & bone figurine"
    assert (got.price, got.currency) == ("1250.00", "GBP")
    assert got.availability == "InStock"
    assert got.sku == "IV-123"
    assert got.brand == "Old Workshop"
    assert got.description == "Antique figurine, pre-1947 ."
    assert got.seller_name == "J. Smith"
    assert got.seller_id == "seller-77"
    assert got.location == "Leeds, GB"
    assert got.posted_at == "2024-03-01T10:00:00Z"
    assert got.images == [
        "https://shop.example.com/img/a.jpg",
        "https://cdn.example.com/b.jpg",
    ]
    assert got.canonical_url == "https://shop.example.com/item/123"
    assert got.language == "en-GB"
    assert got.sources["price"] == "jsonld"
    assert got.sources["title"] == "jsonld"
    assert got.listing_score >= 0.7


def test_microdata_product() -> None:
    got = extract_listing(_page("microdata_product.html"), "https://loja.example.com.br/p/1")
    assert got.title == "Filhote de papagaio verdadeiro"
    assert (got.price, got.currency) == ("1234.56", "BRL")
    assert got.availability == "OutOfStock"
    assert got.brand == "Criador SP"
    assert got.images == ["https://loja.example.com.br/fotos/p1.jpg"]
    assert got.sources["price"] == "microdata"


def test_opengraph_only() -> None:
    got = extract_listing(_page("opengraph_only.html"), "https://market.example.org/ads/555")
    assert got.title == "Rosewood logs, 5 m3"
    assert (got.price, got.currency) == ("3500.00", "USD")
    assert got.availability == "InStock"
    assert got.images == ["https://img.example.org/logs.jpg"]
    assert got.description == "Dalbergia logs ready for export."
    assert got.sources["price"] == "opengraph"


@pytest.mark.parametrize(
    ("name", "url", "price", "currency", "availability"),
    [
        ("forum_es.html", "https://foro.example.es/t/1", "1500", "EUR", "InStock"),
        ("forum_pt.html", "https://forum.example.com.br/t/1", "1234.56", "BRL", "InStock"),
        ("forum_fr.html", "https://forum.example.fr/t/1", "350.00", "EUR", "InStock"),
        ("forum_zh.html", "https://bbs.example.cn/t/1", "2800", "CNY", "InStock"),
        ("forum_vi.html", "https://raovat.example.vn/t/1", "1200000", "VND", "InStock"),
        ("forum_id.html", "https://forum.example.co.id/t/1", "150000", "IDR", "OutOfStock"),
    ],
)
def test_labelled_prices_in_forum_posts(
    name: str, url: str, price: str, currency: str, availability: str
) -> None:
    got = extract_listing(_page(name), url)
    assert (got.price, got.currency) == (price, currency)
    assert got.availability == availability
    assert got.sources["price"] == "heuristic"
    assert got.title


def test_category_page_scores_low() -> None:
    category = extract_listing(_page("category_page.html"), "https://shop.example.de/orchideen")
    single = extract_listing(_page("jsonld_product.html"), "https://shop.example.com/item/1")
    assert category.listing_score < 0.4
    assert category.listing_score < single.listing_score


def test_selectors_win_over_structured_data() -> None:
    got = extract_listing(
        _page("jsonld_product.html"),
        "https://shop.example.com/item/1",
        selectors={
            "price": "div.related .price::text",
            "title": "h1",
            "seller_name": "button::attr(class)",
            "brand": "p.nowhere::text",
            "sku": "::bad[selector",
        },
    )
    assert (got.price, got.currency) == ("99.00", "GBP")
    assert got.sources["price"] == "selector"
    assert got.title == "Carved ivory & bone figurine"
    assert got.seller_name == "add-to-cart"
    assert got.brand == "Old Workshop"  # the selector matched nothing: next source
    assert got.sku == "IV-123"  # invalid selector ignored


def test_broken_html() -> None:
    got = extract_listing(_page("broken.html"), "https://example.com/x")
    assert got.title is not None and got.title.startswith("Ivory bangle")  # h1 never closed
    assert got.price == "24.99"


def test_wrong_charset_declaration() -> None:
    got = extract_listing(_page("wrong_charset.html"), "https://example.fr/a")
    assert got.title == "Peau de léopard à vendre"
    assert (got.price, got.currency) == ("800", "EUR")


def test_explicit_encoding_wins() -> None:
    body = "<html><body><h1>Пангол\u0438н</h1><p>Цена: 249 руб.</p></body></html>".encode("cp1251")
    got = extract_listing(body, "https://example.ru/1", encoding="cp1251")
    assert got.title == "Панголин"
    assert (got.price, got.currency) == ("249", "RUB")


def test_script_injection_is_kept_as_inert_text() -> None:
    """What the seller typed is evidence: kept to the letter, as text (escaping is the display's job)."""
    got = extract_listing(_page("script_injection.html"), "https://example.com/x")
    assert got.title == "<script>alert('x')</script>Tiger claw"
    assert got.description == "<img src=x onerror=alert(1)>Real claw <iframe src='//evil'></iframe>"
    assert got.price == "45"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        "",
        b"\x00" * 100,
        random.Random(0).randbytes(50_000),
        b"<html",
        b"<?xml version='1.0' encoding='utf-8'?><html><body><h1>x</h1></body></html>",
        "<html><body>\ud800 lone surrogate</body></html>",
        b"\xff\xfe<\x00h\x001\x00>\x00",
    ],
)
def test_hostile_input_never_raises(body: bytes | str) -> None:
    got = extract_listing(body, "https://example.com/")
    assert got.url == "https://example.com/"
    assert 0.0 <= got.listing_score <= 1.0


def test_huge_description_and_truncation() -> None:
    description = "word " * 200_000  # 1 MB
    page = (
        '<html><head><meta name="description" content="' + description + '"></head>'
        '<body><h1>Big</h1><span class="price">12,50 €</span>' + "<p>filler</p>" * 100_000 + "</body></html>"
    )
    start = time.perf_counter()
    got = extract_listing(page.encode(), "https://example.de/big", max_bytes=2_000_000)
    assert time.perf_counter() - start < 5
    assert got.title == "Big"
    assert got.price == "12.50"
    assert got.description is not None and len(got.description) <= 50_000


def test_extract_file_plain_and_gzip(tmp_path: Path) -> None:
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(_page("opengraph_only.html")))
    plain = PAGES / "forum_fr.html"
    missing = tmp_path / "missing.html"
    corrupt = tmp_path / "corrupt.html.gz"
    corrupt.write_bytes(b"not gzip at all")
    rows = list(iter_extract_files([gz, plain, missing, corrupt]))
    assert rows[0]["source"] == str(gz)
    assert rows[0]["url"] == "https://market.example.org/ads/555"  # from og:url
    assert rows[0]["price"] == "3500.00"
    assert rows[1]["url"].startswith("file://")
    assert rows[1]["price"] == "350.00"
    assert set(rows[2]) == {"source", "error"}
    assert set(rows[3]) == {"source", "error"}
    assert "\n" not in rows[3]["error"]
    assert extract_file(plain)["title"] == "Défense sculptée ancienne"
