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


def test_a_single_result_card_is_not_an_offer_page() -> None:
    """A category page with one result still prices that result inside a list row linking away."""
    page = (
        "<html><body><h1>Tools &amp; DIY</h1><ul><li class='card'>"
        "<a href='/ad/33-drill'>出售博世电钻套装</a><span class='price'>¥320</span></li></ul></body></html>"
    )
    offer = (
        "<html><body><h1>出售博世电钻套装</h1><p class='price'>¥320</p>"
        "<a class='btn-contact' href='/contact'>Contact seller</a></body></html>"
    )
    assert extract_listing(page, "http://shop.test/c/tools/").listing_score < 0.5
    assert extract_listing(offer, "http://shop.test/ad/33-drill").listing_score >= 0.5


def test_a_code_qualifies_a_shared_dollar_sign() -> None:
    assert parse_price("Precio: $3,500.00 MXN") == ("3500.00", "MXN")
    assert parse_price("$ 24.99") == ("24.99", None)


def test_cfa_franc_defaults_to_west_africa_unless_hinted() -> None:
    assert parse_price("Prix : 12\u202f000 FCFA") == ("12000", "XOF")
    assert parse_price("12 000 FCFA", currency_hint="XAF") == ("12000", "XAF")


def test_availability_field_phrases_in_the_watched_languages() -> None:
    from crawler.extraction.availability import normalise_availability

    cases = {
        "Availability: Only a few left": "LimitedAvailability",
        "Disponibilidad: Últimas unidades": "LimitedAvailability",
        "状态：仅剩少量": "LimitedAvailability",
        "Estado: Vendido": "SoldOut",
        "Đã bán": "SoldOut",
        "Terjual": "SoldOut",
        "Sob encomenda": "PreOrder",
        "Sur commande": "PreOrder",
        "Disponível": "InStock",
        "Hết hàng": "OutOfStock",
    }
    for text, expected in cases.items():
        assert normalise_availability(text) == expected, text
    assert normalise_availability("Sold by Amazon, ships tomorrow") is None


def test_stock_wording_in_running_text_whatever_its_case() -> None:
    from crawler.extraction.availability import availability_from_text

    cases = {
        "Carved bangle — SOLD OUT, sorry": "OutOfStock",
        "Estado: AGOTADO desde ayer": "OutOfStock",
        "Vòng tay HẾT HÀNG rồi": "OutOfStock",
        "ÉPUISÉ en boutique": "OutOfStock",
        "Ready to ship: In Stock": "InStock",
        "Barang TERSEDIA, kirim hari ini": "InStock",
        "现货 包邮": "InStock",
        "Out of stock? No: In stock": "OutOfStock",  # the stronger claim wins
    }
    for text, expected in cases.items():
        assert availability_from_text(text) == expected, text
    assert availability_from_text("Stockholm, available on request") is None
