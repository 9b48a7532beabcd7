"""Money for the demo: realistic local prices as decimal strings, and local display formats.

Prices are generated in whole US dollars and converted with fixed rates so every currency gets a
plausible magnitude; all arithmetic is Decimal so the output never depends on float rounding.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NARROW_NBSP = "\u202f"


@dataclass(frozen=True)
class Currency:
    """How a currency is priced: value of one US dollar, minor-unit digits, rounding step."""

    per_usd: Decimal
    exponent: int
    step: Decimal


CURRENCIES: dict[str, Currency] = {
    "USD": Currency(Decimal("1"), 2, Decimal("1")),
    "EUR": Currency(Decimal("0.92"), 2, Decimal("1")),
    "GBP": Currency(Decimal("0.79"), 2, Decimal("1")),
    "BRL": Currency(Decimal("5.40"), 2, Decimal("1")),
    "MXN": Currency(Decimal("18"), 2, Decimal("10")),
    "CNY": Currency(Decimal("7.2"), 2, Decimal("10")),
    "INR": Currency(Decimal("84"), 2, Decimal("100")),
    "VND": Currency(Decimal("25000"), 0, Decimal("10000")),
    "IDR": Currency(Decimal("16000"), 0, Decimal("1000")),
    "XOF": Currency(Decimal("600"), 0, Decimal("500")),
}

#: Cent endings for two-decimal currencies; mostly round prices like real sellers use.
CENT_ENDINGS = (Decimal("0"), Decimal("0"), Decimal("0"), Decimal("0.50"), Decimal("-0.01"))


def random_price(rng: random.Random, currency: str, lo_usd: int, hi_usd: int) -> str:
    """A plausible price in ``currency`` as a plain decimal string ("1234.50", or "1200000")."""
    info = CURRENCIES[currency]
    usd = rng.randint(lo_usd, hi_usd)
    local = Decimal(usd) * info.per_usd
    rounded = max(info.step, (local / info.step).to_integral_value(ROUND_HALF_UP) * info.step)
    if info.exponent:
        rounded += rng.choice(CENT_ENDINGS)
    return as_price(rounded, currency)


def as_price(amount: Decimal, currency: str) -> str:
    """Render an amount with exactly the currency's minor-unit digits."""
    exponent = CURRENCIES[currency].exponent
    quantum = Decimal(1).scaleb(-exponent)
    return str(amount.quantize(quantum, rounding=ROUND_HALF_UP))


def _group(digits: str, sep: str, indian: bool = False) -> str:
    if indian and len(digits) > 3:
        head, tail = digits[:-3], digits[-3:]
        parts: list[str] = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        if head:
            parts.insert(0, head)
        return sep.join([*parts, tail])
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


def _split(price: str) -> tuple[str, str]:
    whole, _, cents = price.partition(".")
    return whole, cents


def format_local(price: str, currency: str, language: str) -> str:
    """The price as a seller in that market would write it, e.g. "R$ 1.234,56" or "Rp 150.000"."""
    whole, cents = _split(price)
    drop_cents = cents in ("", "00")
    if currency == "USD":
        text = _group(whole, ",") + ("" if drop_cents else f".{cents}")
        return f"US${text}"
    if currency == "GBP":
        return f"£{_group(whole, ',')}.{cents}"
    if currency == "INR":
        return f"₹{_group(whole, ',', indian=True)}" + ("" if drop_cents else f".{cents}")
    if currency == "CNY":
        return f"¥{_group(whole, ',')}" + ("" if drop_cents else f".{cents}")
    if currency == "MXN":
        return f"${_group(whole, ',')}.{cents} MXN"
    if currency == "BRL":
        return f"R$ {_group(whole, '.')},{cents}"
    if currency == "EUR":
        sep = NARROW_NBSP if language == "fr" else "."
        return f"{_group(whole, sep)},{cents} €"
    if currency == "VND":
        return f"{_group(whole, '.')} ₫"
    if currency == "IDR":
        return f"Rp {_group(whole, '.')}"
    if currency == "XOF":
        return f"{_group(whole, NARROW_NBSP)} FCFA"
    return f"{price} {currency}"
