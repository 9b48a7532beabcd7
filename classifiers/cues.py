"""Context cues that tell an *offer* of a regulated commodity from a mere *mention* of it.

The lexicon (``classifiers.lexicon``) says *what* a listing talks about ("ivory", "gỗ trắc", "象牙");
it cannot say whether the text sells it. "Carved ivory bangle, $450, ships worldwide" and "Police
seized 2 t of ivory, worth $1.2 million" share the product word and even a price. The difference
lies in the wording around it: sale and contact phrases, shipping, prices, versus journalism,
enforcement, campaigning, research, declared fakes, and commodity words used as a colour or
material ("ivory lace dress", "gọng kính đồi mồi", "象牙白婚纱"). This module counts those cues per
class so the model gets a small, dense, language-independent feature block, and ``cue_matches``
lists them for explanations.

Data: ``classifiers/cue_terms/<lang>.yaml`` (en, es, fr, id, pt, vi, zh), one list of phrases per
cue class, written for ecowarden. ``price`` is not a word list but code below: amounts with a
currency symbol or code on either side ("$45,000", "£1,500-2,000", "R$ 200", "1.500.000 đ", "800元",
"5 000 FCFA"), after a price word ("giá 350k", "harga: 150.000", "EST: £800-1,200", "价格800"), or
with a multiplier that only ever means money ("150k", "Rp 150rb", "2jt", "1tr5", "5 củ"), and
Chinese-numeral sums ("五百元"). Lot numbers ("Lot 123"), a contact word before a phone number
("WA 0812…", "zalo 09…") and auction estimates also count as ``offer``; "UK 10", "talla 38" count
as ``material_colour``.

Matching, and why it is built this way:

* All languages are matched at once: callers do not always know a listing's language, and
  listings mix languages ("Ngà voi thật 100%, ship worldwide"). Phrase lists avoid words that are
  common words of another watched language (e.g. Vietnamese "bán" is never matched as bare "ban").
* Latin-script text is lower-cased, stripped of accents, and cut into words at every
  non-alphanumeric character; a phrase is a sequence of whole words, looked up in a dict only at
  words that start some phrase. That keeps the per-text work to C-level string operations plus a
  short Python loop (an automaton over the whole text was measured five times slower).
* Accents are *optional but not wrong*: a phrase written with diacritics matches text that has
  the same diacritics or none at all (posts often omit them: "ship toan quoc", "lien he"), but not
  text with different ones (Spanish "envió", he sent, is not "envío", shipping). Vietnamese tone
  marks may sit on either vowel ("hoạ"/"họa"). Single Vietnamese syllables with diacritics, and
  phrases written ``=phrase``, need their diacritics: unaccented "ban", "gia", "mau" are English,
  Vietnamese and Indonesian words of their own. Conversely a phrase written without diacritics
  matches only text written without them: Indonesian "chat" is not Vietnamese "chất", Spanish
  "ong" (NGO) is not "ông" (Mr).
* Phrases containing a CJK character match as plain substrings (one Aho-Corasick pass with
  pyahocorasick, only over texts that contain CJK at all).
* Overlapping hits resolve leftmost-longest, so "非法出售" (enforcement) hides the "出售" (offer)
  inside it and "illegal wildlife trade" counts once. Each language may list ``ignore`` phrases:
  they take part in that resolution but are not counted ("giá trị", value, hides "giá", price;
  "特色" hides "色").
* Amounts are found by scanning for digits (a regex that starts with ``\\d`` lets the engine skip
  to them) and looking at a few characters on each side; the left side is matched as one
  anchored regex over the *reversed* window, so no alternation is tried at every position.
* Only the first ``MAX_CHARS`` characters are read: cues live in titles and the top of
  descriptions, and it bounds the cost of pathological pages.

Speed, measured on one core (Python 3.11, x86-64) over 21,000 generated listings of exactly 400
characters, 3,000 in each language: about 24,000 texts/s for ``cue_counts`` overall (English
~32,000/s, Vietnamese ~20,000/s, Chinese ~17,000/s); the one-off build on first use takes about
0.1 s. ``benchmark`` reproduces the measurement on any list of texts. ``cue_matches`` computes
character offsets and is several times slower; it is meant for explanations, not features.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
#: Classes listed as phrases in the data files (``price`` is code only).
PHRASE_CLASSES: tuple[str, ...] = tuple(c for c in CUE_CLASSES if c != "price")
LANGS: tuple[str, ...] = ("en", "es", "fr", "id", "pt", "vi", "zh")
#: Characters of a text that are scanned; see module docstring.
MAX_CHARS = 5000
DATA_DIR = Path(__file__).with_name("cue_terms")

_CLASS_INDEX = {name: i for i, name in enumerate(CUE_CLASSES)}
_OFFER = _CLASS_INDEX["offer"]
_PRICE = _CLASS_INDEX["price"]
_MATERIAL = _CLASS_INDEX["material_colour"]
_IGNORE = -1
# Vietnamese tone marks (as combining characters); the other diacritics change the letter itself.
_VI_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


class CueMatch(NamedTuple):
    """One cue found in a text: class, the listed phrase (or matched text for amounts), span."""

    cue_class: str
    phrase: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------
# Normalisation

_CJK_CLASS = "\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK_CLASS}]")
# ASCII bytes: letters and digits kept (lower-cased), everything else a word break; bytes >= 0x80
# (the UTF-8 encoding of every non-ASCII character) pass through untouched.
_BYTE_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c >= 128) else 32
    for c in range(256)
)
# Non-ASCII punctuation, symbols and emoji that also break words (letters of any script do not).
_WIDE_PUNCT = re.compile(
    "[\u00a0-\u00bf\u00d7\u00f7\u2000-\u2bff\u3000-\u303f\u30fb\ufe00-\ufe4f\uff00-\uff0f"
    "\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff]"
)


_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _half_width(m: re.Match[str]) -> str:
    return chr(ord(m.group(0)) - 0xFEE0)


def _scanned(text: str) -> str:
    """The part of a text that is read: composed (NFC, so "ế" typed as e + marks is one letter),
    full-width letters and digits as ASCII ("ＤＭ" is "DM"). Full NFKC would also do the latter
    but costs ten times more on Chinese text, whose full-width punctuation is a word break anyway."""
    text = text[:MAX_CHARS]
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _FULL_WIDTH_ALNUM.search(text):
            text = _FULL_WIDTH_ALNUM.sub(_half_width, text)
    return text


def _spaced(text: str) -> str:
    """Lower-cased, every non-alphanumeric character replaced by one space (length-preserving
    except where ``str.lower`` itself changes length, e.g. "İ")."""
    if text.isascii():
        return text.encode("ascii").translate(_BYTE_TABLE).decode("ascii")
    spaced = text.lower().encode("utf-8").translate(_BYTE_TABLE).decode("utf-8")
    if _WIDE_PUNCT.search(spaced):
        spaced = _WIDE_PUNCT.sub(" ", spaced)
    return spaced


# Letters that do not decompose under NFD but are typed interchangeably with a plain letter.
_ODD_LETTERS = re.compile("[đøæœßłıðþ]")
_ODD_FOLDS = (
    ("đ", "d"),
    ("ø", "o"),
    ("æ", "a"),
    ("œ", "o"),
    ("ß", "s"),
    ("ł", "l"),
    ("ı", "i"),
    ("ð", "d"),
    ("þ", "t"),
)


def _fold(lowered: str) -> str:
    """Accents dropped from lower-case text: NFD splits letters from their marks and the ASCII
    encoder drops the marks. Length-preserving for Latin scripts (one letter in, one out)."""
    if lowered.isascii():
        return lowered
    if _ODD_LETTERS.search(lowered):
        for odd, plain in _ODD_FOLDS:
            if odd in lowered:
                lowered = lowered.replace(odd, plain)
    return unicodedata.normalize("NFD", lowered).encode("ascii", "ignore").decode("ascii")


def _encode_words(spaced: str) -> tuple[str, str, bool]:
    """The words of a spaced text as "<w1><w2>...": (lower-case, folded, accents matter).

    The two strings are aligned character by character, so the accented spelling of a hit found
    in the folded string is a plain slice of the other. Where folding cannot keep the alignment
    (CJK or another non-Latin script in the text), non-ASCII letters become "?" instead: such a
    word matches no Latin phrase, which is right for ideographs and costs at most an accented
    Latin phrase inside a Chinese text.
    """
    lowered = "<" + "><".join(spaced.split()) + ">"
    if lowered.isascii():
        return lowered, lowered, False
    if _HAS_CJK.search(lowered) is None:
        folded = _fold(lowered)
        if len(folded) == len(lowered):
            return lowered, folded, True
    return lowered, lowered.encode("ascii", "replace").decode("ascii"), False


def _as_bytes(text: str) -> str:
    """UTF-8 bytes of a text spelled as latin-1 characters (see the CJK automaton)."""
    return text.encode("utf-8").decode("latin-1")


def _byte_to_char(text: str) -> list[int]:
    """For each UTF-8 byte offset of ``text`` (and the end), the character offset it falls in."""
    out: list[int] = []
    for i, ch in enumerate(text):
        out.extend([i] * len(ch.encode("utf-8")))
    out.append(len(text))
    return out


def _is_cjk(text: str) -> bool:
    return _HAS_CJK.search(text) is not None


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
    lower: str | None  # lower-cased words with accents; None when the phrase has none
    strict: bool  # diacritics must be present


def load_terms(data_dir: Path = DATA_DIR) -> dict[str, dict[str, list[str]]]:
    """Phrases per language and class (plus ``ignore``) as written in the YAML files."""
    out: dict[str, dict[str, list[str]]] = {}
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for lang in LANGS:
        path = data_dir / f"{lang}.yaml"
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        if not isinstance(doc, dict) or doc.get("lang") != lang:
            raise ValueError(f"{path}: expected a mapping with lang: {lang}")
        cues = doc.get("cues") or {}
        unknown = set(cues) - set(PHRASE_CLASSES)
        if unknown:
            raise ValueError(f"{path}: unknown cue classes {sorted(unknown)}")
        per_lang = {c: [str(p) for p in (cues.get(c) or [])] for c in PHRASE_CLASSES}
        per_lang["ignore"] = [str(p) for p in (doc.get("ignore") or [])]
        out[lang] = per_lang
    return out


def _make_entry(raw: str, cls: int, lang: str) -> tuple[str, bool, _Entry] | None:
    """(key, is_cjk, entry) for one listed phrase; the key is what the text must contain."""
    phrase = raw.strip()
    strict = phrase.startswith("=")
    phrase = _scanned(phrase.lstrip("=").strip())
    if not phrase:
        return None
    if _is_cjk(phrase):
        key = phrase.lower()
        return key, True, _Entry(cls, phrase, lang, None, False)
    words = _spaced(phrase).split()
    lowered = " ".join(words)
    folded = _fold(lowered)
    if not folded.strip() or len(folded) != len(lowered):
        return None
    accented = lowered != folded
    if lang == "vi" and accented and " " not in folded:
        strict = True  # one Vietnamese syllable is ambiguous without its marks
    entry = _Entry(cls, phrase, lang, lowered if accented else None, strict and accented)
    return folded, False, entry


# --------------------------------------------------------------------------------------------
# Amounts (price, lot numbers, contact numbers, sizes)

_LATIN = "a-zA-Z\u00c0-\u024f\u1e00-\u1eff"
_NUM = r"\d(?:\d{0,2}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d*(?:[.,]\d{1,2})?)"
_NUMBER_RE = re.compile(_NUM)
_CHINESE_SUM_RE = re.compile(
    r"[一二三四五六七八九十两〇零][一二三四五六七八九十百千万亿两〇零]*(?:万元|亿元|元|块钱|美元|欧元|英镑|港元|越南盾|日元)"
)

#: Currency written before an amount: symbols (no word boundary needed) and codes/words.
CURRENCY_SYMBOLS: tuple[str, ...] = ("$", "£", "€", "¥", "￥", "₫", "₱", "฿", "₹", "₩", "₦")
CURRENCY_BEFORE: tuple[str, ...] = (
    "us$", "au$", "ca$", "nz$", "hk$", "nt$", "mx$", "sg$", "s$", "a$", "c$", "r$",
    "rp", "rp.", "rm", "ksh", "tsh", "usd", "eur", "gbp", "cny", "rmb", "jpy", "vnd", "idr", "brl",
    "mxn", "ars", "cop", "clp", "pen", "php", "thb", "myr", "sgd", "hkd", "aud", "cad", "nzd",
    "chf", "xof", "xaf", "fcfa", "f cfa", "cfa", "kes", "tzs", "ugx", "ngn", "zar", "inr", "kz",
    "mzn", "aoa", "s/", "s/.", "人民币", "美元", "港币",
)  # fmt: skip
#: Words after which a bare number is a price ("giá 350k", "harga: 150.000", "EST: 800").
PRICE_WORDS: tuple[str, ...] = (
    "price", "prices", "priced at", "asking price", "asking", "giá", "giá bán", "gia", "gia ban",
    "harga", "precio", "prix", "preço", "preco", "valor", "mahar", "estimate", "est", "estimation",
    "estimación", "estimativa", "起拍价", "估价", "价格", "价钱", "售价", "价", "只要", "仅售",
)  # fmt: skip
_AUCTION_WORDS = frozenset({"estimate", "est", "estimation", "estimación", "estimativa", "起拍价", "估价"})
_PRICE_LEADS: tuple[str, ...] = (
    "only", "just", "from", "chỉ", "từ", "cuma", "hanya", "mulai", "solo", "desde", "seulement",
    "apenas", "à partir de", "a partir de", "chi", "tu",
)  # fmt: skip
_LOT_WORDS: tuple[str, ...] = ("lot", "lote", "lotto", "lot no", "lot no.", "lot n°", "lote nº", "lote n°")
_CONTACT_WORDS: tuple[str, ...] = (
    "wa", "whatsapp", "whats app", "zalo", "viber", "telegram", "line", "wechat", "sđt", "sdt",
    "hp", "tel", "tél", "call", "hotline", "cel", "celular", "tlp", "telp", "contact", "liên hệ",
    "lh", "zap", "微信", "v信", "电话", "手机", "联系电话",
)  # fmt: skip
_SIZE_WORDS: tuple[str, ...] = ("uk", "eu", "us", "talla", "taille", "tam", "tamanho", "cỡ", "尺码", "size")


def _reversed_alternation(words: Iterable[str], boundary: bool) -> str:
    """An alternation of reversed literals, longest first (the engine takes the first that fits)."""
    alts = sorted({w[::-1] for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
    return f"(?:{body})" + (f"(?![{_LATIN}])" if boundary else "")


def _left_regex() -> re.Pattern[str]:
    symbols = _reversed_alternation(CURRENCY_SYMBOLS, boundary=False)
    before = _reversed_alternation(CURRENCY_BEFORE, boundary=True)
    words = _reversed_alternation(PRICE_WORDS, boundary=True)
    leads = _reversed_alternation(_PRICE_LEADS, boundary=True)
    lots = _reversed_alternation(_LOT_WORDS, boundary=True)
    contact = _reversed_alternation(_CONTACT_WORDS, boundary=True)
    sizes = _reversed_alternation(_SIZE_WORDS, boundary=True)
    skip = r"[\s:：.=#+(\-]*"
    return re.compile(
        rf"{skip}(?:"
        rf"(?P<cur>{before}|{symbols})(?:[\s:：.=]*(?:{leads}\s+)?(?P<cw>{words}))?"
        rf"|(?:{leads}\s+)?(?P<word>{words})"
        rf"|(?P<lot>{lots})|(?P<contact>{contact})|(?P<size>{sizes}))"
    )


_CUR_AFTER = (
    r"(?:€|£|\$|₫|(?:đ|đồng|dong|vnd|vnđ|usd|eur|euros?|gbp|dollars?|dólares?|dolares|reais|pesos?"
    r"|soles|libras?|pounds?|yuan|rmb|rupiah|rp|ringgit|baht|f\s?cfa|cfa|xof|xaf|francs?(?:\s?cfa)?"
    rf"|ksh|shillings?|kz|kwanzas?|meticais|naira|rand|chf)(?![{_LATIN}])"
    r"|元|块钱|块|美元|欧元|英镑|港元|港币|日元|越南盾|印尼盾|泰铢|円)"
)
_MULT = (
    r"(?:k\d{0,3}|tr\d{0,3}|rb|jt|củ|m|mn|mil|million|millions|milliards?|mille|milhões|milhão"
    r"|millones|millón|bn|billion|triệu|trieu|tỷ|tỉ|ty|nghìn|nghin|ngàn|ngan|ribu|juta|miliar"
    r"|milyar|bilhões|bilhão)"
)
_RIGHT_RE = re.compile(
    rf"(?P<mult>\s?{_MULT}(?![{_LATIN}])|万|千|百万|千万|亿)?"
    rf"(?P<range>(?:\s?[-–—~]\s?|\s(?:to|à|a|al|hasta|até|đến|hingga|sampai)\s)"
    rf"(?:[$£€¥₫]|us\$|r\$|rp)?\s?{_NUM}(?:\s?{_MULT}(?![{_LATIN}])|万|千|亿)?)?"
    rf"(?P<cur>\s?{_CUR_AFTER})?"
    r"(?P<carat>(?=\s?(?:gold|gf|gp|rose|white|yellow|solid|plated|vàng|emas|ouro|oro|or|金|karat|kt|ct|kara"
    rf"|tv|ultra|uhd|hdr|video|display|monitor|hz|steps|run)(?![{_LATIN}])))?",
    re.IGNORECASE,
)
# Multipliers that mean money on their own: "150k", "150rb", "2jt", "1tr5", "5 củ".
_SLANG = re.compile(r"\s?(?:k\d{0,3}|tr\d{0,3}|rb|jt|củ)$", re.IGNORECASE)
_PHONE_RE = re.compile(r"\+?\d[\d\s.\-]{6,}\d")
_HAS_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"\S+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_LEFT_WINDOW = 28


class _Amount(NamedTuple):
    start: int
    end: int
    cls: int


def _left_words() -> tuple[frozenset[str], str]:
    """Last words of everything the left-hand regex knows, and the symbols: a cheap pre-check."""
    words: set[str] = set()
    for group in (CURRENCY_BEFORE, PRICE_WORDS, _PRICE_LEADS, _LOT_WORDS, _CONTACT_WORDS, _SIZE_WORDS):
        for w in group:
            last = w.split(" ")[-1].rstrip(".")
            words.add(last)
            if last and _is_cjk(last[-1]):
                words.update(last[-n:] for n in range(1, len(last) + 1))
    return frozenset(words), "".join(CURRENCY_SYMBOLS) + "$"


_LEFT_LAST, _LEFT_SYMBOLS = _left_words()
_LEFT_END_CHARS = frozenset(w[-1] for w in _LEFT_LAST if w) | frozenset(_LEFT_SYMBOLS)
_SEPARATORS = " \t\n\u00a0:：.=#+(-"
# The word (or symbol, or first CJK character) right after a number, and the ones that can begin
# what ``_RIGHT_RE`` looks for: a multiplier, a range, a currency. Most numbers ("20 kg", "năm
# 2019", "5月") fail this set lookup and never reach the big regex.
_HEAD = re.compile(r"\s?([^\W\d_]+|[-–—~€£$₫])")
_RIGHT_HEADS = frozenset(
    """k tr rb jt củ m mn mil million millions milliard milliards mille milhões milhão millones millón
    bn billion triệu trieu tỷ tỉ ty nghìn nghin ngàn ngan ribu juta miliar milyar bilhões bilhão
    to à a al hasta até đến hingga sampai - – — ~ € £ $ ₫ đ đồng dong vnd vnđ usd eur euro euros gbp
    dollar dollars dólar dólares dolares reais peso pesos soles libra libras pound pounds yuan rmb
    rupiah rp ringgit baht fcfa f cfa xof xaf franc francs ksh shilling shillings kz kwanza kwanzas
    meticais naira rand chf""".split()
)
_RIGHT_CJK_HEADS = frozenset("万千百亿元块美欧英港日越印泰円")
_RIGHT_FIRST = frozenset(w[0] for w in _RIGHT_HEADS) | _RIGHT_CJK_HEADS
_SPACES = " \t\n\u00a0"


_TAIL_REV = re.compile(r"[\s:：.=#+(\-]*([$£€¥￥₫₱฿₹₩₦]|/?[^\W_]+)")  # "/" for "S/" (soles)


def _amounts(text: str, left_re: re.Pattern[str], cjk: bool) -> list[_Amount]:
    """Amount-based cues in text order: prices, lot/contact numbers (offer), sizes (material).

    The text is lower-cased and reversed once; what precedes a number is then read forwards in
    the reversed copy with anchored matches, with no slicing per number.
    """
    out: list[_Amount] = []
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer ("İ")
        low = text
    rev = ""
    size = len(low)
    consumed = 0
    separators, spaces, left_end, right_first = _SEPARATORS, _SPACES, _LEFT_END_CHARS, _RIGHT_FIRST
    for m in _NUMBER_RE.finditer(low):
        s, e = m.span()
        if s < consumed:
            continue  # the second half of a range already counted
        # Cheap gate first: the character after the number (past one space) and the last one
        # before it (past separators) must be able to start / end something the rules know.
        nxt = low[e : e + 1]
        if nxt and nxt in spaces:
            nxt = low[e + 1 : e + 2]
        k = s - 1
        while k >= 0 and low[k] in separators:
            k -= 1
        maybe_left = k >= 0 and low[k] in left_end
        if not maybe_left and not (nxt and nxt in right_first):
            continue
        prev = low[s - 1] if s else " "
        if prev in ".,":
            continue
        left = None
        width = 0
        token = ""
        rpos = size - s
        if maybe_left:
            if not rev:
                rev = low[::-1]
            tail = _TAIL_REV.match(rev, rpos)
            token = tail.group(1)[::-1] if tail is not None else ""
        if token and (
            token in _LEFT_LAST or token[-1] in _LEFT_SYMBOLS or (cjk and token[-1:] in _LEFT_LAST)
        ):
            left = left_re.match(rev, rpos, min(size, rpos + _LEFT_WINDOW))
            if left is not None:
                width = left.end() - rpos
        head = _HEAD.match(low, e) if nxt and nxt in right_first else None
        right = None
        if head is not None:
            word = head.group(1)
            if word in _RIGHT_HEADS or word[0] in _RIGHT_CJK_HEADS:
                right = _RIGHT_RE.match(low, e)
        if right is None:
            if left is None:
                continue  # nothing on either side that could make this number a cue
            mult = rng = cur_right = None
        else:
            mult, rng, cur_right = right.group("mult", "range", "cur")
        end = right.end() if right is not None and (mult or rng or cur_right) else e
        cur_left = word_left = False
        if left is not None:
            if left.group("lot"):
                out.append(_Amount(s - width, e, _OFFER))
                continue
            if left.group("contact"):
                phone = _PHONE_RE.match(low, s)
                if phone is not None and sum(c.isdigit() for c in phone.group(0)) >= 7:
                    out.append(_Amount(s - width, phone.end(), _OFFER))
                    consumed = phone.end()
                    continue
            if left.group("size") and e - s <= 2 and not cur_right:
                out.append(_Amount(s - width, e, _MATERIAL))
                continue
            cur_left = left.group("cur") is not None
            word_left = (left.group("word") or left.group("cw")) is not None
        if cur_right and cur_right.strip() == "块" and e - s < 2:
            cur_right = None  # "3块" is as often three pieces as three yuan
        slang = mult is not None and _SLANG.match(mult) is not None
        carat = right is not None and right.group("carat") is not None
        if slang and carat and str(mult).strip().startswith("k"):
            slang = False  # "18k gold", "4K TV"
        if not (cur_left or word_left or cur_right or slang):
            continue
        if prev.isalpha() and not cur_left and not _is_cjk(prev):
            continue  # "mp3", "A4", "x500"
        start = s - width if (cur_left or word_left) else s
        out.append(_Amount(start, end, _PRICE))
        consumed = end
        if word_left:
            assert left is not None
            word = (left.group("word") or left.group("cw") or "")[::-1]
            if word in _AUCTION_WORDS:
                out.append(_Amount(start, end, _OFFER))
    if cjk:
        out.extend(_Amount(m.start(), m.end(), _PRICE) for m in _CHINESE_SUM_RE.finditer(text))
    return out


# --------------------------------------------------------------------------------------------
# The matcher


class CueMatcher:
    """Compiled cue phrases of all languages plus the amount rules; build once, share freely."""

    def __init__(self, terms: dict[str, dict[str, list[str]]]) -> None:
        latin: dict[str, list[_Entry]] = {}
        cjk: dict[str, list[_Entry]] = {}
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
                    key, is_cjk, entry = made
                    slot = (cjk if is_cjk else latin).setdefault(key, [])
                    if not any(
                        e.cls == cls and e.lower == entry.lower and e.strict == entry.strict for e in slot
                    ):
                        slot.append(entry)
                    seen.add(key)
                self.sizes[lang][cls_name] = len(seen)
        # key -> (all entries, entries an unaccented spelling may mean, entries by exact spelling)
        self._latin: dict[
            str, tuple[tuple[_Entry, ...], tuple[_Entry, ...], dict[str, tuple[_Entry, ...]]]
        ] = {}
        for k, v in latin.items():
            exact: dict[str, list[_Entry]] = {}
            for e in v:
                if e.lower is not None:
                    exact.setdefault(e.lower, []).append(e)
            self._latin[k] = (
                tuple(v),
                tuple(e for e in v if not e.strict),
                {spelling: tuple(es) for spelling, es in exact.items()},
            )
        # Words are spelled "<w1><w2>..." for the automaton, so a phrase can only match whole
        # words and two adjacent phrases never compete for a shared delimiter; iter_long then
        # yields the leftmost-longest, non-overlapping hits in C.
        self._words: Any = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for k, (every, plain, spellings) in self._latin.items():
            encoded = "<" + k.replace(" ", "><") + ">"
            spelled = {"<" + w.replace(" ", "><") + ">": es for w, es in spellings.items()}
            self._words.add_word(
                encoded,
                (
                    len(encoded),
                    every,
                    plain,
                    spelled,
                    _classes(plain),
                    {w: _classes(es) for w, es in spelled.items()},
                ),
            )
        self._words.make_automaton()
        # Keys and text go in as UTF-8 bytes spelled as latin-1 characters: the automaton's nodes
        # then have at most a few dozen children instead of hundreds of distinct ideographs at the
        # root, which made the pass six times faster (UTF-8 never matches mid-character).
        self._cjk: Any = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for key, entries in cjk.items():
            encoded = _as_bytes(key)
            self._cjk.add_word(encoded, (len(encoded), tuple(entries), _classes(entries)))
        self._has_cjk_keys = bool(cjk)
        if self._has_cjk_keys:
            self._cjk.make_automaton()
        self._left = _left_regex()

    # -- phrase hits -------------------------------------------------------------------------

    def _latin_hits(
        self, lowered: str, folded: str, accents: bool
    ) -> list[tuple[int, int, tuple[_Entry, ...]]]:
        """Leftmost-longest phrase hits as (start, end) offsets into the encoded words, entries."""
        hits: list[tuple[int, int, tuple[_Entry, ...]]] = []
        for last, (size, every, plain, spelled, _pc, _sc) in self._words.iter_long(folded):
            end = last + 1
            start = end - size
            if not accents:
                entries = plain
            else:
                span = lowered[start:end]
                if span == folded[start:end]:
                    entries = plain  # written without accents
                else:
                    exact = spelled.get(span)
                    if exact is not None:
                        entries = exact
                    else:
                        words = span[1:-1].replace("><", " ")
                        entries = tuple(e for e in every if _accents_ok(e, words))
            if entries:
                hits.append((start, end, entries))
        return hits

    def _cjk_hits(self, text: str) -> list[tuple[int, int, tuple[_Entry, ...]]]:
        """Leftmost-longest CJK phrase hits as (start, end, entries) in UTF-8 byte offsets."""
        if not self._has_cjk_keys:
            return []
        return [
            (end + 1 - n, end + 1, entries)
            for end, (n, entries, _cls) in self._cjk.iter_long(_as_bytes(text.lower()))
        ]

    # -- public ------------------------------------------------------------------------------

    def counts(self, text: str) -> tuple[int, ...]:
        """Cue counts per class in ``CUE_CLASSES`` order; see ``cue_counts``.

        The same hits as ``_latin_hits``/``_cjk_hits``, but adding up precomputed class tuples
        instead of building hit records: this is the hot path of feature extraction.
        """
        counts = [0] * len(CUE_CLASSES)
        text = _scanned(text)
        if not text:
            return tuple(counts)
        cjk = not text.isascii() and _is_cjk(text)
        if cjk:
            lowered = folded = "<" + "><".join(_ASCII_WORD.findall(text.lower())) + ">"
            accents = False
        else:
            lowered, folded, accents = _encode_words(_spaced(text))
        for last, (size, every, _plain, _spelled, plain_cls, spelled_cls) in self._words.iter_long(folded):
            if accents:
                end = last + 1
                span = lowered[end - size : end]
                if span != folded[end - size : end]:
                    found = spelled_cls.get(span)
                    if found is None:
                        words = span[1:-1].replace("><", " ")
                        found = _classes(tuple(e for e in every if _accents_ok(e, words)))
                    for c in found:
                        counts[c] += 1
                    continue
            for c in plain_cls:
                counts[c] += 1
        if cjk and self._has_cjk_keys:
            for _end, (_n, _entries, cls) in self._cjk.iter_long(_as_bytes(text.lower())):
                for c in cls:
                    counts[c] += 1
        if cjk or _HAS_DIGIT.search(text) is not None:
            for amount in _amounts(text, self._left, cjk):
                counts[amount.cls] += 1
        return tuple(counts)

    def matches(self, text: str) -> list[CueMatch]:
        """Every counted cue with its span in ``text[:MAX_CHARS]``, in text order.

        Offsets index the text after NFKC normalisation, which is the text itself for the usual
        (composed, half-width) input.
        """
        out: list[CueMatch] = []
        text = _scanned(text)
        if not text:
            return out
        spaced = _spaced(text)
        if len(spaced) != len(text):  # str.lower changed a length: tokenise character by character
            spaced = "".join(_spaced(ch)[:1] or " " for ch in text)
        cjk = _is_cjk(text)
        if cjk:  # as in counts(): only the ASCII words of a Chinese text meet Latin phrases
            spans = [m.span() for m in _ASCII_WORD.finditer(spaced)]
            lowered = folded = "<" + "><".join(spaced[a:b] for a, b in spans) + ">"
            accents = False
        else:
            spans = [m.span() for m in _TOKEN.finditer(spaced)]
            lowered, folded, accents = _encode_words(spaced)
        for start, end, entries in self._latin_hits(lowered, folded, accents):
            first = lowered.count("<", 0, start + 1) - 1  # one "<" opens each word
            last = lowered.count("<", 0, end) - 1
            self._emit(out, entries, spans[first][0], spans[last][1])
        if cjk:
            chars = _byte_to_char(text.lower())
            for s, e, entries in self._cjk_hits(text):
                self._emit(out, entries, chars[s], chars[e])
        for amount in _amounts(text, self._left, cjk):
            out.append(
                CueMatch(CUE_CLASSES[amount.cls], text[amount.start : amount.end], amount.start, amount.end)
            )
        out.sort(key=lambda c: (c.start, -c.end, CUE_CLASSES.index(c.cue_class)))
        return out

    @staticmethod
    def _emit(out: list[CueMatch], entries: tuple[_Entry, ...], start: int, end: int) -> None:
        seen: set[int] = set()
        for entry in entries:
            if entry.cls >= 0 and entry.cls not in seen:
                seen.add(entry.cls)
                out.append(CueMatch(CUE_CLASSES[entry.cls], entry.phrase, start, end))


def _classes(entries: Iterable[_Entry]) -> tuple[int, ...]:
    """The cue classes a hit on these entries counts for, each once (``ignore`` counts for none)."""
    return tuple(sorted({e.cls for e in entries if e.cls >= 0}))


def _accents_ok(entry: _Entry, span: str) -> bool:
    """Does the text's accented spelling ``span`` of a hit agree with the entry? (module docstring)"""
    want = entry.lower
    if want is None:
        return False  # an unaccented phrase does not match accented text ("chat" is not "chất")
    if span == want:
        return True
    t_words = span.split(" ")
    p_words = want.split(" ")
    if len(t_words) != len(p_words):
        return False
    for tw, pw in zip(t_words, p_words, strict=True):
        if tw == pw:
            continue
        if not entry.strict and tw.isascii():
            continue  # this word is written without marks
        if entry.lang == "vi" and _tone_signature(tw) == _tone_signature(pw):
            continue  # same tone, placed on the other vowel
        return False
    return True


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
    """Texts per CPU-second of ``cue_counts`` over ``texts`` (after the one-off build).

    CPU time (``time.process_time``), not wall time, so a busy shared machine measures the cost
    of the work rather than the time spent waiting for a core.
    """
    count = get_matcher().counts
    began = time.process_time()
    for _ in range(repeat):
        for text in texts:
            count(text)
    elapsed = time.process_time() - began
    return len(texts) * repeat / elapsed if elapsed > 0 else float("inf")


def explain(text: str, classes: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Cue matches as JSON-ready dicts, optionally only some classes (reasons in predictions)."""
    wanted = set(classes) if classes is not None else None
    return [
        {"class": m.cue_class, "phrase": m.phrase, "start": m.start, "end": m.end}
        for m in cue_matches(text)
        if wanted is None or m.cue_class in wanted
    ]
