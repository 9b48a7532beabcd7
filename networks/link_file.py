"""Linking a file of listings offline: ``ecowarden link --input listings.jsonl --output groups.jsonl``.

Each input line is a JSON object ``{"id", "site", "url", "title", "description", "price",
"currency", "seller_name", "location", "images"}`` (only ``id`` is required); each output line is
``{"id", "actor", "network", "reasons"}``, in input order. The identifiers each listing shows are
read from its title, description, seller name and location, its description goes into a template
index, and :func:`networks.linking.link` does the rest, as it does for stored listings.

Hostile input is bounded: a line longer than :data:`MAX_LINE_BYTES` or not a JSON object is a
reported bad line, never fatal; texts are capped by the extractors.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from networks.identifiers import identifiers_by_field
from networks.linking import ASSOCIATION_JACCARD, LinkRecord, LinkSettings, TextMatch, link
from networks.templates import TemplateConfig, TemplateIndex

MAX_LINE_BYTES = 1 << 20


@dataclass
class LinkFileSummary:
    lines: int = 0
    listings: int = 0
    bad_lines: list[dict[str, Any]] = field(default_factory=list)
    actors: int = 0
    networks: int = 0
    largest_actor: int = 0
    largest_network: int = 0
    generic_identifiers: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "listings": self.listings,
            "skipped": len(self.bad_lines),
            "bad_lines": self.bad_lines[:20],
            "actors": self.actors,
            "networks": self.networks,
            "largest_actor": self.largest_actor,
            "largest_network": self.largest_network,
            "generic_identifiers": self.generic_identifiers,
        }


def read_listings(handle: IO[bytes], summary: LinkFileSummary) -> Iterator[dict[str, Any]]:
    """The objects of a JSONL stream, with a unique string ``id``; bad lines are counted."""
    seen: set[str] = set()
    for number, raw in enumerate(iter(lambda: handle.readline(MAX_LINE_BYTES + 1), b""), 1):
        summary.lines += 1
        if len(raw) > MAX_LINE_BYTES:
            while raw and not raw.endswith(b"\n"):  # the rest of an over-long line
                raw = handle.readline(MAX_LINE_BYTES + 1)
            summary.bad_lines.append({"line": number, "error": f"longer than {MAX_LINE_BYTES} bytes"})
            continue
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except ValueError as exc:
            summary.bad_lines.append({"line": number, "error": f"not JSON: {exc}"[:200]})
            continue
        if not isinstance(value, dict) or not isinstance(value.get("id"), str | int) or value["id"] == "":
            summary.bad_lines.append({"line": number, "error": 'not an object with an "id"'})
            continue
        key = str(value["id"])
        if key in seen:
            summary.bad_lines.append({"line": number, "error": f"id {key[:80]!r} repeated"})
            continue
        seen.add(key)
        value["id"] = key
        yield value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def record_of(listing: dict[str, Any]) -> LinkRecord:
    """A listing line as linking sees it: its seller account and the identifiers it shows."""
    identifiers = [(i.kind, i.value) for _field, i in identifiers_by_field(listing)]
    seller = _text(listing.get("seller_name")).strip() or None
    return LinkRecord(
        id=listing["id"],
        site=_text(listing.get("site")),
        seller=seller,
        identifiers=tuple(dict.fromkeys(identifiers)),
    )


def near_duplicates(
    texts: Iterable[tuple[str, str, str]], templates: TemplateConfig | None = None
) -> list[TextMatch]:
    """Verified near-duplicate pairs among (id, site, text), down to the association bar."""
    index = TemplateIndex(templates or TemplateConfig(threshold=ASSOCIATION_JACCARD))
    for listing_id, site, text in texts:
        index.add(listing_id, text, site)
    return [TextMatch(str(m.a), str(m.b), m.jaccard) for m in index.matches()]


def link_listings(
    listings: list[dict[str, Any]],
    settings: LinkSettings | None = None,
    templates: TemplateConfig | None = None,
) -> tuple[list[dict[str, Any]], Any]:
    """Output lines for ``listings`` (in their order) and the :class:`~networks.linking.Linking`."""
    texts = (
        (
            listing["id"],
            _text(listing.get("site")),
            " ".join(filter(None, (_text(listing.get("title")), _text(listing.get("description"))))),
        )
        for listing in listings
    )
    matches = near_duplicates(texts, templates)
    result = link([record_of(listing) for listing in listings], settings, matches)
    lines = [
        {
            "id": listing["id"],
            "actor": result.actor[listing["id"]],
            "network": result.network[listing["id"]],
            "reasons": result.reasons(listing["id"]),
        }
        for listing in listings
    ]
    return lines, result


def link_file(source: Path, target: IO[str], settings: LinkSettings | None = None) -> LinkFileSummary:
    """Link the listings of ``source`` and write one line per listing to ``target``."""
    summary = LinkFileSummary()
    with source.open("rb") as handle:
        listings = list(read_listings(handle, summary))
    summary.listings = len(listings)
    lines, result = link_listings(listings, settings)
    for line in lines:
        target.write(json.dumps(line, ensure_ascii=False) + "\n")
    actors: dict[str, int] = {}
    networks: dict[str, int] = {}
    for line in lines:
        actors[line["actor"]] = actors.get(line["actor"], 0) + 1
        networks[line["network"]] = networks.get(line["network"], 0) + 1
    summary.actors, summary.networks = len(actors), len(networks)
    summary.largest_actor = max(actors.values(), default=0)
    summary.largest_network = max(networks.values(), default=0)
    summary.generic_identifiers = len(result.generic)
    return summary
