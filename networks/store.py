"""Linking the stored listings: read what linking needs, write actors, networks and links.

``build_networks`` reads every listing's site, seller account and text and every identifier
stored for it (all versions: a number a seller used once still links), links them
(:func:`networks.linking.link`) and replaces ``listing_networks`` and ``network_links`` in one
transaction, so a reader sees the previous answer or the new one, never half of each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from networks.link_file import near_duplicates
from networks.linking import LinkRecord, LinkSettings, link
from storage.db import transaction
from storage.models import Listing, ListingIdentifier, ListingNetwork, NetworkLink, Seller, Site
from storage.types import utcnow

#: rows written per statement
_CHUNK = 2000


@dataclass(frozen=True)
class BuildSummary:
    listings: int
    actors: int
    networks: int
    links: int
    generic_identifiers: int
    largest_actor: int
    largest_network: int

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _records(session: Session) -> tuple[list[LinkRecord], list[tuple[str, str, str]]]:
    identifiers: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for listing_id, kind, value in session.execute(
        select(ListingIdentifier.listing_id, ListingIdentifier.kind, ListingIdentifier.value).distinct()
    ):
        identifiers[listing_id].append((kind, value))
    records: list[LinkRecord] = []
    texts: list[tuple[str, str, str]] = []
    rows = session.execute(
        select(Listing.id, Site.key, Seller.key, Listing.title, Listing.description)
        .join(Site, Site.id == Listing.site_id)
        .outerjoin(Seller, Seller.id == Listing.seller_id)
        .order_by(Listing.id)
    )
    for listing_id, site, seller, title, description in rows:
        key = str(listing_id)
        records.append(LinkRecord(key, site, seller, tuple(identifiers.get(listing_id, ()))))
        texts.append((key, site, " ".join(filter(None, (title, description)))))
    return records, texts


def build_networks(factory: sessionmaker[Session], settings: LinkSettings | None = None) -> BuildSummary:
    """Link every stored listing and store the answer (replacing the previous one)."""
    with factory() as session:
        records, texts = _records(session)
    result = link(records, settings, near_duplicates(texts))
    built = utcnow()
    with transaction(factory) as session:
        session.execute(delete(NetworkLink))
        session.execute(delete(ListingNetwork))
        rows = [
            {
                "listing_id": int(r.id),
                "actor": int(result.actor[r.id]),
                "network": int(result.network[r.id]),
                "built_at": built,
            }
            for r in records
        ]
        for start in range(0, len(rows), _CHUNK):
            session.execute(insert(ListingNetwork), rows[start : start + _CHUNK])
        links = [
            {
                "a_listing_id": int(found.a),
                "b_listing_id": int(found.b),
                "layer": found.layer,
                "reason": found.reason[:2000],
                "built_at": built,
            }
            for found in result.links
        ]
        for start in range(0, len(links), _CHUNK):
            session.execute(insert(NetworkLink), links[start : start + _CHUNK])
    actors: dict[str, int] = defaultdict(int)
    networks: dict[str, int] = defaultdict(int)
    for record in records:
        actors[result.actor[record.id]] += 1
        networks[result.network[record.id]] += 1
    return BuildSummary(
        listings=len(records),
        actors=len(actors),
        networks=len(networks),
        links=len(result.links),
        generic_identifiers=len(result.generic),
        largest_actor=max(actors.values(), default=0),
        largest_network=max(networks.values(), default=0),
    )


@dataclass(frozen=True)
class NetworkRow:
    network: int
    listings: int
    actors: int
    sites: tuple[str, ...]
    links: int


def list_networks(
    factory: sessionmaker[Session], *, min_actors: int = 1, min_listings: int = 2
) -> list[NetworkRow]:
    """Networks of the last build with at least ``min_listings`` listings and ``min_actors``
    actors, largest first."""
    with factory() as session:
        members = session.execute(
            select(ListingNetwork.network, ListingNetwork.actor, Site.key)
            .join(Listing, Listing.id == ListingNetwork.listing_id)
            .join(Site, Site.id == Listing.site_id)
        ).all()
        links: dict[int, int] = defaultdict(int)
        network_of = {
            listing: network
            for listing, network in session.execute(select(ListingNetwork.listing_id, ListingNetwork.network))
        }
        for (a,) in session.execute(select(NetworkLink.a_listing_id)):
            links[network_of.get(a, -1)] += 1
    listings: dict[int, int] = defaultdict(int)
    actors: dict[int, set[int]] = defaultdict(set)
    sites: dict[int, set[str]] = defaultdict(set)
    for network, actor, site in members:
        listings[network] += 1
        actors[network].add(actor)
        sites[network].add(site)
    rows = [
        NetworkRow(
            network, listings[network], len(actors[network]), tuple(sorted(sites[network])), links[network]
        )
        for network in listings
        if listings[network] >= min_listings and len(actors[network]) >= min_actors
    ]
    rows.sort(key=lambda row: (-row.listings, row.network))
    return rows


def network_graph(factory: sessionmaker[Session], network: int | None = None) -> Any:
    """The network (or every network) as a ``networkx`` multigraph: listings as nodes (site,
    seller, title, actor, network), links as edges (layer, reason)."""
    import networkx as nx

    graph = nx.MultiGraph()
    with factory() as session:
        query = (
            select(
                ListingNetwork.listing_id,
                ListingNetwork.actor,
                ListingNetwork.network,
                Site.key,
                Seller.key,
                Listing.title,
                Listing.url,
            )
            .join(Listing, Listing.id == ListingNetwork.listing_id)
            .join(Site, Site.id == Listing.site_id)
            .outerjoin(Seller, Seller.id == Listing.seller_id)
        )
        if network is not None:
            query = query.where(ListingNetwork.network == network)
        for listing_id, actor, net, site, seller, title, url in session.execute(query):
            graph.add_node(
                listing_id,
                site=site,
                seller=seller or "",
                title=(title or "")[:300],
                url=url,
                actor=actor,
                network=net,
            )
        for a, b, layer, reason in session.execute(
            select(NetworkLink.a_listing_id, NetworkLink.b_listing_id, NetworkLink.layer, NetworkLink.reason)
        ):
            if a in graph and b in graph:
                graph.add_edge(a, b, layer=layer, reason=reason)
    return graph
