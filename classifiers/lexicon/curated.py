"""Load the hand-curated trade terms, code words and negatives from ``curated/<lang>.yaml``.

Curated data is versioned in git next to the code; each entry's provenance is the file and line
it was written on plus the note left there, so a reviewer can see who claimed what and why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from classifiers.lexicon.entry import Entry, validate
from classifiers.lexicon.yamlrows import read_rows

CURATED_DIR = Path(__file__).with_name("curated")
#: Files that hold terms (ambiguous.yaml is a stoplist, not terms).
LANGS = ("en", "zh", "es", "pt", "fr", "vi", "id")


def curated_files(directory: Path = CURATED_DIR) -> list[Path]:
    return [directory / f"{lang}.yaml" for lang in LANGS if (directory / f"{lang}.yaml").exists()]


def load_curated(path: Path) -> Iterator[Entry]:
    header, rows = read_rows(path)
    lang = header.get("lang", path.stem)
    for line, row in rows:
        note = row.get("note", "").strip()
        source = f"curated: {path.name}:{line}" + (f" ({note})" if note else "")
        entry = Entry(
            term=row["term"],
            lang=row.get("lang", lang),
            kind=row.get("kind", "trade"),
            category=row["category"],
            appendix=row.get("appendix", ""),
            weight=float(row.get("weight", "0.5")),
            source=source,
        )
        try:
            validate(entry)
        except ValueError as exc:
            raise ValueError(f"{path}:{line}: {exc}") from exc
        yield entry
