"""Ambiguous names: dropped, down-weighted or gated on context, from ``curated/ambiguous.yaml``.

Marketplace text is full of brands, colours and pets that share a name with a CITES species
("Jaguar", "Puma", "leopard print", "cockatiel"); matching them at full weight would bury the
analysts in noise, so the list is explicit data with a reason per line rather than code.

A rule can also say the name only counts *with context* (``context: animal``): "Puma" next to
"skin" or "cub" is the cat, "Puma" next to "trainers" is the brand. The named context sets are
word lists in the same file; the matcher checks them (see ``guards.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from classifiers.lexicon.entry import Entry
from classifiers.lexicon.normalize import term_key
from classifiers.lexicon.yamlrows import read_rows

DEFAULT_PATH = Path(__file__).with_name("curated") / "ambiguous.yaml"
#: ``action`` of a rule that only gates a name on context and leaves its weight alone.
KEEP = "keep"


@dataclass(frozen=True)
class Rule:
    action: str  # "drop", "keep" or a weight
    reason: str
    line: int
    #: Context sets the name needs nearby to count (empty: counts anywhere).
    context: tuple[str, ...] = ()


class Stoplist:
    """Rules keyed by the folded compact term, and the context sets they refer to."""

    def __init__(
        self, rules: dict[str, Rule], path: Path, contexts: dict[str, list[str]] | None = None
    ) -> None:
        self.rules = rules
        self.path = path
        #: Context set name -> phrases (as written; the build folds them).
        self.contexts: dict[str, list[str]] = contexts or {}

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Stoplist:
        _, rows = read_rows(path)
        _, context_rows = read_rows(path, key="contexts")
        contexts: dict[str, list[str]] = {}
        for line, row in context_rows:
            name = row.get("name", "")
            if not name:
                raise ValueError(f"{path}:{line}: context set without a name")
            words = [w.strip() for w in row.get("words", "").split(",") if w.strip()]
            contexts.setdefault(name, []).extend(words)
        rules: dict[str, Rule] = {}
        for line, row in rows:
            key, _ = term_key(row["term"])
            context = tuple(row.get("context", "").split())
            action = row.get("action", KEEP if context else "drop")
            if action not in ("drop", KEEP):
                float(action)  # fail early on typos
            unknown = [name for name in context if name not in contexts]
            if unknown:
                raise ValueError(f"{path}:{line}: unknown context set(s) {unknown}")
            rules[key] = Rule(action, row.get("reason", ""), line, context)
        return cls(rules, path, contexts)

    def _rule(self, term: str) -> Rule | None:
        return self.rules.get(term_key(term)[0])

    def allows_scientific(self, name: str) -> bool:
        """Genus and higher names: only a `drop` rule removes them (weights stay derived)."""
        rule = self._rule(name)
        return rule is None or rule.action != "drop"

    def apply(self, entry: Entry) -> Entry | None:
        """The entry, re-weighted or dropped (None) when its term is listed as ambiguous."""
        rule = self._rule(entry.term)
        if rule is None or rule.action == KEEP:
            return entry
        if rule.action == "drop":
            return None
        weight = min(entry.weight, float(rule.action))
        note = f"; weight capped by curated: {self.path.name}:{rule.line} ({rule.reason})"
        return replace(entry, weight=weight, source=entry.source + note)

    def gated(self) -> dict[str, tuple[str, ...]]:
        """Compact key -> context sets, for every rule that gates its name on context."""
        return {key: rule.context for key, rule in self.rules.items() if rule.context}
