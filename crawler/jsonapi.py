"""Learning a JavaScript site's JSON API from what its pages fetched, to crawl it over plain HTTP.

A single-page shop renders every listing from JSON it fetches. Rendering each listing in Chromium
costs a page, a script run and a wait per listing; the JSON is one small HTTP request. So the
crawler renders one index page and one listing page, looks at the JSON those pages fetched, and
learns three things from values it can check, never from key names it guesses:

- the **index API**: which response holds a list of items whose links are the listing links the
  rendered page showed, and how the next page is asked for (a cursor the previous response gave,
  or a page number);
- the **detail API**: how a listing page's URL maps to the JSON request that fills it;
- the **field map**: for every field the browser extracted from the rendered listing, the JSON path
  holding the same value. A field the JSON does not hold means the API cannot give what the browser
  gives, and the site is crawled through the browser as before: stored fields stay the same.

Everything here is pure (JSON in, specs out), so it is tested without a browser. Specs are plain
dicts in request meta, so a JOBDIR queue or a Redis queue carries them with each request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from crawler.extraction.availability import normalise_availability
from crawler.extraction.listing import fill_country
from crawler.extraction.text import clean_text, limit_for
from crawler.extraction.types import CONTENT_FIELDS, ExtractedListing
from crawler.urls import canonical_url

#: JSON bodies larger than this are not read (a listing API page is kilobytes)
MAX_JSON_BYTES = 5_000_000
#: how deep into a JSON document paths are looked for
MAX_DEPTH = 5
#: at most this many items of one list are looked at when learning
SAMPLE_ITEMS = 200

#: keys (and list indexes) from a document's root to a value
JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class ApiCall:
    """One JSON request a rendered page made, fetched again as the crawler would fetch it."""

    url: str
    status: int
    body: bytes

    @cached_property
    def data(self) -> Any:
        """The decoded body, parsed once however often learning looks at it."""
        return parse_json(self.body)


def parse_json(body: bytes | str) -> Any:
    """The decoded document, or None for anything that is not (small, valid) JSON."""
    if len(body) > MAX_JSON_BYTES:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def value_at(data: Any, path: JsonPath) -> Any:
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and 0 <= step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


def _object_lists(data: Any, path: JsonPath = (), depth: int = 0) -> Iterator[tuple[JsonPath, list[Any]]]:
    """Every list of objects in a document, with its path (lists inside lists are not items)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _object_lists(value, (*path, str(key)), depth + 1)
    elif isinstance(data, list) and data and all(isinstance(v, dict) for v in data[:SAMPLE_ITEMS]):
        yield path, data


def _leaves(data: Any, path: JsonPath = (), depth: int = 0) -> Iterator[tuple[JsonPath, Any]]:
    """Scalars and lists of scalars, with their paths (objects in lists are not descended)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, str(key)), depth + 1)
    elif isinstance(data, list):
        if all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in data):
            yield path, data
    elif data is not None and not isinstance(data, bool):
        yield path, data


def query_params(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def _endpoint(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def without_param(url: str, name: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def with_param(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, value))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _link(page_url: str, value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip() or len(value) > 2000:
        return None
    try:
        return canonical_url(urljoin(page_url, value.strip()))
    except ValueError:
        return None


# -- the index API ----------------------------------------------------------------------------
@dataclass(frozen=True)
class IndexApi:
    """A listing index served as JSON pages: where the items are, their links, the next page."""

    url: str
    items_path: JsonPath
    link_path: JsonPath
    #: the query parameter naming the next page, and how its value is found:
    #: ``cursor`` (the previous response holds it at ``cursor_path``) or ``page`` (a number + 1)
    page_param: str | None = None
    paging: str | None = None
    cursor_path: JsonPath = ()

    def to_meta(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_meta(cls, data: dict[str, Any]) -> IndexApi:
        return cls(
            url=str(data["url"]),
            items_path=tuple(data["items_path"]),
            link_path=tuple(data["link_path"]),
            page_param=data.get("page_param"),
            paging=data.get("paging"),
            cursor_path=tuple(data.get("cursor_path") or ()),
        )

    def read(self, url: str, data: Any, page_url: str) -> tuple[list[str], str | None]:
        """The listing links of one index page and the URL of the next (None at the end)."""
        items = value_at(data, self.items_path)
        if not isinstance(items, list):
            return [], None
        links = [link for item in items if (link := _link(page_url, value_at(item, self.link_path)))]
        if not links or self.page_param is None:
            return links, None
        if self.paging == "cursor":
            cursor = value_at(data, self.cursor_path)
            if cursor is None or cursor == "" or isinstance(cursor, bool | dict | list):
                return links, None
            following = with_param(url, self.page_param, str(cursor))
            return links, following if following != url else None  # a cursor that points at itself
        current = query_params(url).get(self.page_param, "1")
        if not current.isdigit():
            return links, None
        return links, with_param(url, self.page_param, str(int(current) + 1))


#: strings of one document looked at for links at most (a hostile API can answer megabytes)
MAX_STRINGS = 20_000


def _strings(data: Any, depth: int = 0) -> Iterator[str]:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value, depth + 1)


def json_links(data: Any, page_url: str) -> list[str]:
    """Every string of a JSON document, objects in lists included, that reads as a link
    (absolute, against ``page_url``)."""
    links = []
    for count, value in enumerate(_strings(data)):
        if count >= MAX_STRINGS:
            break
        if value.startswith(("/", "http://", "https://")) and (link := _link(page_url, value)):
            links.append(link)
    return links


def learn_index(calls: list[ApiCall], page_url: str, listing_links: set[str]) -> IndexApi | None:
    """The JSON request whose items link to the listings the rendered page showed."""
    best: tuple[int, ApiCall, JsonPath, JsonPath] | None = None
    for call in calls:
        data = call.data
        if call.status != 200 or data is None:
            continue
        for items_path, items in _object_lists(data):
            for link_path in _item_link_paths(items):
                hits = sum(
                    1
                    for item in items[:SAMPLE_ITEMS]
                    if _link(page_url, value_at(item, link_path)) in listing_links
                )
                if hits * 2 >= min(len(items), SAMPLE_ITEMS) and (best is None or hits > best[0]):
                    best = (hits, call, items_path, link_path)
    if best is None:
        return None
    _hits, first, items_path, link_path = best
    same = [c for c in calls if _endpoint(c.url) == _endpoint(first.url) and c.status == 200]
    param, paging, cursor_path = _paging(same)
    start = first
    if param is not None:  # start from the page that asked for no particular page
        start = next((c for c in same if param not in query_params(c.url)), first)
    return IndexApi(start.url, items_path, link_path, param, paging, cursor_path)


def _item_link_paths(items: list[Any]) -> list[JsonPath]:
    paths: dict[JsonPath, None] = {}
    for item in items[:3]:
        for path, value in _leaves(item):
            if isinstance(value, str):
                paths.setdefault(path)
    return list(paths)


def _paging(calls: list[ApiCall]) -> tuple[str | None, str | None, JsonPath]:
    """How one page of an index API asks for the next: a parameter whose value one response gave
    (a cursor), or a page number one more than the last."""
    for earlier in calls:
        data = earlier.data
        values = {str(v): p for p, v in _leaves(data) if isinstance(v, str | int) and str(v)}
        before = query_params(earlier.url)
        for later in calls:
            if later is earlier:
                continue
            for name, value in query_params(later.url).items():
                if before.get(name) == value:
                    continue
                if value in values and len(value) >= 2 and not value.isdigit():
                    return name, "cursor", values[value]
                if value.isdigit() and int(value) == int(before.get(name, "1") or 1) + 1:
                    return name, "page", ()
    return None, None, ()


# -- the detail API ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DetailApi:
    """How a listing page's URL maps to its JSON, and which JSON path holds each field."""

    #: a regular expression on the listing URL whose one group is the key, and the API URL
    #: with ``{key}`` where the key goes
    listing_pattern: str
    url_template: str
    fields: dict[str, JsonPath] = field(default_factory=dict)
    #: fields the page shell itself gives every listing (``<html lang>``), not the JSON
    constants: dict[str, str] = field(default_factory=dict)

    def to_meta(self) -> dict[str, Any]:
        return {
            "listing_pattern": self.listing_pattern,
            "url_template": self.url_template,
            "fields": {name: list(path) for name, path in self.fields.items()},
            "constants": dict(self.constants),
        }

    @classmethod
    def from_meta(cls, data: dict[str, Any]) -> DetailApi:
        fields = {str(k): tuple(v) for k, v in dict(data["fields"]).items()}
        constants = {str(k): str(v) for k, v in dict(data.get("constants") or {}).items()}
        return cls(str(data["listing_pattern"]), str(data["url_template"]), fields, constants)

    def api_url(self, listing_url: str) -> str | None:
        match = re.fullmatch(self.listing_pattern, listing_url)
        if match is None:
            return None
        return self.url_template.replace("{key}", match.group(1))

    def listing(self, data: Any, page_url: str) -> ExtractedListing:
        """The listing as the browser path would have extracted it from the rendered page."""
        listing = ExtractedListing(url=page_url, listing_score=1.0)
        for name, value in self.constants.items():  # no source: like <html lang> on the browser path
            setattr(listing, name, value)
        for name, path in self.fields.items():
            value = _field_value(name, value_at(data, path), page_url)
            if value is not None and value != []:
                setattr(listing, name, value)
                listing.sources[name] = "api"
        fill_country(listing)
        return listing


def _field_value(name: str, raw: Any, page_url: str) -> Any:
    if raw is None or isinstance(raw, bool | dict):
        return None
    if name == "images":
        values = raw if isinstance(raw, list) else [raw]
        return [link for v in values if (link := _absolute(page_url, v))]
    if isinstance(raw, list):
        return None
    if name == "price":
        try:
            amount = Decimal(str(raw).strip())
        except InvalidOperation:
            return None
        return format(amount, "f") if amount.is_finite() else None
    if name == "currency":
        text = clean_text(raw, limit=10)
        return text.upper() if text else None
    if name == "availability":
        return normalise_availability(raw)
    if name == "language":
        return clean_text(raw, limit=20)
    return clean_text(raw, limit=limit_for(name))


def _absolute(page_url: str, value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return urljoin(page_url, value.strip())
    except ValueError:
        return None


def _instant(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _same(name: str, extracted: Any, raw: Any, page_url: str) -> bool:
    """Whether a JSON value is the value the browser extracted for ``name``."""
    value = _field_value(name, raw, page_url)
    if value is None:
        return False
    if name == "price":
        return Decimal(value) == Decimal(str(extracted))
    if name == "posted_at":
        a, b = _instant(value), _instant(extracted)
        return a is not None and a == b
    return bool(value == extracted)


def learn_detail(
    calls: list[ApiCall],
    listing_url: str,
    rendered: ExtractedListing,
    shell: ExtractedListing | None = None,
    siblings: list[str] | tuple[str, ...] = (),
) -> tuple[DetailApi | None, str]:
    """The detail API and field map from one rendered listing; (None, why) when there is none.

    ``shell``: what the rendered index page gave; a field the listing has with the same value
    there (a single-page app's ``<html lang>``) belongs to the page, not to the item.
    ``siblings``: other listing URLs of the site; the key is a part of the URL that differs
    between them ("s001" in /shop/item/s001), never one they share ("item")."""
    wanted = {name: getattr(rendered, name) for name in CONTENT_FIELDS if getattr(rendered, name)}
    constants = {
        name: value
        for name, value in wanted.items()
        if shell is not None and isinstance(value, str) and getattr(shell, name) == value
    }
    if not rendered.title:
        return None, "the rendered listing has no title"
    best: tuple[int, DetailApi, list[str]] | None = None
    for call in calls:
        data = call.data
        if call.status != 200 or not isinstance(data, dict):
            continue
        key = _key_mapping(listing_url, call.url, siblings)
        if key is None:
            continue
        found: dict[str, JsonPath] = {}
        leaves = list(_leaves(data))
        for name, extracted in wanted.items():
            path = next((p for p, raw in leaves if _same(name, extracted, raw, listing_url)), None)
            if path is not None:
                found[name] = path
        missing = sorted(set(wanted) - set(found) - set(constants))
        # a value the index page shows too is the page's (an SPA's <html lang>), even where the
        # JSON happens to hold the same: the browser path reads it from the page, for every item
        mapped = {k: v for k, v in found.items() if k not in constants}
        spec = DetailApi(key[0], key[1], mapped, constants)
        if best is None or len(found) > best[0]:
            best = (len(found), spec, missing)
    if best is None:
        return None, "no JSON request of the listing page is keyed by the listing's URL"
    _n, spec, missing = best
    if missing:
        return None, f"the listing's JSON lacks {', '.join(missing)}"
    return spec, "learnt"


def _key_mapping(listing_url: str, api_url: str, siblings: Iterable[str] = ()) -> tuple[str, str] | None:
    """A path segment of the listing URL that the API URL carries, as (pattern, template)."""
    listing = urlsplit(listing_url)
    segments = listing.path.split("/")
    shaped = [p for u in siblings if len(p := urlsplit(u).path.split("/")) == len(segments)]
    varying = {i for i in range(len(segments)) if any(p[i] != segments[i] for p in shaped)}
    # the last segment first: "/shop/item/s001" is keyed by "s001", not by "shop"
    candidates = [
        (i, s)
        for i, s in enumerate(segments)
        if len(s) >= 2 and s in api_url and (not shaped or i in varying)
    ]
    for index, segment in reversed(candidates):
        if api_url.count(segment) != 1:
            continue
        head = urlunsplit((listing.scheme, listing.netloc, "/".join(segments[:index]), "", ""))
        tail = "/".join(segments[index + 1 :])
        pattern = (
            re.escape(head + "/")
            + r"([^/?#]+)"
            + (re.escape("/" + tail) if index + 1 < len(segments) else "")
        )
        return pattern, api_url.replace(segment, "{key}")
    return None
