"""Classifiers: the lexicon and the listing model (category, calibrated score, reasons).

Entry points are exported lazily so ``import classifiers.lexicon`` or ``classifiers.types`` does
not pull in scikit-learn:

- ``ListingClassifier.load(path=None)`` / ``.predict(inputs)`` / ``.version``
- ``train(output_dir, decisions=..., fast=...)`` -> ``TrainReport``
- ``evaluate(classifier, examples=None)`` -> ``EvaluationReport``
- ``read_jsonl(source, stats)`` -> ``ListingInput | LineError`` per line
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "ListingInput": "classifiers.types",
    "Prediction": "classifiers.types",
    "LabeledExample": "classifiers.types",
    "CATEGORIES": "classifiers.types",
    "ListingClassifier": "classifiers.model",
    "ModelVersionError": "classifiers.model",
    "ModelIntegrityError": "classifiers.model",
    "train": "classifiers.training",
    "TrainReport": "classifiers.training",
    "evaluate": "classifiers.evaluation",
    "EvaluationReport": "classifiers.evaluation",
    "read_jsonl": "classifiers.jsonl",
    "LineError": "classifiers.jsonl",
    "JsonlStats": "classifiers.jsonl",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'classifiers' has no attribute {name!r}")
    return getattr(import_module(module), name)
