"""The demo catalogue: generation, lookup, seeded mutations and reset.

One object is the single source of truth for the web app (what to render) and for tests (what the
crawler should have found), so both always agree.
"""

from __future__ import annotations

import dataclasses
import json
import random
from decimal import Decimal
from typing import Any

from demo import settings
from demo.corpus import CORPORA
from demo.generator import SellerPool, assignments, make_listing, make_replies, site_sizes
from demo.hostile_data import hostile_listings
from demo.model import Listing, MutationReport, Reply
from demo.money import as_price

PRICE_FACTORS = tuple(Decimal(f) for f in ("0.80", "0.85", "0.90", "0.95", "1.10", "1.25"))
TITLE_EDIT_SHARE = 0.4
DESCRIPTION_EDIT_SHARE = 0.3
AVAILABILITY_EDIT_SHARE = 0.3


class Catalogue:
    """All listings of the three sites (plus the hostile site's ground truth).

    ``version`` increases on every mutation or reset so the app knows to rebuild its indexes.
    """

    def __init__(
        self,
        seed: int,
        size: int,
        listings: list[Listing],
        replies: dict[str, list[Reply]],
        hostile: tuple[Listing, ...],
    ) -> None:
        self.seed = seed
        self.size = size
        self.replies = replies
        self.hostile = hostile
        self._original = tuple(listings)
        self.version = 0
        #: sites whose listings moved to their new URL shape (``redesign``)
        self.redesigned: frozenset[str] = frozenset()
        self.listings: list[Listing] = list(listings)
        self.by_id: dict[str, Listing] = {}
        self._reindex()

    def _reindex(self) -> None:
        self.by_id = {listing.id: listing for listing in self.listings}
        self.by_id.update((listing.id, listing) for listing in self.hostile)
        self.version += 1

    def get(self, listing_id: str) -> Listing | None:
        return self.by_id.get(listing_id)

    def for_site(self, site: str) -> list[Listing]:
        """Listings of one site in generation order, removed ones included."""
        if site == "hostile":
            return list(self.hostile)
        return [listing for listing in self.listings if listing.site == site]

    def to_dict(self, site: str | None = None) -> dict[str, Any]:
        """The catalogue endpoint's JSON document (see demo/README.md)."""
        if site is None:
            chosen = [*self.listings, *self.hostile]
        else:
            chosen = self.for_site(site)
        return {
            "seed": self.seed,
            "size": self.size,
            "epoch": settings.EPOCH.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "version": self.version,
            "site": site,
            "count": len(chosen),
            "listings": [listing.to_dict() for listing in chosen],
        }

    def to_json(self, site: str | None = None) -> bytes:
        """Deterministic bytes: same seed, size and mutations give identical output."""
        return json.dumps(self.to_dict(site), ensure_ascii=False, sort_keys=True).encode()

    def mutate(self, seed: int, edits: int, removals: int) -> MutationReport:
        """Edit ``edits`` live listings and remove ``removals`` others, chosen by ``seed``.

        Every edit changes the price; some also change title, description or availability.
        """
        rng = random.Random(seed)
        live = [listing.id for listing in self.listings if not listing.removed]
        chosen = rng.sample(live, min(len(live), max(0, edits) + max(0, removals)))
        edited, removed = chosen[: max(0, edits)], chosen[max(0, edits) :]
        changes: dict[str, list[str]] = {}
        replacements: dict[str, Listing] = {}
        for listing_id in edited:
            replacements[listing_id], changes[listing_id] = self._edit(rng, self.by_id[listing_id])
        for listing_id in removed:
            replacements[listing_id] = dataclasses.replace(self.by_id[listing_id], removed=True)
            changes[listing_id] = ["removed"]
        self.listings = [replacements.get(item.id, item) for item in self.listings]
        self._reindex()
        return MutationReport(seed=seed, edited=edited, removed=removed, changes=changes)

    @staticmethod
    def _edit(rng: random.Random, listing: Listing) -> tuple[Listing, list[str]]:
        corpus = CORPORA[listing.language]
        fields: dict[str, Any] = {}
        price = as_price(Decimal(listing.price) * rng.choice(PRICE_FACTORS), listing.currency)
        if price == listing.price:
            price = as_price(Decimal(listing.price) + 1, listing.currency)
        fields["price"] = price
        if rng.random() < TITLE_EDIT_SHARE:
            fields["title"] = f"{listing.title} {rng.choice(corpus.edit_titles)}"
        if rng.random() < DESCRIPTION_EDIT_SHARE:
            fields["description"] = f"{listing.description} {rng.choice(corpus.conditions)}"
        if rng.random() < AVAILABILITY_EDIT_SHARE:
            options = [a for a in settings.AVAILABILITY_WEIGHTS if a != listing.availability]
            fields["availability"] = rng.choice(options)
        return dataclasses.replace(listing, **fields), sorted(fields)

    def redesign(self, site: str) -> list[str]:
        """Move ``site``'s listings to its new URL shape (see ``settings.REDESIGN_PATHS``).

        Idempotent. Returns the ids of the listings that moved (none when already redesigned).
        Mutations afterwards keep the new paths; ``reset`` undoes the redesign.
        """
        if site not in settings.REDESIGN_PATHS:
            raise ValueError(f"site {site!r} cannot be redesigned; only {sorted(settings.REDESIGN_PATHS)}")
        if site in self.redesigned:
            return []
        old, new = settings.REDESIGN_PATHS[site]
        moved: list[str] = []
        listings: list[Listing] = []
        for listing in self.listings:
            if listing.site == site and listing.path.startswith(old):
                listing = dataclasses.replace(listing, path=new + listing.path[len(old) :])
                moved.append(listing.id)
            listings.append(listing)
        self.listings = listings
        self.redesigned = self.redesigned | {site}
        self._reindex()
        return moved

    def reset(self) -> None:
        """Back to the freshly generated state (mutations and redesigns undone)."""
        self.listings = list(self._original)
        self.redesigned = frozenset()
        self._reindex()


def generate_catalogue(
    seed: int = 7, size: int = 3000, suspect_share: float = settings.SUSPECT_SHARE
) -> Catalogue:
    """A reproducible corpus of ``size`` listings split over classifieds, shop and bazaar.

    ``suspect_share`` is the share of suspect listings: the default keeps every category and
    language well represented for tests and training; a real marketplace's share is far smaller
    (search-crawl benchmarks use one).
    """
    if size < 0:
        raise ValueError("size must be >= 0")
    if not 0.0 <= suspect_share <= 1.0:
        raise ValueError("suspect share must be between 0 and 1")
    rng = random.Random(seed)
    slots = assignments(rng, size, suspect_share)
    listings: list[Listing] = []
    replies: dict[str, list[Reply]] = {}
    start = 0
    for site, count in site_sizes(size).items():
        site_slots = slots[start : start + count]
        start += count
        expected: dict[str, int] = {}
        for _, language in site_slots:
            expected[language] = expected.get(language, 0) + 1
        sellers = SellerPool(site, expected)
        for number, (category, language) in enumerate(site_slots, start=1):
            listing = make_listing(rng, site, number, category, language, sellers)
            listings.append(listing)
            if site == "bazaar":
                replies[listing.id] = make_replies(rng, listing, sellers, CORPORA[language].replies)
    return Catalogue(seed, size, listings, replies, hostile_listings())
