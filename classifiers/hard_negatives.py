"""Hard negatives for the listing classifier, and their offer counterparts, in seven languages.

Why: a model trained on "offers of ivory" vs "ordinary listings" learns that the word *ivory*
means *wildlife*, and then flags every seizure report, campaign post, ivory-coloured wedding dress
and resin netsuke. The texts made here name the same commodities in the contexts that are *not*
offers (label ``none``): news, enforcement (seizures, arrests, court cases), campaigns,
research/education, colour or material uses, declared fakes. Each comes with genuine offers of
the regulated commodity (label = its category) written in the same marketplace styles, so the
product words and the listing format are shared between the classes and only the context decides.

How: one small grammar per language (below). ``{symbol}`` expands to a random alternative,
``[text]`` is optional, ``<a|b|c>`` is an inline choice, ``{!symbol}`` keeps one value for the
whole text (the same product in title and body), and ``{@symbol}`` looks the symbol up for the
current commodity and kind first (``prod.fake.ivory`` before ``prod.fake`` before ``prod``).
Texts are composed from many interchangeable parts (openings, agencies, places, dates,
quantities, money, quotes), so a template family yields hundreds of surface forms, and the
family name is returned as ``group`` so callers can split train/test by family. Marketplace
texts (offers, colour/material goods, fakes) share the same contact, price and shipping parts,
and news texts also quote prices, so neither side has a formatting tell. Vietnamese marketplace
texts sometimes lose their diacritics, as real posts do.

Everything is deterministic for a given ``seed`` (``random.Random`` seeded with a string).
All wording was written for ecowarden; names, numbers and phone numbers are invented.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

KINDS: tuple[str, ...] = ("news", "enforcement", "campaign", "research", "colour_material", "fake", "offer")
MENTION_KINDS: tuple[str, ...] = KINDS[:-1]
LISTING_KINDS: frozenset[str] = frozenset({"colour_material", "fake", "offer"})
LANGS: tuple[str, ...] = ("en", "es", "fr", "id", "pt", "vi", "zh")

#: Commodity keys used by every language's grammar, and the label an offer of each gets.
COMMODITY_CATEGORY: dict[str, str] = {
    "ivory": "wildlife",
    "rhino_horn": "wildlife",
    "pangolin": "wildlife",
    "tiger": "wildlife",
    "shark_fin": "wildlife",
    "bear_bile": "wildlife",
    "tortoiseshell": "wildlife",
    "coral": "wildlife",
    "parrot": "wildlife",
    "rosewood": "timber",
    "agarwood": "timber",
    "ebony": "timber",
    "mahogany": "timber",
    "sandalwood": "timber",
    "mercury": "minerals",
    "gold": "minerals",
    "gemstones": "minerals",
    "ewaste": "waste",
    "hazardous_waste": "waste",
    "batteries": "waste",
}

#: Template families per kind; listing kinds share the marketplace families.
_FAMILIES: dict[str, tuple[str, ...]] = {
    "news": ("market", "policy", "feature"),
    "enforcement": ("seizure", "arrest", "court", "extraction"),
    "campaign": ("slogan", "event", "appeal"),
    "research": ("study", "education", "survey"),
    "listing": ("classified", "shop", "auction", "wholesale", "chat"),
}
#: Families that only make sense for some categories.
_FAMILY_CATEGORIES: dict[str, frozenset[str]] = {
    "enforcement.extraction": frozenset({"timber", "minerals", "waste"}),
}
# How often marketplace-style Vietnamese text loses its diacritics (posts typed without them).
_VI_STRIP = {"offer": 0.3, "colour_material": 0.3, "fake": 0.3, "campaign": 0.1}
_MAX_DEPTH = 40


@dataclass(frozen=True)
class GeneratedText:
    """One generated listing or article; ``label_category`` is ``none`` for every mention kind."""

    id: str
    title: str
    description: str
    lang: str
    kind: str
    commodity: str
    label_category: str
    group: str


# --------------------------------------------------------------------------------------------
# Grammar engine


Grammar = dict[str, tuple[str, ...]]


def parse_grammar(text: str) -> Grammar:
    """Parse ``@symbol`` headers followed by one alternative per line (`` \\`` continues a line)."""
    grammar: dict[str, list[str]] = {}
    current: str | None = None
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if pending:
            line = pending + " " + line
            pending = ""
        if line.endswith(" \\"):
            pending = line[:-2].rstrip()
            continue
        if not line:
            continue
        if line.startswith("@") and " " not in line and len(line) > 1:
            current = line[1:]
            grammar.setdefault(current, [])
            continue
        if current is None:
            raise ValueError(f"grammar line before any @symbol: {line!r}")
        grammar[current].append(line)
    empty = [k for k, v in grammar.items() if not v]
    if empty:
        raise ValueError(f"symbols without alternatives: {empty}")
    return {k: tuple(v) for k, v in grammar.items()}


def _closing(text: str, start: int, open_ch: str, close_ch: str) -> int:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == open_ch:
            depth += 1
        elif text[i] == close_ch:
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(f"unbalanced {open_ch}{close_ch} in {text!r}")


def _split_top(text: str) -> list[str]:
    """Split an inline choice on ``|`` outside nested brackets."""
    parts: list[str] = []
    depth = 0
    last = 0
    for i, ch in enumerate(text):
        if ch in "<[{":
            depth += 1
        elif ch in ">]}":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return parts


@dataclass
class _Context:
    lang: str
    kind: str
    key: str
    cat: str


Special = Callable[[random.Random], str]


class _Expander:
    """Expands templates for one text; holds the sticky ``{!symbol}`` values of that text."""

    def __init__(self, grammar: Grammar, rng: random.Random, ctx: _Context, specials: dict[str, Special]):
        self.grammar = grammar
        self.rng = rng
        self.ctx = ctx
        self.specials = specials
        self.sticky: dict[str, str] = {}

    def _candidates(self, base: str) -> list[str]:
        k, kind, cat = self.ctx.key, self.ctx.kind, self.ctx.cat
        if kind in ("colour_material", "fake"):
            # the product is not the commodity: only kind-specific entries may use the key
            return [f"{base}.{kind}.{k}", f"{base}.{kind}", base]
        return [
            f"{base}.{kind}.{k}",
            f"{base}.{k}",
            f"{base}.{kind}.{cat}",
            f"{base}.{cat}",
            f"{base}.{kind}",
            base,
        ]

    def symbol(self, name: str, depth: int) -> str:
        if name.startswith("!"):
            if name not in self.sticky:
                self.sticky[name] = self.symbol(name[1:], depth)
            return self.sticky[name]
        if name.startswith("@"):
            for cand in self._candidates(name[1:]):
                if cand in self.grammar:
                    return self.expand(self.rng.choice(self.grammar[cand]), depth + 1)
            raise KeyError(f"{self.ctx.lang}: no symbol for {name} ({self.ctx.kind}/{self.ctx.key})")
        if name in self.specials:
            return self.specials[name](self.rng)
        if name not in self.grammar:
            raise KeyError(f"{self.ctx.lang}: unknown symbol {name!r}")
        return self.expand(self.rng.choice(self.grammar[name]), depth + 1)

    def expand(self, template: str, depth: int = 0) -> str:
        if depth > _MAX_DEPTH:
            raise RecursionError(f"grammar recursion too deep at {template!r}")
        out: list[str] = []
        i = 0
        n = len(template)
        while i < n:
            ch = template[i]
            if ch == "{":
                j = template.index("}", i)
                out.append(self.symbol(template[i + 1 : j], depth))
                i = j + 1
            elif ch == "[":
                j = _closing(template, i, "[", "]")
                if self.rng.random() < 0.5:
                    out.append(self.expand(template[i + 1 : j], depth + 1))
                i = j + 1
            elif ch == "<":
                j = _closing(template, i, "<", ">")
                out.append(self.expand(self.rng.choice(_split_top(template[i + 1 : j])), depth + 1))
                i = j + 1
            else:
                j = i
                while j < n and template[j] not in "{[<":
                    j += 1
                out.append(template[i:j])
                i = j
        return "".join(out)


# --------------------------------------------------------------------------------------------
# Numbers, money and phone numbers, written the way each language writes them


def _group(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


def _nice(rng: random.Random, lo: float, hi: float) -> int:
    """A log-uniform amount rounded to two significant figures, like real asking prices."""
    value = lo * (hi / lo) ** rng.random()
    digits = len(str(int(value)))
    step = 10 ** max(digits - 2, 0)
    return max(int(round(value / step) * step), 1)


def _dec(value: float, comma: bool) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def _money_styles(lang: str) -> tuple[Callable[[int], str], ...]:
    """Formatters from an amount in US dollars to a price string in the language's habits."""
    if lang == "en":
        return (
            lambda a: f"${_group(a, ',')}",
            lambda a: f"£{_group(round(a * 0.8), ',')}",
            lambda a: f"US${_group(a, ',')}",
            lambda a: f"{_group(a, ',')} USD",
            lambda a: f"€{_group(round(a * 0.9), ',')}",
            lambda a: f"${_group(a, ',')}.00",
            lambda a: f"KSh {_group(a * 130, ',')}",
        )
    if lang == "es":
        return (
            lambda a: f"$ {_group(a * 17, '.')}",
            lambda a: f"{_group(round(a * 0.9), '.')} €",
            lambda a: f"{_group(round(a * 0.9), '.')} euros",
            lambda a: f"S/ {_group(round(a * 3.7), '.')}",
            lambda a: f"MXN {_group(a * 17, ',')}",
            lambda a: f"{_group(a, '.')} dólares",
            lambda a: f"USD {_group(a, '.')}",
        )
    if lang == "fr":
        return (
            lambda a: f"{_group(round(a * 0.9), ' ')} €",
            lambda a: f"{_group(round(a * 0.9), ' ')} euros",
            lambda a: f"{_group(a * 600, ' ')} FCFA",
            lambda a: f"{_group(round(a * 0.9), ' ')},00 €",
            lambda a: f"{_group(a * 600, '.')} F CFA",
            lambda a: f"{_group(round(a * 0.9), ' ')}€",
        )
    if lang == "id":
        return (
            lambda a: f"Rp {_group(a * 15000, '.')}",
            lambda a: f"Rp{_group(a * 15000, '.')}",
            lambda a: f"{a * 15}rb" if a * 15 < 1000 else f"{_dec(a * 0.015, True)}jt",
            lambda a: f"Rp {a * 15}rb" if a * 15 < 1000 else f"Rp {_dec(a * 0.015, True)}jt",
            lambda a: f"IDR {_group(a * 15000, '.')}",
            lambda a: f"{a * 15}k" if a * 15 < 1000 else f"{_dec(a * 0.015, True)}jt",
        )
    if lang == "pt":
        return (
            lambda a: f"R$ {_group(a * 5, '.')},00",
            lambda a: f"R$ {_group(a * 5, '.')}",
            lambda a: f"R${_group(a * 5, '.')}",
            lambda a: f"{_group(a * 5, '.')} reais",
            lambda a: f"{_group(a * 800, '.')} Kz",
            lambda a: f"€ {_group(round(a * 0.9), '.')}",
            lambda a: f"{_group(a * 64, '.')} meticais",
        )
    if lang == "vi":
        return (
            lambda a: f"{_group(a * 25000, '.')}đ",
            lambda a: f"{_group(a * 25000, '.')} đ",
            lambda a: f"{a * 25}k" if a * 25 < 1000 else f"{_dec(a * 0.025, True)} triệu",
            lambda a: f"{a * 25}k" if a * 25 < 1000 else f"{int(a * 0.025)}tr{int(a * 0.25) % 10 or ''}",
            lambda a: f"{_group(a * 25000, '.')} VNĐ",
            lambda a: f"{_group(a * 25000, ',')} vnđ",
        )
    if lang == "zh":
        return (
            lambda a: f"{a * 7}元",
            lambda a: f"¥{a * 7}",
            lambda a: f"￥{a * 7}",
            lambda a: f"{_dec(a * 7 / 10000, False)}万" if a * 7 >= 10000 else f"{a * 7}块",
            lambda a: f"RMB {a * 7}",
            lambda a: f"{a * 7}元/件",
        )
    raise KeyError(lang)


def _big_value(lang: str, rng: random.Random) -> str:
    """A seizure's estimated worth, as newspapers in the language write large sums."""
    usd = _nice(rng, 20_000, 30_000_000)
    millions = usd / 1_000_000
    if lang == "en":
        if usd >= 1_000_000:
            return rng.choice(
                [
                    f"${_dec(millions, False)} million",
                    f"US${_dec(millions, False)}m",
                    f"£{_dec(millions * 0.8, False)} million",
                ]
            )
        return rng.choice([f"${_group(usd, ',')}", f"£{_group(int(round(usd * 0.8, -3)), ',')}"])
    if lang == "es":
        if usd >= 1_000_000:
            return rng.choice(
                [
                    f"{_dec(millions, True)} millones de dólares",
                    f"{_dec(millions * 0.9, True)} millones de euros",
                ]
            )
        return rng.choice([f"{_group(usd, '.')} dólares", f"{_group(int(round(usd * 0.9, -3)), '.')} euros"])
    if lang == "fr":
        if usd >= 1_000_000:
            return rng.choice(
                [
                    f"{_dec(millions * 0.9, True)} millions d'euros",
                    f"{_group(int(millions * 600), ' ')} millions de FCFA",
                ]
            )
        return rng.choice(
            [f"{_group(int(round(usd * 0.9, -3)), ' ')} euros", f"{_group(usd * 600, ' ')} FCFA"]
        )
    if lang == "id":
        rupiah = usd * 15_000
        if rupiah >= 1_000_000_000:
            return f"Rp {_dec(rupiah / 1e9, True)} miliar"
        return f"Rp {_group(int(rupiah / 1e6), '.')} juta"
    if lang == "pt":
        reais = usd * 5
        if reais >= 1_000_000:
            return rng.choice(
                [f"R$ {_dec(reais / 1e6, True)} milhões", f"{_dec(millions, True)} milhões de dólares"]
            )
        return f"R$ {_group(int(reais / 1000), '.')} mil"
    if lang == "vi":
        dong = usd * 25_000
        if dong >= 1_000_000_000:
            return f"{_dec(dong / 1e9, True)} tỷ đồng"
        return f"{_group(int(dong / 1e6), '.')} triệu đồng"
    if lang == "zh":
        yuan = usd * 7
        if yuan >= 100_000_000:
            return f"{_dec(yuan / 1e8, False)}亿元"
        return f"{_group(int(yuan / 10_000), ',')}万元"
    raise KeyError(lang)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _phone(lang: str, rng: random.Random) -> str:
    d = _digits
    styles: dict[str, tuple[Callable[[], str], ...]] = {
        "en": (
            lambda: f"+44 7{d(rng, 3)} {d(rng, 6)}",
            lambda: f"+254 7{d(rng, 2)} {d(rng, 3)} {d(rng, 3)}",
            lambda: f"+1 ({d(rng, 3)}) {d(rng, 3)}-{d(rng, 4)}",
            lambda: f"0{d(rng, 3)} {d(rng, 3)} {d(rng, 4)}",
        ),
        "es": (
            lambda: f"+34 6{d(rng, 2)} {d(rng, 3)} {d(rng, 3)}",
            lambda: f"+52 55 {d(rng, 4)} {d(rng, 4)}",
            lambda: f"+57 3{d(rng, 2)} {d(rng, 7)}",
            lambda: f"9{d(rng, 2)} {d(rng, 3)} {d(rng, 3)}",
        ),
        "fr": (
            lambda: f"06 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}",
            lambda: f"+225 07 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}",
            lambda: f"+237 6{d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}",
            lambda: f"07.{d(rng, 2)}.{d(rng, 2)}.{d(rng, 2)}.{d(rng, 2)}",
        ),
        "id": (
            lambda: f"0812-{d(rng, 4)}-{d(rng, 4)}",
            lambda: f"0857{d(rng, 8)}",
            lambda: f"+62 813 {d(rng, 4)} {d(rng, 4)}",
            lambda: f"0878 {d(rng, 4)} {d(rng, 3)}",
        ),
        "pt": (
            lambda: f"(11) 9{d(rng, 4)}-{d(rng, 4)}",
            lambda: f"(21) 9{d(rng, 4)}-{d(rng, 4)}",
            lambda: f"+244 9{d(rng, 2)} {d(rng, 3)} {d(rng, 3)}",
            lambda: f"+258 84 {d(rng, 3)} {d(rng, 4)}",
        ),
        "vi": (
            lambda: f"09{d(rng, 2)} {d(rng, 3)} {d(rng, 3)}",
            lambda: f"03{d(rng, 8)}",
            lambda: f"08{d(rng, 2)}.{d(rng, 3)}.{d(rng, 3)}",
            lambda: f"097{d(rng, 7)}",
        ),
        "zh": (
            lambda: f"13{d(rng, 9)}",
            lambda: f"15{d(rng, 1)}-{d(rng, 4)}-{d(rng, 4)}",
            lambda: f"18{d(rng, 9)}",
            lambda: f"+86 139 {d(rng, 4)} {d(rng, 4)}",
        ),
    }
    return rng.choice(styles[lang])()


def _specials(lang: str) -> dict[str, Special]:
    comma = lang in ("es", "fr", "id", "pt", "vi")
    styles = _money_styles(lang)

    def money(lo: float, hi: float) -> Special:
        return lambda rng: rng.choice(styles)(_nice(rng, lo, hi))

    def money_range(rng: random.Random) -> str:
        style = rng.choice(styles)
        low = _nice(rng, 200, 20_000)
        return f"{style(low)}-{style(int(low * rng.choice((1.5, 2, 2.5))))}"

    return {
        "n": lambda rng: str(rng.randint(2, 9)),
        "nn": lambda rng: str(rng.randint(10, 99)),
        "nnn": lambda rng: str(rng.randint(100, 999)),
        "nnnn": lambda rng: _group(rng.randint(1000, 9999), {"en": ",", "zh": "", "fr": " "}.get(lang, ".")),
        "dec": lambda rng: _dec(rng.randint(11, 99) / 10, comma),
        "d": lambda rng: str(rng.randint(1, 9)),
        "year": lambda rng: str(rng.randint(2016, 2025)),
        "year1": lambda rng: str(rng.randint(2008, 2015)),
        "by": lambda rng: str(rng.randint(1962, 2003)),
        "day": lambda rng: str(rng.randint(1, 28)),
        "month": lambda rng: str(rng.randint(1, 12)),
        "pct": lambda rng: str(rng.randint(8, 92)),
        "fee": lambda rng: str(rng.randint(12, 28)),
        "age": lambda rng: str(rng.randint(19, 68)),
        "hour": lambda rng: str(rng.randint(6, 22)),
        "price": money(8, 900),
        "bigprice": money(300, 40_000),
        "value": lambda rng: _big_value(lang, rng),
        "pricerange": money_range,
        "phone": lambda rng: _phone(lang, rng),
    }


# --------------------------------------------------------------------------------------------
# Text clean-up


_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?)%])")
_DOUBLE_PUNCT = re.compile(r"([.,])\1+")
_SENTENCE_START = re.compile(r"([.!?]\s+|\n)([^\W\d_])")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +| +(?=[\u3000-\u9fff\uff00-\uffef])")


def _tidy(text: str, lang: str) -> str:
    lines = []
    for line in text.replace("\\n", "\n").split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = _SPACE_BEFORE_PUNCT.sub(r"\1", line)
        line = _DOUBLE_PUNCT.sub(r"\1", line).replace(",.", ".").replace(".,", ".")
        if lang == "zh":
            line = _CJK_SPACE.sub("", line).replace("，，", "，").replace("。。", "。")
        lines.append(line)
    out = "\n".join(line for line in lines if line)
    if lang == "fr":  # French puts a space before two-part punctuation
        out = re.sub(r"(?<=[\w»)])([!?;:])(?=\s|$)", r" \1", out)
    if lang != "zh":  # a sentence that starts with a lower-case symbol ("trung tá X cho biết...")
        out = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), out)
    if out and out[0].islower():
        out = out[0].upper() + out[1:]
    return out


def strip_diacritics(text: str) -> str:
    """Vietnamese typed without diacritics ("Cần bán" -> "Can ban"), as many posts are."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# --------------------------------------------------------------------------------------------
# Generation


@cache
def grammar_for(lang: str) -> Grammar:
    """The parsed grammar of one language (cached)."""
    return parse_grammar(_GRAMMARS[lang])


def _commodities(grammar: Grammar, kind: str, family: str) -> list[str]:
    if kind in ("colour_material", "fake"):
        return [k for k in COMMODITY_CATEGORY if f"prod.{kind}.{k}" in grammar]
    allowed = _FAMILY_CATEGORIES.get(f"{kind}.{family}")
    return [
        k
        for k in COMMODITY_CATEGORY
        if f"name.{k}" in grammar and (allowed is None or COMMODITY_CATEGORY[k] in allowed)
    ]


def _alternatives(grammar: Grammar, prefix: str, family: str, part: str, cat: str) -> tuple[str, ...]:
    """A family's generic templates plus those written for the commodity's category only."""
    base = f"{prefix}.{family}.{part}"
    return grammar.get(base, ()) + grammar.get(f"{base}.{cat}", ())


def _one(lang: str, grammar: Grammar, rng: random.Random, kind: str, ident: str) -> GeneratedText:
    prefix = "listing" if kind in LISTING_KINDS else kind
    family = rng.choice(_FAMILIES[prefix])
    key = rng.choice(_commodities(grammar, kind, family))
    cat = COMMODITY_CATEGORY[key] if kind not in ("colour_material", "fake") else "goods"
    expander = _Expander(grammar, rng, _Context(lang, kind, key, cat), _specials(lang))
    title = _tidy(expander.expand(rng.choice(_alternatives(grammar, prefix, family, "title", cat))), lang)
    body = _tidy(expander.expand(rng.choice(_alternatives(grammar, prefix, family, "body", cat))), lang)
    if lang == "vi" and rng.random() < _VI_STRIP.get(kind, 0.0):
        title, body = strip_diacritics(title), strip_diacritics(body)
    if kind in LISTING_KINDS and lang != "zh":
        roll = rng.random()
        if roll < 0.07:
            title = title.upper()
        elif roll < 0.14:
            title = title.lower()
    return GeneratedText(
        id=ident,
        title=title,
        description=body,
        lang=lang,
        kind=kind,
        commodity=key,
        label_category=COMMODITY_CATEGORY[key] if kind == "offer" else "none",
        group=f"{lang}:{kind}:{family}",
    )


def generate_hard_negatives(
    seed: int, per_language: int, langs: Sequence[str] = LANGS, kinds: Sequence[str] = KINDS
) -> list[GeneratedText]:
    """``per_language`` texts per language, the kinds in equal shares, deterministic by ``seed``.

    Mentions (every kind but ``offer``) are labelled ``none``; offers carry the commodity's
    category. Split by ``group`` (language:kind:template family) to test generalisation.
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}")
    out: list[GeneratedText] = []
    for lang in langs:
        grammar = grammar_for(lang)
        rng = random.Random(f"ecowarden-hard-negatives:{seed}:{lang}")
        plan = [kinds[i % len(kinds)] for i in range(per_language)]
        rng.shuffle(plan)
        for i, kind in enumerate(plan):
            out.append(_one(lang, grammar, rng, kind, f"hn-{seed}-{lang}-{i:05d}"))
    return out


def check_grammars() -> list[str]:
    """Problems in the grammars (missing families or commodity parts); empty when all is well."""
    problems: list[str] = []
    for lang in LANGS:
        g = grammar_for(lang)
        for prefix, families in _FAMILIES.items():
            for fam in families:
                for part in ("title", "body"):
                    if f"{prefix}.{fam}.{part}" not in g:
                        problems.append(f"{lang}: missing {prefix}.{fam}.{part}")
        for key in COMMODITY_CATEGORY:
            if f"name.{key}" not in g:
                problems.append(f"{lang}: missing name.{key}")
            if f"item.{key}" not in g:
                problems.append(f"{lang}: missing item.{key}")
        for kind in ("colour_material", "fake"):
            if not any(f"prod.{kind}.{k}" in g for k in COMMODITY_CATEGORY):
                problems.append(f"{lang}: no products for {kind}")
    return problems


# --------------------------------------------------------------------------------------------
# Grammars. One per language, written natively for that language (not translated line by line).

_EN = r"""
@city
Mombasa
Lagos
Hong Kong
Bangkok
Kuala Lumpur
Singapore
Nairobi
Dar es Salaam
Kampala
London
Manchester
Johannesburg
Durban
Harare
Lusaka
Manila
Kolkata
Dhaka
Yangon
Entebbe
Los Angeles
Miami
Sydney
Brisbane
Auckland
Vancouver

@port
the port of Mombasa
Tin Can Island port in Lagos
Hong Kong's Kwai Chung container terminal
Port Klang
Suvarnabhumi airport in Bangkok
Jomo Kenyatta International Airport
the port of Durban
Heathrow airport
the port of Felixstowe
Entebbe International Airport
Changi airport
Apapa port
a border post near Namanga
the Malaba crossing on the Kenya-Uganda border

@country
Nigeria
Kenya
Mozambique
Tanzania
Uganda
Cameroon
Gabon
Vietnam
Laos
Cambodia
Thailand
Malaysia
China
India
Myanmar
Madagascar
South Africa
Zimbabwe
Ghana
Zambia
Indonesia
the Philippines
Brazil
Peru

@weekday
Monday
Tuesday
Wednesday
Thursday
Friday
Saturday
Sunday

@monthname
January
February
March
April
May
June
July
August
September
October
November
December

@when
on {weekday}
last week
earlier this month
on {day} {monthname}
at the weekend
in the early hours of {weekday}
late on {weekday}
this week
in {monthname}

@first
James
Grace
Peter
Amina
Joseph
Fatuma
David
Mary
Samuel
Wanjiru
Chen
Li
Nguyen
Siti
Rahul
Priya
Emma
Tom
Sarah
Daniel
Kwame
Chipo
Thabo
Maria

@last
Mwangi
Otieno
Okafor
Banda
Moyo
Kamau
Njoroge
Adeyemi
Mensah
Phiri
Wong
Tan
Tran
Rahman
Sharma
Smith
Taylor
Brown
Walker
Hughes
Ndlovu
Dlamini
Santos
Reyes

@person
{first} {last}

@outlet
Reuters
the BBC
AFP
local media
the Daily Nation
The Guardian
the South China Morning Post
the Bangkok Post
the Mail & Guardian
a regional broadcaster
state television

@platform
Facebook
Facebook groups
WhatsApp groups
Telegram channels
Instagram
online marketplaces
classified-ad websites
WeChat
TikTok
e-commerce sites

@ngo
WildAid
TRAFFIC
the Environmental Investigation Agency
WWF
IFAW
the Wildlife Conservation Society
a local conservation group
Save the Elephants
the Born Free Foundation
@ngo.waste
the Basel Action Network
Greenpeace
a local environmental group
Zero Waste Alliance
@ngo.minerals
a local environmental group
Human Rights Watch
the Artisanal Gold Council
Global Witness
@ngo.timber
Global Witness
the Environmental Investigation Agency
Forest Trends
WWF

@journal
Conservation Biology
Biological Conservation
Nature Ecology & Evolution
Oryx
Science Advances
PLOS ONE
Global Ecology and Conservation
@journal.waste
Waste Management
Environmental Science & Technology
the Journal of Hazardous Materials
@journal.minerals
Environmental Research
Science of the Total Environment
the Extractive Industries and Society

@uni
the University of Oxford
the University of Washington
the University of Cape Town
Makerere University
the National University of Singapore
Kasetsart University
the University of Queensland

@agency
customs officers
police
border police
a joint task force
the coast guard
investigators
airport security staff
@agency.wildlife
customs officers
police
wildlife officers
a joint task force
the coast guard
rangers
investigators from the national wildlife authority
@agency.timber
forest rangers
police
customs officers
forestry officials
@agency.waste
customs officers
environmental inspectors
port authorities
police

@agency_named
the Kenya Wildlife Service
the Uganda Wildlife Authority
Hong Kong Customs
the Nigeria Customs Service
Thai customs
the Royal Malaysia Police
South African Police Service
the Zambia Wildlife Authority
Tanzania's anti-poaching unit
@agency_named.waste
Hong Kong's Environmental Protection Department
the Nigeria Customs Service
Malaysia's Department of Environment
the Ghana Environmental Protection Agency
@agency_named.minerals
the national police
the mines ministry
Ghana's anti-galamsey task force
the Peruvian environmental prosecutor's office

@agency_cap
Customs officers
Police
Border police
Investigators
Officials
@agency_cap.wildlife
Customs officers
Police
Wildlife officers
Border police
Rangers
Investigators
@agency_cap.timber
Forest rangers
Police
Customs officers
Forestry officials

@official
{person}, a spokesperson for {@agency_named}
a senior customs official, {person}
{person}, the district police commander
prosecutor {person}
{person}, an investigator with {@agency_named}
{person}, who heads the regional <environmental crime|wildlife crime|organised crime> unit

@said
said
told reporters
told {outlet}
said in a statement
told journalists
said at a press conference

@quote
"This was a well-organised network and we are still following the money," {official} {said}.
"They keep changing their routes, but so do we," {official} {said}.
"We believe the consignment was destined for buyers in {country}," {official} {said}.
According to {official}, it was one of the largest cases this year.
"We will not let our country be used as a transit route," {official} {said}.
More arrests are expected, according to {official}.
@quote.wildlife
"The people buying this are fuelling a crime that wipes out entire populations," {official} {said}.
The suspects will be charged under the wildlife act, according to {official}.
"Traffickers keep changing their routes, but so do we," {official} {said}.
"We believe the consignment was destined for buyers in {country}," {official} {said}.
According to {official}, the haul was one of the largest this year.

@context.wildlife
Numbers of {@owner} in the region have fallen sharply over the past decade.
International commercial trade in {@tname} is banned under CITES.
Conservationists warn that {@owner} cannot sustain current losses.
Campaigners say demand for {@use} is the main driver of the decline of {@owner}.
@context.timber
Much of the timber is cut in protected forests and laundered through legal sawmills.
Trade in {@tname} is restricted under CITES, and exports need permits.
Illegal logging costs governments billions in lost revenue every year.
@context.minerals
Small-scale miners often use mercury to bind gold, poisoning rivers and fish.
The Minamata Convention on Mercury restricts its trade and use.
Much of the gold from informal mines is smuggled out without paying taxes.
@context.waste
The Basel Convention bans shipping hazardous waste to countries that have not agreed to take it.
Campaigners say rich countries export their waste under the label of recycling.
Burning and acid-stripping of waste releases lead and dioxins near homes.

@treaty.wildlife
CITES
@treaty.timber
CITES
@treaty.mercury
the Minamata Convention
@treaty.minerals
national mining law
@treaty.waste
the Basel Convention

@tname.ivory
ivory
@tname.rhino_horn
rhino horn
@tname.pangolin
pangolin
@tname.tiger
tiger parts
@tname.shark_fin
shark fin
@tname.bear_bile
bear bile
@tname.tortoiseshell
tortoiseshell
@tname.coral
coral
@tname.parrot
parrot
@tname.rosewood
rosewood
@tname.agarwood
agarwood
@tname.ebony
ebony
@tname.mahogany
mahogany
@tname.sandalwood
red sandalwood
@tname.mercury
mercury
@tname.gold
informal gold
@tname.gemstones
gemstone
@tname.ewaste
e-waste
@tname.hazardous_waste
hazardous waste
@tname.batteries
scrap battery

@name.ivory
ivory
elephant ivory
raw ivory
elephant tusks
worked ivory
@name.rhino_horn
rhino horn
rhinoceros horn
rhino horns
@name.pangolin
pangolin scales
pangolins
pangolin scales and meat
@name.tiger
tiger skins
tiger bones
tiger parts
tiger bone wine
@name.shark_fin
shark fins
dried shark fin
shark fin
@name.bear_bile
bear bile
bear gall bladders
bear bile products
@name.tortoiseshell
hawksbill turtle shell
tortoiseshell
sea turtle shells
@name.coral
red coral
precious coral
live coral
@name.parrot
African grey parrots
live cockatoos
wild-caught parrots
macaws
@name.rosewood
rosewood
Siamese rosewood
rosewood logs
Dalbergia timber
@name.agarwood
agarwood
agarwood chips
oud wood
@name.ebony
ebony
ebony logs
Madagascar ebony
@name.mahogany
mahogany
bigleaf mahogany
mahogany logs
@name.sandalwood
red sandalwood
sandalwood
red sanders logs
@name.mercury
mercury
liquid mercury
elemental mercury
@name.gold
gold dust
alluvial gold
unrefined gold
gold nuggets
@name.gemstones
rough gemstones
uncut sapphires
rough rubies
raw emeralds
@name.ewaste
electronic waste
e-waste
scrapped circuit boards
discarded electronics
@name.hazardous_waste
hazardous waste
toxic waste
used industrial oil
chemical waste
@name.batteries
used lead-acid batteries
scrap car batteries
spent batteries

@owner.ivory
elephants
@owner.rhino_horn
rhinos
@owner.pangolin
pangolins
@owner.tiger
tigers
@owner.shark_fin
sharks
@owner.bear_bile
bears
@owner.tortoiseshell
sea turtles
@owner.coral
coral reefs
@owner.parrot
wild parrots
@owner.timber
forests
old-growth forests
@owner.minerals
rivers
mining communities
@owner.waste
communities near dumpsites
our rivers

@use.wildlife
traditional medicine
carvings and jewellery
luxury gifts
status symbols
@use.parrot
the pet trade
@use.shark_fin
wedding banquets
shark fin soup
@use.bear_bile
traditional remedies
@use.timber
luxury furniture
incense and perfume
carvings
@use.minerals
jewellery and investment
@use.mercury
binding gold in small-scale mines
@use.waste
cheap recycling
metal recovery

@haul
{nnn} kg of {@name}
{dec} tonnes of {@name}
{nn} sacks of {@name}
a container of {@name}
@haul.ivory
{nnn} elephant tusks
{dec} tonnes of ivory
{nnn} kg of ivory
{nn} pieces of carved ivory
@haul.rhino_horn
{n} rhino horns
{nn} kg of rhino horn
{nn} pieces of rhino horn
@haul.pangolin
{dec} tonnes of pangolin scales
{nnn} kg of pangolin scales
{nn} frozen pangolins
{nn} live pangolins
@haul.tiger
{n} tiger skins
{nn} kg of tiger bones
a tiger skin and {nn} claws
@haul.shark_fin
{dec} tonnes of dried shark fin
{nnn} kg of shark fins
@haul.bear_bile
{nn} bear gall bladders
{nnn} vials of bear bile
@haul.tortoiseshell
{nn} hawksbill shells
{nnn} tortoiseshell items
@haul.coral
{nnn} kg of red coral
{nn} boxes of coral
@haul.parrot
{nn} African grey parrots
{nn} live cockatoos
{nnn} wild-caught birds
@haul.rosewood
{nnn} rosewood logs
{nn} containers of rosewood
{nnn} cubic metres of rosewood
@haul.agarwood
{nnn} kg of agarwood
{nn} sacks of agarwood chips
@haul.ebony
{nnn} ebony logs
{nn} tonnes of ebony
@haul.mahogany
{nnn} cubic metres of mahogany
{nnn} mahogany logs
@haul.sandalwood
{nn} tonnes of red sandalwood
{nnn} red sanders logs
@haul.mercury
{nnn} kg of mercury
{nn} flasks of mercury
{nnn} litres of liquid mercury
@haul.gold
{dec} kg of gold dust
{nn} kg of unrefined gold
@haul.gemstones
{nn} kg of rough gemstones
{nnn} uncut sapphires
@haul.ewaste
{nnn} tonnes of e-waste
{nn} containers of electronic waste
@haul.hazardous_waste
{nnn} drums of hazardous waste
{nn} tonnes of toxic waste
@haul.batteries
{nnn} tonnes of used lead-acid batteries
{nn} containers of scrap batteries

@item.ivory
carved ivory bangle
antique ivory netsuke
pair of elephant tusks
ivory chopsticks set
old ivory figurine
polished ivory tusk
ivory seal stamp
ivory bead necklace
ivory Buddha carving
@item.rhino_horn
rhino horn cup
whole rhino horn
rhino horn powder
rhino horn bracelet beads
rhino horn tip
@item.pangolin
pangolin scales
dried pangolin scales
pangolin scale powder
@item.tiger
tiger skin rug
tiger claw pendant
tiger tooth amulet
tiger bone wine
tiger bone paste
@item.shark_fin
dried shark fin
premium shark fin
shark fin, grade A
whole shark fins
@item.bear_bile
bear bile powder
bear gall bladder
bear bile capsules
@item.tortoiseshell
hawksbill tortoiseshell comb
real tortoiseshell bangle
antique tortoiseshell box
tortoiseshell hair pin
@item.coral
red coral beads
natural red coral branch
Mediterranean red coral necklace
precious coral carving
@item.parrot
African grey parrot chicks
hand-reared cockatoo
pair of blue-and-gold macaws
young African grey parrot
@item.rosewood
Siamese rosewood logs
rosewood slabs
rosewood carving blocks
antique rosewood chair
@item.agarwood
agarwood chips
wild agarwood pieces
agarwood bracelet
grade A oud wood
@item.ebony
Madagascar ebony logs
ebony billets
solid ebony carving
ebony guitar blanks
@item.mahogany
bigleaf mahogany logs
mahogany boards
Honduras mahogany planks
@item.sandalwood
red sandalwood logs
red sanders blocks
sandalwood chips
@item.mercury
liquid mercury 99.99%
elemental mercury in flasks
silver liquid mercury
@item.gold
alluvial gold dust
gold nuggets from our mine
raw gold bars
gold dust 22k
@item.gemstones
rough sapphires
uncut rubies
rough emerald parcel
raw tourmaline crystals
@item.ewaste
mixed circuit boards scrap
used laptop motherboards
CPU scrap
e-waste for recycling
@item.hazardous_waste
used engine oil
waste transformer oil
spent solvent drums
@item.batteries
scrap car batteries
used lead-acid batteries
drained battery scrap

@prod.offer
{@item}

@size
size <8|10|12|14|16>
size <S|M|L|XL>
UK <8|10|12|14>

@prod.colour_material.ivory
ivory satin wedding dress[, {size}]
ivory lace bridal gown[, {size}]
ivory knit cardigan[, {size}]
ivory linen curtains
ivory matte wall paint, 5 litres
ivory-coloured leather handbag
ivory chiffon bridesmaid dress[, {size}]
ivory wool scarf
@prod.colour_material.tortoiseshell
tortoiseshell acetate glasses frames
tortoiseshell pattern sunglasses
tortoiseshell-effect hair claw clips
tortoiseshell print phone case
@prod.colour_material.tiger
tiger print silk scarf
tiger stripe hoodie[, {size}]
Tiger Balm ointment, 30 g
tiger print bedding set
@prod.colour_material.coral
coral pink lipstick
coral colour summer dress[, {size}]
coral fleece blanket
coral knit jumper[, {size}]
@prod.colour_material.gold
gold-tone hoop earrings
gold plated chain necklace
rose gold colour watch strap
gold colour curtain tiebacks
@prod.colour_material.rosewood
rosewood colour laminate flooring
rosewood-effect kitchen doors
rosewood finish wood stain
@prod.colour_material.mahogany
mahogany hair dye
mahogany wood stain, 750 ml
mahogany-effect vinyl flooring
@prod.colour_material.ebony
ebony black hair colour
ebony-effect picture frame
ebony colour floor tiles
@prod.colour_material.sandalwood
sandalwood scented candle
sandalwood fragrance soap bars
sandalwood scent reed diffuser
@prod.colour_material.shark_fin
shark fin roof antenna for cars
shark fin car aerial, black
@prod.colour_material.mercury
mercury glass vase
mercury glass tea light holders
@prod.colour_material.parrot
parrot green silk saree
parrot print cotton shirt[, {size}]

@prod.fake.ivory
resin netsuke, ivory look
faux ivory bangle, resin
carved cow bone pendant
tagua nut carving (vegetable ivory)
ivory-coloured resin Buddha figure
imitation ivory chess set
@prod.fake.rhino_horn
buffalo horn cup, rhino horn style
resin rhino horn replica
carved ox horn libation cup
@prod.fake.tortoiseshell
faux tortoiseshell hair comb
celluloid "tortoiseshell" cigarette case
acetate tortoiseshell-look bangle
@prod.fake.coral
imitation red coral beads, glass
resin coral branch decoration
dyed bamboo "coral" necklace
@prod.fake.tiger
faux fur tiger rug
resin tiger claw pendant
plush tiger skin throw
@prod.fake.shark_fin
imitation shark fin (vegetarian)
mock shark fin soup kit
@prod.fake.agarwood
synthetic oud fragrance oil
agarwood-scented incense sticks, artificial fragrance
@prod.fake.rosewood
rosewood-look veneer coffee table
MDF side table, rosewood effect
@prod.fake.ebony
ebonised beech chess pieces
stained ebony-look walking stick
@prod.fake.sandalwood
synthetic sandalwood perfume oil
@prod.fake.gemstones
lab-created sapphire ring
synthetic ruby crystals
cubic zirconia "emerald" pendant
@prod.fake.gold
gold plated "nugget" pendant
imitation gold bar paperweight
@prod.fake.parrot
artificial parrot garden ornament
feathered toy parrot

@note.offer.wildlife
Old stock from a private collection.
Real, not resin, you can test it.
No papers, so serious buyers only.
Genuine, comes with the original box.
Heavy and cold to the touch, 100% genuine.
Family heirloom, selling because I am moving.
Hot needle test passed.
@note.offer.parrot
Hand-fed and tame, eats on its own.
DNA sexed, healthy and active.
Comes with cage if needed.
@note.offer.timber
Grade A, heavy and oily, deep colour.
Dry, ready to work.
Strong natural scent, sinks in water.
Old-stock timber, no cracks.
@note.offer.minerals
Purity tested.
Direct from the mine.
Assay report available.
Tested before shipping.
@note.offer.waste
Export documents can be arranged.
Regular monthly supply.
Loaded by our team at the yard.
Mixed grades, sorted on request.
@note.fake
Not real, decorative replica.
Made of resin, not the real thing.
This is an imitation, legal to own.
Please note: synthetic material, not natural.
Reproduction piece, no animal products used.
@note.fake.ivory
Made of resin, not real ivory.
Bone, not ivory.
Not ivory - it is resin with a hand-aged finish.
@note.fake.rhino_horn
Made from water buffalo horn, not rhino.
This is a resin replica, no rhino horn.
@note.fake.gemstones
Lab-created stone, not mined.
Synthetic, same look as natural at a fraction of the cost.
@note.fake.gold
Gold plated brass, not solid gold.
@note.colour_material
Colour may look slightly different on screen.
Brand new, never used.
Bought two by mistake, this one is spare.
Unused, still in the packaging.
Smoke-free home.
@note.colour_material.ivory
Colour: ivory (soft off-white).
Shade is ivory, not bright white.
@note.colour_material.tortoiseshell
Classic tortoiseshell pattern, acetate frame.
@note.colour_material.gold
Gold tone, not real gold.

@spec.offer.wildlife
Material: genuine {@name}
Weight: {nnn} g
Condition: old, natural patina
Origin: {country}
@spec.offer.parrot
Age: {n} months
Ring number on request
Origin: {country}
@spec.offer.timber
Wood: genuine {@name}
Size: {nn} x {nn} x {nnn} cm
Moisture: dry
Origin: {country}
@spec.offer.minerals
Purity: 99.{n}%
Minimum order: {nn} kg
Origin: {country}
@spec.offer.waste
Quantity: {nn} tons per month
Loading: {city}
Packing: bulk or pallets
@spec.colour_material
Colour: as pictured
Condition: <new|like new|used once>
Brand: {m.shop}
Free gift wrap
@spec.fake
Material: <resin|plastic|bone|acrylic|glass|synthetic>
Height: {nn} cm
Condition: new
Not a real animal product

@unit.offer.wildlife
<piece|kg|gram|pair>
@unit.offer.parrot
<bird|pair>
@unit.offer.timber
<cubic metre|tonne|log|kg>
@unit.offer.minerals
<kg|flask|gram|carat>
@unit.offer.waste
<tonne|container|lot>
@unit
<piece|unit|box|set>

@m.open
Selling
For sale:
I have
Available:
Up for grabs:
Just got in:
Offering
Got some

@m.cond
excellent condition
good condition
as new
great quality
top grade
rare find

@m.price_line
Price {price}.
{price} each.
Asking {price}, negotiable.
DM for price.
Price on request.
{price} or best offer.
{price} ono.
Only {price}!
Price: {price} per {@unit}.
Best price for serious buyers.

@m.contact
DM me.
PM for details.
WhatsApp {phone}.
Message me on WhatsApp {phone}.
Serious buyers only, inbox me.
Call or text {phone}.
Contact me for more photos.
Send a message for pictures.
Telegram or WhatsApp {phone}.
Comment or DM.

@m.ship
Shipping worldwide.
Free delivery in {city}.
Can ship discreetly.
Local pickup in {city} or courier.
Postage {price}.
Ships within 24 hours.
Free shipping on orders over {price}.
Delivery anywhere in {country}.

@m.pay
PayPal, bank transfer or cash.
Payment by bank transfer or Western Union.
Cash on collection.
Crypto accepted.
Pay on delivery in {city}.

@m.emoji
🔥
✅
⭐
💯
📦

@m.shop
{city} Treasures
Golden Dragon Store
Heritage Curios
The Attic Shop
{last} & Sons
Eastern Arts Gallery
Bella Boutique
Urban Home Store

@m.company
{last} Trading Ltd
{city} Export Company
Global Resources Ltd
{last} Brothers Supply
Green Earth Materials

@listing.classified.title
<For sale:|Selling|FS:|WTS> {!@prod}
{!@prod} for sale
{!@prod} - {price}
{!@prod}, {m.cond}
{!@prod} available now
{!@prod} {m.emoji}
{!@prod} <in {city}|{city}|pickup {city}>
<Genuine|Quality|Beautiful> {!@prod}

@listing.classified.body
{m.open} {!@prod}, {m.cond}. {@note} {m.price_line} {m.contact}[ {m.ship}]
{!@prod}. {@note} {m.price_line}[ {m.pay}] {m.contact}
{m.emoji} {!@prod} {m.emoji}\n{@note}\n{m.price_line}\n{m.contact}[\n{m.ship}]
{m.open} {!@prod} in {city}. {m.price_line} {m.ship} {m.contact}
Hi all, {m.open} {!@prod}. {@note} {m.contact} {m.price_line}

@listing.shop.title
{!@prod} | {m.shop}
New arrival: {!@prod}
{!@prod} - free shipping
{!@prod} ({nnn} sold)
{!@prod} – in stock
[Hot] {!@prod} {m.emoji}

@listing.shop.body
{!@prod}\n- {@spec}\n- {@spec}\n{@note}\n{m.price_line} {m.ship}
Welcome to {m.shop}! {!@prod}. {@spec}. {@note} Add to cart now. {m.ship}
{!@prod}. {@spec}. {m.price_line} Order now, {m.ship}[ {m.pay}]
{m.emoji} {!@prod}\n{@spec}\n{@note}\nIn stock, order today. {m.ship}

@listing.auction.title
Lot {nnn}: {!@prod}
{!@prod} (lot {nn})
<Antique|Vintage|Fine|Estate> {!@prod}
{!@prod}, est. {pricerange}
Auction: {!@prod}, no reserve

@listing.auction.body
Lot {nnn}. {!@prod}. {@note} Estimate {pricerange}. Buyer's premium {fee}%. {m.ship}
{!@prod}, from a private collection in {city}. {@spec}. Starting bid {price}. Bid now, auction ends {weekday}.
EST: {pricerange}. {!@prod}. {@note} Condition report on request. Worldwide shipping available.
Live auction {weekday}: {!@prod}. Opening bid {price}, reserve {bigprice}. {@note}

@listing.wholesale.title
Wholesale {!@prod}, MOQ {nn}
{!@prod} supplier - bulk price
We supply {!@prod}
Bulk {!@prod} for export
{!@prod}, factory price, large stock

@listing.wholesale.body
We are {m.company}, supplying {!@prod} to buyers in {nn} countries. MOQ: {nn} units. \
Price {bigprice} per lot. {m.pay} Contact WhatsApp {phone}.
{m.company} offers {!@prod} in bulk. {@spec}. {@note} Price: {bigprice}, CIF or FOB {city}. \
Serious buyers contact us.
Wholesale and retail: {!@prod}. {@spec}. Minimum order {nn} units. Fast shipping by sea freight or DHL. \
{m.contact}

@listing.chat.title
anyone want {!@prod}?
{!@prod} going cheap
need gone: {!@prod}
{!@prod} if interested

@listing.chat.body
got {!@prod} if anyone is interested, {m.price_line} {m.contact}
selling {!@prod} for a friend, {@note} {m.price_line} can meet in {city}
hey guys, {!@prod} available, {m.contact} {m.ship}
{!@prod} still here, {m.price_line} first come first served. {m.contact}

@news.market.title
Price of {@name} <falls|rises|slumps|climbs> in {city}
{@tname} prices <drop|surge> as <demand shifts|dealers move online|enforcement tightens>
<Why|How> the {@tname} trade moved online
Demand for {@name} <persists|remains high|is falling>, <traders|researchers|officials> say
Inside the {@tname} business in {city}
Cheap {@name} floods markets in {country}

@news.market.body
{news.market_lead} {news.market_more} [{@quote}]
{when}, {outlet} reported that {news.market_fact} {news.market_more}
{news.market_fact_cap} {@quote} {news.market_more}
[{city}, {weekday} - ]{news.market_lead} {@context}

@news.market_lead
Prices for {@name} in {city} have <fallen|risen> by about {pct} per cent since {year1}, according to traders.
Dealers in {city} are quoting around {price} per kilogram for {@name}, well below the peak reached in {year1}.
The market for {@name} has shifted from street stalls to {platform}, investigators say.
Buyers of {@name} in {country} now arrange deals over messaging apps rather than in open markets.

@news.market_fact
dealers were quoting {price} per kilogram for {@name}.
{@name} was sold openly in at least {nn} shops in {city}.
demand for {@name} for {@use} had barely changed.

@news.market_fact_cap
Dealers interviewed in {city} said {@name} still sold for about {price} a kilo.
Traders say {@name} is now mostly bought for {@use}.

@news.market_more
Experts say the price falls when enforcement tightens and rises again when it eases.
Most sales now happen in private chat groups, making them harder to track.
The trade is illegal in {country}, but loopholes remain.
Officials believe much of the supply comes from {country}.

@news.policy.title
{country} <bans|tightens rules on|outlaws> trade in {@name}
New law on {@tname} trade comes into force in {country}
{country} to destroy stockpile of seized {@name}
Government <announces|confirms> crackdown on {@tname} sales
{country} closes loopholes in {@tname} export rules
@news.policy.title.wildlife
CITES meeting to debate {@tname} trade
{country} closes domestic market for {@name}
@news.policy.title.waste
{country} ratifies Basel Convention amendment on {@name}
@news.policy.title.minerals
{country} moves to phase out mercury in gold mining

@news.policy.body
The government of {country} announced {when} that all commercial trade in {@name} will be banned from \
{monthname} {year}. {@quote}
{when}, ministers confirmed a new law that makes selling {@name} punishable by up to {n} years in \
prison. {@context}
Officials in {country} will publicly destroy {@haul} seized over the past {n} years, {outlet} reported. \
{@quote}
The environment ministry said {when} that licences for trading {@name} would no longer be issued. \
{news.market_more}
Under the rules, exporters of {@name} must now prove compliance with {@treaty}. {@context}

@news.feature.title
How {@name} ends up on {platform}
On the trail of {@tname} smugglers in {city}
"We see it every week": life on the front line of the {@tname} trade
The village that turned its back on the {@tname} trade
@news.feature.title.wildlife
The rangers protecting {@owner} in {country}
A former poacher's story: "I used to hunt for {@name}"
Rescued from traffickers, {@owner} get a second chance
@news.feature.title.waste
Living next to the dump: {@name} in {city}
@news.feature.title.minerals
The river that turned grey: mercury and gold in {country}

@news.feature.body
In a village outside {city}, {person} remembers when {@name} brought quick money. {@quote} {@context}
Journalists from {outlet} found {@name} advertised on {platform} with prices of about {price}. \
{news.market_more} {@quote}
{person}, {age}, has watched the {@tname} trade change over {n} years. "Now it is all on the phone," \
{person} says. {@context}
@news.feature.body.wildlife
Every night, {nn} rangers patrol the park on foot. {person}, {age}, has done it for {n} years. \
{news.market_more}
{person} runs a rescue centre near {city} that has taken in {nn} animals this year. {@context}

@enforcement.seizure.title
{@agency_cap} seize {!@haul} at {port}
{!@haul} seized in {city}
Record haul of {@name} intercepted at {port}
{@name} worth {value} found in shipping container
<Huge|Major|Large> {@tname} seizure in {country}
Customs find {@name} hidden in <timber|frozen fish|furniture|plastic pellets|tea leaves> shipment

@enforcement.seizure.body
{@agency_cap} at {port} seized {!@haul} {when}, hidden in a container declared as \
<timber|plastic scrap|frozen fish|handicrafts|car parts>. The haul is worth an estimated {value}. {@quote}
{when}, {@agency} intercepted {!@haul} bound for {country}. Two suspects were arrested. {@quote} {@context}
The seizure of {!@haul} at {port} is the largest this year, {outlet} reported. The shipment came from \
{country}. [{@quote}]
Acting on a tip-off, {@agency_named} confiscated {!@haul} from a warehouse in {city}. \
It was valued at {value}. {seizure_more}

@seizure_more
Investigations are continuing.
The suspects face charges of illegal possession and trafficking.
The goods were handed over to the authorities for safekeeping.
Police said the network had used the same route several times.

@enforcement.arrest.title
<Two|Three|Four> arrested for selling {@name} on {platform}
Police arrest suspected {@tname} trafficker in {city}
Undercover sting nets {@tname} dealer
{n} suspects detained over {@tname} smuggling ring
Man arrested at {port} with {!@haul}
Woman charged after {@name} found at her home in {city}

@enforcement.arrest.body
The suspects were arrested in {city} while trying to sell {!@haul} to undercover officers for {price}. \
{@quote}
{@agency_cap} arrested {n} people {when} after a months-long investigation into the online sale of \
{@name}. {seizure_more}
A {age}-year-old man was detained at {port} after {!@haul} was found in his luggage. {@quote}
Detectives posing as buyers contacted the seller on {platform} and agreed a price of {price} \
before making the arrest. {seizure_more}

@enforcement.court.title
Trader jailed for {n} years over {@tname} smuggling
Court fines {@tname} dealer {price}
Trial of alleged {@tname} kingpin opens in {city}
{n} men sentenced for trafficking {@name}
<Man|Woman|Businessman> convicted of selling {@name} online
Appeal rejected in {@tname} trafficking case

@enforcement.court.body
A court in {city} sentenced {person} to {n} years in prison {when} for trafficking {!@haul}. {@quote}
The magistrate fined the accused {value} and ordered the {@name} to be forfeited to the state. {@context}
Prosecutors told the high court that the defendants had moved {!@haul} through {port} over {n} years. \
{seizure_more}
{person}, {age}, pleaded guilty to illegal possession of {@name} and was given a suspended sentence. {@quote}

@enforcement.extraction.title
{@ex_title}

@ex_title.timber
Illegal loggers arrested with {!@haul} in {country}
Police raid sawmill processing illegal {@name}
{@name} cut illegally from national park, officials say
Crackdown on illegal logging nets {!@haul}
@ex_title.minerals
Police raid illegal gold mine, seize {!@haul}
Illegal miners arrested near {city}
{@tname} smuggling route exposed in {country}
Illegal mine shut down after mercury poisons river
@ex_title.waste
Containers of {@name} dumped illegally at {port}
Illegal dumping of {@name} uncovered near {city}
{country} sends back {!@haul} shipped illegally from abroad
Firm fined for illegal dumping of {@name}

@enforcement.extraction.body
{@agency_cap} arrested {n} people {when} and confiscated {!@haul}. \
The operation targeted illegal activity around {city}. {@quote}
{@ex_body}
{@ex_body} {seizure_more}

@ex_body.timber
Rangers found {!@haul} stacked near a river bank, ready to be moved across the border to {country}. {@quote}
Investigators said the {@name} had been felled without permits and falsely declared as ordinary hardwood.
@ex_body.minerals
Officers found {!@haul} at the site, along with equipment used to process ore in the river. {@quote}
The illegal miners had been working the river for months, contaminating water used by {nn} villages.
@ex_body.waste
Inspectors found {!@haul} falsely declared as "used goods for repair". {@quote}
The waste was dumped illegally on farmland outside {city}; the company now faces prosecution.

@campaign.slogan.title
Say no to {@name}
Don't buy {@name}. Ever.
Stop the {@tname} trade now
Think before you buy: {@name}
@campaign.slogan.title.wildlife
When the buying stops, the killing can too
{@name} belongs on {@owner}, not on your shelf
#EndWildlifeTrade: don't buy {@name}
Real {@owner} need you, not their parts
@campaign.slogan.title.waste
Our country is not a dumping ground
@campaign.slogan.title.timber
Forests are not for sale

@campaign.slogan.body
{@name} has a cost that someone else pays. Please don't buy it, and tell your friends.
If you see {@name} offered online, report it. Together we can protect {@owner}. {@ngo}
We pledge never to buy {@name}. Join us and sign the pledge at our stand in {city} this {weekday}.
@campaign.slogan.body.wildlife
Every piece of {@name} means a loss for {@owner}. Please don't buy it, and tell your friends. \
#EndWildlifeTrade
{@name} is not medicine and not a status symbol. Share this post and say no. #SayNoToWildlifeTrade

@campaign.event.title
{@ngo} launches campaign against {@tname} trade in {city}
Petition to ban {@tname} sales gathers {nnnn} signatures
Awareness week targets demand for {@name}
Students pledge not to buy {@name}
@campaign.event.title.wildlife
Walk for {@owner}: hundreds march through {city}
World Wildlife Day: {city} says no to {@name}

@campaign.event.body
{@ngo} launched a campaign in {city} {when} urging shoppers to reject {@name}. \
Billboards and social media adverts will run for {n} months. {@context}
More than {nnn} students signed a pledge never to buy {@name}. "Our generation can end this," said \
{person}, {age}.
A petition calling for a total ban on {@tname} sales has passed {nnnn} signatures \
and will be delivered to parliament on {weekday}.
Hundreds joined a march in {city} to raise awareness of the threat to {@owner}. \
Organisers from {@ngo} called for stronger enforcement.

@campaign.appeal.title
Celebrities urge fans to reject {@name}
Open letter: stop selling {@name} online
{@ngo} calls on {platform} to remove {@tname} adverts
Religious leaders join call to end {@tname} trade
Help us protect {@owner} – donate today

@campaign.appeal.body
In a video released {when}, {n} well-known artists asked fans to stop buying {@name}. {@context}
{@ngo} wrote to {platform} asking it to ban all adverts for {@name}, saying enforcement was too slow.
Your donation of {price} can fund a week of field work. Help us protect {@owner} from the {@tname} trade.
"Buying {@name} is never harmless," {person} of {@ngo} said. "Please spread the word."

@research.study.title
Study maps {@tname} trade routes through {country}
Researchers link {@tname} trade to damage in {country}
New analysis tracks origin of seized {@name}
Scientists use isotopes to trace {@name} to its source
@research.study.title.wildlife
DNA testing traces seized {@name} to {country}
New study estimates {nnnn} {@owner} lost each year
@research.study.title.minerals
Study finds high mercury levels in fish near informal gold mines
@research.study.title.waste
Study finds lead in soil around {@tname} recycling sites

@research.study.body
A study published in {@journal} analysed {nnn} seizures of {@name} between {year1} and {year}. \
The researchers found that most shipments passed through {country}.
Researchers at {uni} used chemical fingerprints of seized {@name} to identify source areas in \
{country}. {@context}
"Our data show that demand for {@use} remains the main driver," said {person}, a professor at {uni}.
The paper, published in {@journal}, combines customs records and field surveys from {n} countries. {@context}
@research.study.body.wildlife
The paper, published in {@journal}, estimates that {pct} per cent of {@owner} in the study area \
have disappeared since {year1}.

@research.education.title
Did you know? Five facts about {@name}
Lesson plan: the {@tname} trade explained for students
Why is {@tname} trade regulated? A short explainer
Museum exhibition explores history of the {@tname} trade
@research.education.title.wildlife
Quiz: how much do you know about {@owner}?

@research.education.body
Question {n}: Which international agreement regulates trade in {@name}? Answer: {@treaty}.
Did you know that trade in {@name} has been regulated since {year1}? Learn more in our free online course.
This lesson helps students understand where {@name} comes from, who profits and what the law says.
The exhibition at the city museum in {city} traces the history of {@name} from the colonial era to today.

@research.survey.title
Survey: {pct}% of consumers in {city} would buy {@name}
Report finds {nnn} online adverts for {@name} in {n} months
{@ngo} report tracks {@tname} sales on {platform}
Survey of traders shows {@name} still widely available

@research.survey.body
A survey of {nnnn} people in {city} found that {pct} per cent had bought {@name} in the past year. {@context}
Researchers from {@ngo} recorded {nnn} adverts for {@name} on {platform}, with prices from {price} to \
{bigprice}.
The report, based on {nn} visits to markets in {city}, found {@name} for sale in {pct} per cent of shops.
Analysts monitored {platform} for {n} months and flagged sellers offering {@name}; most posts said "DM \
for price".
"""

_ES = r"""
@city
Ciudad de México
Guadalajara
Bogotá
Medellín
Lima
Iquitos
Quito
Guayaquil
Santa Cruz de la Sierra
Buenos Aires
Madrid
Barcelona
Valencia
Sevilla
Cartagena
Ciudad de Guatemala
Tegucigalpa
Managua
Panamá
Caracas
Malabo
Tijuana
Ensenada
Puerto Maldonado

@port
el puerto de Manzanillo
el puerto de Algeciras
el aeropuerto de Barajas
el puerto del Callao
el aeropuerto El Dorado
el puerto de Buenaventura
el aeropuerto Jorge Chávez
el puerto de Valencia
el aeropuerto de Ezeiza
un paso fronterizo en Tumbes
la aduana de Tijuana
el puerto de Lázaro Cárdenas

@country
México
Colombia
Perú
Ecuador
Bolivia
Brasil
Venezuela
Guatemala
Honduras
Nicaragua
España
China
Vietnam
Hong Kong
Nigeria
Mozambique
Guinea Ecuatorial
Camerún
Kenia
Madagascar
Sudáfrica
Estados Unidos

@weekday
lunes
martes
miércoles
jueves
viernes
sábado
domingo

@monthname
enero
febrero
marzo
abril
mayo
junio
julio
agosto
septiembre
octubre
noviembre
diciembre

@when
este {weekday}
el pasado {weekday}
la semana pasada
a principios de mes
el {day} de {monthname}
durante el fin de semana
en la madrugada del {weekday}
esta semana
en {monthname}

@first
José
María
Juan
Lucía
Carlos
Ana
Luis
Carmen
Jorge
Rosa
Miguel
Patricia
Andrés
Sofía
Fernando
Valeria
Diego
Gabriela
Ricardo
Mónica

@last
García
Rodríguez
Martínez
López
Hernández
González
Pérez
Sánchez
Ramírez
Torres
Flores
Rivera
Gómez
Díaz
Vargas
Castillo
Rojas
Mendoza
Quispe
Ortega

@person
{first} {last}

@outlet
EFE
Europa Press
El Comercio
El Tiempo
El Universal
La Nación
El País
medios locales
la televisión pública
un diario regional

@platform
Facebook
grupos de Facebook
WhatsApp
Instagram
Mercado Libre
páginas de anuncios clasificados
TikTok
grupos de Telegram
tiendas en línea

@ngo
WWF
la Sociedad para la Conservación de la Vida Silvestre
TRAFFIC
una organización local de conservación
Humane Society International
la Fundación Naturaleza y Vida
Sea Shepherd
@ngo.waste
Greenpeace
una asociación vecinal
la Alianza Basura Cero
una ONG ambiental
@ngo.minerals
una ONG ambiental
la Sociedad Peruana de Derecho Ambiental
la Defensoría del Pueblo
@ngo.timber
Global Witness
la Agencia de Investigación Ambiental
una ONG ambiental
WWF

@journal
Conservation Biology
Biological Conservation
PLOS ONE
la revista Oryx
Science Advances
la Revista de Biología Tropical
@journal.waste
Waste Management
Environmental Science & Technology
@journal.minerals
Environmental Research
Science of the Total Environment

@uni
la Universidad Nacional Autónoma de México
la Universidad de los Andes
la Universidad Nacional Mayor de San Marcos
la Universidad de Buenos Aires
la Universidad Complutense de Madrid
la Universidad San Francisco de Quito

@agencia_sg
la policía
la Guardia Civil
la Policía Nacional
la Profepa
la aduana
la Fiscalía Ambiental
la policía de fronteras
la Armada
una fuerza conjunta
@agencia_sg.timber
la policía forestal
la autoridad forestal
la Guardia Civil
la Fiscalía Ambiental
@agencia_sg.waste
la Guardia Civil
la inspección ambiental
la autoridad portuaria
la Profepa

@agencia_cap
La policía
La Guardia Civil
La Policía Nacional
La Profepa
La aduana
Una fuerza conjunta
La Fiscalía

@official
{person}, portavoz de {@agencia_sg}
el fiscal {person}
{person}, jefe de la unidad de delitos ambientales
un alto funcionario de aduanas, {person}
{person}, comandante de la zona
{person}, investigador de {@agencia_sg}

@dijo
dijo
declaró a la prensa
explicó en rueda de prensa
indicó en un comunicado
señaló a {outlet}
afirmó

@quote
"Se trata de una red muy bien organizada y seguimos la pista del dinero", {dijo} {official}.
"Cambian de ruta constantemente, pero nosotros también", {dijo} {official}.
"Creemos que el cargamento tenía como destino compradores en {country}", {dijo} {official}.
Según {official}, es uno de los casos más grandes del año.
Según {official}, se esperan más detenciones.
"No vamos a permitir que el país se use como ruta de tránsito", {dijo} {official}.
@quote.wildlife
"Quien compra esto alimenta un delito que acaba con poblaciones enteras", {dijo} {official}.
Según {official}, los detenidos serán procesados por un delito contra la fauna.
"Creemos que el cargamento tenía como destino compradores en {country}", {dijo} {official}.
Según {official}, se trata de uno de los mayores decomisos del año.

@context.wildlife
Las poblaciones de {@owner} han caído drásticamente en la última década.
El comercio internacional de {@tname} está prohibido por la CITES.
Los conservacionistas advierten que {@owner} no resistirán este ritmo de pérdidas.
Según los expertos, la demanda para {@use} es la principal causa del declive de {@owner}.
@context.timber
Gran parte de la madera se tala en áreas protegidas y se blanquea en aserraderos legales.
El comercio de {@tname} está regulado por la CITES y requiere permisos de exportación.
La tala ilegal cuesta a los Estados miles de millones en impuestos perdidos.
@context.minerals
La minería informal usa mercurio para amalgamar el oro y contamina ríos y peces.
El Convenio de Minamata restringe el comercio y el uso del mercurio.
Buena parte del oro de la minería ilegal sale del país sin pagar impuestos.
@context.waste
El Convenio de Basilea prohíbe enviar residuos peligrosos a países que no los hayan aceptado.
Los ecologistas denuncian que los países ricos exportan su basura bajo la etiqueta de reciclaje.
La quema de residuos libera plomo y dioxinas cerca de las viviendas.

@treaty.wildlife
la CITES
@treaty.timber
la CITES
@treaty.mercury
el Convenio de Minamata
@treaty.minerals
la ley de minería
@treaty.waste
el Convenio de Basilea

@tname.ivory
marfil
@tname.rhino_horn
cuerno de rinoceronte
@tname.pangolin
pangolín
@tname.tiger
partes de tigre
@tname.shark_fin
aleta de tiburón
@tname.bear_bile
bilis de oso
@tname.tortoiseshell
carey
@tname.coral
coral
@tname.parrot
loros
@tname.rosewood
palo de rosa
@tname.agarwood
madera de agar
@tname.ebony
ébano
@tname.mahogany
caoba
@tname.sandalwood
sándalo rojo
@tname.mercury
mercurio
@tname.gold
oro ilegal
@tname.gemstones
esmeraldas
@tname.ewaste
residuos electrónicos
@tname.hazardous_waste
residuos peligrosos
@tname.batteries
baterías usadas

@name.ivory
marfil
colmillos de elefante
marfil en bruto
piezas de marfil tallado
@name.rhino_horn
cuerno de rinoceronte
cuernos de rinoceronte
@name.pangolin
escamas de pangolín
pangolines
@name.tiger
pieles de tigre
huesos de tigre
partes de tigre
@name.shark_fin
aletas de tiburón
aleta de tiburón seca
@name.bear_bile
bilis de oso
vesículas de oso
@name.tortoiseshell
carey
caparazones de tortuga carey
@name.coral
coral rojo
coral negro
coral precioso
@name.parrot
loros
guacamayos
loros grises africanos
pericos silvestres
@name.rosewood
palo de rosa
palisandro
cocobolo
@name.agarwood
madera de agar
astillas de agar
@name.ebony
ébano
troncos de ébano
@name.mahogany
caoba
madera de caoba
@name.sandalwood
sándalo rojo
sándalo
@name.mercury
mercurio
mercurio líquido
azogue
@name.gold
oro aluvial
oro en polvo
pepitas de oro
oro sin refinar
@name.gemstones
esmeraldas en bruto
piedras preciosas en bruto
gemas sin tallar
@name.ewaste
residuos electrónicos
chatarra electrónica
aparatos electrónicos desechados
@name.hazardous_waste
residuos peligrosos
aceite usado
residuos químicos
@name.batteries
baterías usadas
baterías de plomo
acumuladores desechados

@owner.ivory
los elefantes
@owner.rhino_horn
los rinocerontes
@owner.pangolin
los pangolines
@owner.tiger
los tigres
@owner.shark_fin
los tiburones
@owner.bear_bile
los osos
@owner.tortoiseshell
las tortugas marinas
@owner.coral
los arrecifes
@owner.parrot
los loros silvestres
@owner.timber
los bosques
la selva
@owner.minerals
los ríos
las comunidades amazónicas
@owner.waste
los barrios cercanos a los vertederos
nuestros ríos

@use.wildlife
la medicina tradicional
tallas y joyería
regalos de lujo
@use.parrot
el comercio de mascotas
@use.shark_fin
la sopa de aleta
@use.bear_bile
remedios tradicionales
@use.timber
muebles de lujo
instrumentos musicales
@use.minerals
joyería e inversión
@use.mercury
la amalgamación del oro
@use.waste
el reciclaje barato

@haul
{nnn} kilos de {@name}
{dec} toneladas de {@name}
{nn} sacos de {@name}
un contenedor de {@name}
@haul.ivory
{nnn} colmillos de elefante
{dec} toneladas de marfil
{nn} piezas de marfil tallado
@haul.rhino_horn
{n} cuernos de rinoceronte
{nn} kilos de cuerno de rinoceronte
@haul.pangolin
{dec} toneladas de escamas de pangolín
{nn} pangolines vivos
@haul.tiger
{n} pieles de tigre
{nn} kilos de huesos de tigre
@haul.parrot
{nn} loros vivos
{nnn} aves silvestres
{nn} guacamayos
@haul.rosewood
{nnn} trozas de palo de rosa
{nnn} metros cúbicos de palisandro
@haul.mahogany
{nnn} metros cúbicos de caoba
{nnn} trozas de caoba
@haul.mercury
{nnn} kilos de mercurio
{nn} frascos de mercurio
@haul.gold
{dec} kilos de oro en polvo
{nn} kilos de oro sin refinar
@haul.ewaste
{nnn} toneladas de chatarra electrónica
{nn} contenedores de residuos electrónicos
@haul.hazardous_waste
{nnn} bidones de residuos peligrosos
@haul.batteries
{nnn} toneladas de baterías usadas

@item.ivory
brazalete de marfil tallado
netsuke antiguo de marfil
par de colmillos de elefante
palillos de marfil
figura antigua de marfil
colmillo de marfil pulido
sello de marfil
@item.rhino_horn
copa de cuerno de rinoceronte
cuerno de rinoceronte entero
polvo de cuerno de rinoceronte
@item.pangolin
escamas de pangolín secas
polvo de escamas de pangolín
@item.tiger
alfombra de piel de tigre
colgante de garra de tigre
colmillo de tigre
vino de hueso de tigre
@item.shark_fin
aleta de tiburón seca
aletas de tiburón de primera
aleta de tiburón entera
@item.bear_bile
bilis de oso en polvo
vesícula de oso
cápsulas de bilis de oso
@item.tortoiseshell
peineta de carey auténtico
pulsera de carey
caja antigua de carey
@item.coral
collar de coral rojo
rama de coral rojo natural
cuentas de coral precioso
@item.parrot
pichones de loro gris africano
guacamayo azul y amarillo
cotorra silvestre mansa
pareja de loros
@item.rosewood
trozas de palo de rosa
tablones de cocobolo
bloques de palisandro
@item.agarwood
astillas de madera de agar
pulsera de agar
@item.ebony
troncos de ébano de Madagascar
tablillas de ébano
@item.mahogany
trozas de caoba
tablones de caoba
@item.sandalwood
troncos de sándalo rojo
astillas de sándalo
@item.mercury
mercurio líquido 99,99%
azogue en frascos
@item.gold
oro en polvo aluvial
pepitas de oro de mina
oro sin refinar 22k
@item.gemstones
esmeraldas en bruto de Muzo
lote de esmeraldas sin tallar
zafiros en bruto
@item.ewaste
chatarra de tarjetas electrónicas
placas madre usadas
chatarra de procesadores
@item.hazardous_waste
aceite de motor usado
aceite dieléctrico usado
bidones de solventes usados
@item.batteries
baterías de auto usadas
chatarra de baterías de plomo

@prod.offer
{@item}

@talla
talla <S|M|L|XL>
talla <36|38|40|42>

@prod.colour_material.ivory
vestido de novia color marfil[, {talla}]
vestido de encaje blanco marfil[, {talla}]
cortinas de lino color marfil
pintura mate color marfil, 4 litros
bolso de piel color marfil
chaqueta de punto marfil[, {talla}]
@prod.colour_material.tortoiseshell
gafas de sol color carey
montura de acetato efecto carey
pinzas para el pelo estampado carey
@prod.colour_material.tiger
pañuelo de seda estampado de tigre
sudadera estampado de tigre[, {talla}]
bálsamo Tiger Balm 30 g
@prod.colour_material.coral
labial color coral
vestido de verano color coral[, {talla}]
manta de coralina
@prod.colour_material.gold
aretes dorados de bisutería
collar bañado en oro
correa de reloj color oro rosa
@prod.colour_material.rosewood
piso laminado color palisandro
puertas de cocina efecto palisandro
@prod.colour_material.mahogany
tinte para cabello color caoba
barniz para madera tono caoba
@prod.colour_material.ebony
marco de fotos efecto ébano
azulejos color ébano
@prod.colour_material.sandalwood
vela aromática de sándalo
jabón con fragancia de sándalo
@prod.colour_material.shark_fin
antena aleta de tiburón para auto
@prod.colour_material.parrot
camisa estampado de loros[, {talla}]

@prod.fake.ivory
netsuke de resina imitación marfil
pulsera de resina tipo marfil
colgante de hueso de vaca tallado
talla de tagua (marfil vegetal)
juego de ajedrez imitación marfil
@prod.fake.rhino_horn
copa de cuerno de búfalo estilo rinoceronte
réplica de cuerno de rinoceronte en resina
@prod.fake.tortoiseshell
peineta de acetato imitación carey
pulsera de celuloide tipo carey
@prod.fake.coral
collar de coral sintético
rama de coral de resina para acuario
@prod.fake.tiger
alfombra de piel sintética de tigre
garra de tigre de resina
@prod.fake.shark_fin
aleta de tiburón vegetal (imitación)
@prod.fake.agarwood
aceite de oud sintético
@prod.fake.rosewood
mesa de MDF chapa efecto palisandro
@prod.fake.gemstones
anillo con esmeralda de laboratorio
zafiros sintéticos
colgante de circonita verde
@prod.fake.gold
pepita de oro de bisutería bañada
lingote decorativo imitación oro

@note.offer.wildlife
Pieza antigua de colección privada.
Auténtico, no es resina, se puede comprobar.
Sin papeles, solo compradores serios.
Herencia familiar, lo vendo por mudanza.
Pesado y frío al tacto, 100% original.
@note.offer.parrot
Criado a mano, muy manso, ya come solo.
Sexado por ADN, sano y activo.
@note.offer.timber
Calidad A, madera pesada y aceitosa.
Madera seca, lista para trabajar.
Aroma natural intenso.
@note.offer.minerals
Pureza comprobada.
Directo de la mina.
Se hace prueba de ácido antes de la venta.
@note.offer.waste
Se gestiona la documentación de exportación.
Suministro mensual constante.
Cargamos en nuestro patio.
@note.fake
No es real, es una réplica decorativa.
Hecho de resina, no es el material auténtico.
Es una imitación, totalmente legal.
Material sintético, no natural.
Reproducción, sin productos animales.
@note.fake.ivory
Es resina, no es marfil.
Es hueso, no marfil.
@note.fake.rhino_horn
Hecho de cuerno de búfalo, no de rinoceronte.
@note.fake.gemstones
Piedra creada en laboratorio, no de mina.
@note.fake.gold
Bañado en oro, no es oro macizo.
@note.colour_material
El color puede variar ligeramente según la pantalla.
Nuevo, sin estrenar.
Sin uso, en su empaque original.
Lo vendo porque me quedó grande.
@note.colour_material.ivory
Color marfil, no blanco óptico.
@note.colour_material.gold
Color dorado, no es oro.

@spec.offer.wildlife
Material: {@name} 100 % original
Peso: {nnn} g
Estado: antiguo, pátina natural
Origen: {country}
@spec.offer.parrot
Edad: {n} meses
Anillado
@spec.offer.timber
Madera: {@name}, 100 % original
Medidas: {nn} x {nn} x {nnn} cm
Origen: {country}
@spec.offer.minerals
Pureza: 99,{n}%
Pedido mínimo: {nn} kilos
Origen: {country}
@spec.offer.waste
Cantidad: {nn} toneladas al mes
Carga en {city}
@spec.colour_material
Color: como en la foto
Estado: <nuevo|como nuevo|usado una vez>
Marca: {m.shop}
@spec.fake
Material: <resina|plástico|hueso|acrílico|vidrio|sintético>
Altura: {nn} cm
Estado: nuevo

@m.open
Vendo
Se vende
Tengo
Disponible:
Ofrezco
Remato
Traigo

@m.cond
excelente estado
buen estado
como nuevo
calidad premium
pieza única

@m.price_line
Precio {price}.
{price} cada uno.
{price}, negociable.
Precio por privado.
Consulta precio.
{price} o mejor oferta.
Solo {price}.
Precio: {price} la pieza.
Precio especial para compradores serios.

@m.contact
Escríbeme por WhatsApp {phone}.
Interesados al MD.
Mándame mensaje.
WhatsApp {phone}.
Solo interesados, inbox.
Llámame al {phone}.
Contáctame para más fotos.
Pregunta sin compromiso.

@m.ship
Envíos a todo el país.
Envío gratis en {city}.
Entrega en mano en {city}.
Hago envíos discretos.
Envío por paquetería, {price}.
Envíos internacionales.

@m.pay
Pago por transferencia o efectivo.
Pago contra entrega en {city}.
Acepto PayPal.
Pago por depósito bancario.

@m.emoji
🔥
✅
⭐
💯
📦

@m.shop
Tienda {last}
Bazar {city}
Antigüedades {last}
Casa Bella
Boutique Luna

@m.company
Comercializadora {last}
Exportadora {city}
Grupo {last} S.A.
Recursos del Sur

@listing.classified.title
<Vendo|Se vende|Remato> {!@prod}
{!@prod} en venta
{!@prod} - {price}
{!@prod}, {m.cond}
{!@prod} disponible
{!@prod} {m.emoji}
{!@prod} en {city}

@listing.classified.body
{m.open} {!@prod}, {m.cond}. {@note} {m.price_line} {m.contact}[ {m.ship}]
{!@prod}. {@note} {m.price_line}[ {m.pay}] {m.contact}
{m.emoji} {!@prod} {m.emoji}\n{@note}\n{m.price_line}\n{m.contact}[\n{m.ship}]
{m.open} {!@prod} en {city}. {m.price_line} {m.ship} {m.contact}
Hola, {m.open} {!@prod}. {@note} {m.contact} {m.price_line}

@listing.shop.title
{!@prod} | {m.shop}
Nuevo ingreso: {!@prod}
{!@prod} - envío gratis
{!@prod} ({nnn} vendidos)
{!@prod} – en stock
[Oferta] {!@prod} {m.emoji}

@listing.shop.body
{!@prod}\n- {@spec}\n- {@spec}\n{@note}\n{m.price_line} {m.ship}
¡Bienvenidos a {m.shop}! {!@prod}. {@spec}. {@note} Añádelo al carrito. {m.ship}
{!@prod}. {@spec}. {m.price_line} Haz tu pedido, {m.ship}[ {m.pay}]
{m.emoji} {!@prod}\n{@spec}\n{@note}\nEn stock, compra ya. {m.ship}

@listing.auction.title
Lote {nnn}: {!@prod}
{!@prod} (lote {nn})
<Antiguo|Antigua|Fina pieza:> {!@prod}
Subasta: {!@prod}, sin reserva

@listing.auction.body
Lote {nnn}. {!@prod}. {@note} Estimación {pricerange}. Comisión del comprador {fee}%. {m.ship}
{!@prod}, procedente de colección privada de {city}. {@spec}. Precio de salida {price}. La subasta \
cierra el {weekday}.
Subasta en vivo el {weekday}: {!@prod}. Puja inicial {price}. {@note}

@listing.wholesale.title
{!@prod} al por mayor
Venta por mayor: {!@prod}
Proveedor de {!@prod}
{!@prod} para exportación, precio mayorista

@listing.wholesale.body
Somos {m.company}, proveedores de {!@prod} para compradores en {nn} países. Pedido mínimo {nn} unidades. \
Precio {bigprice} por lote. {m.pay} WhatsApp {phone}.
{m.company} ofrece {!@prod} al por mayor. {@spec}. {@note} Precio {bigprice}, FOB {city}. Solo \
compradores serios.
Mayoreo y menudeo: {!@prod}. {@spec}. Envíos por barco o DHL. {m.contact}

@listing.chat.title
¿alguien busca {!@prod}?
{!@prod} barato
urge vender {!@prod}
{!@prod} a quien le interese

@listing.chat.body
tengo {!@prod} por si alguien le interesa, {m.price_line} {m.contact}
vendo {!@prod} de un amigo, {@note} {m.price_line} nos vemos en {city}
buenas, tengo {!@prod}, {m.contact} {m.ship}
sigue disponible {!@prod}, {m.price_line} {m.contact}

@news.market.title
<Sube|Baja|Se desploma|Se dispara> el precio de {@tname} en {city}
El comercio de {@tname} se muda a las redes sociales
Persiste la demanda de {@name}, según <comerciantes|investigadores|autoridades>
Así funciona el mercado negro de {@tname} en {city}
Abunda la oferta barata de {@tname} en mercados de {country}

@news.market.body
{news.market_lead} {news.market_more} [{@quote}]
{when}, {outlet} informó que {news.market_fact} {news.market_more}
{news.market_fact_cap} {@quote} {news.market_more}
[{city}, {weekday}. ]{news.market_lead} {@context}

@news.market_lead
El precio de {@tname} en {city} ha <caído|subido> cerca de un {pct} % desde {year1}, según comerciantes.
Los intermediarios de {city} piden unos {price} por kilo de {@tname}, lejos del máximo de {year1}.
El mercado de {@tname} pasó de los puestos callejeros a {platform}, según los investigadores.
Los compradores de {@tname} en {country} cierran tratos por mensajería en vez de en mercados abiertos.

@news.market_fact
los intermediarios pedían {price} por kilo de {@tname}.
había venta abierta de {@tname} en al menos {nn} tiendas de {city}.
la demanda de {@tname} para {@use} apenas había cambiado.

@news.market_fact_cap
Comerciantes de {city} aseguran que el kilo de {@tname} se sigue pagando a unos {price}.
Según los vendedores, la mayoría de los clientes busca {@tname} para {@use}.

@news.market_more
Los expertos señalan que el precio baja cuando aumentan los controles y vuelve a subir cuando se relajan.
La mayoría de las ventas se hace en grupos privados, lo que dificulta el rastreo.
El comercio es ilegal en {country}, pero persisten vacíos legales.
Las autoridades creen que buena parte procede de {country}.

@news.policy.title
{country} <prohíbe|endurece las reglas sobre|veta> el comercio de {@tname}
Entra en vigor en {country} la nueva ley sobre {@tname}
{country} destruirá sus reservas decomisadas de {@tname}
El Gobierno anuncia mano dura contra la venta de {@tname}
@news.policy.title.wildlife
La CITES debatirá el comercio de {@tname}
@news.policy.title.minerals
{country} busca eliminar el mercurio de la minería de oro

@news.policy.body
El Gobierno de {country} anunció {when} que todo comercio de {@tname} quedará prohibido a partir de \
{monthname} de {year}. {@quote}
{when}, el Congreso aprobó una ley que castiga la venta de {@tname} con hasta {n} años de cárcel. {@context}
Las autoridades de {country} destruirán en público {@haul} procedentes de decomisos de los últimos {n} \
años, informó {outlet}. {@quote}
El Ministerio de Ambiente indicó {when} que ya no se emitirán licencias para comerciar {@tname}. \
{news.market_more}
Con la nueva norma, los exportadores de {@tname} deberán demostrar que cumplen con {@treaty}. {@context}

@news.feature.title
Cómo llega la venta de {@tname} a {platform}
Tras la pista de los traficantes de {@tname} en {city}
"Lo vemos cada semana": la primera línea contra el tráfico de {@tname}
El pueblo que le dio la espalda al negocio de {@tname}
@news.feature.title.wildlife
Los guardaparques que protegen a {@owner} en {country}
Rescatados de los traficantes, {@owner} tienen una segunda oportunidad
@news.feature.title.minerals
El río que se volvió gris: mercurio y oro en {country}

@news.feature.body
En un pueblo cerca de {city}, {person} recuerda cuando el negocio de {@tname} daba dinero rápido. \
{@quote} {@context}
Periodistas de {outlet} encontraron anuncios de {@tname} en {platform} con precios de unos {price}. \
{news.market_more} {@quote}
{person}, de {age} años, ha visto cambiar el negocio de {@tname} durante {n} años. "Ahora todo se hace \
por el celular", cuenta. {@context}
@news.feature.body.wildlife
Cada noche, {nn} guardaparques patrullan a pie. {person}, de {age} años, lleva {n} años haciéndolo. \
{news.market_more}

@enforcement.seizure.title
{agencia_cap} decomisa {!@haul} en {port}
Incautan {!@haul} en {city}
Decomiso récord de {@tname} en {port}
Hallan un cargamento de {@tname} valorado en {value}
Aseguran {!@haul} entre un cargamento de <madera|pescado congelado|muebles|artesanías>

@enforcement.seizure.body
{agencia_cap} decomisó {when} en {port} {!@haul} en un contenedor declarado como \
<madera|chatarra plástica|pescado congelado|artesanías|autopartes>. El cargamento está valorado en \
{value}. {@quote}
{when}, {@agencia_sg} interceptó {!@haul} con destino a {country}. Dos personas fueron detenidas. \
{@quote} {@context}
El decomiso de {!@haul} en {port} es el mayor del año, informó {outlet}. El envío procedía de \
{country}. [{@quote}]
Tras una denuncia anónima, {@agencia_sg} incautó {!@haul} en una bodega de {city}. Su valor se estima \
en {value}. {seizure_more}

@seizure_more
La investigación continúa abierta.
Los detenidos quedaron a disposición de la Fiscalía.
La mercancía quedó bajo custodia de las autoridades.
Según la policía, la red había usado la misma ruta varias veces.

@enforcement.arrest.title
Detienen a <dos|tres|cuatro> personas por vender {@tname} en {platform}
Capturan a presunto traficante de {@tname} en {city}
Operativo encubierto termina con la detención de un vendedor de {@tname}
Detenido en {port} con {!@haul}
Arrestan a mujer tras hallar {@tname} en su casa de {city}

@enforcement.arrest.body
Los sospechosos fueron detenidos en {city} cuando intentaban vender {!@haul} a agentes encubiertos por \
{price}. {@quote}
{agencia_cap} detuvo {when} a {n} personas tras meses de investigación sobre la venta en línea de \
{@tname}. {seizure_more}
Un hombre de {age} años fue arrestado en {port} tras hallarse {!@haul} en su equipaje. {@quote}
Los agentes se hicieron pasar por compradores en {platform} y acordaron un precio de {price} antes de \
la detención. {seizure_more}

@enforcement.court.title
Condenan a {n} años de prisión a traficante de {@tname}
Multan con {price} a vendedor de {@tname}
Comienza en {city} el juicio contra presunto capo del tráfico de {@tname}
Sentencian a {n} hombres por tráfico de {@tname}
Rechazan apelación en caso de tráfico de {@tname}

@enforcement.court.body
Un juzgado de {city} condenó {when} a {person} a {n} años de prisión por traficar {!@haul}. {@quote}
El juez impuso una multa de {value} y ordenó el decomiso de la mercancía. {@context}
La Fiscalía sostuvo que los acusados movieron {!@haul} por {port} durante {n} años. {seizure_more}
{person}, de {age} años, se declaró culpable de posesión ilegal de {@name} y recibió una condena \
condicional. {@quote}

@enforcement.extraction.title
{@ex_title}

@ex_title.timber
Detienen a taladores ilegales con {!@haul} en {country}
Allanan aserradero que procesaba {@tname} ilegal
Denuncian tala ilegal de {@tname} en parque nacional
@ex_title.minerals
Operativo contra la minería ilegal: incautan {!@haul}
Capturan a mineros ilegales cerca de {city}
Desmantelan ruta de contrabando de {@tname} en {country}
@ex_title.waste
Hallan contenedores de {@name} abandonados ilegalmente en {port}
Descubren vertido ilegal de {@name} cerca de {city}
{country} devuelve {!@haul} enviados de forma ilegal

@enforcement.extraction.body
{agencia_cap} detuvo {when} a {n} personas e incautó {!@haul} en un operativo contra actividades \
ilegales cerca de {city}. {@quote}
{@ex_body}
{@ex_body} {seizure_more}

@ex_body.timber
Los agentes encontraron {!@haul} junto a un río, a punto de cruzar la frontera hacia {country}. {@quote}
Según los investigadores, la madera se taló sin permisos y se declaró como madera común.
@ex_body.minerals
En el lugar se encontró un cargamento de {@tname} junto con mercurio usado para separar el oro. {@quote}
Los mineros ilegales llevaban meses trabajando en el río, contaminando el agua de {nn} comunidades.
@ex_body.waste
Los inspectores hallaron {!@haul} con una declaración falsa de "productos usados para reparación". {@quote}
Los residuos se vertieron ilegalmente en terrenos agrícolas de {city}; la empresa enfrenta un proceso penal.

@campaign.slogan.title
Di no a {@tname}
No compres {@tname}. Nunca.
Basta ya del tráfico de {@tname}
Antes de comprar, piénsalo: {@tname}
@campaign.slogan.title.wildlife
Cuando la compra se detiene, la matanza también
Los animales no son souvenirs
#NoAlTráficoDeFauna: no compres {@tname}
@campaign.slogan.title.waste
Nuestro país no es un basurero

@campaign.slogan.body
Comprar {@tname} tiene un costo que pagan otros. No lo hagas y compártelo con tus amigos.
Si ves {@tname} a la venta en internet, denúncialo. Juntos podemos proteger {@owner}. {@ngo}
Nos comprometemos a no comprar nunca {@tname}. Firma con nosotros en {city} este {weekday}.
@campaign.slogan.body.wildlife
Cada compra de {@tname} es una pérdida para {@owner}. No compres y difunde. #NoAlTráficoDeFauna
Ni medicina ni símbolo de estatus: di no a {@tname}. Comparte.

@campaign.event.title
{@ngo} lanza campaña contra el comercio de {@tname} en {city}
Petición para prohibir la venta de {@tname} supera las {nnnn} firmas
Semana de concienciación contra la demanda de {@tname}
Estudiantes se comprometen a no comprar {@tname}

@campaign.event.body
{@ngo} lanzó {when} en {city} una campaña para que los consumidores rechacen {@tname}. \
Habrá vallas y anuncios en redes durante {n} meses. {@context}
Más de {nnn} estudiantes firmaron el compromiso de no comprar {@tname}. "Nuestra generación puede \
acabar con esto", dijo {person}.
Una petición para prohibir la venta de {@tname} superó las {nnnn} firmas y se entregará al Congreso el \
{weekday}.
Cientos de personas marcharon en {city} para concienciar sobre la amenaza a {@owner}. {@ngo} pidió más \
controles.

@campaign.appeal.title
Artistas piden a sus seguidores rechazar {@tname}
Carta abierta: basta de vender {@tname} por internet
{@ngo} exige a {platform} retirar anuncios de {@tname}
Ayúdanos a proteger {@owner}: dona hoy

@campaign.appeal.body
En un video publicado {when}, {n} artistas conocidos pidieron dejar de comprar {@tname}. {@context}
{@ngo} pidió por carta a {platform} que prohíba los anuncios de {@tname} porque los controles son lentos.
Con tu donación de {price} financias una semana de trabajo de campo. Ayúdanos a proteger {@owner}.
"Comprar {@tname} nunca es inofensivo", afirmó {person}, de {@ngo}. "Difundan el mensaje."

@research.study.title
Un estudio traza las rutas del tráfico de {@tname} por {country}
Investigadores vinculan el comercio de {@tname} con daños en {country}
Nuevo análisis revela el origen de los decomisos de {@tname}
Científicos usan isótopos para rastrear {@tname}
@research.study.title.wildlife
Análisis de ADN vincula decomisos de {@tname} con {country}
@research.study.title.minerals
Hallan altos niveles de mercurio en peces cerca de minas informales

@research.study.body
Un estudio publicado en {@journal} analizó {nnn} decomisos de {@tname} entre {year1} y {year}. \
Los investigadores hallaron que la mayoría pasó por {country}.
Investigadores de {uni} usaron huellas químicas de decomisos de {@tname} para identificar zonas de \
origen en {country}. {@context}
"Nuestros datos muestran que la demanda para {@use} sigue siendo el principal motor", explicó {person}, \
profesor de {uni}.
El trabajo, publicado en {@journal}, combina registros aduaneros y encuestas de campo de {n} países. \
{@context}

@research.education.title
¿Sabías que...? Cinco datos sobre {@tname}
Guía didáctica: el comercio de {@tname} explicado a estudiantes
¿Por qué está regulado el comercio de {@tname}?
Exposición en el museo repasa la historia de {@tname}
@research.education.title.wildlife
Cuestionario: ¿cuánto sabes de {@owner}?

@research.education.body
Pregunta {n}: ¿Qué acuerdo internacional regula el comercio de {@tname}? Respuesta: {@treaty}.
¿Sabías que el comercio de {@tname} está regulado desde {year1}? Aprende más en nuestro curso gratuito.
Esta clase ayuda a los estudiantes a entender el origen de {@tname}, quién se beneficia y qué dice la ley.
La exposición del museo de {city} recorre la historia de {@tname} desde la época colonial hasta hoy.

@research.survey.title
Encuesta: el {pct} % de los consumidores de {city} compraría {@tname}
Informe detecta {nnn} anuncios de {@tname} en {n} meses
{@ngo} rastrea la venta de {@tname} en {platform}
Encuesta a comerciantes muestra que la venta de {@tname} continúa

@research.survey.body
Una encuesta a {nnnn} personas en {city} reveló que el {pct} % compró {@tname} el último año. {@context}
Investigadores de {@ngo} registraron {nnn} anuncios de {@tname} en {platform}, con precios de {price} a \
{bigprice}.
El informe, basado en {nn} visitas a mercados de {city}, encontró oferta de {@tname} en el {pct} % de \
los puestos.
Los analistas monitorearon {platform} durante {n} meses; la mayoría de los anuncios decía "precio por \
privado".
"""

_FR = r"""
@city
Paris
Marseille
Lyon
Bordeaux
Abidjan
Douala
Yaoundé
Libreville
Kinshasa
Brazzaville
Pointe-Noire
Dakar
Bamako
Lomé
Cotonou
Antananarivo
Niamey
Bangui
Ouagadougou
Cayenne
Saint-Laurent-du-Maroni
Bruxelles
Genève
Montréal

@port
le port d'Abidjan
le port autonome de Douala
l'aéroport de Roissy-Charles-de-Gaulle
le port du Havre
l'aéroport de Bruxelles-Zaventem
le port de Pointe-Noire
l'aéroport Félix-Houphouët-Boigny
l'aéroport d'Ivato
le port de Lomé
le port de Marseille-Fos
l'aéroport de Nsimalen
un poste frontière près de Kyé-Ossi

@au_port
au port d'Abidjan
au port autonome de Douala
à l'aéroport de Roissy-Charles-de-Gaulle
au port du Havre
à l'aéroport de Bruxelles-Zaventem
au port de Pointe-Noire
à l'aéroport Félix-Houphouët-Boigny
à l'aéroport d'Ivato
au port de Lomé
au port de Marseille-Fos
à l'aéroport de Nsimalen
à un poste frontière près de Kyé-Ossi

@country
Cameroun
Gabon
Congo
RD Congo
Côte d'Ivoire
Nigeria
Togo
Bénin
Sénégal
Mali
Madagascar
Mozambique
Centrafrique
Guyane
Suriname
Chine
Vietnam
Hong Kong
Laos
Thaïlande
Malaisie
Belgique
France

@le_country
le Cameroun
le Gabon
le Congo
la RD Congo
la Côte d'Ivoire
le Nigeria
le Togo
le Bénin
le Sénégal
le Mali
Madagascar
le Mozambique
la Centrafrique
la Guyane
le Suriname
la Chine
le Vietnam
Hong Kong
le Laos
la Thaïlande
la Malaisie
la Belgique
la France

@en_country
au Cameroun
au Gabon
au Congo
en RD Congo
en Côte d'Ivoire
au Nigeria
au Togo
au Bénin
au Sénégal
au Mali
à Madagascar
au Mozambique
en Centrafrique
en Guyane
au Suriname
en Chine
au Vietnam
à Hong Kong
au Laos
en Thaïlande
en Malaisie
en Belgique
en France

@du_country
du Cameroun
du Gabon
du Congo
de RD Congo
de Côte d'Ivoire
du Nigeria
du Togo
du Bénin
du Sénégal
du Mali
de Madagascar
du Mozambique
de Centrafrique
de Guyane
du Suriname
de Chine
du Vietnam
de Hong Kong
du Laos
de Thaïlande
de Malaisie
de Belgique
de France

@weekday
lundi
mardi
mercredi
jeudi
vendredi
samedi
dimanche

@monthname
janvier
février
mars
avril
mai
juin
juillet
août
septembre
octobre
novembre
décembre

@when
ce {weekday}
{weekday} dernier
la semaine dernière
en début de mois
le {day} {monthname}
ce week-end
dans la nuit de {weekday}
cette semaine
en {monthname}

@first
Jean
Marie
Paul
Aïcha
Pierre
Fatou
Joseph
Claire
Serge
Mariam
Olivier
Awa
Didier
Nathalie
Christian
Aminata
Hervé
Sophie
Emmanuel
Brigitte

@last
Mbarga
Nkoulou
Koné
Traoré
Diallo
Ndiaye
Ekani
Mouanda
Rakoto
Randrianarisoa
Martin
Bernard
Dubois
Lefèvre
Moreau
Kouassi
Yao
Ouédraogo
Tchoumi
Mabiala

@person
{first} {last}

@outlet
l'AFP
Le Monde
RFI
Jeune Afrique
France 24
Cameroon Tribune
Fraternité Matin
la presse locale
la télévision nationale
un quotidien régional

@platform
Facebook
des groupes Facebook
WhatsApp
Instagram
Leboncoin
des sites de petites annonces
TikTok
des canaux Telegram
des boutiques en ligne

@ngo
le WWF
TRAFFIC
le réseau EAGLE
l'ONG LAGA
une association locale de protection de la nature
la Wildlife Conservation Society
IFAW
Robin des Bois
@ngo.waste
Greenpeace
une association de riverains
Zero Waste France
une ONG environnementale
@ngo.minerals
une ONG environnementale
WWF Guyane
Maiouri Nature Guyane
@ngo.timber
Global Witness
l'Environmental Investigation Agency
le WWF
Greenpeace

@journal
Conservation Biology
Biological Conservation
PLOS ONE
la revue Oryx
Science Advances
@journal.waste
Waste Management
Environmental Science & Technology
@journal.minerals
Environmental Research
Science of the Total Environment

@uni
l'université de Yaoundé I
l'université d'Antananarivo
l'université Félix-Houphouët-Boigny
l'Institut de recherche pour le développement
l'université de Montpellier
l'université libre de Bruxelles

@agence
les douanes
la gendarmerie
la police
les agents des Eaux et Forêts
une unité de lutte anti-braconnage
les garde-côtes
les enquêteurs
@agence.timber
les agents des Eaux et Forêts
la gendarmerie
les douanes
les services forestiers
@agence.waste
les douanes
les inspecteurs de l'environnement
les autorités portuaires
la police
@agence.minerals
les gendarmes
les forces armées
la police

@agence_cap
Les douanes
La gendarmerie
La police
Les agents des Eaux et Forêts
Les enquêteurs
Une brigade mixte

@official
{person}, porte-parole des douanes
le procureur {person}
{person}, chef de la brigade de lutte contre la criminalité environnementale
un haut responsable des douanes, {person}
le commandant de brigade {person}
{person}, enquêteur

@quote
« C'est un réseau très organisé et nous suivons la piste de l'argent », a déclaré {official}.
« Ils changent sans cesse d'itinéraire, mais nous aussi », a expliqué {official}.
« Nous pensons que la marchandise était destinée à des acheteurs {en_country} », a précisé {official}.
Selon {official}, il s'agit de l'une des plus importantes affaires de l'année.
D'autres interpellations sont attendues, selon {official}.
« Notre pays ne servira pas de zone de transit », a affirmé {official}.
@quote.wildlife
« Ceux qui achètent cela financent un crime qui décime des populations entières », a déclaré {official}.
Les suspects seront poursuivis pour atteinte à la faune protégée, selon {official}.
« Nous pensons que la marchandise était destinée à des acheteurs {en_country} », a précisé {official}.
Selon {official}, il s'agit de l'une des plus grosses saisies de l'année.

@context.wildlife
Les populations {@de_owner} se sont effondrées au cours de la dernière décennie.
Le commerce international {@de} est interdit par la CITES.
Les défenseurs de la nature préviennent que {@owner} ne survivront pas à ce rythme.
Selon les experts, la demande pour {@use} est la première cause du déclin {@de_owner}.
@context.timber
Une grande partie du bois est coupée dans des forêts protégées puis blanchie par des scieries légales.
Le commerce {@de} est encadré par la CITES et exige des permis d'exportation.
L'exploitation forestière illégale fait perdre des milliards aux États.
@context.minerals
L'orpaillage clandestin utilise du mercure pour amalgamer l'or, ce qui pollue les fleuves.
La convention de Minamata encadre le commerce et l'usage du mercure.
Une bonne partie de l'or issu de l'orpaillage illégal quitte le pays sans être déclarée.
@context.waste
La convention de Bâle interdit d'exporter des déchets dangereux vers un pays qui ne les a pas acceptés.
Les associations dénoncent des exportations de déchets déguisées en recyclage.
Le brûlage des déchets libère du plomb et des dioxines près des habitations.

@treaty.wildlife
la CITES
@treaty.timber
la CITES
@treaty.mercury
la convention de Minamata
@treaty.minerals
le code minier
@treaty.waste
la convention de Bâle

@de.ivory
d'ivoire
@de.rhino_horn
de corne de rhinocéros
@de.pangolin
d'écailles de pangolin
@de.tiger
de peaux et d'os de tigre
@de.shark_fin
d'ailerons de requin
@de.bear_bile
de bile d'ours
@de.tortoiseshell
d'écaille de tortue
@de.coral
de corail
@de.parrot
de perroquets gris
@de.rosewood
de bois de rose
@de.agarwood
de bois d'agar
@de.ebony
d'ébène
@de.mahogany
d'acajou
@de.sandalwood
de santal rouge
@de.mercury
de mercure
@de.gold
d'or illégal
@de.gemstones
de pierres précieuses
@de.ewaste
de déchets électroniques
@de.hazardous_waste
de déchets dangereux
@de.batteries
de batteries usagées

@du.ivory
de l'ivoire
des défenses d'éléphant
@du.rhino_horn
de la corne de rhinocéros
des cornes de rhinocéros
@du.pangolin
des écailles de pangolin
@du.tiger
des peaux de tigre
des os de tigre
@du.shark_fin
des ailerons de requin
@du.bear_bile
de la bile d'ours
@du.tortoiseshell
de l'écaille de tortue
@du.coral
du corail rouge
@du.parrot
des perroquets gris du Gabon
des perroquets sauvages
@du.rosewood
du bois de rose
du palissandre
@du.agarwood
du bois d'agar
@du.ebony
de l'ébène
@du.mahogany
de l'acajou
@du.sandalwood
du santal rouge
@du.mercury
du mercure
@du.gold
de l'or alluvial
de la poudre d'or
@du.gemstones
des pierres précieuses brutes
des saphirs bruts
@du.ewaste
des déchets électroniques
@du.hazardous_waste
des déchets dangereux
des huiles usagées
@du.batteries
des batteries usagées

@name
{@du}
@name.ivory
ivoire
@name.rhino_horn
corne de rhinocéros
@name.pangolin
écailles de pangolin
@name.tiger
peaux de tigre
@name.shark_fin
ailerons de requin
@name.bear_bile
bile d'ours
@name.tortoiseshell
écaille de tortue
@name.coral
corail rouge
@name.parrot
perroquets gris
@name.rosewood
bois de rose
@name.agarwood
bois d'agar
@name.ebony
ébène
@name.mahogany
acajou
@name.sandalwood
santal rouge
@name.mercury
mercure
@name.gold
or alluvial
@name.gemstones
pierres précieuses brutes
@name.ewaste
déchets électroniques
@name.hazardous_waste
déchets dangereux
@name.batteries
batteries usagées

@owner.ivory
les éléphants
@owner.rhino_horn
les rhinocéros
@owner.pangolin
les pangolins
@owner.tiger
les tigres
@owner.shark_fin
les requins
@owner.bear_bile
les ours
@owner.tortoiseshell
les tortues marines
@owner.coral
les récifs
@owner.parrot
les perroquets gris
@owner.timber
les forêts
@owner.minerals
les fleuves
@owner.waste
les riverains des décharges

@de_owner.ivory
d'éléphants
@de_owner.rhino_horn
de rhinocéros
@de_owner.pangolin
de pangolins
@de_owner.tiger
de tigres
@de_owner.shark_fin
de requins
@de_owner.bear_bile
d'ours
@de_owner.tortoiseshell
de tortues marines
@de_owner.coral
des récifs
@de_owner.parrot
de perroquets gris
@de_owner
des espèces concernées

@use.wildlife
la médecine traditionnelle
la sculpture et la bijouterie
les cadeaux de prestige
@use.parrot
le commerce d'animaux de compagnie
@use.shark_fin
la soupe d'ailerons
@use.bear_bile
les remèdes traditionnels
@use.timber
les meubles de luxe
@use.minerals
la bijouterie
@use.mercury
l'orpaillage
@use.waste
le recyclage à bas coût

@haul
{nnn} kg {@de}
{dec} tonnes {@de}
{nn} sacs {@de}
un conteneur {@de}
@haul.ivory
{nnn} défenses d'éléphant
{dec} tonnes d'ivoire
{nn} objets en ivoire sculpté
@haul.rhino_horn
{n} cornes de rhinocéros
{nn} kg de corne de rhinocéros
@haul.pangolin
{dec} tonnes d'écailles de pangolin
{nn} pangolins vivants
@haul.tiger
{n} peaux de tigre
{nn} kg d'os de tigre
@haul.parrot
{nnn} perroquets gris
{nn} perroquets vivants
@haul.rosewood
{nnn} grumes de bois de rose
{nnn} mètres cubes de palissandre
@haul.mahogany
{nnn} grumes d'acajou
@haul.ebony
{nnn} billes d'ébène
@haul.mercury
{nnn} kg de mercure
{nn} bouteilles de mercure
@haul.gold
{dec} kg d'or
{nn} kg de poudre d'or
@haul.ewaste
{nnn} tonnes de déchets électroniques
@haul.hazardous_waste
{nnn} fûts de déchets dangereux
@haul.batteries
{nnn} tonnes de batteries usagées

@item.ivory
bracelet en ivoire sculpté
netsuke ancien en ivoire
paire de défenses d'éléphant
baguettes en ivoire
statuette ancienne en ivoire
défense d'ivoire polie
@item.rhino_horn
coupe en corne de rhinocéros
corne de rhinocéros entière
poudre de corne de rhinocéros
@item.pangolin
écailles de pangolin séchées
poudre d'écailles de pangolin
@item.tiger
tapis en peau de tigre
pendentif griffe de tigre
dent de tigre
@item.shark_fin
ailerons de requin séchés
ailerons de requin premier choix
@item.bear_bile
bile d'ours en poudre
vésicule d'ours
@item.tortoiseshell
peigne en écaille de tortue véritable
bracelet en écaille véritable
boîte ancienne en écaille
@item.coral
collier en corail rouge
branche de corail rouge naturel
perles de corail véritable
@item.parrot
bébés perroquets gris du Gabon
jeune perroquet gris apprivoisé
couple de perroquets gris
@item.rosewood
grumes de bois de rose
planches de palissandre
@item.agarwood
copeaux de bois d'agar
bracelet en bois d'agar
@item.ebony
billes d'ébène du Cameroun
planches d'ébène
@item.mahogany
grumes d'acajou
planches d'acajou
@item.sandalwood
bûches de santal rouge
copeaux de santal
@item.mercury
mercure liquide 99,99 %
mercure en bouteille
@item.gold
poudre d'or alluvial
pépites d'or d'orpaillage
lingot d'or brut
@item.gemstones
saphirs bruts
rubis non taillés
lot de pierres brutes
@item.ewaste
cartes électroniques en vrac
cartes mères usagées
ferraille électronique
@item.hazardous_waste
huile moteur usagée
huile de transformateur usagée
@item.batteries
batteries de voiture usagées
ferraille de batteries au plomb

@prod.offer
{@item}

@taille
taille <S|M|L|XL>
taille <36|38|40|42>

@prod.colour_material.ivory
robe de mariée ivoire[, {taille}]
robe en dentelle couleur ivoire[, {taille}]
rideaux en lin coloris ivoire
peinture mate blanc ivoire, 2,5 L
sac à main en cuir ivoire
gilet en maille ivoire[, {taille}]
@prod.colour_material.tortoiseshell
lunettes de soleil écaille
monture acétate effet écaille
pince à cheveux façon écaille
@prod.colour_material.tiger
foulard en soie imprimé tigre
sweat imprimé tigre[, {taille}]
baume du tigre, pot de 30 g
@prod.colour_material.coral
rouge à lèvres corail
robe d'été couleur corail[, {taille}]
plaid en polaire corail
@prod.colour_material.gold
créoles dorées fantaisie
collier plaqué or
bracelet de montre couleur or rose
@prod.colour_material.rosewood
parquet stratifié aspect palissandre
portes de cuisine effet palissandre
@prod.colour_material.mahogany
coloration cheveux acajou
lasure ton acajou, 750 ml
@prod.colour_material.ebony
cadre photo effet ébène
carrelage couleur ébène
@prod.colour_material.sandalwood
bougie parfumée santal
savon au parfum de santal
@prod.colour_material.shark_fin
antenne aileron de requin pour voiture

@prod.fake.ivory
netsuke en résine façon ivoire
bracelet en résine imitation ivoire
pendentif en os de bœuf sculpté
sculpture en tagua (ivoire végétal)
jeu d'échecs imitation ivoire
@prod.fake.rhino_horn
coupe en corne de buffle style rhinocéros
réplique de corne de rhinocéros en résine
@prod.fake.tortoiseshell
peigne en acétate façon écaille
bracelet en celluloïd imitation écaille
@prod.fake.coral
collier en corail synthétique
branche de corail en résine pour aquarium
@prod.fake.tiger
tapis en fausse fourrure tigre
griffe de tigre en résine
@prod.fake.agarwood
huile parfumée oud synthétique
@prod.fake.rosewood
table basse en MDF plaqué effet palissandre
@prod.fake.gemstones
bague saphir de laboratoire
rubis synthétiques
pendentif oxyde de zirconium vert
@prod.fake.gold
pépite fantaisie plaquée or
lingot décoratif imitation or

@note.offer.wildlife
Pièce ancienne de collection privée.
Véritable, pas de la résine, test possible.
Sans papiers, acheteurs sérieux uniquement.
Héritage familial, vente pour cause de déménagement.
Lourd et froid au toucher, 100 % authentique.
@note.offer.parrot
Élevé à la main, très familier, mange seul.
Sexé par ADN, en bonne santé.
@note.offer.timber
Qualité A, bois lourd et huileux.
Bois sec, prêt à travailler.
Odeur naturelle très forte.
@note.offer.minerals
Pureté vérifiée.
Directement de la mine.
Test à l'acide avant la vente.
@note.offer.waste
Documents d'exportation possibles.
Approvisionnement mensuel régulier.
Chargement sur notre site.
@note.fake
Ce n'est pas du vrai, c'est une réplique décorative.
En résine, pas la matière d'origine.
Imitation, détention parfaitement légale.
Matière synthétique, pas naturelle.
Reproduction, aucun produit animal.
@note.fake.ivory
C'est de la résine, pas de l'ivoire.
C'est de l'os, pas de l'ivoire.
@note.fake.rhino_horn
En corne de buffle, pas de rhinocéros.
@note.fake.gemstones
Pierre créée en laboratoire, pas extraite d'une mine.
@note.fake.gold
Plaqué or, pas de l'or massif.
@note.colour_material
Couleur légèrement différente selon l'écran.
Neuf, jamais utilisé.
Jamais servi, dans son emballage d'origine.
Vendu car trop grand pour moi.
@note.colour_material.ivory
Coloris ivoire, pas blanc optique.
@note.colour_material.gold
Couleur dorée, ce n'est pas de l'or.

@spec.offer.wildlife
Matière : véritable {@name}
Poids : {nnn} g
État : ancien, belle patine
Provenance : {country}
@spec.offer.parrot
Âge : {n} mois
Bagué
@spec.offer.timber
Essence : {@name}
Dimensions : {nn} x {nn} x {nnn} cm
Provenance : {country}
@spec.offer.minerals
Pureté : 99,{n} %
Commande minimum : {nn} kg
@spec.offer.waste
Quantité : {nn} tonnes par mois
Chargement à {city}
@spec.colour_material
Coloris : comme sur la photo
État : <neuf|comme neuf|porté une fois>
Marque : {m.shop}
@spec.fake
Matière : <résine|plastique|os|acrylique|verre|synthétique>
Hauteur : {nn} cm
État : neuf

@m.open
Vends
À vendre :
Je vends
Disponible :
Je propose
Je me sépare de

@m.cond
très bon état
bon état
comme neuf
qualité supérieure
pièce rare

@m.price_line
Prix : {price}.
{price} l'unité.
{price}, à débattre.
Prix en MP.
Prix sur demande.
{price} ou faire offre.
Seulement {price}.
Prix : {price} la pièce.
Bon prix pour acheteur sérieux.

@m.contact
Contactez-moi sur WhatsApp au {phone}.
Écrivez-moi en MP.
Me contacter par message.
WhatsApp : {phone}.
Acheteurs sérieux uniquement, en MP.
Appelez le {phone}.
Contactez-moi pour plus de photos.

@m.ship
Livraison partout en France.
Livraison gratuite à {city}.
Remise en main propre à {city}.
Envoi discret possible.
Envoi en Colissimo, {price}.
Livraison internationale.
Expédition sous 24 h.

@m.pay
Paiement par virement ou espèces.
Paiement à la livraison à {city}.
PayPal accepté.
Orange Money ou Mobile Money.

@m.emoji
🔥
✅
⭐
💯
📦

@m.shop
Boutique {last}
Bazar de {city}
Antiquités {last}
Maison Belle
L'Atelier Doré

@m.company
{last} Import-Export
Société {last} et Fils
Comptoir de {city}
Ressources d'Afrique SARL

@listing.classified.title
<Vends|À vendre :|Je vends> {!@prod}
{!@prod} à vendre
{!@prod} - {price}
{!@prod}, {m.cond}
{!@prod} disponible
{!@prod} {m.emoji}
{!@prod} sur {city}

@listing.classified.body
{m.open} {!@prod}, {m.cond}. {@note} {m.price_line} {m.contact}[ {m.ship}]
{!@prod}. {@note} {m.price_line}[ {m.pay}] {m.contact}
{m.emoji} {!@prod} {m.emoji}\n{@note}\n{m.price_line}\n{m.contact}[\n{m.ship}]
{m.open} {!@prod} sur {city}. {m.price_line} {m.ship} {m.contact}
Bonjour, {m.open} {!@prod}. {@note} {m.contact} {m.price_line}

@listing.shop.title
{!@prod} | {m.shop}
Nouvel arrivage : {!@prod}
{!@prod} - livraison offerte
{!@prod} ({nnn} vendus)
{!@prod} – en stock
[Promo] {!@prod} {m.emoji}

@listing.shop.body
{!@prod}\n- {@spec}\n- {@spec}\n{@note}\n{m.price_line} {m.ship}
Bienvenue chez {m.shop} ! {!@prod}. {@spec}. {@note} Ajoutez au panier. {m.ship}
{!@prod}. {@spec}. {m.price_line} Commandez maintenant, {m.ship}[ {m.pay}]
{m.emoji} {!@prod}\n{@spec}\n{@note}\nEn stock, commandez aujourd'hui. {m.ship}

@listing.auction.title
Lot {nnn} : {!@prod}
{!@prod} (lot {nn})
Vente aux enchères : {!@prod}
{!@prod}, estimation {pricerange}

@listing.auction.body
Lot {nnn}. {!@prod}. {@note} Estimation {pricerange}. Frais acheteur {fee} %. {m.ship}
{!@prod}, provenant d'une collection privée de {city}. {@spec}. Mise à prix {price}. Fin des enchères \
{weekday}.
Enchères en direct {weekday} : {!@prod}. Mise à prix {price}. {@note}

@listing.wholesale.title
{!@prod} en gros
Vente en gros : {!@prod}
Fournisseur en gros – {!@prod}
{!@prod} pour l'export, prix de gros

@listing.wholesale.body
Nous sommes {m.company}. Nous fournissons en gros : {!@prod}, pour des clients dans {nn} pays. Commande \
minimum {nn} unités. \
Prix {bigprice} le lot. {m.pay} WhatsApp {phone}.
{m.company} propose en gros : {!@prod}. {@spec}. {@note} Prix {bigprice}, FOB {city}. Acheteurs sérieux \
uniquement.
Gros et détail : {!@prod}. {@spec}. Expédition par bateau ou DHL. {m.contact}

@listing.chat.title
quelqu'un cherche {!@prod} ?
{!@prod} pas cher
urgent : {!@prod}
{!@prod} si ça intéresse

@listing.chat.body
dispo : {!@prod}, si quelqu'un est intéressé, {m.price_line} {m.contact}
je vends {!@prod} pour un ami, {@note} {m.price_line} rdv à {city}
salut, {!@prod} dispo, {m.contact} {m.ship}
toujours dispo {!@prod}, {m.price_line} {m.contact}

@news.market.title
Le prix {@du} <chute|grimpe|s'envole|recule> à {city}
Le commerce {@de} migre vers les réseaux sociaux
La demande {@de} persiste, selon <des commerçants|des chercheurs|les autorités>
Enquête : comment fonctionne le marché noir {@de} à {city}
Le marché {@du} prospère {en_country}

@news.market.body
{news.market_lead} {news.market_more} [{@quote}]
{when}, {outlet} a rapporté que {news.market_fact} {news.market_more}
{news.market_fact_cap} {@quote} {news.market_more}
[{city}, {weekday}. ]{news.market_lead} {@context}

@news.market_lead
Le prix {@du} à {city} a <baissé|augmenté> d'environ {pct} % depuis {year1}, selon des commerçants.
Les intermédiaires de {city} demandent environ {price} le kilo {@de}, loin du record de {year1}.
Le marché {@du} est passé des étals de rue à {platform}, selon les enquêteurs.
Les acheteurs {@de} {en_country} concluent désormais leurs affaires par messagerie.

@news.market_fact
les intermédiaires demandaient {price} le kilo {@de}.
la vente {@de} se faisait ouvertement dans au moins {nn} boutiques de {city}.
la demande {@de} pour {@use} n'avait guère changé.

@news.market_fact_cap
Selon des commerçants de {city}, le kilo {@de} se négocie toujours autour de {price}.
D'après les vendeurs, la plupart des clients achètent {@du} pour {@use}.

@news.market_more
Les experts expliquent que les prix baissent quand les contrôles se renforcent et remontent ensuite.
La plupart des ventes se font dans des groupes privés, difficiles à surveiller.
Ce commerce est illégal {en_country}, mais des failles subsistent.
Les autorités pensent qu'une grande partie provient {du_country}.

@news.policy.title
{le_country} <interdit|durcit les règles sur|bannit> le commerce {@de}
Entrée en vigueur d'une nouvelle loi sur le commerce {@de}
Les stocks {@de} saisis seront détruits
Le gouvernement annonce une offensive contre la vente {@de}
@news.policy.title.wildlife
La CITES va débattre du commerce {@de}
@news.policy.title.minerals
Vers la fin du mercure dans l'orpaillage

@news.policy.body
Le gouvernement a annoncé {when} que tout commerce {@de} sera interdit à partir de {monthname} {year}. \
{@quote}
{when}, les députés ont adopté une loi qui punit la vente {@de} de {n} ans de prison. {@context}
Les autorités détruiront publiquement {@haul} issus de saisies des {n} dernières années, a rapporté \
{outlet}. {@quote}
Le ministère de l'Environnement a indiqué {when} qu'aucune licence de commerce {@de} ne serait plus \
délivrée. {news.market_more}
Les exportateurs {@de} devront désormais prouver qu'ils respectent {@treaty}. {@context}

@news.feature.title
Comment le trafic {@de} s'invite sur {platform}
Sur la piste des trafiquants {@de} à {city}
« On le voit chaque semaine » : en première ligne contre le trafic {@de}
Le village qui a tourné le dos au commerce {@de}
@news.feature.title.wildlife
Les écogardes qui protègent {@owner} {en_country}
@news.feature.title.minerals
Le fleuve devenu gris : mercure et orpaillage en Guyane

@news.feature.body
Dans un village près de {city}, {person} se souvient de l'époque où le commerce {@de} rapportait gros. \
{@quote} {@context}
Des annonces {@de} ont été repérées sur {platform}, à environ {price}, selon {outlet}. \
{news.market_more} {@quote}
{!person}, {age} ans, observe le trafic {@de} depuis {n} ans. « Aujourd'hui, tout passe par le \
téléphone », résume {!person}. {@context}
@news.feature.body.wildlife
Chaque nuit, {nn} écogardes patrouillent à pied dans le parc. {person}, {age} ans, le fait depuis {n} \
ans. {news.market_more}

@enforcement.seizure.title
{agence_cap} saisissent {!@haul} {au_port}
Saisie de {!@haul} à {city}
Saisie record {@de} {au_port}
Une cargaison {@de} estimée à {value} découverte dans un conteneur
Importante saisie {@de} {en_country}

@enforcement.seizure.body
{when}, {@agence} ont saisi {!@haul} {au_port}, dans un conteneur déclaré comme \
<du bois|des déchets plastiques|du poisson congelé|de l'artisanat|des pièces auto>. La cargaison est \
estimée à {value}. {@quote}
{when}, {@agence} ont intercepté {!@haul} à destination {du_country}. Deux suspects ont été \
interpellés. {@quote} {@context}
La saisie de {!@haul} {au_port} est la plus importante de l'année, selon {outlet}. La cargaison venait \
{du_country}. [{@quote}]
Sur renseignement, {@agence} ont découvert {!@haul} dans un entrepôt de {city}, pour une valeur estimée \
à {value}. {seizure_more}

@seizure_more
L'enquête se poursuit.
Les suspects ont été placés en garde à vue.
La marchandise a été remise aux autorités compétentes.
Selon les enquêteurs, le réseau avait déjà utilisé cet itinéraire.

@enforcement.arrest.title
<Deux|Trois|Quatre> personnes interpellées pour vente {@de} sur {platform}
Un trafiquant présumé {@de} arrêté à {city}
Opération sous couverture : un vendeur {@de} interpellé
Arrêté {au_port} avec {!@haul}
Une femme interpellée après la découverte {@de} à son domicile

@enforcement.arrest.body
Les suspects ont été interpellés à {city} alors qu'ils tentaient de vendre {!@haul} à des agents \
infiltrés pour {price}. {@quote}
{agence_cap} ont arrêté {n} personnes {when} après plusieurs mois d'enquête sur la vente en ligne \
{@de}. {seizure_more}
Un homme de {age} ans a été arrêté {au_port} : {!@haul} se trouvaient dans ses bagages. {@quote}
Les enquêteurs se sont fait passer pour des acheteurs sur {platform} et ont convenu d'un prix de \
{price} avant l'interpellation. {seizure_more}

@enforcement.court.title
{n} ans de prison pour un trafiquant {@de}
Un vendeur {@de} condamné à {price} d'amende
Ouverture du procès d'un baron présumé du trafic {@de} à {city}
{n} hommes condamnés pour trafic {@de}
Appel rejeté dans une affaire de trafic {@de}

@enforcement.court.body
Le tribunal de {city} a condamné {when} {person} à {n} ans de prison ferme pour trafic {@de}. {@quote}
Le juge a infligé une amende de {value} et ordonné la confiscation de la marchandise. {@context}
Selon le parquet, les prévenus ont fait transiter {!@haul} par {port} pendant {n} ans. {seizure_more}
{person}, {age} ans, a reconnu la détention illégale {@de} et écopé d'une peine avec sursis. {@quote}

@enforcement.extraction.title
{@ex_title}

@ex_title.timber
Des exploitants illégaux arrêtés avec {!@haul} {en_country}
Descente dans une scierie qui transformait {@du} illégal
Coupe illégale {@de} dans un parc national
@ex_title.minerals
Orpaillage illégal : {!@haul} saisis en Guyane
Des orpailleurs clandestins interpellés près de {city}
Une filière de contrebande {@de} démantelée {en_country}
@ex_title.waste
Des conteneurs {@de} abandonnés illégalement {au_port}
Dépôt sauvage {@de} découvert près de {city}
{le_country} renvoie {!@haul} importés illégalement

@enforcement.extraction.body
{agence_cap} ont interpellé {n} personnes {when} et saisi {!@haul} lors d'une opération près de {city}. \
{@quote}
{@ex_body}
{@ex_body} {seizure_more}

@ex_body.timber
Les agents ont découvert {!@haul} au bord d'un fleuve, prêts à passer la frontière vers {le_country}. {@quote}
Selon les enquêteurs, le bois avait été coupé sans permis et déclaré comme bois ordinaire.
@ex_body.minerals
Sur le site, les gendarmes ont trouvé {!@haul} ainsi que du mercure servant à amalgamer l'or. {@quote}
Les orpailleurs travaillaient dans le fleuve depuis des mois, polluant l'eau de {nn} villages.
@ex_body.waste
Les inspecteurs ont découvert {!@haul} déclarés comme « biens d'occasion à réparer ». {@quote}
Les déchets avaient été déversés sur des terres agricoles près de {city} ; l'entreprise sera poursuivie.

@campaign.slogan.title
Non au commerce {@de}
N'achetez jamais {@de}
Stop au trafic {@de}
Avant d'acheter, réfléchissez : le commerce {@de} a un prix
@campaign.slogan.title.wildlife
Quand les achats s'arrêtent, les massacres aussi
Les animaux ne sont pas des souvenirs
#StopBraconnage : n'achetez pas {@de}
@campaign.slogan.title.waste
Notre pays n'est pas une poubelle

@campaign.slogan.body
Le commerce {@de} a un coût que d'autres paient. N'achetez pas et partagez ce message.
Si vous voyez {@du} en vente sur internet, signalez-le. Ensemble, protégeons {@owner}. {@ngo}
Nous nous engageons à ne jamais acheter {@de}. Signez avec nous à {city} ce {weekday}.
@campaign.slogan.body.wildlife
Chaque achat {@de} est une perte pour {@owner}. N'achetez pas, partagez. #StopBraconnage
Ni remède ni symbole de réussite : dites non au commerce {@de}.

@campaign.event.title
{@ngo} lance une campagne contre le commerce {@de} à {city}
Une pétition pour interdire la vente {@de} dépasse {nnnn} signatures
Semaine de sensibilisation contre la demande {@de}
Des élèves s'engagent à ne jamais acheter {@de}

@campaign.event.body
{@ngo} a lancé {when} à {city} une campagne appelant les consommateurs à refuser {@du}. \
Affiches et annonces en ligne pendant {n} mois. {@context}
Plus de {nnn} élèves ont signé l'engagement de ne jamais acheter {@de}. « Notre génération peut y \
mettre fin », a dit {person}.
Une pétition pour interdire la vente {@de} a dépassé {nnnn} signatures et sera remise aux députés {weekday}.
Des centaines de personnes ont défilé à {city} pour sensibiliser à la menace qui pèse sur {@owner}.

@campaign.appeal.title
Des artistes appellent leurs fans à refuser {@du}
Lettre ouverte : stop à la vente {@de} en ligne
{@ngo} demande à {platform} de retirer les annonces {@de}
Aidez-nous à protéger {@owner} : faites un don

@campaign.appeal.body
Dans une vidéo publiée {when}, {n} artistes connus demandent d'arrêter d'acheter {@du}. {@context}
{@ngo} a écrit à {platform} pour demander l'interdiction des annonces {@de}, jugeant les contrôles trop lents.
Votre don de {price} finance une semaine de travail sur le terrain. Aidez-nous à protéger {@owner}.
« Acheter {@du} n'est jamais anodin », a rappelé {person}, porte-parole de la campagne. \
« Partagez le message. »

@research.study.title
Une étude cartographie les routes du trafic {@de} via {le_country}
Des chercheurs relient le commerce {@de} aux dégâts observés {en_country}
Une nouvelle analyse révèle l'origine des saisies {@de}
Des scientifiques utilisent les isotopes pour retracer l'origine {@de}
@research.study.title.minerals
Taux de mercure élevés chez les poissons près des sites d'orpaillage

@research.study.body
Une étude publiée dans {@journal} a analysé {nnn} saisies {@de} entre {year1} et {year}. \
La plupart des cargaisons transitaient par {le_country}.
Des chercheurs de {uni} ont utilisé des empreintes chimiques pour localiser les zones d'origine {@de}. \
{@context}
« Nos données montrent que la demande pour {@use} reste le moteur principal », explique {person}, \
chercheur à {uni}.
L'article, publié dans {@journal}, croise les registres douaniers et des enquêtes de terrain dans {n} \
pays. {@context}

@research.education.title
Le saviez-vous ? Cinq faits sur le commerce {@de}
Fiche pédagogique : le trafic {@de} expliqué aux élèves
Pourquoi le commerce {@de} est-il encadré ?
Une exposition au musée retrace l'histoire du commerce {@de}
@research.education.title.wildlife
Quiz : que savez-vous sur {@owner} ?

@research.education.body
Question {n} : quel accord international encadre le commerce {@de} ? Réponse : {@treaty}.
Le saviez-vous ? Le commerce {@de} est réglementé depuis {year1}. Apprenez-en plus dans notre cours gratuit.
Cette leçon aide les élèves à comprendre l'origine {@de}, qui en profite et ce que dit la loi.
L'exposition du musée de {city} retrace l'histoire du commerce {@de} de l'époque coloniale à nos jours.

@research.survey.title
Sondage : {pct} % des consommateurs de {city} achèteraient {@du}
Un rapport recense {nnn} annonces {@de} en {n} mois
{@ngo} suit la vente {@de} sur {platform}
Enquête auprès des commerçants : la vente {@de} continue

@research.survey.body
Un sondage auprès de {nnnn} personnes à {city} montre que {pct} % ont acheté {@du} l'an dernier. {@context}
Des chercheurs ont relevé {nnn} annonces {@de} sur {platform}, à des prix allant de {price} à {bigprice}.
Le rapport, fondé sur {nn} visites de marchés à {city}, a trouvé une offre {@de} dans {pct} % des boutiques.
Les analystes ont surveillé {platform} pendant {n} mois ; la plupart des annonces indiquaient « prix en MP ».
"""

_PT = r"""
@city
São Paulo
Rio de Janeiro
Manaus
Belém
Recife
Salvador
Brasília
Porto Velho
Santarém
Cuiabá
Curitiba
Fortaleza
Lisboa
Porto
Luanda
Benguela
Maputo
Beira
Nampula
Pemba

@no_port
no porto de Santos
no aeroporto de Guarulhos
no porto de Paranaguá
no aeroporto de Manaus
no porto de Luanda
no porto de Maputo
no aeroporto de Lisboa
no porto de Belém
num posto de fronteira em Tabatinga
no aeroporto internacional de Luanda
no porto de Nacala
no aeroporto de Viracopos

@pelo_port
pelo porto de Santos
pelo aeroporto de Guarulhos
pelo porto de Paranaguá
pelo porto de Luanda
pelo porto de Maputo
pelo aeroporto de Lisboa
pelo porto de Nacala

@country
Brasil
Angola
Moçambique
Portugal
China
Vietnã
Hong Kong
Laos
Tailândia
Nigéria
Tanzânia
Peru
Colômbia
Bolívia
Venezuela
Guiana
Suriname
África do Sul

@no_country
no Brasil
em Angola
em Moçambique
em Portugal
na China
no Vietnã
em Hong Kong
no Laos
na Tailândia
na Nigéria
na Tanzânia
no Peru
na Colômbia
na Bolívia
na Venezuela
na Guiana
no Suriname
na África do Sul

@weekday
segunda-feira
terça-feira
quarta-feira
quinta-feira
sexta-feira
sábado
domingo

@monthname
janeiro
fevereiro
março
abril
maio
junho
julho
agosto
setembro
outubro
novembro
dezembro

@when
nesta {weekday}
na última {weekday}
na semana passada
no início do mês
em {day} de {monthname}
no fim de semana
na madrugada de {weekday}
nesta semana
em {monthname}

@first
João
Maria
José
Ana
Francisco
Antônia
Carlos
Juliana
Paulo
Fernanda
Lucas
Mariana
Rafael
Adriana
Manuel
Joaquina
Armando
Celeste
Domingos
Esperança

@last
Silva
Santos
Oliveira
Souza
Lima
Pereira
Costa
Ferreira
Rodrigues
Almeida
Carvalho
Gomes
Ribeiro
Machava
Cossa
Mondlane
Baptista
Neto
Fonseca
Tavares

@person
{first} {last}

@de_outlet
da Agência Brasil
da Lusa
do G1
da Folha de S.Paulo
do Jornal de Angola
do jornal Notícias
da imprensa local
de um jornal regional

@outlet
a Agência Brasil
a Lusa
o G1
a Folha de S.Paulo
o Jornal de Angola
o jornal Notícias
a imprensa local
a televisão pública
um jornal regional

@platform
Facebook
grupos de Facebook
grupos de WhatsApp
Instagram
OLX
Mercado Livre
sites de classificados
TikTok
canais do Telegram

@ngo
o WWF
a Renctas
a TRAFFIC
uma ONG local de conservação
a Wildlife Conservation Society
o Instituto Chico Mendes
a Fundação Kissama
@ngo.waste
o Greenpeace
uma associação de moradores
uma ONG ambiental
@ngo.minerals
o Instituto Socioambiental
uma ONG ambiental
o Greenpeace
@ngo.timber
o Greenpeace
o Imazon
o WWF
o Instituto Socioambiental

@journal
Conservation Biology
Biological Conservation
PLOS ONE
a revista Oryx
Science Advances
@journal.waste
Waste Management
Environmental Science & Technology
@journal.minerals
Environmental Research
Science of the Total Environment

@uni
Universidade de São Paulo
Universidade Federal do Amazonas
Universidade Eduardo Mondlane
Universidade Agostinho Neto
Universidade de Lisboa
Universidade Estadual de Campinas

@agencia
a Polícia Federal
a Polícia Rodoviária Federal
o Ibama
a Receita Federal
a polícia ambiental
a Polícia Militar
uma força-tarefa
a guarda costeira
@agencia.timber
o Ibama
a Polícia Federal
o ICMBio
a polícia ambiental
@agencia.waste
a Receita Federal
a fiscalização ambiental
a autoridade portuária
a Polícia Federal

@agencia_cap
A Polícia Federal
A Polícia Rodoviária Federal
O Ibama
A Receita Federal
A polícia ambiental
Uma força-tarefa
O Serviço de Investigação Criminal

@official
{person}, porta-voz da Polícia Federal
o promotor {person}
{person}, chefe da divisão de crimes ambientais
o superintendente {person}
{person}, delegado responsável pelo caso
{person}, fiscal do Ibama

@quote
"É uma rede muito organizada e estamos seguindo o dinheiro", disse {official}.
"Eles mudam de rota o tempo todo, mas nós também", afirmou {official}.
"Acreditamos que a carga tinha como destino compradores {no_country}", explicou {official}.
Segundo {official}, trata-se de um dos maiores casos do ano.
Novas prisões não estão descartadas, segundo {official}.
"Não vamos permitir que o país seja usado como rota de trânsito", declarou {official}.
@quote.wildlife
"Quem compra isso financia um crime que acaba com populações inteiras", disse {official}.
Os suspeitos vão responder por crime contra a fauna, segundo {official}.
"Acreditamos que a carga tinha como destino compradores {no_country}", explicou {official}.
Segundo {official}, foi uma das maiores apreensões do ano.

@context.wildlife
As populações de {@owner} caíram drasticamente na última década.
O comércio internacional de {@tname} é proibido pela CITES.
Conservacionistas alertam que {@owner} não resistirão a esse ritmo de perdas.
Segundo especialistas, a demanda para {@use} é a principal causa do declínio de {@owner}.
@context.timber
Boa parte da madeira é cortada em áreas protegidas e "esquentada" em serrarias legais.
O comércio de {@tname} é regulado pela CITES e exige licença de exportação.
A extração ilegal de madeira custa bilhões aos cofres públicos.
@context.minerals
O garimpo ilegal usa mercúrio para separar o ouro e contamina rios e peixes.
A Convenção de Minamata restringe o comércio e o uso do mercúrio.
Grande parte do ouro do garimpo ilegal sai do país sem pagar impostos.
@context.waste
A Convenção de Basileia proíbe enviar resíduos perigosos a países que não os aceitaram.
Ambientalistas denunciam que países ricos exportam lixo com o rótulo de reciclagem.
A queima de resíduos libera chumbo e dioxinas perto das casas.

@treaty.wildlife
a CITES
@treaty.timber
a CITES
@treaty.mercury
a Convenção de Minamata
@treaty.minerals
o código de mineração
@treaty.waste
a Convenção de Basileia

@tname.ivory
marfim
@tname.rhino_horn
chifre de rinoceronte
@tname.pangolin
pangolim
@tname.tiger
partes de tigre
@tname.shark_fin
barbatana de tubarão
@tname.bear_bile
bile de urso
@tname.tortoiseshell
casco de tartaruga
@tname.coral
coral
@tname.parrot
papagaios
@tname.rosewood
jacarandá-da-bahia
@tname.agarwood
madeira de agar
@tname.ebony
pau-preto
@tname.mahogany
mogno
@tname.sandalwood
sândalo vermelho
@tname.mercury
mercúrio
@tname.gold
ouro ilegal
@tname.gemstones
pedras preciosas
@tname.ewaste
lixo eletrônico
@tname.hazardous_waste
resíduos perigosos
@tname.batteries
baterias usadas

@name.ivory
marfim
presas de elefante
marfim bruto
@name.rhino_horn
chifre de rinoceronte
chifres de rinoceronte
@name.pangolin
escamas de pangolim
pangolins
@name.tiger
peles de tigre
ossos de tigre
@name.shark_fin
barbatanas de tubarão
barbatana de tubarão seca
@name.bear_bile
bile de urso
vesículas de urso
@name.tortoiseshell
casco de tartaruga-de-pente
carapaças de tartaruga
@name.coral
coral vermelho
coral precioso
@name.parrot
papagaios
araras
papagaios-verdadeiros
filhotes de papagaio
@name.rosewood
jacarandá-da-bahia
pau-rosa
@name.agarwood
madeira de agar
pau-de-águila
@name.ebony
pau-preto
ébano
@name.mahogany
mogno
toras de mogno
@name.sandalwood
sândalo vermelho
sândalo
@name.mercury
mercúrio
azougue
mercúrio líquido
@name.gold
ouro de garimpo
ouro em pó
pepitas de ouro
@name.gemstones
pedras preciosas brutas
esmeraldas brutas
turmalinas brutas
@name.ewaste
lixo eletrônico
sucata eletrônica
@name.hazardous_waste
resíduos perigosos
óleo lubrificante usado
resíduos químicos
@name.batteries
baterias usadas
sucata de baterias

@owner.ivory
elefantes
@owner.rhino_horn
rinocerontes
@owner.pangolin
pangolins
@owner.tiger
tigres
@owner.shark_fin
tubarões
@owner.bear_bile
ursos
@owner.tortoiseshell
tartarugas marinhas
@owner.coral
recifes
@owner.parrot
papagaios
@owner.timber
florestas
@owner.minerals
rios
comunidades indígenas
@owner.waste
moradores perto de lixões

@use.wildlife
a medicina tradicional
entalhes e joias
presentes de luxo
@use.parrot
o comércio de animais de estimação
@use.shark_fin
a sopa de barbatana
@use.bear_bile
remédios tradicionais
@use.timber
móveis de luxo
instrumentos musicais
@use.minerals
joalheria
@use.mercury
o garimpo
@use.waste
a reciclagem barata

@haul
{nnn} quilos de {@name}
{dec} toneladas de {@name}
{nn} sacos de {@name}
um contêiner de {@name}
@haul.ivory
{nnn} presas de elefante
{dec} toneladas de marfim
{nn} peças de marfim entalhado
@haul.rhino_horn
{n} chifres de rinoceronte
{nn} quilos de chifre de rinoceronte
@haul.pangolin
{dec} toneladas de escamas de pangolim
@haul.parrot
{nn} filhotes de papagaio
{nnn} aves silvestres
{nn} araras
@haul.rosewood
{nnn} toras de jacarandá
{nnn} metros cúbicos de pau-rosa
@haul.mahogany
{nnn} metros cúbicos de mogno
{nnn} toras de mogno
@haul.ebony
{nnn} toras de pau-preto
@haul.mercury
{nnn} quilos de mercúrio
{nn} frascos de mercúrio
@haul.gold
{dec} quilos de ouro
{nn} quilos de ouro em pó
@haul.gemstones
{nn} quilos de esmeraldas brutas
@haul.ewaste
{nnn} toneladas de lixo eletrônico
@haul.hazardous_waste
{nnn} tambores de resíduos perigosos
@haul.batteries
{nnn} toneladas de baterias usadas

@item.ivory
pulseira de marfim entalhado
netsuke antigo de marfim
par de presas de elefante
hashis de marfim
estatueta antiga de marfim
@item.rhino_horn
copo de chifre de rinoceronte
chifre de rinoceronte inteiro
pó de chifre de rinoceronte
@item.pangolin
escamas de pangolim secas
pó de escama de pangolim
@item.tiger
tapete de pele de tigre
pingente de garra de tigre
dente de tigre
@item.shark_fin
barbatana de tubarão seca
barbatanas de tubarão tipo exportação
@item.bear_bile
bile de urso em pó
vesícula de urso
@item.tortoiseshell
pente de casco de tartaruga legítimo
pulseira de casco de tartaruga
@item.coral
colar de coral vermelho
galho de coral natural
@item.parrot
filhote de papagaio-verdadeiro
arara-azul filhote
casal de papagaios
papagaio manso falando
@item.rosewood
toras de jacarandá-da-bahia
tábuas de jacarandá
@item.agarwood
lascas de madeira de agar
pulseira de agar
@item.ebony
toras de pau-preto
tarugos de ébano
@item.mahogany
toras de mogno
tábuas de mogno
@item.sandalwood
toras de sândalo vermelho
lascas de sândalo
@item.mercury
mercúrio líquido 99,99%
azougue em frasco
@item.gold
ouro em pó de garimpo
pepitas de ouro
ouro bruto 22k
@item.gemstones
esmeraldas brutas
turmalinas brutas da Paraíba
lote de pedras brutas
@item.ewaste
sucata de placas eletrônicas
placas-mãe usadas
sucata de processadores
@item.hazardous_waste
óleo lubrificante usado
óleo de transformador usado
@item.batteries
baterias automotivas usadas
sucata de baterias de chumbo

@prod.offer
{@item}

@tam
tam <P|M|G|GG>
tamanho <36|38|40|42>

@prod.colour_material.ivory
vestido de noiva cor marfim[, {tam}]
vestido de renda off white marfim[, {tam}]
cortina de linho cor marfim
tinta acrílica fosca cor marfim, 3,6 L
bolsa de couro cor marfim
cardigã de tricô marfim[, {tam}]
@prod.colour_material.tortoiseshell
óculos de sol tartaruga
armação de acetato efeito tartaruga
piranha de cabelo estampa tartaruga
@prod.colour_material.tiger
lenço de seda estampa de tigre
moletom estampa de tigre[, {tam}]
pomada Tiger Balm 30 g
@prod.colour_material.coral
batom cor coral
vestido de verão cor coral[, {tam}]
manta de microfibra coral
@prod.colour_material.gold
brinco dourado de bijuteria
colar banhado a ouro
pulseira de relógio cor ouro rosé
@prod.colour_material.rosewood
piso laminado padrão jacarandá
porta de cozinha efeito jacarandá
@prod.colour_material.mahogany
tintura para cabelo cor mogno
verniz para madeira tom mogno
@prod.colour_material.ebony
moldura efeito ébano
porcelanato cor ébano
@prod.colour_material.sandalwood
vela aromática de sândalo
sabonete perfumado de sândalo
@prod.colour_material.shark_fin
antena barbatana de tubarão para carro

@prod.fake.ivory
netsuke de resina imitando marfim
pulseira de resina tipo marfim
pingente de osso bovino entalhado
escultura de tagua (marfim vegetal)
jogo de xadrez imitação de marfim
@prod.fake.rhino_horn
copo de chifre de búfalo estilo rinoceronte
réplica de chifre de rinoceronte em resina
@prod.fake.tortoiseshell
pente de acetato imitando tartaruga
pulseira de celuloide tipo tartaruga
@prod.fake.coral
colar de coral sintético
galho de coral de resina para aquário
@prod.fake.tiger
tapete de pele sintética de tigre
garra de tigre de resina
@prod.fake.agarwood
óleo de oud sintético
@prod.fake.rosewood
mesa de MDF com lâmina imitando jacarandá
@prod.fake.gemstones
anel com esmeralda de laboratório
rubis sintéticos
pingente de zircônia verde
@prod.fake.gold
pepita de bijuteria banhada a ouro
barra decorativa imitação de ouro

@note.offer.wildlife
Peça antiga de coleção particular.
Legítimo, não é resina, pode testar.
Sem documentos, só compradores sérios.
Herança de família, vendo por mudança.
Pesado e gelado ao toque, 100% original.
@note.offer.parrot
Criado na mão, muito manso, já come sozinho.
Sexagem por DNA, saudável.
@note.offer.timber
Madeira de primeira, pesada e oleosa.
Madeira seca, pronta para trabalhar.
Cheiro natural forte.
@note.offer.minerals
Pureza testada.
Direto do garimpo.
Faço teste antes da venda.
@note.offer.waste
Documentação de exportação por nossa conta.
Fornecimento mensal garantido.
Carregamos no nosso pátio.
@note.fake
Não é verdadeiro, é réplica decorativa.
Feito de resina, não é o material original.
É imitação, totalmente legal.
Material sintético, não natural.
Reprodução, sem produtos de origem animal.
@note.fake.ivory
É resina, não é marfim.
É osso, não é marfim.
@note.fake.rhino_horn
Feito de chifre de búfalo, não é de rinoceronte.
@note.fake.gemstones
Pedra criada em laboratório, não é de garimpo.
@note.fake.gold
Banhado a ouro, não é ouro maciço.
@note.colour_material
A cor pode variar um pouco conforme a tela.
Novo, nunca usado.
Sem uso, na embalagem original.
Vendo porque ficou grande.
@note.colour_material.ivory
Cor marfim, não é branco puro.
@note.colour_material.gold
Cor dourada, não é ouro.

@spec.offer.wildlife
Material: {@name} 100% original
Peso: {nnn} g
Estado: antigo, pátina natural
Origem: {country}
@spec.offer.parrot
Idade: {n} meses
Anilhado
@spec.offer.timber
Madeira: {@name}, 100% original
Medidas: {nn} x {nn} x {nnn} cm
Origem: {country}
@spec.offer.minerals
Pureza: 99,{n}%
Pedido mínimo: {nn} kg
@spec.offer.waste
Quantidade: {nn} toneladas por mês
Carregamento em {city}
@spec.colour_material
Cor: igual à foto
Estado: <novo|seminovo|usado uma vez>
Marca: {m.shop}
@spec.fake
Material: <resina|plástico|osso|acrílico|vidro|sintético>
Altura: {nn} cm
Estado: novo

@m.open
Vendo
Vende-se
Tenho
Disponível:
Estou vendendo
Desapegando de

@m.cond
ótimo estado
bom estado
estado de novo
qualidade top
peça rara

@m.price_line
Preço {price}.
{price} cada.
{price}, negociável.
Preço no privado.
Consulte o preço.
{price} ou proposta.
Só {price}.
Valor: {price} a peça.
Preço especial para compradores sérios.

@m.contact
Chama no zap {phone}.
Interessados chamar no privado.
Me chama no direct.
WhatsApp {phone}.
Só interessados, inbox.
Ligue {phone}.
Entre em contato para mais fotos.

@m.ship
Envio para todo o Brasil.
Entrega grátis em {city}.
Entrego em mãos em {city}.
Envio discreto.
Envio pelos Correios, frete {price}.
Envio internacional.

@m.pay
Aceito Pix ou dinheiro.
Pagamento na entrega em {city}.
Parcelo no cartão.
Pagamento por transferência.

@m.emoji
🔥
✅
⭐
💯
📦

@m.shop
Loja {last}
Bazar {city}
Antiquário {last}
Casa Bela
Boutique Lua

@m.company
Comercial {last}
Exportadora {city}
Grupo {last} Ltda.
Recursos do Norte

@listing.classified.title
<Vendo|Vende-se|Desapego:> {!@prod}
{!@prod} à venda
{!@prod} - {price}
{!@prod}, {m.cond}
{!@prod} disponível
{!@prod} {m.emoji}
{!@prod} em {city}

@listing.classified.body
{m.open} {!@prod}, {m.cond}. {@note} {m.price_line} {m.contact}[ {m.ship}]
{!@prod}. {@note} {m.price_line}[ {m.pay}] {m.contact}
{m.emoji} {!@prod} {m.emoji}\n{@note}\n{m.price_line}\n{m.contact}[\n{m.ship}]
{m.open} {!@prod} em {city}. {m.price_line} {m.ship} {m.contact}
Olá, {m.open} {!@prod}. {@note} {m.contact} {m.price_line}

@listing.shop.title
{!@prod} | {m.shop}
Novidade: {!@prod}
{!@prod} - frete grátis
{!@prod} ({nnn} vendidos)
{!@prod} – pronta entrega
[Promoção] {!@prod} {m.emoji}

@listing.shop.body
{!@prod}\n- {@spec}\n- {@spec}\n{@note}\n{m.price_line} {m.ship}
Bem-vindo à {m.shop}! {!@prod}. {@spec}. {@note} Adicione ao carrinho. {m.ship}
{!@prod}. {@spec}. {m.price_line} Faça seu pedido, {m.ship}[ {m.pay}]
{m.emoji} {!@prod}\n{@spec}\n{@note}\nPronta entrega, compre já. {m.ship}

@listing.auction.title
Lote {nnn}: {!@prod}
{!@prod} (lote {nn})
Leilão: {!@prod}
{!@prod}, lance inicial {price}

@listing.auction.body
Lote {nnn}. {!@prod}. {@note} Estimativa {pricerange}. Comissão do leiloeiro {fee}%. {m.ship}
{!@prod}, de coleção particular de {city}. {@spec}. Lance inicial {price}. O leilão termina na {weekday}.
Leilão ao vivo na {weekday}: {!@prod}. Lance mínimo {price}. {@note}

@listing.wholesale.title
{!@prod} no atacado
Atacado: {!@prod}
Fornecedor de {!@prod}
{!@prod} para exportação, preço de atacado

@listing.wholesale.body
Somos a {m.company}, fornecedora de {!@prod} para clientes em {nn} países. Pedido mínimo {nn} unidades. \
Preço {bigprice} o lote. {m.pay} WhatsApp {phone}.
A {m.company} oferece {!@prod} no atacado. {@spec}. {@note} Preço {bigprice}, FOB {city}. Só \
compradores sérios.
Atacado e varejo: {!@prod}. {@spec}. Envio por navio ou DHL. {m.contact}

@listing.chat.title
alguém procurando {!@prod}?
{!@prod} baratinho
preciso vender {!@prod}
{!@prod} pra quem tiver interesse

@listing.chat.body
tenho {!@prod} se alguém tiver interesse, {m.price_line} {m.contact}
vendendo {!@prod} de um amigo, {@note} {m.price_line} encontro em {city}
oi gente, tenho {!@prod}, {m.contact} {m.ship}
ainda tenho {!@prod}, {m.price_line} {m.contact}

@news.market.title
Preço de {@tname} <cai|sobe|dispara|despenca> em {city}
Comércio de {@tname} migra para as redes sociais
Demanda por {@tname} continua alta, dizem <comerciantes|pesquisadores|autoridades>
Como funciona o mercado clandestino de {@tname} em {city}
Mercado de {@tname} cresce {no_country}

@news.market.body
{news.market_lead} {news.market_more} [{@quote}]
{when}, {outlet} informou que {news.market_fact} {news.market_more}
{news.market_fact_cap} {@quote} {news.market_more}
[{city}, {weekday}. ]{news.market_lead} {@context}

@news.market_lead
O preço de {@tname} em {city} <caiu|subiu> cerca de {pct}% desde {year1}, segundo comerciantes.
Intermediários de {city} pedem cerca de {price} pelo quilo de {@tname}, bem abaixo do pico de {year1}.
O mercado de {@tname} saiu das feiras e foi para {platform}, dizem os investigadores.
Compradores de {@tname} {no_country} agora fecham negócio por aplicativo de mensagens.

@news.market_fact
intermediários pediam {price} pelo quilo de {@tname}.
havia venda aberta de {@tname} em pelo menos {nn} lojas de {city}.
a demanda por {@tname} para {@use} quase não mudou.

@news.market_fact_cap
Comerciantes de {city} dizem que o quilo de {@tname} ainda sai por cerca de {price}.
Segundo vendedores, a maioria dos clientes procura {@tname} para {@use}.

@news.market_more
Especialistas dizem que o preço cai quando a fiscalização aperta e volta a subir depois.
A maior parte das vendas acontece em grupos fechados, difíceis de rastrear.
O comércio é ilegal {no_country}, mas ainda há brechas.
As autoridades acreditam que boa parte vem de fora, sobretudo de {country}.

@news.policy.title
Governo <proíbe|endurece regras para|veta> o comércio de {@tname}
Nova lei sobre {@tname} entra em vigor
Estoques apreendidos de {@tname} serão destruídos
Governo anuncia ofensiva contra a venda de {@tname}
@news.policy.title.wildlife
CITES vai debater o comércio de {@tname}
@news.policy.title.minerals
Governo quer banir o mercúrio do garimpo

@news.policy.body
O governo anunciou {when} que todo comércio de {@tname} será proibido a partir de {monthname} de \
{year}. {@quote}
{when}, o Congresso aprovou lei que pune a venda de {@tname} com até {n} anos de prisão. {@context}
As autoridades vão destruir em público {@haul} vindos de apreensões dos últimos {n} anos, informou \
{outlet}. {@quote}
O Ministério do Meio Ambiente informou {when} que não vai mais emitir licenças para o comércio de \
{@tname}. {news.market_more}
Pelas novas regras, exportadores de {@tname} terão de comprovar que cumprem {@treaty}. {@context}

@news.feature.title
Como a venda de {@tname} chegou a {platform}
Na pista dos traficantes de {@tname} em {city}
"A gente vê toda semana": a linha de frente contra o tráfico de {@tname}
A comunidade que virou as costas para o comércio de {@tname}
@news.feature.title.wildlife
Os guardas-parque que protegem {@owner} {no_country}
@news.feature.title.minerals
O rio que ficou cinza: mercúrio e garimpo na Amazônia

@news.feature.body
Numa comunidade perto de {city}, {person} lembra do tempo em que o negócio de {@tname} dava dinheiro \
fácil. {@quote} {@context}
Jornalistas {de_outlet} encontraram anúncios de {@tname} em {platform}, com preços de cerca de {price}. \
{news.market_more} {@quote}
{!person}, de {age} anos, acompanha o tráfico de {@tname} há {n} anos. "Hoje tudo é pelo celular", \
resume {!person}. {@context}
@news.feature.body.wildlife
Toda noite, {nn} guardas-parque patrulham a pé. {person}, de {age} anos, faz isso há {n} anos. \
{news.market_more}

@enforcement.seizure.title
{agencia_cap} apreende {!@haul} {no_port}
Apreensão de {!@haul} em {city}
Apreensão recorde de {@tname} {no_port}
Carga de {@tname} avaliada em {value} é achada em contêiner
Grande apreensão de {@tname} {no_country}

@enforcement.seizure.body
{agencia_cap} apreendeu {when} {no_port} {!@haul} num contêiner declarado como \
<madeira|sucata plástica|peixe congelado|artesanato|autopeças>. A carga foi avaliada em {value}. {@quote}
{when}, {@agencia} interceptou {!@haul} com destino a {country}. Dois suspeitos foram presos. {@quote} \
{@context}
A apreensão de {!@haul} {no_port} é a maior do ano, segundo {outlet}. A carga vinha de {country}. [{@quote}]
Após denúncia anônima, {@agencia} apreendeu {!@haul} num galpão em {city}. A carga vale cerca de \
{value}. {seizure_more}

@seizure_more
As investigações continuam.
Os suspeitos foram levados para a delegacia.
O material ficou sob custódia das autoridades.
Segundo a polícia, a quadrilha já tinha usado a mesma rota outras vezes.

@enforcement.arrest.title
<Dois|Três|Quatro> são presos por vender {@tname} em {platform}
Polícia prende suspeito de tráfico de {@tname} em {city}
Operação disfarçada termina com prisão de vendedor de {@tname}
Preso {no_port} com {!@haul}
Mulher é presa após polícia achar {@tname} em casa

@enforcement.arrest.body
Os suspeitos foram presos em {city} quando tentavam vender {!@haul} a policiais disfarçados por \
{price}. {@quote}
{agencia_cap} prendeu {n} pessoas {when} após meses de investigação sobre a venda on-line de {@tname}. \
{seizure_more}
Um homem de {age} anos foi preso {no_port} com {!@haul} na bagagem. {@quote}
Os agentes se passaram por compradores em {platform} e combinaram o preço de {price} antes da prisão. \
{seizure_more}

@enforcement.court.title
Traficante de {@tname} é condenado a {n} anos de prisão
Justiça multa vendedor de {@tname} em {price}
Começa em {city} o julgamento de suposto chefe do tráfico de {@tname}
{n} homens condenados por tráfico de {@tname}
Tribunal rejeita recurso em caso de tráfico de {@tname}

@enforcement.court.body
A Justiça de {city} condenou {when} {person} a {n} anos de prisão por tráfico de {!@haul}. {@quote}
O juiz aplicou multa de {value} e determinou o perdimento da mercadoria. {@context}
Segundo o Ministério Público, os réus movimentaram {!@haul} {pelo_port} durante {n} anos. {seizure_more}
{person}, de {age} anos, confessou a posse ilegal de {@tname} e recebeu pena alternativa. {@quote}

@enforcement.extraction.title
{@ex_title}

@ex_title.timber
Madeireiros ilegais são presos com {!@haul}
Operação fecha serraria que processava {@tname} ilegal
Ibama flagra extração ilegal de {@tname} em terra indígena
@ex_title.minerals
Operação contra garimpo ilegal apreende {!@haul}
Garimpeiros são presos perto de {city}
Polícia desmonta rota de contrabando de {@tname}
@ex_title.waste
Contêineres de {@tname} são abandonados ilegalmente {no_port}
Descarte ilegal de {@tname} é descoberto perto de {city}
{country} devolve {!@haul} enviados ilegalmente

@enforcement.extraction.body
{agencia_cap} prendeu {n} pessoas {when} e apreendeu {!@haul} numa operação contra atividades ilegais \
perto de {city}. {@quote}
{@ex_body}
{@ex_body} {seizure_more}

@ex_body.timber
Os fiscais encontraram {!@haul} na beira do rio, prontos para seguir rumo a {country}. {@quote}
Segundo os investigadores, a madeira foi cortada sem licença e declarada como madeira comum.
@ex_body.minerals
No local, os agentes acharam {!@haul} e mercúrio usado para separar o ouro. {@quote}
Os garimpeiros trabalhavam no rio havia meses, contaminando a água de {nn} aldeias.
@ex_body.waste
Os fiscais encontraram {!@haul} com declaração falsa de "produtos usados para conserto". {@quote}
Os resíduos foram descartados ilegalmente em terras agrícolas perto de {city}; a empresa vai responder \
na Justiça.

@campaign.slogan.title
Diga não a {@tname}
Não compre {@tname}. Nunca.
Chega de tráfico de {@tname}
Antes de comprar, pense: {@tname}
@campaign.slogan.title.wildlife
Quando a compra acaba, a matança também
Animal silvestre não é lembrancinha
#TráficoDeAnimaisNão: não compre {@tname}
@campaign.slogan.title.waste
Nosso país não é lixão

@campaign.slogan.body
Comprar {@tname} tem um custo que outros pagam. Não compre e compartilhe com os amigos.
Se você vir {@tname} à venda na internet, denuncie. Juntos podemos proteger {@owner}. {@ngo}
Nós nos comprometemos a nunca comprar {@tname}. Assine com a gente em {city} neste {weekday}.
@campaign.slogan.body.wildlife
Cada compra de {@tname} é uma perda para {@owner}. Não compre, compartilhe. #TráficoDeAnimaisNão
Nem remédio, nem símbolo de status: diga não a {@tname}.

@campaign.event.title
{@ngo} lança campanha contra o comércio de {@tname} em {city}
Abaixo-assinado para proibir a venda de {@tname} passa de {nnnn} assinaturas
Semana de conscientização contra a demanda por {@tname}
Alunos se comprometem a não comprar {@tname}

@campaign.event.body
{@ngo} lançou {when} em {city} uma campanha para que consumidores rejeitem {@tname}. \
Outdoors e anúncios nas redes vão circular por {n} meses. {@context}
Mais de {nnn} alunos assinaram o compromisso de não comprar {@tname}. "Nossa geração pode acabar com \
isso", disse {person}.
Um abaixo-assinado pela proibição da venda de {@tname} passou de {nnnn} assinaturas e será entregue ao \
Congresso.
Centenas de pessoas caminharam em {city} para chamar atenção para a ameaça a {@owner}.

@campaign.appeal.title
Artistas pedem que fãs rejeitem {@tname}
Carta aberta: chega de vender {@tname} pela internet
{@ngo} cobra que {platform} retire anúncios de {@tname}
Ajude a proteger {@owner}: doe hoje

@campaign.appeal.body
Num vídeo publicado {when}, {n} artistas famosos pediram que o público pare de comprar {@tname}. {@context}
{@ngo} enviou carta a {platform} pedindo a proibição de anúncios de {@tname}, porque a fiscalização é lenta.
Sua doação de {price} financia uma semana de trabalho de campo. Ajude a proteger {@owner}.
"Comprar {@tname} nunca é inofensivo", disse {person}, porta-voz da campanha. "Compartilhem."

@research.study.title
Estudo mapeia rotas do tráfico de {@tname} {no_country}
Pesquisadores ligam comércio de {@tname} a danos {no_country}
Nova análise revela a origem das apreensões de {@tname}
Cientistas usam isótopos para rastrear {@tname}
@research.study.title.minerals
Peixes perto de garimpos têm mercúrio acima do limite, aponta estudo

@research.study.body
Um estudo publicado em {@journal} analisou {nnn} apreensões de {@tname} entre {year1} e {year}. \
A maior parte das cargas passou por {country}.
Pesquisadores da {uni} usaram assinaturas químicas de apreensões de {@tname} para identificar áreas de \
origem. {@context}
"Nossos dados mostram que a demanda para {@use} continua sendo o principal motor", disse {person}, \
professor da {uni}.
O artigo, publicado em {@journal}, cruza registros aduaneiros e pesquisas de campo em {n} países. {@context}

@research.education.title
Você sabia? Cinco fatos sobre {@tname}
Plano de aula: o tráfico de {@tname} explicado aos alunos
Por que o comércio de {@tname} é regulado?
Exposição no museu conta a história do comércio de {@tname}
@research.education.title.wildlife
Quiz: quanto você sabe sobre {@owner}?

@research.education.body
Pergunta {n}: Qual acordo internacional regula o comércio de {@tname}? Resposta: {@treaty}.
Você sabia que o comércio de {@tname} é regulado desde {year1}? Saiba mais no nosso curso gratuito.
Esta aula ajuda os alunos a entender a origem de {@tname}, quem lucra e o que diz a lei.
A exposição do museu de {city} conta a história de {@tname} desde o período colonial até hoje.

@research.survey.title
Pesquisa: {pct}% dos consumidores de {city} comprariam {@tname}
Relatório encontra {nnn} anúncios de {@tname} em {n} meses
{@ngo} monitora a venda de {@tname} em {platform}
Levantamento com comerciantes mostra que a venda de {@tname} continua

@research.survey.body
Uma pesquisa com {nnnn} pessoas em {city} mostrou que {pct}% compraram {@tname} no último ano. {@context}
Uma equipe de pesquisadores registrou {nnn} anúncios de {@tname} em {platform}, com preços de {price} a \
{bigprice}.
O relatório, baseado em {nn} visitas a mercados de {city}, encontrou oferta de {@tname} em {pct}% das lojas.
Os analistas monitoraram {platform} por {n} meses; a maioria dos anúncios dizia "preço no privado".
"""

_ID = r"""
@city
Jakarta
Surabaya
Medan
Pekanbaru
Palembang
Makassar
Manado
Bitung
Pontianak
Samarinda
Balikpapan
Denpasar
Semarang
Bandung
Jambi
Banda Aceh
Ambon
Jayapura
Sorong
Kupang
Batam
Lampung
Bengkulu
Palu

@port
Pelabuhan Tanjung Priok
Pelabuhan Tanjung Perak
Bandara Soekarno-Hatta
Pelabuhan Belawan
Bandara Ngurah Rai
Pelabuhan Bitung
Pelabuhan Dumai
Pelabuhan Bakauheni
Bandara Kualanamu
Pelabuhan Soekarno-Hatta Makassar
Pelabuhan Merak
Bandara Sultan Hasanuddin

@country
Malaysia
Singapura
Vietnam
China
Hong Kong
Thailand
Filipina
Taiwan
Korea Selatan
Jepang
Timor Leste
Papua Nugini

@weekday
Senin
Selasa
Rabu
Kamis
Jumat
Sabtu
Minggu

@monthname
Januari
Februari
Maret
April
Mei
Juni
Juli
Agustus
September
Oktober
November
Desember

@when
pada {weekday}
{weekday} lalu
pekan lalu
awal bulan ini
pada {day} {monthname}
akhir pekan lalu
{weekday} dini hari
minggu ini
pada {monthname} lalu

@first
Budi
Siti
Agus
Dewi
Andi
Rina
Hendra
Yuni
Bambang
Sri
Rudi
Wati
Eko
Nur
Joko
Fitri
Made
Putu
Yohanes
Maria

@last
Santoso
Wijaya
Saputra
Hidayat
Siregar
Nasution
Lubis
Simanjuntak
Pratama
Setiawan
Gunawan
Sembiring
Tanjung
Harahap
Wibowo
Kurniawan
Rahman
Manurung
Pasaribu
Sitompul

@person
{first} {last}

@outlet
Antara
Kompas.com
Detikcom
Tempo
Liputan6
media lokal
stasiun televisi nasional
Tribunnews

@platform
Facebook
grup Facebook
WhatsApp
Instagram
marketplace online
situs jual beli
TikTok
grup Telegram
Shopee dan Tokopedia

@ngo
WWF Indonesia
Wildlife Conservation Society Indonesia
TRAFFIC
Yayasan Scorpion
Profauna
lembaga konservasi setempat
Garda Animalia
@ngo.waste
Ecoton
Walhi
Greenpeace Indonesia
Nexus3 Foundation
@ngo.minerals
Jatam
Walhi
Nexus3 Foundation
@ngo.timber
Forest Watch Indonesia
Walhi
Greenpeace Indonesia
Auriga Nusantara

@journal
Conservation Biology
Biological Conservation
PLOS ONE
jurnal Oryx
Global Ecology and Conservation
@journal.waste
Waste Management
Environmental Science & Technology
@journal.minerals
Environmental Research
Science of the Total Environment

@uni
Institut Pertanian Bogor
Universitas Indonesia
Universitas Gadjah Mada
Universitas Sumatera Utara
Universitas Hasanuddin
Universitas Udayana

@aparat
polisi
petugas Bea Cukai
tim Gakkum KLHK
petugas BKSDA
petugas Balai Karantina
Ditreskrimsus Polda
personel TNI AL
tim gabungan
@aparat.timber
tim Gakkum KLHK
polisi kehutanan
petugas Dinas Kehutanan
tim gabungan
@aparat.waste
petugas Bea Cukai
tim Gakkum KLHK
petugas Dinas Lingkungan Hidup
polisi
@aparat.minerals
polisi
tim gabungan TNI-Polri
petugas Polres

@official
{person}, Kabid Humas Polda
Kepala Balai Gakkum, {person}
{person}, Kepala Kantor Bea Cukai
Kapolres {person}
{person}, penyidik Gakkum KLHK
Kepala BKSDA, {person}

@quote
"Ini jaringan yang terorganisir, kami masih menelusuri aliran dananya," ujar {official}.
"Mereka terus mengganti rute, kami juga terus menyesuaikan," kata {official}.
"Diduga barang ini akan dikirim ke pembeli di {country}," jelas {official}.
Menurut {official}, kasus ini termasuk yang terbesar tahun ini.
Tidak menutup kemungkinan ada tersangka lain, kata {official}.
"Kami tidak akan membiarkan Indonesia dijadikan jalur transit," tegas {official}.
@quote.wildlife
"Pembeli barang seperti ini ikut mendanai kejahatan yang memusnahkan satwa," ujar {official}.
Para pelaku dijerat UU Nomor 5 Tahun 1990 tentang Konservasi, kata {official}.
"Diduga barang ini akan dikirim ke pembeli di {country}," jelas {official}.
Menurut {official}, ini salah satu penyitaan terbesar tahun ini.

@context.wildlife
Populasi {@owner} di alam terus menurun dalam sepuluh tahun terakhir.
Perdagangan internasional {@tname} dilarang berdasarkan CITES.
Para pegiat konservasi memperingatkan {@owner} bisa punah jika perburuan terus terjadi.
Menurut para ahli, permintaan untuk {@use} menjadi pendorong utama menurunnya populasi {@owner}.
@context.timber
Sebagian besar kayu ditebang di kawasan hutan lindung lalu dicuci lewat industri resmi.
Perdagangan {@tname} diatur dalam CITES dan wajib memiliki izin ekspor.
Pembalakan liar merugikan negara triliunan rupiah setiap tahun.
@context.minerals
Penambang emas tanpa izin memakai merkuri untuk mengikat emas sehingga mencemari sungai dan ikan.
Konvensi Minamata membatasi perdagangan dan penggunaan merkuri.
Sebagian besar emas dari tambang ilegal keluar tanpa membayar pajak.
@context.waste
Konvensi Basel melarang pengiriman limbah berbahaya ke negara yang tidak menyetujuinya.
Aktivis lingkungan menuding negara maju mengekspor sampah dengan label daur ulang.
Pembakaran limbah melepaskan timbal dan dioksin di dekat permukiman.

@treaty.wildlife
CITES
@treaty.timber
CITES
@treaty.mercury
Konvensi Minamata
@treaty.minerals
UU Minerba
@treaty.waste
Konvensi Basel

@tname.ivory
gading gajah
@tname.rhino_horn
cula badak
@tname.pangolin
trenggiling
@tname.tiger
bagian tubuh harimau
@tname.shark_fin
sirip hiu
@tname.bear_bile
empedu beruang
@tname.tortoiseshell
sisik penyu
@tname.coral
karang hias
@tname.parrot
burung paruh bengkok
@tname.rosewood
kayu sonokeling
@tname.agarwood
gaharu
@tname.ebony
kayu eboni
@tname.mahogany
kayu mahoni
@tname.sandalwood
kayu cendana
@tname.mercury
merkuri
@tname.gold
emas ilegal
@tname.gemstones
batu permata
@tname.ewaste
limbah elektronik
@tname.hazardous_waste
limbah B3
@tname.batteries
aki bekas

@name.ivory
gading gajah
gading
taring gajah
@name.rhino_horn
cula badak
@name.pangolin
sisik trenggiling
trenggiling
daging trenggiling
@name.tiger
kulit harimau
tulang harimau
taring harimau
@name.shark_fin
sirip hiu
sirip hiu kering
@name.bear_bile
empedu beruang
@name.tortoiseshell
sisik penyu
cangkang penyu sisik
@name.coral
karang hias
koral merah
terumbu karang
@name.parrot
burung kakatua
burung nuri
kakatua jambul kuning
burung paruh bengkok
@name.rosewood
kayu sonokeling
kayu rosewood
@name.agarwood
gaharu
kayu gaharu
@name.ebony
kayu eboni
kayu hitam Sulawesi
@name.mahogany
kayu mahoni
@name.sandalwood
kayu cendana
cendana merah
@name.mercury
merkuri
air raksa
@name.gold
emas mentah
butiran emas
emas aluvial
@name.gemstones
batu permata mentah
bongkahan batu mulia
safir mentah
@name.ewaste
limbah elektronik
sampah elektronik
@name.hazardous_waste
limbah B3
oli bekas
limbah kimia
@name.batteries
aki bekas
baterai bekas

@owner.ivory
gajah sumatra
@owner.rhino_horn
badak
@owner.pangolin
trenggiling
@owner.tiger
harimau sumatra
@owner.shark_fin
hiu
@owner.bear_bile
beruang madu
@owner.tortoiseshell
penyu sisik
@owner.coral
terumbu karang
@owner.parrot
burung paruh bengkok
@owner.timber
hutan kita
@owner.minerals
sungai-sungai kita
@owner.waste
warga sekitar tempat pembuangan

@use.wildlife
obat tradisional
perhiasan dan ukiran
koleksi pribadi
@use.parrot
peliharaan
@use.shark_fin
sup sirip hiu
@use.bear_bile
obat tradisional
@use.timber
mebel mewah
dupa dan parfum
@use.minerals
perhiasan
@use.mercury
tambang emas rakyat
@use.waste
daur ulang murah

@haul
{nnn} kg {@name}
{dec} ton {@name}
{nn} karung {@name}
satu kontainer {@name}
@haul.ivory
{nn} batang gading gajah
{nnn} kg gading
{nn} ukiran gading
@haul.rhino_horn
{n} cula badak
@haul.pangolin
{dec} ton sisik trenggiling
{nn} ekor trenggiling hidup
{nnn} kg daging trenggiling beku
@haul.tiger
{n} lembar kulit harimau
{nn} kg tulang harimau
@haul.parrot
{nn} ekor kakatua
{nnn} ekor burung paruh bengkok
{nn} ekor nuri
@haul.rosewood
{nnn} batang kayu sonokeling
@haul.agarwood
{nnn} kg gaharu
@haul.ebony
{nnn} batang kayu eboni
@haul.sandalwood
{dec} ton kayu cendana
@haul.mercury
{nnn} kg merkuri
{nn} botol merkuri
@haul.gold
{dec} kg emas mentah
@haul.ewaste
{nnn} ton limbah elektronik
{nn} kontainer sampah elektronik
@haul.hazardous_waste
{nnn} drum limbah B3
@haul.batteries
{nnn} ton aki bekas

@item.ivory
gelang gading asli
pipa rokok gading
sepasang gading gajah
ukiran gading antik
cincin gading
taring gading utuh
@item.rhino_horn
cula badak asli
serbuk cula badak
@item.pangolin
sisik trenggiling kering
serbuk sisik trenggiling
@item.tiger
kulit harimau utuh
taring harimau asli
kuku harimau
@item.shark_fin
sirip hiu kering kualitas ekspor
sirip hiu super
@item.bear_bile
empedu beruang kering
@item.tortoiseshell
gelang sisik penyu
sisir sisik penyu asli
@item.coral
gelang koral merah asli
karang hias untuk aquarium laut
@item.parrot
anakan kakatua jambul kuning
nuri kepala hitam jinak
sepasang kakatua
@item.rosewood
kayu sonokeling gelondongan
papan sonokeling
@item.agarwood
gaharu super
gubal gaharu kelas A
tasbih gaharu
@item.ebony
kayu eboni gelondongan
balok kayu hitam
@item.mahogany
kayu mahoni gelondongan
papan mahoni
@item.sandalwood
kayu cendana asli NTT
serpihan cendana
@item.mercury
merkuri cair 99,99%
air raksa botolan
@item.gold
emas mentah hasil dulang
butiran emas aluvial
emas batangan mentah
@item.gemstones
bongkahan safir mentah
batu mulia mentah
rough ruby
@item.ewaste
limbah PCB campur
motherboard bekas
scrap prosesor
@item.hazardous_waste
oli bekas
limbah oli trafo
@item.batteries
aki bekas
rongsokan aki mobil

@prod.offer
{@item}

@ukuran
ukuran <S|M|L|XL>
size <S|M|L|XL>
all size

@prod.colour_material.ivory
gaun pengantin warna gading[, {ukuran}]
kebaya brokat putih gading[, {ukuran}]
gorden linen warna gading
cat tembok warna putih gading 5 kg
tas kulit warna gading
cardigan rajut warna gading[, {ukuran}]
@prod.colour_material.tortoiseshell
kacamata frame motif tortoise
kacamata hitam motif kulit penyu
jepit rambut motif tortoise
@prod.colour_material.tiger
kaos motif loreng harimau[, {ukuran}]
syal sutra motif macan
balsem Tiger Balm 30 gr
@prod.colour_material.coral
lipstik warna coral
dress warna coral[, {ukuran}]
selimut bulu coral fleece
@prod.colour_material.gold
anting lapis emas
kalung sepuhan emas
tali jam warna rose gold
@prod.colour_material.rosewood
lantai vinyl motif kayu sonokeling
@prod.colour_material.mahogany
cat kayu warna mahoni
semir rambut warna mahoni
@prod.colour_material.ebony
bingkai foto warna eboni
@prod.colour_material.sandalwood
sabun aroma cendana
lilin aromaterapi wangi cendana
@prod.colour_material.agarwood
parfum aroma oud gaharu
@prod.colour_material.shark_fin
antena sirip hiu mobil

@prod.fake.ivory
gelang resin motif gading
liontin tulang sapi ukir
pipa rokok imitasi gading
ukiran resin mirip gading
@prod.fake.rhino_horn
cula imitasi dari tanduk kerbau
replika cula badak resin
@prod.fake.tortoiseshell
sisir akrilik motif penyu
@prod.fake.coral
gelang koral sintetis
karang hias resin untuk aquarium
@prod.fake.tiger
karpet bulu sintetis motif harimau
taring harimau imitasi resin
@prod.fake.agarwood
gaharu imitasi (kayu rendaman minyak)
minyak oud sintetis
@prod.fake.rosewood
meja MDF motif sonokeling
@prod.fake.gemstones
cincin safir sintetis
batu lab grown
liontin zirkon hijau
@prod.fake.gold
emas imitasi KW super
kalung emas palsu untuk kostum

@note.offer.wildlife
Barang lama koleksi pribadi.
Asli bukan resin, bisa dites.
Tanpa surat, khusus peminat serius.
Warisan keluarga, dilepas karena butuh dana.
Berat dan dingin kalau dipegang, dijamin asli.
@note.offer.parrot
Jinak, sudah makan sendiri.
Sehat, lincah, sudah bisa bicara.
@note.offer.timber
Kualitas super, berat dan berminyak.
Kayu kering siap olah.
Wangi alami kuat, tenggelam di air.
@note.offer.minerals
Kadar sudah dites.
Langsung dari lokasi tambang.
Bisa uji kadar sebelum transaksi.
@note.offer.waste
Dokumen ekspor bisa diurus.
Suplai rutin tiap bulan.
Muat di gudang kami.
@note.fake
Bukan asli, replika untuk hiasan.
Bahan resin, bukan material asli.
Imitasi, aman dan legal.
Bahan sintetis, bukan alami.
Replika, tanpa bahan dari hewan.
@note.fake.ivory
Bahan resin, bukan gading.
Ini tulang, bukan gading.
@note.fake.rhino_horn
Dari tanduk kerbau, bukan cula badak.
@note.fake.gemstones
Batu hasil laboratorium, bukan dari tambang.
@note.fake.gold
Lapis emas, bukan emas asli.
@note.colour_material
Warna bisa sedikit beda karena layar.
Baru, belum pernah dipakai.
Masih segel, belum dibuka.
Dijual karena kebesaran.
@note.colour_material.ivory
Warna putih gading, bukan putih terang.
@note.colour_material.gold
Warna emas, bukan emas asli.

@spec.offer.wildlife
Bahan: {@name} asli
Berat: {nnn} gr
Kondisi: barang lama
Asal: {city}
@spec.offer.parrot
Umur: {n} bulan
Kondisi: sehat
@spec.offer.timber
Jenis kayu: {@name}
Ukuran: {nn} x {nn} x {nnn} cm
Asal: {city}
@spec.offer.minerals
Kadar: 99,{n}%
Minimal order {nn} kg
@spec.offer.waste
Jumlah: {nn} ton per bulan
Muat di {city}
@spec.colour_material
Warna: sesuai foto
Kondisi: <baru|seperti baru|baru dipakai sekali>
Merek: {m.shop}
@spec.fake
Bahan: <resin|plastik|tulang|akrilik|kaca|sintetis>
Tinggi: {nn} cm
Kondisi: baru

@m.open
Dijual
Jual
Ready
Tersedia
Lepas
Open order

@m.cond
kondisi mulus
kondisi bagus
seperti baru
kualitas super
barang langka

@m.price_line
Harga {price}.
{price} per pcs.
{price}, nego tipis.
Harga via inbox.
Tanya harga via WA.
Harga {price} nett.
Cuma {price}!
Harga {price}, bisa nego.
Harga spesial untuk pembeli serius.

@m.contact
Minat hub WA {phone}.
Yang minat langsung inbox.
Chat aja kak.
WA {phone}.
Serius saja, japri.
Hubungi {phone}.
Bisa video call untuk cek barang.

@m.ship
Kirim ke seluruh Indonesia.
Bisa COD {city}.
COD area {city} dan sekitarnya.
Packing aman, kirim via JNE atau J&T.
Ongkir ditanggung pembeli.
Free ongkir Jabodetabek.
Bisa kirim luar pulau.

@m.pay
Transfer atau COD.
Bisa rekber.
Bayar di tempat.
Transfer BCA atau BRI.

@m.emoji
🔥
✅
⭐
💯
📦

@m.shop
Toko {last}
Galeri {city}
Barang Antik {last}
Butik Cantik
Olshop Mawar

@m.company
CV {last} Jaya
PT {city} Makmur
UD {last}
PT Sumber Alam

@listing.classified.title
<Dijual|Jual|Lepas> {!@prod}
{!@prod} murah
{!@prod} - {price}
{!@prod}, {m.cond}
Ready {!@prod}
{!@prod} {m.emoji}
{!@prod} {city}

@listing.classified.body
{m.open} {!@prod}, {m.cond}. {@note} {m.price_line} {m.contact}[ {m.ship}]
{!@prod}. {@note} {m.price_line}[ {m.pay}] {m.contact}
{m.emoji} {!@prod} {m.emoji}\n{@note}\n{m.price_line}\n{m.contact}[\n{m.ship}]
{m.open} {!@prod} di {city}. {m.price_line} {m.ship} {m.contact}
Permisi admin, {m.open} {!@prod}. {@note} {m.contact} {m.price_line}

@listing.shop.title
{!@prod} | {m.shop}
Barang baru: {!@prod}
{!@prod} - gratis ongkir
{!@prod} ({nnn} terjual)
{!@prod} – ready stock
[Promo] {!@prod} {m.emoji}

@listing.shop.body
{!@prod}\n- {@spec}\n- {@spec}\n{@note}\n{m.price_line} {m.ship}
Selamat datang di {m.shop}! {!@prod}. {@spec}. {@note} Langsung checkout ya. {m.ship}
{!@prod}. {@spec}. {m.price_line} Order sekarang, {m.ship}[ {m.pay}]
{m.emoji} {!@prod}\n{@spec}\n{@note}\nReady stock, langsung order. {m.ship}

@listing.auction.title
Lelang {!@prod}
LELANG: {!@prod}, OB {price}
{!@prod} (lelang, BIN {bigprice})
Lelang murah {!@prod}

@listing.auction.body
Lelang {!@prod}. {@note} OB {price}, kelipatan {price}. BIN {bigprice}. Close {weekday} jam {hour}.00. \
{m.ship}
{!@prod}, koleksi pribadi dari {city}. {@spec}. Buka harga {price}. Lelang ditutup {weekday} malam.
Lelang live {weekday}: {!@prod}. Open bid {price}. {@note} Pemenang wajib transfer 1x24 jam.

@listing.wholesale.title
Grosir {!@prod}
{!@prod} partai besar
Supplier {!@prod}
{!@prod} untuk ekspor, harga grosir

@listing.wholesale.body
Kami {m.company}, supplier {!@prod} untuk pembeli di {nn} kota. Minimal order {nn} unit. \
Harga {bigprice} per partai. {m.pay} WA {phone}.
{m.company} menyediakan {!@prod} partai besar. {@spec}. {@note} Harga {bigprice}, loco {city}. Khusus \
pembeli serius.
Grosir dan ecer: {!@prod}. {@spec}. Kirim via kapal atau kargo udara. {m.contact}

@listing.chat.title
ada yang cari {!@prod}?
{!@prod} murah meriah
butuh dana, lepas {!@prod}
{!@prod} siapa cepat dia dapat

@listing.chat.body
ada {!@prod} kalau ada yang minat, {m.price_line} {m.contact}
bantu jual {!@prod} punya teman, {@note} {m.price_line} COD {city}
gan, {!@prod} ready, {m.contact} {m.ship}
masih ada {!@prod}, {m.price_line} {m.contact}

@news.market.title
Harga {@tname} di {city} <anjlok|naik|melonjak|turun>
Perdagangan {@tname} kini beralih ke media sosial
Permintaan {@tname} masih tinggi, kata <pedagang|peneliti|petugas>
Menelusuri pasar gelap {@tname} di {city}
Pasar {@tname} tumbuh di tengah lemahnya pengawasan

@news.market.body
{news.market_lead} {news.market_more} [{@quote}]
{when}, {outlet} melaporkan {news.market_fact} {news.market_more}
{news.market_fact_cap} {@quote} {news.market_more}
[{city} - ]{news.market_lead} {@context}

@news.market_lead
Harga {@tname} di {city} <turun|naik> sekitar {pct} persen sejak {year1}, menurut para pedagang.
Pengepul di {city} mematok harga sekitar {price} per kilogram untuk {@tname}, jauh di bawah puncak {year1}.
Pasar {@tname} berpindah dari lapak di pasar ke {platform}, kata penyidik.
Pembeli {@tname} kini bertransaksi lewat aplikasi pesan, bukan di pasar terbuka.

@news.market_fact
pengepul mematok harga {price} per kilogram untuk {@tname}.
{@tname} dijual terang-terangan di sedikitnya {nn} toko di {city}.
permintaan {@tname} untuk {@use} nyaris tidak berubah.

@news.market_fact_cap
Menurut pedagang di {city}, {@tname} masih laku sekitar {price} per kilo.
Kata para penjual, kebanyakan pembeli mencari {@tname} untuk {@use}.

@news.market_more
Pakar menyebut harga turun saat penegakan hukum diperketat dan naik lagi setelahnya.
Sebagian besar transaksi terjadi di grup tertutup sehingga sulit dilacak.
Perdagangan ini ilegal, tetapi celah hukum masih ada.
Petugas menduga sebagian besar pasokan berasal dari luar daerah.

@news.policy.title
Pemerintah <melarang|memperketat aturan|menutup> perdagangan {@tname}
Aturan baru soal {@tname} mulai berlaku
Barang bukti {@tname} hasil sitaan akan dimusnahkan
Pemerintah umumkan tindakan tegas terhadap penjualan {@tname}
@news.policy.title.wildlife
CITES akan membahas perdagangan {@tname}
@news.policy.title.minerals
Pemerintah targetkan bebas merkuri di tambang emas rakyat

@news.policy.body
Pemerintah mengumumkan {when} bahwa seluruh perdagangan {@tname} dilarang mulai {monthname} {year}. {@quote}
{when}, DPR mengesahkan aturan yang mengancam penjual {@tname} dengan hukuman hingga {n} tahun penjara. \
{@context}
Petugas akan memusnahkan {@haul} hasil sitaan {n} tahun terakhir, lapor {outlet}. {@quote}
KLHK menyatakan {when} tidak akan lagi menerbitkan izin perdagangan {@tname}. {news.market_more}
Dengan aturan baru, eksportir {@tname} wajib membuktikan kepatuhan terhadap {@treaty}. {@context}

@news.feature.title
Bagaimana {@tname} bisa dijual bebas di {platform}
Menelusuri jejak penyelundup {@tname} di {city}
"Hampir tiap minggu ada": kisah petugas di garis depan perdagangan {@tname}
Desa yang meninggalkan bisnis {@tname}
@news.feature.title.wildlife
Kisah para polhut penjaga {@owner}
@news.feature.title.minerals
Sungai yang berubah keruh: merkuri dan tambang emas rakyat

@news.feature.body
Di sebuah desa dekat {city}, {person} mengenang masa ketika {@tname} mendatangkan uang cepat. {@quote} \
{@context}
Wartawan {outlet} menemukan iklan {@tname} di {platform} dengan harga sekitar {price}. \
{news.market_more} {@quote}
{!person} ({age}) sudah {n} tahun mengamati perdagangan {@tname}. "Sekarang semua lewat HP," kata \
{!person}. {@context}
@news.feature.body.wildlife
Setiap malam, {nn} polisi hutan berpatroli berjalan kaki. {person} ({age}) sudah menjalaninya {n} \
tahun. {news.market_more}

@enforcement.seizure.title
Petugas gagalkan penyelundupan {!@haul} di {port}
{!@haul} disita di {city}
Penyitaan {@tname} terbesar di {port}
{@tname} senilai {value} ditemukan dalam kontainer
Bea Cukai amankan {!@haul} yang disamarkan sebagai <kayu|ikan beku|mebel|kerajinan>

@enforcement.seizure.body
Petugas di {port} menyita {!@haul} {when} yang disembunyikan dalam kontainer berisi \
<kayu olahan|plastik bekas|ikan beku|kerajinan|onderdil>. Nilainya ditaksir {value}. {@quote}
{when}, {@aparat} menggagalkan pengiriman {!@haul} tujuan {country}. Dua orang diamankan. {@quote} {@context}
Penyitaan {!@haul} di {port} merupakan yang terbesar tahun ini, lapor {outlet}. [{@quote}]
Berdasarkan informasi masyarakat, {@aparat} mengamankan {!@haul} dari sebuah gudang di {city}. \
Barang bukti ditaksir bernilai {value}. {seizure_more}

@seizure_more
Kasus ini masih dikembangkan.
Para tersangka kini ditahan di rutan Polda.
Barang bukti diserahkan ke BKSDA.
Menurut penyidik, jaringan ini sudah beberapa kali memakai jalur yang sama.

@enforcement.arrest.title
<Dua|Tiga|Empat> pelaku penjual {@tname} lewat {platform} ditangkap
Polisi tangkap terduga pedagang {@tname} di {city}
Menyamar jadi pembeli, polisi bekuk penjual {@tname}
Pria ditangkap di {port} membawa {!@haul}
Ibu rumah tangga diamankan karena simpan {@tname}

@enforcement.arrest.body
Para tersangka ditangkap di {city} saat hendak menjual {!@haul} kepada petugas yang menyamar seharga \
{price}. {@quote}
{aparat} menangkap {n} orang {when} setelah penyelidikan berbulan-bulan terkait penjualan {@tname} \
secara online. {seizure_more}
Seorang pria berusia {age} tahun ditangkap di {port} setelah petugas menemukan {!@haul} di kopernya. {@quote}
Petugas menyamar sebagai pembeli di {platform} dan menyepakati harga {price} sebelum melakukan \
penangkapan. {seizure_more}

@enforcement.court.title
Pedagang {@tname} divonis {n} tahun penjara
Penjual {@tname} didenda {price}
Sidang perdana bos jaringan {@tname} digelar di {city}
{n} terdakwa kasus {@tname} dihukum penjara
Banding ditolak, terdakwa kasus {@tname} tetap dipenjara

@enforcement.court.body
Majelis hakim PN {city} menjatuhkan vonis {n} tahun penjara kepada {person} {when} atas perdagangan \
{!@haul}. {@quote}
Hakim juga menjatuhkan denda {value} dan memerintahkan barang bukti dirampas untuk negara. {@context}
Jaksa menyebut para terdakwa mengirim {!@haul} melalui {port} selama {n} tahun. {seizure_more}
{person} ({age}) mengaku memiliki {@tname} secara ilegal dan dijatuhi hukuman percobaan. {@quote}

@enforcement.extraction.title
{@ex_title}

@ex_title.timber
Pelaku pembalakan liar ditangkap bersama {!@haul}
Polisi gerebek sawmill pengolah {@tname} ilegal
{@tname} ditebang liar dari taman nasional
@ex_title.minerals
Razia PETI, petugas sita {!@haul}
Penambang emas tanpa izin ditangkap di dekat {city}
Jalur penyelundupan {@tname} terbongkar
@ex_title.waste
Kontainer berisi {@tname} ditelantarkan di {port}
Pembuangan ilegal {@tname} terungkap di {city}
Indonesia kembalikan {!@haul} ke negara asal

@enforcement.extraction.body
{aparat} menangkap {n} orang {when} dan menyita {!@haul} dalam operasi di sekitar {city}. {@quote}
{@ex_body}
{@ex_body} {seizure_more}

@ex_body.timber
Petugas menemukan {!@haul} di tepi sungai, siap diangkut ke luar daerah. {@quote}
Menurut penyidik, kayu ditebang tanpa izin lalu dilaporkan sebagai kayu biasa.
@ex_body.minerals
Di lokasi, petugas menemukan {!@haul} beserta merkuri yang dipakai untuk memisahkan emas. {@quote}
Para penambang sudah berbulan-bulan bekerja di sungai dan mencemari air yang dipakai {nn} desa.
@ex_body.waste
Petugas menemukan {!@haul} yang dilaporkan sebagai "barang bekas untuk diperbaiki". {@quote}
Limbah dibuang ke lahan pertanian di {city}; perusahaan itu kini diproses hukum.

@campaign.slogan.title
Tolak {@tname}
Jangan beli {@tname}
Stop perdagangan {@tname}
Pikir dulu sebelum beli {@tname}
@campaign.slogan.title.wildlife
Kalau tidak ada yang beli, tidak ada yang membunuh
Satwa liar bukan oleh-oleh
#SaveSatwa: jangan beli {@tname}
@campaign.slogan.title.waste
Indonesia bukan tempat sampah dunia

@campaign.slogan.body
Membeli {@tname} punya harga yang dibayar pihak lain. Jangan beli dan sebarkan ke teman-teman.
Kalau lihat {@tname} dijual online, laporkan. Bersama kita lindungi {@owner}. {@ngo}
Kami berjanji tidak akan membeli {@tname}. Ayo ikut tanda tangan di {city} hari {weekday} ini.
@campaign.slogan.body.wildlife
Setiap pembelian {@tname} berarti kehilangan bagi {@owner}. Jangan beli, sebarkan. #SaveSatwa
Bukan obat, bukan simbol status: tolak {@tname}.

@campaign.event.title
{@ngo} luncurkan kampanye tolak {@tname} di {city}
Petisi larangan penjualan {@tname} tembus {nnnn} tanda tangan
Pekan kesadaran tekan permintaan {@tname}
Pelajar berikrar tidak membeli {@tname}

@campaign.event.body
{@ngo} meluncurkan kampanye di {city} {when} agar masyarakat menolak {@tname}. \
Baliho dan iklan media sosial akan tayang selama {n} bulan. {@context}
Lebih dari {nnn} pelajar menandatangani ikrar tidak membeli {@tname}. "Generasi kami bisa \
menghentikannya," kata {person}.
Petisi pelarangan penjualan {@tname} sudah ditandatangani {nnnn} orang dan akan diserahkan ke DPR.
Ratusan warga mengikuti pawai di {city} untuk menyadarkan publik tentang ancaman terhadap {@owner}.

@campaign.appeal.title
Para artis ajak penggemar tolak {@tname}
Surat terbuka: hentikan penjualan {@tname} online
{@ngo} minta {platform} hapus iklan {@tname}
Bantu kami lindungi {@owner}, donasi sekarang

@campaign.appeal.body
Dalam video yang dirilis {when}, {n} artis ternama mengajak publik berhenti membeli {@tname}. {@context}
{@ngo} menyurati {platform} agar melarang iklan {@tname} karena penindakan dinilai lambat.
Donasi {price} bisa membiayai satu minggu kerja lapangan. Bantu kami lindungi {@owner}.
"Membeli {@tname} tidak pernah tanpa dampak," kata {person} dari {@ngo}. "Sebarkan pesan ini."

@research.study.title
Studi petakan jalur perdagangan {@tname}
Peneliti kaitkan perdagangan {@tname} dengan kerusakan di {city}
Analisis baru ungkap asal {@tname} hasil sitaan
Ilmuwan gunakan isotop untuk melacak asal {@tname}
@research.study.title.minerals
Kadar merkuri pada ikan di sekitar tambang emas rakyat melebihi batas

@research.study.body
Studi yang terbit di {@journal} menganalisis {nnn} kasus penyitaan {@tname} antara {year1} dan {year}. \
Sebagian besar pengiriman melewati {country}.
Peneliti {uni} memakai sidik kimia barang sitaan untuk melacak daerah asal {@tname}. {@context}
"Data kami menunjukkan permintaan untuk {@use} masih menjadi pendorong utama," kata {person}, dosen {uni}.
Makalah di {@journal} itu menggabungkan data bea cukai dan survei lapangan di {n} provinsi. {@context}

@research.education.title
Tahukah kamu? Lima fakta tentang {@tname}
Materi ajar: perdagangan {@tname} untuk pelajar
Mengapa perdagangan {@tname} diatur?
Pameran museum tampilkan sejarah perdagangan {@tname}
@research.education.title.wildlife
Kuis: seberapa kenal kamu dengan {@owner}?

@research.education.body
Pertanyaan {n}: Perjanjian internasional apa yang mengatur perdagangan {@tname}? Jawaban: {@treaty}.
Tahukah kamu, perdagangan {@tname} sudah diatur sejak {year1}? Pelajari lebih lanjut di kelas gratis kami.
Materi ini membantu siswa memahami asal {@tname}, siapa yang diuntungkan, dan apa kata hukum.
Pameran di museum {city} menelusuri sejarah {@tname} dari masa kolonial hingga kini.

@research.survey.title
Survei: {pct} persen warga {city} mau membeli {@tname}
Laporan temukan {nnn} iklan {@tname} dalam {n} bulan
{@ngo} pantau penjualan {@tname} di {platform}
Survei pedagang: {@tname} masih mudah didapat

@research.survey.body
Survei terhadap {nnnn} orang di {city} menemukan {pct} persen pernah membeli {@tname} setahun terakhir. \
{@context}
Peneliti {@ngo} mencatat {nnn} iklan {@tname} di {platform} dengan harga {price} hingga {bigprice}.
Laporan berdasarkan {nn} kunjungan ke pasar di {city} menemukan {@tname} dijual di {pct} persen toko.
Analis memantau {platform} selama {n} bulan; kebanyakan iklan menulis "harga via inbox".
"""

_VI = r"""
@city
Hà Nội
TP.HCM
Hải Phòng
Đà Nẵng
Nghệ An
Quảng Ninh
Móng Cái
Lạng Sơn
Hà Tĩnh
Quảng Bình
Thanh Hóa
Cần Thơ
Đắk Lắk
Gia Lai
Kon Tum
Lào Cai
Tây Ninh
An Giang
Bình Dương
Đồng Nai
Khánh Hòa
Quảng Nam
Điện Biên
Yên Bái

@port
cảng Hải Phòng
cảng Cát Lái
sân bay Nội Bài
sân bay Tân Sơn Nhất
cảng Tiên Sa
cửa khẩu Móng Cái
cửa khẩu Tân Thanh
cửa khẩu Cầu Treo
cửa khẩu Lao Bảo
cảng Cái Mép
cửa khẩu Mộc Bài
cảng Lạch Huyện

@country
Lào
Campuchia
Trung Quốc
Thái Lan
Malaysia
Nigeria
Mozambique
Angola
Congo
Nam Phi
Indonesia
Myanmar

@district
huyện Tương Dương, tỉnh Nghệ An
TP Móng Cái, tỉnh Quảng Ninh
huyện Hương Khê, tỉnh Hà Tĩnh
huyện Minh Hóa, tỉnh Quảng Bình
huyện Mường Lát, tỉnh Thanh Hóa
quận Hoàng Mai, TP Hà Nội
huyện Bình Chánh, TP.HCM
huyện Văn Lãng, tỉnh Lạng Sơn
huyện Lục Yên, tỉnh Yên Bái
thị xã Buôn Hồ, tỉnh Đắk Lắk

@when
ngày {day}/{month}
vừa qua
mới đây
hôm qua
sáng {day}/{month}
chiều {day}/{month}
tối {day}/{month}
rạng sáng {day}/{month}
cuối tuần qua

@ho
Nguyễn
Trần
Lê
Phạm
Hoàng
Huỳnh
Phan
Vũ
Võ
Đặng
Bùi
Đỗ
Hồ
Ngô
Dương
Lý

@dem
Văn
Đức
Minh
Thanh
Hữu
Quốc
Ngọc

@ten
Hùng
Lan
Nam
Hoa
Tuấn
Mai
Long
Hương
Dũng
Thảo
Cường
Linh
Sơn
Hà
Phong
Yến
Hải
Trang
Quân
Nga

@person_m
{ho} {dem} {ten}

@person_f
{ho} Thị {ten}
{ho} Ngọc {ten}

@person
{person_m}
{person_f}

@suspect
{person} (SN {by}, trú tại {district})
{person} ({age} tuổi, ngụ {district})
đối tượng {person} (SN {by})

@outlet
VnExpress
Tuổi Trẻ
Thanh Niên
Dân trí
TTXVN
báo Nhân Dân
VTV
báo Công an Nhân dân
Zing News

@platform
Facebook
các hội nhóm trên Facebook
Zalo
TikTok
các sàn thương mại điện tử
các trang rao vặt
Shopee
nhóm kín trên mạng xã hội

@ngo
Trung tâm Giáo dục Thiên nhiên (ENV)
WCS Việt Nam
TRAFFIC
WWF Việt Nam
Tổ chức Save Vietnam's Wildlife
WildAct Việt Nam
Tổ chức Động vật châu Á
@ngo.waste
một nhóm tình nguyện vì môi trường
Trung tâm Con người và Thiên nhiên
GreenHub
@ngo.minerals
Trung tâm Con người và Thiên nhiên
một tổ chức môi trường
@ngo.timber
Trung tâm Con người và Thiên nhiên
WWF Việt Nam
một tổ chức bảo vệ rừng

@journal
tạp chí Conservation Biology
tạp chí Biological Conservation
tạp chí PLOS ONE
tạp chí Oryx
Tạp chí Khoa học Lâm nghiệp
@journal.waste
tạp chí Waste Management
@journal.minerals
tạp chí Environmental Research

@uni
Đại học Quốc gia Hà Nội
Trường Đại học Lâm nghiệp
Viện Sinh thái và Tài nguyên sinh vật
Đại học Khoa học Tự nhiên TP.HCM
Trường Đại học Vinh
Viện Hàn lâm Khoa học và Công nghệ Việt Nam

@agency
Công an tỉnh {city}
Phòng Cảnh sát môi trường Công an tỉnh {city}
Cục Cảnh sát phòng chống tội phạm về môi trường (C05)
Chi cục Hải quan {port}
Bộ đội Biên phòng tỉnh {city}
lực lượng chức năng
tổ công tác liên ngành
Cục Điều tra chống buôn lậu
@agency.timber
Hạt Kiểm lâm
Chi cục Kiểm lâm tỉnh {city}
Công an tỉnh {city}
lực lượng kiểm lâm
@agency.waste
Cục Hải quan TP Hải Phòng
Phòng Cảnh sát môi trường
Sở Tài nguyên và Môi trường
lực lượng chức năng
@agency.minerals
Công an tỉnh {city}
lực lượng chức năng
Phòng Cảnh sát môi trường

@official
đại diện {@agency}
thượng tá {person_m}, Trưởng phòng Cảnh sát môi trường
ông {person_m}, Phó chi cục trưởng Chi cục Hải quan
trung tá {person_m}, phó trưởng công an huyện
ông {person_m}, Hạt trưởng Hạt Kiểm lâm
bà {person_f}, đại diện cơ quan điều tra

@quote
"Đây là đường dây có tổ chức, chúng tôi đang tiếp tục truy vết dòng tiền", {official} cho biết.
"Các đối tượng liên tục thay đổi phương thức, thủ đoạn nhưng lực lượng chức năng cũng vậy", {official} \
chia sẻ.
Theo {official}, lô hàng dự kiến được chuyển sang {country} tiêu thụ.
Theo {official}, đây là một trong những vụ việc lớn nhất từ đầu năm.
{official} cho biết không loại trừ khả năng còn đồng phạm khác.
"Chúng tôi kiên quyết không để địa bàn trở thành điểm trung chuyển", {official} khẳng định.
@quote.wildlife
"Người mua chính là người tiếp tay cho tội ác tận diệt động vật hoang dã", {official} nói.
Theo {official}, các đối tượng sẽ bị xử lý về tội vi phạm quy định về bảo vệ động vật nguy cấp, quý, hiếm.
Theo {official}, lô hàng dự kiến được chuyển sang {country} tiêu thụ.
Theo {official}, đây là một trong những vụ thu giữ lớn nhất từ đầu năm.

@context.wildlife
Số lượng {@owner} ngoài tự nhiên đã suy giảm nghiêm trọng trong mười năm qua.
{@tname} thuộc danh mục bị cấm buôn bán quốc tế theo Công ước CITES.
Các nhà bảo tồn cảnh báo {@owner} có nguy cơ tuyệt chủng nếu nạn săn bắt tiếp diễn.
Theo các chuyên gia, nhu cầu dùng làm {@use} là nguyên nhân chính khiến {@owner} suy giảm.
Theo Điều 244 Bộ luật Hình sự, hành vi này có thể bị phạt tù đến 15 năm.
@context.timber
Phần lớn gỗ bị khai thác trái phép trong rừng đặc dụng rồi được hợp thức hóa qua xưởng cưa.
Việc buôn bán {@tname} chịu sự quản lý của Công ước CITES và phải có giấy phép xuất khẩu.
Nạn phá rừng gây thiệt hại hàng nghìn tỷ đồng mỗi năm.
@context.minerals
Các điểm khai thác vàng trái phép dùng thủy ngân để tách vàng, gây ô nhiễm sông suối.
Công ước Minamata hạn chế việc buôn bán và sử dụng thủy ngân.
Phần lớn vàng khai thác trái phép được tiêu thụ mà không nộp thuế.
@context.waste
Công ước Basel cấm chuyển chất thải nguy hại sang nước chưa đồng ý tiếp nhận.
Các nhà môi trường cho rằng nhiều nước giàu xuất khẩu rác thải dưới danh nghĩa tái chế.
Việc đốt rác thải giải phóng chì và dioxin gần khu dân cư.

@crime.wildlife
tội vi phạm quy định về bảo vệ động vật nguy cấp, quý, hiếm
tội buôn lậu
@crime.timber
tội vi phạm quy định về khai thác, bảo vệ rừng và lâm sản
tội vận chuyển lâm sản trái phép
@crime.minerals
tội vi phạm quy định về khai thác tài nguyên
tội buôn lậu
@crime.waste
tội gây ô nhiễm môi trường
tội vi phạm quy định về quản lý chất thải nguy hại

@treaty.wildlife
Công ước CITES
@treaty.timber
Công ước CITES
@treaty.mercury
Công ước Minamata
@treaty.minerals
Luật Khoáng sản
@treaty.waste
Công ước Basel

@tname.ivory
ngà voi
@tname.rhino_horn
sừng tê giác
@tname.pangolin
vảy tê tê
@tname.tiger
các bộ phận của hổ
@tname.shark_fin
vây cá mập
@tname.bear_bile
mật gấu
@tname.tortoiseshell
đồi mồi
@tname.coral
san hô
@tname.parrot
vẹt xám châu Phi
@tname.rosewood
gỗ trắc
@tname.agarwood
trầm hương
@tname.ebony
gỗ mun
@tname.mahogany
gỗ dái ngựa
@tname.sandalwood
gỗ đàn hương
@tname.mercury
thủy ngân
@tname.gold
vàng khai thác trái phép
@tname.gemstones
đá quý thô
@tname.ewaste
rác thải điện tử
@tname.hazardous_waste
chất thải nguy hại
@tname.batteries
ắc quy phế liệu

@name.ivory
ngà voi
ngà voi châu Phi
@name.rhino_horn
sừng tê giác
@name.pangolin
vảy tê tê
tê tê
tê tê đông lạnh
@name.tiger
da hổ
xương hổ
cao hổ cốt
@name.shark_fin
vây cá mập
vi cá mập
@name.bear_bile
mật gấu
@name.tortoiseshell
đồi mồi
vảy đồi mồi
@name.coral
san hô
san hô đỏ
@name.parrot
vẹt xám châu Phi
vẹt đuôi dài
chim vẹt hoang dã
@name.rosewood
gỗ trắc
gỗ sưa
gỗ cẩm lai
@name.agarwood
trầm hương
kỳ nam
@name.ebony
gỗ mun
@name.mahogany
gỗ dái ngựa
@name.sandalwood
gỗ đàn hương
@name.mercury
thủy ngân
@name.gold
vàng sa khoáng
vàng cốm
@name.gemstones
đá quý thô
ruby thô
@name.ewaste
rác thải điện tử
phế liệu điện tử
@name.hazardous_waste
chất thải nguy hại
dầu thải
@name.batteries
ắc quy phế liệu
ắc quy cũ

@owner.ivory
voi
@owner.rhino_horn
tê giác
@owner.pangolin
tê tê
@owner.tiger
hổ
@owner.shark_fin
cá mập
@owner.bear_bile
gấu
@owner.tortoiseshell
rùa biển
@owner.coral
rạn san hô
@owner.parrot
các loài vẹt
@owner.timber
rừng tự nhiên
@owner.minerals
sông suối
@owner.waste
người dân quanh bãi rác

@use.wildlife
thuốc chữa bệnh
đồ trang sức
quà biếu
@use.parrot
thú cưng
@use.shark_fin
món súp vi cá
@use.bear_bile
thuốc dân gian
@use.timber
đồ gỗ cao cấp
@use.agarwood
vòng tay phong thủy
@use.minerals
trang sức
@use.mercury
tách vàng
@use.waste
tái chế giá rẻ

@haul
{nnn} kg {@tname}
{dec} tấn {@tname}
{nn} bao tải {@tname}
một container {@tname}
@haul.ivory
{nnn} kg ngà voi
{nn} khúc ngà voi
{dec} tấn ngà voi
@haul.rhino_horn
{nn} kg sừng tê giác
{n} chiếc sừng tê giác
@haul.pangolin
{dec} tấn vảy tê tê
{nn} cá thể tê tê
@haul.tiger
{n} bộ xương hổ
{nn} kg cao hổ cốt
{n} tấm da hổ
@haul.parrot
{nn} cá thể vẹt xám
@haul.rosewood
{nn} m3 gỗ trắc
{nnn} lóng gỗ trắc
@haul.agarwood
{nnn} kg trầm hương
@haul.ebony
{nn} m3 gỗ mun
@haul.mercury
{nnn} kg thủy ngân
@haul.gold
{dec} kg vàng cốm
@haul.ewaste
{nnn} tấn phế liệu điện tử
{nn} container rác thải điện tử
@haul.hazardous_waste
{nnn} tấn chất thải nguy hại
@haul.batteries
{nnn} tấn ắc quy phế liệu

@item.ivory
vòng tay ngà voi
vòng ngà voi thật
nhẫn ngà voi
đũa ngà
khúc ngà voi
tượng ngà voi
tẩu thuốc ngà voi
@item.rhino_horn
sừng tê giác nguyên chiếc
bột sừng tê giác
chén mài sừng tê giác
@item.pangolin
vảy tê tê khô
vảy tê tê sao vàng
@item.tiger
cao hổ cốt
nanh hổ
móng hổ
da hổ nguyên tấm
@item.shark_fin
vi cá mập khô
vây cá mập loại 1
@item.bear_bile
mật gấu nguyên chất
mật gấu khô
@item.tortoiseshell
vòng đồi mồi
lược đồi mồi
gọng kính đồi mồi thật
@item.coral
vòng san hô đỏ
cành san hô đỏ tự nhiên
@item.parrot
vẹt xám non
vẹt xám châu Phi đã biết nói
cặp vẹt đuôi dài
@item.rosewood
gỗ trắc xẻ
phôi gỗ trắc
bộ bàn ghế gỗ trắc
gỗ sưa đỏ
@item.agarwood
trầm hương tự nhiên
vòng trầm hương
trầm tốc
kỳ nam
@item.ebony
gỗ mun sừng
phôi gỗ mun
@item.mahogany
gỗ dái ngựa xẻ
@item.sandalwood
gỗ đàn hương
bột đàn hương
@item.mercury
thủy ngân nguyên chất
thủy ngân lỏng
@item.gold
vàng cốm
vàng sa khoáng
vàng thô
@item.gemstones
ruby thô Lục Yên
sapphire thô
đá quý thô
@item.ewaste
bo mạch điện tử phế liệu
main máy tính cũ
chip CPU phế liệu
@item.hazardous_waste
dầu nhớt thải
dầu biến thế thải
@item.batteries
ắc quy cũ
bình ắc quy phế liệu

@prod.offer
{@item}

@size
size <S|M|L|XL>
freesize
cỡ <S|M|L>

@prod.colour_material.ivory
váy cưới ren màu ngà[, {size}]
váy ren màu ngà[, {size}]
áo dài lụa trắng ngà[, {size}]
rèm cửa vải linen màu ngà
sơn tường màu trắng ngà 5 lít
túi xách da màu kem ngà
áo len màu ngà[, {size}]
@prod.colour_material.tortoiseshell
gọng kính vân đồi mồi
kính mát họa tiết đồi mồi
kẹp tóc vân đồi mồi
@prod.colour_material.tiger
áo thun họa tiết da hổ[, {size}]
khăn lụa vằn hổ
dầu cù là con hổ
@prod.colour_material.coral
son môi màu san hô
đầm màu cam san hô[, {size}]
chăn lông cừu san hô
@prod.colour_material.gold
bông tai mạ vàng
dây chuyền xi mạ vàng
dây đồng hồ màu vàng hồng
@prod.colour_material.rosewood
sàn nhựa vân gỗ trắc
tủ bếp vân gỗ trắc
@prod.colour_material.mahogany
thuốc nhuộm tóc màu nâu gỗ gụ
@prod.colour_material.ebony
khung ảnh màu gỗ mun
@prod.colour_material.sandalwood
nến thơm hương đàn hương
xà phòng hương gỗ đàn hương
@prod.colour_material.agarwood
nến thơm mùi trầm
@prod.colour_material.shark_fin
ăng ten vây cá mập cho ô tô

@prod.fake.ivory
vòng nhựa resin giả ngà
tượng bột đá giả ngà
vòng xương bò
tẩu thuốc xương trâu
@prod.fake.rhino_horn
chén sừng trâu giả sừng tê
sừng tê giác giả bằng nhựa
@prod.fake.tortoiseshell
gọng kính nhựa acetate giả đồi mồi
@prod.fake.coral
vòng san hô nhân tạo
san hô nhựa trang trí bể cá
@prod.fake.tiger
thảm lông nhân tạo họa tiết hổ
nanh hổ giả bằng nhựa
@prod.fake.shark_fin
vi cá chay (vi cá nhân tạo)
@prod.fake.agarwood
trầm tẩm dầu (hàng nhân tạo)
tinh dầu trầm tổng hợp
@prod.fake.rosewood
bàn gỗ công nghiệp vân gỗ trắc
@prod.fake.gemstones
nhẫn đá ruby nhân tạo
đá sapphire tổng hợp
mặt dây đá cz xanh
@prod.fake.gold
vàng giả mạ đồng
thỏi vàng giả trang trí

@note.offer.wildlife
Hàng lâu năm, sưu tầm cá nhân.
Hàng thật không phải nhựa, bao test.
Không giấy tờ, ai thiện chí mới ib.
Đồ gia truyền, cần tiền nên bán lại.
Cầm nặng tay, mát lạnh, cam kết hàng thật 100%.
@note.offer.parrot
Vẹt đã thuần, tự ăn được.
Khỏe mạnh, đã biết nói vài câu.
@note.offer.timber
Gỗ già, nặng, nhiều tinh dầu.
Gỗ khô, chế tác được luôn.
Mùi thơm tự nhiên, chìm nước.
@note.offer.minerals
Đã kiểm định hàm lượng.
Hàng lấy tận mỏ.
Bao thử tuổi trước khi mua.
@note.offer.waste
Lo giấy tờ xuất khẩu.
Nguồn hàng đều hàng tháng.
Bốc hàng tại bãi.
@note.fake
Không phải hàng thật, chỉ để trang trí.
Làm bằng nhựa resin, không phải chất liệu thật.
Hàng giả, sở hữu hợp pháp.
Chất liệu tổng hợp, không phải tự nhiên.
Hàng mỹ nghệ, không dùng bộ phận động vật.
@note.fake.ivory
Nhựa resin, không phải ngà voi.
Làm từ xương bò, không phải ngà.
@note.fake.rhino_horn
Làm từ sừng trâu, không phải sừng tê.
@note.fake.gemstones
Đá nhân tạo, không phải đá tự nhiên.
@note.fake.gold
Hàng mạ vàng, không phải vàng thật.
@note.colour_material
Màu có thể chênh lệch chút do màn hình.
Hàng mới 100%, chưa qua sử dụng.
Còn nguyên tem mác.
Mua về mặc không vừa nên pass lại.
@note.colour_material.ivory
Màu ngà, không phải trắng tinh.
@note.colour_material.gold
Chỉ là màu vàng, không phải vàng thật.

@spec.offer.wildlife
Chất liệu: {@tname} thật
Trọng lượng: {nnn} gr
Tình trạng: hàng cũ, lên nước đẹp
Xuất xứ: {country}
@spec.offer.parrot
Tuổi: {n} tháng
Tình trạng: khỏe mạnh
@spec.offer.timber
Loại gỗ: {@tname}
Kích thước: {nn} x {nn} x {nnn} cm
Xuất xứ: {country}
@spec.offer.minerals
Hàm lượng: 99,{n}%
Lấy tối thiểu {nn} kg
@spec.offer.waste
Số lượng: {nn} tấn mỗi tháng
Bốc hàng tại {city}
@spec.colour_material
Màu: như hình
Tình trạng: <mới|như mới|mặc một lần>
Thương hiệu: {m.shop}
@spec.fake
Chất liệu: <nhựa resin|nhựa|xương|mica|thủy tinh|tổng hợp>
Chiều cao: {nn} cm
Tình trạng: mới

@m.open
Cần bán
Bán
Em có
Nhà có
Cần pass
Thanh lý
Hàng mới về:

@m.cond
còn mới
đẹp
như mới
hàng tuyển
hàng hiếm

@m.price_line
Giá {price}.
Giá {price}/cái.
Giá {price}, có thương lượng.
Giá ib.
Inbox báo giá.
Giá {price} fix nhẹ.
Chỉ {price}!
Giá sỉ {price}.
Giá tốt cho khách thiện chí.

@m.contact
Liên hệ zalo {phone}.
Ai cần inbox em.
Ib em nhé.
Zalo {phone}.
Khách thiện chí ib.
Gọi {phone}.
Liên hệ em để xem thêm ảnh.

@m.ship
Ship toàn quốc.
Ship COD toàn quốc.
Giao hàng tận nơi tại {city}.
Freeship nội thành {city}.
Được kiểm tra hàng trước khi nhận.
Ship hỏa tốc trong ngày.
Gửi xe đi các tỉnh.

@m.pay
Chuyển khoản hoặc COD.
Đặt cọc trước 30%.
Nhận hàng rồi thanh toán.

@m.emoji
🔥
✅
⭐
💯
📦

@m.shop
Shop {ten}
Cửa hàng {ten} {city}
Đồ cổ {ho} Gia
{ten} Boutique
Nhà {ten} Decor

@m.company
Công ty TNHH {ten} Phát
Công ty CP {city} Xanh
Cơ sở {ho} Gia
Công ty TNHH Thương mại {ten}

@listing.classified.title
<Cần bán|Bán|Thanh lý|Cần pass> {!@prod}
{!@prod} giá rẻ
{!@prod} - {price}
{!@prod}, {m.cond}
Hàng mới về: {!@prod}
{!@prod} {m.emoji}
{!@prod} {city}

@listing.classified.body
{m.open} {!@prod}, {m.cond}. {@note} {m.price_line} {m.contact}[ {m.ship}]
{!@prod}. {@note} {m.price_line}[ {m.pay}] {m.contact}
{m.emoji} {!@prod} {m.emoji}\n{@note}\n{m.price_line}\n{m.contact}[\n{m.ship}]
{m.open} {!@prod} ở {city}. {m.price_line} {m.ship} {m.contact}
Chào cả nhà, {m.open} {!@prod}. {@note} {m.contact} {m.price_line}

@listing.shop.title
{!@prod} | {m.shop}
Hàng mới về: {!@prod}
{!@prod} - freeship
{!@prod} (đã bán {nnn})
{!@prod} – có sẵn
[Sale] {!@prod} {m.emoji}

@listing.shop.body
{!@prod}\n- {@spec}\n- {@spec}\n{@note}\n{m.price_line} {m.ship}
Chào mừng đến {m.shop}! {!@prod}. {@spec}. {@note} Đặt hàng ngay. {m.ship}
{!@prod}. {@spec}. {m.price_line} Chốt đơn ngay, {m.ship}[ {m.pay}]
{m.emoji} {!@prod}\n{@spec}\n{@note}\nHàng có sẵn, lên đơn ngay. {m.ship}

@listing.auction.title
Đấu giá {!@prod}
Phiên đấu giá: {!@prod}, giá khởi điểm {price}
{!@prod} (đấu giá, bước giá {price})
Đấu giá vui: {!@prod}

@listing.auction.body
Đấu giá {!@prod}. {@note} Giá khởi điểm {price}, bước giá {price}. Kết thúc {hour}h tối nay. {m.ship}
{!@prod}, hàng sưu tầm từ {city}. {@spec}. Khởi điểm {price}. Phiên kết thúc {hour}h ngày {day}/{month}.
Phiên đấu giá online: {!@prod}. Giá khởi điểm {price}. {@note} Người thắng chuyển khoản trong 24h.

@listing.wholesale.title
Bán sỉ {!@prod}
{!@prod} số lượng lớn
Nhà cung cấp {!@prod}
{!@prod} xuất khẩu, giá sỉ

@listing.wholesale.body
Chúng tôi là {m.company}, chuyên cung cấp {!@prod} cho khách ở {nn} tỉnh thành. Lấy tối thiểu {nn} đơn vị. \
Giá {bigprice} một lô. {m.pay} Zalo {phone}.
{m.company} nhận cung cấp {!@prod} số lượng lớn. {@spec}. {@note} Giá {bigprice}, giao tại {city}. \
Khách thiện chí liên hệ.
Sỉ lẻ {!@prod}. {@spec}. Gửi hàng đường biển hoặc chuyển phát nhanh. {m.contact}

@listing.chat.title
ai cần {!@prod} không?
{!@prod} giá mềm
cần tiền bán gấp {!@prod}
{!@prod} ai nhanh thì được

@listing.chat.body
em có {!@prod} ai cần ib, {m.price_line} {m.contact}
bán hộ người quen {!@prod}, {@note} {m.price_line} giao dịch tại {city}
các bác ơi, {!@prod} đây, {m.contact} {m.ship}
vẫn còn {!@prod} nhé, {m.price_line} {m.contact}

@news.market.title
Giá {@tname} tại {city} <giảm mạnh|tăng vọt|lao dốc|tăng cao>
Buôn bán {@tname} chuyển lên mạng xã hội
Nhu cầu {@tname} vẫn cao dù bị cấm
Thâm nhập "chợ đen" {@tname} ở {city}
{@tname} được rao bán công khai trên mạng

@news.market.body
{news.market_lead} {news.market_more} [{@quote}]
Theo {outlet}, {news.market_fact} {news.market_more}
{news.market_fact_cap} {@quote} {news.market_more}
[({outlet}) - ]{news.market_lead} {@context}

@news.market_lead
Giá {@tname} tại {city} đã <giảm|tăng> khoảng {pct}% so với năm {year1}, theo các tiểu thương.
Tại {city}, {@tname} đang được chào giá khoảng {price}/kg, thấp hơn nhiều so với thời điểm năm {year1}.
Thị trường {@tname} đã chuyển từ các cửa hàng sang {platform}, theo cơ quan chức năng.
Người mua {@tname} giờ giao dịch qua ứng dụng nhắn tin thay vì đến tận nơi.

@news.market_fact
{@tname} được chào bán với giá khoảng {price}/kg.
{@tname} được bày bán công khai tại ít nhất {nn} cửa hàng ở {city}.
nhu cầu dùng {@tname} làm {@use} gần như không thay đổi.

@news.market_fact_cap
Một số tiểu thương ở {city} cho biết {@tname} vẫn được mua bán với giá khoảng {price}/kg.
Theo người bán, phần lớn khách tìm mua {@tname} để làm {@use}.

@news.market_more
Giới chuyên gia cho biết giá giảm khi công tác kiểm tra được siết chặt, rồi lại tăng trở lại.
Phần lớn giao dịch diễn ra trong các nhóm kín nên rất khó truy vết.
Việc buôn bán này là trái phép nhưng vẫn còn kẽ hở.
Cơ quan chức năng nhận định nguồn hàng chủ yếu được đưa từ nước ngoài về.

@news.policy.title
<Cấm|Siết chặt|Xử lý nghiêm> buôn bán {@tname}
Quy định mới về {@tname} chính thức có hiệu lực
Tiêu hủy {@tname} là tang vật các vụ án
Ra quân xử lý tình trạng rao bán {@tname}
@news.policy.title.wildlife
Hội nghị CITES bàn về buôn bán {@tname}
@news.policy.title.minerals
Hướng tới loại bỏ thủy ngân trong khai thác vàng

@news.policy.body
{when}, Chính phủ thông báo toàn bộ hoạt động buôn bán {@tname} sẽ bị cấm từ tháng {month}/{year}. {@quote}
Theo quy định mới, hành vi buôn bán {@tname} có thể bị phạt tù đến {n} năm. {@context}
{when}, cơ quan chức năng đã tiêu hủy {@haul} là tang vật của các vụ án trong {n} năm qua, {outlet} đưa \
tin. {@quote}
Bộ Nông nghiệp và Môi trường cho biết sẽ không cấp phép buôn bán {@tname}. {news.market_more}
Theo quy định mới, doanh nghiệp xuất khẩu {@tname} phải chứng minh tuân thủ {@treaty}. {@context}

@news.feature.title
Đường đi của {@tname} lên {platform}
Lần theo đường dây buôn lậu {@tname} ở {city}
"Tuần nào cũng có": chuyện những người ở tuyến đầu chống buôn bán {@tname}
Ngôi làng nói không với nghề buôn {@tname}
@news.feature.title.wildlife
Những người giữ rừng, bảo vệ {@owner}
@news.feature.title.minerals
Dòng sông đục ngầu vì vàng tặc

@news.feature.body
Ở một ngôi làng tại {city}, ông {person_m} nhớ lại thời {@tname} mang lại tiền nhanh. {@quote} {@context}
Phóng viên {outlet} ghi nhận {@tname} được rao bán trên {platform} với giá khoảng {price}. \
{news.market_more} {@quote}
Anh {!person_m} ({age} tuổi) đã theo dõi nạn buôn bán {@tname} suốt {n} năm. "Giờ tất cả đều qua điện \
thoại", anh {!person_m} nói. {@context}
@news.feature.body.wildlife
Mỗi đêm, {nn} kiểm lâm viên đi tuần bộ trong rừng. Anh {person_m} ({age} tuổi) đã gắn bó {n} năm. \
{news.market_more}

@enforcement.seizure.title
Bắt giữ lô hàng {!@haul} tại {port}
Thu giữ {!@haul} ở {city}
Phát hiện {@tname} giấu trong container tại {port}
Triệt phá đường dây vận chuyển trái phép {@tname} trị giá {value}
Thu giữ {!@haul} ngụy trang trong hàng <gỗ|cá đông lạnh|đồ nội thất|hàng mỹ nghệ>

@enforcement.seizure.body
{when}, {@agency} phát hiện, thu giữ {!@haul} được cất giấu trong container khai báo là \
<gỗ|phế liệu nhựa|cá đông lạnh|hàng mỹ nghệ|phụ tùng ô tô>. Lô hàng ước tính trị giá {value}. {@quote}
{when}, {@agency} đã bắt giữ {!@haul} đang trên đường sang {country}. Hai đối tượng bị tạm giữ. \
{@quote} {@context}
Theo {outlet}, vụ thu giữ {!@haul} tại {port} là lớn nhất từ đầu năm. Lô hàng có nguồn gốc từ \
{country}. [{@quote}]
Nhận tin báo, {@agency} kiểm tra một kho hàng ở {city}, phát hiện {!@haul}. Tang vật ước trị giá \
{value}. {seizure_more}

@seizure_more
Vụ việc đang được điều tra làm rõ.
Cơ quan điều tra đã khởi tố vụ án, khởi tố bị can để điều tra.
Toàn bộ tang vật đã được bàn giao cho cơ quan chức năng.
Theo cơ quan điều tra, đường dây này đã nhiều lần dùng tuyến vận chuyển trên.

@enforcement.arrest.title
Bắt <hai|ba|bốn> đối tượng rao bán {@tname} trên {platform}
Bắt giữ đối tượng buôn bán {@tname} tại {city}
Giả làm khách mua hàng, bắt quả tang đối tượng bán {@tname}
Bắt đối tượng mang theo {!@haul} qua {port}
Khởi tố người phụ nữ tàng trữ {@tname} trái phép

@enforcement.arrest.body
{when}, {@agency} bắt quả tang {suspect} khi đang giao {!@haul} cho người mua với giá {price}. {@quote}
{@agency} đã bắt giữ {n} đối tượng sau nhiều tháng điều tra về hoạt động rao bán {@tname} trên mạng. \
{seizure_more}
{suspect} bị bắt tại {port} khi lực lượng chức năng phát hiện {!@haul} trong hành lý. {@quote}
Trinh sát đóng vai người mua, liên hệ qua {platform} và thỏa thuận giá {price} trước khi bắt giữ. \
{seizure_more}

@enforcement.court.title
Lĩnh {n} năm tù vì buôn bán {@tname}
Phạt tiền đối tượng tàng trữ {@tname}
Xét xử đường dây buôn lậu {@tname} tại {city}
{n} bị cáo lĩnh án vì vận chuyển trái phép {@tname}
Y án sơ thẩm vụ buôn bán {@tname}

@enforcement.court.body
{when}, TAND {city} mở phiên tòa xét xử sơ thẩm, tuyên phạt bị cáo {person} {n} năm tù về {@crime}. {@quote}
Hội đồng xét xử tuyên phạt bị cáo {n} năm tù và phạt bổ sung {value}, tịch thu toàn bộ tang vật. {@context}
Theo cáo trạng, các bị cáo đã vận chuyển {!@haul} qua {port} trong suốt {n} năm. {seizure_more}
Bị cáo {person} ({age} tuổi) thừa nhận tàng trữ trái phép {@tname} và được hưởng án treo. {@quote}

@enforcement.extraction.title
{@ex_title}

@ex_title.timber
Bắt lâm tặc cùng {!@haul}
Phát hiện xưởng cưa xẻ {@tname} khai thác trái phép
Rừng đặc dụng bị "xẻ thịt" lấy {@tname}
@ex_title.minerals
Đột kích điểm khai thác vàng trái phép, thu giữ {!@haul}
Bắt nhóm "vàng tặc" tại {city}
Triệt phá đường dây buôn lậu {@tname}
@ex_title.waste
Hàng trăm container {@tname} tồn đọng tại {port}
Phát hiện đổ trộm {@tname} ở {city}
Tái xuất {!@haul} nhập khẩu trái phép

@enforcement.extraction.body
{when}, {@agency} bắt giữ {n} đối tượng, thu giữ {!@haul} trong đợt kiểm tra tại {city}. {@quote}
{@ex_body}
{@ex_body} {seizure_more}

@ex_body.timber
Lực lượng kiểm lâm phát hiện {!@haul} tập kết ven suối, chuẩn bị vận chuyển qua biên giới. {@quote}
Theo cơ quan điều tra, số gỗ trên bị khai thác không phép rồi khai báo là gỗ thông thường.
@ex_body.minerals
Tại hiện trường, lực lượng chức năng thu giữ {!@haul} cùng thủy ngân dùng để tách vàng. {@quote}
Nhóm vàng tặc khai thác trên sông suốt nhiều tháng, làm ô nhiễm nguồn nước của {nn} thôn bản.
@ex_body.waste
Cơ quan chức năng phát hiện {!@haul} được khai báo là "hàng đã qua sử dụng để sửa chữa". {@quote}
Chất thải bị đổ trộm ra đất nông nghiệp ở {city}; doanh nghiệp đang bị xử lý.

@campaign.slogan.title
Nói không với {@tname}
Đừng mua {@tname}
Chấm dứt buôn bán {@tname}
Hãy nghĩ kỹ trước khi mua {@tname}
@campaign.slogan.title.wildlife
Khi không còn người mua, sẽ không còn kẻ giết
Động vật hoang dã không phải món quà
#NóiKhôngVớiĐộngVậtHoangDã: đừng mua {@tname}
@campaign.slogan.title.waste
Việt Nam không phải bãi rác của thế giới

@campaign.slogan.body
Mua {@tname} là tiếp tay cho những thiệt hại mà người khác phải gánh. Đừng mua và hãy chia sẻ.
Nếu thấy {@tname} được rao bán trên mạng, hãy báo cho đường dây nóng 1800-1522. Cùng bảo vệ {@owner}. {@ngo}
Chúng tôi cam kết không mua {@tname}. Hãy cùng ký tên tại {city} cuối tuần này.
@campaign.slogan.body.wildlife
Mỗi lần mua {@tname} là thêm một mất mát cho {@owner}. Đừng mua, hãy lan tỏa. #NóiKhôngVớiĐộngVậtHoangDã
Không phải thuốc, không phải biểu tượng giàu sang: nói không với {@tname}.

@campaign.event.title
{@ngo} phát động chiến dịch nói không với {@tname} tại {city}
Kiến nghị cấm buôn bán {@tname} vượt {nnnn} chữ ký
Tuần lễ nâng cao nhận thức về tác hại của buôn bán {@tname}
Học sinh cam kết không mua {@tname}

@campaign.event.body
{@ngo} phát động chiến dịch tại {city} {when}, kêu gọi người dân không mua {@tname}. \
Pano và quảng cáo trên mạng xã hội sẽ kéo dài {n} tháng. {@context}
Hơn {nnn} học sinh đã ký cam kết không mua {@tname}. "Thế hệ chúng em có thể chấm dứt điều này", em \
{person} nói.
Bản kiến nghị cấm buôn bán {@tname} đã có {nnnn} chữ ký và sẽ được gửi tới Quốc hội.
Hàng trăm người tham gia đi bộ tại {city} để nâng cao nhận thức về mối đe dọa với {@owner}.

@campaign.appeal.title
Nghệ sĩ kêu gọi người hâm mộ nói không với {@tname}
Thư ngỏ: hãy ngừng rao bán {@tname} trên mạng
{@ngo} đề nghị {platform} gỡ bỏ tin rao bán {@tname}
Chung tay bảo vệ {@owner}: ủng hộ ngay hôm nay

@campaign.appeal.body
Trong video đăng tải {when}, {n} nghệ sĩ nổi tiếng kêu gọi công chúng ngừng mua {@tname}. {@context}
{@ngo} đã gửi thư tới {platform} đề nghị cấm đăng tin rao bán {@tname}.
Mỗi khoản ủng hộ {price} giúp duy trì một tuần tuần tra. Hãy chung tay bảo vệ {@owner}.
"Mua {@tname} chưa bao giờ là vô hại", bà {person_f}, đại diện {@ngo}, nhấn mạnh. "Hãy lan tỏa thông điệp."

@research.study.title
Nghiên cứu lập bản đồ tuyến buôn bán {@tname}
Các nhà khoa học chỉ ra tác hại của buôn bán {@tname}
Phân tích mới làm rõ nguồn gốc {@tname} bị thu giữ
Dùng đồng vị để truy xuất nguồn gốc {@tname}
@research.study.title.wildlife
Giám định ADN truy nguồn gốc {@tname} bị bắt giữ
@research.study.title.minerals
Hàm lượng thủy ngân trong cá gần các điểm đãi vàng vượt ngưỡng

@research.study.body
Nghiên cứu công bố trên {@journal} đã phân tích {nnn} vụ thu giữ {@tname} từ năm {year1} đến {year}. \
Phần lớn các lô hàng đi qua {country}.
Các nhà nghiên cứu thuộc {uni} dùng dấu vết hóa học của tang vật để xác định vùng gốc của {@tname}. {@context}
"Số liệu cho thấy nhu cầu làm {@use} vẫn là động lực chính", TS {person}, {uni}, cho biết.
Công trình đăng trên {@journal} kết hợp dữ liệu hải quan và khảo sát thực địa tại {n} tỉnh. {@context}

@research.education.title
Bạn có biết? 5 điều về {@tname}
Bài giảng: buôn bán {@tname} dành cho học sinh
Vì sao buôn bán {@tname} bị quản lý chặt?
Triển lãm tại bảo tàng kể lại lịch sử buôn bán {@tname}
@research.education.title.wildlife
Trắc nghiệm: bạn hiểu gì về {@owner}?

@research.education.body
Câu hỏi {n}: Công ước quốc tế nào điều chỉnh việc buôn bán {@tname}? Đáp án: {@treaty}.
Bạn có biết việc buôn bán {@tname} đã bị quản lý từ năm {year1}? Tìm hiểu thêm trong khóa học miễn phí.
Bài học giúp học sinh hiểu nguồn gốc của {@tname}, ai hưởng lợi và pháp luật quy định thế nào.
Triển lãm tại bảo tàng {city} giới thiệu lịch sử {@tname} từ thời thuộc địa đến nay.

@research.survey.title
Khảo sát: {pct}% người dân {city} sẵn sàng mua {@tname}
Báo cáo ghi nhận {nnn} tin rao bán {@tname} trong {n} tháng
{@ngo} theo dõi hoạt động rao bán {@tname} trên {platform}
Khảo sát tiểu thương: {@tname} vẫn dễ dàng mua được

@research.survey.body
Khảo sát {nnnn} người tại {city} cho thấy {pct}% từng mua {@tname} trong năm qua. {@context}
Nhóm nghiên cứu của {@ngo} ghi nhận {nnn} tin rao bán {@tname} trên {platform}, giá từ {price} đến {bigprice}.
Báo cáo dựa trên {nn} lần khảo sát chợ tại {city} cho thấy {@tname} được bày bán ở {pct}% cửa hàng.
Các chuyên gia theo dõi {platform} trong {n} tháng; phần lớn tin đăng ghi "ib báo giá".
"""

_ZH = r"""
@city
广州
深圳
东莞
厦门
福州
昆明
南宁
凭祥
东兴
瑞丽
上海
北京
天津
青岛
武汉
重庆
成都
杭州
义乌
海口
湛江
西双版纳
哈尔滨
汕头

@port
白云机场
皇岗口岸
东兴口岸
瑞丽口岸
友谊关口岸
浦东机场
厦门港
天津港
黄埔港
拱北口岸
青岛港
磨憨口岸

@country
越南
老挝
缅甸
尼日利亚
莫桑比克
坦桑尼亚
肯尼亚
刚果
马来西亚
泰国
印度尼西亚
南非

@when
近日
日前
昨日
本月初
{month}月{day}日
{month}月{day}日凌晨
上周
今年{month}月
{month}月{day}日下午

@sur
张
王
李
刘
陈
杨
黄
赵
吴
周
徐
孙
马
朱
胡
郭

@given
伟
芳
强
洋
静
磊
敏
军
杰
娟
涛
明
超
霞
平
刚

@person
{sur}{given}
{sur}{given}{given}

@suspect
犯罪嫌疑人{sur}某
{sur}某（男，{age}岁）
{sur}某（女，{age}岁）
{sur}某等{n}人

@outlet
新华社
央视新闻
中新网
人民网
澎湃新闻
南方日报
当地媒体
北京青年报

@platform
微信朋友圈
微信群
闲鱼
短视频平台
电商平台
二手交易平台
社交软件
直播间

@ngo
世界自然基金会（WWF）
国际爱护动物基金会
野生救援（WildAid）
国际野生物贸易研究组织（TRAFFIC）
中国生物多样性保护与绿色发展基金会
当地环保志愿者协会
@ngo.waste
零废弃联盟
自然之友
当地环保组织
@ngo.minerals
自然之友
当地环保组织
@ngo.timber
世界自然基金会（WWF）
绿色和平
自然之友

@journal
《保护生物学》
《生物保护》
《PLOS ONE》
《Oryx》
《生物多样性》
@journal.waste
《环境科学》
@journal.minerals
《环境科学学报》

@uni
北京林业大学
中国科学院动物研究所
中山大学
云南大学
华东师范大学
东北林业大学

@agency
海关缉私局
{city}海关
{city}市公安局
森林公安
海警局
边检站
执法人员
市场监管部门
@agency.timber
森林公安
林业部门
{city}海关
执法人员
@agency.waste
{city}海关
生态环境部门
执法人员
海关缉私局
@agency.minerals
自然资源部门
{city}市公安局
执法人员

@official
{@agency}相关负责人
{city}海关缉私局副局长{person}
办案民警{person}
{city}市公安局新闻发言人
检察官{person}
森林公安民警{person}

@quote
{official}表示，这是一个组织严密的走私团伙，目前正在追查资金流向。
“他们不断变换路线和手法，我们也在不断调整打击策略。”{official}说。
据{official}介绍，这批货物原计划运往{country}销售。
{official}称，这是今年以来查获的最大一起同类案件。
{official}透露，不排除还有其他同伙。
“绝不允许我们的口岸成为走私中转站。”{official}表示。
@quote.wildlife
“购买就是帮凶，正是消费需求让野生动物遭到屠杀。”{official}说。
据{official}介绍，涉案人员涉嫌走私珍贵动物制品罪。
据{official}介绍，这批货物原计划运往{country}销售。
{official}称，这是今年以来查获数量最大的一起案件。

@context.wildlife
野外{@owner}的数量在过去十年大幅下降。
{@tname}的国际商业贸易受《濒危野生动植物种国际贸易公约》（CITES）禁止。
保护人士警告，如果盗猎继续，{@owner}将面临灭绝风险。
专家指出，用作{@use}的需求是{@owner}数量下降的主要原因。
@context.timber
大量木材在保护区内被盗伐，再通过合法锯木厂“洗白”。
{@tname}贸易受CITES管制，出口须取得许可证。
非法采伐每年造成巨大的经济损失。
@context.minerals
非法淘金者用汞提金，严重污染河流和鱼类。
《关于汞的水俣公约》限制汞的贸易和使用。
非法开采的黄金大多未缴税就流出。
@context.waste
《巴塞尔公约》禁止向未同意接收的国家转移危险废物。
环保人士批评一些发达国家以“回收利用”为名出口垃圾。
焚烧废物会在居民区附近释放铅和二噁英。

@treaty.wildlife
CITES公约
@treaty.timber
CITES公约
@treaty.mercury
《水俣公约》
@treaty.minerals
《矿产资源法》
@treaty.waste
《巴塞尔公约》

@crime.wildlife
走私珍贵动物制品罪
危害珍贵、濒危野生动物罪
@crime.timber
走私国家禁止进出口的货物罪
非法采伐国家重点保护植物罪
@crime.minerals
非法采矿罪
走私罪
@crime.waste
污染环境罪
走私废物罪

@tname.ivory
象牙
@tname.rhino_horn
犀牛角
@tname.pangolin
穿山甲鳞片
@tname.tiger
虎骨虎皮
@tname.shark_fin
鱼翅
@tname.bear_bile
熊胆
@tname.tortoiseshell
玳瑁
@tname.coral
红珊瑚
@tname.parrot
非洲灰鹦鹉
@tname.rosewood
红木
@tname.agarwood
沉香
@tname.ebony
乌木
@tname.mahogany
桃花心木
@tname.sandalwood
小叶紫檀
@tname.mercury
汞
@tname.gold
非法开采的黄金
@tname.gemstones
宝石原石
@tname.ewaste
电子垃圾
@tname.hazardous_waste
危险废物
@tname.batteries
废旧电瓶

@name.ivory
象牙
象牙制品
@name.rhino_horn
犀牛角
犀角
@name.pangolin
穿山甲鳞片
穿山甲
@name.tiger
虎骨
虎皮
@name.shark_fin
鱼翅
鲨鱼鳍
@name.bear_bile
熊胆
熊胆粉
@name.tortoiseshell
玳瑁
@name.coral
红珊瑚
@name.parrot
非洲灰鹦鹉
葵花鹦鹉
@name.rosewood
红木
大红酸枝
黄花梨
@name.agarwood
沉香
奇楠
@name.ebony
乌木
黑檀
@name.mahogany
桃花心木
@name.sandalwood
小叶紫檀
@name.mercury
汞
水银
@name.gold
砂金
狗头金
@name.gemstones
宝石原石
红宝石原石
@name.ewaste
电子垃圾
废旧电路板
@name.hazardous_waste
危险废物
废机油
@name.batteries
废旧电瓶
废铅酸蓄电池

@owner.ivory
大象
@owner.rhino_horn
犀牛
@owner.pangolin
穿山甲
@owner.tiger
老虎
@owner.shark_fin
鲨鱼
@owner.bear_bile
黑熊
@owner.tortoiseshell
海龟
@owner.coral
珊瑚礁
@owner.parrot
野生鹦鹉
@owner.timber
原始森林
@owner.minerals
河流
@owner.waste
垃圾场周边的居民

@use.wildlife
药材
工艺品和首饰
送礼
@use.parrot
宠物
@use.shark_fin
宴席
@use.bear_bile
中药
@use.timber
高档家具
@use.agarwood
香道和手串
@use.minerals
首饰
@use.mercury
提炼黄金
@use.waste
廉价回收

@haul
{nnn}公斤{@tname}
{dec}吨{@tname}
{nn}袋{@tname}
一集装箱{@tname}
@haul.ivory
{nnn}公斤象牙
{nn}根象牙
{nnn}件象牙制品
@haul.rhino_horn
{n}只犀牛角
{nn}公斤犀角
@haul.pangolin
{dec}吨穿山甲鳞片
{nn}只活体穿山甲
@haul.tiger
{nn}公斤虎骨
{n}张虎皮
@haul.parrot
{nn}只非洲灰鹦鹉
@haul.rosewood
{nnn}根红木原木
{nn}立方米红木
@haul.agarwood
{nnn}公斤沉香
@haul.mercury
{nnn}公斤汞
@haul.gold
{dec}公斤砂金
@haul.ewaste
{nnn}吨电子垃圾
@haul.hazardous_waste
{nnn}吨危险废物
@haul.batteries
{nnn}吨废旧电瓶

@item.ivory
老象牙手镯
象牙手串
整根象牙
象牙雕件
象牙筷子
象牙印章
@item.rhino_horn
犀角杯
犀牛角粉
整支犀角
@item.pangolin
穿山甲片
炮山甲
@item.tiger
虎骨酒
虎牙吊坠
虎皮
@item.shark_fin
干鱼翅
排翅
@item.bear_bile
熊胆粉
整个熊胆
@item.tortoiseshell
老玳瑁手镯
玳瑁梳子
玳瑁眼镜框（真玳瑁）
@item.coral
阿卡红珊瑚手串
红珊瑚原枝
@item.parrot
非洲灰鹦鹉幼鸟
会说话的葵花鹦鹉
@item.rosewood
大红酸枝原木
老挝大红酸枝料
海南黄花梨手串
@item.agarwood
沉香手串
奇楠沉香
沉香原料
@item.ebony
乌木原料
黑檀木料
@item.mahogany
桃花心木板材
@item.sandalwood
小叶紫檀手串
小叶紫檀原料
@item.mercury
高纯度水银
99.99%汞
@item.gold
砂金
狗头金原石
自产金沙
@item.gemstones
红宝石原石
蓝宝石原石
宝石毛料
@item.ewaste
废旧电路板
电脑主板废料
CPU废料
@item.hazardous_waste
废机油
废变压器油
@item.batteries
废旧电瓶
废铅酸蓄电池

@prod.offer
{@item}

@chima
S码
M码
L码
均码

@prod.colour_material.ivory
象牙白婚纱[{chima}]
象牙白蕾丝连衣裙[{chima}]
象牙白亚麻窗帘
象牙白乳胶漆5L
象牙白真皮手提包
@prod.colour_material.tortoiseshell
玳瑁色眼镜框
玳瑁纹墨镜
玳瑁色发夹
@prod.colour_material.tiger
虎纹卫衣[{chima}]
虎纹真丝围巾
虎标万金油
@prod.colour_material.coral
珊瑚色口红
珊瑚绒毯子
珊瑚橙连衣裙[{chima}]
@prod.colour_material.gold
镀金耳环
镀金项链
玫瑰金色表带
@prod.colour_material.rosewood
红木色地板贴
仿红木色橱柜门
@prod.colour_material.ebony
乌木色相框
@prod.colour_material.sandalwood
檀香味香薰蜡烛
檀香香皂
@prod.colour_material.agarwood
沉香味香水（合成香精）
@prod.colour_material.shark_fin
鲨鱼鳍汽车天线

@prod.fake.ivory
树脂仿象牙摆件
牛骨雕手串
仿象牙手镯（树脂）
象牙果雕件
@prod.fake.rhino_horn
牛角杯（仿犀角款）
树脂仿犀角摆件
@prod.fake.tortoiseshell
仿玳瑁板材发夹
@prod.fake.coral
人造珊瑚手串
树脂珊瑚鱼缸造景
@prod.fake.tiger
仿虎皮地毯
树脂仿虎牙吊坠
@prod.fake.shark_fin
素鱼翅（仿鱼翅）
@prod.fake.agarwood
泡油仿沉香手串
合成沉香精油
@prod.fake.rosewood
仿红木贴皮茶几
@prod.fake.gemstones
合成红宝石戒指
培育蓝宝石
锆石吊坠
@prod.fake.gold
仿金摆件
合金镀金金条（道具）

@note.offer.wildlife
老料，私人收藏。
保真，不是树脂，可检测。
无证，诚心要的私聊。
祖传老物件，急用钱转让。
手感沉，冰凉，百分百真品。
@note.offer.parrot
已手养，很亲人，会自己吃食。
健康活泼，会说几句话。
@note.offer.timber
老料，油性足，密度高。
干料，可直接加工。
香味浓郁，入水即沉。
@note.offer.minerals
已检测纯度。
矿区直供。
支持验货。
@note.offer.waste
可代办出口手续。
每月稳定供货。
在我方场地装车。
@note.fake
非真品，仅作装饰。
树脂材质，非真材料。
仿制品，可放心收藏。
合成材质，非天然。
工艺品，不含任何动物成分。
@note.fake.ivory
树脂材质，不是象牙。
牛骨雕刻，非象牙。
@note.fake.rhino_horn
水牛角制作，不是犀角。
@note.fake.gemstones
实验室培育，非天然开采。
@note.fake.gold
镀金，不是足金。
@note.colour_material
因显示器不同，颜色可能略有差异。
全新未使用。
吊牌还在。
买大了，低价转。
@note.colour_material.ivory
象牙白，不是纯白色。
@note.colour_material.gold
只是金色，不是真金。

@spec.offer.wildlife
材质：真{@tname}
重量：{nnn}克
品相：老料包浆
产地：{country}
@spec.offer.parrot
年龄：{n}个月
状态：健康
@spec.offer.timber
木种：{@tname}
尺寸：{nn}×{nn}×{nnn}厘米
产地：{country}
@spec.offer.minerals
纯度：99.{n}%
起订量：{nn}公斤
@spec.offer.waste
数量：每月{nn}吨
装货地：{city}
@spec.colour_material
颜色：如图
成色：<全新|九成新|只穿过一次>
品牌：{m.shop}
@spec.fake
材质：<树脂|塑料|牛骨|亚克力|玻璃|合成材料>
高度：{nn}厘米
成色：全新

@m.open
出
出售
转让
现货
闲置出
新到

@m.cond
品相好
九成新
全新
精品
稀有

@m.price_line
价格{price}。
{price}一件。
{price}，可小刀。
价格私聊。
价格面议。
{price}不议价。
只要{price}！
批发价{price}。
诚心要的给优惠。

@m.contact
加微信{phone}。
有意者私聊。
需要的私信我。
V信：{phone}。
诚心要的联系。
电话{phone}。
联系我看更多实物图。

@m.ship
顺丰包邮。
全国包邮。
{city}同城可自提。
保密发货。
运费到付。
当天发货。
支持货到付款。

@m.pay
微信或支付宝付款。
先付定金。
货到付款。

@m.emoji
🔥
✅
⭐
💯
📦

@m.shop
{sur}记小店
{city}优品
{sur}氏古玩
精选好物馆
{given}{given}家居

@m.company
{city}{given}{given}贸易有限公司
{sur}氏实业
{city}再生资源回收站
{given}达进出口公司

@listing.classified.title
<出|出售|转让|闲置出> {!@prod}
{!@prod}，低价出
{!@prod}，{price}
{!@prod}，{m.cond}
新到{!@prod}
{!@prod}{m.emoji}
{city}{!@prod}

@listing.classified.body
{m.open}{!@prod}，{m.cond}。{@note}{m.price_line}{m.contact}[{m.ship}]
{!@prod}。{@note}{m.price_line}[{m.pay}]{m.contact}
{m.emoji}{!@prod}{m.emoji}\n{@note}\n{m.price_line}\n{m.contact}[\n{m.ship}]
{city}{m.open}{!@prod}。{m.price_line}{m.ship}{m.contact}
各位好，{m.open}{!@prod}。{@note}{m.contact}{m.price_line}

@listing.shop.title
{!@prod}｜{m.shop}
新品上架：{!@prod}
{!@prod} 包邮
{!@prod}（已售{nnn}件）
{!@prod} 现货
【特价】{!@prod}{m.emoji}

@listing.shop.body
{!@prod}\n- {@spec}\n- {@spec}\n{@note}\n{m.price_line}{m.ship}
欢迎光临{m.shop}！{!@prod}。{@spec}。{@note}欢迎下单。{m.ship}
{!@prod}。{@spec}。{m.price_line}拍下即发，{m.ship}[{m.pay}]
{m.emoji}{!@prod}\n{@spec}\n{@note}\n现货秒发。{m.ship}

@listing.auction.title
拍卖：{!@prod}
{!@prod}，起拍价{price}
第{nnn}号拍品：{!@prod}
{!@prod}（拍卖，加价幅度{price}）

@listing.auction.body
第{nnn}号拍品：{!@prod}。{@note}估价{pricerange}，佣金{fee}%。{m.ship}
{!@prod}，{city}藏家旧藏。{@spec}。起拍价{price}，{weekday_zh}{hour}点截拍。
直播拍卖：{!@prod}。起拍价{price}。{@note}拍下后24小时内付款。

@weekday_zh
周一
周二
周三
周四
周五
周六
周日

@listing.wholesale.title
{!@prod}批发
大量供应{!@prod}
{!@prod}厂家直供
{!@prod}出口，批发价

@listing.wholesale.body
我们是{m.company}，长期供应{!@prod}，客户遍布{nn}个省市。起订量{nn}件。\
批发价{bigprice}一批。{m.pay}电话{phone}。
{m.company}大量供应{!@prod}。{@spec}。{@note}价格{bigprice}，{city}交货。诚心客户联系。
批发零售：{!@prod}。{@spec}。海运或快递均可。{m.contact}

@listing.chat.title
有人要{!@prod}吗？
{!@prod}便宜出
急用钱出{!@prod}
{!@prod}，先到先得

@listing.chat.body
手上有{!@prod}，有需要的私聊，{m.price_line}{m.contact}
帮朋友出{!@prod}，{@note}{m.price_line}{city}可面交
家人们，{!@prod}有货，{m.contact}{m.ship}
{!@prod}还在，{m.price_line}{m.contact}

@news.market.title
{city}{@tname}价格<大跌|暴涨|回落|走高>
{@tname}交易转向网络平台
禁令之下{@tname}需求依旧旺盛
记者暗访{city}{@tname}黑市
{@tname}在网上公开叫卖

@news.market.body
{news.market_lead}{news.market_more}[{@quote}]
据{outlet}报道，{news.market_fact}{news.market_more}
{news.market_fact_cap}{@quote}{news.market_more}
[本报讯 ]{news.market_lead}{@context}

@news.market_lead
据商户介绍，{city}{@tname}的价格自{year1}年以来<下跌|上涨>了约{pct}%。
在{city}，{@tname}目前的报价约为每公斤{price}，远低于{year1}年的高点。
据执法部门介绍，{@tname}交易已从实体店转移到{platform}。
如今{@tname}买家多通过聊天软件交易，而不是到实体市场。

@news.market_fact
{@tname}的报价约为每公斤{price}。
{city}至少有{nn}家店铺公开售卖{@tname}。
用作{@use}的{@tname}需求几乎没有变化。

@news.market_fact_cap
{city}一些商户称，{@tname}目前每公斤仍可卖到{price}左右。
据卖家介绍，大部分买家购买{@tname}是用作{@use}。

@news.market_more
专家指出，执法收紧时价格下跌，之后又会反弹。
大部分交易在私密群组中进行，难以追查。
这类交易属于违法行为，但仍存在监管漏洞。
执法部门认为货源主要来自境外。

@news.policy.title
<全面禁止|严厉打击|收紧管控>{@tname}交易
{@tname}管理新规正式实施
{city}集中销毁罚没{@tname}
多部门联合整治网络售卖{@tname}
@news.policy.title.wildlife
CITES缔约方大会将讨论{@tname}贸易
@news.policy.title.minerals
推动小规模金矿淘汰用汞

@news.policy.body
{when}，有关部门宣布自{year}年{month}月起全面禁止{@tname}商业交易。{@quote}
根据新规，非法买卖{@tname}最高可判处{n}年有期徒刑。{@context}
{when}，{city}集中销毁了近{n}年罚没的{@haul}，{outlet}报道。{@quote}
主管部门表示，今后将不再审批{@tname}经营许可。{news.market_more}
新规要求{@tname}出口企业证明符合{@treaty}的规定。{@context}

@news.feature.title
{@tname}是如何流入{platform}的
追踪{city}的{@tname}走私链条
“几乎每周都有”：打击{@tname}走私一线见闻
告别{@tname}生意的村庄
@news.feature.title.wildlife
守护{@owner}的巡护员
@news.feature.title.minerals
被淘金污染的河流

@news.feature.body
在{city}附近的一个村子，{person}回忆起当年{@tname}生意来钱快的日子。{@quote}{@context}
记者在{platform}上发现有人售卖{@tname}，标价约{price}。{news.market_more}{@quote}
{!person}关注{@tname}走私已有{n}年。“现在都是在手机上交易。”{!person}说。{@context}
@news.feature.body.wildlife
每天夜里，{nn}名巡护员徒步巡山。{person}今年{age}岁，已坚持了{n}年。{news.market_more}

@enforcement.seizure.title
{port}查获{!@haul}
{city}海关查获走私{@tname}
集装箱内夹藏{@tname}，案值{value}
{@agency}破获特大走私{@tname}案
{port}查获伪报为<木材|冻鱼|家具|工艺品>的{@tname}

@enforcement.seizure.body
{when}，{@agency}在{port}查获{!@haul}，货物藏匿于申报为<木材|废塑料|冷冻鱼|工艺品|汽车配件>的集装箱中，案值约{value}。{@quote}
{when}，{@agency}截获一批运往{country}的{!@haul}，当场抓获犯罪嫌疑人{n}名。{@quote}{@context}
据{outlet}报道，这是{port}今年以来查获的最大一批{@tname}，货物来自{country}。[{@quote}]
根据线索，{@agency}在{city}一处仓库内查获{!@haul}，案值约{value}。{seizure_more}

@seizure_more
案件正在进一步侦办中。
犯罪嫌疑人已被依法刑事拘留。
涉案物品已移交相关部门处理。
据警方介绍，该团伙曾多次利用同一路线走私。

@enforcement.arrest.title
<两|三|四>人在{platform}售卖{@tname}被抓获
警方在{city}抓获{@tname}贩卖嫌疑人
民警伪装买家，当场抓获{@tname}卖家
男子携带{!@haul}过{port}被查获
女子私藏{@tname}被刑拘

@enforcement.arrest.body
{when}，{@agency}在{city}将正在交易{!@haul}的{suspect}当场抓获，交易价格为{price}。{@quote}
经过数月侦查，{@agency}{when}抓获在网上售卖{@tname}的{suspect}。{seizure_more}
{suspect}在{port}入境时被查出行李中藏有{!@haul}。{@quote}
民警以买家身份通过{platform}与卖家联系，谈好价格{price}后实施抓捕。{seizure_more}

@enforcement.court.title
走私{@tname}，男子获刑{n}年
贩卖{@tname}被判处罚金{price}
{city}开庭审理特大{@tname}走私案
{n}名被告人因走私{@tname}获刑
{@tname}走私案二审维持原判

@enforcement.court.body
{when}，{city}中级人民法院以{@crime}判处被告人{sur}某有期徒刑{n}年，并处罚金{value}。{@quote}
法院判决没收全部涉案{@tname}，并对被告人处以罚金{value}。{@context}
检察机关指控，被告人在{n}年间通过{port}走私{!@haul}。{seizure_more}
被告人{sur}某当庭认罪，因非法持有{@tname}被判处缓刑。{@quote}

@enforcement.extraction.title
{@ex_title}

@ex_title.timber
盗伐团伙落网，查获{!@haul}
警方捣毁非法加工{@tname}窝点
保护区内{@tname}遭非法采伐
@ex_title.minerals
警方端掉非法采金点，查获{!@haul}
{city}抓获非法采矿团伙
{@tname}走私通道被打掉
@ex_title.waste
{port}滞留大量{@tname}集装箱
{city}查处非法倾倒{@tname}案件
{!@haul}被依法退运

@enforcement.extraction.body
{when}，{@agency}在{city}开展专项行动，抓获{n}人，查获{!@haul}。{@quote}
{@ex_body}
{@ex_body}{seizure_more}

@ex_body.timber
执法人员在河边发现{!@haul}，准备偷运出境。{@quote}
经查，这批木材系无证采伐，被伪报为普通木材。
@ex_body.minerals
执法人员在现场查获{!@haul}以及用于提金的汞。{@quote}
非法采金者在河道作业数月，污染了{nn}个村庄的饮用水源。
@ex_body.waste
执法人员发现{!@haul}被伪报为“待维修旧货”。{@quote}
这些废物被非法倾倒在{city}郊区的农田里，涉事企业已被立案查处。

@campaign.slogan.title
拒绝{@tname}
不买{@tname}
停止{@tname}交易
买{@tname}之前请三思
@campaign.slogan.title.wildlife
没有买卖就没有杀害
野生动物不是礼物
#拒绝野味#不买{@tname}
@campaign.slogan.title.waste
我们不做世界的垃圾场

@campaign.slogan.body
购买{@tname}的代价由别人承担。请不要购买，并转发给朋友。
如果在网上看到有人售卖{@tname}，请举报。让我们一起保护{@owner}。{@ngo}
我们承诺不购买{@tname}，本周末欢迎来{city}现场签名。
@campaign.slogan.body.wildlife
每一次购买{@tname}，都意味着{@owner}的又一次损失。拒绝购买，一起转发。
它不是药，也不是身份的象征：请对{@tname}说不。

@campaign.event.title
{@ngo}在{city}发起拒绝{@tname}倡议
禁止{@tname}交易的联名倡议获{nnnn}人签名
宣传周活动倡导减少{@tname}需求
学生承诺不购买{@tname}

@campaign.event.body
{when}，{@ngo}在{city}发起倡议，呼吁公众拒绝购买{@tname}。公益广告将持续投放{n}个月。{@context}
{nnn}名学生签署承诺书，承诺不购买{@tname}。“我们这一代可以终结它。”学生{person}说。
禁止{@tname}交易的联名倡议已获{nnnn}人签名，将提交有关部门。
数百名市民在{city}参加公益徒步，提高对{@owner}所受威胁的认识。

@campaign.appeal.title
明星呼吁粉丝拒绝{@tname}
公开信：停止网上售卖{@tname}
{@ngo}呼吁{platform}下架{@tname}广告
一起守护{@owner}，欢迎捐助

@campaign.appeal.body
在{when}发布的视频中，{n}位知名艺人呼吁公众停止购买{@tname}。{@context}
{@ngo}致信{platform}，要求全面禁止发布{@tname}广告。
每捐助{price}可支持一周的野外巡护。一起守护{@owner}。
“购买{@tname}从来不是无害的。”{@ngo}的{person}说，“请转发扩散。”

@research.study.title
研究揭示{@tname}走私路线
科学家揭示{@tname}贸易的危害
新分析追溯罚没{@tname}的来源
利用同位素追踪{@tname}产地
@research.study.title.wildlife
DNA鉴定追溯查获{@tname}来源
@research.study.title.minerals
研究发现淘金点附近鱼类汞含量超标

@research.study.body
发表在{@journal}上的一项研究分析了{year1}年至{year}年间的{nnn}起{@tname}查获案例，发现大部分货物途经{country}。
{uni}的研究人员利用罚没物品的化学特征追溯{@tname}的产地。{@context}
“数据显示，用作{@use}的需求仍是主要驱动因素。”{uni}的{person}教授说。
该论文发表于{@journal}，结合了海关记录和{n}个省份的实地调查。{@context}

@research.education.title
你知道吗？关于{@tname}的5个知识
科普课堂：{@tname}贸易知多少
为什么{@tname}贸易受到严格管控？
博物馆展览讲述{@tname}贸易的历史
@research.education.title.wildlife
小测验：你了解{@owner}吗？

@research.education.body
第{n}题：哪一国际公约管制{@tname}贸易？答案：{@treaty}。
你知道吗？{@tname}贸易自{year1}年起就受到管制。欢迎参加我们的免费课程。
本课帮助学生了解{@tname}的来源、谁在获利以及法律如何规定。
{city}博物馆的展览介绍了{@tname}从古至今的历史。

@research.survey.title
调查：{city}{pct}%的受访者愿意购买{@tname}
报告：{n}个月内发现{nnn}条{@tname}售卖信息
{@ngo}监测{platform}上的{@tname}交易
商户调查显示{@tname}仍然容易买到

@research.survey.body
一项针对{city}{nnnn}名市民的调查显示，{pct}%的人在过去一年买过{@tname}。{@context}
{@ngo}的研究人员在{platform}上记录了{nnn}条{@tname}售卖信息，价格从{price}到{bigprice}不等。
基于对{city}市场的{nn}次走访，报告发现{pct}%的店铺售卖{@tname}。
分析人员对{platform}监测了{n}个月，大部分帖子写着“价格私聊”。
"""

_GRAMMARS: dict[str, str] = {"en": _EN, "es": _ES, "fr": _FR, "id": _ID, "pt": _PT, "vi": _VI, "zh": _ZH}


# --------------------------------------------------------------------------------------------
# Hand-written pairs for tests: (offer, mention, category of the commodity both name). The
# mention is news, enforcement, a campaign, a colour/material use or a declared fake.

OFFER_MENTION_PAIRS: dict[str, list[tuple[str, str, str]]] = {
    "en": [
        (
            "Carved ivory bangle, old stock, real not resin. $450, DM for price on the pair. Ships "
            "worldwide.",
            "Customs officers at Mombasa seized 3.2 tonnes of ivory hidden in a tea shipment, "
            "officials said on Monday.",
            "wildlife",
        ),
        (
            "Rhino horn cup, whole horn, heavy. Serious buyers only, WhatsApp +44 7700 900123.",
            "Made from water buffalo horn, not rhino: replica libation cup, resin-finished, $35 "
            "incl. postage.",
            "wildlife",
        ),
        (
            "Siamese rosewood logs for export, grade A, MOQ 20 cubic metres, FOB Bangkok, price on request.",
            "Rosewood colour laminate flooring, 2.2 m² per pack, £18.99, free delivery over £100.",
            "timber",
        ),
        (
            "Liquid mercury 99.99% in 34.5 kg flasks, wholesale price, contact us for a quote.",
            "Study finds high mercury levels in fish downstream of informal gold mines, researchers report.",
            "minerals",
        ),
        (
            "Scrap car batteries, 25 tonnes monthly, loading in Lagos, export documents arranged. "
            "Call 0803 555 0199.",
            "Campaigners say rich countries ship used batteries abroad under the label of recycling. Say no.",
            "waste",
        ),
    ],
    "es": [
        (
            "Vendo colmillo de marfil pulido, pieza antigua, 1.200 €, envíos a toda España. "
            "Interesados al MD.",
            "La Guardia Civil decomisó 300 kilos de marfil en el puerto de Algeciras, informó la "
            "agencia EFE.",
            "wildlife",
        ),
        (
            "Aleta de tiburón seca de primera, precio por kilo, entrega inmediata en Lima. WhatsApp "
            "987 654 321.",
            "Aleta de tiburón vegetal (imitación), para sopa, sin productos animales. $ 120 el paquete.",
            "wildlife",
        ),
        (
            "Trozas de caoba al por mayor, pedido mínimo 20 m³, precio mayorista, FOB Buenaventura.",
            "Tinte para cabello color caoba, 60 ml, nuevo, envío gratis en Bogotá.",
            "timber",
        ),
        (
            "Oro en polvo aluvial directo de la mina, pureza comprobada, precio por gramo por privado.",
            "Operativo contra la minería ilegal en Madre de Dios: detienen a 12 personas y decomisan "
            "mercurio.",
            "minerals",
        ),
        (
            "Compro y vendo baterías usadas de auto, 10 toneladas al mes, pago contra entrega. "
            "Llamar al 55 1234 5678.",
            "Un estudio publicado en Waste Management alerta del plomo en suelos cerca de talleres "
            "de baterías usadas.",
            "waste",
        ),
    ],
    "fr": [
        (
            "Vends statuette ancienne en ivoire, très bon état, 850 €, remise en main propre à Paris "
            "ou envoi.",
            "Robe de mariée ivoire en dentelle, taille 38, portée une fois, 320 €.",
            "wildlife",
        ),
        (
            "Perroquets gris du Gabon, bébés élevés à la main, prix en MP, livraison possible à Douala.",
            "Les douanes ont saisi 120 perroquets gris à l'aéroport de Nsimalen, a rapporté Cameroon "
            "Tribune.",
            "wildlife",
        ),
        (
            "Grumes d'ébène du Cameroun en gros, prix de gros, chargement à Douala, WhatsApp +237 6 "
            "77 12 34 56.",
            "Une étude publiée dans Biological Conservation retrace l'origine de l'ébène saisie au Cameroun.",
            "timber",
        ),
        (
            "Pépites d'or d'orpaillage, pureté vérifiée, 45 € le gramme, paiement à la livraison.",
            "Orpaillage illégal en Guyane : les gendarmes saisissent 3 kg d'or et du mercure près de "
            "Maripasoula.",
            "minerals",
        ),
        (
            "Déchets électroniques en vrac, cartes mères usagées, 20 tonnes par mois, export possible.",
            "Le Sénégal renvoie 40 conteneurs de déchets électroniques importés illégalement, selon l'AFP.",
            "waste",
        ),
    ],
    "id": [
        (
            "Dijual gelang gading asli, barang lama, harga 3,5jt nego, COD Jakarta, minat hub WA "
            "0812-3456-7890.",
            "Polisi menangkap dua pelaku penjual gading gajah di Pekanbaru dan menyita barang bukti, "
            "ujarnya.",
            "wildlife",
        ),
        (
            "Sisik trenggiling kering ready stock, harga per kg via inbox, kirim ke seluruh Indonesia.",
            "Bea Cukai menggagalkan penyelundupan 1,2 ton sisik trenggiling di Pelabuhan Belawan, "
            "kata Kepala Kantor.",
            "wildlife",
        ),
        (
            "Gubal gaharu kelas A, wangi kuat, tenggelam di air, Rp 15.000.000/kg, bisa COD Samarinda.",
            "Parfum aroma oud gaharu (bahan sintetis), 50 ml, ready stock, gratis ongkir.",
            "timber",
        ),
        (
            "Merkuri cair 99,99% botolan 34 kg, harga grosir, kirim luar pulau, hubungi 0857 1234 5678.",
            "Walhi mengajak warga menolak merkuri di tambang emas rakyat: lindungi sungai-sungai kita.",
            "minerals",
        ),
        (
            "Jual aki bekas partai besar, 15 ton per bulan, muat di gudang Surabaya, harga nego.",
            "Pembuangan ilegal limbah B3 dan aki bekas terungkap di Bekasi; perusahaan diproses hukum.",
            "waste",
        ),
    ],
    "pt": [
        (
            "Vendo estatueta antiga de marfim, peça de coleção, R$ 2.500, envio para todo o Brasil. "
            "Chama no zap.",
            "A Polícia Federal apreendeu 200 quilos de marfim no porto de Santos, informou a Agência Brasil.",
            "wildlife",
        ),
        (
            "Filhote de papagaio-verdadeiro, criado na mão, manso, R$ 800, entrego em mãos em São Paulo.",
            "O Ibama resgatou 60 filhotes de papagaio de traficantes; as aves voltarão à natureza.",
            "wildlife",
        ),
        (
            "Toras de mogno no atacado, pedido mínimo 15 m³, preço de atacado, FOB Belém. WhatsApp "
            "(91) 98888-1234.",
            "Tintura para cabelo cor mogno, 60 g, nova, frete grátis acima de R$ 99.",
            "timber",
        ),
        (
            "Ouro em pó de garimpo, pureza testada, R$ 300 o grama, pagamento na entrega em Itaituba.",
            "Operação contra garimpo ilegal na Terra Yanomami apreende 5 kg de ouro e mercúrio, diz a PF.",
            "minerals",
        ),
        (
            "Sucata de placas eletrônicas, 8 toneladas por mês, carregamento em Campinas, aceito pix.",
            "Pesquisadores da USP encontraram chumbo no solo perto de ferros-velhos de lixo eletrônico.",
            "waste",
        ),
    ],
    "vi": [
        (
            "Cần bán vòng ngà voi thật, bao test, giá 3tr5, ship COD toàn quốc, ib zalo 0912 345 678.",
            "Công an tỉnh Nghệ An bắt giữ đối tượng vận chuyển trái phép 20 kg ngà voi, thu giữ tang vật.",
            "wildlife",
        ),
        (
            "Vảy tê tê khô hàng chuẩn, giá sỉ inbox, giao hàng tận nơi tại Hà Nội.",
            "Hải quan cảng Hải Phòng phát hiện 2 tấn vảy tê tê giấu trong container khai báo là gỗ.",
            "wildlife",
        ),
        (
            "Gọng kính đồi mồi thật, hàng sưu tầm, giá 2.500.000đ, liên hệ 0987 654 321.",
            "Gọng kính nhựa acetate vân đồi mồi, màu nâu, hàng mới 100%, freeship nội thành.",
            "wildlife",
        ),
        (
            "Bán trầm hương tự nhiên, trầm tốc chìm nước, giá 15 triệu/kg, ship toàn quốc.",
            "TAND tỉnh Quảng Nam tuyên phạt bị cáo 3 năm tù về tội vận chuyển lâm sản trái phép "
            "(trầm hương).",
            "timber",
        ),
        (
            "Thu mua và bán ắc quy cũ, bình ắc quy phế liệu số lượng lớn, giá tốt, gọi 0903 111 222.",
            "Hàng trăm container phế liệu và ắc quy cũ tồn đọng tại cảng Cát Lái chờ tái xuất.",
            "waste",
        ),
    ],
    "zh": [
        (
            "出老象牙手镯，保真，价格私聊，顺丰包邮，加微信13812345678。",
            "近日，广州海关在白云机场查获象牙制品120件，犯罪嫌疑人已被刑事拘留。",
            "wildlife",
        ),
        (
            "犀角杯，整支犀角雕刻，诚心要的私聊，价格面议。",
            "牛角杯（仿犀角款），水牛角制作，不是犀角，工艺品，98元包邮。",
            "wildlife",
        ),
        (
            "小叶紫檀原料，老料油性足，每公斤3200元，支持验货，全国发货。",
            "研究揭示小叶紫檀走私路线：大部分货物途经缅甸，研究人员在《生物多样性》上发表论文。",
            "timber",
        ),
        (
            "高纯度水银99.99%，批发价，量大从优，电话15912345678。",
            "警方端掉非法采金点，现场查获用于提金的汞和砂金，非法采矿团伙落网。",
            "minerals",
        ),
        (
            "高价回收废旧电瓶，大量收购废铅酸蓄电池，上门收货，现金结算。",
            "海关查处一起走私废物案，涉案废旧电瓶200吨，已依法退运。",
            "waste",
        ),
    ],
}
