"""Phone numbers (and the messaging accounts keyed by them) in a de-obfuscated text.

Why not `phonenumbers.PhoneNumberMatcher` alone: it reads only plain digits, so it can neither see
through "zero nine one..." nor say which app a number is for, and it takes many prices and order
numbers for phones. Here candidates are digit groups joined by at most three spaces, dots, dashes
or brackets, found with possessive (linear-time) patterns; each candidate is cut into the sub-runs
that parse as numbers (a price glued to a phone, two phones in a row), and every sub-run must pass:

- no price, reference or bank-account label nearest before it, no currency or unit right beside
  it, no date, year list or thousands grouping (``1.500.000``) in it;
- `phonenumbers` validity: an unlabelled number must be *valid* (and look like a phone: eight digits
  or more); a number clearly presented as a contact number (a label before it, an app after it, a
  link) is kept even when invalid, with ``valid=False`` so that an analyst sees it was not dropped.

The label decides the kinds (`networks.cues`): every app named, plus ``phone`` for a voice word or
when no app is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from networks.cues import apps_after, joins_list, label_before
from networks.textmap import MappedText

MAX_PARSES = 2000
"""Upper bound of `phonenumbers.parse` calls for one text (hostile input: pages of digits)."""
MAX_EVALUATIONS = 5_000
"""Upper bound of digit spans weighed for one text (each costs a few regex matches)."""
MAX_CANDIDATES = 5_000
"""Upper bound of digit runs looked at in one text."""

_CANDIDATE_RE = re.compile(r"(?<![0-9])\+?\(?[0-9]++(?:[ \t.\-(),]{1,3}+[0-9]++)*+")
_GROUP_RE = re.compile(r"[0-9]+")
_MAX_GROUP = 15
_MAX_GROUPS = 64  # digit groups read from one unbroken run (a list of phones has a dozen or two)
_MIN_LABELLED = 6
_MIN_UNLABELLED = 8
_MAX_DIGITS = 17

_CURRENCY_BEFORE_RE = re.compile(
    r"(?:US\$|NT\$|HK\$|S\$|R\$|A\$|C\$|\$|€|£|¥|￥|₫|₱|₹|₦|฿|\bRM|\bRp\.?|\bIDR|\bUSD|\bEUR|\bGBP|\bCNY"
    r"|\bRMB|\bVND|\bVNĐ|\bBRL|\bMXN|\bARS|\bCOP|\bPEN|\bCLP|\bKES|\bKsh|\bNGN|\bPHP|\bINR|\bRs\.?|\bZAR"
    r"|\bFCFA|\bXAF|\bXOF|\bCFA|\bKz|\bS/\.?)\s?\Z",
    re.IGNORECASE,
)
_AFTER_RE = re.compile(
    r"\s?(?:€|\$|£|¥|元|块|塊|万|萬|千|百|亿|đ|₫|%|°|×|\"|''|′|″|只|件|个|個|克|公斤|斤|厘米|公分|毫米|米|年|月|日|号|號|岁|歲|楼|樓"
    r"|(?:vnđ|vnd|đồng|dong|k|rb|ribu|jt|juta|triệu|trieu|tr|nghìn|ngàn|eur|euros?|usd|dólares|dolares"
    r"|pesos?|reais|real|soles|yuan|rmb|fcfa|cfa|f|kz|mt|ksh|rupiah|rs|ars|mxn|cop|brl|clp|pen"
    r"|cm|mm|km|kgs?|g|gr|grams?|grammes?|gramos|ml|lbs?|oz|inch|inches|pulgadas|ekor|pcs|pc"
    r"|pieces?|piezas|unidades|uds|unid|buah|cái|con|chiếc|cặp|hrs?|horas|heures|giờ|jam|tahun"
    r"|años|anos|ans|năm|months?|meses|mois|bulan|tháng|days?|días|dias|jours|hari|ngày|ct|carats?"
    r"|quilates|kt|sets?|sizes?|pages?|photos?|vezes|fois|veces)(?![^\W\d_]))",
    re.IGNORECASE,
)
_PRICE_GROUPING_RE = re.compile(r"[1-9][0-9]{0,2}([.,])[0-9]{3}(?:\1[0-9]{3})*(?:[.,][0-9]{1,2})?")
_DATE_IN_RE = re.compile(
    r"(?<![0-9])(?:[0-9]{1,2}([./\-])[0-9]{1,2}\1(?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}([./\-])[0-9]{1,2}\2[0-9]{1,2})(?![0-9])"
)
_DATE_SHORT_RE = re.compile(r"([0-9]{1,2})([./\-])([0-9]{1,2})\2([0-9]{2})")
_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")

# Where a number of unknown country is tried, when the listing names no site country.
LANGUAGE_REGIONS: dict[str, tuple[str, ...]] = {
    "en": ("US", "GB", "AU", "CA", "NZ", "IE", "ZA", "NG", "KE", "GH", "PH", "IN", "SG", "MY"),
    "es": (
        "MX",
        "ES",
        "CO",
        "AR",
        "PE",
        "CL",
        "EC",
        "VE",
        "GT",
        "BO",
        "DO",
        "HN",
        "PY",
        "SV",
        "CR",
        "PA",
        "UY",
    ),
    "fr": ("FR", "BE", "CH", "CA", "CM", "CI", "SN", "CD", "MA", "DZ", "TN", "ML", "BF", "GA", "CG", "MG"),
    "pt": ("BR", "PT", "AO", "MZ"),
    "vi": ("VN",),
    "id": ("ID",),
    "zh": ("CN", "TW", "HK", "MO", "SG", "MY"),
}
# Apps tied to one country: a local number given for them is read in that country first.
_APP_REGION = {"zalo": "VN", "wechat": "CN"}


@dataclass(frozen=True, slots=True)
class PhoneHit:
    """One number found in the view: its view span, the kinds it has, and what phonenumbers said."""

    start: int
    end: int
    kinds: tuple[str, ...]
    value: str
    valid: bool
    possible: bool
    region: str | None
    obfuscated: bool


@dataclass(slots=True)
class _Context:
    labelled: bool
    channels: tuple[str, ...]


class Budget:
    """Work done on one text: hostile input (pages of digits) stops at the caps, not at the end."""

    __slots__ = ("evaluations", "parses")

    def __init__(self) -> None:
        self.parses = 0
        self.evaluations = 0

    @property
    def exhausted(self) -> bool:
        return self.parses >= MAX_PARSES or self.evaluations >= MAX_EVALUATIONS


def find_phones(
    view: MappedText,
    *,
    default_region: str | None,
    language: str | None,
    claimed: bytearray,
    budget: Budget | None = None,
) -> list[PhoneHit]:
    """Numbers in ``view.view``, with view spans (``view.span_to_original`` maps them back).

    ``claimed`` marks the spans already taken by links, e-mail addresses, wallets and handles,
    indexed by *original* offsets: a number overlapping one is not read.
    """
    text = view.view
    hits: list[PhoneHit] = []
    budget = budget or Budget()
    floor = 0
    previous: PhoneHit | None = None
    previous_context: _Context | None = None
    for count, match in enumerate(_CANDIDATE_RE.finditer(text)):
        if budget.exhausted or count >= MAX_CANDIDATES:
            break
        if match.end() - match.start() < _MIN_LABELLED:
            floor = max(floor, match.end())
            continue  # too short to hold a number
        groups = []
        for group in _GROUP_RE.finditer(text, match.start(), match.end()):
            groups.append((group.start(), group.end()))
            if len(groups) >= _MAX_GROUPS:
                break
        for segment in _segments(view, groups):
            segment = _trim_edges(text, segment)
            if not segment:
                continue
            for hit, context in _read_segment(
                view, segment, default_region, language, claimed, budget, floor, previous, previous_context
            ):
                hits.append(hit)
                previous, previous_context = hit, context
                floor = hit.end
        floor = max(floor, match.end())
    return hits


def _segments(view: MappedText, groups: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split a candidate at over-long digit groups and at commas that no de-obfuscation put there."""
    text = view.view
    segments: list[list[tuple[int, int]]] = [[]]
    for start, end in groups:
        if end - start > _MAX_GROUP:
            segments.append([])
            continue
        current = segments[-1]
        if current:
            gap = text[current[-1][1] : start]
            if "," in gap and not view.edited_between(current[-1][0], end):
                segments.append([])
                current = segments[-1]
        current.append((start, end))
    return [s for s in segments if s]


def _trim_edges(text: str, segment: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop an edge group glued to letters: it belongs to a code or a unit ("SP2024", "2kg", "A-15")."""
    if segment:
        start = segment[0][0]
        before = text[start - 1] if start > 0 else ""
        before2 = text[start - 2] if start > 1 else ""
        if _is_ascii_letter(before) or (before in "-_/" and (_is_ascii_letter(before2) or before2.isdigit())):
            segment = segment[1:]
    if segment:
        end = segment[-1][1]
        after = text[end] if end < len(text) else ""
        after2 = text[end + 1] if end + 1 < len(text) else ""
        if _is_ascii_letter(after) or (after in "-_/" and (_is_ascii_letter(after2) or after2.isdigit())):
            segment = segment[:-1]
    return segment


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _read_segment(
    view: MappedText,
    groups: list[tuple[int, int]],
    default_region: str | None,
    language: str | None,
    claimed: bytearray,
    budget: Budget,
    floor: int,
    previous: PhoneHit | None,
    previous_context: _Context | None,
) -> list[tuple[PhoneHit, _Context]]:
    text = view.view
    found: list[tuple[PhoneHit, _Context]] = []
    n = len(groups)
    prefix = [0]
    for start, end in groups:
        prefix.append(prefix[-1] + end - start)
    i = 0
    while i < n and not budget.exhausted:
        context = _context(text, groups[i][0], floor, previous, previous_context, found)
        # every group holds a digit, so a number of at most _MAX_DIGITS spans at most that many groups
        ends = [
            j
            for j in range(min(n - 1, i + _MAX_DIGITS), i - 1, -1)
            if _MIN_LABELLED <= prefix[j + 1] - prefix[i] <= _MAX_DIGITS
        ]
        taken = None
        for j in ends:
            hit = _evaluate(
                view, groups, i, j, context, default_region, language, claimed, budget, strict=True
            )
            if hit is not None:
                taken = (j, hit)
                break
        if taken is None and context.labelled and not found and ends:
            # presented as a number but no part of it is valid: keep the longest readable span
            hit = _evaluate(
                view, groups, i, ends[0], context, default_region, language, claimed, budget, strict=False
            )
            if hit is not None:
                taken = (ends[0], hit)
        if taken is None:
            i += 1
            continue
        j, hit = taken
        found.append((hit, context))
        i = j + 1
    return found


def _context(
    text: str,
    start: int,
    floor: int,
    previous: PhoneHit | None,
    previous_context: _Context | None,
    found: list[tuple[PhoneHit, _Context]],
) -> _Context:
    """Whether the number at ``start`` is presented as one, and with which channels."""
    if found:  # a later number of the same run of digits: the list goes on
        return found[-1][1]
    label = label_before(text, _include_prefix(text, start), floor)
    if label is not None:
        if label.nearest in ("ref", "price"):
            return _Context(False, ("ref",))
        return _Context(True, label.channels)
    if previous is not None and previous_context is not None and joins_list(text, previous.end, start):
        return previous_context
    return _Context(False, ())


def _include_prefix(text: str, start: int) -> int:
    """Step back over a leading "+" or "(" that belongs to the number."""
    while start > 0 and text[start - 1] in "+(":
        start -= 1
    return start


def _evaluate(
    view: MappedText,
    groups: list[tuple[int, int]],
    i: int,
    j: int,
    context: _Context,
    default_region: str | None,
    language: str | None,
    claimed: bytearray,
    budget: Budget,
    *,
    strict: bool,
) -> PhoneHit | None:
    text = view.view
    budget.evaluations += 1
    start = _include_prefix(text, groups[i][0])
    end = groups[j][1]
    if context.channels == ("ref",):
        return None
    original_start, original_end = view.span_to_original(start, end)
    if claimed.find(1, original_start, original_end) != -1:
        return None
    raw = text[start:end]
    if _looks_like_quantity(text, start, end, raw, context.labelled):
        return None
    digits = "".join(text[s:e] for s, e in groups[i : j + 1])
    international = raw.startswith("+") or digits.startswith("00")
    trailing, additive = apps_after(text, end)
    channels = tuple(dict.fromkeys((*context.channels, *trailing)))
    labelled = context.labelled or bool(trailing)
    if not labelled and len(digits) < _MIN_UNLABELLED:
        return None
    if len(digits.lstrip("0")) < _MIN_LABELLED:
        return None
    if not labelled and not strict:
        return None
    if budget.exhausted:
        return None
    parsed = _parse(digits, international, default_region, language, channels, budget)
    if parsed is None:
        if strict or not labelled:
            return None
        value, valid, possible, region = digits, False, False, None
    else:
        value, valid, possible, region = parsed
    if strict and not valid:
        return None
    if not labelled and not _looks_like_phone(raw, digits, international):
        return None
    before = [c for c in context.channels if c != "phone"]
    voice = "phone" in context.channels or not (before or trailing) or (additive and not before)
    kinds = tuple(dict.fromkeys(c for c in channels if c != "phone")) + (("phone",) if voice else ())
    return PhoneHit(
        start=start,
        end=end,
        kinds=kinds,
        value=value,
        valid=valid,
        possible=possible,
        region=region,
        obfuscated=view.edited_between(start, end),
    )


def _looks_like_phone(raw: str, digits: str, international: bool) -> bool:
    """An unlabelled valid number must also be written like one (not a bare 8-9 digit id)."""
    if international or digits.startswith("0") or len(digits) >= 10:
        return True
    return any(not char.isdigit() for char in raw)


def _looks_like_quantity(text: str, start: int, end: int, raw: str, labelled: bool) -> bool:
    """Prices, dates, years, measures: what a number beside a currency or unit is."""
    if _CURRENCY_BEFORE_RE.search(text, max(0, start - 6), start):
        return True
    if _AFTER_RE.match(text, end, min(len(text), end + 12)):
        return True
    if _DATE_IN_RE.search(raw):
        return True
    short = _DATE_SHORT_RE.fullmatch(raw)
    if short and _is_day_month(int(short.group(1)), int(short.group(3))):
        return True
    parts = _GROUP_RE.findall(raw)
    if len(parts) >= 2 and all(_YEAR_RE.fullmatch(p) for p in parts):
        return True
    return not labelled and _PRICE_GROUPING_RE.fullmatch(raw) is not None


def _is_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def _legacy(digits: str, international: bool, region: str | None) -> str:
    """Mexican mobiles are still written with the retired "044"/"045" and "+52 1" prefixes."""
    if international:
        plain = digits[2:] if digits.startswith("00") else digits
        if plain.startswith("521") and len(plain) == 13:
            return "52" + plain[3:]
        return plain
    if region == "MX" and digits[:3] in ("044", "045") and len(digits) == 13:
        return digits[3:]
    return digits


def _parse(
    digits: str,
    international: bool,
    default_region: str | None,
    language: str | None,
    channels: tuple[str, ...],
    budget: Budget,
) -> tuple[str, bool, bool, str | None] | None:
    """(E.164, valid, possible, region) for the first region that reads ``digits`` validly."""
    if international:
        return _try(budget, "+" + _legacy(digits, True, None), None)
    regions: list[str] = []
    for channel in channels:
        hint = _APP_REGION.get(channel)
        if hint:
            regions.append(hint)
    if default_region:
        regions.append(default_region.upper())
    elif language in LANGUAGE_REGIONS:
        candidates = LANGUAGE_REGIONS[language]
        valid = [r for r in candidates if (got := _try(budget, _legacy(digits, False, r), r)) and got[1]]
        if len(valid) == 1 or (valid and valid[0] == candidates[0]):
            regions.append(valid[0])
    first: tuple[str, bool, bool, str | None] | None = None
    for region in dict.fromkeys(regions):
        got = _try(budget, _legacy(digits, False, region), region)
        if got is None:
            continue
        if got[1]:
            return got
        if first is None:
            first = got
    return first


def _without_trunk_prefix(number: str, region: str) -> str | None:
    """E.164 of an invalid national number: phonenumbers keeps its trunk "0" when it cannot tell."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.country_code is None:
        return None
    prefix = metadata.national_prefix or ""
    digits = number[len(prefix) :] if prefix and number.startswith(prefix) else number
    return f"+{metadata.country_code}{digits}"


def _try(budget: Budget, number: str, region: str | None) -> tuple[str, bool, bool, str | None] | None:
    budget.parses += 1
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    valid = phonenumbers.is_valid_number(parsed)
    possible = valid or phonenumbers.is_possible_number(parsed)
    value = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if not valid and region is not None and not number.startswith("+"):
        value = _without_trunk_prefix(number, region) or value
    found_region = phonenumbers.region_code_for_number(parsed) if valid else region
    return value, valid, possible, found_region


def parse_number(
    digits: str, *, international: bool, region: str | None, budget: Budget
) -> tuple[str, bool, bool, str | None] | None:
    """(E.164, valid, possible, region) of a number given by a link, or None if unreadable/over budget."""
    if budget.exhausted:
        return None
    if international:
        return _try(budget, "+" + _legacy(digits, True, None), None)
    return _try(budget, _legacy(digits, False, region), region)
