"""The real labelled sets in ``../shared/data/real-posts``, read as labelled listings with groups.

Nobody on this project wrote these texts, which is why they matter: the demo corpus comes from a
handful of templates and says little about real wording. Each example keeps the column the data's
authors grouped by (``group`` for posts, ``seller`` for listings) so cross-validation never puts one
account's posts on both sides of a split.

- ``wlt-osn-dev.csv``: social-network posts; ``label`` 1 = an ivory product offered for sale
  (category ``wildlife``), 0 = anything else (``none``: ivory as a colour, news, campaigns, other art).
- ``painted-bats-dev.csv``: eBay/Etsy/Amazon listings of dead bats; every row is a wildlife offer.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from classifiers.types import ListingInput

ROOT = Path(__file__).resolve().parents[1]
REAL_POSTS = ROOT.parent / "shared" / "data" / "real-posts"
IVORY_POSTS = REAL_POSTS / "wlt-osn-dev.csv"
BAT_LISTINGS = REAL_POSTS / "painted-bats-dev.csv"
#: Name of each real set as it appears in sources, reports and the model card.
IVORY_SET = "wlt-osn"
BATS_SET = "painted-bats"
#: Descriptions in the bat set carry whole shop pages (menus, policies): the features truncate
#: anyway, and reading only this much keeps loading cheap.
MAX_TEXT = 20_000


@dataclass(frozen=True)
class RealExample:
    """One real labelled text: the listing, its category, its set and the group it belongs to."""

    input: ListingInput
    category: str
    dataset: str
    group: str


def _open_csv(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(min(sys.maxsize, 1 << 28))
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        yield from csv.DictReader(handle)


def ivory_posts(path: Path = IVORY_POSTS) -> list[RealExample]:
    """The WLT-OSN posts: post text as the title, the author's profile as the description.

    The profile is what the seller says about themself ("I love art, especially carved legal
    ivory"), which an analyst reads with the post; it is part of the listing, not a label.
    """
    out: list[RealExample] = []
    for row in _open_csv(path):
        text = (row.get("text") or "").strip()
        if not text:
            continue
        item = ListingInput(
            id=f"{IVORY_SET}:{row['row']}",
            title=text[:MAX_TEXT],
            description=(row.get("user_description") or "").strip()[:MAX_TEXT],
        )
        category = "wildlife" if row.get("label", "").strip() == "1" else "none"
        out.append(RealExample(item, category, IVORY_SET, f"{IVORY_SET}:{row['group']}"))
    return out


def _usd(value: str | None) -> Decimal | None:
    try:
        price = Decimal((value or "").strip())
    except InvalidOperation:
        return None
    return price if price.is_finite() and price >= 0 else None


def bat_listings(path: Path = BAT_LISTINGS) -> list[RealExample]:
    """The painted-bat listings: all wildlife offers, grouped by the authors' seller id.

    The seller id is only a group for splitting: it never reaches the features (the shop name
    would let the model recognise a seller instead of an offer).
    """
    out: list[RealExample] = []
    for row in _open_csv(path):
        price = _usd(row.get("mean_price"))
        item = ListingInput(
            id=f"{BATS_SET}:{row['ID']}",
            title=(row.get("title") or "").strip()[:MAX_TEXT],
            description=(row.get("description") or "").strip()[:MAX_TEXT],
            price=price,
            currency="USD" if price is not None else None,
        )
        out.append(RealExample(item, "wildlife", BATS_SET, f"{BATS_SET}:{row['seller']}"))
    return out


def real_examples() -> list[RealExample]:
    """Every real labelled example available here (empty where the shared data is missing)."""
    out: list[RealExample] = []
    if IVORY_POSTS.is_file():
        out += ivory_posts()
    if BAT_LISTINGS.is_file():
        out += bat_listings()
    return out
