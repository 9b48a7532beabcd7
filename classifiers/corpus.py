"""The labelled corpus: demo catalogue, real bird ads, analysts' decisions; split honestly.

The demo generator writes each listing from one of 3-4 sentence templates per category x
language, filled with one of 5-25 items (the offered thing, e.g. "pangolin scales"). Testing on
listings whose template or item the model trained on would reward memorised strings, so the split
is **by template and by item**: for every category x language one template and about a third of
the items are held out, and a listing is test data when its template *or* its item is held out;
development data (neither) is rotated between two template folds (train / validation) for choosing
the flagging threshold. The assignment is a hash of the template id / item text, so it is the same
for every catalogue seed and an evaluation can regenerate fresh listings from the held-out parts.
Seller identity is never a feature (only the shape of the name), so sellers shared across splits
cannot leak labels.

Bird ads (real, mostly legal live-animal ads) are labelled ``none``; a hash of the ad id puts a
fifth of them in the test split, where they give a real false-positive rate.

The real labelled sets (``classifiers.realdata``: ivory-sale posts with look-alikes, dead-bat
listings) and the generated hard negatives (``classifiers.hard_negatives``: news, campaigns,
colour names, declared fakes, and offers of the same commodities, in the seven languages) are
development data only: they are measured by cross-validation grouped by account/seller/template
family (``classifiers.crossval``), never by a split across one group.

Weights (``SOURCE_WEIGHTS``) keep the demo from dominating: it has the most rows but the least
variety, so one demo row counts half of one real row.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from classifiers.types import CATEGORIES, LabeledExample, ListingInput

ROOT = Path(__file__).resolve().parents[1]
BIRD_ADS = ROOT.parent / "shared" / "data" / "bird-ads" / "text_w_labels.csv"
SPLIT_SALT = "ecowarden-split-v1"
TEST, DEV = "test", "dev"
#: Share of bird ads held out for test (by hash of the ad id).
BIRD_TEST_MODULO = 5
#: Missing prices/sellers are common in real input but absent from the demo; dropping them at
#: random in training stops the model reading "no price" or "no seller" as a sign of innocence.
DROP_PRICE_SHARE = 0.15
DROP_SELLER_SHARE = 0.3
DEFAULT_SEEDS = (1101, 1102, 1103, 1104)
#: Weight of one row per source (analysts' decisions carry their own weight).
SOURCE_WEIGHTS = {"demo": 0.5, "bird-ads": 0.5, "hard-negative": 1.0, "wlt-osn": 1.0, "painted-bats": 1.0}
HARD_NEGATIVE_SEED = 4242
HARD_NEGATIVES_PER_LANGUAGE = 600


@dataclass(frozen=True)
class Example:
    """One labelled listing with where it came from and which split/fold it belongs to."""

    input: ListingInput
    category: str
    weight: float
    group: str
    source: str
    split: str
    fold: int
    hard_negative: bool = False

    @property
    def label(self) -> int:
        return CATEGORIES.index(self.category)


@dataclass
class TrainingSet:
    """Development examples (train/validation folds) and held-out test examples."""

    dev: list[Example]
    test: list[Example]
    sources: list[dict[str, Any]] = field(default_factory=list)

    def sizes(self) -> dict[str, Any]:
        def count(examples: Sequence[Example]) -> dict[str, int]:
            out: dict[str, int] = defaultdict(int)
            for example in examples:
                out[f"{example.source}:{example.category}"] += 1
            return dict(sorted(out.items()))

        return {
            "dev": len(self.dev),
            "test": len(self.test),
            "dev_by": count(self.dev),
            "test_by": count(self.test),
        }


def _hash_int(text: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{SPLIT_SALT}:{text}".encode()).digest()[:8], "big")


def template_split(template_id: str, siblings: Sequence[str]) -> tuple[str, int]:
    """(split, fold) of a template among the templates of its category x language.

    The template with the smallest hash is the test template; the others alternate folds 0/1.
    """
    ranked = sorted(siblings, key=_hash_int)
    rank = ranked.index(template_id)
    if rank == 0:
        return TEST, -1
    return DEV, (rank - 1) % 2


def item_held_out(item_text: str) -> bool:
    """About a third of the items of each category x language are test-only."""
    return _hash_int(f"item:{item_text}") % 3 == 0


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _demo_structure() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Template ids and item texts (lower-cased, longest first) per ``category.language``."""
    from demo.corpus import CORPORA

    templates: dict[str, list[str]] = {}
    items: dict[str, list[str]] = {}
    for language, corpus in CORPORA.items():
        texts = {"none": corpus.ordinary, **corpus.suspect}
        for category, text in texts.items():
            key = f"{category}.{language}"
            templates[key] = [f"{key}.{k}" for k in range(len(text.templates))]
            items[key] = sorted({item.text.lower() for item in text.items}, key=len, reverse=True)
    return templates, items


def find_item(text: str, candidates: Sequence[str]) -> str | None:
    """The corpus item a generated listing offers (the longest item text found in it)."""
    lowered = text.lower()
    return next((item for item in candidates if item in lowered), None)


def demo_examples(seeds: Iterable[int], size: int, *, augment: bool = True) -> list[Example]:
    """Listings of the demo catalogue at each seed, labelled and assigned to splits by template."""
    from demo.catalogue import generate_catalogue

    templates, items = _demo_structure()
    out: list[Example] = []
    for seed in seeds:
        rng = random.Random(f"augment:{seed}")
        for listing in generate_catalogue(seed, size).listings:
            key = listing.template_id.rsplit(".", 1)[0]
            split, fold = template_split(listing.template_id, templates[key])
            item = find_item(f"{listing.title} {listing.description}", items[key])
            if item is None or item_held_out(item):
                split, fold = TEST, -1
            drop_price = augment and split == DEV and rng.random() < DROP_PRICE_SHARE
            drop_seller = augment and split == DEV and rng.random() < DROP_SELLER_SHARE
            entry = ListingInput(
                id=f"demo{seed}:{listing.id}",
                title=listing.title,
                description=listing.description,
                price=None if drop_price else Decimal(listing.price),
                currency=None if drop_price else listing.currency,
                url=None,
                lang=listing.language,
                seller=None if drop_seller else listing.seller_name,
            )
            out.append(
                Example(
                    input=entry,
                    category=listing.category,
                    weight=SOURCE_WEIGHTS["demo"],
                    group=listing.template_id,
                    source="demo",
                    split=split,
                    fold=fold,
                    hard_negative=listing.hard_negative,
                )
            )
    return out


def bird_examples(path: Path = BIRD_ADS, *, dev_limit: int | None = None, seed: int = 0) -> list[Example]:
    """The bird ads as ``none`` examples; ``dev_limit`` samples the development share."""
    dev: list[Example] = []
    test: list[Example] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            ad_id = row["classifieds_unique_listing_id"]
            text = (row["text_stop_stem"] or "").strip()
            if not text or text == "NA":
                continue
            words = text.split()
            item = ListingInput(id=f"bird:{ad_id}", title=" ".join(words[:6]), description=text, lang="en")
            bucket = _hash_int(ad_id)
            split = TEST if bucket % BIRD_TEST_MODULO == 0 else DEV
            example = Example(
                input=item,
                category="none",
                weight=SOURCE_WEIGHTS["bird-ads"],
                group=f"bird:{bucket % 16}",
                source="bird-ads",
                split=split,
                fold=-1 if split == TEST else (bucket // BIRD_TEST_MODULO) % 2,
            )
            (test if split == TEST else dev).append(example)
    if dev_limit is not None and len(dev) > dev_limit:
        dev = random.Random(seed).sample(dev, dev_limit)
    return dev + test


def real_training_examples() -> list[Example]:
    """The real labelled sets as development examples, grouped as their authors grouped them."""
    from classifiers.realdata import real_examples

    return [
        Example(
            input=real.input,
            category=real.category,
            weight=SOURCE_WEIGHTS.get(real.dataset, 1.0),
            group=real.group,
            source=real.dataset,
            split=DEV,
            fold=-1,
        )
        for real in real_examples()
    ]


def hard_negative_examples(
    seed: int = HARD_NEGATIVE_SEED, per_language: int = HARD_NEGATIVES_PER_LANGUAGE
) -> list[Example]:
    """Generated mentions, colour names and fakes (``none``) with offers of the same commodities.

    The offers are there so the model learns the *difference* (offered vs. discussed), not that a
    commodity word in generated wording means innocence. Grouped by template family.
    """
    from classifiers.hard_negatives import generate_hard_negatives

    out = []
    for item in generate_hard_negatives(seed, per_language):
        out.append(
            Example(
                input=ListingInput(
                    id=f"hard:{item.id}", title=item.title, description=item.description, lang=item.lang
                ),
                category=item.label_category,
                weight=SOURCE_WEIGHTS["hard-negative"],
                group=f"hard:{item.group}",
                source="hard-negative",
                split=DEV,
                fold=-1,
                hard_negative=item.label_category == "none",
            )
        )
    return out


def decision_examples(decisions: Sequence[LabeledExample]) -> list[Example]:
    """Analysts' decisions: always training data (they are the freshest labels we have)."""
    return [
        Example(
            input=decision.input,
            category=decision.category,
            weight=float(decision.weight),
            group=f"decision:{i}",
            source="decision",
            split=DEV,
            fold=i % 2,
        )
        for i, decision in enumerate(decisions)
    ]


def _real_paths() -> dict[str, Path]:
    from classifiers.realdata import BAT_LISTINGS, BATS_SET, IVORY_POSTS, IVORY_SET

    return {IVORY_SET: IVORY_POSTS, BATS_SET: BAT_LISTINGS}


def build_training_set(
    *,
    seeds: Sequence[int] = DEFAULT_SEEDS,
    size: int = 5000,
    decisions: Sequence[LabeledExample] = (),
    bird_path: Path | None = BIRD_ADS,
    bird_dev_limit: int | None = 4000,
    bird_test_limit: int | None = None,
    real: bool = True,
    hard_negatives: int | None = HARD_NEGATIVES_PER_LANGUAGE,
) -> TrainingSet:
    """The demo catalogue at ``seeds`` x ``size``, bird ads, the real sets, generated hard negatives
    (``hard_negatives`` per language; ``None`` or 0 for none) and decisions."""
    examples = demo_examples(seeds, size)
    sources: list[dict[str, Any]] = [
        {
            "name": "demo-catalogue",
            "generator": "demo.catalogue.generate_catalogue",
            "seeds": list(seeds),
            "size_per_seed": size,
            "split": f"hash ({SPLIT_SALT}) of template_id and item: 1 test template and ~1/3 of the items "
            "per category x language; a listing is test data if either is held out",
        },
    ]
    if bird_path is not None and bird_path.is_file():
        birds = bird_examples(bird_path, dev_limit=bird_dev_limit, seed=min(seeds, default=0))
        if bird_test_limit is not None:
            bird_test = [e for e in birds if e.split == TEST][:bird_test_limit]
            birds = [e for e in birds if e.split == DEV] + bird_test
        examples += birds
        sources.append(
            {
                "name": "bird-ads",
                "path": "../shared/data/bird-ads/text_w_labels.csv",
                "sha256": sha256_of(bird_path),
                "label": "none",
                "split": f"sha256(id) % {BIRD_TEST_MODULO} == 0 -> test",
                "dev_sample": bird_dev_limit,
                "weight": SOURCE_WEIGHTS["bird-ads"],
            }
        )
    if real:
        real_rows = real_training_examples()
        examples += real_rows
        for name, path in _real_paths().items():
            if path.is_file():
                sources.append(
                    {
                        "name": name,
                        "path": f"../shared/data/real-posts/{path.name}",
                        "sha256": sha256_of(path),
                        "split": "development only; measured by cross-validation grouped by "
                        + ("group" if name == "wlt-osn" else "seller"),
                        "rows": sum(1 for e in real_rows if e.source == name),
                    }
                )
    if hard_negatives:
        examples += hard_negative_examples(per_language=hard_negatives)
        sources.append(
            {
                "name": "hard-negatives",
                "generator": "classifiers.hard_negatives.generate_hard_negatives",
                "seed": HARD_NEGATIVE_SEED,
                "per_language": hard_negatives,
                "split": "development only; cross-validated grouped by template family",
            }
        )
    if decisions:
        examples += decision_examples(decisions)
        sources.append(
            {
                "name": "analyst-decisions",
                "count": len(decisions),
                "weights": sorted({float(d.weight) for d in decisions}),
            }
        )
    dev = [e for e in examples if e.split == DEV]
    test = [e for e in examples if e.split == TEST]
    return TrainingSet(dev=dev, test=test, sources=sources)
