"""Text templates: listings whose descriptions are near-duplicates, across listings and sellers.

Traders reuse a description and change the particulars (price, phone number, species, size). The
index finds such listings without comparing all pairs: each description is tokenised with the
particulars masked (`templates_text`), lines the site prints on most of its listings are cut
(`templates_boilerplate`), the rest is shingled into word ``shingle_size``-grams, MinHashed and
looked up in a datasketch `MinHashLSH` tuned to ``threshold``. LSH candidates are verified with the
exact Jaccard similarity of the shingle sets, so a reported link is a measured one, and verified
links are joined into groups (connected components). `TemplateIndex.groups` then shows each group
as its shared template and what each listing changes (`templates_diff`).

Bounded by construction: text and tokens per listing are capped; a listing whose text is already
represented (an exact duplicate, or Jaccard >= ``absorb_jaccard`` with a listing in the index) is
linked to it and not indexed itself, so 10,000 copies of one text cost one index entry; at most
``max_candidates`` LSH candidates are verified per listing; groups report at most
``max_group_members`` members. Memory is the LSH index and the shingle sets of indexed
(representative) listings; no pair table is ever built.

Absorption costs a little recall at the margin, by the triangle inequality of the Jaccard distance:
a later listing X matching an absorbed A at J >= t matches A's representative R at
J >= t - (1 - absorb_jaccard), and may fall below t; with the default 0.9 that is a band of 0.1
under the threshold. It is what keeps floods of one text (spam, a shop's 5,000 copies) bounded.

Defaults, from `bench/templates.py` on the 261 real painted-bats listings (seller ids score only)
and a 100,000-listing synthetic run:
- word 3-grams at threshold 0.5: same-template pairs are the same seller at P 0.955 (R 0.475);
  2-grams at 0.3 reach R 0.79 at P 0.91 for whoever wants the looser signal. Every one of the
  28 cross-seller pairs there is one description under two seller ids, mostly on two platforms
  (Etsy and Amazon, eBay and Etsy): the association this module exists to show, so the precision
  is a lower bound.
- 64 permutations, the LSH tuned 0.1 under the threshold: 97.6 % of the exact all-pairs groups'
  pairs kept, as with 128 permutations, at half the index memory (datasketch keeps a set per
  band bucket: about 4.7 KB per indexed listing at 64 permutations, 8.5 KB at 128).
- the boilerplate cut at lines in more than half of a site's listings once it has 100. Site chrome
  is on (nearly) every listing; a shop's own header is on that shop's listings only, and on a
  search-focused crawl one shop can be 15-45 % of a site's sample (it is here): a lower share
  cuts the shop's text (R 0.475 -> 0.321 at a 10 % share) and with it a same-seller signal that
  also links the shop's copies on other sites. In the synthetic run with chrome as long as the
  descriptions, the cut is what keeps pairwise precision at 1.000 (0.095 without it, one site's unrelated
  listings chained into a group of 10,817).
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from networks.templates_boilerplate import Boilerplate
from networks.templates_diff import TemplateGroup, build_group
from networks.templates_text import Tokens, jaccard, line_keys, shingle_hashes, tokenize

ListingId = str | int
"""Listing ids: database keys or the ids of a file being linked."""


@dataclass(frozen=True, slots=True)
class TemplateConfig:
    """Parameters of template matching; every cap is a bound on work or memory.

    ``boilerplate_share`` None turns the boilerplate cut off (a shop's own header then links the
    shop's listings: a same-seller signal rather than a template shared across sellers).
    """

    threshold: float = 0.5
    lsh_threshold: float | None = None
    """The LSH's own tuning point; None: ``threshold`` - 0.1. Tuned at the threshold itself, the
    LSH's S-curve misses pairs just above it (on the real listings, up to 23 % of the exact
    pairs at 0.5); 0.1 lower keeps 98-100 % of them for about 30 % more candidates verified."""
    num_perm: int = 64
    shingle_size: int = 3
    max_text_chars: int = 20_000
    max_tokens: int = 2_000
    min_tokens: int = 8
    boilerplate_share: float | None = 0.5
    boilerplate_min_listings: int = 100
    absorb_jaccard: float = 0.9
    max_candidates: int = 64
    max_group_members: int = 50
    mask_identifiers: bool = True
    seed: int = 1


@dataclass(frozen=True, slots=True)
class Match:
    """A verified near-duplicate link: exact Jaccard of the two listings' shingle sets."""

    a: ListingId
    b: ListingId
    jaccard: float


@dataclass(slots=True)
class IndexStats:
    listings: int = 0
    indexed: int = 0
    absorbed: int = 0
    too_short: int = 0
    pending: int = 0
    candidates_verified: int = 0
    candidate_lists_capped: int = 0
    boilerplate_tokens_cut: int = 0


@dataclass(slots=True)
class _Pending:
    internal: int
    tokens: Tokens
    keys: list[tuple[int, int]] = field(default_factory=list)


def _identity(value: int) -> int:
    return value


class TemplateIndex:
    """Near-duplicate descriptions, added one listing at a time (see the module docstring).

    Listings of a site wait in a buffer until the site has ``boilerplate_min_listings`` (so that
    its first listings are not matched on chrome nobody has counted yet); `flush` indexes what
    waits, and `components`, `matches` and `groups` flush first. Ids must be unique.
    """

    def __init__(self, config: TemplateConfig | None = None) -> None:
        self.config = config or TemplateConfig()
        c = self.config
        lsh_threshold = max(0.05, c.threshold - 0.1) if c.lsh_threshold is None else c.lsh_threshold
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=c.num_perm)
        self.boilerplate = Boilerplate(c.boilerplate_share, c.boilerplate_min_listings)
        self.stats = IndexStats()
        self._ids: list[ListingId] = []
        self._internal: dict[ListingId, int] = {}
        self._sites: list[str] = []
        self._parent = array("i")
        self._sets: dict[int, npt.NDArray[np.uint32]] = {}
        self._digests: dict[bytes, int] = {}
        self._pending: dict[str, list[_Pending]] = {}
        # verified links as compact arrays (4 bytes a field, not a Python object each)
        self._edges_a = array("i")
        self._edges_b = array("i")
        self._edges_j = array("f")
        self._permutations = MinHash(num_perm=c.num_perm, seed=c.seed, scheme="affine32").permutations

    # -- adding -------------------------------------------------------------------------------

    def add(self, listing_id: ListingId, text: str, site: str = "") -> None:
        """Take one listing's description; ``site`` scopes the boilerplate cut."""
        if listing_id in self._internal:
            raise ValueError(f"listing {listing_id!r} was already added")
        internal = len(self._ids)
        self._ids.append(listing_id)
        self._internal[listing_id] = internal
        self._sites.append(site)
        self._parent.append(internal)
        self.stats.listings += 1
        c = self.config
        tokens = tokenize(
            text, max_chars=c.max_text_chars, max_tokens=c.max_tokens, use_identifiers=c.mask_identifiers
        )
        keys = line_keys(tokens)
        self.boilerplate.observe(site, {key for _, key in keys})
        item = _Pending(internal, tokens, keys)
        if not self.boilerplate.enabled or self.boilerplate.ready(site):
            self._flush_site(site)
            self._index(item)
        else:
            self._pending.setdefault(site, []).append(item)
            self.stats.pending += 1

    def add_many(self, listings: Iterable[tuple[ListingId, str, str]]) -> None:
        """``(id, text, site)`` triples."""
        for listing_id, text, site in listings:
            self.add(listing_id, text, site)

    def flush(self) -> None:
        """Index every listing still waiting for its site to reach the boilerplate minimum."""
        for site in list(self._pending):
            self._flush_site(site)

    def _flush_site(self, site: str) -> None:
        waiting = self._pending.pop(site, None)
        if waiting:
            self.stats.pending -= len(waiting)
            for item in waiting:
                self._index(item)

    # -- matching -----------------------------------------------------------------------------

    def cut(self, tokens: Tokens, site: str, keys: list[tuple[int, int]] | None = None) -> Tokens:
        """``tokens`` without the lines that are boilerplate on ``site`` (as counted so far)."""
        if not self.boilerplate.ready(site):
            return tokens
        dropped = {
            line for line, key in (keys or line_keys(tokens)) if self.boilerplate.is_boilerplate(site, key)
        }
        if not dropped:
            return tokens
        return tokens.keep([i for i, line in enumerate(tokens.lines) if line not in dropped])

    def _index(self, item: _Pending) -> None:
        c = self.config
        tokens = self.cut(item.tokens, self._sites[item.internal], item.keys)
        self.stats.boilerplate_tokens_cut += len(item.tokens) - len(tokens)
        if len(tokens) < c.min_tokens:
            self.stats.too_short += 1
            return
        shingles = shingle_hashes(tokens.norms, c.shingle_size)
        digest = hashlib.blake2b(shingles.tobytes(), digest_size=16).digest()
        twin = self._digests.get(digest)
        if twin is not None:
            self._link(item.internal, twin, 1.0)
            self.stats.absorbed += 1
            return
        minhash = self._minhash(shingles)
        candidates = self._lsh.query(minhash)
        if len(candidates) > c.max_candidates:
            self.stats.candidate_lists_capped += 1
            candidates = list(islice(sorted(candidates), c.max_candidates))
        best = 0.0
        best_key = -1
        for key in candidates:
            self.stats.candidates_verified += 1
            similarity = jaccard(shingles, self._sets[key])
            if similarity >= c.threshold:
                self._link(item.internal, key, similarity)
                if similarity > best:
                    best, best_key = similarity, key
        if best >= c.absorb_jaccard:
            self._digests[digest] = best_key
            self.stats.absorbed += 1
            return
        self._lsh.insert(item.internal, minhash, check_duplication=False)
        self._sets[item.internal] = shingles
        self._digests[digest] = item.internal
        self.stats.indexed += 1

    def _minhash(self, shingles: npt.NDArray[np.uint32]) -> MinHash:
        # the permutations are drawn once: MinHash would redraw them for every listing
        minhash = MinHash(
            num_perm=self.config.num_perm,
            seed=self.config.seed,
            hashfunc=_identity,
            permutations=self._permutations,
            scheme="affine32",
        )
        minhash.update_batch(shingles.tolist())
        return minhash

    def _root(self, node: int) -> int:
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def _link(self, a: int, b: int, similarity: float) -> None:
        self._edges_a.append(a)
        self._edges_b.append(b)
        self._edges_j.append(similarity)
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    # -- reading ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def matches(self) -> list[Match]:
        """Every verified link (each listing links to the indexed listings it matched)."""
        self.flush()
        ids = self._ids
        return [
            Match(ids[a], ids[b], round(j, 6))
            for a, b, j in zip(self._edges_a, self._edges_b, self._edges_j, strict=True)
        ]

    def components(self, min_size: int = 2) -> list[list[ListingId]]:
        """Groups of linked listings, largest first, members in the order they were added."""
        self.flush()
        by_root: dict[int, list[int]] = {}
        for node in range(len(self._ids)):
            by_root.setdefault(self._root(node), []).append(node)
        groups = [members for members in by_root.values() if len(members) >= min_size]
        groups.sort(key=lambda members: (-len(members), members[0]))
        return [[self._ids[m] for m in members] for members in groups]

    def group_of(self, listing_id: ListingId) -> list[ListingId]:
        """The listings sharing a template with ``listing_id`` (itself included)."""
        self.flush()
        root = self._root(self._internal[listing_id])
        return [self._ids[n] for n in range(len(self._ids)) if self._root(n) == root]

    def template_tokens(self, listing_id: ListingId, text: str) -> Tokens:
        """The tokens of ``text`` as the index compared them (masked, boilerplate cut)."""
        c = self.config
        tokens = tokenize(
            text, max_chars=c.max_text_chars, max_tokens=c.max_tokens, use_identifiers=c.mask_identifiers
        )
        return self.cut(tokens, self._sites[self._internal[listing_id]])

    def groups(
        self,
        text_of: Mapping[Any, str] | Callable[[Any], str],
        *,
        min_size: int = 2,
        limit: int | None = None,
    ) -> list[TemplateGroup]:
        """Template groups with their shared text and each member's changes, largest first.

        The index keeps no texts (that is storage's job): ``text_of`` gives them back by id. At most
        ``max_group_members`` members of a group are read and shown; ``size`` is the whole group.
        """
        lookup = text_of.__getitem__ if isinstance(text_of, Mapping) else text_of
        out: list[TemplateGroup] = []
        for members in islice(self.components(min_size), limit):
            shown = members[: self.config.max_group_members]
            tokens = [self.template_tokens(m, lookup(m)) for m in shown]
            out.append(build_group(shown, tokens, size=len(members), shingle_size=self.config.shingle_size))
        return out
