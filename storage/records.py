"""The one shape of a listing's content and of a verdict on it, shared by every stage.

Extraction builds a :class:`ListingContent`, the crawl's item carries it, the classifier reads it,
storage writes it (a listing row, a version row, a content hash) and evidence quotes it; the field
list is written here once. Kept in ``storage`` because storage is the lowest layer and imports
nothing of ours: every other package may import it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from storage.types import canonical_decimal


@dataclass(frozen=True)
class ListingContent:
    """What a listing page offers, as read: every field optional because pages are partial.

    ``price`` is a :class:`~decimal.Decimal` (never float) with ``currency`` its ISO 4217 code;
    ``language`` is what the page declares (the language identified from the text is derived and
    travels beside the content, not in it).
    """

    title: str | None = None
    description: str | None = None
    price: Decimal | None = None
    currency: str | None = None
    availability: str | None = None
    seller_name: str | None = None
    seller_id: str | None = None
    #: the seller's profile page (kept on the seller, not versioned with the listing)
    seller_url: str | None = None
    location: str | None = None
    #: ISO 3166-1 alpha-2 of the stated location, else the site's (derived, not versioned)
    country: str | None = None
    images: tuple[str, ...] = ()
    posted_at: str | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        if self.price is not None:
            object.__setattr__(self, "price", canonical_decimal(self.price))
        if not isinstance(self.images, tuple):
            object.__setattr__(self, "images", tuple(self.images))

    def versioned(self) -> dict[str, Any]:
        """The fields whose change makes a new version, as JSON-able values (price as a string)."""
        return {name: value for name, value in self.to_json().items() if name in VERSIONED_FIELDS}

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the versioned fields: equal content, equal hash, whatever the order read.
        Computed once per content (a batch needs it for the listing row, the version row and the
        comparison with what is stored); the content is frozen, so it cannot go stale."""
        encoded = json.dumps(self.versioned(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()

    def listing_columns(self) -> dict[str, Any]:
        """The ``listings`` columns this content fills (the seller is a key, resolved by storage)."""
        return {name: getattr(self, name) for name in LISTING_COLUMNS}

    def version_columns(self) -> dict[str, Any]:
        """The ``listing_versions`` columns and their ``details`` (the rest of the versioned fields)."""
        columns: dict[str, Any] = {name: getattr(self, name) for name in VERSION_COLUMNS}
        columns["details"] = {name: getattr(self, name) for name in VERSION_DETAILS}
        columns["details"]["images"] = list(self.images)
        return columns

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (price as a string, so no float ever touches money)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["price"] = None if self.price is None else str(self.price)
        data["images"] = list(self.images)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListingContent:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("price") is not None:
            values["price"] = Decimal(values["price"])
        return cls(**values)


#: fields whose change makes a new version: all observed content, so nothing is overwritten
#: silently (the declared language is kept on the row, not versioned)
VERSIONED_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(ListingContent) if f.name not in ("language", "seller_url", "country")
)
#: the content a ``listings`` row holds in its own columns (images are rows of their own, the
#: seller a foreign key)
LISTING_COLUMNS: tuple[str, ...] = (
    "title",
    "description",
    "price",
    "currency",
    "availability",
    "location",
    "country",
    "posted_at",
    "language",
)
#: the versioned fields a ``listing_versions`` row holds in columns; the rest go in its details
VERSION_COLUMNS: tuple[str, ...] = ("title", "description", "price", "currency", "availability")
VERSION_DETAILS: tuple[str, ...] = tuple(
    name for name in VERSIONED_FIELDS if name not in VERSION_COLUMNS and name != "images"
)


@dataclass(frozen=True, slots=True)
class FoundIdentifier:
    """An identifier a listing shows (phone, e-mail, handle, wallet, profile link), as the
    ``networks`` package found it: in which content field, at which span, normalised how."""

    field: str
    kind: str
    value: str
    raw: str
    start: int
    end: int
    valid: bool | None = None
    region: str | None = None

    def row(self, listing_id: int, version: int) -> dict[str, Any]:
        """The ``listing_identifiers`` row, with every text cut to its column."""
        return {
            "listing_id": listing_id,
            "version": version,
            "field": self.field[:32],
            "kind": self.kind[:32],
            "value": self.value[:500],
            "raw": self.raw[:1000],
            "span_start": self.start,
            "span_end": self.end,
            "valid": self.valid,
            "region": (self.region or None) and self.region[:8],
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """A classifier's verdict on one listing content, stamped with the model that gave it.

    ``threshold`` is the model's decision threshold, kept with the verdict for the review queue's
    "most informative first" order; it is not a column of ``predictions``.
    """

    model_version: str
    category: str
    score: float
    flagged: bool
    reasons: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    threshold: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.reasons, tuple):
            object.__setattr__(self, "reasons", tuple(self.reasons))

    def to_json(self) -> dict[str, Any]:
        return {
            "model_version": self.model_version,
            "category": self.category,
            "score": self.score,
            "flagged": self.flagged,
            "reasons": list(self.reasons),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Verdict:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def summary(self, listing_version: int, *, reasons: bool = True) -> dict[str, Any]:
        """The verdict on one listing version as plain data (capture metadata, bundles, the API)."""
        data = {"listing_version": listing_version, **self.to_json()}
        del data["threshold"]
        if not reasons:
            del data["reasons"]
        return data

    def row(self, listing_id: int, listing_version: int) -> dict[str, Any]:
        """The verdict as a ``predictions`` insert row for one listing version (the threshold is
        for the review queue's row, not a column: see ``storage.predictions.insert_predictions``)."""
        return {"listing_id": listing_id, "listing_version": listing_version, **self.to_json()}


@dataclass(frozen=True, slots=True)
class ListingSnapshot:
    """One version of a stored listing with the verdict on it: what a capture quotes as "the
    listing as the crawl extracted it".

    The storage writer takes it at the moment a verdict flags the listing and keeps it with the
    capture request, so the capture worker quotes the very version that was flagged without
    reading the listing again (by the time the browser gets there, a later crawl may have
    changed it).
    """

    listing_id: int
    version: int
    status: str
    url: str
    content: ListingContent
    #: the seller's key within its site (``id:...`` or ``name:...``)
    seller_key: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    #: the crawl run that read this version
    run_id: str | None
    verdict: Verdict | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "listing_id": self.listing_id,
            "version": self.version,
            "status": self.status,
            "url": self.url,
            "content": self.content.to_json(),
            "seller_key": self.seller_key,
            "first_seen_at": self.first_seen_at.isoformat(),
            "last_seen_at": self.last_seen_at.isoformat(),
            "run_id": self.run_id,
            "verdict": None if self.verdict is None else self.verdict.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListingSnapshot:
        return cls(
            listing_id=int(data["listing_id"]),
            version=int(data["version"]),
            status=str(data["status"]),
            url=str(data["url"]),
            content=ListingContent.from_json(data["content"]),
            seller_key=data.get("seller_key"),
            first_seen_at=datetime.fromisoformat(data["first_seen_at"]),
            last_seen_at=datetime.fromisoformat(data["last_seen_at"]),
            run_id=data.get("run_id"),
            verdict=None if data.get("verdict") is None else Verdict.from_json(data["verdict"]),
        )
