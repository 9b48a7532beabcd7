"""The records the demo serves: listings and forum replies.

Plain mutable dataclasses so the catalogue can swap in edited copies (via ``dataclasses.replace``)
while keeping the generated originals untouched for ``reset``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

SLUG_MAX = 60


@dataclass
class Listing:
    """One offer on one site; also the ground truth the crawler's output is compared with."""

    id: str
    site: str
    path: str
    title: str
    description: str
    price: str
    currency: str
    availability: str
    seller_name: str
    seller_id: str
    location: str
    images: list[str]
    posted_at: str
    language: str
    category: str
    template_id: str
    code_words: bool
    removed: bool = False
    section: str = "collectibles"
    hard_negative: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the catalogue endpoint's per-listing format)."""
        data = asdict(self)
        data["images"] = list(self.images)
        return data


@dataclass(frozen=True)
class Reply:
    """A forum reply under a bazaar thread: noise the crawler must not mistake for the offer."""

    author: str
    author_id: str
    posted_at: str
    text: str


@dataclass(frozen=True)
class MutationReport:
    """What ``Catalogue.mutate`` changed, so change-tracking tests know what to expect."""

    seed: int
    edited: list[str]
    removed: list[str]
    changes: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "edited": list(self.edited),
            "removed": list(self.removed),
            "changes": {key: list(value) for key, value in self.changes.items()},
        }


def slugify(text: str) -> str:
    """ASCII URL slug; non-Latin titles fall back to "listing" like many real sites do."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:SLUG_MAX].strip("-")
    return slug or "listing"
