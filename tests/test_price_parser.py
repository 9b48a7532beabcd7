"""parse_price over the formats seen on marketplaces around the world."""

from __future__ import annotations

import pytest

from crawler.extraction import parse_price

CASES = [
    ("1.234,56 €", None, "1234.56", "EUR"),
    ("R$ 1.234,56", None, "1234.56", "BRL"),
    ("US$300", None, "300", "USD"),
    ("$ 24.99", None, "24.99", None),
    ("$ 24.99", "USD", "24.99", "USD"),
    ("$ 24.99", "EUR", "24.99", None),
    ("£1,250.00", None, "1250.00", "GBP"),
    ("¥2,800", None, "2800", "CNY"),
    ("¥2,800", "JPY", "2800", "JPY"),
    ("￥2800", None, "2800", "CNY"),
    ("2,800円", None, "2800", "JPY"),
    ("2 433 ₹", None, "2433", "INR"),
    ("₹2,433", None, "2433", "INR"),
    ("Rs. 2,433", None, "2433", "INR"),
    ("1.200.000 ₫", None, "1200000", "VND"),
    ("1.200.000đ", None, "1200000", "VND"),
    ("1.200.000 VND", None, "1200000", "VND"),
    ("Rp 150.000", None, "150000", "IDR"),
    ("Rp150.000,00", None, "150000.00", "IDR"),
    ("MXN 3,500.00", None, "3500.00", "MXN"),
    ("350,00 €", None, "350.00", "EUR"),
    ("CHF 1'299.00", None, "1299.00", "CHF"),
    ("12.990 kr", None, "12990", None),
    ("12.990 kr", "SEK", "12990", "SEK"),
    ("249 ₽", None, "249", "RUB"),
    ("249 руб.", None, "249", "RUB"),
    ("zł 99,99", None, "99.99", "PLN"),
    ("99,99 zł", None, "99.99", "PLN"),
    ("ab 19,99 €", None, "19.99", "EUR"),
    ("价格：¥2,800", None, "2800", "CNY"),
    ("10 - 20 €", None, "10", "EUR"),
    ("€10 – €20", None, "10", "EUR"),
    ("from 5 to 9 USD", None, "5", "USD"),
    ("30,000원~", None, "30000", "KRW"),
    ("131 990 тг.", None, "131990", "KZT"),
    ("63,07 Lei", None, "63.07", "RON"),
    ("1 299,00 Kč", None, "1299.00", "CZK"),
    ("Price: 49", "GBP", "49", "GBP"),
    ("Free", None, "0", None),
    ("Gratis", "EUR", "0", "EUR"),
    ("Grátis", None, "0", None),
]


@pytest.mark.parametrize(("text", "hint", "amount", "currency"), CASES)
def test_formats(text: str, hint: str | None, amount: str, currency: str | None) -> None:
    assert parse_price(text, currency_hint=hint) == (amount, currency)


@pytest.mark.parametrize(
    "text", ["", "no price here", "Free shipping on orders", "RTX3080", "12cm", "\x00\xff"]
)
def test_no_price(text: str) -> None:
    assert parse_price(text) == (None, None)


def test_measure_next_to_price_is_skipped() -> None:
    assert parse_price("Size 42, 3 kg, only 19 €") == ("19", "EUR")
