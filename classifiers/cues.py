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
cue class, written for ecowarden. ``price`` is not a word list but generated below: amounts with
a currency symbol or code on either side ("$45,000", "£1,500", "R$ 200", "1.500.000 đ", "800元",
"5 000 FCFA", "3 tỷ đồng", "$1.2 million"), after a price word ("giá 350k", "harga: 150.000",
"EST: £800", "价格800"), with a multiplier that only ever means money ("150k", "Rp 150rb", "2jt",
"1tr5", "5 củ"; not "18k gold" or "4K TV"), and Chinese-numeral sums ("五百元"). Lot numbers
("Lot 123"), a messaging word before a number ("WA 0812…", "zalo 09…", "微信：138…") and auction
estimates ("EST: £800") also count as ``offer``; "UK 10", "talla 38" as ``material_colour``.
Offsets of a range ("£1,500-2,000") cover its first amount; it counts once.

Matching, and why it is built this way:

* All languages are matched at once: callers do not always know a listing's language, and
  listings mix languages ("Ngà voi thật 100%, ship worldwide"). Phrase lists avoid words that are
  common words of another watched language (e.g. Vietnamese "bán" is never matched as bare "ban").
* Latin-script text is lower-cased and cut into words at every non-alphanumeric character (one
  ``bytes.translate`` plus ``str.replace`` passes), each run of digits becomes the word "#", and
  the words are spelled "<w1><w2>…". One Aho-Corasick pass (pyahocorasick, ``iter_long``, in C)
  then finds the leftmost-longest whole-word phrases; the "<…>" spelling means two adjacent
  phrases never share a delimiter. Amounts are phrases too ("<$#>", "<#><usd>", "<giá><#k>"),
  so numbers cost no Python work.
* Accents are *optional but not wrong*: every phrase is a key both as written and without its
  diacritics, so it matches text written with the same diacritics or with none (posts often omit
  them: "ship toan quoc", "lien he"), but not text with different ones (Spanish "envió", he sent,
  is not "envío", shipping), and a multi-word phrase typed with only some of its accents does not
  match. Vietnamese tone marks on "oa", "oe", "uy" may sit on either vowel ("hoà"/"hòa"). Single
  Vietnamese syllables with diacritics, and phrases written ``=phrase``, need their diacritics:
  unaccented "ban", "gia", "mau" are English, Vietnamese and Indonesian words of their own. A
  phrase written without diacritics matches only text written without them: Indonesian "chat"
  is not Vietnamese "chất", Spanish "ong" (NGO) is not "ông" (Mr).
* Phrases containing a CJK character match as plain substrings, over the UTF-8 bytes of the text
  (spelled as latin-1 characters: the automaton's nodes then have a few dozen children, not
  hundreds of ideographs, which measured six times faster). In Chinese text every digit is "#",
  so "#元" and "价格#" find amounts; only the ASCII words of a Chinese text meet Latin phrases.
* Overlapping hits resolve leftmost-longest, so "非法出售" (enforcement) hides the "出售" (offer)
  inside it and "illegal wildlife trade" counts once. Each language may list ``ignore`` phrases:
  they take part in that resolution but are not counted ("giá trị", value, hides "giá", price;
  "特色" hides "色"). An amount phrase led by a cue word counts for both ("harga 150.000" is an
  offer word and a price).
* Only the first ``MAX_CHARS`` characters are read: cues live in titles and the top of
  descriptions, and it bounds the cost of pathological pages.

Speed of ``cue_counts``, measured on one core (CPU time, Python 3.11, pyahocorasick 2.x, a
shared x86-64 sandbox where a 10M-iteration empty loop took 0.18-0.28 s) over 21,000 generated
listings of exactly 400 characters, 3,000 per language, three runs: 21,000-25,000 texts/s over
the mix; per language English 23,000-33,000, Indonesian 26,000-43,000, Spanish, French and
Portuguese 15,500-27,000, Vietnamese 12,500-19,500, Chinese 11,000-19,000. The one-off build on
first use takes about 0.4 s. ``benchmark`` reproduces the measurement on any list of texts.
``cue_matches`` computes character offsets and is several times slower; it is meant for
explanations, not features.
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
_PRICE = _CLASS_INDEX["price"]
_IGNORE = -1
_AMOUNT = "amount"  # the "language" of the generated amount phrases


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
# ASCII bytes: letters and "$" kept (lower-cased), every digit "#", everything else a word
# break; bytes >= 0x80 (the UTF-8 encoding of every non-ASCII character) pass through untouched.
_BYTE_TABLE = bytes(
    35
    if 48 <= c <= 57
    else (c + 32 if 65 <= c <= 90 else c)
    if (65 <= c <= 90 or 97 <= c <= 122 or c >= 128 or c == 36)
    else 32
    for c in range(256)
)
# Non-ASCII punctuation, symbols and emoji that also break words (letters of any script do not,
# nor do currency signs: "£800" stays one word, like "$800").
_WIDE_PUNCT = re.compile(
    "[\u0080-\u00a2\u00a4\u00a6-\u00bf\u00d7\u00f7\u2000-\u209f\u20d0-\u2bff\u3000-\u303f\u30fb"
    "\ufe00-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff]"
)
# Every run of (ASCII) digits reads as one "#": amounts are matched as phrases ("<$#>", "<#><usd>",
# "<giá><#k>"). Non-ASCII digits (full-width ones are made ASCII first) stay as they are.


def _one_hash_per_number(encoded: str) -> str:
    while "##" in encoded:  # a few C-level passes beat a regex substitution here
        encoded = encoded.replace("##", "#")
    return encoded


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
    """Lower-cased, every ASCII digit "#", every other non-alphanumeric character (but "$" and
    currency signs) one space. Length-preserving, except where ``str.lower`` itself changes a
    length (e.g. "İ")."""
    if text.isascii():
        return text.encode("ascii").translate(_BYTE_TABLE).decode("ascii")
    spaced = text.lower().encode("utf-8").translate(_BYTE_TABLE).decode("utf-8")
    if _WIDE_PUNCT.search(spaced):
        spaced = _WIDE_PUNCT.sub(" ", spaced)
    return spaced


# Letters that do not decompose under NFD but are typed interchangeably with a plain letter, and
# currency signs, which fold to ASCII punctuation that never occurs inside a word otherwise.
_ODD_LETTERS = re.compile("[đøæœßłıðþ£€¥￥₫₱₹₩₦฿]")
_ODD_FOLDS = (
    ("£", "!"),
    ("€", "*"),
    ("¥", "&"),
    ("￥", "&"),
    ("₫", "%"),
    ("₱", "^"),
    ("₹", "|"),
    ("₩", "~"),
    ("₦", "="),
    ("฿", "@"),
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


def _encode_words(spaced: str) -> str:
    """The words of a spaced text as "<w1><w2>...", every number "#". Built with
    ``str.replace`` passes, which measured faster than ``split`` + ``join`` here."""
    while "  " in spaced:
        spaced = spaced.replace("  ", " ")
    return _one_hash_per_number("<" + spaced.strip(" ").replace(" ", "><") + ">")


# Vietnamese writes the tone of "oa", "oe", "uy" at the end of a word on either vowel:
# "hòa"/"hoà", "thủy"/"thuỷ". Both spellings of a phrase are keys.
_VI_TONE_PAIRS = tuple(
    (first + second, base1 + mark2)
    for base1, base2 in (("o", "a"), ("o", "e"), ("u", "y"))
    for first, second, mark2 in (
        (unicodedata.normalize("NFC", base1 + tone), base2, unicodedata.normalize("NFC", base2 + tone))
        for tone in "\u0300\u0301\u0309\u0303\u0323"
    )
)


def _spelling_variants(lowered: str, lang: str) -> set[str]:
    """A phrase's accented spelling, and for Vietnamese the other tone placement of each word."""
    out = {lowered}
    if lang != "vi":
        return out
    for old, new in _VI_TONE_PAIRS:
        for spelling in list(out):
            words = spelling.split(" ")
            for i, word in enumerate(words):
                for a, b in ((old, new), (new, old)):
                    if word.endswith(a):
                        out.add(" ".join([*words[:i], word[: -len(a)] + b, *words[i + 1 :]]))
    return out


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
    lowered = _one_hash_per_number(" ".join(_spaced(phrase).split()))
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

# --------------------------------------------------------------------------------------------
# Amounts as phrases
#
# Prices (and lot numbers, contact numbers, clothing sizes) are matched by the same automata as
# the cue phrases, so a number costs nothing extra. In Latin-script text every run of digits is
# one word "#" (thousands groups are words of their own: "$45,000" reads "<$#><#>", "1.500.000 đ"
# reads "<#><#><#><đ>", "giá 350k" reads "<giá><#k>"). In Chinese text, matched as substrings,
# every digit is "#" ("价格800元" reads "价格###元", met by "价格#" and "#元").

_CHINESE_SUM_RE = re.compile(
    r"[一二三四五六七八九十两〇零][一二三四五六七八九十百千万亿两〇零]*(?:万元|亿元|元|块钱|美元|欧元|英镑|港元|越南盾|日元)"
)
#: Currency written before an amount: symbols and codes.
CURRENCY_SYMBOLS: tuple[str, ...] = ("$", "£", "€", "¥", "￥", "₫", "₱", "฿", "₹", "₩", "₦")
CURRENCY_BEFORE: tuple[str, ...] = (
    "us$", "au$", "ca$", "nz$", "hk$", "nt$", "mx$", "sg$", "s$", "a$", "c$", "r$",
    "rp", "rm", "ksh", "tsh", "usd", "eur", "gbp", "cny", "rmb", "jpy", "vnd", "idr", "brl",
    "mxn", "ars", "cop", "clp", "pen", "php", "thb", "myr", "sgd", "hkd", "aud", "cad", "nzd",
    "chf", "xof", "xaf", "fcfa", "f cfa", "cfa", "kes", "tzs", "ugx", "ngn", "zar", "inr", "kz",
    "mzn", "aoa", "s",
)  # fmt: skip
#: Currency written after an amount.
CURRENCY_AFTER: tuple[str, ...] = (
    "€", "£", "$", "₫", "đ", "đồng", "dong", "vnd", "vnđ", "usd", "eur", "euro", "euros", "gbp",
    "dollar", "dollars", "dólar", "dólares", "dolares", "reais", "peso", "pesos", "soles", "libra",
    "libras", "pound", "pounds", "yuan", "rmb", "rupiah", "rp", "ringgit", "baht", "fcfa", "f cfa",
    "cfa", "xof", "xaf", "franc cfa", "francs cfa", "ksh", "shilling", "shillings", "kz", "kwanza",
    "kwanzas", "meticais", "naira", "rand", "chf", "ngàn đồng", "nghìn đồng", "ribu rupiah",
)  # fmt: skip
#: Words after which a bare number is a price ("giá 350k", "harga: 150.000", "EST: 800").
PRICE_WORDS: tuple[str, ...] = (
    "price", "prices", "priced at", "asking price", "asking", "giá", "giá bán", "gia", "gia ban",
    "harga", "precio", "prix", "preço", "preco", "valor", "mahar", "estimate", "est", "estimation",
    "estimación", "estimativa",
)  # fmt: skip
_AUCTION_WORDS = frozenset({"estimate", "est", "estimation", "estimación", "estimativa"})
_PRICE_LEADS: tuple[str, ...] = (
    "only", "just", "from", "chỉ", "từ", "cuma", "hanya", "mulai", "solo", "desde", "seulement",
    "apenas", "à partir de", "a partir de", "chi", "tu",
)  # fmt: skip
_MULTIPLIERS: tuple[str, ...] = (
    "k", "tr", "mn", "mil", "million", "millions", "milliard", "milliards", "mille", "milhões",
    "milhão", "millones", "millón", "bn", "billion", "triệu", "trieu", "tỷ", "tỉ", "ty", "nghìn",
    "nghin", "ngàn", "ngan", "ribu", "juta", "miliar", "milyar", "bilhões", "bilhão", "m",
)  # fmt: skip
# Number words that are money on their own: "150k", "1k2", "1tr5", "150rb", "2jt", "5củ".
_SLANG_NUMBERS: tuple[str, ...] = ("#k", "#k#", "#tr", "#tr#", "#rb", "#jt", "#củ")
_SLANG_SPACED: tuple[str, ...] = ("k", "tr", "rb", "jt", "củ")
# An amount as words: "#", "#k"..., and with a decimal part cut off by the comma ("1,2jt").
_NUMBER_FORMS: tuple[tuple[str, ...], ...] = (
    ("#",),
    *((n,) for n in _SLANG_NUMBERS),
    *(("#", n) for n in _SLANG_NUMBERS),
)
# After "18k", "4K" these words say carat or resolution, not money.
_NOT_MONEY_AFTER_K: tuple[str, ...] = (
    "gold", "gf", "gp", "rose", "white", "yellow", "solid", "plated", "vàng", "emas", "ouro", "oro",
    "or", "karat", "kt", "ct", "kara", "tv", "ultra", "uhd", "hdr", "video", "display", "monitor",
    "hz", "steps", "run",
)  # fmt: skip
# A contact word followed by a number: "WA 0812...", "zalo: 0912...".
_MESSAGING_WORDS: tuple[str, ...] = (
    "wa", "whatsapp", "whats app", "zalo", "viber", "telegram", "wechat", "sđt", "sdt", "hotline",
    "tel", "tél", "tlp", "telp", "lh", "zap", "hp", "cel", "celular", "liên hệ", "call", "call or text",
)  # fmt: skip
_RANGE_WORDS: tuple[str, ...] = ("to", "a", "à", "al", "hasta", "até", "đến", "hingga", "sampai")
_LOT_WORDS: tuple[str, ...] = ("lot", "lote", "lotto", "lot no", "lot n", "lote n", "lote no")
_SIZE_WORDS: tuple[str, ...] = ("uk", "eu", "us", "talla", "taille", "tam", "tamanho", "cỡ", "size")

# Chinese: substrings over text whose every digit is "#".
_ZH_CURRENCY_AFTER: tuple[str, ...] = (
    "#元", "#块钱", "##块", "#万元", "#亿元", "#千元", "#美元", "#欧元", "#英镑", "#港元", "#港币",
    "#日元", "#越南盾", "#印尼盾", "#泰铢", "#.#万", "#美金", "# usd", "#usd",
)  # fmt: skip
_ZH_CURRENCY_BEFORE: tuple[str, ...] = (
    "¥#",
    "￥#",
    "¥ #",
    "￥ #",
    "$#",
    "us$#",
    "rmb#",
    "rmb #",
    "人民币#",
    "€#",
)
_ZH_PRICE_WORDS: tuple[str, ...] = (
    "价格", "价钱", "售价", "价", "只要", "仅售", "特价", "批发价", "零售价", "标价", "报价",
    "起拍价", "估价",
)  # fmt: skip
_ZH_AUCTION_WORDS = frozenset({"起拍价", "估价"})
_ZH_SEPARATORS: tuple[str, ...] = ("", "：", ":", " ", "：￥", "￥", "¥", "：¥", "为", "是", "仅")
_ZH_CONTACT_WORDS: tuple[str, ...] = ("微信", "v信", "加v", "vx", "wx", "电话", "手机", "联系电话", "tel")

Phrase = tuple[tuple[str, ...], tuple[str, ...], int]


def _amount_phrases() -> list[Phrase]:
    """(words, classes, lead) for every Latin-script amount phrase; the first ``lead`` words are
    a word that may be a cue phrase of its own ("giá", "harga", "wa"), whose classes the longer
    phrase then also counts (so "harga 150.000" is an offer word *and* a price)."""
    out: list[Phrase] = []
    price = ("price",)
    glued = tuple(w for w in CURRENCY_BEFORE + CURRENCY_SYMBOLS if " " not in w and w != "s")
    for cur in CURRENCY_BEFORE + CURRENCY_SYMBOLS:
        # thousands groups are words of their own: "R$ 1.200" is "<r$><#><#>"
        for form in (*_NUMBER_FORMS, ("#", "#"), ("#", "#", "#")):
            out.append((tuple(cur.split()) + form, price, 0))
    groups: tuple[tuple[str, ...], ...] = ((), ("#",), ("#", "#"))
    scales: tuple[tuple[str, ...], ...] = ((), *((m,) for m in _MULTIPLIERS))
    for cur in glued:
        for num in ("#k", "#m"):
            out.append(((cur + num,), price, 0))
        # "$1.2 million" is "<$#><#><million>": one amount, spanned whole
        for group in groups:
            for scale in scales:
                out.append(((cur + "#", *group, *scale), price, 0))
    for cur in CURRENCY_BEFORE + CURRENCY_SYMBOLS:
        for group in groups[1:]:
            for scale in scales[1:]:
                out.append(((*cur.split(), "#", *group, *scale), price, 0))
    # a range is one amount: "£304-£760", "$45,000 to $60,000"
    for cur in glued:
        for group in groups[:2]:
            for joiner in ((), *((w,) for w in _RANGE_WORDS)):
                out.append(((cur + "#", *group, *joiner, cur + "#", *group), price, 0))
    for cur in CURRENCY_AFTER:
        words = tuple(cur.split())
        out.append((("#", *words), price, 0))
        if len(words) == 1:
            out.append((("#" + cur,), price, 0))
        for mult in _MULTIPLIERS:
            out.append((("#", mult, *words), price, 0))
            out.append((("#" + mult, *words), price, 0))
    for form in _NUMBER_FORMS[1:]:
        out.append((form, price, 0))
    for mult in _SLANG_SPACED:
        out.append((("#", mult), price, 0))
    for word in _NOT_MONEY_AFTER_K:
        out.append((("#k", word), ("ignore",), 0))
    for word in PRICE_WORDS:
        lead = tuple(word.split())
        classes = ("offer", "price") if word in _AUCTION_WORDS else price
        for form in _NUMBER_FORMS:
            out.append(((*lead, *form), classes, len(lead)))
            for adverb in _PRICE_LEADS:
                out.append(((*lead, *adverb.split(), *form), classes, len(lead)))
        # "giá 1.500.000 đ" is one amount, not "giá 1" and "000 đ"
        for group in ((), ("#",), ("#", "#")):
            for cur in CURRENCY_AFTER:
                out.append(((*lead, "#", *group, *cur.split()), classes, len(lead)))
        if word in _AUCTION_WORDS:
            for cur in CURRENCY_BEFORE + CURRENCY_SYMBOLS:
                out.append(((*lead, *cur.split(), "#"), classes, len(lead)))
            for cur in glued:
                out.append(((*lead, cur + "#"), classes, len(lead)))
    for lot in _LOT_WORDS:
        out.append(((*lot.split(), "#"), ("offer",), 0))
    for word in _MESSAGING_WORDS:
        lead = tuple(word.split())
        out.append(((*lead, "#"), ("offer",), len(lead)))
    for word in _SIZE_WORDS:
        out.append(((word, "#"), ("material_colour",), 1))
    return out


def _zh_amount_phrases() -> list[tuple[str, tuple[str, ...], str]]:
    """(substring, classes, lead) for Chinese amounts; ``lead`` as in ``_amount_phrases``."""
    out: list[tuple[str, tuple[str, ...], str]] = []
    for key in _ZH_CURRENCY_AFTER + _ZH_CURRENCY_BEFORE:
        out.append((key, ("price",), ""))
    for word in _ZH_PRICE_WORDS:
        classes = ("offer", "price") if word in _ZH_AUCTION_WORDS else ("price",)
        for sep in _ZH_SEPARATORS:
            out.append((word + sep + "#", classes, word))
    for word in _ZH_CONTACT_WORDS:
        for sep in ("", "：", ":", " ", "号", "号："):
            out.append((word + sep + "#", ("offer",), word))
    return out


_TOKEN = re.compile(r"[^ ]+")  # exactly the words of _encode_words
_ASCII_WORD = re.compile(r"[a-z0-9]+")
# ASCII digits to "#" (and nothing else), on UTF-8 bytes: same length, so offsets survive.
_DIGIT_BYTES = bytes(35 if 48 <= c <= 57 else c for c in range(256))


def _widen_number(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span over the digits (and inner "." or ",") of the number it touches."""

    def inside(k: int) -> bool:
        if text[k].isdigit():
            return True
        return text[k] in ".," and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit()

    while start > 0 and inside(start - 1):
        start -= 1
    while end < len(text) and inside(end):
        end += 1
    return start, end


def _cjk_data(text: str) -> str:
    """Lower-cased UTF-8 bytes of a text, as latin-1 characters, every ASCII digit "#"."""
    return text.lower().encode("utf-8").translate(_DIGIT_BYTES).decode("latin-1")


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
        for tokens, class_names, lead in _amount_phrases():
            lowered = " ".join(tokens)
            folded = _fold(lowered)
            if len(folded) != len(lowered):
                continue
            slot = latin.setdefault(folded, [])
            for name in class_names:
                cls = _IGNORE if name == "ignore" else _CLASS_INDEX[name]
                entry = _Entry(cls, lowered, _AMOUNT, lowered if folded != lowered else None, False)
                if not any(e.cls == cls and e.lang == _AMOUNT and e.lower == entry.lower for e in slot):
                    slot.append(entry)
            if lead:
                for entry in latin.get(_fold(" ".join(tokens[:lead])), ()):
                    if entry.lang != _AMOUNT and entry not in slot:
                        slot.append(entry)
        # One automaton over the lower-case words, spelled "<w1><w2>..." so that a phrase only
        # matches whole words and two adjacent phrases never compete for a shared delimiter;
        # iter_long yields the leftmost-longest, non-overlapping hits in C. Each phrase is a key
        # twice: unaccented (for the entries that allow that, i.e. not the strict ones) and as
        # written with its accents (plus the other Vietnamese tone placement), so matching needs
        # no folding of the text at all.
        spellings: dict[str, list[_Entry]] = {}
        for folded_key, entries in latin.items():
            plain = [e for e in entries if not e.strict]
            if plain:
                spellings.setdefault(folded_key, []).extend(plain)
            for entry in entries:
                if entry.lower is None:
                    continue
                for spelling in _spelling_variants(entry.lower, entry.lang):
                    slot = spellings.setdefault(spelling, [])
                    if entry not in slot:
                        slot.append(entry)
        self._words: Any = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for spelling, entries in spellings.items():
            encoded = _as_bytes("<" + spelling.replace(" ", "><") + ">")
            self._words.add_word(encoded, (len(encoded), tuple(entries), _classes(entries)))
        self._words.make_automaton()
        # Keys and text go in as UTF-8 bytes spelled as latin-1 characters: the automaton's nodes
        # then have at most a few dozen children instead of hundreds of distinct ideographs at the
        # root, which made the pass six times faster (UTF-8 never matches mid-character).
        # Digits in keys read "#" as in the text ("24小时发货" meets any two-digit number of hours).
        digits = str.maketrans("0123456789", "##########")
        zh: dict[str, list[_Entry]] = {}
        for key, entries in cjk.items():
            zh.setdefault(key.translate(digits), []).extend(entries)
        for zh_key, zh_classes, zh_lead in _zh_amount_phrases():
            zh_slot = zh.setdefault(zh_key, [])
            for name in zh_classes:
                zh_slot.append(_Entry(_CLASS_INDEX[name], zh_key, _AMOUNT, None, False))
            if zh_lead:
                zh_slot.extend(e for e in cjk.get(zh_lead, []) if e not in zh_slot)
        self._cjk: Any = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for key, entries in zh.items():
            encoded = _as_bytes(key)
            self._cjk.add_word(encoded, (len(encoded), tuple(entries), _classes(entries)))
        self._cjk.make_automaton()

    # -- phrase hits -------------------------------------------------------------------------

    def _latin_hits(self, encoded: str) -> list[tuple[int, int, tuple[_Entry, ...]]]:
        """Leftmost-longest phrase hits as (start, end) character offsets into the encoded
        words (see ``_encode_words``), with their entries."""
        data = encoded if encoded.isascii() else _as_bytes(encoded)
        raw = [(end + 1 - n, end + 1, entries) for end, (n, entries, _cls) in self._words.iter_long(data)]
        if data is encoded:
            return raw
        chars = _byte_to_char(encoded)
        return [(chars[a], chars[b], entries) for a, b, entries in raw]

    def _cjk_hits(self, text: str) -> list[tuple[int, int, tuple[_Entry, ...]]]:
        """Leftmost-longest CJK phrase hits as (start, end, entries) in UTF-8 byte offsets."""
        return [
            (end + 1 - n, end + 1, entries)
            for end, (n, entries, _cls) in self._cjk.iter_long(_cjk_data(text))
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
            encoded = "<" + "><".join(_ASCII_WORD.findall(text.lower())) + ">"
        else:
            encoded = _encode_words(_spaced(text))
            if not encoded.isascii():
                encoded = _as_bytes(encoded)
        for _end, (_n, _entries, cls) in self._words.iter_long(encoded):
            for c in cls:
                counts[c] += 1
        if cjk:
            for _end, (_n, _entries, cls) in self._cjk.iter_long(_cjk_data(text)):
                for c in cls:
                    counts[c] += 1
            counts[_PRICE] += len(_CHINESE_SUM_RE.findall(text))
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
            low = text.lower() if len(text.lower()) == len(text) else text
            spans = [m.span() for m in _ASCII_WORD.finditer(low)]
            encoded = "<" + "><".join(low[a:b] for a, b in spans) + ">"
        else:
            spans = [m.span() for m in _TOKEN.finditer(spaced)]
            encoded = _encode_words(spaced)
        for start, end, entries in self._latin_hits(encoded):
            first = encoded.count("<", 0, start + 1) - 1  # one "<" opens each word
            last = encoded.count("<", 0, end) - 1
            self._emit(out, entries, spans[first][0], spans[last][1], text)
        if cjk:
            chars = _byte_to_char(text.lower())
            for s, e, entries in self._cjk_hits(text):
                start, end = chars[s], chars[e]
                if any(entry.lang == _AMOUNT for entry in entries):
                    # a key meets one digit of the number ("#元"): show the whole amount
                    start, end = _widen_number(text, start, end)
                self._emit(out, entries, start, end, text)
            for m in _CHINESE_SUM_RE.finditer(text):
                out.append(CueMatch("price", m.group(0), m.start(), m.end()))
        out.sort(key=lambda c: (c.start, -c.end, CUE_CLASSES.index(c.cue_class)))
        return out

    @staticmethod
    def _emit(out: list[CueMatch], entries: tuple[_Entry, ...], start: int, end: int, text: str) -> None:
        """One match per class and source, exactly as ``_classes`` counts them."""
        seen: set[tuple[int, bool]] = set()
        for entry in entries:
            amount = entry.lang == _AMOUNT
            if entry.cls >= 0 and (entry.cls, amount) not in seen:
                seen.add((entry.cls, amount))
                # an amount phrase ("$ #") explains nothing: show the amount as written
                phrase = text[start:end] if amount else entry.phrase
                out.append(CueMatch(CUE_CLASSES[entry.cls], phrase, start, end))


def _classes(entries: Iterable[_Entry]) -> tuple[int, ...]:
    """The cue classes a hit on these entries counts for (``ignore`` counts for none): each class
    once per source, so "WA 0812…" is an offer word *and* a contact number, as two offer cues."""
    entries = list(entries)
    phrases = {e.cls for e in entries if e.cls >= 0 and e.lang != _AMOUNT}
    amounts = {e.cls for e in entries if e.cls >= 0 and e.lang == _AMOUNT}
    return tuple(sorted(phrases)) + tuple(sorted(amounts))


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
