"""The classifier on real text: one decision rule, offers vs. mentions in every watched language,
the real sets read with their groups, folds that never split a group."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from classifiers.corpus import Example, real_training_examples
from classifiers.crossval import assign_folds
from classifiers.hard_negatives import OFFER_MENTION_PAIRS
from classifiers.model import ListingClassifier, ScoreCalibrator, decide
from classifiers.realdata import BATS_SET, IVORY_SET, bat_listings, ivory_posts
from classifiers.types import CATEGORIES, ListingInput

WATCHED = ("en", "es", "fr", "id", "pt", "vi", "zh")


@pytest.fixture(scope="module")
def model() -> ListingClassifier:
    return ListingClassifier.load()


def test_decision_rule_never_flags_none_and_never_leaves_a_suspect_category_unflagged() -> None:
    # none is the most probable class in rows 0 and 2, yet row 0 is suspect enough to flag.
    proba = np.array(
        [
            [0.40, 0.35, 0.05, 0.15, 0.05],
            [0.05, 0.10, 0.80, 0.03, 0.02],
            [0.90, 0.06, 0.02, 0.01, 0.01],
        ]
    )
    decisions = decide(proba, ScoreCalibrator(), threshold=0.5)
    assert decisions.flagged.tolist() == [True, True, False]
    assert [CATEGORIES[i] for i in decisions.labels] == ["wildlife", "timber", "none"]
    assert decisions.scores.tolist() == [0.6, 0.95, 0.1]


def test_flagged_listings_carry_a_suspect_category(model: ListingClassifier) -> None:
    texts = [e.input for e in real_training_examples()[::7]]
    predictions = model.predict(texts, explain=False)
    assert any(p.flagged for p in predictions) and any(not p.flagged for p in predictions)
    for prediction in predictions:
        assert prediction.flagged == (prediction.category != "none"), prediction
        assert prediction.flagged == (prediction.score >= model.threshold), prediction


@pytest.mark.parametrize("lang", WATCHED)
def test_offers_are_flagged_and_mentions_are_not(model: ListingClassifier, lang: str) -> None:
    pairs = OFFER_MENTION_PAIRS[lang]
    assert len(pairs) >= 4
    offers = [ListingInput(id=f"o{i}", title=o, description="") for i, (o, _, _) in enumerate(pairs)]
    mentions = [ListingInput(id=f"m{i}", title=m, description="") for i, (_, m, _) in enumerate(pairs)]
    offer_verdicts = model.predict(offers, explain=False)
    mention_verdicts = model.predict(mentions, explain=False)
    for (offer, mention, category), said, discussed in zip(
        pairs, offer_verdicts, mention_verdicts, strict=True
    ):
        assert said.flagged and said.category == category, (offer, said)
        assert not discussed.flagged, (mention, discussed)
        assert said.score > discussed.score


def test_real_sets_are_read_with_their_groups() -> None:
    posts = ivory_posts()
    listings = bat_listings()
    assert len(posts) == 5058 and sum(p.category == "wildlife" for p in posts) == 118
    assert len(listings) == 261 and {b.category for b in listings} == {"wildlife"}
    assert len({b.group for b in listings}) == 65
    assert all(p.group.startswith(f"{IVORY_SET}:") for p in posts)
    assert all(b.group.startswith(f"{BATS_SET}:") for b in listings)
    # The seller id is a group for splitting only: it never reaches the model's input.
    assert all(b.input.seller is None for b in listings)


def test_folds_never_split_a_group() -> None:
    examples: list[Example] = real_training_examples()
    folds = assign_folds(examples)
    by_group: dict[str, set[int]] = defaultdict(set)
    for example, fold in zip(examples, folds.tolist(), strict=True):
        by_group[example.group].add(fold)
    assert all(len(f) == 1 for f in by_group.values())
    assert set(folds.tolist()) == set(range(5))
