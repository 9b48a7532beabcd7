"""The generic price rules, each on a small page written to show it (no real site's markup)."""

from __future__ import annotations

from pathlib import Path

from crawler.extraction import extract_listing, parse_price

PAGES = Path(__file__).parent / "data" / "pages"


def _extract(name: str, url: str) -> tuple[str | None, str | None, str | None]:
    got = extract_listing((PAGES / name).read_bytes(), url)
    return got.price, got.currency, got.sources.get("price")


def test_structured_price_confirmed_by_visible_price_wins() -> None:
    # JSON-LD holds the opening bid, OpenGraph and the page the current bid: two sources agree
    assert _extract("crosscheck_auction.html", "https://auctions.example.com/i/1") == (
        "400",
        "USD",
        "opengraph",
    )


def test_offer_shown_on_the_page_wins_among_structured_offers() -> None:
    # two microdata offers (list and sale); the visible price picks the sale one
    price, currency, source = _extract("microdata_offers.html", "https://libri.example.it/b/1")
    assert (price, currency, source) == ("17.10", "EUR", "microdata")


def test_only_product_card_prices_means_no_price() -> None:
    # sold out: every price on the page belongs to a related product's card
    price, _, _ = _extract("cards_only.html", "https://shop.example.co.il/p/101693")
    assert price is None


def test_model_code_is_not_a_currency() -> None:
    assert parse_price("Model: 230 RM-1172")[1] is None
    assert parse_price("RM150") == ("150", "MYR")


def test_number_with_currency_in_the_next_element_and_shipping_fees_skipped() -> None:
    price, currency, source = _extract("split_price_zh.html", "https://shop.example.com.tw/p/1")
    assert (price, source) == ("2320", "heuristic")
    assert currency in ("TWD", "CNY")


def test_navigation_h1_loses_and_old_price_class_is_skipped() -> None:
    got = extract_listing((PAGES / "nav_h1_slider.html").read_bytes(), "https://klinika.example.hr/s/1")
    assert got.title == "Ortopedski ulošci po mjeri uz analizu hoda"
    assert (got.price, got.currency) == ("270.00", "HRK")


def test_title_class_anchors_the_price_when_there_is_no_h1() -> None:
    got = extract_listing((PAGES / "no_h1_title_class.html").read_bytes(), "https://pets.example.com/p/1")
    assert got.title == "Lamb dinner tray"
    assert (got.price, got.currency) == ("29", "USD")
