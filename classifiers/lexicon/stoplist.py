"""Ambiguous names: dropped or down-weighted, from ``curated/ambiguous.yaml``.

Marketplace text is full of brands, colours and pets that share a name with a CITES species
("Jaguar", "Puma", "leopard print", "cockatiel"); matching them at full weight would bury the
analysts in noise, so the list is explicit data with a reason per line rather than code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from classifiers.lexicon.entry import Entry
from classifiers.lexicon.normalize import term_key
from classifiers.lexicon.yamlrows import read_rows

DEFAULT_PATH = Path(__file__).with_name("curated") / "ambiguous.yaml"


@dataclass(frozen=True)
class Rule:
    action: str  # "drop" or a weight
    reason: str
    line: int


class Stoplist:
    """Rules keyed by the folded compact term."""

    def __init__(self, rules: dict[str, Rule], path: Path) -> None:
        self.rules = rules
        self.path = path

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Stoplist:
        _, rows = read_rows(path)
        rules: dict[str, Rule] = {}
        for line, row in rows:
            key, _ = term_key(row["term"])
            action = row.get("action", "drop")
            if action != "drop":
                float(action)  # fail early on typos
            rules[key] = Rule(action, row.get("reason", ""), line)
        return cls(rules, path)

    def _rule(self, term: str) -> Rule | None:
        return self.rules.get(term_key(term)[0])

    def allows_scientific(self, name: str) -> bool:
        """Genus and higher names: only a `drop` rule removes them (weights stay derived)."""
        rule = self._rule(name)
        return rule is None or rule.action != "drop"

    def apply(self, entry: Entry) -> Entry | None:
        """The entry, re-weighted or dropped (None) when its term is listed as ambiguous."""
        rule = self._rule(entry.term)
        if rule is None:
            return entry
        if rule.action == "drop":
            return None
        weight = min(entry.weight, float(rule.action))
        note = f"; weight capped by curated: {self.path.name}:{rule.line} ({rule.reason})"
        return replace(entry, weight=weight, source=entry.source + note)
