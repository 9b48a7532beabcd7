"""The demo catalogue: reproducible, well-mixed, and mutable in a reproducible way."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import datetime
from decimal import Decimal

import pytest

from demo import Catalogue, generate_catalogue, settings
from demo.money import CURRENCIES, format_local

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return generate_catalogue(seed=7, size=3000)


def test_same_seed_same_bytes_other_seed_differs() -> None:
    first = generate_catalogue(seed=11, size=500).to_json()
    assert first == generate_catalogue(seed=11, size=500).to_json()
    assert first != generate_catalogue(seed=12, size=500).to_json()


@pytest.mark.parametrize("size", [0, 1, 30, 3000])
def test_site_split(size: int) -> None:
    listings = generate_catalogue(size=size).listings
    counts = Counter(listing.site for listing in listings)
    assert sum(counts.values()) == size
    if size >= 30:
        assert counts["classifieds"] == round(size * 0.40)
        assert counts["shop"] == round(size * 0.25)
        assert counts["bazaar"] == size - counts["classifieds"] - counts["shop"]


def test_large_catalogue_is_quick() -> None:
    started = time.perf_counter()
    catalogue = generate_catalogue(size=20000)
    assert time.perf_counter() - started < 5
    assert len({listing.id for listing in catalogue.listings}) == 20000


def test_every_category_and_language_with_several_templates(
    catalogue: Catalogue,
) -> None:
    templates: dict[tuple[str, str], set[str]] = {}
    for listing in catalogue.listings:
        templates.setdefault((listing.category, listing.language), set()).add(listing.template_id)
    for category in settings.CATEGORIES:
        for language in settings.LANGUAGES:
            assert len(templates.get((category, language), ())) >= 3, (category, language)
    suspect = sum(listing.category != "none" for listing in catalogue.listings)
    assert 0.25 < suspect / len(catalogue.listings) < 0.35


@pytest.mark.parametrize("share", [0.0, 0.02, 1.0])
def test_suspect_share_is_a_generator_option(share: float) -> None:
    listings = generate_catalogue(seed=7, size=5000, suspect_share=share).listings
    suspect = [listing for listing in listings if listing.category != "none"]
    assert len(suspect) == round(5000 * share)
    if share:
        # even a rare share keeps every suspect category on every site
        for site in settings.SITES:
            on_site = {listing.category for listing in suspect if listing.site == site}
            assert on_site == set(settings.SUSPECT_CATEGORIES), site


def test_suspect_share_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        generate_catalogue(size=10, suspect_share=1.5)


def test_code_words_and_hard_negatives(catalogue: Catalogue) -> None:
    text = " ".join(f"{item.title} {item.description}" for item in catalogue.listings)
    for term in (
        "象牙",
        "犀角",
        "穿山甲",
        "vảy tê tê",
        "azogue",
        "ouro de garimpo",
        "vàng cốm",
        "gaharu",
        "chatarra electrónica",
        "quicksilver",
        "white gold",
    ):
        assert term in text, term
    coded = Counter(item.category for item in catalogue.listings if item.code_words)
    assert set(coded) == set(settings.SUSPECT_CATEGORIES)
    hard = [item for item in catalogue.listings if item.hard_negative]
    assert hard and all(item.category == "none" for item in hard)
    assert any("Mercury" in item.title for item in hard)


def test_field_formats(catalogue: Catalogue) -> None:
    for listing in catalogue.listings:
        exponent = CURRENCIES[listing.currency].exponent
        assert Decimal(listing.price) > 0
        assert -Decimal(listing.price).as_tuple().exponent == exponent  # type: ignore[operator]
        assert ISO_UTC.match(listing.posted_at)
        assert datetime.fromisoformat(listing.posted_at) <= settings.EPOCH
        assert listing.availability in settings.AVAILABILITY_WEIGHTS
        assert listing.images and all(image.startswith("/img/") for image in listing.images)
        assert listing.path.startswith(f"/{listing.site}/")


def test_local_price_formats() -> None:
    assert format_local("350.00", "EUR", "es") == "350,00 €"
    assert format_local("2800.00", "CNY", "zh") == "¥2,800"
    assert format_local("1200000", "VND", "vi") == "1.200.000 ₫"
    assert format_local("150000", "IDR", "id") == "Rp 150.000"
    assert format_local("1234.56", "BRL", "pt") == "R$ 1.234,56"
    assert format_local("300.00", "USD", "en") == "US$300"
    assert format_local("1250.00", "GBP", "en") == "£1,250.00"


def test_mutation_is_deterministic_and_reset_restores() -> None:
    one, two = generate_catalogue(size=200), generate_catalogue(size=200)
    fresh = one.to_dict()["listings"]
    report = one.mutate(seed=3, edits=10, removals=5)
    assert report == two.mutate(seed=3, edits=10, removals=5)
    assert one.to_json() == two.to_json()
    assert len(report.edited) == 10 and len(report.removed) == 5
    assert not set(report.edited) & set(report.removed)
    before = {item["id"]: item for item in fresh}
    for listing_id in report.edited:
        assert one.by_id[listing_id].price != before[listing_id]["price"]
        assert not one.by_id[listing_id].removed
    assert all(one.by_id[listing_id].removed for listing_id in report.removed)
    one.reset()
    assert one.to_dict()["listings"] == fresh


def test_hostile_ground_truth_is_separate(catalogue: Catalogue) -> None:
    hostile = catalogue.to_dict("hostile")["listings"]
    assert {item["site"] for item in hostile} == {"hostile"}
    assert any("<script>" in item["title"] for item in hostile)
    assert catalogue.to_dict("shop")["count"] == 750
