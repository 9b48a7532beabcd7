"""Query-string input of the analysts' queue, validated into :class:`QueueFilters`.

The HTML pages and the JSON API both read filters through :func:`parse_filters`, so they accept
exactly the same query strings. Strict on purpose: a mistyped parameter or value that was silently
ignored would show an analyst an unfiltered queue while they believe it filtered.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from classifiers.types import SUSPECT_CATEGORIES

STATUSES: tuple[str, ...] = ("new", "confirmed", "dismissed", "escalated")
#: "informative": closest to the flagging threshold first (uncertainty sampling, see ``queue_page``)
ORDERS: tuple[str, ...] = ("score", "newest", "site", "informative")
MAX_SEARCH = 200
MAX_VALUES = 100
#: INTEGER columns: a larger id would be a database error, not an empty page
MAX_ID = 2**31 - 1
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_PARAMS = (
    "status",
    "category",
    "site",
    "language",
    "country",
    "seller",
    "assignee",
    "tag",
    "min_score",
    "max_score",
    "seen_from",
    "seen_to",
    "search",
)
#: order and cursor travel in the same query string but are the caller's to read, not filters
_PAGING_PARAMS = ("order", "cursor")


class BadFilter(ValueError):
    """A query-string value that is not a valid filter; the message names the parameter."""


@dataclass(frozen=True)
class QueueFilters:
    """What an analyst narrowed the queue to. Empty tuples and None mean "any".

    ``seen_from`` is inclusive and ``seen_to`` exclusive, both aware UTC datetimes, so adjacent
    ranges never count a listing twice.
    """

    statuses: tuple[str, ...] = ("new",)
    categories: tuple[str, ...] = ()
    site_ids: tuple[int, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    seller_id: int | None = None
    assignee_id: int | None = None
    tag: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    seen_from: datetime | None = None
    seen_to: datetime | None = None
    search: str | None = None


def _values(params: Mapping[str, str | list[str]], name: str) -> list[str]:
    raw = params.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    if len(items) > MAX_VALUES:
        raise BadFilter(f"{name}: at most {MAX_VALUES} values")
    out = []
    for item in items:
        if not isinstance(item, str):
            raise BadFilter(f"{name}: not text")
        item = item.strip()
        if _CONTROL.search(item):
            raise BadFilter(f"{name}: control characters are not allowed")
        if item:
            out.append(item)
    return out


def _single(params: Mapping[str, str | list[str]], name: str) -> str | None:
    values = _values(params, name)
    if len(values) > 1:
        raise BadFilter(f"{name}: given more than once")
    return values[0] if values else None


def _int(name: str, value: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 10 or not 1 <= int(value) <= MAX_ID:
        raise BadFilter(f"{name}: not a valid id: {value[:40]!r}")
    return int(value)


def _score(name: str, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadFilter(f"{name}: not a number: {value[:40]!r}") from None
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise BadFilter(f"{name}: must be between 0 and 1, not {value[:40]!r}")
    return number


def _when(name: str, value: str | None, *, end: bool) -> datetime | None:
    """A date (the whole day, so ``seen_to=2026-11-03`` includes the 3rd) or an ISO datetime."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
            return day + timedelta(days=1) if end else day
        moment = datetime.fromisoformat(value)
        # an offset can push year 1 or 9999 outside what datetime holds once converted to UTC
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadFilter(f"{name}: not a date (YYYY-MM-DD) or ISO datetime: {value[:40]!r}") from None


def parse_filters(params: Mapping[str, str | list[str]]) -> QueueFilters:
    """Validate query-string input into filters; any bad value is a :class:`BadFilter`.

    Strict on purpose: a mistyped parameter or value that was silently ignored would show the
    analyst an unfiltered queue while they believe it filtered. Empty values (a form's unset
    fields) mean "any". ``status=any`` lifts the default of showing only new items.
    """
    unknown = sorted(k for k in params if k not in _PARAMS and k not in _PAGING_PARAMS)
    if unknown:
        raise BadFilter(f"{unknown[0][:40]}: unknown filter (known: {', '.join(_PARAMS)})")
    statuses: tuple[str, ...] = ("new",)
    status_values = _values(params, "status")
    if status_values:
        for value in status_values:
            if value != "any" and value not in STATUSES:
                raise BadFilter(f"status: unknown status {value[:40]!r} (one of {', '.join(STATUSES)}, any)")
        statuses = () if "any" in status_values else tuple(dict.fromkeys(status_values))
    categories = tuple(dict.fromkeys(_values(params, "category")))
    for value in categories:
        if value not in SUSPECT_CATEGORIES:
            raise BadFilter(
                f"category: unknown category {value[:40]!r} (one of {', '.join(SUSPECT_CATEGORIES)})"
            )
    site_ids = tuple(dict.fromkeys(_int("site", v) for v in _values(params, "site")))
    languages = tuple(dict.fromkeys(_values(params, "language")))
    for value in languages:
        if not _LANGUAGE.match(value):
            raise BadFilter(f"language: not a language code: {value[:40]!r}")
    countries = tuple(dict.fromkeys(v.upper() for v in _values(params, "country")))
    for value in countries:
        if not _COUNTRY.match(value):
            raise BadFilter(f"country: not an ISO 3166 two-letter code: {value[:40]!r}")
    seller = _single(params, "seller")
    assignee = _single(params, "assignee")
    tag = _single(params, "tag")
    if tag is not None:
        tag = tag.lower()
        if len(tag) > 60:
            raise BadFilter("tag: longer than 60 characters")
    min_score = _score("min_score", _single(params, "min_score"))
    max_score = _score("max_score", _single(params, "max_score"))
    if min_score is not None and max_score is not None and min_score > max_score:
        raise BadFilter("min_score: greater than max_score")
    seen_from = _when("seen_from", _single(params, "seen_from"), end=False)
    seen_to = _when("seen_to", _single(params, "seen_to"), end=True)
    if seen_from is not None and seen_to is not None and seen_from >= seen_to:
        raise BadFilter("seen_from: not before seen_to")
    search = _single(params, "search")
    if search is not None:
        search = " ".join(search.split())
        if len(search) > MAX_SEARCH:
            raise BadFilter(f"search: longer than {MAX_SEARCH} characters")
    return QueueFilters(
        statuses=statuses,
        categories=categories,
        site_ids=site_ids,
        languages=languages,
        countries=countries,
        seller_id=None if seller is None else _int("seller", seller),
        assignee_id=None if assignee is None else _int("assignee", assignee),
        tag=tag,
        min_score=min_score,
        max_score=max_score,
        seen_from=seen_from,
        seen_to=seen_to,
        search=search or None,
    )
