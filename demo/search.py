"""The demo sites' search: what a real marketplace's keyword search does, no more.

Every word of the query must occur in the title or description (AND, as on most sites); case and
accents do not matter ("Marfil" finds "marfil", "ngà voi" finds "nga voi"), nor does a plural's
final "s" ("tortugas" finds "tortuga" and the other way round: the least stemming a marketplace's
search engine does); Chinese, Japanese and Thai text has no spaces, so there a query part must
occur as a substring. No other stemming, no synonyms, no typo tolerance: a search crawler has to
bring the words a listing really uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from demo.model import Listing

#: letters NFKD does not decompose into a base letter and a mark
_UNDECOMPOSED = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss"})
_WORD = re.compile(r"\w+")
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f\uac00-\ud7af]")
#: longest query the demo sites accept (characters): real sites cut or refuse long ones
MAX_QUERY = 200


def fold(text: str) -> str:
    """Lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def unspaced(part: str) -> bool:
    """Whether a query part is of a script written without spaces (matched as a substring)."""
    return _UNSPACED_SCRIPT.search(part) is not None


def word_key(word: str) -> str:
    """A folded word as the index keeps it: a final plural "s" dropped (not "ss", not short words)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def word_keys(text: str) -> frozenset[str]:
    """The index keys of a folded text's words."""
    return frozenset(word_key(word) for word in _WORD.findall(text))


@dataclass(frozen=True)
class Searchable:
    """One listing's searchable text, folded once per catalogue version."""

    listing: Listing
    text: str
    words: frozenset[str]

    @classmethod
    def of(cls, listing: Listing) -> Searchable:
        text = fold(f"{listing.title} {listing.description}")
        return cls(listing, text, word_keys(text))

    def matches(self, parts: list[str]) -> bool:
        for part in parts:
            if unspaced(part):
                if part not in self.text:
                    return False
            elif not all(word_key(word) in self.words for word in _WORD.findall(part)):
                return False
        return True


def query_parts(query: str) -> list[str]:
    """The query's space-separated parts, folded; empty for a blank query."""
    return fold(query[:MAX_QUERY]).split()


def search(index: Iterable[Searchable], query: str) -> list[Listing]:
    """The listings matching every part of ``query``, in the index's order; none for a blank one."""
    parts = query_parts(query)
    if not parts:
        return []
    return [entry.listing for entry in index if entry.matches(parts)]
