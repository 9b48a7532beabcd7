"""Precomputed page data so a request costs a dict lookup and a list slice, never a scan.

Rebuilt only when the catalogue's version changes (after a mutation or reset); removed listings
drop out of every list, as they do on real sites, but stay reachable by URL (to answer 410/404).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from demo import settings
from demo.catalogue import Catalogue
from demo.corpus import CORPORA
from demo.model import Listing
from demo.search import Searchable


@dataclass
class Board:
    """A bazaar board: one per language."""

    slug: str
    name: str
    language: str
    threads: list[Listing] = field(default_factory=list)


@dataclass
class SiteIndex:
    """Everything list pages need, computed once per catalogue version."""

    version: int
    sections: dict[str, list[Listing]]
    related: dict[str, list[Listing]]
    shop: list[Listing]
    boards: dict[str, Board]
    board_of: dict[str, str]
    users: dict[str, list[Listing]]
    #: each site's live listings, newest first, with their text folded for the site's search
    searchable: dict[str, list[Searchable]] = field(default_factory=dict)


def board_slug(language: str) -> str:
    """Board URL slug, e.g. "mercado-es"; the language suffix keeps slugs unique."""
    return f"{CORPORA[language].labels.board_slug}-{language}"


def _newest_first(listings: list[Listing]) -> list[Listing]:
    return sorted(listings, key=lambda item: (item.posted_at, item.id), reverse=True)


def build_index(catalogue: Catalogue) -> SiteIndex:
    """Group live listings per site, section, board and user, newest first."""
    live = [listing for listing in catalogue.listings if not listing.removed]
    sections: dict[str, list[Listing]] = {slug: [] for slug in settings.SECTIONS}
    boards = {
        board_slug(lang): Board(board_slug(lang), CORPORA[lang].labels.board, lang)
        for lang in settings.LANGUAGES
    }
    board_of: dict[str, str] = {}
    users: dict[str, list[Listing]] = {}
    shop: list[Listing] = []
    searchable: dict[str, list[Searchable]] = {}
    for listing in _newest_first(live):
        searchable.setdefault(listing.site, []).append(Searchable.of(listing))
        if listing.site == "classifieds":
            sections[listing.section].append(listing)
        elif listing.site == "shop":
            shop.append(listing)
        else:
            slug = board_slug(listing.language)
            boards[slug].threads.append(listing)
            board_of[listing.id] = slug
            users.setdefault(listing.seller_id, []).append(listing)
    related: dict[str, list[Listing]] = {}
    for items in sections.values():
        for position, listing in enumerate(items):
            neighbours = items[position + 1 : position + 1 + settings.RELATED_LINKS]
            if len(neighbours) < settings.RELATED_LINKS:
                neighbours += items[: settings.RELATED_LINKS - len(neighbours)]
            related[listing.id] = [item for item in neighbours if item.id != listing.id]
    for listing in catalogue.listings:
        if listing.site == "bazaar":
            board_of.setdefault(listing.id, board_slug(listing.language))
    return SiteIndex(catalogue.version, sections, related, shop, boards, board_of, users, searchable)
