"""The listing classifier: features -> linear model -> one decision rule -> score, category, flag.

The decision rule (also written in every model card):

1. A multinomial logistic regression gives P(category) over ``none`` and the four suspect
   categories.
2. ``score`` = the calibrated probability that the listing is a suspect offer at all: a Platt
   sigmoid fitted on grouped out-of-fold values of ``1 - P(none)`` (see ``ScoreCalibrator``).
   The analysts' queue is sorted by it.
3. ``flagged`` = ``score >= threshold`` (the threshold chosen at training time on the same
   out-of-fold scores for a target precision).
4. ``category`` = the most probable *suspect* category when flagged, ``none`` otherwise.

So a flagged listing always carries a suspect category, and an unflagged one never does: score,
flag and category cannot disagree.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from classifiers.explain import top_contributions
from classifiers.features import FEATURE_SCHEMA_VERSION, FeatureBuilder
from classifiers.files import replace_atomically
from classifiers.frozen import FrozenLinear
from classifiers.lexicon_features import LexiconLike, describe_hit
from classifiers.types import CATEGORIES, ListingInput, Prediction

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
CURRENT_POINTER = "current.json"
MODEL_FILE = "model.pkl.gz"
#: the format of models saved before December 2026 (read, never written)
LEGACY_MODEL_SUFFIX = ".joblib"
#: written in the card: the model file holds arrays in classes of ours (``classifiers.frozen``),
#: no scikit-learn objects, so it loads whatever scikit-learn is installed
MODEL_FORMAT = "frozen-arrays-1"
CARD_JSON = "model-card.json"
CARD_MD = "model-card.md"
BATCH_SIZE = 2048
#: Scores are stored and compared at this precision.
SCORE_DECIMALS = 6
#: Lexicon hits reported per listing (the strongest first).
MAX_HIT_REASONS = 8


@dataclass(frozen=True)
class ScoreCalibrator:
    """Platt scaling of the raw suspicion ``1 - P(none)``: ``sigmoid(a * logit(raw) + b)``.

    Fitted on out-of-fold raw scores (grouped by account/template), so a score of 0.8 means about
    80 % of listings scoring so are suspect offers in data like the training mix. One monotone
    map: it changes the numbers an analyst reads, never the order of the queue.
    """

    a: float = 1.0
    b: float = 0.0

    def __call__(self, raw: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        clipped = np.clip(raw, 1e-7, 1.0 - 1e-7)
        logit = np.log(clipped / (1.0 - clipped))
        out: np.ndarray[Any, Any] = 1.0 / (1.0 + np.exp(-(self.a * logit + self.b)))
        return out


@dataclass(frozen=True)
class Decisions:
    """The decision rule applied to a batch: calibrated scores, flags, categories, probabilities."""

    scores: np.ndarray[Any, Any]
    flagged: np.ndarray[Any, Any]
    labels: np.ndarray[Any, Any]
    proba: np.ndarray[Any, Any]
    threshold: float


def decide(proba: np.ndarray[Any, Any], calibrator: ScoreCalibrator, threshold: float) -> Decisions:
    """The one decision rule (module docstring): probabilities -> score, flag, category index."""
    if len(proba) == 0:
        empty = np.zeros(0)
        return Decisions(empty, empty.astype(bool), empty.astype(int), proba, threshold)
    # Rounded before the comparison, so a stored score and its flag always agree.
    scores = np.round(calibrator(1.0 - proba[:, 0]), SCORE_DECIMALS)
    flagged = scores >= threshold
    best_suspect = proba[:, 1:].argmax(axis=1) + 1
    labels = np.where(flagged, best_suspect, 0)
    return Decisions(scores, flagged, labels, proba, threshold)


class ModelVersionError(RuntimeError):
    """The saved model does not fit this code: feature schema, scikit-learn or lexicon differ."""


class ModelIntegrityError(RuntimeError):
    """The model file is not the one its card describes (SHA-256 mismatch): refused unopened."""


def sklearn_minor(version: str | None = None) -> str:
    """``major.minor`` of scikit-learn: pickles are only trusted within one minor release."""
    if version is None:
        import sklearn

        version = sklearn.__version__
    parts = version.split(".")
    return ".".join(parts[:2])


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def default_lexicon() -> LexiconLike:
    """The project lexicon (imported lazily so ``classifiers`` stays importable without it)."""
    from classifiers.lexicon import load_lexicon

    lexicon: LexiconLike = load_lexicon()
    return lexicon


class ListingClassifier:
    """A trained model plus everything needed to apply and explain it.

    ``estimator`` is one fitted multinomial ``LogisticRegression`` trained on all development data
    (its coefficients give exact explanations); ``calibrator`` maps its raw suspicion to the
    calibrated score (see the module docstring for the whole decision rule).
    """

    def __init__(
        self,
        features: FeatureBuilder,
        estimator: Any,
        threshold: float,
        version: str,
        metadata: dict[str, Any] | None = None,
        calibrator: ScoreCalibrator | None = None,
    ) -> None:
        self.features = features
        #: the fitted linear model's arrays (a scikit-learn estimator is frozen on the way in)
        self.estimator = (
            estimator if isinstance(estimator, FrozenLinear) else FrozenLinear.from_estimator(estimator)
        )
        self.calibrator = calibrator or ScoreCalibrator()
        self.threshold = float(threshold)
        self._version = version
        self.metadata = dict(metadata or {})
        self.schema_version = FEATURE_SCHEMA_VERSION
        import sklearn  # the version that trained it, for the card

        self.sklearn_version = sklearn.__version__
        self.card: dict[str, Any] = {}
        classes = [int(c) for c in self.estimator.classes_]
        if classes != list(range(len(CATEGORIES))):
            raise ValueError(f"model must be trained on all {len(CATEGORIES)} categories, got {classes}")

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if not isinstance(self.estimator, FrozenLinear):  # saved with scikit-learn's estimator inside
            self.estimator = FrozenLinear.from_estimator(self.estimator)

    @property
    def version(self) -> str:
        """Stamped on every prediction, so stored verdicts name the model that made them."""
        return self._version

    @staticmethod
    def coef_of(estimator: Any) -> np.ndarray[Any, Any]:
        """Coefficients of the fitted linear model (rows in ``CATEGORIES`` order)."""
        coef: np.ndarray[Any, Any] = estimator.coef_
        return coef

    @property
    def linear_coef(self) -> np.ndarray[Any, Any]:
        return self.coef_of(self.estimator)

    def decide(self, inputs: Sequence[ListingInput]) -> Decisions:
        """The decision rule on raw inputs, without building ``Prediction`` records (evaluation)."""
        if not inputs:
            return decide(np.zeros((0, len(CATEGORIES))), self.calibrator, self.threshold)
        matrix, _ = self.features.transform(inputs)
        return decide(self.estimator.predict_proba(matrix), self.calibrator, self.threshold)

    def warm_up(self) -> None:
        """Build what the first prediction would build lazily (the cue matcher, the column names),
        so that a process that loads the model ahead of its work does not pay it on its first batch."""
        self.predict([ListingInput(id="warm-up", title="warm-up", description="")])

    def predict(
        self, inputs: Sequence[ListingInput], *, explain: bool = True, batch_size: int = BATCH_SIZE
    ) -> list[Prediction]:
        """Classify listings in vectorised batches; ``explain=False`` skips the reasons."""
        predictions: list[Prediction] = []
        for start in range(0, len(inputs), batch_size):
            predictions.extend(self._predict_batch(inputs[start : start + batch_size], explain))
        return predictions

    def _predict_batch(self, batch: Sequence[ListingInput], explain: bool) -> list[Prediction]:
        matrix, hits = self.features.transform(batch)
        decisions = decide(self.estimator.predict_proba(matrix), self.calibrator, self.threshold)
        # Explain the suspicion: the most probable *suspect* class, even when not flagged.
        explained = decisions.proba[:, 1:].argmax(axis=1) + 1
        feature_reasons: list[list[dict[str, Any]]] = [[] for _ in batch]
        if explain:
            feature_reasons = top_contributions(
                matrix,
                self.linear_coef,
                explained,
                0,
                self.features.feature_names(),
                self.features.n_text_features,
                CATEGORIES,
            )
        out = []
        for i, item in enumerate(batch):
            reasons: list[dict[str, Any]] = []
            if explain:
                title_length = len((item.title or "")[:500])
                ranked = sorted(hits[i], key=lambda hit: -float(hit.weight))[:MAX_HIT_REASONS]
                reasons = [describe_hit(hit, title_length) for hit in ranked] + feature_reasons[i]
            out.append(
                Prediction(
                    id=item.id,
                    category=CATEGORIES[int(decisions.labels[i])],
                    score=float(decisions.scores[i]),
                    flagged=bool(decisions.flagged[i]),
                    reasons=reasons,
                    model_version=self._version,
                )
            )
        return out

    # -- persistence -------------------------------------------------------------------------

    def save(self, directory: Path | str, card: dict[str, Any] | None = None) -> Path:
        """Write ``model.pkl.gz`` and its card into ``directory``; returns the card's path.

        The card records the file's SHA-256, so ``load`` can refuse a swapped file before
        unpickling it (unpickling runs code). A gzip'd plain pickle, not joblib's format: joblib
        unpickles in pure Python, 4 s for this model where the C unpickler takes 0.1 s.
        """
        from classifiers.modelcard import render_markdown

        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        model_path = folder / MODEL_FILE
        replace_atomically(model_path, gzip.compress(pickle.dumps(self, protocol=5), 6, mtime=0))
        full_card = {
            **(card or {}),
            "version": self._version,
            "model_file": MODEL_FILE,
            "model_sha256": sha256_file(model_path),
            "model_bytes": model_path.stat().st_size,
            "feature_schema": self.schema_version,
            "sklearn_version": self.sklearn_version,
            "model_format": MODEL_FORMAT,
            "lexicon_version": self.features.lexicon_version,
            "cue_version": self.features.cue_version,
            "threshold": self.threshold,
            "categories": list(CATEGORIES),
        }
        self.card = full_card
        card_path = folder / CARD_JSON
        card_path.write_text(json.dumps(full_card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (folder / CARD_MD).write_text(render_markdown(full_card), encoding="utf-8")
        return card_path

    @classmethod
    def load(cls, path: Path | str | None = None, *, lexicon: LexiconLike | None = None) -> ListingClassifier:
        """Load a model: ``None`` = the committed default (``models/current.json``); else a card
        (``.json``), a pointer file, a model folder or the model file itself.

        Raises ``ModelIntegrityError`` when the file's SHA-256 differs from the card and
        ``ModelVersionError`` when the feature schema, scikit-learn minor version or lexicon
        version differ from this code's; both before the file is unpickled.
        """
        card_path = resolve_card(Path(path) if path is not None else MODELS_DIR)
        card = json.loads(card_path.read_text(encoding="utf-8"))
        model_path = card_path.parent / str(card.get("model_file", MODEL_FILE))
        lex = lexicon if lexicon is not None else default_lexicon()
        check_compatible(card, lex.version)
        actual = sha256_file(model_path)
        if actual != card.get("model_sha256"):
            raise ModelIntegrityError(
                f"{model_path}: SHA-256 {actual} does not match its card ({card.get('model_sha256')}); "
                "refusing to load a model file that is not the one the card describes"
            )
        model = _read_model(model_path)
        if not isinstance(model, cls):
            raise ModelVersionError(f"{model_path} does not hold a ListingClassifier")
        if model.version != card.get("version") or model.schema_version != FEATURE_SCHEMA_VERSION:
            raise ModelVersionError(f"{model_path}: embedded version/schema disagree with its card")
        model.features.bind(lex)
        model.card = card
        return model


def _read_model(path: Path) -> Any:
    """Unpickle a model file whose SHA-256 the caller has checked against its card."""
    if path.suffix == LEGACY_MODEL_SUFFIX:
        import joblib

        return joblib.load(path)
    return pickle.loads(gzip.decompress(path.read_bytes()))


def resolve_card(path: Path) -> Path:
    """Find the model card a user-supplied path means (see ``ListingClassifier.load``)."""
    if path.is_dir():
        if (path / CARD_JSON).is_file():
            return path / CARD_JSON
        if (path / CURRENT_POINTER).is_file():
            return resolve_card(path / CURRENT_POINTER)
        raise FileNotFoundError(f"{path}: no {CARD_JSON} or {CURRENT_POINTER} here")
    if path.name == MODEL_FILE or path.suffix == LEGACY_MODEL_SUFFIX:
        return path.parent / CARD_JSON
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such model card")
    data = json.loads(path.read_text(encoding="utf-8"))
    if "card" in data and "model_sha256" not in data:
        return (path.parent / str(data["card"])).resolve()
    return path


def check_compatible(card: dict[str, Any], lexicon_version: str) -> None:
    """Raise ``ModelVersionError`` naming every way the card's model differs from this code."""
    problems = []
    if card.get("feature_schema") != FEATURE_SCHEMA_VERSION:
        problems.append(
            f"feature schema {card.get('feature_schema')} (this code expects {FEATURE_SCHEMA_VERSION})"
        )
    legacy_file = str(card.get("model_file", MODEL_FILE)).endswith(LEGACY_MODEL_SUFFIX)
    if card.get("model_format") != MODEL_FORMAT or legacy_file:
        # scikit-learn's own objects inside: trusted only within the minor release that wrote them
        trained = sklearn_minor(str(card.get("sklearn_version", "?")))
        if trained != sklearn_minor():
            problems.append(f"scikit-learn {trained} (installed: {sklearn_minor()})")
    if card.get("lexicon_version") != lexicon_version:
        problems.append(f"lexicon {card.get('lexicon_version')} (loaded: {lexicon_version})")
    from classifiers.features import cue_data_version

    if card.get("cue_version") != cue_data_version():
        problems.append(f"cue phrases {card.get('cue_version')} (installed: {cue_data_version()})")
    if problems:
        raise ModelVersionError(
            f"model {card.get('version')} was trained with " + "; ".join(problems) + ": retrain it "
            "with `ecowarden train` or install the matching versions"
        )
