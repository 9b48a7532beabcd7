"""Quality gate of identifier extraction (issue 17): precision >= 0.95, recall >= 0.90 overall.

On the labelled set in tests/data/identifiers/: the development part (written before the code) and
the held-out part (written after it, never tuned on) are each held to the thresholds. This asserts
quality, not speed; ``bench/identifiers.py`` prints the figures per kind and language.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from networks.quality import load_cases, score

DATA = Path(__file__).parent / "data" / "identifiers"
WATCHED = {"en", "es", "fr", "id", "pt", "vi", "zh"}


@pytest.mark.parametrize("name", ["dev.jsonl", "heldout.jsonl"])
def test_precision_and_recall(name: str) -> None:
    cases = load_cases(DATA / name)
    assert {case.lang for case in cases} == WATCHED
    report = score(cases)
    detail = "; ".join(f"{what} {case}: {kind} {value}" for case, what, kind, value in report.errors[:30])
    assert report.overall.precision >= 0.95, detail
    assert report.overall.recall >= 0.90, detail


def test_the_set_covers_every_kind() -> None:
    kinds = {kind for case in load_cases(DATA / "dev.jsonl") for kind, _ in case.expect}
    assert kinds == {
        "phone", "email", "whatsapp", "wechat", "telegram", "line", "zalo", "signal",
        "instagram", "facebook", "url_profile", "crypto_wallet", "payment",
    }  # fmt: skip
