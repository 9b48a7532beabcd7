"""Listing -> sparse feature matrix: character and word n-grams, lexicon hits, offer/mention cues,
price, length, seller.

Character n-grams (``char_wb``) carry most of the signal and work for Chinese without word
segmentation; word n-grams add cheap phrase evidence; the small dense block carries what text
statistics miss (lexicon provenance, price scale, seller name shape) and the two questions an
analyst asks: *is a regulated commodity named* (the lexicon block) and *is it offered* rather than
discussed, used as a colour or declared fake (the cue block, ``classifiers.cues``). A linear model
cannot learn "commodity AND offer" from the two blocks alone, so the cue block also holds their
products per category: "ivory" with sale wording is evidence, "ivory" with seizure wording or
"ivory lace" is not. Vocabularies are bounded so
the committed model stays a few MB, and texts are truncated so one huge description cannot stall a
batch.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from classifiers.build_cache import cached_build
from classifiers.cues import CUE_CLASSES, CueMatcher, get_matcher
from classifiers.currency import approx_usd
from classifiers.frozen import FrozenTfidf
from classifiers.lexicon_features import (
    NEGATIVE_KIND,
    HitLike,
    LexiconLike,
    lexicon_feature_names,
    lexicon_features,
)
from classifiers.types import SUSPECT_CATEGORIES, ListingInput

#: Bump when the meaning or order of columns changes: saved models with another value are refused.
FEATURE_SCHEMA_VERSION = 3
MAX_TITLE_CHARS = 500
MAX_DESCRIPTION_CHARS = 5000
CHAR_MAX_FEATURES = 60_000
WORD_MAX_FEATURES = 20_000
#: Upper edges (USD) of the price buckets; one-hot so the linear model can learn a non-monotone shape.
PRICE_BUCKET_EDGES = (10.0, 100.0, 1_000.0, 10_000.0)
#: Price columns are scaled down so the L2 penalty makes them costly: in the demo corpus price
#: separates classes suspiciously well, and on real marketplaces dear ordinary goods abound.
PRICE_SCALE = 0.3
_DIGITS = re.compile(r"\d")
_AUTO_SELLER = re.compile(r"(\d{4,}|^[a-z]{1,3}\d{3,}$|^[0-9a-f]{8,}$|^user[_-]?\d+)", re.IGNORECASE)


CHAR_NGRAM_RANGE = (2, 4)


def char_ngrams(text: str) -> list[str]:
    """Character 2-4-grams inside space-padded words (like sklearn's ``char_wb``, but ~2x faster).

    Works for unsegmented Chinese (a run of CJK characters is one "word", so n-grams slide
    through it). Part of the feature schema: change it and bump ``FEATURE_SCHEMA_VERSION``.
    """
    grams: list[str] = []
    lo, hi = CHAR_NGRAM_RANGE
    for word in text.lower().split():
        padded = f" {word} "
        size = len(padded)
        grams += [padded[i : i + n] for n in range(lo, min(hi, size) + 1) for i in range(size - n + 1)]
    return grams


def _without_lone_surrogates(text: str) -> str:
    """Scraped or decoded text can hold a lone surrogate (half of a UTF-16 pair), which no UTF-8
    encoder accepts: it becomes U+FFFD, one character for one, so offsets stay the same."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


def listing_text(item: ListingInput) -> tuple[str, int]:
    """The bounded text the model and the lexicon read, and the (truncated) title's length."""
    title = _without_lone_surrogates((item.title or "")[:MAX_TITLE_CHARS])
    description = _without_lone_surrogates((item.description or "")[:MAX_DESCRIPTION_CHARS])
    return f"{title}\n{description}", len(title)


def _price_features(item: ListingInput) -> list[float]:
    usd = approx_usd(item.price, item.currency)
    if usd is None:
        return [1.0, 0.0] + [0.0] * (len(PRICE_BUCKET_EDGES) + 1)
    log_usd = math.log10(usd + 1.0)
    buckets = [0.0] * (len(PRICE_BUCKET_EDGES) + 1)
    index = sum(usd >= edge for edge in PRICE_BUCKET_EDGES)
    buckets[index] = PRICE_SCALE
    return [0.0, PRICE_SCALE * min(log_usd, 9.0) / 5.0, *buckets]


def _seller_features(seller: str | None) -> list[float]:
    """Shape of the seller name only (never its identity, which would leak across splits)."""
    name = (seller or "").strip()
    if not name:
        return [1.0, 0.0, 0.0]
    return [0.0, float(bool(_DIGITS.search(name))), float(bool(_AUTO_SELLER.search(name)))]


def _length_features(text: str) -> list[float]:
    stripped = len(text.strip())
    return [math.log1p(stripped) / 8.0, float(stripped == 0)]


#: Cue classes that say "this is offered", "this is discussed" and "this is not the real thing".
OFFER_CUES = frozenset({"offer", "shipping", "price"})
MENTION_CUES = frozenset({"news", "enforcement", "campaign", "research"})
PRETEND_CUES = frozenset({"fake", "material_colour"})
SIGNALS = ("offer", "mention", "pretend")
#: Scale of the cue block relative to the n-grams (see ``LEXICON_SCALE``): n-grams learn the
#: wording of the accounts in the training folds; cues are what transfers to an unseen seller.
CUE_SCALE = 1.5


def _cue_features(item: ListingInput, text: str, hits: Sequence[HitLike]) -> list[float]:
    """Cue counts per class, the three signals, and each signal times each category's lexicon strength."""
    counts = cue_matcher().counts(text)
    by_class = dict(zip(CUE_CLASSES, counts, strict=True))
    offer = sum(by_class.get(name, 0) for name in OFFER_CUES) + (item.price is not None)
    mention = sum(by_class.get(name, 0) for name in MENTION_CUES)
    pretend = sum(by_class.get(name, 0) for name in PRETEND_CUES)
    signals = [min(1.0, float(offer)), min(1.0, float(mention)), min(1.0, float(pretend))]
    strength = dict.fromkeys(SUSPECT_CATEGORIES, 0.0)
    for hit in hits:
        if hit.kind == NEGATIVE_KIND or hit.negated or hit.category not in strength:
            continue
        strength[hit.category] = max(strength[hit.category], min(1.0, float(hit.weight)))
    row = [math.log1p(count) for count in counts] + signals
    for category in SUSPECT_CATEGORIES:
        row += [strength[category] * signal for signal in signals]
    return [CUE_SCALE * value for value in row]


#: Languages with a column of their own; others share ``lang:other``.
LANGUAGE_COLUMNS = ("en", "es", "fr", "id", "pt", "vi", "zh")
LANGUAGE_SCALE = 0.3


def text_language(item: ListingInput) -> str | None:
    """The language the text is written in: the input's ``lang`` when the caller identified it
    (the crawler stores the identified language), else identified here from the text."""
    if item.lang:
        return item.lang.split("-", 1)[0].lower()
    from classifiers.language import identify_language

    return identify_language(item.title, item.description)


def _language_features(item: ListingInput) -> list[float]:
    lang = text_language(item)
    row = [float(lang == code) for code in LANGUAGE_COLUMNS]
    row += [float(lang is not None and lang not in LANGUAGE_COLUMNS), float(lang is None)]
    return [LANGUAGE_SCALE * value for value in row]


def language_feature_names() -> list[str]:
    return [f"lang:{code}" for code in LANGUAGE_COLUMNS] + ["lang:other", "lang:unknown"]


def cue_data_version() -> str:
    """A digest of the cue phrase lists and of the matcher that counts them: a model trained on other
    cue data or matching is refused, as it is for another lexicon (the same column would mean
    different counts)."""
    import hashlib

    from classifiers import cues
    from classifiers.cues import DATA_DIR

    digest = hashlib.sha256("|".join(CUE_CLASSES).encode())
    digest.update(Path(cues.__file__).read_bytes())
    for path in sorted(DATA_DIR.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


_cue_matcher: CueMatcher | None = None
_cue_lock = threading.Lock()


def cue_matcher() -> CueMatcher:
    """The cue matcher of ``cue_counts``, taken from the build cache when it holds this version of
    the phrases and matcher (building it costs a second at every start)."""
    global _cue_matcher
    if _cue_matcher is None:
        with _cue_lock:
            if _cue_matcher is None:
                from classifiers import cues
                from classifiers.cues import DATA_DIR

                files = [Path(cues.__file__), *DATA_DIR.glob("*.yaml")]
                _cue_matcher = cached_build("cues", files, get_matcher)
    return _cue_matcher


def cue_feature_names() -> list[str]:
    names = [f"cue:{name}" for name in CUE_CLASSES] + [f"cue:signal:{signal}" for signal in SIGNALS]
    for category in SUSPECT_CATEGORIES:
        names += [f"cue:{category}_x_{signal}" for signal in SIGNALS]
    return names


DENSE_NAMES_FIXED = [
    "price:missing",
    "price:log_usd",
    *(
        f"price:usd_bucket_{lo:g}_{hi:g}"
        for lo, hi in zip((0.0, *PRICE_BUCKET_EDGES), (*PRICE_BUCKET_EDGES, math.inf), strict=True)
    ),
    "seller:missing",
    "seller:has_digits",
    "seller:auto_generated",
    "text:log_length",
    "text:empty",
]


class FeatureBuilder:
    """Fits the n-gram vocabularies and turns listings into one sparse row each.

    The lexicon is bound at runtime (``bind``) and not pickled with the model: a saved model
    records the lexicon version it was trained with, and loading refuses a different one.
    """

    def __init__(self, lexicon: LexiconLike) -> None:
        self.lexicon: LexiconLike | None = lexicon
        self.lexicon_version = lexicon.version
        self.cue_version = cue_data_version()
        self.schema_version = FEATURE_SCHEMA_VERSION
        from sklearn.feature_extraction.text import TfidfVectorizer  # training only

        #: scikit-learn's vectorizers until ``fit``, then their arrays (``FrozenTfidf``)
        self.char: Any = TfidfVectorizer(
            analyzer=char_ngrams,
            sublinear_tf=True,
            min_df=2,
            max_features=CHAR_MAX_FEATURES,
            dtype=np.float32,
        )
        self.word: Any = TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 2),
            lowercase=True,
            sublinear_tf=True,
            min_df=2,
            max_features=WORD_MAX_FEATURES,
            dtype=np.float32,
        )
        self._names: np.ndarray[Any, Any] | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["lexicon"] = None
        state["_names"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state.pop("_char_fast", None)
        self.__dict__.update(state)
        self._freeze()  # a model saved with scikit-learn's vectorizers inside

    def _freeze(self) -> None:
        if not isinstance(self.char, FrozenTfidf):
            self.char = FrozenTfidf.from_vectorizer(self.char, "char", CHAR_NGRAM_RANGE)
        if not isinstance(self.word, FrozenTfidf):
            self.word = FrozenTfidf.from_vectorizer(self.word, "word", (1, 2))

    def bind(self, lexicon: LexiconLike) -> None:
        """Attach the runtime lexicon (after unpickling)."""
        self.lexicon = lexicon

    def _hits(self, texts: Sequence[str]) -> list[list[HitLike]]:
        if self.lexicon is None:
            raise RuntimeError("FeatureBuilder has no lexicon bound; call bind() after loading")
        match = self.lexicon.match
        return [list(match(text)) for text in texts]

    def fit(self, items: Sequence[ListingInput]) -> FeatureBuilder:
        """Learn the n-gram vocabularies from the training texts, then keep only their arrays:
        training's own evaluation transforms exactly as a loaded model does."""
        texts = [listing_text(item)[0] for item in items]
        self.char.fit(texts)
        self.word.fit(texts)
        self._freeze()
        self._names = None
        return self

    def transform(self, items: Sequence[ListingInput]) -> tuple[sp.csr_matrix, list[list[HitLike]]]:
        """The feature matrix and every listing's lexicon hits (reused for explanations)."""
        prepared = [listing_text(item) for item in items]
        texts = [text for text, _ in prepared]
        hits = self._hits(texts)
        dense = np.array(
            [
                [
                    *_price_features(item),
                    *_seller_features(item.seller),
                    *_length_features(text),
                    *lexicon_features(item_hits),
                    *_cue_features(item, text, item_hits),
                    *_language_features(item),
                ]
                for item, text, item_hits in zip(items, texts, hits, strict=True)
            ],
            dtype=np.float32,
        ).reshape(len(items), len(self.dense_names()))
        matrix = sp.hstack(
            [self.char.transform(texts), self.word.transform(texts), sp.csr_matrix(dense)],
            format="csr",
            dtype=np.float32,
        )
        return matrix, hits

    def dense_names(self) -> list[str]:
        return [*DENSE_NAMES_FIXED, *lexicon_feature_names(), *cue_feature_names(), *language_feature_names()]

    def feature_names(self) -> np.ndarray[Any, Any]:
        """Column names (``char:``, ``word:``, then the dense block), cached after the first call."""
        if self._names is None:
            char = ["char:" + name for name in self.char.get_feature_names_out()]
            word = ["word:" + name for name in self.word.get_feature_names_out()]
            self._names = np.array([*char, *word, *self.dense_names()], dtype=object)
        return self._names

    @property
    def n_text_features(self) -> int:
        """Number of n-gram columns (dense columns follow them)."""
        return len(self.char.vocabulary_) + len(self.word.vocabulary_)
