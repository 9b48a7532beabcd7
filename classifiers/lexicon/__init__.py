"""The ecowarden lexicon: CITES-derived and curated terms, and a tolerant fast matcher.

Public API: ``load_lexicon()`` returns a cached ``Lexicon`` whose ``match(text)`` lists ``Hit``s
(term, category, kind, language, weight, provenance, span in the original text, negation).
"""

from __future__ import annotations

from classifiers.lexicon.matcher import Hit, Lexicon, load_lexicon

__all__ = ["Hit", "Lexicon", "load_lexicon"]
