"""Language identification of a listing's text: accuracy on the demo's seven languages, other
languages named, undecidable text answered None, bounded cost, and a model loaded only on use."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from classifiers.language import (
    CANDIDATE_LANGUAGES,
    MAX_TEXT_BYTES,
    MIN_CONFIDENCE,
    WATCHED_LANGUAGES,
    identify_language,
    sample,
)
from demo.catalogue import generate_catalogue
from tests.conftest import DEMO_SEED, ROOT

CATALOGUE_SIZE = 3000


@pytest.fixture(scope="module")
def demo_listings() -> list[tuple[str, str, str]]:
    """(language, title, description) of the demo catalogue, hostile site's listings included."""
    catalogue = generate_catalogue(DEMO_SEED, CATALOGUE_SIZE)
    return [(x.language, x.title, x.description) for x in (*catalogue.listings, *catalogue.hostile)]


def test_the_seven_demo_languages_are_identified(demo_listings: list[tuple[str, str, str]]) -> None:
    totals = Counter(language for language, _, _ in demo_listings)
    assert set(totals) == set(WATCHED_LANGUAGES)
    right: Counter[str] = Counter()
    wrong: Counter[tuple[str, str | None]] = Counter()
    for language, title, description in demo_listings:
        found = identify_language(title, description)
        if found == language:
            right[language] += 1
        else:
            wrong[language, found] += 1
    accuracy = {language: right[language] / totals[language] for language in sorted(totals)}
    print("accuracy per language:", {k: round(v, 3) for k, v in accuracy.items()})
    print("errors:", wrong.most_common(5))
    low = {k: v for k, v in accuracy.items() if v < 0.95}
    assert not low, f"under 95 %: {low}; errors {wrong.most_common(5)}"


@pytest.mark.parametrize(
    ("title", "description", "language"),
    [
        ("Elfenbein Schnitzerei, echt", "Alte Schnitzerei aus Elfenbein, Versand weltweit.", "de"),
        ("Avorio intagliato antico", "Spedizione in tutta Italia, pagamento alla consegna.", "it"),
        ("Слоновая кость, резьба", "Старинная резьба, доставка по всей России.", "ru"),
        ("象牙の彫刻", "本物の象牙です。海外発送もできます。", "ja"),
        ("งาช้างแกะสลัก ของแท้", "ส่งฟรีทั่วประเทศ เก็บเงินปลายทาง", "th"),
        ("Sisik tenggiling untuk dijual", "Hantar ke seluruh Malaysia, harga boleh runding.", "ms"),
        # the watched ones, written as sellers write them (no description, or only a title)
        ("Vendo colmillo de marfil tallado", None, "es"),
        ("Bán sừng tê giác thật", "", "vi"),
        ("出售 穿山甲 鳞片", None, "zh"),
    ],
)
def test_other_languages_are_named(title: str, description: str | None, language: str) -> None:
    assert identify_language(title, description) == language


@pytest.mark.parametrize(
    ("title", "description"),
    [(None, None), ("", ""), ("!!!", "..."), ("12345", "678 90 / 10"), ("iPhone 13 128GB", None)],
)
def test_undecidable_text_is_none(title: str | None, description: str | None) -> None:
    assert identify_language(title, description) is None


def test_only_a_bounded_sample_is_read() -> None:
    spanish = "Colmillo de marfil tallado, envío discreto a todo el país. "
    long_text = sample("Vendo marfil", spanish * 10_000)
    assert long_text is not None and len(long_text) <= MAX_TEXT_BYTES
    assert identify_language("Vendo marfil", spanish * 10_000) == "es"
    # a character cut in half at the bound is dropped by the library, not an error
    chinese = sample("出售象牙", "象牙手镯，正品保证。" * 200)
    assert chinese is not None and len(chinese) == MAX_TEXT_BYTES
    assert identify_language("出售象牙", "象牙手镯，正品保证。" * 200) == "zh"
    # lone surrogates (scraped text can hold them) are not UTF-8: replaced, not raised
    assert identify_language("Vendo marfil \udc80 tallado", "envío a todo el país") == "es"


def test_the_rebuilt_identifier_answers_as_the_library_does(
    demo_listings: list[tuple[str, str, str]],
) -> None:
    """classifiers/language.py rebuilds py3langid's identifier for speed (row-major float32
    table); it must give the library's own answers over the same candidates."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True, min_confidence=MIN_CONFIDENCE)
    reference.set_languages(list(CANDIDATE_LANGUAGES))
    differ = []
    for _, title, description in demo_listings[::5]:
        data = sample(title, description)
        assert data is not None
        expected = reference.classify(data)[0]
        got = identify_language(title, description)
        if (None if expected == "und" else expected) != got:
            differ.append((title, expected, got))
    assert not differ, differ[:5]


def test_the_model_is_loaded_only_when_used() -> None:
    """The crawler imports the module with its pipelines; a process that never identifies a
    language must not load (or even import) the library."""
    code = (
        "import sys\n"
        "import classifiers.language, crawler.pipelines.normalize, storage.listings\n"
        "assert 'py3langid' not in sys.modules, 'imported at import time'\n"
        "classifiers.language.identify_language('Vendo marfil tallado', None)\n"
        "assert 'py3langid' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
