"""Per-language text corpora for the demo catalogue, in a fixed order (order matters for seeds)."""

from __future__ import annotations

from demo.corpus import en, es, fr, id, pt, vi, zh
from demo.corpus.types import LanguageCorpus

CORPORA: dict[str, LanguageCorpus] = {
    module.CORPUS.language: module.CORPUS for module in (en, zh, es, pt, fr, vi, id)
}

__all__ = ["CORPORA", "LanguageCorpus"]
