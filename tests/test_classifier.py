"""The listing classifier: committed model, integrity/version checks, predictions, JSONL garbage
and honest evaluation splits (learning from analysts' decisions: ``test_classify_cli``)."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from classifiers.corpus import DEV, TEST, build_training_set
from classifiers.evaluation import evaluate
from classifiers.jsonl import JsonlStats, LineError, read_jsonl
from classifiers.lexicon_features import HitLike
from classifiers.model import (
    MODEL_FILE,
    MODEL_FORMAT,
    MODELS_DIR,
    ListingClassifier,
    ModelIntegrityError,
    ModelVersionError,
    resolve_card,
    sha256_file,
)
from classifiers.training import choose_threshold
from classifiers.types import CATEGORIES, ListingInput

# Texts written for these tests (not produced by the demo generator): offers the model never saw.
SUSPECT = [
    (
        "en",
        "Genuine elephant ivory tusk carving, estate sale",
        "Real ivory, not bone. No paperwork, ship worldwide.",
        "950",
        "USD",
    ),
    ("zh", "出售犀牛角 正品 收藏级", "天然犀牛角，保真，私聊价格，可以邮寄。", "60000", "CNY"),
    (
        "es",
        "Vendo colmillo de marfil auténtico",
        "Marfil de elefante original, sin papeles, envío discreto.",
        "1800",
        "EUR",
    ),
    (
        "pt",
        "Escamas de pangolim secas, 2 kg",
        "Escama de pangolim verdadeira, entrega rápida, sem nota.",
        "4500",
        "BRL",
    ),
    (
        "fr",
        "Bois de rose du Madagascar, grumes",
        "Palissandre de Madagascar en grumes, export sans documents CITES.",
        "12000",
        "EUR",
    ),
    (
        "vi",
        "Bán sừng tê giác thật",
        "Sừng tê giác nguyên chất, hàng hiếm, giao hàng kín đáo.",
        "250000000",
        "VND",
    ),
    (
        "id",
        "Jual sisik trenggiling asli",
        "Sisik trenggiling kering, stok banyak, kirim ke luar negeri.",
        "9000000",
        "IDR",
    ),
]
ORDINARY = [
    (
        "en",
        "Kids bicycle with stabilisers",
        "Red bike for ages 4-6, a few scratches, collection only.",
        "45",
        "GBP",
    ),
    ("zh", "九成新 电饭煲 出售", "搬家出售电饭煲，功能正常，自提。", "120", "CNY"),
    ("es", "Mesa de cocina de pino", "Mesa sencilla de pino con cuatro sillas, buen estado.", "90", "EUR"),
    ("fr", "Poussette bébé pliable", "Poussette légère, très bon état, à récupérer sur place.", "70", "EUR"),
]


@pytest.fixture(scope="module")
def model() -> ListingClassifier:
    return ListingClassifier.load()


def listing(item: tuple[str, str, str, str, str], ident: str) -> ListingInput:
    lang, title, description, price, currency = item
    return ListingInput(
        id=ident, title=title, description=description, price=Decimal(price), currency=currency, lang=lang
    )


def copy_model(tmp_path: Path) -> Path:
    card = resolve_card(MODELS_DIR)
    target = tmp_path / "model"
    shutil.copytree(card.parent, target)
    return target


# -- committed model ---------------------------------------------------------------------------


def test_committed_model_loads_with_its_card(model: ListingClassifier) -> None:
    pointer = json.loads((MODELS_DIR / "current.json").read_text())
    assert model.version == pointer["version"]
    assert model.card["model_sha256"] and 0.0 < model.threshold < 1.0
    assert model.card["metrics"]["split"].startswith("test")
    assert "macro_f1" in model.card["metrics"] and "bird_ads_fpr" in model.card["metrics"]


def test_predictions_have_fields_and_model_version(model: ListingClassifier) -> None:
    preds = model.predict([listing(SUSPECT[0], "a"), listing(ORDINARY[0], "b")])
    assert [p.id for p in preds] == ["a", "b"]
    for p in preds:
        data = p.to_dict()
        assert set(data) == {"id", "category", "score", "flagged", "reasons", "model_version"}
        assert data["category"] in CATEGORIES and 0.0 <= data["score"] <= 1.0
        assert data["model_version"] == model.version
        json.dumps(data)
    reasons = preds[0].reasons
    assert any(r["type"] == "lexicon" and r["source"] for r in reasons), reasons
    assert any(r["type"] == "feature" and r["contribution"] > 0 for r in reasons), reasons


@pytest.mark.parametrize("item", SUSPECT, ids=[s[0] for s in SUSPECT])
def test_suspect_offers_are_flagged_in_every_language(
    model: ListingClassifier, item: tuple[str, ...]
) -> None:
    (pred,) = model.predict([listing(item, "x")])  # type: ignore[arg-type]
    assert pred.flagged, (pred.score, pred.category, pred.reasons[:4])
    assert pred.category != "none"


@pytest.mark.parametrize("item", ORDINARY, ids=[s[0] for s in ORDINARY])
def test_ordinary_offers_are_not_flagged(model: ListingClassifier, item: tuple[str, ...]) -> None:
    (pred,) = model.predict([listing(item, "x")])  # type: ignore[arg-type]
    assert not pred.flagged, (pred.score, pred.category, pred.reasons[:4])


def test_empty_and_huge_inputs_do_not_break_a_batch(model: ListingClassifier) -> None:
    huge = ListingInput(id="huge", title="x", description="ivory " * 200_000)
    empty = ListingInput(id="empty", title="", description="")
    preds = model.predict([huge, empty, listing(ORDINARY[1], "ok")])
    assert [p.id for p in preds] == ["huge", "empty", "ok"]


def test_a_lone_surrogate_does_not_cost_the_batch_its_verdicts(model: ListingClassifier) -> None:
    """Half a UTF-16 pair (from a bad decoder upstream) is read as U+FFFD, not an encode error."""
    broken = ListingInput(id="broken", title="Genuine ivory \ud83d bangle for sale", description="DM \udc18")
    other = listing(ORDINARY[1], "other")
    got, beside = model.predict([broken, other])
    assert got.flagged and got.category == "wildlife", (got.score, got.reasons[:3])
    assert beside.score == model.predict([other])[0].score


# -- integrity and versions ----------------------------------------------------------------------


def test_a_model_saved_in_the_joblib_format_still_loads(tmp_path: Path, model: ListingClassifier) -> None:
    import joblib

    folder = copy_model(tmp_path)
    joblib.dump(model, folder / "model.joblib", compress=3)
    card = json.loads((folder / "model-card.json").read_text())
    card.update(model_file="model.joblib", model_sha256=sha256_file(folder / "model.joblib"))
    (folder / "model-card.json").write_text(json.dumps(card))
    (folder / MODEL_FILE).unlink()
    legacy = ListingClassifier.load(folder / "model.joblib")
    probe = [listing(ORDINARY[1], "probe")]
    assert legacy.predict(probe)[0].score == model.predict(probe)[0].score


def test_tampered_model_file_is_refused(tmp_path: Path) -> None:
    folder = copy_model(tmp_path)
    with (folder / MODEL_FILE).open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelIntegrityError, match="SHA-256"):
        ListingClassifier.load(folder)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("feature_schema", 999, "feature schema"),
        ("lexicon_version", "lexicon-from-the-future", "lexicon"),
        ("cue_version", "cues-from-the-future", "cue phrases"),
        # a model file holding scikit-learn's own objects (no frozen format in its card)
        ("model_format", None, "scikit-learn"),
    ],
)
def test_version_mismatch_is_refused(tmp_path: Path, field: str, value: object, message: str) -> None:
    folder = copy_model(tmp_path)
    card_path = folder / "model-card.json"
    card = json.loads(card_path.read_text())
    card[field] = value
    if field == "model_format":
        card["sklearn_version"] = "0.9.0"
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelVersionError, match=message):
        ListingClassifier.load(card_path)


def test_a_frozen_model_loads_under_any_scikit_learn(tmp_path: Path) -> None:
    folder = copy_model(tmp_path)
    card_path = folder / "model-card.json"
    card = json.loads(card_path.read_text())
    assert card["model_format"] == MODEL_FORMAT
    card["sklearn_version"] = "0.9.0"  # trained by another release: its arrays are ours
    card_path.write_text(json.dumps(card))
    assert ListingClassifier.load(card_path).version == card["version"]


def test_other_lexicon_version_is_refused() -> None:
    @dataclass
    class OtherLexicon:
        version: str = "some-other-lexicon"

        def match(self, text: str) -> Sequence[HitLike]:
            return []

    with pytest.raises(ModelVersionError, match="some-other-lexicon"):
        ListingClassifier.load(lexicon=OtherLexicon())


# -- JSONL reader ----------------------------------------------------------------------------------


def test_jsonl_reader_survives_garbage() -> None:
    lines = [
        b'{"id": "1", "title": "Carved ivory", "description": "old", "price": "12.50", "currency": "USD"}\n',
        b"{not json\n",
        b"[1, 2, 3]\n",
        b'{"title": "no id"}\n',
        b'{"id": "", "title": "empty id"}\n',
        b'{"id": "5", "title": 42}\n',
        b"\x00\x01\x02\xff\xfe binary junk\n",
        b'{"id": "7", "title": "", "description": "   "}\n',
        b"\n",
        b'{"id": 8, "title": "t", "description": "d", "colour": "red", "extra": {"a": 1}, "price": "abc"}\n',
        b'{"id": "9", "title": "big", "description": "' + b"a" * 1_000_000 + b'"}\n',
        '{"id": "10", "title": "犀牛角", "description": "正品"}'.encode(),
    ]
    stats = JsonlStats()
    out = list(read_jsonl(io.BytesIO(b"".join(lines)), stats))
    ok = [r for r in out if isinstance(r, ListingInput)]
    errors = [r for r in out if isinstance(r, LineError)]
    assert [r.id for r in ok] == ["1", "8", "9", "10"]
    assert ok[0].price == Decimal("12.50") and ok[1].price is None
    assert len(ok[2].description) <= 5000
    assert [e.line_no for e in errors] == [2, 3, 4, 5, 6, 7, 8]
    assert all(e.message for e in errors)
    assert stats.unknown_fields == {"colour": 1, "extra": 1}
    assert stats.empty_text == 1 and stats.blank_lines == 1 and stats.invalid_price == 1
    assert stats.truncated == 1 and stats.listings == 4 and stats.errors == 7


def test_jsonl_reader_reads_a_path_and_text_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "title": "x"}\n{"id": "b", "description": "y"}', encoding="utf-8")
    assert [r.id for r in read_jsonl(path) if isinstance(r, ListingInput)] == ["a", "b"]
    assert len(list(read_jsonl(['{"id": "c", "title": "z"}']))) == 1


# -- honest evaluation -----------------------------------------------------------------------------


def test_test_split_shares_no_template_or_item_with_development_data() -> None:
    data = build_training_set(seeds=(5,), size=1200, bird_dev_limit=50, bird_test_limit=50)
    dev_templates = {e.group for e in data.dev if e.source == "demo"}
    test_templates = {e.group for e in data.test if e.source == "demo"}
    assert dev_templates and test_templates
    assert all(e.split == DEV for e in data.dev) and all(e.split == TEST for e in data.test)
    # every test listing has a held-out template or a held-out item; the ones with a dev
    # template must then have a test-only item
    from classifiers.corpus import _demo_structure, find_item, item_held_out

    _, items = _demo_structure()
    for e in data.test:
        if e.source == "demo" and e.group in dev_templates:
            key = e.group.rsplit(".", 1)[0]
            item = find_item(f"{e.input.title} {e.input.description}", items[key])
            assert item is not None and item_held_out(item)
    assert {e.input.id for e in data.dev}.isdisjoint({e.input.id for e in data.test})
    assert {e.source for e in data.test} == {"demo", "bird-ads"}


def test_evaluate_refuses_training_examples(model: ListingClassifier) -> None:
    data = build_training_set(seeds=(5,), size=300, bird_path=None)
    with pytest.raises(ValueError, match="held-out"):
        evaluate(model, data.dev[:5])
    report = evaluate(model, data.test)
    assert report.n_test == len(data.test)
    assert set(report.per_category) == set(CATEGORIES)
    assert "macro-F1" in report.to_text() and report.to_dict()["macro_f1"] == report.macro_f1


def test_threshold_is_the_lowest_reaching_target_precision() -> None:
    import numpy as np

    scores = np.array([0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    positive = np.array([1, 1, 1, 0, 1, 0, 0], dtype=bool)
    threshold, reached = choose_threshold(scores, positive, 0.75)
    assert reached and threshold == 0.6  # 4 of 5 flagged are positive
    assert choose_threshold(scores, positive, 1.0) == (0.8, True)
