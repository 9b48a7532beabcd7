"""Shared per-app state: the catalogue, its current page index, and the template renderer.

Views get this one object instead of globals, so several apps (e.g. in tests) can coexist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from demo import settings
from demo.catalogue import Catalogue
from demo.corpus import CORPORA
from demo.images import full_image
from demo.indexes import SiteIndex, board_slug, build_index
from demo.money import format_local

TEMPLATES = Path(__file__).resolve().parent / "templates"


def origin_of(request: Request) -> str:
    """Scheme and authority the client used, for absolute URLs in structured data."""
    return f"{request.url.scheme}://{request.url.netloc}"


class DemoState:
    """The catalogue plus derived data; the index is rebuilt lazily when the catalogue changes."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._index = build_index(catalogue)
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            sections=settings.SECTIONS,
            labels={lang: corpus.labels for lang, corpus in CORPORA.items()},
            board_slug=board_slug,
            format_local=format_local,
        )
        self.env.filters["full_image"] = full_image

    @property
    def index(self) -> SiteIndex:
        if self._index.version != self.catalogue.version:
            self._index = build_index(self.catalogue)
        return self._index

    def render(self, template: str, /, status_code: int = 200, **context: Any) -> HTMLResponse:
        """Render a template to an HTML response (autoescaped)."""
        html = self.env.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status_code)
