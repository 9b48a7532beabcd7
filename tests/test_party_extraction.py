"""Who offers a listing and where, from classifieds layouts without structured data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from crawler.extraction.listing import extract_listing
from crawler.extraction.locale import country_hint
from crawler.extraction.party import MAX_ELEMENTS, profile_id
from crawler.extraction.places.gazetteer import fold, resolve

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from party_extraction import score  # noqa: E402


def test_saved_layouts_give_seller_and_place() -> None:
    """A quality gate on the development pages (the held-out pages are reported by the bench)."""
    figures, misses = score(ROOT / "tests" / "data" / "party")
    for field, f in figures.items():
        assert f["precision"] >= 0.9 and f["recall"] >= 0.9, (field, f, misses)


@pytest.mark.parametrize(
    ("stated", "hint", "country"),
    [
        ("Kraków, Małopolskie", None, "PL"),
        ("San Jose, CA", None, "US"),
        ("San Jose", "CR", "CR"),
        ("Hà Nội", None, "VN"),
        ("Quận 1, TP.HCM", None, "VN"),
        ("São Paulo - SP", None, "BR"),
        ("Toronto, ON", None, "CA"),
        ("Madrid, España", None, "ES"),
        ("Jakarta Selatan", None, "ID"),
        ("Guangzhou, Guangdong", None, "CN"),
    ],
)
def test_a_stated_place_resolves_to_its_country(stated: str, hint: str | None, country: str) -> None:
    place = resolve(stated, hint)
    assert place is not None and place.country == country, place


def test_what_is_not_a_place_stays_unresolved() -> None:
    assert resolve("please message me for the price")  # a Place, but
    assert resolve("please message me for the price").country is None  # type: ignore[union-attr]
    assert resolve("x" * 5000) is None
    assert resolve("Somewhere", "PL").how == "site"  # type: ignore[union-attr]
    assert fold(" Hà-Nội ") == "ha noi"


def test_profile_ids_from_profile_urls_only() -> None:
    assert profile_id("https://www.olx.pl/oferty/uzytkownik/1Ab2Cd/") == "1Ab2Cd"
    assert profile_id("https://example.de/s-bestandsliste.html?userId=98765432") == "98765432"
    assert profile_id("https://perfil.example.com.ar/ANTIGUEDADES_RAMOS") == "ANTIGUEDADES_RAMOS"
    assert profile_id("https://forum.example.net/members/") is None
    assert profile_id("https://example.com/search?q=ivory") is None


def test_country_hint_from_domain_or_language() -> None:
    assert country_hint("https://www.olx.pl/d/x", None) == "PL"
    assert country_hint("https://shop.example.co.uk/x", None) == "GB"
    assert country_hint("https://app.example.io/x", "en-US") == "US"
    assert country_hint("https://example.com/x", "fr") is None


def test_a_hostile_page_is_read_within_bounds() -> None:
    """A page of many more elements than the walk reads, each labelled: bounded, no crash."""
    rows = "".join(f"<div><span>Seller:</span><span>Ana {i}</span></div>" for i in range(MAX_ELEMENTS))
    listing = extract_listing(f"<html><body><h1>t</h1>{rows}</body></html>", "https://example.com/a")
    assert listing.seller_name == "Ana 0"


def test_the_shipped_gazetteer_is_what_its_builder_makes(tmp_path: Path) -> None:
    """places.tsv.gz is data built from installed packages: rebuilt, it must come out the same
    (a stale file, or one edited by hand, fails here)."""
    from crawler.extraction.places.build import write
    from crawler.extraction.places.gazetteer import DATA_FILE

    rebuilt = tmp_path / "places.tsv.gz"
    write(rebuilt)
    assert rebuilt.read_bytes() == DATA_FILE.read_bytes()
