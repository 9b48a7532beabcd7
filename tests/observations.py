"""Builds storage observations for tests from flat keyword arguments, as a crawl would hand them."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from storage.listings import Observation
from storage.records import ListingContent, Verdict

_CONTENT = {f.name for f in fields(ListingContent)}


def verdict(prediction: dict[str, Any]) -> Verdict:
    """A verdict from its JSON shape (``ecowarden classify`` output, with an optional threshold)."""
    return Verdict.from_json(prediction)


def observation(*, prediction: dict[str, Any] | None = None, **kwargs: Any) -> Observation:
    """``Observation(...)`` with the content fields given beside the others, and the verdict as a
    dict (``prediction=``)."""
    content = ListingContent(**{k: kwargs.pop(k) for k in list(kwargs) if k in _CONTENT})
    return Observation(content=content, verdict=None if prediction is None else verdict(prediction), **kwargs)
