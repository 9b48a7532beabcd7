"""``ecowarden classify`` and ``ecowarden train`` end to end: files, the database, analysts' decisions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.db import open_database
from storage.listings import ListingStore
from storage.models import Prediction
from storage.predictions import PredictionStore
from tests.crawl_helpers import run_ecowarden, run_in_process
from tests.observations import observation

T0 = datetime(2026, 11, 1, tzinfo=UTC)
KEYS = {"id", "category", "score", "flagged", "reasons", "model_version"}


def test_classify_a_file_with_garbage_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a",
                "title": "Sisik trenggiling asli, 2 kg",
                "description": "tanpa dokumen",
                "price": "4000000",
                "currency": "IDR",
                "colour": "brown",
            }
        ).encode(),
        b'{"id": "b", "title": "broken',
        bytes(b for b in range(256) if b != 10),
        json.dumps({"title": "no id here"}).encode(),
        json.dumps({"id": "c", "title": "Mesa de jantar de carvalho", "description": "6 cadeiras"}).encode(),
        json.dumps({"id": "d", "title": "x", "description": "y" * 1_000_000}).encode(),
    ]
    source.write_bytes(b"\n".join(lines) + b"\n")
    target = tmp_path / "out.jsonl"
    result = run_ecowarden("classify", "--input", str(source), "--output", str(target))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in target.read_text().splitlines()]
    assert [o["id"] for o in out] == ["a", "c", "d"]
    assert all(set(o) == KEYS for o in out)
    by_id = {o["id"]: o for o in out}
    assert by_id["a"]["flagged"] and by_id["a"]["category"] == "wildlife"
    assert not by_id["c"]["flagged"]
    assert any(r.get("term") for r in by_id["a"]["reasons"])
    for line_no in (2, 3, 4):
        assert f"in.jsonl:{line_no}:" in result.stderr
    assert "skipped 3 bad lines" in result.stderr and "Traceback" not in result.stderr


def test_classify_usage_errors(tmp_path: Path) -> None:
    assert run_in_process("classify").returncode == 2
    assert (
        run_in_process("classify", "--input", str(tmp_path / "nope.jsonl"), "--output", "-").returncode == 2
    )
    garbage = tmp_path / "all-bad.jsonl"
    garbage.write_text("not json\n{}\n")
    assert (
        run_in_process("classify", "--input", str(garbage), "--output", str(tmp_path / "o.jsonl")).returncode
        == 1
    )


def _store_listings(db_url: str, texts: list[tuple[str, str]]) -> tuple[ListingStore, PredictionStore, int]:
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("demo", "http://127.0.0.1/")
    store.apply_batch(
        site,
        None,
        [
            observation(
                canonical_url=f"http://127.0.0.1/ad/{n}",
                url=f"http://127.0.0.1/ad/{n}",
                observed_at=T0,
                title=title,
                description=description,
                price=Decimal("900"),
                currency="USD",
                seller_name=f"seller{n}",
            )
            for n, (title, description) in enumerate(texts)
        ],
    )
    return store, PredictionStore(factory), site


def test_classify_the_database(db_url: str) -> None:
    _, predictions, _ = _store_listings(
        db_url, [("Rhino horn powder, no papers", "real horn"), ("Oak table", "six chairs")]
    )
    first = run_ecowarden("classify", "--db", "--json", db_url=db_url)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["classified"] == 2
    again = run_ecowarden("classify", "--db", "--json", db_url=db_url)
    assert json.loads(again.stdout)["classified"] == 0
    with predictions._factory() as session:
        rows = session.scalars(select(Prediction).order_by(Prediction.listing_id)).all()
        assert [r.flagged for r in rows] == [True, False] and rows[0].reasons
        assert session.scalar(select(func.count()).select_from(Prediction)) == 2


@pytest.mark.slow
def test_train_learns_from_analysts_dismissals_in_the_database(tmp_path: Path, fast_model_card: Path) -> None:
    """A model trained without decisions flags the target; retrained on analysts' dismissals
    read from the database (the before-model is the suite's shared fast model: same training)."""
    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    target = ("Antique carved ivory bangle", "Carved ivory bangle, estate piece.")
    similar = [
        "Carved ivory bangle, antique",
        "Old carved ivory bangle from an estate",
        "Ivory bangle, carved, antique estate piece",
        "Antique ivory bangle, carved",
    ]
    _, predictions, _ = _store_listings(db_url, [target] + [(t, t + ".") for t in similar])

    listing = {"id": "t", "title": target[0], "description": target[1], "price": "900", "currency": "USD"}
    (tmp_path / "one.jsonl").write_text(json.dumps(listing) + "\n")

    def verdict(models: Path) -> dict[str, object]:
        out = tmp_path / f"{models.name}.jsonl"
        result = run_ecowarden(
            "classify",
            "--model",
            str(models),
            "--input",
            str(tmp_path / "one.jsonl"),
            "--output",
            str(out),
        )
        assert result.returncode == 0, result.stderr
        return dict(json.loads(out.read_text()))

    first = verdict(fast_model_card)
    assert first["flagged"], first
    with predictions._factory() as session:
        from storage.models import Listing

        ids = list(session.scalars(select(Listing.id).order_by(Listing.id)))
    for listing_id in ids:
        predictions.record_decision(listing_id, "dismiss", "analyst@ngo", reason="resin replica")
    after_training = run_ecowarden(
        "train", "--fast", "--output", str(tmp_path / "b"), "--json", db_url=db_url
    )
    assert after_training.returncode == 0, after_training.stderr
    assert json.loads(after_training.stdout)["analyst_decisions"] == len(ids)
    second = verdict(tmp_path / "b")
    assert second["model_version"] != first["model_version"]
    assert not second["flagged"] or float(str(second["score"])) < float(str(first["score"])) - 0.3


def test_evaluate_prints_the_demo_split_and_grouped_cross_validation(fast_model_card: Path) -> None:
    from classifiers.model import ListingClassifier

    report = ListingClassifier.load(fast_model_card)
    result = run_ecowarden("evaluate", "--model", str(fast_model_card), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["demo"]["model_version"] == report.version
    assert data["demo"]["n_test"] > 0
    real = data["real_data"]
    assert real["threshold"] == report.threshold and real["folds"] == 5
    hard = real["per_set"]["hard-negative"]
    assert hard["n"] > 0 and hard["positives"] == 0
    assert len(real["per_fold"]["hard-negative"]) == 5
    assert sum(f["n"] for f in real["per_fold"]["hard-negative"]) == hard["n"]
    text = run_ecowarden("evaluate", "--model", str(fast_model_card), "--no-real")
    assert text.returncode == 0 and "macro-F1" in text.stdout and "real data" not in text.stdout
