"""The identifiers a listing shows, read when its batch is written (in the writer thread).

Phones, e-mails, messaging handles, wallets and profile links are what link a listing to the
people behind it (``networks``); they are read from the title, description, seller name and
location, each with the field and span it stands at, so an analyst sees where a number came from.
Numbers written without a country code are read in the listing's country.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from networks.identifiers import LISTING_FIELDS, identifiers_by_field
from storage.listings import Observation
from storage.records import FoundIdentifier, ListingContent

log = logging.getLogger(__name__)


def identifiers_of(content: ListingContent) -> tuple[FoundIdentifier, ...]:
    """Every identifier the content shows, field by field, and the seller's profile link."""
    fields = {name: getattr(content, name) for name in LISTING_FIELDS}
    found = [
        FoundIdentifier(
            field=name,
            kind=identifier.kind,
            value=identifier.value,
            raw=identifier.raw,
            start=identifier.start,
            end=identifier.end,
            valid=identifier.valid,
            region=identifier.region,
        )
        for name, identifier in identifiers_by_field(
            fields, default_region=content.country, language=content.language
        )
    ]
    if content.seller_url:
        url = content.seller_url
        found.append(FoundIdentifier("seller_url", "url_profile", url.split("://", 1)[-1], url, 0, len(url)))
    return tuple(found)


def with_identifiers(observation: Observation) -> Observation:
    """The observation with its identifiers; a text the extractor cannot read costs only them."""
    try:
        return replace(observation, identifiers=identifiers_of(observation.content))
    except Exception as exc:  # hostile text must never cost the listing
        log.warning("identifiers of %s could not be read: %s", observation.canonical_url, exc)
        return observation
