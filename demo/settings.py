"""Every tunable of the demo marketplace in one place.

The crawler's tests depend on these shapes (page sizes, site split, epoch), so they live together
rather than scattered through views and generators.
"""

from __future__ import annotations

from datetime import UTC, datetime

#: Dates are offsets back from this instant, never from "now", so the corpus is reproducible.
EPOCH = datetime(2026, 11, 1, tzinfo=UTC)
#: How far back listings may have been posted.
MAX_AGE_DAYS = 365

SITES = ("classifieds", "shop", "bazaar")
#: Share of the catalogue each site gets (the remainder goes to the last site).
SITE_SHARES = {"classifieds": 0.40, "shop": 0.25, "bazaar": 0.35}
#: Prefix of listing ids per site; ids are prefix + zero-padded number, no separator.
ID_PREFIX = {"classifieds": "c", "shop": "s", "bazaar": "b"}

CATEGORIES = ("none", "wildlife", "timber", "minerals", "waste")
SUSPECT_CATEGORIES = CATEGORIES[1:]
SUSPECT_SHARE = 0.30

LANGUAGES = ("en", "zh", "es", "pt", "fr", "vi", "id")
#: Relative weight of each language (English-language marketplaces dominate).
LANGUAGE_WEIGHTS = {"en": 4, "zh": 2, "es": 2, "pt": 2, "fr": 1, "vi": 1, "id": 1}

AVAILABILITY_WEIGHTS = {
    "InStock": 70,
    "LimitedAvailability": 10,
    "PreOrder": 6,
    "OutOfStock": 8,
    "SoldOut": 6,
}

#: Classifieds sections (also used as shop departments), slug -> display name.
SECTIONS = {
    "electronics": "Electronics",
    "furniture": "Furniture",
    "fashion": "Clothing & Fashion",
    "pets": "Pets & Animals",
    "tools": "Tools & DIY",
    "jewellery": "Jewellery & Watches",
    "auto-parts": "Car Parts & Boats",
    "home-garden": "Home & Garden",
    "collectibles": "Antiques & Collectibles",
    "building-materials": "Building Materials",
    "industrial": "Industrial & Bulk",
}

CLASSIFIEDS_PAGE_SIZE = 20
BAZAAR_PAGE_SIZE = 20
SHOP_PAGE_SIZE = 24
SHOP_MAX_PAGE_SIZE = 100
RELATED_LINKS = 4
BAZAAR_MAX_REPLIES = 4

IMAGE_SIZE = (48, 36)
#: the photo behind a thumbnail, as a listing links it: what evidence keeps
FULL_IMAGE_SIZE = (640, 480)
IMAGE_CACHE = 4096

HOSTILE_HUGE_BYTES = 20 * 1024 * 1024
HOSTILE_STALL_SECONDS = 120.0
HOSTILE_LONG_DESCRIPTION_BYTES = 1024 * 1024
HOSTILE_ITEMS = 3

#: ``POST /_demo/redesign``: a site moves its listings to a new URL shape (old URLs answer 301)
#: and renames the class of its listing links, so a configured scraper finds nothing any more,
#: the way a real marketplace's relaunch breaks one. site -> (old path prefix, new path prefix).
REDESIGN_PATHS = {"classifieds": ("/classifieds/ad/", "/classifieds/offer/")}
#: class of the listing links on classifieds pages, before and after the redesign
CLASSIFIEDS_LINK_CLASS = "ad-link"
CLASSIFIEDS_REDESIGNED_LINK_CLASS = "offer-link"
