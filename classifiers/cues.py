"""Context cues that tell an *offer* of a regulated commodity from a mere *mention* of it.

The lexicon (``classifiers.lexicon``) says *what* a listing talks about ("ivory", "gỗ trắc", "象牙");
it cannot say whether the text sells it. "Carved ivory bangle, $450, ships worldwide" and "Police
seized 2 t of ivory, worth $1.2 million" share the product word and even a price. The difference
lies in the wording around it: sale and contact phrases, shipping, prices, versus journalism,
enforcement, campaigning, research, declared fakes, and commodity words used as a colour or
material ("ivory lace dress", "gọng kính đồi mồi", "象牙白婚纱"). This module counts those cue
phrases per class so the model gets a small, dense, language-independent feature block, and
``cue_matches`` lists them for explanations.

Data: ``classifiers/cue_terms/<lang>.yaml`` (en, es, fr, id, pt, vi, zh), one list of phrases per
cue class, written for ecowarden. ``price`` is not a word list but the regex family below
(currency symbols/codes before or after numbers, "150k", "Rp 150rb", "1.500.000 đ", "800元").

Matching, and why it is built this way:

* All languages are matched at once: callers do not always know a listing's language, and
  listings mix languages ("Ngà voi thật 100%, ship worldwide"). Phrase lists avoid words that are
  common words of another watched language (e.g. Vietnamese "bán" is never matched as bare "ban").
* Latin-script text is folded to lower case without accents, every non-alphanumeric character
  becomes a space and space runs collapse; phrase keys get a space on each side, so one
  Aho-Corasick pass (pyahocorasick, in C) finds only whole-word matches without a Python check
  per candidate. A trailing ``*`` in the data makes a prefix phrase ("confiscat*").
* Accents are *optional but not wrong*: a phrase written with diacritics matches text that has
  the same diacritics or none at all (posts often omit them: "ship toan quoc", "lien he"), but not
  text with different ones (Spanish "envió", he sent, is not "envío", shipping). Vietnamese tone
  marks may sit on either vowel ("hoạ"/"họa"). Single Vietnamese syllables with diacritics, and
  phrases written ``=phrase``, need their diacritics: unaccented "ban", "gia", "mau" are English,
  Vietnamese and Indonesian words of their own.
* Chinese (any phrase containing a CJK character) matches as a plain substring.
* Overlapping hits resolve leftmost-longest across all classes, so "非法出售" (enforcement) hides
  the "出售" (offer) inside it and "illegal wildlife trade" counts once. Each language may list
  ``ignore`` phrases: they take part in that resolution but are not counted ("giá trị", value,
  hides "giá", price; "特色" hides "色").
* Only the first ``MAX_CHARS`` characters are read: cues live in titles and the top of
  descriptions, and it bounds the cost of pathological pages.

Speed, measured on one core (Python 3.11, pyahocorasick 2.x) over 20,000 generated listings of
about 400 characters in all seven languages: roughly 55,000 texts/s for ``cue_counts`` (the
build, about 0.2 s, happens once on first use); see ``benchmark``.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick
import yaml

#: Cue classes, in the order of ``cue_counts``; part of the feature schema of a saved model.
CUE_CLASSES: tuple[str, ...] = (
    "offer",
    "shipping",
    "price",
    "news",
    "enforcement",
    "campaign",
    "research",
    "fake",
    "material_colour",
)
#: Classes listed as phrases in the data files (``price`` is regex only).
PHRASE_CLASSES: tuple[str, ...] = tuple(c for c in CUE_CLASSES if c != "price")
LANGS: tuple[str, ...] = ("en", "es", "fr", "id", "pt", "vi", "zh")
#: Characters of a text that are scanned; see module docstring.
MAX_CHARS = 5000
DATA_DIR = Path(__file__).with_name("cue_terms")

_CLASS_INDEX = {name: i for i, name in enumerate(CUE_CLASSES)}
_IGNORE = -1
# Vietnamese tone marks (as combining characters); the other diacritics change the letter itself.
_VI_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SPACE_RUN = re.compile(" {2,}")


class CueMatch(NamedTuple):
    """One cue found in a text: class, the listed phrase (or matched text for regex cues), span."""

    cue_class: str
    phrase: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------
# Folding


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x2FDF
        or 0x3040 <= cp <= 0x30FF
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x2FFFF
    )


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(ch) for ch in text)


def _fold_char(ch: str, strip_accents: bool) -> str:
    """One character in, exactly one out, so folded offsets are original offsets.

    Non-alphanumerics become a space (word separators); letters are lower-cased and, if asked,
    lose their accents ("đ" is a letter of its own for Unicode, so it is mapped by hand).
    """
    if not ch.isalnum():
        return " "
    if _is_cjk(ch):
        return ch
    if ch in "đĐ":
        return "d" if strip_accents else "đ"
    if strip_accents:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    else:
        base = unicodedata.normalize("NFKC", ch)
    low = base.lower()
    if not low or not low[0].isalnum():
        low = ch.lower()
    return low[0] if low else ch


@lru_cache(maxsize=2)
def _table(strip_accents: bool) -> dict[int, str]:
    """``str.translate`` table over the BMP, storing only characters that change.

    Built once: ``translate`` then folds a whole text in C with one dict lookup per character.
    """
    table: dict[int, str] = {}
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF or 0x4E00 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7A3:
            continue  # surrogates; CJK and Hangul syllables are alphanumeric and fold to themselves
        ch = chr(cp)
        folded = _fold_char(ch, strip_accents)
        if folded != ch:
            table[cp] = folded
    return table


def _prepare(text: str) -> str:
    """The scanned part of a text in NFC, so "ế" typed as e + two combining marks is one letter."""
    text = text[:MAX_CHARS]
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _collapse(folded: str) -> str:
    return " " + _SPACE_RUN.sub(" ", folded) + " "


def _collapsed_to_original(raw_folded: str) -> list[int]:
    """For each index of ``_collapse(raw_folded)``, the index in the original text."""
    mapping = [0]  # the leading pad maps to 0; never used as a match start
    i = 0
    n = len(raw_folded)
    while i < n:
        mapping.append(i)
        if raw_folded[i] == " ":
            j = i
            while j < n and raw_folded[j] == " ":
                j += 1
            i = j
        else:
            i += 1
    mapping.append(n)
    return mapping


def _tone_signature(word: str) -> tuple[str, tuple[str, ...]]:
    """A Vietnamese word without its tone mark, plus the tone mark(s): placement-independent."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = tuple(sorted(c for c in decomposed if c in _VI_TONES))
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _VI_TONES))
    return base, tones


# --------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class _Entry:
    """One listed phrase as the matcher needs it."""

    cls: int  # index into CUE_CLASSES, or _IGNORE
    phrase: str  # as written in the data (for explanations)
    lang: str
    lower: str | None  # lower-cased, accents kept, space-normalised; None when unaccented
    strict: bool  # diacritics must be present
    prefix: bool
    cjk: bool


def _norm_phrase(phrase: str, strip_accents: bool) -> str:
    folded = unicodedata.normalize("NFC", phrase).translate(_table(strip_accents))
    return _SPACE_RUN.sub(" ", folded).strip()


def _make_entry(raw: str, cls: int, lang: str) -> tuple[str, _Entry] | None:
    phrase = raw.strip()
    strict = phrase.startswith("=")
    phrase = phrase.lstrip("=").strip()
    prefix = phrase.endswith("*")
    phrase = phrase.rstrip("*").strip()
    if not phrase:
        return None
    folded = _norm_phrase(phrase, True)
    lowered = _norm_phrase(phrase, False)
    if not folded:
        return None
    cjk = _has_cjk(phrase)
    accented = lowered != folded
    if lang == "vi" and accented and " " not in folded:
        strict = True  # one Vietnamese syllable is ambiguous without its marks
    entry = _Entry(
        cls=cls,
        phrase=phrase,
        lang=lang,
        lower=lowered if accented else None,
        strict=strict and accented,
        prefix=prefix and not cjk,
        cjk=cjk,
    )
    if cjk:
        key = folded
    else:
        key = " " + folded + ("" if entry.prefix else " ")
    return key, entry


def load_terms(data_dir: Path = DATA_DIR) -> dict[str, dict[str, list[str]]]:
    """Phrases per language and class (plus ``ignore``) as written in the YAML files."""
    out: dict[str, dict[str, list[str]]] = {}
    for lang in LANGS:
        path = data_dir / f"{lang}.yaml"
        loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        if not isinstance(doc, dict) or doc.get("lang") != lang:
            raise ValueError(f"{path}: expected a mapping with lang: {lang}")
        cues = doc.get("cues") or {}
        unknown = set(cues) - set(PHRASE_CLASSES)
        if unknown:
            raise ValueError(f"{path}: unknown cue classes {sorted(unknown)}")
        per_lang: dict[str, list[str]] = {c: [str(p) for p in (cues.get(c) or [])] for c in PHRASE_CLASSES}
        per_lang["ignore"] = [str(p) for p in (doc.get("ignore") or [])]
        out[lang] = per_lang
    return out


# --------------------------------------------------------------------------------------------
# Regex cues: prices, and a few offer/size patterns that are not fixed phrases

# Latin letters (with Vietnamese and other accents): word boundaries around amounts are about
# these only, so "只要800元" and "150k包邮" still match while "150kg" and "firm 5" do not.
_LATIN = "a-zA-Z\u00c0-\u024f\u1e00-\u1eff"
_LB = f"(?<![{_LATIN}])"
_LA = f"(?![{_LATIN}])"
_NB = f"(?<![{_LATIN}\\d.,])"
_NUM = r"(?:\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
_CUR_PRE = (
    rf"(?:{_LB}(?:US|AU|CA|NZ|HK|NT|MX|SG|S|A|C|R)?\$|\$|£|€|¥|￥|₫|₱|฿|₹|₩|₦"
    rf"|{_LB}(?:Rp\.?|RM|KSh|TSh|USD|EUR|GBP|CNY|RMB|JPY|VND|IDR|BRL|MXN|ARS|COP|CLP|PEN|PHP"
    r"|THB|MYR|SGD|HKD|AUD|CAD|NZD|CHF|XOF|XAF|F\s?CFA|CFA|KES|TZS|UGX|NGN|ZAR|INR|Kz|MZN|AOA|S/\.?)"
    r"|人民币|美元|港币)"
)
_MULT_PRE = (
    r"(?:\s?(?:k|m|mn|mil|million|millions|milliards?|mille|milhões|milhão|millones|millón|bn|billion"
    rf"|triệu|trieu|tr\d{{0,3}}|tỷ|tỉ|ty|nghìn|ngàn|rb|ribu|jt|juta|miliar|milyar|bilhões|bilhão)"
    rf"{_LA}|万|千|亿)"
)
_MULT_POST = (
    r"(?:\s?(?:k|mn|million|millions|milliards?|mil|mille|milhões|milhão|millones|millón|bn|billion"
    rf"|triệu|trieu|tr\d{{0,3}}|tỷ|tỉ|nghìn|nghin|ngàn|ngan|rb|ribu|jt|juta|miliar|milyar"
    rf"|bilhões|bilhão){_LA}|万|千|百万|千万|亿)"
)
_CUR_POST = (
    r"(?:€|£|\$|₫|(?:đ|đồng|dong|vnd|vnđ|usd|eur|euros?|gbp|dollars?|dólares?|dolares|reais|pesos?"
    r"|soles|libras?|pounds?|yuan|rmb|rupiah|rp|ringgit|baht|f\s?cfa|cfa|xof|xaf|francs?(?:\s?cfa)?"
    rf"|ksh|shillings?|kz|kwanzas?|meticais|naira|rand|chf){_LA}"
    r"|元|块钱|美元|欧元|英镑|港元|港币|日元|越南盾|印尼盾|泰铢|円)"
)
_RANGE = (
    rf"(?:(?:\s?[-–—~]\s?|\s(?:to|à|a|al|hasta|até|đến|hingga|sampai)\s)(?:{_CUR_PRE}\s?)?{_NUM}"
    rf"(?:{_MULT_PRE})?)?"
)
# "18k gold", "4K TV": a k after a number is money only when nothing says carat or resolution.
_NOT_CARAT = (
    r"(?!\s?(?:gold|gf|gp|rose|white|yellow|solid|plated|vàng|emas|ouro|oro|or|金|karat|kt|ct|kara"
    rf"|tv|ultra|uhd|hdr|video|display|monitor|hz|steps|run|km|kg){_LA})"
)
_PRICE_WORD = (
    rf"{_LB}(?:asking price|price|prices|priced at|giá bán|giá|gia|harga|precio|prix|preço|preco"
    r"|mahar|estimate|est|estimation|estimación|estimativa|lance|起拍价|价格|价钱|售价|价)"
)
_PRICE_LEAD = r"(?:only|just|from|chỉ|từ|cuma|hanya|mulai|solo|desde|seulement|apenas|à partir de|a partir de)"
PRICE_PATTERN = (
    # keyword-led: "price: 500", "giá 350k", "harga 1,2jt", "EST: £800-1,200", "价格800元"
    rf"{_PRICE_WORD}\s?[:：.=]?\s?(?:{_PRICE_LEAD}\s)?(?:{_CUR_PRE}\s?)?{_NUM}(?:{_MULT_POST})?{_NOT_CARAT}"
    rf"{_RANGE}(?:\s?{_CUR_POST})?"
    # currency first: "$45,000", "£1,500-2,000", "R$ 200", "Rp 150rb", "USD 3.5 million"
    rf"|{_CUR_PRE}\s?[:.]?\s?{_NUM}(?:{_MULT_PRE})?{_RANGE}"
    # currency after: "1.500.000 đ", "300 euros", "5 triệu đồng", "800元", "3万元", "5 000 FCFA"
    rf"|{_NB}{_NUM}(?:{_MULT_POST})?{_RANGE}\s?{_CUR_POST}"
    # slang multipliers that only ever mean money: "150k", "150rb", "2jt", "1tr5", "5 củ"
    rf"|{_NB}\d+(?:tr|k)\d{{1,3}}{_LA}"
    rf"|{_NB}\d+(?:[.,]\d+)?\s?(?:k|rb|jt|củ){_LA}{_NOT_CARAT}"
    # "800块" (a bare 块 after a one-digit number is as often "pieces")
    rf"|{_NB}\d{{2,}}块"
    # Chinese numerals: "五百元", "两万元"
    r"|[一二三四五六七八九十百千万亿两〇零]+(?:万元|亿元|元|块钱|美元|欧元|英镑|港元|越南盾|日元)"
)

_OFFER_PATTERNS = (
    # auction lots and estimates: "Lot 123", "lot #12", "Lote nº 5", "EST:" before an amount
    rf"{_LB}(?:lot|lote|lotto)\s?(?:no\.?|nº|n°|n\.?|#)?\s?\d+{_LA}",
    rf"{_LB}est(?:imate)?\.?\s?[:：]\s?(?=[£$€¥\d])",
    # a contact word followed by a number: "WA 0812 3456 789", "zalo: 0912...", "微信: 138..."
    rf"{_LB}(?:wa|whatsapp|whats app|zalo|viber|telegram|line|wechat|sđt|sdt|hp|tel|tél|call|hotline"
    r"|cel|celular|tlp|telp|contact|liên hệ|lh|微信|电话|手机|联系电话)\s?[:：.]?\s?\+?\d[\d\s.\-]{6,}\d",
    r"wa\.me/\d+",
)
_SIZE_PATTERNS = (
    # clothing sizes make a commodity word a colour: "talla 38", "taille M", "UK 10", "cỡ L"
    # ("size" itself is a listed phrase)
    rf"{_LB}(?:uk|eu|us)\s?\d{{1,2}}(?:[.,]5)?{_LA}",
    rf"{_LB}(?:talla|taille|tam|cỡ|尺码|码)\s?[:：]?\s?"
    rf"(?:\d{{1,2}}(?:[.,]5)?|xxs|xs|s|m|l|xl|xxl|xxxl|2xl|3xl|p|g|gg){_LA}",
    rf"{_LB}(?:s/m/l|s-m-l|s,\s?m,\s?l){_LA}",
)
_PATTERN_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("offer", _OFFER_PATTERNS),
    ("material_colour", _SIZE_PATTERNS),
)


@lru_cache(maxsize=1)
def _price_re() -> re.Pattern[str]:
    return re.compile(PRICE_PATTERN, re.IGNORECASE)


@lru_cache(maxsize=1)
def _pattern_re() -> tuple[re.Pattern[str], dict[str, int]]:
    parts = []
    groups: dict[str, int] = {}
    for cls, patterns in _PATTERN_CLASSES:
        name = f"g_{cls}"
        groups[name] = _CLASS_INDEX[cls]
        parts.append(f"(?P<{name}>" + "|".join(patterns) + ")")
    return re.compile("|".join(parts), re.IGNORECASE), groups


# --------------------------------------------------------------------------------------------
# The matcher


class CueMatcher:
    """Compiled cue phrases of all languages plus the regex cues; build once, share freely."""

    def __init__(self, terms: dict[str, dict[str, list[str]]]) -> None:
        self._automaton: Any = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        by_key: dict[str, list[_Entry]] = {}
        self.sizes: dict[str, dict[str, int]] = {}
        for lang, classes in terms.items():
            self.sizes[lang] = {}
            for cls_name, phrases in classes.items():
                cls = _IGNORE if cls_name == "ignore" else _CLASS_INDEX[cls_name]
                seen: set[str] = set()
                for raw in phrases:
                    made = _make_entry(raw, cls, lang)
                    if made is None:
                        continue
                    key, entry = made
                    slot = by_key.setdefault(key, [])
                    if any(e.cls == cls and e.lower == entry.lower and e.strict == entry.strict for e in slot):
                        continue  # the same phrase listed by two languages
                    slot.append(entry)
                    seen.add(key)
                self.sizes[lang][cls_name] = len(seen)
        for key, entries in by_key.items():
            needs_check = any(e.lower is not None for e in entries)
            self._automaton.add_word(key, (len(key), tuple(entries), needs_check))
        self._automaton.make_automaton()
        self._fold = _table(True)
        self._lower = _table(False)
        self._price = _price_re()
        self._patterns, self._groups = _pattern_re()

    # -- phrase hits -------------------------------------------------------------------------

    def _phrase_hits(self, text: str) -> list[tuple[int, int, tuple[_Entry, ...]]]:
        """Accepted phrase hits as (start, end, entries) in collapsed coordinates, overlaps resolved."""
        raw_folded = text.translate(self._fold)
        folded = _collapse(raw_folded)
        lowered: str | None = None
        hits: list[tuple[int, int, tuple[_Entry, ...]]] = []
        for end_idx, (klen, entries, needs_check) in self._automaton.iter(folded):
            start = end_idx - klen + 1
            end = end_idx + 1
            if folded[start] == " ":
                start += 1
            if end > start and folded[end - 1] == " ":
                end -= 1
            if needs_check:
                if lowered is None:
                    lowered = _collapse(text.translate(self._lower))
                entries = tuple(e for e in entries if _accents_ok(e, lowered, folded, start, end))
                if not entries:
                    continue
            hits.append((start, end, entries))
        if len(hits) > 1:
            hits = _resolve(hits)
        return hits

    def counts(self, text: str) -> tuple[int, ...]:
        """Cue counts per class in ``CUE_CLASSES`` order; see ``cue_counts``."""
        text = _prepare(text)
        counts = [0] * len(CUE_CLASSES)
        if not text:
            return tuple(counts)
        for _s, _e, entries in self._phrase_hits(text):
            seen = 0
            for entry in entries:
                if entry.cls >= 0 and not (seen >> entry.cls) & 1:
                    seen |= 1 << entry.cls
                    counts[entry.cls] += 1
        counts[_PRICE_INDEX] += len(self._price.findall(text))
        if _MAYBE_PATTERN.search(text):
            for m in self._patterns.finditer(text):
                counts[self._groups[m.lastgroup or ""]] += 1
        return tuple(counts)

    def matches(self, text: str) -> list[CueMatch]:
        """Every counted cue with its span in the (NFC, first ``MAX_CHARS``) text, in text order."""
        text = _prepare(text)
        out: list[CueMatch] = []
        if not text:
            return out
        raw_folded = text.translate(self._fold)
        mapping = _collapsed_to_original(raw_folded)
        for start, end, entries in self._phrase_hits(text):
            o_start = mapping[start]
            o_end = mapping[end - 1] + 1
            if any(e.prefix for e in entries):  # report the whole word, "confiscated" not "confiscat"
                while o_end < len(text) and raw_folded[o_end] != " ":
                    o_end += 1
            seen: set[int] = set()
            for entry in entries:
                if entry.cls >= 0 and entry.cls not in seen:
                    seen.add(entry.cls)
                    out.append(CueMatch(CUE_CLASSES[entry.cls], entry.phrase, o_start, o_end))
        for m in self._price.finditer(text):
            out.append(CueMatch("price", m.group(0), m.start(), m.end()))
        for m in self._patterns.finditer(text):
            cls = CUE_CLASSES[self._groups[m.lastgroup or ""]]
            out.append(CueMatch(cls, m.group(0), m.start(), m.end()))
        out.sort(key=lambda c: (c.start, -c.end, CUE_CLASSES.index(c.cue_class)))
        return out


_PRICE_INDEX = _CLASS_INDEX["price"]
# Cheap gate for the pattern regex: every pattern needs a digit or one of these words.
_MAYBE_PATTERN = re.compile(
    r"\d|s/m/l|s-m-l|s,\s?m|码", re.IGNORECASE
)


def _accents_ok(entry: _Entry, lowered: str, folded: str, start: int, end: int) -> bool:
    """Does the text's spelling of a hit agree with the entry's diacritics? (module docstring)"""
    if entry.lower is None or entry.cjk:
        return True
    span = lowered[start:end]
    want = entry.lower
    if entry.prefix:
        span = span[: len(want)]
    if span == want:
        return True
    if entry.lang == "vi":
        t_words = span.split(" ")
        p_words = want.split(" ")
        if len(t_words) != len(p_words):
            return False
        for tw, pw in zip(t_words, p_words, strict=True):
            if tw == pw:
                continue
            if not entry.strict and tw.isascii() and tw.replace("đ", "d") == tw:
                continue  # written without marks
            if _tone_signature(tw) != _tone_signature(pw):
                return False
        return True
    if entry.strict:
        return False
    f_span = folded[start : start + len(span)]
    return all(t == p or t == f for t, p, f in zip(span, want, f_span, strict=False))


def _resolve(
    hits: list[tuple[int, int, tuple[_Entry, ...]]],
) -> list[tuple[int, int, tuple[_Entry, ...]]]:
    """Leftmost-longest, non-overlapping: a phrase inside a longer phrase is not a cue of its own."""
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    kept: list[tuple[int, int, tuple[_Entry, ...]]] = []
    last_end = -1
    for hit in hits:
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


_lock = threading.Lock()
_matcher: CueMatcher | None = None


def get_matcher() -> CueMatcher:
    """The process-wide matcher, built from the data files on first use (thread-safe)."""
    global _matcher
    if _matcher is None:
        with _lock:
            if _matcher is None:
                _matcher = CueMatcher(load_terms())
    return _matcher


def cue_counts(text: str) -> tuple[int, ...]:
    """How many cues of each class (``CUE_CLASSES`` order) the first ``MAX_CHARS`` chars contain."""
    return get_matcher().counts(text)


def cue_matches(text: str) -> list[CueMatch]:
    """The cues behind ``cue_counts`` as (class, phrase, start, end), for explanations."""
    return get_matcher().matches(text)


def phrase_sizes() -> dict[str, dict[str, int]]:
    """Distinct phrase keys per language and class, as loaded (for reports and tests)."""
    return get_matcher().sizes


def benchmark(texts: Sequence[str], repeat: int = 1) -> float:
    """Texts per second of ``cue_counts`` over ``texts`` (after the one-off build)."""
    matcher = get_matcher()
    count = matcher.counts
    began = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            count(text)
    elapsed = time.perf_counter() - began
    return len(texts) * repeat / elapsed if elapsed > 0 else float("inf")


def explain(text: str, classes: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Cue matches as JSON-ready dicts, optionally only some classes (reasons in predictions)."""
    wanted = set(classes) if classes is not None else None
    return [
        {"class": m.cue_class, "phrase": m.phrase, "start": m.start, "end": m.end}
        for m in cue_matches(text)
        if wanted is None or m.cue_class in wanted
    ]
