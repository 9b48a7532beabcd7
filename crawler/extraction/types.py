"""The shape every extractor returns, shared by the spiders, the `extract` command and the benchmark."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

from storage.records import ListingContent

#: schema.org ItemAvailability short names; extractors normalise to these.
AVAILABILITY_VALUES = frozenset(
    {
        "InStock",
        "OutOfStock",
        "PreOrder",
        "BackOrder",
        "LimitedAvailability",
        "SoldOut",
        "Discontinued",
        "InStoreOnly",
        "OnlineOnly",
    }
)


@dataclass
class ExtractedListing:
    """Fields of one listing page; every field is optional because pages are hostile and partial.

    ``price`` is a plain decimal string ("1234.50": no grouping, '.' as separator) so that money
    never passes through float; ``currency`` is an ISO 4217 code; ``posted_at`` is ISO 8601.
    ``sources`` says where each field came from (``jsonld``, ``microdata``, ``opengraph``,
    ``selector``, ``heuristic``), which is what an analyst needs to trust a value.
    """

    url: str
    title: str | None = None
    description: str | None = None
    price: str | None = None
    currency: str | None = None
    availability: str | None = None
    seller_name: str | None = None
    seller_id: str | None = None
    #: the seller's profile page on the site
    seller_url: str | None = None
    location: str | None = None
    #: ISO 3166-1 alpha-2 country of the stated location (else of the site), see places.gazetteer
    country: str | None = None
    images: list[str] = field(default_factory=list)
    posted_at: str | None = None
    sku: str | None = None
    brand: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    #: likelihood in [0, 1] that the page is a single listing (offer) page rather than a list page
    listing_score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def content(self) -> ListingContent:
        """The listing's content in the shape every later stage uses (price as a Decimal).

        Call it on a normalised listing (``crawler.pipelines.normalize``): a price that is not a
        plain decimal string raises ``decimal.InvalidOperation`` here.
        """
        return ListingContent(
            **{name: getattr(self, name) for name in _SHARED_FIELDS},
            price=None if self.price is None else Decimal(self.price),
        )


#: fields worked out from the others (the country from the stated location), never read from a
#: page, a selector or an API of their own
DERIVED_FIELDS = frozenset({"country"})

#: the fields that say what is on offer (not where it was read or how sure the reading is): what
#: a site file may give a selector for, and what a learnt JSON API must give (crawler/jsonapi.py)
CONTENT_FIELDS = tuple(
    f.name
    for f in fields(ExtractedListing)
    if f.name not in {"url", "sources", "listing_score", "canonical_url", *DERIVED_FIELDS}
)

#: the content fields extraction hands on as they are (the price string converts to a Decimal)
_SHARED_FIELDS = tuple(f.name for f in fields(ListingContent) if f.name != "price")
