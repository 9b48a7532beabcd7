"""The model against two baselines on the real sets, on exactly the folds the model is measured on.

Baselines:
- **keyword**: "ivory" in the text (the plain rule an analyst would start with) for the ivory
  posts; for the other sets, any lexicon hit of a suspect category (the lexicon alone).
- **tf-idf + LR**: word 1-2-gram TF-IDF and a plain logistic regression, trained per fold on the
  same training rows (every source, same weights) as the model; flagged at the threshold chosen
  the model's way (lowest reaching the target precision on its own out-of-fold scores) and at 0.5.

The model: grouped out-of-fold scores of the shipped design (``classifiers.evaluation.
cross_validated``) at the shipped threshold. Printed per fold and pooled; the fold holding out the
dominant trader's group is marked.

    python bench/real_baselines.py [--model models/current.json]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifiers.corpus import Example  # noqa: E402
from classifiers.crossval import out_of_fold  # noqa: E402
from classifiers.evaluation import cross_validated  # noqa: E402
from classifiers.features import listing_text  # noqa: E402
from classifiers.model import ListingClassifier, default_lexicon  # noqa: E402
from classifiers.realeval import DOMINANT_GROUP, REPORTED_SETS, BinaryFigures, set_mask  # noqa: E402
from classifiers.training import choose_threshold  # noqa: E402


def keyword_flags(examples: list[Example]) -> np.ndarray[Any, Any]:
    lexicon = default_lexicon()
    flags = np.zeros(len(examples), dtype=bool)
    for i, example in enumerate(examples):
        text = listing_text(example.input)[0]
        if example.source == "wlt-osn":
            flags[i] = "ivory" in text.lower()
        else:
            flags[i] = any(h.kind != "negative" and not h.negated for h in lexicon.match(text))
    return flags


def tfidf_scores(examples: list[Example], folds: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    texts = [listing_text(e.input)[0] for e in examples]
    y = np.array([e.category != "none" for e in examples], dtype=int)
    weights = np.array([e.weight for e in examples])

    def fit_predict(kept: np.ndarray[Any, Any], held: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        train = vectorizer.fit_transform([texts[i] for i in kept])
        model = LogisticRegression(max_iter=2000)
        model.fit(train, y[kept], sample_weight=weights[kept])
        scores: np.ndarray[Any, Any] = model.predict_proba(vectorizer.transform([texts[i] for i in held]))[
            :, 1
        ]
        return scores

    return out_of_fold(folds, fit_predict)


def line(label: str, figures: BinaryFigures, name: str) -> str:
    if name in ("bird-ads", "hard-negative"):
        return f"  {label:<22} FPR {figures.false_positive_rate:.4f} ({figures.flagged} of {figures.n})"
    if name == "painted-bats":
        return f"  {label:<22} recall {figures.recall:.3f} ({figures.true_positives} of {figures.positives})"
    return (
        f"  {label:<22} F1 {figures.f1:.3f}  precision {figures.precision:.3f}  recall {figures.recall:.3f}"
        f"  (flagged {figures.flagged}, positives {figures.positives})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    classifier = ListingClassifier.load(args.model)
    data, cv = cross_validated(classifier)
    examples = data.dev
    positive = np.array([e.category != "none" for e in examples], dtype=bool)
    weights = np.array([e.weight for e in examples])
    model_flags = cv.scores >= classifier.threshold
    keyword = keyword_flags(examples)
    tfidf = tfidf_scores(examples, cv.folds)
    tfidf_threshold, _ = choose_threshold(
        tfidf, positive, classifier.card.get("threshold_selection", {}).get("target_precision", 0.9), weights
    )
    systems = {
        f"model {classifier.version}": model_flags,
        "keyword rule": keyword,
        f"tf-idf+LR @ {tfidf_threshold:.3f}": tfidf >= tfidf_threshold,
        "tf-idf+LR @ 0.5": tfidf >= 0.5,
    }
    dominant = {int(cv.folds[i]) for i, e in enumerate(examples) if e.group == DOMINANT_GROUP}
    n_folds = int(cv.folds.max()) + 1
    print(f"{len(examples)} development rows, {n_folds} folds grouped by account/seller/template")
    for name in REPORTED_SETS:
        mask = set_mask(examples, name)
        if not mask.any():
            continue
        print(f"\n== {name} ({int(mask.sum())} rows, {int(positive[mask].sum())} positives) ==")
        print(" pooled")
        for label, flags in systems.items():
            print(line(label, BinaryFigures.of(positive[mask], flags[mask]), name))
        for fold in range(n_folds):
            in_fold = mask & (cv.folds == fold)
            mark = f"  <- holds out {DOMINANT_GROUP}" if name == "wlt-osn" and fold in dominant else ""
            print(f" fold {fold}{mark}")
            for label, flags in systems.items():
                print(line(label, BinaryFigures.of(positive[in_fold], flags[in_fold]), name))
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
