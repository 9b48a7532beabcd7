"""How a written amount ("1.234,56", "1 234,56", "1,234.56", "1.200.000") becomes a decimal.

The crawler's price extraction and the classifier's JSONL reader both have to read numbers that
people wrote. Two implementations would disagree on exactly the hard cases (dotted thousands),
so there is one, here. It lives under ``classifiers`` because imports run one way (the crawler
may import classifiers, never the reverse), and it depends on nothing else in either package.

Money never passes through float: results are plain decimal strings ("1234.56") or ``Decimal``.

Reading the separators (".", ",", and, for grouping only, spaces and apostrophes):

- a separator that occurs once and is not followed by exactly three digits is the decimal
  separator: "1234,5" is 1234.5, "12.99" is 12.99;
- with both "." and ",", the last one is decimal: "1.234,56" and "1,234.56" are both 1234.56;
- a separator that repeats only groups: "1.200.000" is 1200000, "1,23,456" is 123456;
- spaces (also no-break and narrow no-break spaces) and apostrophes only group: "1 234,56",
  "1'299.00";
- the ambiguous case, one "." or "," followed by exactly three digits ("1.234", "1,234"), is
  grouping (1234) unless the integer part is zero ("0.500") or the writer's locale says that
  character is its decimal separator (``decimal_separator``; see ``locale_decimal_separator``).
  Grouping is the default because a marketplace price with three decimals is rare and one
  with thousands is common, and because guessing "decimal" would make a 1234 EUR ivory carving
  look like a 1.23 EUR trinket.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

#: A written amount: digits, groups after spaces/apostrophes of exactly three digits, and
#: groups or a decimal part after "." or ",". Checked before separators are interpreted so that
#: "12 34" or "1a2" are refused instead of being read as 1234 or 12.
_AMOUNT_RE = re.compile(r"\d+(?:[' ]\d{3}|[.,]\d+)*")
_MAX_AMOUNT_CHARS = 64

#: Currencies priced in whole units: ISO 4217's zero-decimal ones, plus IDR whose cents are never
#: used. In "1.234 JPY" the separator can only group, whatever the language says.
ZERO_DECIMAL_CURRENCIES = frozenset(
    {"BIF", "CLP", "DJF", "GNF", "IDR", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
     "VUV", "XAF", "XOF", "XPF"}
)  # fmt: skip
#: Languages whose decimal separator is "." (CLDR's standard number symbols).
_DOT_LANGUAGES = frozenset(
    {"en", "zh", "ja", "ko", "th", "he", "hi", "bn", "ta", "te", "mr", "gu", "kn", "ml", "pa", "ur",
     "ms", "fil", "tl", "sw", "ga", "mt", "my", "ne", "si", "km", "lo"}
)  # fmt: skip
#: Languages whose decimal separator is ",".
_COMMA_LANGUAGES = frozenset(
    {"de", "fr", "es", "pt", "it", "nl", "ru", "pl", "tr", "vi", "id", "cs", "sk", "hu", "ro", "bg",
     "uk", "sv", "nb", "nn", "no", "da", "fi", "el", "hr", "sl", "sr", "bs", "lt", "lv", "et", "ca",
     "eu", "gl", "az", "kk", "be", "is", "sq", "mk", "ka", "hy", "af", "uz"}
)  # fmt: skip
#: Regions that write decimals differently from their language's default.
_REGION_SEPARATOR = {
    ("es", "MX"): ".", ("es", "US"): ".", ("es", "PR"): ".", ("es", "DO"): ".", ("es", "GT"): ".",
    ("es", "HN"): ".", ("es", "NI"): ".", ("es", "PA"): ".", ("es", "SV"): ".", ("es", "PE"): ".",
    ("de", "CH"): ".", ("de", "LI"): ".", ("it", "CH"): ".", ("en", "ZA"): ",", ("ms", "BN"): ",",
}  # fmt: skip


def normalise_number(raw: str, *, decimal_separator: str | None = None) -> str | None:
    """Turn "1.234,56" / "1,250.00" / "1 200 000" / "1'299.00" into "1234.56" / "1250.00" / ...

    ``raw`` is one number as found by the caller (the crawler's pattern or ``parse_amount``'s);
    ``decimal_separator`` ("." or ",") settles only the ambiguous "1.234" / "1,234" case.
    Returns ``None`` for a shape that is not one trustworthy number ("1.23.45").
    """
    raw = raw.strip().replace("’", "'")
    if not raw or not raw[0].isdigit():
        return None
    seps = [(i, ch) for i, ch in enumerate(raw) if not ch.isdigit()]
    if not seps:
        return raw.lstrip("0") or "0"
    last_pos, last_ch = seps[-1]
    tail = raw[last_pos + 1 :]
    decimal_pos: int | None = None
    if last_ch in ".,":
        same = [p for p, c in seps if c == last_ch]
        others = [p for p, c in seps if c != last_ch and c in ".,"]
        if len(tail) != 3:
            decimal_pos = last_pos if len(same) == 1 else None
        elif others and len(same) == 1:
            decimal_pos = last_pos  # "1,234.567": mixed separators, the last one is decimal
        elif len(same) == 1 and raw[:last_pos].strip("0") == "":
            decimal_pos = last_pos  # "0.500"
        elif len(same) == 1 and last_ch == decimal_separator:
            decimal_pos = last_pos  # "1.234" written by an English speaker
        if decimal_pos is None and len(tail) != 3:
            return None  # "1.23.45" is not a number we trust
    integer = "".join(ch for ch in raw[: decimal_pos if decimal_pos is not None else None] if ch.isdigit())
    integer = integer.lstrip("0") or "0"
    if decimal_pos is None:
        return integer
    return f"{integer}.{tail}"


def locale_decimal_separator(lang: str | None, currency: str | None = None) -> str | None:
    """The decimal separator ("." or ",") that ``lang`` (and ``currency``) imply, if they do.

    ``None`` means "no opinion": the ambiguous case is then read as grouping. A currency without
    minor units also gives ``None``, because "1.234 JPY" cannot be a fraction of a yen.
    """
    if currency and currency.strip().upper() in ZERO_DECIMAL_CURRENCIES:
        return None
    if not lang:
        return None
    parts = lang.strip().replace("_", "-").split("-")
    language = parts[0].lower()
    region = parts[1].upper() if len(parts) > 1 else ""
    override = _REGION_SEPARATOR.get((language, region))
    if override is not None:
        return override
    if language in _DOT_LANGUAGES:
        return "."
    if language in _COMMA_LANGUAGES:
        return ","
    return None


def parse_amount(text: str, *, decimal_separator: str | None = None) -> Decimal | None:
    """A whole string that is one written amount ("1 234,56") as a ``Decimal``; else ``None``.

    Unlike the crawler's ``parse_price`` this does not look for a number inside prose: the string
    must be the number (surrounding whitespace aside), so a field holding "12cm" or "1e3" is
    refused rather than half-read. A leading separator (".5") reads as "0.5".
    """
    text = unicodedata.normalize("NFKC", text).strip().replace("’", "'")
    if len(text) > _MAX_AMOUNT_CHARS:
        return None
    if text[:1] in (".", ","):
        text = "0" + text
    if not _AMOUNT_RE.fullmatch(text):
        return None
    number = normalise_number(text, decimal_separator=decimal_separator)
    if number is None:
        return None
    try:
        return Decimal(number)
    except InvalidOperation:
        return None
