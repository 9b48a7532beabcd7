"""A currency hint from the page's language tag and the host's country domain.

The hint never overrides a currency written on the page: it only resolves shared symbols ("$",
"kr", "¥") and fills in a currency the page leaves implicit.
"""

from __future__ import annotations

from urllib.parse import urlsplit

_REGION_CURRENCY = {
    "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "GB": "GBP", "UK": "GBP", "IE": "EUR",
    "MX": "MXN", "CL": "CLP", "CO": "COP", "AR": "ARS", "UY": "UYU", "BR": "BRL", "PE": "PEN",
    "JP": "JPY", "CN": "CNY", "TW": "TWD", "HK": "HKD", "SG": "SGD", "KR": "KRW", "IN": "INR",
    "ID": "IDR", "VN": "VND", "TH": "THB", "PH": "PHP", "MY": "MYR", "RU": "RUB", "UA": "UAH",
    "KZ": "KZT", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "RO": "RON", "BG": "BGN", "HR": "EUR",
    "SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK", "CH": "CHF", "TR": "TRY", "IL": "ILS",
    "SA": "SAR", "AE": "AED", "EG": "EGP", "ZA": "ZAR", "NG": "NGN", "KE": "KES", "PK": "PKR",
    "DE": "EUR", "FR": "EUR", "ES": "EUR", "IT": "EUR", "PT": "EUR", "NL": "EUR", "BE": "EUR",
    "AT": "EUR", "FI": "EUR", "GR": "EUR", "SK": "EUR", "SI": "EUR", "LV": "EUR", "LT": "EUR",
    "EE": "EUR", "LU": "EUR",
}  # fmt: skip
_LANGUAGE_CURRENCY = {
    "ja": "JPY", "zh": "CNY", "ko": "KRW", "vi": "VND", "id": "IDR", "th": "THB", "ru": "RUB",
    "uk": "UAH", "pl": "PLN", "cs": "CZK", "hu": "HUF", "ro": "RON", "sv": "SEK", "nb": "NOK",
    "no": "NOK", "da": "DKK", "tr": "TRY", "he": "ILS", "hi": "INR", "pt": None, "es": None,
}  # fmt: skip
_GENERIC_SUFFIXES = {"com", "net", "org", "co", "info", "biz", "shop", "store", "online", "io"}


def currency_hint(url: str, language: str | None) -> str | None:
    """ISO currency suggested by the country-code domain, else by the language tag's region."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 2 and labels[-1] not in _GENERIC_SUFFIXES and len(labels[-1]) == 2:
        code = _REGION_CURRENCY.get(labels[-1].upper())
        if code:
            return code
    if language:
        parts = language.replace("_", "-").split("-")
        if len(parts) > 1 and parts[1].upper() in _REGION_CURRENCY:
            return _REGION_CURRENCY[parts[1].upper()]
        return _LANGUAGE_CURRENCY.get(parts[0].lower())
    return None


#: country-code domains sold to anyone, which say nothing about where a site is
_VANITY_CCTLDS = {"io", "co", "tv", "me", "ai", "fm", "ly", "to", "cc", "ws", "gg", "sh", "am", "la", "nu"}


def country_hint(url: str, language: str | None) -> str | None:
    """ISO 3166-1 alpha-2 country suggested by the host's country-code domain (``.pl``,
    ``.com.br``), else by the language tag's region (``en-US``); None when neither says."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""
    labels = [label for label in host.split(".") if label]
    if (
        len(labels) >= 2
        and len(labels[-1]) == 2
        and labels[-1].isalpha()
        and labels[-1] not in _VANITY_CCTLDS
    ):
        return "GB" if labels[-1] == "uk" else labels[-1].upper()
    if language:
        parts = language.replace("_", "-").split("-")
        if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha():
            return parts[1].upper()
    return None
