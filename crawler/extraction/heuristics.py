"""Listing fields from the page itself, for pages without (trustworthy) structured data.

One walk over the tree collects price-like elements (class/id/itemprop mentioning a price),
labelled lines ("Price:", "Precio:", "价格" ...) and short currency-bearing texts. Each candidate
is scored by how it is marked up and by how close it sits after the main title; crossed-out,
"was", per-unit and related-product prices are skipped. The same walk counts what the listing
score needs (prices, product cards, buy buttons).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from .availability import availability_from_text
from .currencies import CURRENCY_RE
from .price import parse_price
from .text import clean_text

_PRICE_ATTR = re.compile(
    r"price|prix|pre[cç]o|precio|prezzo|preis|cena|цена|harga|fiyat|pris|hinta|amount|"
    r"(?<![a-z])gia(?![a-z])",
)
_BAD_ATTR = re.compile(
    r"old|was|before|strike|crossed|regular|list-?price|listprice|original|compare|rrp|msrp|uvp|"
    r"saving|save|discount|percent|unit|per-|shipping|delivery|install|monthly|month|filter|"
    r"range|coupon|points|reward|club|member|total|cart|basket|minicart|tax-?info|"
    r"pricing-?info|label|caption|title|sr-only|hidden|visually-?hidden|subtotal|prev|retail|"
    r"ahorro|antes|ancien|barr|statt|alt|prima|economi",
)
_CONTEXT_BAD_ATTR = re.compile(
    r"related|recommend|similar|carousel|upsell|up-sell|cross-?sell|also|recent|bundle|"
    r"accessor|sponsor|suggest|slick|swiper|slider|tile|product-?card|product-?list|"
    r"productlist|grid-item|listing-item|search-result|footer|navbar|"
    r"megamenu|breadcrumb|review|rating|comparison|minicart|mini-cart|cart-?summary",
)
#: what a price element's own class says when its number is not the selling price (a subset of
#: _BAD_ATTR: layout words such as "slider" or "label" say nothing about which price it is)
_WAS_ATTR = re.compile(
    r"old|was|before|strike|crossed|regular|list-?price|listprice|original|compare|rrp|msrp|uvp|"
    r"saving|save|discount|unit|per-|shipping|delivery|install|monthly|coupon|points|reward|"
    r"subtotal|retail|ahorro|antes|ancien|statt",
)
#: headings that name a section of the site rather than the product
_NAV_ATTR = re.compile(r"nav|menu|breadcrumb|categor|sidebar|logo")
_TITLED_XPATH = (
    "//body//*[contains(translate(@class, 'TITLENAM', 'titlenam'), 'title')"
    " or contains(translate(@class, 'TITLENAM', 'titlenam'), 'name')"
    " or contains(translate(@id, 'TITLENAM', 'titlenam'), 'title')"
    " or contains(translate(@id, 'TITLENAM', 'titlenam'), 'name')][position() <= 40]"
)
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "title", "option", "select"}
)
_STRIKE_TAGS = frozenset({"del", "s", "strike"})
_CONTEXT_TAGS = frozenset({"footer", "nav", "aside"})
_LABEL_RE = re.compile(
    r"(?:^|[\s>(\[|])(?:price|our price|sale price|your price|now|precio|preço|preco|prix|"
    r"preis|prezzo|cena|цена|ціна|giá bán|giá|harga|fiyat|pris|hinta|ár|τιμή|السعر|מחיר|ราคา|"
    r"가격|판매가|价格|價格|售价|售價|優惠價|特价|特價|直購價|網路價|价格|価格|販売価格)\s*[:：]\s*",
    re.IGNORECASE,
)
_BUY_RE = re.compile(
    r"add[\s_-]?to[\s_-]?(?:cart|bag|basket|trolley)|buy[\s_-]?(?:it[\s_-]?)?now|\bbuy\b|"
    r"in den (?:warenkorb|einkaufswagen)|ajouter au panier|añadir al carrito|agregar al carrito|"
    r"comprar|adicionar ao carrinho|aggiungi al carrello|do koszyka|в корзину|купить|"
    r"thêm vào giỏ|mua ngay|beli sekarang|tambah ke keranjang|加入购物车|加入購物車|立即购买|"
    r"立即購買|カートに入れる|장바구니|구매하기|sepete ekle|contact seller|contact the seller|"
    r"reply|contactar|contactar al vendedor|chat with seller|make an offer|place bid|pujar",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_BUTTONISH = re.compile(r"btn|button|cart|buy|basket|bag|contact|offer|bid", re.IGNORECASE)
_MAX_CANDIDATE_TEXT = 60
#: an element whose whole text is one number ("2320", " 24,99 ")
_BARE_NUMBER = re.compile(r"^\s*\d[\d.,' ]{0,12}\s*$")
#: characters either side of a bare number searched for its currency
_SPLIT_REACH = 4
#: wording that makes the amount beside it a shipping fee or a free-shipping threshold
_SHIPPING_RE = re.compile(
    r"shipping|delivery|postage|p&p|envío|envio|frete|livraison|versand|spedizione|доставка|"
    r"dostawa|wysyłka|verzending|kargo|運費|运费|送料|배송비|免運|包邮",
    re.IGNORECASE,
)
#: characters before a split number searched for shipping wording
_SHIPPING_REACH = 20
_MAX_CONTEXT_DEPTH = 8
#: how far above a price to look for the repeated block (card) it belongs to
_MAX_CARD_DEPTH = 6


@dataclass
class Candidate:
    amount: str
    currency: str | None
    has_symbol: bool
    kind: str
    position: int
    element: HtmlElement
    score: float = 0.0
    #: sits in a repeated product card (a related item's price), see _card_candidates
    card: bool = False


@dataclass
class PageSignals:
    """What the walk saw: price candidates, the main title, buttons, card-like repetition."""

    title: str | None = None
    title_position: int | None = None
    candidates: list[Candidate] = field(default_factory=list)
    buy_buttons: int = 0
    h1_count: int = 0
    repeated_price_classes: int = 0
    language: str | None = None


def _attrs(el: HtmlElement) -> str:
    """class, id, itemprop and test ids, lower-cased once here so that the attribute patterns
    can match case-sensitively (several times cheaper than IGNORECASE on every element)."""
    attrib = el.attrib
    if not attrib:
        return ""
    parts = [attrib.get("class", ""), attrib.get("id", ""), attrib.get("itemprop", "")]
    for key in ("data-testid", "data-test", "data-qa", "data-automation", "property"):
        value = attrib.get(key)
        if value:
            parts.append(value)
    return " ".join(parts).lower()


def _bad_context(el: HtmlElement, seen: dict[HtmlElement, bool] | None = None) -> bool:
    """Inside del/footer/nav/aside or a related-items block; `seen` caches ancestors' verdicts,
    since the candidates of one page share most of their ancestors."""
    node = el
    for _ in range(_MAX_CONTEXT_DEPTH):
        if node is None:
            return False
        tag = node.tag
        if tag in _STRIKE_TAGS or tag in _CONTEXT_TAGS:
            return True
        if node is not el:
            bad = seen.get(node) if seen is not None else None
            if bad is None:
                bad = bool(_CONTEXT_BAD_ATTR.search(_attrs(node)))
                if seen is not None:
                    seen[node] = bad
            if bad:
                return True
        node = node.getparent()
    return False


def _struck(el: HtmlElement) -> bool:
    node = el
    for _ in range(3):
        if node is None:
            return False
        if node.tag in _STRIKE_TAGS or "line-through" in node.get("style", ""):
            return True
        node = node.getparent()
    return False


def _candidate_text(el: HtmlElement) -> str | None:
    content = el.get("content")
    if content and _DIGIT.search(content):
        return str(content)
    value = el.get("value") if el.tag in ("data", "meter", "input") else None
    if value and _DIGIT.search(value):
        return str(value)
    text = el.text_content()
    if len(text) > _MAX_CANDIDATE_TEXT * 3:
        return None
    text = " ".join(text.split())
    if not text or len(text) > _MAX_CANDIDATE_TEXT or not _DIGIT.search(text):
        return None
    return text


def collect(root: HtmlElement, hint: str | None, page_title: str | None = None) -> PageSignals:
    """Walk the tree once and gather everything the heuristics and the listing score need."""
    signals = PageSignals()
    lang = root.get("lang") or root.get("xml:lang")
    signals.language = clean_text(lang, limit=20)
    price_classes: Counter[str] = Counter()
    headings: list[tuple[str, int, HtmlElement]] = []
    position = 0
    for el in root.iter():
        position += 1
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            continue
        if tag == "h1":
            signals.h1_count += 1
            if signals.h1_count <= 10:
                text = clean_text(el.text_content(), limit=1000)
                if text:
                    headings.append((text, position, el))
        attrs = _attrs(el) if el.attrib else ""
        if (tag in ("button", "input") or (tag == "a" and _BUTTONISH.search(attrs))) and (
            _BUY_RE.search(attrs + " " + (el.get("value") or "") + " " + (el.text or "")[:80])
        ):
            signals.buy_buttons += 1
        if attrs and _PRICE_ATTR.search(attrs):
            klass = el.get("class", "")
            if klass:
                price_classes[klass] += 1
            if not _BAD_ATTR.search(attrs):
                _add_candidate(signals, el, attrs, position, hint)
        text = el.text
        if text and len(text) < 200 and _DIGIT.search(text):
            _text_candidate(signals, el, text, position, hint, own_text=True)
        tail = el.tail
        if tail and len(tail) < 200 and _DIGIT.search(tail):
            parent = el.getparent()
            if parent is not None:  # "<br>Price: 12 €" belongs to the enclosing block
                _text_candidate(signals, parent, tail, position, hint)
    signals.repeated_price_classes = sum(1 for n in price_classes.values() if n >= 6)
    if headings:
        signals.title, signals.title_position = _main_heading(headings, page_title)
    elif page_title:
        found = _titled_element(root, page_title)
        if found:
            signals.title, signals.title_position = found
    return signals


def _titled_element(root: HtmlElement, page_title: str) -> tuple[str, int] | None:
    """Without an h1, shops mark the product name with a "title"/"name" class or id.

    The marked element that repeats most words of <title> is the product's name; others are
    widget or card captions. Its position is counted as collect() counts, so distances agree.
    Pages without an h1 are few, so the second walk costs little overall.
    """
    reference = _words(page_title)
    best: tuple[int, str, HtmlElement] | None = None
    for el in root.xpath(_TITLED_XPATH):
        text = el.text_content()
        if len(text) > 300:
            continue
        cleaned = clean_text(text, limit=300)
        overlap = len(_words(cleaned or "") & reference)
        if cleaned and overlap and (best is None or overlap > best[0]):
            best = (overlap, cleaned, el)
    if best is None:
        return None
    for position, el in enumerate(root.iter(), start=1):
        if el is best[2]:
            return best[1], position
    return None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 1 or not w.isascii()}


def _main_heading(headings: list[tuple[str, int, HtmlElement]], page_title: str | None) -> tuple[str, int]:
    """The h1 sharing most words with <title>/og:title: pages use h1 for banners and badges too.

    When <title> does not decide (a generic "Shop - slogan" title), an h1 marked as navigation
    or category chrome loses to one that is not: such h1s name the site section, not the product.
    """
    if len(headings) == 1:
        return headings[0][0], headings[0][1]
    reference = _words(page_title or "")

    def key(heading: tuple[str, int, HtmlElement]) -> tuple[int, bool, int]:
        text, position, el = heading
        parent = el.getparent()
        chrome = bool(_NAV_ATTR.search(_attrs(el))) or (
            parent is not None and bool(_NAV_ATTR.search(_attrs(parent)))
        )
        return len(_words(text) & reference), not chrome, -position

    text, position, _ = max(headings, key=key)
    return text, position


def _add_candidate(
    signals: PageSignals, el: HtmlElement, attrs: str, position: int, hint: str | None
) -> None:
    text = _candidate_text(el)
    if text is None:
        return
    amount, currency = parse_price(text, currency_hint=hint)
    if amount is None:
        return
    kind = "itemprop" if el.get("itemprop", "").lower() == "price" else "attr"
    symbols = len(CURRENCY_RE.findall(text))
    cand = Candidate(amount, currency, symbols > 0, kind, position, el)
    if symbols > 1:
        cand.score = -1.5  # old and new price (or price and unit price) in one container
    signals.candidates.append(cand)


def _text_candidate(
    signals: PageSignals,
    el: HtmlElement,
    text: str,
    position: int,
    hint: str | None,
    *,
    own_text: bool = False,
) -> None:
    # every label ends in a colon: the scan for one is skipped on the many texts without
    label = _LABEL_RE.search(text) if (":" in text or "：" in text) else None
    if label:
        rest = text[label.end() :]
        if not rest.strip():
            rest = " ".join(el.text_content().split())[len(text.strip()) :][:80]
        amount, currency = parse_price(rest[:80], currency_hint=hint)
        if amount is not None:
            has_symbol = bool(CURRENCY_RE.search(rest[:80]))
            signals.candidates.append(Candidate(amount, currency, has_symbol, "label", position, el))
        return
    if len(text) <= 40 and CURRENCY_RE.search(text):
        if _SHIPPING_RE.search(text):
            return  # "Shipping 4.95 €", "運費 80 元": a fee next to the price, never the price
        amount, currency = parse_price(text, currency_hint=hint)
        if (amount is not None and currency is not None) or (amount and "$" in text):
            signals.candidates.append(Candidate(amount or "", currency, True, "text", position, el))
    elif own_text and _BARE_NUMBER.match(text):
        _split_candidate(signals, el, text, position, hint)


def _split_candidate(
    signals: PageSignals, el: HtmlElement, text: str, position: int, hint: str | None
) -> None:
    """A bare number styled on its own, with its currency in the neighbouring text.

    Shops enlarge the amount and leave the symbol or unit outside it: "<b>$</b><b>24</b>",
    "最低價$<span>29</span>元", "<span>2320</span><span>元</span>". The number alone is no price;
    joined with the few characters on either side, as a reader sees it, it is.
    """
    previous = el.getprevious()
    parent = el.getparent()
    before = previous.tail if previous is not None else parent.text if parent is not None else ""
    after = el.tail
    if not (after and after.strip()):
        following = el.getnext()
        after = following.text if following is not None else ""
    before = before or ""
    joined = f"{before[-_SPLIT_REACH:]}{text.strip()}{(after or '')[:_SPLIT_REACH]}"
    if not CURRENCY_RE.search(joined):
        return
    lead = parent.text if parent is not None and previous is not None else ""
    if _SHIPPING_RE.search(before[-_SHIPPING_REACH:]) or _SHIPPING_RE.search(lead or ""):
        return  # "shipping: <b>80</b> 元", or a block that opens on shipping: a fee, not the price
    amount, currency = parse_price(joined, currency_hint=hint)
    if amount is not None and currency is not None:
        signals.candidates.append(Candidate(amount, currency, True, "text", position, el))


_KIND_WEIGHT = {"itemprop": 4.0, "attr": 3.0, "label": 3.0, "text": 1.0}


def best_price(signals: PageSignals) -> Candidate | None:
    """Score the candidates and return the most plausible main price."""
    usable = [c for c in signals.candidates if c.amount]
    if not usable:
        return None
    counts = Counter(c.amount for c in usable)
    cards = _card_candidates(usable)
    seen: dict[HtmlElement, bool] = {}
    anchor = signals.title_position
    best: Candidate | None = None
    for cand in usable:
        score = _KIND_WEIGHT[cand.kind] + min(cand.score, 0.0)
        if id(cand) in cards:
            cand.card = True
            score -= 4
        if cand.kind in ("text", "label"):
            own = _attrs(cand.element)
            if own and _PRICE_ATTR.search(own) and _WAS_ATTR.search(own):
                score -= 4  # found by its text, but its own class says "old price" / "shipping"
        if cand.has_symbol:
            score += 1.5
        if cand.currency:
            score += 0.5
        if cand.amount.strip("0.") == "":
            score -= 4
        if _struck(cand.element):
            score -= 5
        if _bad_context(cand.element, seen):
            score -= 3
        if anchor is not None:
            distance = cand.position - anchor
            if distance >= 0:
                score += 3.0 * math.exp(-distance / 400)
            else:
                score += 1.5 * math.exp(distance / 200) - 0.5
        score += 0.4 * min(counts[cand.amount] - 1, 3)
        cand.score = score
        if best is None or score > best.score:
            best = cand
    return best


def _card_candidates(candidates: list[Candidate]) -> set[int]:
    """ids of candidates that sit in repeated sibling blocks priced differently: product cards.

    A grid or carousel of related products is a run of same-tag, same-class siblings, each with
    its own price; the page's own offer is stated once. So when, a few levels up, a candidate's
    classed ancestor has at least three siblings of the same tag and class holding alike-marked
    candidates, with at least three different amounts between them, the candidate belongs to a
    card, whatever its own class says.
    """
    groups: dict[tuple[int, str, str, str], list[tuple[HtmlElement, Candidate]]] = {}
    for cand in candidates:
        node = cand.element
        own = f"{cand.element.tag}.{cand.element.get('class', '')}"
        for _ in range(_MAX_CARD_DEPTH):
            parent = node.getparent()
            if parent is None:
                break
            klass = node.get("class", "")
            if klass:  # unclassed siblings are layout, not a designed card
                # the price inside must be marked up alike too: same-shaped blocks, same-shaped price
                key = (id(parent), str(node.tag), klass, own)
                groups.setdefault(key, []).append((node, cand))
            node = parent
    cards: set[int] = set()
    for members in groups.values():
        blocks = {id(node) for node, _ in members}
        if len(blocks) < 3 or len({c.amount for _, c in members}) < 3:
            continue
        cards.update(id(c) for _, c in members)
    return cards


def availability_near(candidate: Candidate | None, root: HtmlElement) -> str | None:
    """Stock wording in the block around the chosen price (not the whole page: related items)."""
    if candidate is None:
        return None
    node = candidate.element
    for _ in range(4):
        parent = node.getparent()
        if parent is None:
            break
        node = parent
    text = node.text_content()
    return availability_from_text(" ".join(text[:5000].split()))


def heuristic_fields(
    root: HtmlElement, signals: PageSignals, *, availability_wanted: bool = True
) -> dict[str, Any]:
    """Title, price, currency and availability found without structured data.

    ``availability_wanted``: False when a structured layer already states it (the heuristic's
    reading would be ignored, and the stock-wording scan of the price's block is the costliest
    step here)."""
    values: dict[str, Any] = {}
    if signals.title:
        values["title"] = signals.title
    else:
        titles = root.xpath("//title")
        if titles:
            values["title"] = clean_text(titles[0].text_content(), limit=1000)
    best = best_price(signals)
    # When the best visible price is a product card's, every price on the page belongs to some
    # other product (the offer itself is sold out or priced on request): reporting none is right.
    if best is not None and best.score > 1.0 and not best.card:
        values["price"] = best.amount
        if best.currency:
            values["currency"] = best.currency
        values["_candidate"] = best
    if availability_wanted:
        availability = availability_near(best, root) or ("InStock" if signals.buy_buttons else None)
        if availability:
            values["availability"] = availability
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def title_block_text(root: HtmlElement, signals: PageSignals, limit: int = 20_000) -> str:
    """Visible text that follows the main title (where shops state price and stock)."""
    if signals.title_position is None:
        return ""
    parts: list[str] = []
    size = 0
    for position, el in enumerate(root.iter(), start=1):
        if position < signals.title_position:
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            continue
        if el.text and el.text.strip():
            parts.append(el.text.strip())
            size += len(parts[-1])
        if size > limit:
            break
    return " ".join(" ".join(parts).split())[:limit]
