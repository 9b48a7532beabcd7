"""Who offers a listing and where, read from the page as a person reads it.

Most classifieds carry no structured data for the seller or the place: they show a labelled
block ("Seller: …", "Vendedor", "卖家", "Lokalizacja"), a link to the seller's profile, a
breadcrumb ending in a city, a map widget, or a city in the URL. :func:`party_fields` reads
those, in that order of trust, and returns the fields under the names extraction merges:
``seller_name``, ``seller_id``, ``seller_url`` and ``location``, plus ``_party_how``: which
reading gave each. A breadcrumb or URL place is taken only when the gazetteer knows it
(:mod:`crawler.extraction.places`); the country is resolved from whichever location wins.

Bounded: the walk looks at the first :data:`MAX_ELEMENTS` elements and short texts only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from lxml.html import HtmlElement

from .places.gazetteer import Place, resolve
from .text import clean_text

MAX_ELEMENTS = 20_000
#: a labelled value longer than this is a sentence, not a name or a place
MAX_VALUE_CHARS = 120
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "option", "select", "button"})

_SELLER_LABELS = (
    "seller",
    "sold by",
    "seller name",
    "seller info",
    "posted by",
    "listed by",
    "advertiser",
    "vendor",
    "offered by",
    "member",
    "owner",
    "shop",
    "store",
    "contact",
    "contact person",
    "name",
    "vendedor",
    "vendedora",
    "anunciante",
    "publicado por",
    "tienda",
    "contacto",
    "vendido por",
    "vendeur",
    "annonceur",
    "vendu par",
    "publié par",
    "boutique",
    "particulier",
    "professionnel",
    "loja",
    "anunciado por",
    "nome",
    "người bán",
    "người đăng",
    "cửa hàng",
    "đăng bởi",
    "liên hệ",
    "tên",
    "penjual",
    "pelapak",
    "toko",
    "dijual oleh",
    "diposting oleh",
    "nama",
    "kontak",
    "卖家",
    "賣家",
    "商家",
    "店铺",
    "店鋪",
    "发布者",
    "發布者",
    "发布人",
    "联系人",
    "聯絡人",
    "卖主",
    "sprzedający",
    "sprzedawca",
    "ogłoszeniodawca",
    "użytkownik",
    "osoba kontaktowa",
    "verkäufer",
    "anbieter",
    "inserent",
    "venditore",
    "inserzionista",
    "продавец",
)
_LOCATION_LABELS = (
    "location",
    "item location",
    "located in",
    "city",
    "area",
    "region",
    "address",
    "ships from",
    "located",
    "neighborhood",
    "neighbourhood",
    "place",
    "pickup",
    "pick up",
    "ubicación",
    "ubicacion",
    "localización",
    "ciudad",
    "zona",
    "provincia",
    "dirección",
    "lugar",
    "localisation",
    "lieu",
    "ville",
    "adresse",
    "région",
    "département",
    "localização",
    "localizacao",
    "cidade",
    "local",
    "região",
    "bairro",
    "endereço",
    "estado",
    "địa điểm",
    "khu vực",
    "địa chỉ",
    "vị trí",
    "tỉnh/thành",
    "tỉnh thành",
    "nơi bán",
    "lokasi",
    "kota",
    "alamat",
    "daerah",
    "dikirim dari",
    "wilayah",
    "provinsi",
    "所在地",
    "地区",
    "地區",
    "位置",
    "地址",
    "发货地",
    "發貨地",
    "所在城市",
    "城市",
    "区域",
    "lokalizacja",
    "miejscowość",
    "miasto",
    "województwo",
    "standort",
    "ort",
    "località",
    "luogo",
    "местоположение",
    "город",
)


def _label_key(text: str) -> str:
    """A label as looked up: case and spacing folded, a trailing colon dropped."""
    return " ".join(text.casefold().split()).rstrip(":： ").strip()


_SELLER_KEYS = frozenset(_label_key(label) for label in _SELLER_LABELS)
_LOCATION_KEYS = frozenset(_label_key(label) for label in _LOCATION_LABELS)
#: the longest label, in characters: text before a colon longer than this is not a label
_MAX_LABEL = max(len(label) for label in (*_SELLER_LABELS, *_LOCATION_LABELS))


#: labels that also occur as ordinary words before a colon are not read inline
_INLINE_SELLER_KEYS = _SELLER_KEYS - {
    "name",
    "nome",
    "tên",
    "nama",
    "contact",
    "member",
    "shop",
    "store",
    "toko",
    "local",
}
_INLINE_LOCATION_KEYS = _LOCATION_KEYS - {"place", "local", "ort", "estado", "area"}

_SELLER_ATTR = re.compile(
    r"seller|vendor|vendedor|vendeur|penjual|merchant|advertiser|anunciante|user-?name|username|"
    r"owner|author|poster|member-?name|profile-?name|shop-?name|store-?name|sprzedaj|user-?info",
)
_LOCATION_ATTR = re.compile(
    r"location|locality|address|city|region|ubicaci|localiza|lokasi|lokaliz|place|geo|area-?name|"
    r"ad-?area|item-?location",
)
_BAD_ATTR = re.compile(r"nav|menu|footer|search|filter|breadcrumb-?home|cookie|banner|modal|login")
_PROFILE_PATH = re.compile(
    r"/(?:[a-z]+-)?(?:user|users|profile|profiles|seller|sellers|member|members|u|shop|store|stores|"
    r"usuario|usuarios|perfil|vendedor|vendedores|tienda|loja|uzytkownik|oferty/uzytkownik|toko|"
    r"nguoi-ban|cua-hang|usr|str|space|people|author|account|anunciante|vendeur|boutique|accounts)/",
    re.IGNORECASE,
)
#: a host whose first label says it serves profiles (perfil.site.com/NICKNAME)
_PROFILE_HOST = re.compile(r"^(?:perfil|profile|profiles|user|users|people|shop|store)\.", re.IGNORECASE)
_PROFILE_QUERY = (
    "uid",
    "user",
    "userid",
    "user_id",
    "seller",
    "sellerid",
    "seller_id",
    "member",
    "memberid",
    "u",
)
_NOT_A_NAME = re.compile(
    r"^(?:contact|message|chat|reply|call|show|view|see|follow|report|send|write|more|all|"
    r"contactar|enviar|ver|voir|contacter|liên hệ|hubungi|lihat|联系|聯絡|查看|napisz|zobacz|"
    r"\d[\d\s.,%/]*$)",
    re.IGNORECASE,
)
#: what a profile link's href contains, tested before the URL is parsed
_PROFILE_HINT = re.compile(
    r"user|profil|seller|member|/u/|shop|store|usr|str/|vend|loja|tienda|toko|nguoi|space|people|"
    r"author|account|anunciante|boutique|uzytkownik|perfil",
    re.IGNORECASE,
)
_COORD = re.compile(r"(-?\d{1,2}\.\d{2,})\s*[,;]\s*(-?\d{1,3}\.\d{2,})")
_BREADCRUMB_ATTR = re.compile(r"breadcrumb|crumbs?\b|trail")


def _text(element: HtmlElement, limit: int = MAX_VALUE_CHARS * 4) -> str:
    """The element's text, spacing folded; "" when it is longer than ``limit`` (read lazily,
    so asking this of every element of a large page stays linear in what is read)."""
    parts, size = [], 0
    for text in element.itertext():
        parts.append(text)
        size += len(text)
        if size > limit * 2:
            return ""
    joined = " ".join("".join(parts).split())
    return joined if len(joined) <= limit else ""


#: attributes whose values name what an element holds (class, id, and the test ids many
#: front-end frameworks leave in production pages)
_NAMING_ATTRIBUTES = (
    "class",
    "id",
    "itemprop",
    "data-testid",
    "data-qa-id",
    "data-aut-id",
    "data-cy",
    "data-test",
)


_NAMING = frozenset(_NAMING_ATTRIBUTES)


def _attrs(element: HtmlElement) -> str:
    """The values of the element's naming attributes, joined and lower-cased (the patterns
    that read them are lower case and case-sensitive: several times faster than IGNORECASE)."""
    return " ".join(value for name, value in element.attrib.items() if name in _NAMING).lower()


def _pieces(element: HtmlElement, limit: int = 20) -> list[str]:
    """The element's first ``limit`` text nodes, each on its own: a block's name and the line
    under it ("Lyn" / "On Gumtree since 2012") must not run together."""
    found = []
    for seen, text in enumerate(element.itertext()):
        if seen >= limit * 3:
            break
        cleaned = " ".join(text.split())
        if cleaned:
            found.append(cleaned)
            if len(found) >= limit:
                break
    return found


def _first_piece(element: HtmlElement | None) -> str:
    if element is None:
        return ""
    pieces = _pieces(element)
    return pieces[0] if pieces else ""


#: containers of other listings (related items, result cards): their sellers and places are
#: not this listing's, so the walk does not enter them
_OTHER_LISTINGS = re.compile(
    r"related|recommend|similar|carousel|also-?(?:viewed|bought|like)|sponsor|suggest|"
    r"product-?card|product-?list|listing-?item|search-?result|grid-?item|result-?item|more-?from",
)


#: any of the names above: most elements' classes ("row", "col-6") match none of them
_ANY_ATTR = re.compile(
    "|".join(
        f"(?:{p.pattern})"
        for p in (_SELLER_ATTR, _LOCATION_ATTR, _BAD_ATTR, _BREADCRUMB_ATTR, _OTHER_LISTINGS)
    ),
)


def _walk(root: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """The page's elements in document order with their naming attributes (:func:`_attrs`;
    "" when none says anything this module reads), at most :data:`MAX_ELEMENTS`, leaving out
    scripts and the like and every container of other listings."""
    stack = [root]
    count = 0
    while stack and count < MAX_ELEMENTS:
        element = stack.pop()
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        attrs = _attrs(element) if element.attrib else ""
        # one search tells the few elements whose names matter from the many that say nothing
        if attrs and not _ANY_ATTR.search(attrs):
            attrs = ""
        if attrs and _OTHER_LISTINGS.search(attrs):
            continue
        count += 1
        yield element, attrs
        stack.extend(reversed(element))


def _value_after(label: HtmlElement) -> HtmlElement | None:
    """The element holding a label's value: a dd after a dt, the cell after a th/td, or the
    label's next sibling element; else the label's parent's next sibling (a label wrapped in
    its own block, as `<div><span>Item location:</span></div><div>Bristol</div>`)."""
    for node in (label, label.getparent()):
        if node is None:
            return None
        sibling = node.getnext()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is not None and _pieces(sibling):
            return sibling
        if node is label and (label.tail or "").strip():
            return None  # the value is the label's tail text
    return None


#: words of the labels, folded: a "name" made of them is a heading ("Información del vendedor")
_LABEL_WORDS = frozenset(
    word
    for label in (*_SELLER_LABELS, *_LOCATION_LABELS)
    for word in label.casefold().split()
    if len(word) >= 4
)


def _name_value(text: str | None) -> str | None:
    value = clean_text(text, limit=MAX_VALUE_CHARS * 2)
    if not value:
        return None
    value = re.split(
        r"\s*(?:\(\s*\d[\d.,\s]*[^)]*\)|★|⭐|\||·)",
        value,
    )[0]
    value = re.split(
        r"\s+(?:member since|on \w+ since|na olx od|desde|depuis|since|tham gia|bergabung|anggota sejak)\b",
        value,
        flags=re.IGNORECASE,
    )[0]
    value = value.strip(" :-–—,·")
    if not value or len(value) > MAX_VALUE_CHARS or len(value.split()) > 6 or _NOT_A_NAME.match(value):
        return None
    if any(word in _LABEL_WORDS for word in value.casefold().split()):
        return None
    return value


def _place_value(text: str | None) -> str | None:
    value = clean_text(text, limit=MAX_VALUE_CHARS * 2)
    if not value:
        return None
    value = re.split(
        r"\s*(?:\||·|•|posted|publicado|publié|dodane|opublikowane|đăng lúc|diposting)\b",
        value,
        flags=re.IGNORECASE,
    )[0]
    value = value.strip(" :-–—,·")
    if not value or len(value) > MAX_VALUE_CHARS or len(value.split()) > 10:
        return None
    return value


#: the readings of a page, most trusted first: a seller or place found by an earlier one wins
READINGS = ("label", "inline label", "markup")


class _Found:
    """What each reading found: the first seller (with the element it was read from) and every
    stated place, in page order; :func:`party_fields` ranks them by :data:`READINGS`."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.how: dict[str, str] = {}
        self.sellers: dict[str, tuple[str, HtmlElement | None]] = {}
        self.places: dict[str, list[str]] = {}
        self.trails: list[HtmlElement] = []
        self.coordinates: tuple[float, float] | None = None

    def set(self, field: str, value: Any, how: str) -> None:
        if value and field not in self.values:
            self.values[field] = value
            self.how[field] = how

    def seller(self, value: str | None, how: str, element: HtmlElement | None) -> None:
        if value and how not in self.sellers:
            self.sellers[how] = (value, element)

    def place(self, value: str | None, how: str) -> None:
        found = self.places.setdefault(how, [])
        if value and value not in found:
            found.append(value)

    def best_seller(self) -> tuple[str, str, HtmlElement | None] | None:
        for how in READINGS:
            if how in self.sellers:
                value, element = self.sellers[how]
                return value, how, element
        return None

    def stated_places(self) -> list[tuple[str, str]]:
        order = [*READINGS, *(how for how in self.places if how not in READINGS)]
        return [(value, how) for how in order for value in self.places.get(how, [])]


def _read_label(element: HtmlElement, found: _Found) -> None:
    """An element whose whole text is a label, and the value that follows it."""
    if not ((element.text or "").strip() or (len(element) == 1 and (element[0].text or "").strip())):
        return  # a label is the element's own text, or its only child's
    own = _text(element, 40)
    if not own:
        return
    key = _label_key(own)
    if key in _SELLER_KEYS:
        holder = _value_after(element)
        text = _first_piece(holder) if holder is not None else _tail_value(element)
        found.seller(_name_value(text), "label", holder if holder is not None else element.getparent())
    elif key in _LOCATION_KEYS:
        holder = _value_after(element)
        found.place(
            _place_value(_first_piece(holder) if holder is not None else _tail_value(element)), "label"
        )


def _tail_value(label: HtmlElement) -> str:
    """Text that follows a label element inside the same parent ("<b>Seller:</b> Ana")."""
    return clean_text(label.tail, limit=MAX_VALUE_CHARS) or ""


def _has_colon(element: HtmlElement) -> bool:
    """Whether the element's own text nodes hold a colon: a cheap test before the inline
    patterns, which look for "Label: value" inside one element (a colon inside a child's own
    text is that child's: the label reading finds "<b>Seller:</b> Ana" at the <b>)."""
    texts = [element.text, *(child.tail for child in element)]
    return any(text and (":" in text or "：" in text) for text in texts)


_COLON = re.compile(r"[:：]")
#: where a label starts, before its colon, and where a value ends after it
_LABEL_START = re.compile(r"[|·•(\n]|\s{2,}")
_VALUE_END = re.compile(r"[\n|·•]")


def _inline_pairs(text: str) -> Iterator[tuple[str, str]]:
    """(label key, value) of each "Label: value" in the text, with the label looked up as a
    whole: the text before each colon back to a separator, or its last few words."""
    for colon in _COLON.finditer(text):
        before = text[max(0, colon.start() - _MAX_LABEL - 2) : colon.start()]
        starts = [m.end() for m in _LABEL_START.finditer(before)]
        before = before[starts[-1] :] if starts else before
        after = text[colon.end() : colon.end() + MAX_VALUE_CHARS + 1]
        end = _VALUE_END.search(after)
        value = after[: end.start()] if end else after
        words = before.split()
        for size in range(min(len(words), 4), 0, -1):
            yield _label_key(" ".join(words[-size:])), value


def _read_inline(element: HtmlElement, found: _Found) -> None:
    """'Seller: Ana Lima' or 'Lokalizacja: Kraków' inside one element's own text, and a label
    whose value is the link right after it ("Vendido por <a>ANTIGUEDADES</a>")."""
    first = element[0] if len(element) else None
    if first is not None and first.tag == "a" and _label_key(element.text or "") in _SELLER_KEYS:
        found.seller(_name_value(_first_piece(first)), "label", element)
    if not _has_colon(element) or not _text(element, 600):
        return
    for key, value in _inline_pairs(" ".join(_pieces(element))):
        if key in _INLINE_SELLER_KEYS:
            found.seller(_name_value(value), "inline label", element)
            break
        if key in _INLINE_LOCATION_KEYS:
            found.place(_place_value(value), "inline label")
            break


def _read_markup(element: HtmlElement, attrs: str, found: _Found) -> None:
    """An element whose class, id or test id says what it holds (``seller-name``, ``ad-location``)."""
    seller, place = _SELLER_ATTR.search(attrs), _LOCATION_ATTR.search(attrs)
    if not (seller or place):
        return
    piece = _first_piece(element)
    if not piece or len(piece) > MAX_VALUE_CHARS * 2:
        return
    if seller:
        value = _name_value(piece)
        if value and _label_key(value) not in _SELLER_KEYS:
            found.seller(value, "markup", element)
    if place:
        value = _place_value(piece)
        if value and _label_key(value) not in _LOCATION_KEYS:
            found.place(value, "markup")


def _read_coordinates(element: HtmlElement, found: _Found) -> None:
    lat = element.get("data-lat") or element.get("data-latitude")
    lon = element.get("data-lng") or element.get("data-lon") or element.get("data-longitude")
    if lat and lon:
        try:
            found.coordinates = float(lat), float(lon)
        except ValueError:
            pass
        return
    if element.tag in ("iframe", "img", "a"):
        source = element.get("src") or element.get("href") or ""
        if "map" in source.lower():
            match = _COORD.search(unquote(source))
            if match:
                found.coordinates = float(match.group(1)), float(match.group(2))


def _read_page(root: HtmlElement, found: _Found) -> None:
    """One walk over the page feeding every reading (each bounded to small elements)."""
    for element, attrs in _walk(root):
        if found.coordinates is None and element.attrib:
            _read_coordinates(element, found)
        if attrs and _BAD_ATTR.search(attrs):
            continue
        if len(found.trails) < 3 and (
            (attrs and _BREADCRUMB_ATTR.search(attrs))
            or _BREADCRUMB_ATTR.search((element.get("aria-label") or "").lower())
            or "BreadcrumbList" in (element.get("itemtype") or "")
        ):
            found.trails.append(element)
        children = len(element)
        if children <= 3:
            _read_label(element, found)
        if children <= 6:
            _read_inline(element, found)
        if attrs and children <= 4:
            _read_markup(element, attrs, found)


_TRAILING_PARENTHESES = re.compile(r"\(([^()]{2,60})\)\s*(?:-[^()]*)?$")


def _title_places(root: HtmlElement) -> list[str]:
    """A place in parentheses at the end of the heading or title ("… $850 (Oakland)"), as
    classifieds that hide the seller still say where."""
    found = []
    for element in root.xpath("(//h1)[1] | //head/title")[:2]:
        match = _TRAILING_PARENTHESES.search(" ".join(element.text_content().split()))
        if match:
            found.append(match.group(1).strip())
    return found


def profile_id(url: str) -> str | None:
    """A seller's id from their profile URL: a query parameter that names the user, else the
    path segment after the profile folder (or the first one on a profile host); None when the
    URL is not a profile's (a members list, a shop's home)."""
    parts = urlsplit(url)
    query = {name.lower(): values for name, values in parse_qs(parts.query).items()}
    for name in _PROFILE_QUERY:
        values = query.get(name)
        if values and values[0].strip():
            return values[0].strip()[:200]
    match = _PROFILE_PATH.search(parts.path + "/")
    rest: list[str] = []
    if match:
        rest = [segment for segment in (parts.path + "/")[match.end() :].split("/") if segment]
    elif _PROFILE_HOST.match(parts.hostname or ""):
        rest = [segment for segment in parts.path.split("/") if segment]
    return unquote(rest[0])[:200] if rest else None


def _profile(root: HtmlElement, base: str, found: _Found, seller_element: HtmlElement | None) -> None:
    """The seller's profile link: inside the seller block first, else a profile-looking link
    whose text is the seller's name, else the only profile-looking link of the page."""
    scopes: list[HtmlElement] = []
    node = seller_element
    for _ in range(4):
        if node is None:
            break
        scopes.append(node)
        node = node.getparent()
    name = found.values.get("seller_name")
    candidates = []
    for scope in scopes:
        for link in scope.iter("a"):
            href = (link.get("href") or "").strip()
            if href and profile_id(urljoin(base, href)):
                candidates.append((link, href))
        if candidates:
            break
    if not candidates:
        links = [(a, (a.get("href") or "").strip()) for a in root.iter("a")][:5000]
        profiles = [(a, h) for a, h in links if _PROFILE_HINT.search(h) and profile_id(urljoin(base, h))]
        named = [(a, h) for a, h in profiles if name and _text(a) == name]
        distinct = {urljoin(base, h) for _, h in profiles}
        candidates = named or (profiles[:1] if len(distinct) == 1 else [])
    if not candidates:
        return
    link, href = candidates[0]
    url = urljoin(base, href)
    found.set("seller_url", url, "profile link")
    found.set("seller_id", profile_id(url), "profile link")
    if "seller_name" not in found.values:
        found.set("seller_name", _name_value(_first_piece(link)), "profile link")


def _breadcrumb_places(trails: list[HtmlElement]) -> list[str]:
    for trail in trails:
        items = [text for item in trail.iter("a", "li", "span") if (text := _text(item, 60))]
        if items:
            return list(dict.fromkeys(items))
    return []


def _meta_coordinates(root: HtmlElement) -> tuple[float, float] | None:
    for meta in root.xpath("//meta[@name='geo.position' or @name='ICBM']/@content")[:1]:
        match = _COORD.search(str(meta))
        if match:
            return float(match.group(1)), float(match.group(2))
    return None


def _url_place(url: str, hint: str | None) -> Place | None:
    """A city named by a path segment or a host label of the listing's URL."""
    parts = urlsplit(url)
    labels = parts.hostname.split(".")[:-2] if parts.hostname else []
    for segment in [*labels, *parts.path.split("/")[:6]]:
        words = unquote(segment).replace("-", " ").replace("_", " ").strip()
        if not words or any(ch.isdigit() for ch in words) or len(words) > 40 or words in ("www", "m"):
            continue
        place = resolve(words, hint)
        if place is not None and place.how in ("city", "subdivision", "country"):
            return Place(words.title(), place.country, f"url {place.how}")
    return None


def party_fields(root: HtmlElement, url: str, base: str, hint: str | None = None) -> dict[str, Any]:
    """Seller and place fields read from the page; ``hint``: the site's country, if known.

    The seller is the first one the most trusted reading found (:data:`READINGS`), with the
    profile link in its block. The location is the first stated place the gazetteer knows
    (labelled, inline, marked up, in the title, in the breadcrumb, in the URL, in that order);
    when it knows none, the first labelled or marked-up text is kept as the page states it."""
    found = _Found()
    _read_page(root, found)
    best = found.best_seller()
    if best is not None:
        found.set("seller_name", best[0], best[1])
    _profile(root, base, found, best[2] if best is not None else None)
    for place in _title_places(root):
        found.place(place, "title")
    for item in reversed(_breadcrumb_places(found.trails)[1:]):
        found.place(item, "breadcrumb")
    from_url = _url_place(url, hint)
    if from_url is not None:
        found.place(from_url.text, from_url.how)
    stated = found.stated_places()
    known = [
        (text, how)
        for text, how in stated
        if (resolved := resolve(text, hint)) is not None and resolved.how not in ("site", "unresolved")
    ]
    as_stated = [(text, how) for text, how in stated if how in READINGS]
    chosen = known[0] if known else (as_stated[0] if as_stated else None)
    if chosen is not None:
        found.set("location", chosen[0], chosen[1])
    values = dict(found.values)
    values["_party_how"] = dict(found.how)
    values["_coordinates"] = found.coordinates or _meta_coordinates(root)
    return values
