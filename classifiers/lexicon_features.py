"""Turn lexicon hits into a fixed-width numeric block, and describe hits for explanations.

The lexicon (``classifiers.lexicon``) is built elsewhere; this module depends only on the shape
of its ``Hit`` records (a Protocol), so the model code type-checks and runs before and after the
lexicon changes, and a test can hand in a tiny fake lexicon.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol

from classifiers.types import SUSPECT_CATEGORIES

#: The lexicon's kind for negative-context terms ("fake", "replica", "ivory colour", ...).
NEGATIVE_KIND = "negative"


class HitLike(Protocol):
    """What the model reads from a lexicon hit."""

    @property
    def term(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def source(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def negated(self) -> bool: ...


class LexiconLike(Protocol):
    """What the model needs from a lexicon: a version string and a matcher."""

    @property
    def version(self) -> str: ...
    def match(self, text: str) -> Sequence[HitLike]: ...


#: The lexicon block is scaled down so the L2 penalty makes it costly. On development data a
#: lexicon hit separates the classes almost perfectly, so at full scale the model learns to trust
#: any hit; held-out hard negatives ("white gold ring", "shark fin phone stand") then get flagged.
#: Measured on the held-out split with the demo alone: scale 1.0 -> macro-F1 0.96, 0.25 -> 0.98.
#: With real posts, hard negatives and the cue block beside it (which separate "ivory lace" and
#: seizure news from offers), grouped cross-validation on the real sets favours 1.0: pooled F1 on
#: the ivory posts 0.66 at 0.25/0.5 (lexicon/cue scale) -> 0.71 at 1.0/1.5 (issue 12 model card).
LEXICON_SCALE = 1.0


def lexicon_feature_names() -> list[str]:
    """Names of the lexicon block's columns, in order (also used in explanations).

    Per-kind counts (code word, trade term, ...) were tried and dropped: not tied to a category,
    they let one ambiguous code word ("white gold") outweigh everything else.
    """
    names: list[str] = []
    for category in SUSPECT_CATEGORIES:
        names += [f"lex:{category}:max_weight", f"lex:{category}:count", f"lex:{category}:negated"]
    names.append("lex:negative_context")
    return names


def lexicon_features(hits: Sequence[HitLike]) -> list[float]:
    """One row of the lexicon block for one listing's hits.

    Counts are ``log1p``-damped so a listing repeating a term 50 times does not dominate.
    """
    max_weight = dict.fromkeys(SUSPECT_CATEGORIES, 0.0)
    count = dict.fromkeys(SUSPECT_CATEGORIES, 0)
    negated = dict.fromkeys(SUSPECT_CATEGORIES, 0)
    negative_context = 0
    for hit in hits:
        if hit.kind == NEGATIVE_KIND:
            negative_context += 1
            continue
        category = hit.category
        if category not in max_weight:
            continue
        if hit.negated:
            negated[category] += 1
            continue
        count[category] += 1
        weight = float(hit.weight)
        if weight > max_weight[category]:
            max_weight[category] = min(weight, 2.0)
    row: list[float] = []
    for category in SUSPECT_CATEGORIES:
        row += [max_weight[category], math.log1p(count[category]), math.log1p(negated[category])]
    row.append(math.log1p(negative_context))
    return [LEXICON_SCALE * value for value in row]


def describe_hit(hit: HitLike, title_length: int) -> dict[str, Any]:
    """A JSON-ready reason for one hit; the span is relative to the field it was found in.

    The matcher sees ``title + "\\n" + description``, so offsets past the title belong to the
    description.
    """
    if hit.start < title_length:
        field, start, end = "title", hit.start, min(hit.end, title_length)
    else:
        offset = title_length + 1
        field, start, end = "description", hit.start - offset, hit.end - offset
    return {
        "type": "lexicon",
        "term": hit.term,
        "category": hit.category,
        "kind": hit.kind,
        "lang": hit.lang,
        "weight": round(float(hit.weight), 4),
        "source": hit.source,
        "field": field,
        "span": [start, end],
        "negated": bool(hit.negated),
    }


class NullLexicon:
    """A lexicon that matches nothing: for unit tests of the model without lexicon data."""

    version = "null"

    def match(self, text: str) -> Sequence[HitLike]:
        return []
