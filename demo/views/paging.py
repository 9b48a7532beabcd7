"""Page-number pagination over precomputed lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from starlette.exceptions import HTTPException
from starlette.requests import Request

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, with what pagination links need."""

    items: list[T]
    number: int
    pages: int

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_prev(self) -> bool:
        return self.number > 1


def page_number(request: Request) -> int:
    """The ``page`` query parameter; junk is a 404 like on most real sites."""
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise HTTPException(404)
    return int(raw)


def paginate(items: list[T], number: int, size: int) -> Page[T]:
    """Slice page ``number``; beyond the last page is a 404 (page 1 of nothing is fine)."""
    pages = max(1, -(-len(items) // size))
    if number > pages:
        raise HTTPException(404)
    start = (number - 1) * size
    return Page(items[start : start + size], number, pages)
