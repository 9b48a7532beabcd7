"""Code-word discovery: words and phrases frequent in confirmed offers and rare elsewhere.

Candidates come only from the text of listings analysts confirmed; every other listing
(dismissed ones and ordinary ones alike) is the contrast. A candidate must occur in at least
``min_listings`` confirmed listings of at least ``min_sellers`` sellers (one trader's template is
not a code word), and it is scored by how much more often confirmed listings use it than the
others do (a smoothed ratio of the shares of listings that contain it). Terms the watchlists
already hold are left out; analysts accept or reject what remains.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_HAN = re.compile(r"[\u4e00-\u9fff]+")
#: a word shorter than this (in letters) is not a candidate on its own (Chinese bigrams aside)
MIN_WORD = 3
#: a candidate in more than this share of the contrast listings is ordinary vocabulary
MAX_CONTRAST_SHARE = 0.05
#: ...judged only once there are this many contrast listings (a share of three says little)
MIN_CONTRAST = 100


@dataclass(frozen=True)
class MinedText:
    """One listing's text as the miner reads it."""

    listing_id: int
    text: str
    seller: str | None = None
    category: str | None = None
    language: str | None = None


@dataclass
class Suggestion:
    term: str
    language: str
    category: str
    #: confirmed listings and sellers using it, and contrast listings using it
    confirmed: int
    sellers: int
    others: int
    score: float
    examples: list[int] = field(default_factory=list)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def candidates(text: str) -> set[str]:
    """The words (3+ letters), word pairs and Chinese character pairs of a text."""
    folded = _fold(text)
    words = _WORD.findall(folded)
    found = {w for w in words if len(w) >= MIN_WORD and not _HAN.fullmatch(w)}
    found.update(f"{a} {b}" for a, b in pairwise(words) if not (_HAN.search(a) or _HAN.search(b)))
    for run in _HAN.findall(folded):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def _majority(values: Iterable[str | None], default: str) -> str:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else default


def mine_terms(
    confirmed: Iterable[MinedText],
    others: Iterable[MinedText],
    *,
    known: Iterable[str] = (),
    min_listings: int = 3,
    min_sellers: int = 2,
    limit: int = 50,
) -> list[Suggestion]:
    """Candidate terms from ``confirmed`` listings, ranked against ``others``; ``known``: terms
    already in a watchlist (case aside), never suggested again."""
    taken = {_fold(term) for term in known}
    confirmed = list(confirmed)
    holders: dict[str, list[MinedText]] = defaultdict(list)
    for listing in confirmed:
        for term in candidates(listing.text):
            holders[term].append(listing)
    contrast = 0
    in_others: Counter[str] = Counter()
    wanted = {term for term, rows in holders.items() if len(rows) >= min_listings}
    for listing in others:
        contrast += 1
        in_others.update(term for term in candidates(listing.text) if term in wanted)
    out: list[Suggestion] = []
    for term in wanted:
        rows = holders[term]
        sellers = {row.seller or f"listing:{row.listing_id}" for row in rows}
        if term in taken or len(sellers) < min_sellers:
            continue
        share_confirmed = len(rows) / max(1, len(confirmed))
        if contrast and in_others[term] / contrast >= share_confirmed:
            continue  # no more frequent in offers than elsewhere
        if contrast >= MIN_CONTRAST and in_others[term] / contrast > MAX_CONTRAST_SHARE:
            continue  # ordinary vocabulary
        share_others = (in_others[term] + 1) / (contrast + 2)
        out.append(
            Suggestion(
                term=term,
                language=_majority((r.language for r in rows), "*"),
                category=_majority((r.category for r in rows), "any"),
                confirmed=len(rows),
                sellers=len(sellers),
                others=in_others[term],
                score=round(share_confirmed / share_others, 3),
                examples=sorted(r.listing_id for r in rows)[:5],
            )
        )
    out.sort(key=lambda s: (-s.score, -s.confirmed, s.term))
    return _without_parts(out)[:limit]


def _without_parts(ranked: list[Suggestion]) -> list[Suggestion]:
    """A word that only ever occurs inside a better-ranked phrase adds nothing to it."""
    kept: list[Suggestion] = []
    for suggestion in ranked:
        if any(
            suggestion.term in other.term.split() and suggestion.confirmed <= other.confirmed
            for other in kept
        ):
            continue
        kept.append(suggestion)
    return kept


def iter_texts(
    rows: Iterable[tuple[int, str | None, str | None, str | None, str | None, str | None]],
) -> Iterator[MinedText]:
    """(id, title, description, seller, category, language) rows as the miner's records."""
    for listing_id, title, description, seller, category, language in rows:
        yield MinedText(listing_id, f"{title or ''} {description or ''}", seller, category, language)
