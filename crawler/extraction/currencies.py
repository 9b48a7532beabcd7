"""Currency symbols and codes, and how to resolve the ambiguous ones.

Kept apart from the number parsing because the table is data: adding a currency must not risk the
parser.
"""

from __future__ import annotations

import re

#: ISO 4217 codes we recognise when they appear in text (common trading currencies).
ISO_CODES = frozenset(
    """AED ARS AUD BAM BDT BGN BHD BOB BRL BYN CAD CHF CLP CNY COP CRC CZK DKK DOP DZD EGP EUR GBP
    GEL GHS GTQ HKD HNL HRK HUF IDR ILS INR IQD IRR ISK JOD JPY KES KRW KWD KZT LBP LKR MAD MDL MKD
    MMK MNT MXN MYR NGN NIO NOK NPR NZD OMR PAB PEN PHP PKR PLN PYG QAR RON RSD RUB SAR SEK SGD THB
    TND TRY TWD TZS UAH UGX USD UYU UZS VES VND XAF XOF ZAR ZMW""".split()
)

#: unambiguous symbols and local abbreviations -> ISO code (None = ambiguous, needs a hint)
SYMBOLS: dict[str, str | None] = {
    "R$": "BRL",
    "US$": "USD",
    "USD$": "USD",
    "U$S": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "MX$": "MXN",
    "NT$": "TWD",
    "RD$": "DOP",
    "$": None,
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "元": "CNY",
    "円": "JPY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "₨": None,
    "₽": "RUB",
    "руб.": "RUB",
    "руб": "RUB",
    "р.": "RUB",
    "₫": "VND",
    "đ": "VND",
    "Rp": "IDR",
    "zł": "PLN",
    "zl": "PLN",
    "kr.": None,
    "kr": None,
    ":-": None,
    "Kč": "CZK",
    "Ft": "HUF",
    "lei": "RON",
    "Lei": "RON",
    "лв.": "BGN",
    "лв": "BGN",
    "₺": "TRY",
    "TL": "TRY",
    "₩": "KRW",
    "원": "KRW",
    "₪": "ILS",
    "฿": "THB",
    "₱": "PHP",
    "₴": "UAH",
    "грн": "UAH",
    "₸": "KZT",
    "тг.": "KZT",
    "тг": "KZT",
    "₦": "NGN",
    "₵": "GHS",
    "Kn": "HRK",
    "kn": "HRK",
    "RM": "MYR",
    "ر.س": "SAR",
    "د.إ": "AED",
    "ج.م": "EGP",
    "₼": "AZN",
    "₾": "GEL",
    "Fr.": "CHF",
    "SFr.": "CHF",
    "€uro": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "EUR€": "EUR",
    # the CFA franc: West African (XOF) by default; a hint of XAF (Central Africa) takes over
    "FCFA": "XOF",
    "F CFA": "XOF",
    "CFA": "XOF",
}

#: currencies written with a bare "$" and with a bare "kr"
DOLLAR_CODES = frozenset(
    {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "CLP", "COP", "ARS", "UYU", "DOP"}
)
KRONA_CODES = frozenset({"SEK", "NOK", "DKK", "ISK"})
YEN_CODES = frozenset({"CNY", "JPY"})
RUPEE_CODES = frozenset({"INR", "PKR", "LKR", "NPR"})
CFA_CODES = frozenset({"XOF", "XAF"})

_KANA = re.compile(r"[\u3040-\u30ff]|税込|税抜|円")

# Letters-only tokens must stand alone ("Rs" but not "Rsvp", "kr" but not "krone" inside words).
_symbol_alternatives = sorted(SYMBOLS, key=len, reverse=True)


def _token_pattern(token: str) -> str:
    escaped = re.escape(token)
    if token[0].isalpha():
        escaped = r"(?<![^\W\d_])" + escaped
    if token[-1].isalpha():
        # not glued to letters ("Rsvp") nor to a "-code": "RM-1172", "TL-WR841N" are model numbers
        escaped += r"(?![^\W\d_]|-\w)"
    return escaped


CURRENCY_RE = re.compile(
    "|".join(
        [r"(?<![A-Za-z])(?:" + "|".join(sorted(ISO_CODES)) + r")(?![A-Za-z]|-\w)"]
        + [_token_pattern(t) for t in _symbol_alternatives]
    )
)


def resolve_currency(token: str, *, hint: str | None = None, context: str = "") -> str | None:
    """Map a symbol or code seen in text to ISO 4217, using `hint` only where the symbol is shared.

    A bare "$" is used by a dozen currencies and "kr" by four, so guessing would put wrong money
    figures into reports; they resolve only when the hint belongs to the same family.
    """
    token = token.strip()
    upper = token.upper()
    if len(token) == 3 and upper == token and upper in ISO_CODES:
        return upper
    hint = hint.upper() if hint else None
    if token not in SYMBOLS:
        return None
    code = SYMBOLS[token]
    if token == "$":
        return hint if hint in DOLLAR_CODES else None
    if token in ("kr", "kr.", ":-"):
        return hint if hint in KRONA_CODES else None
    if token == "₨":
        return hint if hint in RUPEE_CODES else None
    if code in CFA_CODES and hint in CFA_CODES:
        return hint
    if token == "¥":
        if hint in YEN_CODES:
            return hint
        return "JPY" if _KANA.search(context) else "CNY"
    return code


def normalise_currency(value: str | None, *, hint: str | None = None) -> str | None:
    """Turn a currency field from structured data ("EUR", "€", "usd") into an ISO code or None."""
    if not value:
        return None
    value = value.strip()
    if len(value) == 3 and value.isalpha() and value.upper() in ISO_CODES:
        return value.upper()
    match = CURRENCY_RE.search(value)
    if match:
        return resolve_currency(match.group(0), hint=hint, context=value)
    return None
