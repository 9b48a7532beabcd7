"""Offer-vs-mention cues (classifiers.cues) and the hard-negative generator (classifiers.hard_negatives).

The cue tests pin down the behaviour the classifier relies on: every class fires in every watched
language, Vietnamese matches with and without diacritics (but single syllables need theirs),
accents that differ do not match, longer phrases hide the shorter cues inside them, and the price
rules accept real-world amounts while refusing carats, weights, years and phone numbers. The
generator tests check determinism, variety and labelling; performance is measured, not asserted.
"""

from __future__ import annotations

import collections

import pytest

from classifiers import cues
from classifiers.cues import CUE_CLASSES, PHRASE_CLASSES, cue_counts, cue_matches
from classifiers.hard_negatives import (
    COMMODITY_CATEGORY,
    KINDS,
    LANGS,
    OFFER_MENTION_PAIRS,
    GeneratedText,
    check_grammars,
    generate_hard_negatives,
    strip_diacritics,
)

MENTION_CLASSES = ("news", "enforcement", "campaign", "research", "fake", "material_colour")
SALE_CLASSES = ("offer", "shipping", "price")


def count(text: str, cls: str) -> int:
    return cue_counts(text)[CUE_CLASSES.index(cls)]


# --------------------------------------------------------------------------------------------
# Data and API


def test_classes_and_languages() -> None:
    assert CUE_CLASSES == (
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
    assert len(cue_counts("anything")) == len(CUE_CLASSES)
    assert cue_counts("") == (0,) * len(CUE_CLASSES)


def test_every_class_has_tens_of_phrases_in_every_language() -> None:
    sizes = cues.phrase_sizes()
    assert set(sizes) == set(cues.LANGS) == set(LANGS)
    for lang, per_class in sizes.items():
        for cls in PHRASE_CLASSES:
            assert per_class[cls] >= 20, (lang, cls, per_class[cls])


# One example per (language, class); each must fire that class.
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Carved bangle for sale, DM for price", "offer"),
        ("Ships worldwide, free postage", "shipping"),
        ("Asking $1,250 ono", "price"),
        ("Officials said on Monday, according to Reuters", "news"),
        ("Customs officers seized the tusks and arrested two smugglers", "enforcement"),
        ("Say no to the ivory trade, sign the petition", "campaign"),
        ("Researchers published a study on the species' habitat", "research"),
        ("Faux tortoiseshell comb, celluloid replica", "fake"),
        ("Ivory satin wedding dress, size 10", "material_colour"),
    ],
    "es": [
        ("Se vende, precio negociable, interesados al MD", "offer"),
        ("Envíos a todo el país, envío gratis", "shipping"),
        ("Solo $ 12.500", "price"),
        ("Según informó la agencia EFE, el portavoz declaró", "news"),
        ("La Guardia Civil decomisó el cargamento y detuvo a dos traficantes", "enforcement"),
        ("Di no al tráfico, firma la petición", "campaign"),
        ("Un estudio de la universidad sobre la especie y su hábitat", "research"),
        ("Réplica de resina, imitación marfil", "fake"),
        ("Vestido de novia color marfil, talla M", "material_colour"),
    ],
    "fr": [
        ("Vends, prix à débattre, contactez-moi", "offer"),
        ("Livraison partout en France, envoi soigné", "shipping"),
        ("Prix : 1 200 €", "price"),
        ("Selon l'AFP, le porte-parole a déclaré hier", "news"),
        ("Les douanes ont saisi la marchandise, trois trafiquants interpellés", "enforcement"),
        ("Stop au braconnage, signez la pétition", "campaign"),
        ("Une étude des chercheurs sur l'espèce et son habitat", "research"),
        ("Bracelet en résine, imitation ivoire, faux", "fake"),
        ("Robe de mariée couleur ivoire, taille 38", "material_colour"),
    ],
    "id": [
        ("Dijual, harga nego, minat hub WA", "offer"),
        ("Kirim ke seluruh Indonesia, gratis ongkir", "shipping"),
        ("Harga Rp 150rb", "price"),
        ("Menurut juru bicara, katanya dalam konferensi pers", "news"),
        ("Polisi menangkap tersangka dan menyita barang bukti", "enforcement"),
        ("Stop perdagangan satwa, selamatkan trenggiling", "campaign"),
        ("Hasil penelitian tentang populasi dan habitat spesies", "research"),
        ("Gelang resin imitasi, bukan gading asli", "fake"),
        ("Gaun pengantin warna gading ukuran M", "material_colour"),
    ],
    "pt": [
        ("Vendo, aceito propostas, chama no zap", "offer"),
        ("Frete grátis, envio para todo o Brasil", "shipping"),
        ("Só R$ 1.200,00", "price"),
        ("Segundo a assessoria, o porta-voz informou ontem", "news"),
        ("A Polícia Federal apreendeu a carga e prendeu dois traficantes", "enforcement"),
        ("Diga não ao tráfico, assine a petição", "campaign"),
        ("Um estudo dos pesquisadores sobre a espécie e o habitat", "research"),
        ("Réplica de resina, imitação de marfim", "fake"),
        ("Vestido de noiva cor marfim, tam M", "material_colour"),
    ],
    "vi": [
        ("Cần bán gấp, liên hệ zalo, ib giá", "offer"),
        ("Ship toàn quốc, giao hàng tận nơi", "shipping"),
        ("Giá 1.500.000đ", "price"),
        ("Theo thông tin từ phóng viên, đại diện cơ quan cho biết", "news"),
        ("Công an bắt giữ đối tượng, thu giữ tang vật, khởi tố vụ án", "enforcement"),
        ("Nói không với ngà voi, chung tay bảo vệ động vật hoang dã", "campaign"),
        ("Các nhà khoa học nghiên cứu quần thể và môi trường sống của loài", "research"),
        ("Vòng nhựa resin giả ngà, hàng nhái", "fake"),
        ("Váy cưới ren màu ngà, size M", "material_colour"),
    ],
    "zh": [
        ("出售老象牙手镯，价格私聊，加微信", "offer"),
        ("顺丰包邮，全国发货", "shipping"),
        ("价格800元", "price"),
        ("据报道，记者获悉，相关负责人表示", "news"),
        ("海关查获走私象牙，犯罪嫌疑人被刑事拘留", "enforcement"),
        ("没有买卖就没有杀害，拒绝购买", "campaign"),
        ("研究人员发现，该物种的栖息地和种群", "research"),
        ("树脂仿象牙摆件，高仿", "fake"),
        ("象牙白婚纱，蕾丝连衣裙", "material_colour"),
    ],
}


@pytest.mark.parametrize(
    ("lang", "text", "cls"), [(lang, text, cls) for lang, rows in EXAMPLES.items() for text, cls in rows]
)
def test_examples_fire_their_class(lang: str, text: str, cls: str) -> None:
    assert count(text, cls) >= 1, (lang, cue_matches(text))


def test_every_language_has_an_example_for_every_class() -> None:
    for lang, rows in EXAMPLES.items():
        assert {cls for _, cls in rows} == set(CUE_CLASSES), lang


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Cần bán vòng ngà voi, liên hệ zalo, ship toàn quốc", "offer"),
        ("Cần bán vòng ngà voi, liên hệ zalo, ship toàn quốc", "shipping"),
        ("Công an tỉnh Quảng Ninh bắt giữ đối tượng, thu giữ tang vật", "enforcement"),
        ("Vận chuyển trái phép vảy tê tê, các đối tượng bị khởi tố", "enforcement"),
        ("Theo nguồn tin, cơ quan chức năng cho biết", "news"),
        ("Nói không với sừng tê giác, nguy cơ tuyệt chủng", "campaign"),
        ("Nhà khoa học công bố nghiên cứu về bảo tồn", "research"),
        ("Hàng giả ngà, nhựa resin, không phải ngà thật", "fake"),
        ("Váy ren màu ngà, gọng kính vân đồi mồi", "material_colour"),
    ],
)
def test_vietnamese_with_and_without_diacritics(text: str, cls: str) -> None:
    plain = strip_diacritics(text)
    assert plain.isascii()
    assert count(text, cls) >= 1, cue_matches(text)
    assert count(plain, cls) >= 1, cue_matches(plain)


def test_vietnamese_tone_mark_placement_does_not_matter() -> None:
    assert count("hoạ tiết da hổ", "material_colour") == count("họa tiết da hổ", "material_colour") == 1
    assert count("thuỷ tinh", "fake") == count("thủy tinh", "fake") == 1


def test_single_vietnamese_syllables_need_their_diacritics() -> None:
    # "bán" (sell), "giá" (price), "màu" (colour) unaccented are English/Indonesian/Vietnamese words
    assert count("We can ban ivory sales", "offer") == 0
    assert count("Saya mau beli", "material_colour") == 0
    assert count("bán gấp", "offer") >= 1
    assert count("màu sắc", "material_colour") >= 1


def test_differing_accents_do_not_match() -> None:
    assert count("Envío gratis", "shipping") >= 1
    assert count("envio gratis", "shipping") >= 1  # written without accents: still a match
    assert count("Ya envió el paquete", "shipping") == 0  # envió (sent) is not envío (shipping)
    assert count("Chất thải nguy hại", "offer") == 0  # Indonesian "chat" is not "chất"
    assert count("ông Nguyễn Văn Hùng", "campaign") == 0  # "ONG" (NGO) is not "ông" (Mr)


def test_case_and_punctuation_do_not_matter() -> None:
    assert count("FOR-SALE!!", "offer") >= 1
    assert count("«Vends» robe", "offer") >= 1
    assert count("ＤＭ for price", "offer") >= 1  # full-width letters


def test_longer_phrases_hide_the_cues_inside_them() -> None:
    assert count("非法出售象牙", "offer") == 0
    assert count("非法出售象牙", "enforcement") == 1
    assert count("illegal wildlife trade", "enforcement") == 1
    assert count("giá trị lô hàng", "offer") == 0  # "giá trị" (value) is ignored, hiding "giá"
    assert count("特色小吃", "material_colour") == 0  # "特色" hides "色"


def test_cue_matches_point_into_the_text() -> None:
    text = "Police seized ivory. For sale: carved bangle, $450, free shipping. 出售象牙，包邮。"
    found = cue_matches(text)
    assert found == sorted(found, key=lambda m: (m.start, -m.end, CUE_CLASSES.index(m.cue_class)))
    spans = {(m.cue_class, text[m.start : m.end]) for m in found}
    assert ("enforcement", "Police") in spans
    assert ("enforcement", "seized") in spans
    assert ("offer", "For sale") in spans
    assert ("price", "$450") in spans
    assert ("shipping", "free shipping") in spans
    assert ("offer", "出售") in spans
    assert ("shipping", "包邮") in spans
    per_class = collections.Counter(m.cue_class for m in found)
    assert tuple(per_class.get(c, 0) for c in CUE_CLASSES) == cue_counts(text)
    at = text.index("$450")
    assert cues.explain(text, classes=["price"]) == [
        {"class": "price", "phrase": "$450", "start": at, "end": at + 4}
    ]


def test_cue_matches_agree_with_cue_counts() -> None:
    texts = [
        "Dijual gading asli, harga nego, COD, Rp 150rb, minat hub WA 0812 3456 7890",
        "Cần bán vòng ngà voi, giá 1.500.000 đ, ship toàn quốc, liên hệ zalo 0912 345 678",
        "出售象牙手镯，价格800元，包邮，私聊，微信：13812345678",
        "EST: £800-1,200. Lot 123, live auction, buyer's premium 25%",
    ]
    for text in texts:
        per_class = collections.Counter(m.cue_class for m in cue_matches(text))
        assert tuple(per_class.get(c, 0) for c in CUE_CLASSES) == cue_counts(text), text


def test_only_the_first_max_chars_are_read() -> None:
    text = "x " * cues.MAX_CHARS + "for sale"
    assert count(text, "offer") == 0
    assert count("for sale " + "x " * cues.MAX_CHARS, "offer") == 1


# --------------------------------------------------------------------------------------------
# Prices

PRICES = [
    "$45,000",
    "£1,500-2,000",
    "EST: £800-1,200",
    "US$ 3.5 million",
    "1.500.000 đ",
    "1.500.000đ",
    "5 triệu đồng",
    "trị giá 3 tỷ đồng",
    "giá 350k",
    "1tr5",
    "Rp 150rb",
    "Rp150.000",
    "harga 1,2jt",
    "Rp 2,5 miliar",
    "150k",
    "¥800",
    "￥1200",
    "800元",
    "3万元",
    "五百元",
    "价格800",
    "300块钱",
    "R$ 200",
    "R$ 1.200,00",
    "200 reais",
    "5.000 Kz",
    "300 euros",
    "45 €",
    "1 200 €",
    "75 000 FCFA",
    "prix : 45 €",
    "precio 350",
    "S/ 150",
    "MXN 1,200",
    "KSh 5,000",
    "₦50,000",
    "500 USD",
    "USD 500",
]


@pytest.mark.parametrize("text", PRICES)
def test_price_amounts(text: str) -> None:
    assert count(text, "price") == 1, cue_matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "18k gold ring",
        "4K TV",
        "150kg",
        "20 kg of scales",
        "in 2019",
        "mp3 player",
        "A4 paper",
        "3块玉",
        "12 tháng",
        "SN 1985",
        "call 0912 345 678",
        "5月12日",
        "2 tonnes",
    ],
)
def test_not_prices(text: str) -> None:
    assert count(text, "price") == 0, cue_matches(text)


def test_price_spans_cover_the_amount() -> None:
    for text in ("giá chỉ 350k", "Rp 150rb", "5 triệu đồng", "harga 1,2jt", "R$ 1.200", "300 euros"):
        (match,) = [m for m in cue_matches(text) if m.cue_class == "price"]
        assert (match.start, match.end) == (0, len(text)), match
    # a range is one amount and its second half; the first half is the price cue
    (match,) = [m for m in cue_matches("EST: £800-1,200") if m.cue_class == "price"]
    assert match.phrase == "EST: £800"


def test_numbers_that_are_offer_or_size_cues() -> None:
    assert count("Lot 123", "offer") == 1
    assert count("WA 0812 3456 7890", "offer") >= 1
    assert count("zalo: 0912.345.678", "offer") >= 1
    assert count("EST: £800", "offer") == 1  # auction estimate
    assert count("UK 10", "material_colour") == 1
    assert count("talla 38", "material_colour") == 1
    assert count("a lot of 30 people", "offer") == 0


# --------------------------------------------------------------------------------------------
# Generator


@pytest.fixture(scope="module")
def generated() -> list[GeneratedText]:
    return generate_hard_negatives(seed=7, per_language=500)


def test_grammars_are_complete() -> None:
    assert check_grammars() == []


def test_generator_is_deterministic_by_seed(generated: list[GeneratedText]) -> None:
    again = generate_hard_negatives(seed=7, per_language=500)
    assert again == generated
    other = generate_hard_negatives(seed=8, per_language=500)
    assert [g.title for g in other] != [g.title for g in generated]


def test_every_language_and_kind_is_present(generated: list[GeneratedText]) -> None:
    assert len(generated) == 500 * len(LANGS)
    assert {g.lang for g in generated} == set(LANGS)
    for lang in LANGS:
        kinds = collections.Counter(g.kind for g in generated if g.lang == lang)
        assert set(kinds) == set(KINDS)
        assert max(kinds.values()) - min(kinds.values()) <= 1  # equal shares


def test_titles_are_varied(generated: list[GeneratedText]) -> None:
    for lang in LANGS:
        rows = [g for g in generated if g.lang == lang]
        assert len({g.title for g in rows}) >= 0.8 * len(rows), lang
        assert len({g.description for g in rows}) >= 0.9 * len(rows), lang
        assert len({g.id for g in rows}) == len(rows)


def test_labels_and_groups(generated: list[GeneratedText]) -> None:
    for g in generated:
        assert g.commodity in COMMODITY_CATEGORY
        if g.kind == "offer":
            assert g.label_category == COMMODITY_CATEGORY[g.commodity] != "none"
        else:
            assert g.label_category == "none"
        lang, kind, family = g.group.split(":")
        assert (lang, kind) == (g.lang, g.kind) and family
        assert g.title and g.description
    for lang in LANGS:
        for kind in KINDS:
            families = {g.group for g in generated if g.lang == lang and g.kind == kind}
            assert len(families) >= 3, (lang, kind, families)
    categories = {g.label_category for g in generated if g.kind == "offer"}
    assert categories == {"wildlife", "timber", "minerals", "waste"}


def test_no_opening_dominates_a_kind(generated: list[GeneratedText]) -> None:
    # every news item starting "Police seized..." would be a learnable artefact
    for lang in LANGS:
        for kind in KINDS:
            rows = [g for g in generated if g.lang == lang and g.kind == kind]
            openings = collections.Counter(g.description.split()[0] for g in rows)
            assert openings.most_common(1)[0][1] <= 0.35 * len(rows), (lang, kind, openings.most_common(3))


def test_vietnamese_marketplace_texts_sometimes_lose_their_diacritics(generated: list[GeneratedText]) -> None:
    offers = [g for g in generated if g.lang == "vi" and g.kind == "offer"]
    plain = [g for g in offers if g.description.isascii()]
    assert 0 < len(plain) < len(offers)


def test_generated_texts_carry_the_cues_of_their_kind(generated: list[GeneratedText]) -> None:
    """A consistency check between the two modules, per language and kind."""
    wanted = {
        "news": ("news", "enforcement"),
        "enforcement": ("enforcement",),
        "campaign": ("campaign",),
        "research": ("research",),
        "colour_material": ("material_colour",),
        "fake": ("fake",),
        "offer": SALE_CLASSES,
    }
    for lang in LANGS:
        for kind, classes in wanted.items():
            rows = [g for g in generated if g.lang == lang and g.kind == kind]
            hit = 0
            for g in rows:
                counts = cue_counts(g.title + "\n" + g.description)
                hit += any(counts[CUE_CLASSES.index(c)] for c in classes)
            assert hit >= 0.75 * len(rows), (lang, kind, hit, len(rows))


def test_offer_mention_pairs() -> None:
    assert set(OFFER_MENTION_PAIRS) == set(LANGS)
    for lang, pairs in OFFER_MENTION_PAIRS.items():
        assert len(pairs) >= 4, lang
        for offer, mention, category in pairs:
            assert category in {"wildlife", "timber", "minerals", "waste"}
            offer_counts, mention_counts = cue_counts(offer), cue_counts(mention)
            assert any(offer_counts[CUE_CLASSES.index(c)] for c in SALE_CLASSES), (lang, offer)
            assert any(mention_counts[CUE_CLASSES.index(c)] for c in MENTION_CLASSES), (lang, mention)


def test_strip_diacritics() -> None:
    assert strip_diacritics("Cần bán ngà voi, giá rẻ, Đà Nẵng") == "Can ban nga voi, gia re, Da Nang"
