"""Build the shipped default watchlist from the lexicon: ``python -m classifiers.watch_terms``.

Writes ``classifiers/watchlists/default.csv`` (the format ``ecowarden watch import`` reads) and
``default.provenance.json`` (which lexicon, which rules, how many terms of each kind). The list is
data: rebuilt by this script when the lexicon changes, reviewed like any data change, never
edited by hand.

What goes in, and at which priority (1 is searched first):

* the curated trade terms of all seven languages, the product names analysts search for
  (priority 1 when the lexicon weighs them as strong evidence, 0.8 and up; else 2 or 3);
* the curated code words, the euphemisms that dodge filters (2 when fairly specific, else 4:
  "white gold" finds jewellery far more often than ivory);
* CITES Appendix I species (CITES Resolution Conf. 11.3 asks for priority to offers of them):
  English, Spanish and French common names (2) and scientific names (3, searched in every
  language). Appendix II and III species are not in the default list: 36,000 names no budget
  could rotate through; agencies add the species they watch.

Negative context terms and synonyms are left out. Terms repeated across sources are kept once,
at their best priority. The curated terms are read from the curated files themselves, not from
the built lexicon: the lexicon keeps one entry per *matching* key, and its key folds doubled letters
and accents (Portuguese "cassiterita" and Spanish "casiterita" are one entry there), while a
site's search box wants each language's own spelling.

Then breadth, among the curated terms: most sites search for all the words of a query, so a term
whose words another term of the same language contains ("ivory" in "carved ivory") finds that
term's listings too, and more. Such a *head* term moves up one priority, and a term that
contains a head term moves down one: a budget spent on heads covers more of the list's ground
per request. (Chinese has no
spaces: there containment is of characters.)
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from classifiers.lexicon.curated import curated_files, load_curated
from classifiers.lexicon.entry import FIELDS
from classifiers.lexicon.matcher import DEFAULT_PATH, read_document
from storage.term_rows import ANY_LANGUAGE, TermRow, TermRowError, write_csv

OUT_DIR = Path(__file__).resolve().parent / "watchlists"
DEFAULT_LIST = OUT_DIR / "default.csv"
PROVENANCE = OUT_DIR / "default.provenance.json"
#: the languages whose CITES common names go in (the checklist's own three)
COMMON_NAME_LANGUAGES = ("en", "es", "fr")
#: the lexicon's language code for scientific names
SCIENTIFIC = "la"


def _appendix_i(appendix: str) -> bool:
    return "I" in appendix.split("/")


def _priority(kind: str, lang: str, appendix: str, weight: float, source: str) -> int | None:
    """The term's priority, or None when it is not a default search term."""
    curated = source.startswith("curated")
    if kind == "trade" and curated:
        return 1 if weight >= 0.8 else 2 if weight >= 0.5 else 3
    if kind == "code_word" and curated:
        return 2 if weight >= 0.5 else 4
    if kind == "common" and lang in COMMON_NAME_LANGUAGES and _appendix_i(appendix):
        return 2
    if kind == "scientific" and _appendix_i(appendix):
        return 3
    return None


def _source(kind: str, appendix: str, source: str) -> str:
    if kind in ("common", "scientific"):
        return f"CITES Appendix {appendix}; {source}"
    return source


def default_rows(entries: Iterable[list[Any]]) -> list[TermRow]:
    """The default list from the lexicon's entry rows (term, lang, kind, category, appendix, weight,
    source, ...), best priority first."""
    best: dict[tuple[str, str], TermRow] = {}
    for entry in entries:
        term, lang, kind, category, appendix, weight, source = entry[:7]
        priority = _priority(str(kind), str(lang), str(appendix), float(weight), str(source))
        if priority is None:
            continue
        language = ANY_LANGUAGE if lang == SCIENTIFIC else str(lang)
        try:
            row = TermRow.checked(
                str(term), language, str(category), priority, _source(str(kind), str(appendix), str(source))
            )
        except TermRowError:
            continue  # a name no search box takes (a formula-like start, control characters)
        kept = best.get(row.key)
        if kept is None or row.priority < kept.priority:
            best[row.key] = row
    # breadth within the curated trade vocabulary (the words analysts type in a search box); a
    # checklist name ("African Elephant") is not made a head of other names by sharing a word
    curated = [row for row in best.values() if row.source.startswith("curated")]
    species = [row for row in best.values() if not row.source.startswith("curated")]
    rows = _by_breadth(curated) + species
    return sorted(rows, key=lambda r: (r.priority, r.language, r.term.casefold()))


def _words(row: TermRow) -> frozenset[str]:
    return frozenset(row.term.casefold().split())


def _contains(longer: TermRow, shorter: TermRow) -> bool:
    if longer.term.casefold() == shorter.term.casefold():
        return False
    if any("\u4e00" <= ch <= "\u9fff" for ch in shorter.term):
        return shorter.term in longer.term
    return _words(shorter) < _words(longer)


def _by_breadth(rows: list[TermRow]) -> list[TermRow]:
    """Head terms one priority up, the terms containing one a priority down (see the module)."""
    by_language: dict[str, list[TermRow]] = {}
    for row in rows:
        by_language.setdefault(row.language, []).append(row)
    out: list[TermRow] = []
    for group in by_language.values():
        # index by word so that only terms sharing a word are compared (85,000 pairs, not 10^7)
        sharing: dict[str, list[TermRow]] = {}
        for row in group:
            for word in _words(row) or {row.term}:
                sharing.setdefault(word, []).append(row)
        heads: set[tuple[str, str]] = set()
        covered: set[tuple[str, str]] = set()
        for row in group:
            others = {id(o): o for word in (_words(row) or {row.term}) for o in sharing.get(word, [])}
            if any(_contains(other, row) for other in others.values()):
                heads.add(row.key)
        for row in group:
            if row.key in heads:
                continue
            for word in _words(row) or {row.term}:
                if any(other.key in heads and _contains(row, other) for other in sharing.get(word, [])):
                    covered.add(row.key)
                    break
        for row in group:
            if row.key in heads:
                out.append(replace(row, priority=max(1, row.priority - 1)))
            elif row.key in covered:
                out.append(replace(row, priority=min(5, row.priority + 1)))
            else:
                out.append(row)
    return out


def search_entries(lexicon_entries: Iterable[list[Any]], curated: Iterable[Path]) -> list[list[Any]]:
    """The lexicon's derived entries (CITES names) and every curated entry in its own spelling."""
    derived = [e for e in lexicon_entries if not str(e[6]).startswith("curated")]
    spelled = [[getattr(entry, name) for name in FIELDS] for path in curated for entry in load_curated(path)]
    return derived + spelled


def build(lexicon_path: Path = DEFAULT_PATH, out_dir: Path = OUT_DIR) -> dict[str, Any]:
    document = read_document(lexicon_path)
    rows = default_rows(search_entries(document["entries"], curated_files()))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / DEFAULT_LIST.name).write_bytes(write_csv(rows))
    counts: dict[str, int] = {}
    for row in rows:
        key = f"priority {row.priority}"
        counts[key] = counts.get(key, 0) + 1
    languages: dict[str, int] = {}
    for row in rows:
        languages[row.language] = languages.get(row.language, 0) + 1
    provenance = {
        "list": DEFAULT_LIST.name,
        "built_by": "classifiers/watch_terms.py",
        "lexicon_version": document["header"].get("version"),
        "lexicon_built_on": document["header"].get("built_on"),
        "terms": len(rows),
        "by_priority": dict(sorted(counts.items())),
        "by_language": dict(sorted(languages.items())),
        "rules": (__doc__ or "").split("What goes in", 1)[-1].strip(),
    }
    (out_dir / PROVENANCE.name).write_text(
        json.dumps(provenance, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return provenance


def shipped_source() -> str:
    """How the shipped list describes where it came from (a watchlist's ``source``)."""
    data = json.loads(PROVENANCE.read_text(encoding="utf-8"))
    return f"shipped default: {data['built_by']} from lexicon {data['lexicon_version']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lexicon", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    provenance = build(args.lexicon, args.out)
    print(json.dumps({k: v for k, v in provenance.items() if k != "rules"}, indent=2))


if __name__ == "__main__":
    main()
