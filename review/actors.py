"""What the actor page shows: one actor's listings across sites, accounts, identifiers, places,
activity over time and the links that joined them (from the last ``networks build``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Listing, ListingIdentifier, ListingNetwork, NetworkLink, Seller, Site
from storage.predictions import latest_predictions

#: an actor page lists at most this many listings (the count says how many there are)
MAX_LISTINGS = 500


@dataclass(frozen=True)
class ActorListing:
    id: int
    site: str
    seller: str | None
    title: str
    status: str
    category: str | None
    country: str | None
    location: str | None
    first_seen_at: datetime
    last_seen_at: datetime


@dataclass
class ActorDetail:
    actor: int
    network: int
    listing_count: int
    network_actors: int
    listings: list[ActorListing] = field(default_factory=list)
    #: (site, seller name or id, profile URL)
    accounts: list[tuple[str, str, str | None]] = field(default_factory=list)
    #: (kind, value, listings showing it): personal data, for analysts and above
    identifiers: list[tuple[str, str, int]] = field(default_factory=list)
    #: (country or "?", stated places, listings)
    places: list[tuple[str, str, int]] = field(default_factory=list)
    #: (month "2026-11", listings first seen then)
    activity: list[tuple[str, int]] = field(default_factory=list)
    categories: list[tuple[str, int]] = field(default_factory=list)
    #: (a, b, layer, reason)
    links: list[tuple[int, int, str, str]] = field(default_factory=list)


def actor_detail(session: Session, actor: int) -> ActorDetail | None:
    ids = list(
        session.scalars(
            select(ListingNetwork.listing_id)
            .where(ListingNetwork.actor == actor)
            .order_by(ListingNetwork.listing_id)
        )
    )
    if not ids:
        return None
    network = (
        session.scalar(select(ListingNetwork.network).where(ListingNetwork.actor == actor).limit(1)) or actor
    )
    network_actors = (
        session.scalar(
            select(func.count(func.distinct(ListingNetwork.actor))).where(ListingNetwork.network == network)
        )
        or 1
    )
    detail = ActorDetail(actor, network, len(ids), network_actors)
    shown = ids[:MAX_LISTINGS]
    rows = session.execute(
        select(Listing, Site.key, Seller)
        .join(Site, Site.id == Listing.site_id)
        .outerjoin(Seller, Seller.id == Listing.seller_id)
        .where(Listing.id.in_(shown))
        .order_by(Listing.first_seen_at)
    ).all()
    accounts: dict[tuple[str, str], str | None] = {}
    places: Counter[tuple[str, str]] = Counter()
    months: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    predictions = latest_predictions(session, shown)
    for listing, site, seller in rows:
        prediction = predictions.get(listing.id)
        category = prediction.category if prediction is not None and prediction.flagged else None
        name = (seller.name or seller.external_id or seller.key) if seller is not None else None
        detail.listings.append(
            ActorListing(
                listing.id,
                site,
                name,
                listing.title or "",
                listing.status,
                category,
                listing.country,
                listing.location,
                listing.first_seen_at,
                listing.last_seen_at,
            )
        )
        if seller is not None and name:
            accounts.setdefault((site, name), seller.profile_url)
        if listing.location or listing.country:
            places[(listing.country or "?", listing.location or "")] += 1
        months[listing.first_seen_at.strftime("%Y-%m")] += 1
        if category:
            categories[category] += 1
    detail.accounts = [(site, name, url) for (site, name), url in sorted(accounts.items())]
    detail.places = [(country, place, n) for (country, place), n in places.most_common()]
    detail.activity = sorted(months.items())
    detail.categories = categories.most_common()
    counts: Counter[tuple[str, str]] = Counter()
    for kind, value, _listing in session.execute(
        select(ListingIdentifier.kind, ListingIdentifier.value, ListingIdentifier.listing_id)
        .where(ListingIdentifier.listing_id.in_(shown))
        .distinct()
    ):
        counts[(kind, value)] += 1
    detail.identifiers = [(kind, value, n) for (kind, value), n in counts.most_common(200)]
    detail.links = [
        (a, b, layer, reason)
        for a, b, layer, reason in session.execute(
            select(NetworkLink.a_listing_id, NetworkLink.b_listing_id, NetworkLink.layer, NetworkLink.reason)
            .where(NetworkLink.a_listing_id.in_(shown) | NetworkLink.b_listing_id.in_(shown))
            .limit(1000)
        )
    ]
    return detail
