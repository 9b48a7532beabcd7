"""Per-site crawl configuration, read from ``crawler/sites/*.yaml`` (or a configured folder)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from crawler.extraction.types import CONTENT_FIELDS

SHIPPED_SITES_DIR = Path(__file__).resolve().parent / "sites"
#: fields a site file may give a selector for
_FIELDS = frozenset(CONTENT_FIELDS)


#: ``http``: plain requests; ``browser``: every page through Chromium; ``api``: one index page and
#: one listing through Chromium to learn the JSON API they fetch, then the API over HTTP (the
#: browser stays the fallback for what the API does not give; crawler/jsonapi.py)
RENDER_MODES = frozenset({"http", "browser", "api"})


class SiteConfigError(ValueError):
    """A site file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class BrowserOptions:
    #: CSS selector (or JS condition with ``js:``) that says a listing page finished rendering
    wait_for_listing: str | None = None
    #: the same for index (category, search) pages
    wait_for_index: str | None = None
    #: on index pages, keep scrolling to the bottom until this JS condition holds or nothing
    #: new loads (infinite scroll)
    scroll: bool = False
    scroll_until: str | None = None
    max_scrolls: int = 2000


@dataclass(frozen=True)
class SearchOptions:
    """A site's keyword search (``search:``), for search crawls (``crawl SITE --watch LIST``)."""

    #: the results URL, relative to ``base_url``: ``{query}`` (URL-encoded) and, for sites that
    #: number their result pages, ``{page}`` (1, 2, ...)
    url: str | None = None
    #: instead of a URL: the CSS selector of the search form on the first start page (a GET form
    #: with a text input), filled in and submitted as a browser would
    form: str | None = None
    #: selectors of result links on a results page (default: the site's ``listing_links``)
    results: tuple[str, ...] = ()
    #: selector of the link to the next results page, for a ``url`` without ``{page}``
    next_page: str | None = None
    #: result pages per term at most (default: ``[watch] pages_per_query``)
    pages_per_query: int | None = None
    #: the languages the site is searched in (terms in others are skipped); empty: all
    languages: tuple[str, ...] = ()
    #: requests per hour this site's search crawls may make (default: ``[watch] requests_per_hour``)
    requests_per_hour: int | None = None


@dataclass(frozen=True)
class SiteConfig:
    name: str
    base_url: str
    start_urls: tuple[str, ...]
    render: str = "http"
    render_listings: bool | None = None
    follow: tuple[str, ...] = ()
    listing_links: tuple[str, ...] = ()
    listing_url_pattern: str | None = None
    allowed_url_pattern: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    removed_markers: tuple[str, ...] = ()
    browser: BrowserOptions = field(default_factory=BrowserOptions)
    search: SearchOptions | None = None
    source: str = ""

    def with_base_url(self, base_url: str) -> SiteConfig:
        from dataclasses import replace

        return replace(self, base_url=base_url.rstrip("/") + "/")

    def absolute_start_urls(self) -> list[str]:
        return [urljoin(self.base_url, u) for u in self.start_urls]

    @property
    def listings_need_browser(self) -> bool:
        """Whether listing pages are rendered (in ``api`` mode: when the API cannot give them)."""
        return self.render != "http" if self.render_listings is None else self.render_listings


def _strings(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SiteConfigError(f"{source}: '{key}' must be a string or a list of strings")
    return tuple(value)


def _regex(data: dict[str, Any], key: str, source: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        re.compile(value)
    except (re.error, TypeError) as exc:
        raise SiteConfigError(f"{source}: '{key}' is not a regular expression: {exc}") from exc
    return str(value)


def parse_site(data: Any, source: str) -> SiteConfig:
    if not isinstance(data, dict):
        raise SiteConfigError(f"{source}: expected a mapping at the top level")
    for required in ("name", "base_url", "start_urls"):
        if required not in data:
            raise SiteConfigError(f"{source}: missing '{required}'")
    render = data.get("render", "http")
    if render not in RENDER_MODES:
        raise SiteConfigError(f"{source}: 'render' must be one of {', '.join(sorted(RENDER_MODES))}")
    fields = data.get("fields") or {}
    if not isinstance(fields, dict) or not set(fields) <= _FIELDS:
        raise SiteConfigError(f"{source}: 'fields' keys must be among {', '.join(sorted(_FIELDS))}")
    browser = data.get("browser") or {}
    if not isinstance(browser, dict):
        raise SiteConfigError(f"{source}: 'browser' must be a mapping")
    try:
        options = BrowserOptions(**browser)
    except TypeError as exc:
        raise SiteConfigError(f"{source}: browser: {exc}") from exc
    return SiteConfig(
        search=_search(data.get("search"), source),
        name=str(data["name"]),
        base_url=str(data["base_url"]).rstrip("/") + "/",
        start_urls=_strings(data, "start_urls", source),
        render=render,
        render_listings=data.get("render_listings"),
        follow=_strings(data, "follow", source),
        listing_links=_strings(data, "listing_links", source),
        listing_url_pattern=_regex(data, "listing_url_pattern", source),
        allowed_url_pattern=_regex(data, "allowed_url_pattern", source),
        fields={str(k): str(v) for k, v in fields.items()},
        removed_markers=_strings(data, "removed_markers", source),
        browser=options,
        source=source,
    )


def _positive(data: dict[str, Any], key: str, source: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise SiteConfigError(f"{source}: search: '{key}' must be a whole number above 0")
    return value


def _search(data: Any, source: str) -> SearchOptions | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise SiteConfigError(f"{source}: 'search' must be a mapping")
    known = {"url", "form", "results", "next_page", "pages_per_query", "languages", "requests_per_hour"}
    if set(data) - known:
        raise SiteConfigError(f"{source}: search: unknown key(s) {', '.join(sorted(set(data) - known))}")
    url, form = data.get("url"), data.get("form")
    if (url is None) == (form is None):
        raise SiteConfigError(f"{source}: search: give either 'url' or 'form'")
    if url is not None:
        if not isinstance(url, str) or "{query}" not in url:
            raise SiteConfigError(f"{source}: search: 'url' must be a string with {{query}} in it")
        try:
            url.format(query="q", page=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise SiteConfigError(
                f"{source}: search: 'url' may hold only {{query}} and {{page}} ({exc})"
            ) from exc
    if form is not None and not isinstance(form, str):
        raise SiteConfigError(f"{source}: search: 'form' must be a CSS selector")
    next_page = data.get("next_page")
    if next_page is not None and not isinstance(next_page, str):
        raise SiteConfigError(f"{source}: search: 'next_page' must be a CSS selector")
    return SearchOptions(
        url=url,
        form=form,
        results=_strings(data, "results", f"{source}: search"),
        next_page=next_page,
        pages_per_query=_positive(data, "pages_per_query", source),
        languages=tuple(lang.lower() for lang in _strings(data, "languages", f"{source}: search")),
        requests_per_hour=_positive(data, "requests_per_hour", source),
    )


def load_site_file(path: Path) -> SiteConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"{path}: {exc}") from exc
    return parse_site(data, str(path))


def load_sites(directory: Path | None = None) -> dict[str, SiteConfig]:
    """All site configs of a folder, by name; duplicate names are an error."""
    folder = directory or SHIPPED_SITES_DIR
    sites: dict[str, SiteConfig] = {}
    for path in sorted(folder.glob("*.yaml")):
        site = load_site_file(path)
        if site.name in sites:
            raise SiteConfigError(f"{path}: site name '{site.name}' also in {sites[site.name].source}")
        sites[site.name] = site
    return sites
