"""Which listings one actor is behind, and which actors form a network: links with their reasons.

Two layers, as the tools that did this for other online crime learnt to keep them:

- **same actor**: the listings of one seller account on one site, listings that share a strong
  identifier (a phone or messaging number, an e-mail, a wallet, a payment handle, a profile
  link), and listings whose descriptions are near-identical once prices and numbers are masked.
  Connected listings are one actor.
- **association**: weaker signals (a description similar but not near-identical, a weak
  handle). Actors connected by them form a network; they never merge actors.

An identifier shared by more than ``generic_owners`` distinct sellers is *generic* (a courier's or
a marketplace's number would otherwise chain thousands of listings into one useless actor): it
is listed, and at most links as an association, never merges. Every link keeps its reason, so an
analyst sees why two listings are one actor.

Linear in the input: identifiers are grouped by value (no pairwise comparison), unions are
recorded as a star from each group's first listing, and actors and networks come from a
union-find.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: identifier kinds that identify a person or account (handles on a platform, numbers, e-mail,
#: money); everything the extractor finds today is strong unless listed as weak
WEAK_KINDS = frozenset({"facebook"})
SAME_ACTOR = "same_actor"
#: the template index's threshold when linking: similar descriptions below the same-actor bar
ASSOCIATION_JACCARD = 0.35
ASSOCIATION = "association"


@dataclass(frozen=True)
class LinkRecord:
    """A listing as linking sees it."""

    id: str
    site: str = ""
    #: the site's own seller account (name or id), if the page shows one
    seller: str | None = None
    #: (kind, normalised value) of each identifier the listing shows
    identifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    layer: str
    reason: str


@dataclass(frozen=True)
class TextMatch:
    """Two listings whose descriptions are near-duplicates (``networks.templates``), with the
    exact Jaccard similarity of their shingles."""

    a: str
    b: str
    jaccard: float


@dataclass(frozen=True)
class LinkSettings:
    #: an identifier shown by more distinct sellers than this is generic: listed, never merged
    generic_owners: int = 5
    #: descriptions this similar (Jaccard of word 3-grams, particulars masked) are one actor's;
    #: below it, down to :data:`ASSOCIATION_JACCARD`, they only associate actors. On the real
    #: painted-bats listings (bench/linking.py) actors made this way are one seller's with
    #: pairwise precision 0.95 at 0.5, 0.92 at 0.4 and 0.89 at 0.3: 0.5 keeps a margin above
    #: the 0.90 asked for, on listings it was not fitted to
    same_actor_jaccard: float = 0.5


@dataclass
class Linking:
    """The result: each listing's actor and network (both named by their first listing), the
    links with their reasons, and the identifiers found generic."""

    actor: dict[str, str] = field(default_factory=dict)
    network: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    #: (kind, value) -> how many distinct sellers show it
    generic: dict[tuple[str, str], int] = field(default_factory=dict)
    _by_record: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)

    def reasons(self, record_id: str) -> list[str]:
        """The reasons of the links that touch ``record_id`` (indexed on first use: asking for
        every listing's reasons stays linear in the links)."""
        if self._by_record is None or self._indexed != len(self.links):
            self._by_record = defaultdict(list)
            for found in self.links:
                self._by_record[found.a].append(found.reason)
                self._by_record[found.b].append(found.reason)
            self._indexed = len(self.links)
        return list(self._by_record.get(record_id, ()))


class _UnionFind:
    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        # the smaller name becomes the root: ids are stable across runs of the same input
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def _key(kind: str, value: str) -> tuple[str, str]:
    """What an identifier is compared by: one number is one number whether the page calls it a
    phone, WhatsApp or Zalo (all E.164), so those share the key ``number``."""
    if value.startswith("+") and value[1:].isdigit():
        return "number", value
    return kind, value


def _owner(record: LinkRecord) -> str:
    """Who shows an identifier, for counting distinct sellers: the site's seller account, or
    the listing itself when the page names none."""
    return f"{record.site}\x00{record.seller}" if record.seller else f"listing\x00{record.id}"


def link(
    records: Sequence[LinkRecord],
    settings: LinkSettings | None = None,
    text_matches: Iterable[TextMatch] = (),
) -> Linking:
    """Actors and networks of ``records``; see the module docstring for the rules."""
    settings = settings or LinkSettings()
    result = Linking()
    ids = [r.id for r in records]
    actors = _UnionFind(ids)
    # 1. one seller account on one site is one actor
    by_account: dict[str, list[str]] = defaultdict(list)
    for record in records:
        if record.seller:
            by_account[_owner(record)].append(record.id)
    for account, members in by_account.items():
        site, seller = account.split("\x00", 1)
        for other in members[1:]:
            if actors.union(members[0], other):
                result.links.append(
                    Link(members[0], other, SAME_ACTOR, f"same seller account {seller!r} on {site}")
                )
    # 2. a strong identifier shown by few sellers makes one actor; a common one is generic
    shown: dict[tuple[str, str], list[LinkRecord]] = defaultdict(list)
    #: the kinds each compared identifier was shown as ("zalo", "phone")
    shown_as: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record in records:
        keys: dict[tuple[str, str], None] = {}
        for kind, value in record.identifiers:
            key = _key(kind, value)
            keys[key] = None
            shown_as[key].add(kind)
        for key in keys:
            shown[key].append(record)
    associations: list[tuple[list[str], str]] = []
    for (kind, value), holders in shown.items():
        if len(holders) < 2:
            continue
        shown_kinds = ", ".join(sorted(shown_as[(kind, value)]))
        owners = {_owner(h) for h in holders}
        members = [h.id for h in holders]
        if len(owners) > settings.generic_owners:
            result.generic[(kind, value)] = len(owners)
            continue
        if kind in WEAK_KINDS:
            associations.append((members, f"both show {value} ({shown_kinds})"))
            continue
        for other in members[1:]:
            if actors.union(members[0], other):
                result.links.append(Link(members[0], other, SAME_ACTOR, f"both show {value} ({shown_kinds})"))
    # 3. near-identical descriptions are one actor's; similar ones only associate
    known = set(ids)
    for match in text_matches:
        if match.a not in known or match.b not in known:
            continue
        reason = f"descriptions {match.jaccard:.0%} alike"
        if match.jaccard >= settings.same_actor_jaccard:
            if actors.union(match.a, match.b):
                result.links.append(Link(match.a, match.b, SAME_ACTOR, reason))
        else:
            associations.append(([match.a, match.b], reason))
    for record_id in ids:
        result.actor[record_id] = actors.find(record_id)
    # 4. networks: actors joined by associations (similar descriptions, weak identifiers)
    networks = _UnionFind(sorted(set(result.actor.values())))
    for members, reason in associations:
        heads = list(dict.fromkeys(result.actor[m] for m in members))
        for other in heads[1:]:
            if networks.union(heads[0], other):
                result.links.append(Link(heads[0], other, ASSOCIATION, reason))
    for record_id in ids:
        result.network[record_id] = networks.find(result.actor[record_id])
    return result
