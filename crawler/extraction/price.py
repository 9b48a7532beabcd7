"""Parse a price string into (decimal string, ISO 4217 code).

Money never passes through float: the result is a plain decimal string with '.' as separator and
no grouping. Finding the number and its currency in the text is done here; reading the number's
separators is ``classifiers.money.normalise_number``, the one implementation the classifier's
JSONL reader uses too, so a price typed into a file and one crawled from a page read the same.

Decisions worth knowing:
* ranges ("10 - 20 €") and "from" prices give the first (lowest listed) number;
* a bare "Free"/"Gratis"/"Grátis"/"Gratuit"/"Kostenlos"/"免费" (the whole string, give or take
  punctuation) is "0": a giveaway is still an offer, and analysts want to see it;
* a bare "$", "kr" or "₨" gives no currency unless `currency_hint` is of the same family;
* "¥" is CNY unless the text contains Japanese kana (or the hint says JPY).
"""

from __future__ import annotations

import re
import unicodedata

from classifiers.money import normalise_number

from .currencies import CURRENCY_RE, resolve_currency

_NUMBER_RE = re.compile(r"\d+(?:[.,'’ ]\d{3}(?!\d))*(?:[.,]\d+)?")
_FREE_RE = re.compile(
    r"^\W*(free|gratis|gratuit|gratuito|grátis|kostenlos|umsonst|darmowe|бесплатно|"
    r"miễn phí|免费|無料)\W*$",
    re.IGNORECASE,
)
_MAX_INPUT = 2_000
#: a currency token further than this many characters from the number is not its currency
_NEAR = 4


def _numbers(text: str, currency_ends: set[int]) -> list[re.Match[str]]:
    """Numbers not glued to a word ("RTX3080"), unless the word is a currency ("Rp150.000")."""
    found = []
    for match in _NUMBER_RE.finditer(text):
        start = match.start()
        if start and text[start - 1].isalpha() and start not in currency_ends:
            continue
        if match.end() < len(text) and text[match.end()].isalpha():
            # "12cm", "3x" are measures; but "150.000đ", "30,000원", "99zł" are prices
            following = CURRENCY_RE.match(text, match.end())
            if not following:
                continue
        found.append(match)
    return found


def parse_price(text: str, *, currency_hint: str | None = None) -> tuple[str | None, str | None]:
    """Return (amount, currency) from a human-written price; (None, None) if there is no price.

    `currency_hint` (an ISO code, e.g. from the site's locale) fills in a missing currency and
    resolves shared symbols such as "$" or "kr".
    """
    if not text:
        return None, None
    text = unicodedata.normalize("NFKC", str(text)[:_MAX_INPUT])
    hint = currency_hint.upper() if currency_hint and len(currency_hint) == 3 else None
    currencies = list(CURRENCY_RE.finditer(text))
    # "1.200.000đ" vs the Vietnamese word "đồng"; "kr" in words is already excluded by the pattern.
    numbers = _numbers(text, {m.end() for m in currencies} | {m.end() + 1 for m in currencies})
    if not numbers:
        if _FREE_RE.match(text):
            return "0", hint
        return None, None
    chosen = numbers[0]
    currency_match: re.Match[str] | None = None
    if currencies:
        # prefer the first number that has a currency token right next to it
        for number in numbers:
            near = _nearest(number, currencies)
            if near is not None:
                chosen, currency_match = number, near
                break
    chosen = _range_start(text, numbers, chosen)
    amount = normalise_number(chosen.group(0).strip())
    if amount is None:
        return None, None
    if currency_match is not None:
        currency = resolve_currency(currency_match.group(0), hint=hint, context=text)
    elif currencies:
        currency = resolve_currency(currencies[0].group(0), hint=hint, context=text)
    else:
        currency = hint
    if currency is None and currency_match is not None:
        # "$1,234.50 MXN", "kr 99 SEK": a shared symbol qualified by a code on the other side
        currency = _qualifying_code(chosen, currencies, currency_match, hint, text)
    return amount, currency


def _qualifying_code(
    number: re.Match[str],
    currencies: list[re.Match[str]],
    used: re.Match[str],
    hint: str | None,
    text: str,
) -> str | None:
    for other in currencies:
        if other is used or _nearest(number, [other]) is None:
            continue
        code = resolve_currency(other.group(0), hint=hint, context=text)
        if code is not None:
            return code
    return None


_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|~|to|bis|à|a|até|hasta|до|đến|sampai|至)\s*\S{0,3}\s*$", re.IGNORECASE)


def _range_start(text: str, numbers: list[re.Match[str]], chosen: re.Match[str]) -> re.Match[str]:
    """In "10 - 20 €" the currency sits by the high end; a range is reported by its low end."""
    index = numbers.index(chosen)
    if index and _RANGE_GAP.match(text[numbers[index - 1].end() : chosen.start()]):
        return numbers[index - 1]
    return chosen


def _nearest(number: re.Match[str], currencies: list[re.Match[str]]) -> re.Match[str] | None:
    best: tuple[int, re.Match[str]] | None = None
    for cur in currencies:
        if cur.end() <= number.start():
            gap = number.start() - cur.end()
        elif cur.start() >= number.end():
            gap = cur.start() - number.end()
        else:
            continue
        if gap <= _NEAR and (best is None or gap < best[0]):
            best = (gap, cur)
    return best[1] if best else None
