"""Rough conversion of listing prices to a US-dollar scale, for use as a model feature only.

The rates are a small, static, APPROXIMATE table (order of magnitude is what matters: a price in
VND or IDR must not look a thousand times dearer than the same price in USD). They are never used
to display or store money; storage keeps ``Decimal`` plus the ISO 4217 code.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

#: US dollars per one unit of the currency (approximate, mid-2020s levels).
APPROX_USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "CHF": 1.12,
    "AUD": 0.66,
    "CAD": 0.74,
    "NZD": 0.61,
    "JPY": 0.0067,
    "CNY": 0.14,
    "HKD": 0.128,
    "TWD": 0.031,
    "SGD": 0.74,
    "INR": 0.012,
    "MXN": 0.055,
    "BRL": 0.19,
    "ARS": 0.0011,
    "COP": 0.00025,
    "PEN": 0.27,
    "CLP": 0.0011,
    "VND": 0.00004,
    "IDR": 0.000063,
    "THB": 0.028,
    "MYR": 0.21,
    "PHP": 0.018,
    "XOF": 0.0017,
    "XAF": 0.0017,
    "NGN": 0.00075,
    "KES": 0.0077,
    "ZAR": 0.054,
    "RUB": 0.011,
    "AED": 0.27,
}

#: Log10 of the highest USD price we believe; beyond this the value is treated as junk.
MAX_LOG10_USD = 9.0


def approx_usd(price: Decimal | None, currency: str | None) -> float | None:
    """The price in approximate US dollars, or ``None`` when unknown or not a sane number.

    An unknown currency code is taken at face value (rate 1): better a rough feature than none.
    """
    if price is None:
        return None
    try:
        value = float(price)
    except (InvalidOperation, ValueError, OverflowError):
        return None
    if not math.isfinite(value) or value < 0:
        return None
    rate = APPROX_USD_PER_UNIT.get((currency or "USD").strip().upper(), 1.0)
    usd = value * rate
    if usd > 10**MAX_LOG10_USD:
        return None
    return usd
