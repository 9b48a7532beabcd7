"""Identifier extraction (networks.identifiers): spans, de-obfuscation, kinds, checksums, negatives."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import phonenumbers
import pytest

from networks import phones
from networks.deobfuscate import digit_view
from networks.folding import fold
from networks.iban import mod97_valid
from networks.identifiers import MAX_IDENTIFIERS, MAX_TEXT_CHARS, Identifier, extract_identifiers
from networks.keccak import keccak256
from networks.quality import load_cases
from networks.textmap import MappedText
from networks.wallets import base58check_version, eip55_valid, segwit_valid

DATA = Path(__file__).parent / "data" / "identifiers"


def pairs(text: str, region: str | None = None, language: str | None = None) -> list[tuple[str, str]]:
    return [(i.kind, i.value) for i in extract_identifiers(text, default_region=region, language=language)]


def one(text: str, region: str | None = None, language: str | None = None) -> Identifier:
    found = extract_identifiers(text, default_region=region, language=language)
    assert len(found) == 1, found
    return found[0]


# --- spans ---------------------------------------------------------------------------------------


def test_span_and_raw_are_the_original_text() -> None:
    text = "Call (202) 555-0143 after 5pm."
    found = one(text, "US", "en")
    assert (found.kind, found.value) == ("phone", "+12025550143")
    assert found.span == (5, 19)
    assert found.raw == text[5:19] == "(202) 555-0143"


def test_span_of_a_spelled_number_covers_the_words() -> None:
    text = "Contact: two zero two five five five zero one six one for pics"
    found = one(text, "US", "en")
    assert found.value == "+12025550161"
    assert found.raw == "two zero two five five five zero one six one"
    assert found.obfuscated


def test_span_of_mixed_and_lookalike_digits() -> None:
    text = "WA: 08l2 345six 7890 fast"
    found = one(text, "ID", "id")
    assert (found.kind, found.value, found.raw) == ("whatsapp", "+6281234567890", "08l2 345six 7890")
    assert text[found.start : found.end] == found.raw


def test_span_of_full_width_and_cjk_digits() -> None:
    text = "手机：１３６－１２３４－５６７８，微信：幺五九 一二三四 五六七八"
    found = extract_identifiers(text, default_region="CN", language="zh")
    raws = {(i.kind, i.value): i.raw for i in found}
    assert raws[("phone", "+8613612345678")] == "１３６－１２３４－５６７８"
    assert raws[("wechat", "+8615912345678")] == "幺五九 一二三四 五六七八"
    assert all(i.obfuscated for i in found)


def test_every_span_of_the_labelled_set_maps_back() -> None:
    for case in load_cases(DATA / "dev.jsonl"):
        for found in extract_identifiers(case.text, default_region=case.region, language=case.lang):
            assert 0 <= found.start < found.end <= len(case.text), case.id
            assert case.text[found.start : found.end] == found.raw, case.id
            assert found.raw.strip() == found.raw, (case.id, found.raw)


def test_mapped_text_maps_replacements_whole() -> None:
    text = "call zero nine one 23 four!"
    mapped = MappedText(text, [(5, 9, "0"), (10, 14, "9"), (15, 18, "1"), (22, 26, "4")])
    assert mapped.view == "call 0 9 1 23 4!"
    start, end = mapped.span_to_original(mapped.view.index("0"), mapped.view.index("4") + 1)
    assert text[start:end] == "zero nine one 23 four"
    twenty_three = mapped.view.index("23")
    assert mapped.span_to_original(twenty_three, twenty_three + 2) == (19, 21)
    assert mapped.edited_between(4, 6) and not mapped.edited_between(twenty_three, twenty_three + 2)
    with pytest.raises(ValueError):
        MappedText(text, [(0, 5, "x"), (3, 8, "y")])


# --- de-obfuscation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "view"),
    [
        ("zero nine one seven one two three four five six seven", "en", "0 9 1 7 1 2 3 4 5 6 7"),
        ("508 5five5 38four1", "en", "508 555 3841"),
        ("hit me 7O3 555 Ol28", "en", "hit me 703 555 0128"),
        ("０９１２ ３４５ ６７８", "vi", "0912 345 678"),
        ("không chín một hai ba bốn năm sáu bảy tám", "vi", "0 9 1 2 3 4 5 6 7 8"),
        ("nol delapan satu dua, tiga empat lima enam, tujuh", "id", "0 8 1 2, 3 4 5 6, 7"),
        ("cero cinco cinco uno dos tres cuatro cinco seis siete", "es", "0 5 5 1 2 3 4 5 6 7"),
        ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", "fr", "0 6 12 34 56 78"),
        ("um um nove meia meia cinco quatro três", "pt", "1 1 9 6 6 5 4 3"),
        ("电话一三九八七六五四三二一", "zh", "电话13987654321"),
        ("壹叁柒 贰贰叁叁 肆肆伍伍", "zh", "137 2233 4455"),
    ],
)
def test_hidden_digits_are_rewritten(text: str, language: str, view: str) -> None:
    assert digit_view(fold(text), language).view == view


@pytest.mark.parametrize(
    "text",
    [
        "one of two options, or three",
        "Ola lol bao nhiêu, Hello Ohio",
        "I have 2 kids and 1 dog",
        "năm 2019 có hai con",
        "一只老虎，三个人",
        "un deux trois",  # a count, too short for a number
    ],
)
def test_prose_is_left_alone(text: str) -> None:
    assert digit_view(fold(text), None).view == fold(text)


def test_fold_keeps_length_and_folds_forms() -> None:
    text = "０９１２－３４５＋＠．①٣"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "0912-345+@.13"


# --- kinds and validity --------------------------------------------------------------------------


def test_channel_words_decide_the_kinds() -> None:
    assert pairs("WA/Telegram: 0813 5555 6666", "ID", "id") == [
        ("telegram", "+6281355556666"),
        ("whatsapp", "+6281355556666"),
    ]
    assert sorted(pairs("Call or WhatsApp 07911 123456", "GB", "en")) == [
        ("phone", "+447911123456"),
        ("whatsapp", "+447911123456"),
    ]
    assert pairs("Consultas al +54 9 11 2345-6789 (WhatsApp)", "AR", "es") == [("whatsapp", "+5491123456789")]
    assert sorted(pairs("liên hệ 0359 876 543 hoặc zalo cùng số", "VN", "vi")) == [
        ("phone", "+84359876543"),
        ("zalo", "+84359876543"),
    ]
    # a list keeps the channel of its first number
    assert pairs("WhatsApp +44 7412 558 903 or +1 202 555 0143", None, "en") == [
        ("whatsapp", "+447412558903"),
        ("whatsapp", "+12025550143"),
    ]


def test_zalo_numbers_are_read_in_vietnam() -> None:
    assert pairs("Mon Zalo : 0912 345 678", "FR", "fr") == [("zalo", "+84912345678")]


def test_validity_is_recorded_and_invalid_numbers_need_a_label() -> None:
    valid = one("Tel 0812-3456-7890", "ID", "id")
    assert (valid.valid, valid.possible, valid.region) == (True, True, "ID")
    invalid = one("Téléphone : 06 12 34 56 7", "FR", "fr")
    assert (invalid.kind, invalid.value, invalid.valid) == ("phone", "+3361234567", False)
    assert pairs("The code is 06 12 34 56 7", "FR", "fr") == []
    assert pairs("Tél. 06 12 34", "FR", "fr") == []  # five digits after the trunk prefix: too short


def test_region_comes_from_the_site_or_the_language() -> None:
    assert pairs("Ligue 21 99876 5432", "BR", "pt") == [("phone", "+5521998765432")]
    assert pairs("Hubungi 0812-3456-7890", None, "id") == [("phone", "+6281234567890")]
    assert pairs("WhatsApp +84 91 234 5678", None, None) == [("whatsapp", "+84912345678")]


@pytest.mark.parametrize(
    ("text", "region", "language"),
    [
        ("Harga Rp 1.500.000 nego", "ID", "id"),
        ("USD 2,500 for the pair", "US", "en"),
        ("Listed 12/03/2024, shipped 2019-05-01", "US", "en"),
        ("size 30x40 cm, 2.5 kg", "US", "en"),
        ("SKU 12345678", "SG", "en"),
        ("Order ref 20240511-7781, tracking 9400111899223344556677", "US", "en"),
        ("Rekening BCA 1234567890 a.n. Budi", "ID", "id"),
        ("Giá 1.500.000đ, mã đơn 0912345678", "VN", "vi"),
        ("价格：12800元，订单号：202403151234567", "CN", "zh"),
        ("Model 2019 2020 2021 sets", "US", "en"),
        ("Coordinates 40.7128, -74.0060", "US", "en"),
        ("Preço 1.200 € negociável, NIF 123456789", "PT", "pt"),
        ("https://shop.example/item/081234567890?ref=0812345678", "ID", "id"),
    ],
)
def test_quantities_and_references_are_never_phones(text: str, region: str, language: str) -> None:
    assert pairs(text, region, language) == []


def test_a_price_glued_to_a_phone_leaves_the_phone() -> None:
    assert pairs("Rp 150.000 081234567890", "ID", "id") == [("phone", "+6281234567890")]


# --- e-mail, links, handles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mail: reptile.house [at] gmail [dot] com", "reptile.house@gmail.com"),
        ("exotic.feathers at yahoo dot com", "exotic.feathers@yahoo.com"),
        ("aves arroba gmail punto com", "aves@gmail.com"),
        ("vieux arobase orange point fr", "vieux@orange.fr"),
        ("hang68 a còng gmail chấm com", "hang68@gmail.com"),
        ("12345678#qq.com（#换成@）", "12345678@qq.com"),
        ("Shop_Owner＠QQ．COM", "shop_owner@qq.com"),
        ("SALES@AMBER-SHOP.COM", "sales@amber-shop.com"),
    ],
)
def test_emails(text: str, value: str) -> None:
    assert pairs(text) == [("email", value)]


def test_a_shop_is_not_an_email() -> None:
    assert pairs("sold at Target.com yesterday", "US", "en") == []


def test_links() -> None:
    assert pairs("wa.me/62812-9999-8888", "ID") == [("whatsapp", "+6281299998888")]
    assert pairs("https://t.me/ExoticPetsDirect.") == [("telegram", "exoticpetsdirect")]
    assert pairs("https://t.me/joinchat/AbCdEf123") == []
    assert pairs("facebook.com/profile.php?id=100087654321098") == [("facebook", "100087654321098")]
    assert pairs("paypal.me/JungleGoods") == [("payment", "paypal:junglegoods")]
    assert pairs("https://www.ebay.com/usr/curio_hunter_72/") == [
        ("url_profile", "ebay.com/usr/curio_hunter_72")
    ]
    assert pairs("zalo.me/0868234567", "FR") == [("zalo", "+84868234567")]


def test_handles_need_their_platform_named() -> None:
    assert pairs("Telegram: @Ivory_Trader_99") == [("telegram", "ivory_trader_99")]
    assert pairs("IG: @scales.and.tails") == [("instagram", "scales.and.tails")]
    assert pairs("微信：ivory_collector88") == [("wechat", "ivory_collector88")]
    assert pairs("Line ID: shellcraft22") == [("line", "shellcraft22")]
    assert pairs("follow @scales.and.tails") == []
    assert pairs("Mi Instagram es instagram.com/fauna_co") == [("instagram", "fauna_co")]
    assert pairs("stand in line for tickets") == []


# --- wallets and IBAN ----------------------------------------------------------------------------


def test_keccak_and_eip55() -> None:
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    # the examples of EIP-55 itself
    for address in (
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    ):
        assert eip55_valid(address) is True
    assert eip55_valid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD") is False
    assert eip55_valid("0x" + "ab" * 20) is None


def test_bitcoin_and_tron_checksums() -> None:
    assert base58check_version("1EsCzTx4K18tUz26w5coYvAd9kGS8fDNHH") == 0
    assert base58check_version("3DJAABoqoFQnN4GWTkzLS8CPRUaxEyvQcH") == 5
    assert base58check_version("TN1GxB3iEUeQm58Qb6E4d1un72nnmupM8V") == 0x41
    assert base58check_version("1EsCzTx4K18tUz26w5coYvAd9kGS8fDNHh") is None
    assert segwit_valid("bc1q84vp98mh55er8a7dzkzgpek6xd3gllx4d5960n")
    assert segwit_valid("bc1p89n0dpyye5xsmredgag0w6rkxxefcqzek5djfezw6fsys5dsr52qlspe53")
    assert not segwit_valid("bc1q84vp98mh55er8a7dzkzgpek6xd3gllx4d5960m")
    assert not segwit_valid("bc1Q84vp98mh55er8a7dzkzgpek6xd3gllx4d5960n")  # mixed case


def test_a_broken_wallet_is_kept_only_after_a_wallet_word() -> None:
    broken = "1EsCzTx4K18tUz26w5coYvAd9kGS8fDNHh"
    assert pairs(f"ref {broken} thanks") == []
    found = one(f"BTC: {broken}")
    assert (found.kind, found.value, found.valid, found.scheme) == ("crypto_wallet", broken, False, "btc")
    eth = one("ETH 0xE0E92F21C2BB4D907AE43D35251E30BADBE775D2")
    assert (eth.value, eth.valid) == ("0xe0e92f21c2bb4d907ae43d35251e30badbe775d2", None)


def test_iban() -> None:
    assert mod97_valid("GB43NWBK20184858033766")
    assert not mod97_valid("GB44NWBK20184858033766")
    found = one("IBAN GB43 NWBK 2018 4858 0337 66, ref")
    assert (found.value, found.valid, found.raw) == (
        "iban:GB43NWBK20184858033766",
        True,
        "GB43 NWBK 2018 4858 0337 66",
    )
    assert pairs("code GB44 NWBK 2018 4858 0337 66") == []
    assert [(i.value, i.valid) for i in extract_identifiers("IBAN: GB44NWBK20184858033766")] == [
        ("iban:GB44NWBK20184858033766", False)
    ]


# --- the record and its bounds -------------------------------------------------------------------


def test_identifier_is_frozen() -> None:
    found = one("Tel 0812-3456-7890", "ID")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.value = "x"  # type: ignore[misc]


def test_hostile_input_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A megabyte of digits or of phone numbers: the work is capped (parse calls), not timed."""
    calls = 0
    real_parse = phonenumbers.parse

    def counting_parse(*args: object, **kwargs: object) -> phonenumbers.PhoneNumber:
        nonlocal calls
        calls += 1
        return real_parse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(phonenumbers, "parse", counting_parse)
    for text in (
        "7" * 1_000_000,
        "0812 3456 7890 " * 70_000,
        "0812 3456 7890, " * 70_000,
        "1 " * 500_000,
        "wa.me/6281234567890 " * 50_000,
        "zero nine one two " * 60_000,
    ):
        calls = 0
        found = extract_identifiers(text, default_region="ID", language="id")
        assert calls <= phones.MAX_PARSES
        assert len(found) <= MAX_IDENTIFIERS
        assert all(i.end <= MAX_TEXT_CHARS for i in found)


def test_text_past_the_cap_is_not_read() -> None:
    text = "x" * MAX_TEXT_CHARS + " Tel 0812-3456-7890"
    assert extract_identifiers(text, default_region="ID") == []
