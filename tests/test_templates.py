"""Text templates (networks.templates): masking, grouping, the boilerplate cut, diffs, bounds."""

from __future__ import annotations

import random

import pytest

from networks.templates import TemplateConfig, TemplateIndex
from networks.templates_text import NUMBER, placeholder, tokenize

TEMPLATE = (
    "Genuine taxidermy fruit bat mounted in a handmade oak shadow box with a glass front.\n"
    "Legally sourced from a conservation farm, every specimen comes with its paperwork.\n"
    "Price {price}, shipping worldwide by tracked courier within three working days.\n"
    "Contact me on {contact} for more photos or combined shipping."
)

UNRELATED = [
    "Vintage brass desk lamp with a green glass shade, rewired last year and working perfectly.",
    "Hand knitted wool scarf in deep red, two metres long, washed gently and never worn outside.",
    "Set of six porcelain tea cups with saucers, floral pattern, one tiny chip on a saucer rim.",
    "Mountain bike with front suspension, new tyres and brake pads, frame size medium, some scratches.",
    "First edition paperback novel in good condition, slight yellowing of pages, no markings inside.",
]


def no_cut(**kwargs: object) -> TemplateConfig:
    return TemplateConfig(boilerplate_share=None, **kwargs)  # type: ignore[arg-type]


def filled(price: str, contact: str) -> str:
    return TEMPLATE.format(price=price, contact=contact)


def test_masking_makes_particulars_equal() -> None:
    a = tokenize("Only $45.00 call 0912 345 678 now", max_chars=1000, max_tokens=100)
    b = tokenize("Only 60 EUR call +1 508 555 3841 now", max_chars=1000, max_tokens=100)
    assert a.norms[0] == "only" and NUMBER in a.norms
    assert a.norms[2] == b.norms[3] == "call"
    assert a.norms[3] == b.norms[4] and a.norms[3].endswith("phone")
    assert a.text[a.starts[3] : a.ends[3]] == "0912 345 678"


def test_spelled_phone_and_email_are_masked_like_digits() -> None:
    spelled = tokenize("call zero nine one two three four five six seven eight", max_chars=500, max_tokens=50)
    digits = tokenize("call 0912345678", max_chars=500, max_tokens=50)
    assert spelled.norms == digits.norms
    mail = tokenize("write to bat.seller@example.com today", max_chars=500, max_tokens=50)
    assert mail.norms == ["write", "to", "\x00email", "today"]


def test_cjk_characters_are_tokens() -> None:
    tokens = tokenize("出售蝙蝠标本 real bat", max_chars=100, max_tokens=100)
    assert tokens.norms[:6] == list("出售蝙蝠标本") and tokens.norms[6:] == ["real", "bat"]


def test_template_found_despite_prices_phones_and_numbers() -> None:
    index = TemplateIndex(no_cut())
    texts = {
        "a": filled("$45", "+1 508 555 3841"),
        "b": filled("60.00 EUR", "0912 345 678"),
        "c": filled("£38", "zero nine one two three four five six seven eight").replace("three working", "5"),
        "d": filled("120 USD", "bat.seller@example.com"),
    }
    for key, text in texts.items():
        index.add(key, text, "site-a")
    for i, text in enumerate(UNRELATED):
        index.add(f"u{i}", text, "site-a")
    assert index.components() == [["a", "b", "c", "d"]]
    assert all(m.jaccard >= 0.5 for m in index.matches())


def test_unrelated_texts_are_not_grouped() -> None:
    index = TemplateIndex(no_cut())
    rng = random.Random(3)
    words = " ".join(UNRELATED).split()
    for i in range(200):
        index.add(i, " ".join(rng.sample(words, 25)), "site")
    for i, text in enumerate(UNRELATED):
        index.add(f"u{i}", text, "site")
    assert index.components() == []


def test_short_texts_are_not_templates() -> None:
    index = TemplateIndex(no_cut())
    index.add(1, "Real bat.", "s")
    index.add(2, "Real bat!", "s")
    assert index.components() == [] and index.stats.too_short == 2


def chrome_site(index: TemplateIndex, n: int) -> dict[str, str]:
    """``n`` unrelated listings on one site, each wrapped in the same long navigation and footer."""
    rng = random.Random(5)
    header = "\n".join(
        [
            "All Our Products",
            "Add to Favourites",
            "Store Newsletter",
            "Butterfly Frames Moth Frames Beetle Frames Spider Frames Insect Frames Glass Domes",
            "Home Shop About Us Contact Delivery Returns Reviews Gift Cards Sale",
        ]
    )
    footer = "Copyright Example Curios Ltd. All rights reserved. Registered in England and Wales."
    vocabulary = sorted({w.strip(".,").lower() for w in " ".join(UNRELATED).split()})
    texts = {}
    for i in range(n):
        body = " ".join(rng.sample(vocabulary, 14))
        texts[f"s{i}"] = f"{header}\n{body}\n{footer}"
        index.add(f"s{i}", texts[f"s{i}"], "curios.example")
    return texts


def test_boilerplate_makes_one_giant_group_without_the_cut() -> None:
    index = TemplateIndex(no_cut())
    chrome_site(index, 60)
    groups = index.components()
    assert groups and len(groups[0]) > 30


def test_boilerplate_cut_keeps_unrelated_listings_apart() -> None:
    index = TemplateIndex(TemplateConfig(boilerplate_share=0.5, boilerplate_min_listings=20))
    chrome_site(index, 60)
    index.add("t1", "All Our Products\n" + filled("$45", "+1 508 555 3841"), "curios.example")
    index.add("t2", "All Our Products\n" + filled("$60", "+44 7700 900123"), "curios.example")
    assert index.components() == [["t1", "t2"]]
    assert index.stats.boilerplate_tokens_cut > 60 * 20
    group = index.groups({"t1": "All Our Products\n" + filled("$45", "1"), "t2": filled("$60", "2")})[0]
    assert "All Our Products" not in group.template


def test_boilerplate_waits_for_enough_listings_and_flush_indexes_the_rest() -> None:
    index = TemplateIndex(TemplateConfig(boilerplate_min_listings=50))
    index.add("a", filled("$45", "+1 508 555 3841"), "small-site")
    index.add("b", filled("$50", "+1 508 555 3842"), "small-site")
    assert index.stats.pending == 2
    assert index.components() == [["a", "b"]]
    assert index.stats.pending == 0


def test_diff_shows_exactly_the_differing_parts() -> None:
    a = filled("$45", "+1 508 555 3841")
    b = filled("$60", "+1 508 555 3841").replace("oak", "walnut")
    c = filled("$45", "+1 508 555 3841").replace(" for more photos or combined shipping", "")
    texts = {"a": a, "b": b, "c": c}
    index = TemplateIndex(no_cut())
    for key, text in texts.items():
        index.add(key, text)
    (group,) = index.groups(texts)
    assert group.size == 3 and set(group.members) == {"a", "b", "c"}
    assert "{number}" in group.template and "+1 508 555 3841" in group.template  # one shared number
    assert "oak" in group.template and "walnut" not in group.template
    assert "for more photos" in group.template  # two of three have it: the majority keeps it
    diffs = {d.listing_id: d for d in group.diffs}
    assert [(ch.kind, ch.text) for ch in diffs["a"].changes] == [("value", "45")]
    assert [(ch.kind, ch.template_text, ch.text) for ch in diffs["b"].changes] == [
        ("replace", "oak", "walnut"),
        ("value", "{number}", "60"),
    ]
    (only_c, lost) = diffs["c"].changes
    assert (only_c.kind, only_c.text) == ("value", "45")
    assert (
        lost.kind == "delete"
        and lost.template_text == "for more photos or combined shipping"
        and lost.text == ""
    )
    change = diffs["b"].changes[0]
    assert b[change.start : change.end] == "walnut"
    assert diffs["c"].coverage < 1.0 == diffs["a"].coverage
    assert "3 listings share this text" in group.describe()


def test_hostile_megabyte_text_is_capped() -> None:
    config = no_cut()
    index = TemplateIndex(config)
    huge = ("bat " * 250_000) + "x" * 100
    index.add("huge", huge)
    index.add("huge2", "frame " + huge)
    tokens = tokenize(huge, max_chars=config.max_text_chars, max_tokens=config.max_tokens)
    assert len(tokens) <= config.max_tokens
    assert index.components() == [["huge", "huge2"]]
    (group,) = index.groups({"huge": huge, "huge2": "frame " + huge})
    assert group.template_tokens <= config.max_tokens


def test_hostile_ten_thousand_identical_texts_cost_one_entry() -> None:
    index = TemplateIndex(no_cut(max_group_members=20))
    text = filled("$45", "+1 508 555 3841")
    for i in range(10_000):
        index.add(i, text.replace("45", str(i)))  # numbers are masked: identical as compared
    assert index.stats.indexed == 1 and index.stats.absorbed == 9_999
    assert index.stats.candidates_verified == 0
    (members,) = index.components()
    assert len(members) == 10_000
    (group,) = index.groups(lambda i: text.replace("45", str(i)))
    assert group.size == 10_000 and len(group.members) == 20 and len(group.diffs) == 20


def test_near_identical_flood_verifies_a_capped_number_of_candidates() -> None:
    config = no_cut(max_candidates=16, absorb_jaccard=1.01)  # absorb nothing: the cap alone bounds
    index = TemplateIndex(config)
    base = filled("$45", "+1 508 555 3841").split(" ")
    rng = random.Random(1)
    n = 600
    for i in range(n):
        words = list(base)
        words[rng.randrange(len(words))] = rng.choice(UNRELATED[i % 5].split())
        index.add(i, " ".join(words))
    assert index.stats.candidates_verified <= n * config.max_candidates
    assert index.stats.candidate_lists_capped > 0
    assert len(index.components()[0]) == n


def test_duplicate_ids_are_refused() -> None:
    index = TemplateIndex()
    index.add("a", "text")
    with pytest.raises(ValueError):
        index.add("a", "other text")


def test_placeholder_names_the_kind() -> None:
    assert placeholder(NUMBER) == "{number}"
