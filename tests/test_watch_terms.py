"""The shipped default watchlist: built by its script from the lexicon, kept in step with it."""

from __future__ import annotations

import json
from pathlib import Path

from classifiers.lexicon.matcher import DEFAULT_PATH, read_document
from classifiers.watch_terms import DEFAULT_LIST, PROVENANCE, build, default_rows
from storage.term_rows import ANY_LANGUAGE, read_csv


def test_the_shipped_list_is_what_the_script_builds_from_the_shipped_lexicon(tmp_path: Path) -> None:
    provenance = build(DEFAULT_PATH, tmp_path)
    assert (tmp_path / DEFAULT_LIST.name).read_bytes() == DEFAULT_LIST.read_bytes(), (
        "run `python -m classifiers.watch_terms` after changing the lexicon or the rules"
    )
    shipped = json.loads(PROVENANCE.read_text(encoding="utf-8"))
    assert shipped["lexicon_version"] == read_document(DEFAULT_PATH)["header"]["version"]
    assert shipped["terms"] == provenance["terms"]


def test_appendix_i_species_and_curated_trade_terms_in_every_language() -> None:
    rows = read_csv(DEFAULT_LIST.read_bytes()).rows
    languages = {r.language for r in rows}
    assert {"en", "es", "fr", "pt", "id", "vi", "zh", ANY_LANGUAGE} <= languages
    by_term = {(r.term.casefold(), r.language): r for r in rows}
    # breadth: "ivory" finds every "elephant ivory" on a site that searches all words
    assert by_term[("ivory", "en")].priority == 1 and by_term[("elephant ivory", "en")].priority == 2
    # a scientific name is searched in every language, with its appendix as its source
    scientific = [r for r in rows if r.language == ANY_LANGUAGE]
    assert scientific and all(r.source.startswith("CITES Appendix") for r in scientific)
    assert all("I" in r.source.split(";")[0].removeprefix("CITES Appendix ").split("/") for r in scientific)


def test_only_appendix_i_species_go_in_and_negative_terms_never() -> None:
    entries = [
        ["Loxodonta africana", "la", "scientific", "wildlife", "I/II", 0.9, "CITES Species+"],
        ["Python regius", "la", "scientific", "wildlife", "II", 0.9, "CITES Species+"],
        ["ball python", "en", "common", "wildlife", "II", 0.6, "CITES Species+"],
        ["aye-aye", "en", "common", "wildlife", "I", 0.8, "CITES Species+"],
        ["ayeaye", "pt", "common", "wildlife", "I", 0.8, "CITES Species+"],
        ["resin", "en", "negative", "any", "", 0.5, "curated: en.yaml:1"],
        ["white gold", "en", "code_word", "wildlife", "", 0.25, "curated: en.yaml:2"],
        ["Ivory", "en", "trade", "wildlife", "", 0.7, "curated: en.yaml:3"],
        ["ivory", "en", "trade", "wildlife", "", 0.9, "curated: en.yaml:4"],
        ["=cmd", "en", "trade", "wildlife", "", 0.9, "curated: en.yaml:5"],
    ]
    rows = {(r.term, r.language): r.priority for r in default_rows(entries)}
    assert rows == {
        ("Loxodonta africana", "*"): 3,
        ("aye-aye", "en"): 2,
        ("white gold", "en"): 4,
        ("ivory", "en"): 1,
    }


def test_each_languages_own_spelling_of_a_curated_term_is_kept() -> None:
    """The lexicon keeps one entry for Portuguese "cassiterita" and Spanish "casiterita" (its
    matching key folds doubled letters); a search box needs each spelling."""
    rows = {(r.term, r.language) for r in read_csv(DEFAULT_LIST.read_bytes()).rows}
    assert {("cassiterita", "pt"), ("casiterita", "es"), ("cassiterite", "en")} <= rows
