"""Which country a stated place is in: "Kraków, Małopolskie", "San Jose, CA", "Hà Nội", "Lyon (69)".

A listing states its place loosely: a city, a city and its region, a region and its country,
or a country alone, in the page's language. :func:`resolve` reads the parts from the most
general end (the last) to the most specific: a country name settles it; a subdivision names its
country; a subdivision code ("CA") counts only for the country of the city before it; a city is
taken in the site's country when it exists there, else in the country where it is largest.

The table is read once, lazily, from ``places.tsv.gz`` (about 0.7 MB, built by ``build``), so a
crawl that never meets a location pays nothing for it.
"""

from __future__ import annotations

import bisect
import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("places.tsv.gz")
#: a stated place is split into parts at these
_SEPARATORS = re.compile(r"[,;/|·•›»>\n()\[\]–—]|\s-\s")
#: at most this many parts of one stated place are looked up
MAX_PARTS = 8
#: a stated place longer than this is not a place (a sentence, a description)
MAX_PLACE_CHARS = 200
_CHINESE_SUFFIXES = ("特别行政区", "自治区", "省", "市", "区", "县")
#: the weight build gives a country name or code (above any city's population)
COUNTRY_WEIGHT = 10**10
#: a city named by only some words of a part must be at least this large
WITHIN_MIN_POPULATION = 500_000
MAX_WINDOW_WORDS = 6


def fold(text: str) -> str:
    """Case, accents, hyphens and spacing folded away: "Hà-Nội " -> "ha noi"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).replace("đ", "d").replace("ł", "l")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("-", " ").replace("_", " ").replace(".", " ").split())


@dataclass(frozen=True)
class Place:
    """A stated place and the country it resolved to (ISO 3166-1 alpha-2), with how."""

    text: str
    country: str | None
    #: country | subdivision | code | city | site (only the site's own country was known)
    how: str


class Table:
    """The gazetteer's sorted lines, searched by bisection: loading is one decompression and
    one split (a few tens of milliseconds), and a line is parsed only when it is looked up."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines

    def get(
        self, key: tuple[str, str], default: tuple[tuple[str, int], ...] = ()
    ) -> tuple[tuple[str, int], ...]:
        name, kind = key
        prefix = f"{name}\t{kind}\t"
        at = bisect.bisect_left(self._lines, prefix)
        if at >= len(self._lines) or not self._lines[at].startswith(prefix):
            return default
        countries = self._lines[at][len(prefix) :]
        return tuple((cc, int(weight)) for cc, weight in (item.split(":") for item in countries.split(",")))

    def countries(self) -> frozenset[str]:
        """Every country code the table names (read once for the alpha-2 check)."""
        return frozenset(
            item.split(":")[0] for line in self._lines for item in line.rsplit("\t", 1)[1].split(",")
        )


@lru_cache(maxsize=1)
def table() -> Table:
    """The gazetteer, read once per process."""
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        return Table(handle.read().splitlines())


def _lookup(part: str, kind: str) -> tuple[tuple[str, int], ...]:
    key = fold(part)
    found = table().get((key, kind), ())
    if not found and kind == "city":
        for suffix in _CHINESE_SUFFIXES:
            if part.endswith(suffix) and len(part) > len(suffix) + 1:
                return table().get((fold(part[: -len(suffix)]), kind), ())
    return found


def _city_country(part: str, hint: str | None) -> str | None:
    candidates = _lookup(part, "city")
    if not candidates:
        return None
    if hint is not None and any(cc == hint for cc, _ in candidates):
        return hint
    return candidates[0][0]


def parts_of(text: str) -> list[str]:
    parts = [" ".join(p.split()) for p in _SEPARATORS.split(text[:MAX_PLACE_CHARS])]
    return [p for p in parts if p and not p.isdigit()][:MAX_PARTS]


def resolve(text: str, hint: str | None = None) -> Place | None:
    """The country of a stated place; ``hint``: the site's country (ISO alpha-2), if known."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_PLACE_CHARS:
        return None
    hint = hint.upper() if hint else None
    parts = parts_of(text)
    for index in range(len(parts) - 1, -1, -1):
        part = parts[index]
        country = _lookup(part, "country")
        if country:
            return Place(text, country[0][0], "country")
        if part.isupper() and 2 <= len(part) <= 3:
            place = _code(part, parts[:index], hint, text)
            if place is not None:
                return place
            continue
        subdivision = _lookup(part, "subdivision")
        if subdivision:
            countries = [cc for cc, _ in subdivision]
            if hint in countries:
                return Place(text, hint, "subdivision")
            # "San Jose" is a province of Costa Rica and a city of a million in the US: a part
            # that names both is the city, unless the site's country says otherwise
            city = _city_country(part, hint)
            return Place(text, city, "city") if city else Place(text, countries[0], "subdivision")
    for part in parts:
        city = _city_country(part, hint) or _city_within(part, hint)
        if city is not None:
            return Place(text, city, "city")
    return Place(text, hint, "site") if hint else Place(text, None, "unresolved")


def _city_within(part: str, hint: str | None) -> str | None:
    """A large city named by some of the part's words ("Jakarta Selatan", "Bogotá D.C."): only
    cities of :data:`WITHIN_MIN_POPULATION` or more, so a common word is not taken for a town."""
    words = part.split()[:MAX_WINDOW_WORDS]
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            window = " ".join(words[start : start + size])
            if len(window) < 4:
                continue
            candidates = [
                (cc, weight) for cc, weight in _lookup(window, "city") if weight >= WITHIN_MIN_POPULATION
            ]
            if candidates:
                in_hint = [cc for cc, _ in candidates if cc == hint]
                return in_hint[0] if in_hint else candidates[0][0]
    return None


def _code(part: str, before: list[str], hint: str | None, text: str) -> Place | None:
    """A two- or three-letter code: a subdivision of the preceding city's (or the site's)
    country, else an ISO 3166-1 alpha-2 or alpha-3 country code."""
    codes = [cc for cc, _ in table().get((fold(part), "code"), ())]
    for earlier in reversed(before):
        city = _lookup(earlier, "city")
        shared = [cc for cc, _ in city if cc in codes]
        if shared:
            return Place(text, hint if hint in shared else shared[0], "code")
    if hint in codes:
        return Place(text, hint, "code")
    alpha2 = part if len(part) == 2 and _lookup_country_code(part) else None
    if alpha2:
        return Place(text, alpha2, "country")
    if len(part) == 3 and codes and not table().get((fold(part), "city")):
        alpha3 = [cc for cc, weight in table().get((fold(part), "code")) if weight >= COUNTRY_WEIGHT]
        if alpha3:
            return Place(text, alpha3[0], "country")
    return None


@lru_cache(maxsize=1)
def _alpha2_codes() -> frozenset[str]:
    return table().countries()


def _lookup_country_code(code: str) -> bool:
    return code.upper() in _alpha2_codes()
