"""The shape of the text corpus: items, templates and per-language fillers.

Kept separate from the data so each language module is pure data and the generator can rely on a
single, typed structure whatever the language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Item(NamedTuple):
    """One thing that can be offered.

    ``lo``/``hi`` are a plausible price range in US dollars (whole dollars); the generator converts
    to the listing's currency so prices look local. ``code`` marks disguised trade wording and
    ``hard`` marks an innocent item whose wording resembles a suspect one (a hard negative).
    """

    text: str
    section: str
    lo: int
    hi: int
    code: bool = False
    hard: bool = False


class Template(NamedTuple):
    """A title/description pair with ``{item} {place} {qty} {note} {cond}`` slots.

    Several templates per category x language let a classifier hold whole templates out, so it
    cannot score well by memorising one sentence.
    """

    title: str
    body: str
    code: bool = False


@dataclass(frozen=True)
class CategoryText:
    """Items, templates and free-text notes for one category in one language."""

    items: tuple[Item, ...]
    templates: tuple[Template, ...]
    notes: tuple[str, ...]
    qty: tuple[int, int] = (1, 10)


@dataclass(frozen=True)
class BazaarLabels:
    """The forum's labels in the board's language (the bazaar has no structured data)."""

    board: str
    board_slug: str
    price: str
    location: str
    availability: str
    posted: str
    replies: str
    next_page: str
    availability_words: dict[str, str]
    date_format: str


@dataclass(frozen=True)
class LanguageCorpus:
    """Everything the generator needs to write listings in one language."""

    language: str
    locations: tuple[tuple[str, str], ...]  # (place, ISO 4217 currency)
    sellers: tuple[str, ...]
    conditions: tuple[str, ...]
    ordinary: CategoryText
    suspect: dict[str, CategoryText]
    replies: tuple[str, ...]
    labels: BazaarLabels
    edit_titles: tuple[str, ...] = field(default=())
