"""The pieces of a site search that need no spider: terms, result URLs, search forms, result links.

A search form is what a person would use: a GET form with one text input (``type=search`` or
``text``) and whatever hidden fields the site sends along; a POST form (login, newsletter) or a form
with a password field is never taken for a search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qsl, quote_plus, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from storage.term_rows import ANY_LANGUAGE

__all__ = [
    "ANY_LANGUAGE",
    "CONTROL_QUERY",
    "SearchForm",
    "SearchTerm",
    "dominant_links",
    "find_search_form",
    "search_url",
]

#: names search inputs go by, best first (a form whose text input is named otherwise still counts)
_QUERY_NAMES = ("q", "query", "search", "s", "keyword", "keywords", "k", "term", "text", "w", "kw")
#: a search query longer than this is cut (no site searches for a paragraph)
MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class SearchTerm:
    """One term a search crawl runs, as the plan gave it (rides on requests as a dict)."""

    id: int
    term: str
    language: str
    category: str

    def to_meta(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_meta(cls, data: dict[str, Any]) -> SearchTerm:
        return cls(int(data["id"]), str(data["term"]), str(data["language"]), str(data["category"]))


def search_url(base_url: str, template: str, query: str, page: int = 1) -> str:
    """A configured results URL for ``query`` and ``page``, absolute."""
    encoded = quote_plus(query[:MAX_QUERY_CHARS])
    return urljoin(base_url, template.replace("{query}", encoded).replace("{page}", str(page)))


@dataclass(frozen=True)
class SearchForm:
    """A GET search form: where it goes, the name of its text input, the fields sent with it."""

    action: str
    field: str
    hidden: tuple[tuple[str, str], ...] = ()

    def url_for(self, query: str) -> str:
        parts = urlsplit(self.action)
        kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != self.field]
        fields = [*kept, *self.hidden, (self.field, query[:MAX_QUERY_CHARS])]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(fields), ""))

    def to_meta(self) -> dict[str, Any]:
        return {"action": self.action, "field": self.field, "hidden": [list(pair) for pair in self.hidden]}

    @classmethod
    def from_meta(cls, data: dict[str, Any]) -> SearchForm:
        return cls(
            str(data["action"]), str(data["field"]), tuple((str(k), str(v)) for k, v in data["hidden"])
        )


def find_search_form(html: Selector, page_url: str, css: str | None = None) -> SearchForm | None:
    """The page's search form (the one ``css`` selects, or the best-looking one), or None."""
    forms = html.css(css) if css else html.xpath("//form")
    best: tuple[int, SearchForm] | None = None
    for form in forms[:50]:
        found = _as_search_form(form, page_url)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best[1] if best else None


def _as_search_form(form: Selector, page_url: str) -> tuple[int, SearchForm] | None:
    if (form.attrib.get("method") or "get").strip().lower() != "get":
        return None
    inputs = form.xpath(".//input")
    if any((i.attrib.get("type") or "").lower() == "password" for i in inputs):
        return None
    texts = [
        i
        for i in inputs
        if (i.attrib.get("type") or "text").lower() in ("text", "search") and i.attrib.get("name")
    ]
    if len(texts) != 1:  # none, or a form with several text fields (an address, a filter panel)
        return None
    name = texts[0].attrib["name"]
    hidden = tuple(
        (i.attrib["name"], i.attrib.get("value", ""))
        for i in inputs
        if (i.attrib.get("type") or "").lower() == "hidden" and i.attrib.get("name")
    )
    action = urljoin(page_url, (form.attrib.get("action") or "").strip() or page_url)
    if urlsplit(action).scheme not in ("http", "https"):
        return None
    score = 1
    score += 4 * ((texts[0].attrib.get("type") or "").lower() == "search")
    score += 3 * (name.lower() in _QUERY_NAMES)
    score += 2 * ((form.attrib.get("role") or "").lower() == "search")
    score += 2 * any("search" in (form.attrib.get(a) or "").lower() for a in ("class", "id", "action"))
    return score, SearchForm(action, name, hidden)


def _folder_shape(url: str) -> str:
    """Host and the folder a link's page sits in (``/ad/123-ivory-bangle`` -> ``/ad/``): result
    links of one site share it, whatever their ids and slugs."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    return f"{parts.netloc}{path[: path.rfind('/') + 1]}"


#: what a search for nothing is asked, to see what a results page shows whatever the query
CONTROL_QUERY = "zqxjv wkpfy"


def dominant_links(
    links: Iterable[str], *, exclude_path: str = "", boilerplate: set[str] | frozenset[str] = frozenset()
) -> list[str]:
    """The links of a results page that are results, in page order.

    ``boilerplate``: the links a results page for nothing showed (navigation, footer, account
    links: the template's). Of the others, the results are those in the folder most of them
    share (``/ad/123-...``): what is left besides (a "related searches" box) has fewer.
    ``exclude_path``: the search's own path (its page links are not results)."""
    by_folder: dict[str, list[str]] = {}
    for url in dict.fromkeys(links):
        if url in boilerplate or urlsplit(url).path == exclude_path:
            continue
        by_folder.setdefault(_folder_shape(url), []).append(url)
    if not by_folder:
        return []
    return max(by_folder.values(), key=len)
