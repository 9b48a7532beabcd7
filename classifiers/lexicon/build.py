"""Build ``lexicon.json.gz`` from the CITES checklist and the curated files.

Usage: ``python -m classifiers.lexicon.build [--cites PATH] [--output PATH]``. The output is
committed so the classifier never needs the raw data at run time; the header records the inputs'
SHA-256 so anyone can tell which data a lexicon version was built from. Besides the entries, the
document carries the matcher's precision guards (common words of the watched languages, context
gates of ambiguous names; see ``guards.py``), so the matcher reads no other file either.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from classifiers.lexicon.cites import derive_entries
from classifiers.lexicon.curated import curated_files, load_curated
from classifiers.lexicon.entry import FIELDS, Entry, dedup, validate
from classifiers.lexicon.guards import COMMON_DIR, Guards, build_guards, common_files, load_common
from classifiers.lexicon.normalize import NORMALIZER_VERSION, term_key
from classifiers.lexicon.stoplist import DEFAULT_PATH as STOPLIST_PATH
from classifiers.lexicon.stoplist import Stoplist

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
DEFAULT_CITES = REPO_ROOT.parent / "shared" / "data" / "cites" / "cites_species_2017-04-21.csv.gz"
DEFAULT_OUTPUT = HERE / "lexicon.json.gz"
#: 2: the document has a ``guards`` object next to ``header`` and ``entries``.
FORMAT = 2


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _display(path: Path) -> str:
    """Paths relative to the repo (or its parent for shared data) so the header is portable."""
    resolved = path.resolve()
    for base, prefix in ((REPO_ROOT, ""), (REPO_ROOT.parent, "../")):
        try:
            return prefix + str(resolved.relative_to(base))
        except ValueError:
            continue
    return str(path)


def collect(cites: Path | None, curated_dir: Path | None = None) -> tuple[list[Entry], list[Path]]:
    """All entries after dedup, and the input files they (and the guards) came from."""
    stoplist = Stoplist.load(STOPLIST_PATH)
    inputs: list[Path] = [STOPLIST_PATH, *common_files(COMMON_DIR)]
    entries: list[Entry] = []
    files = curated_files(curated_dir) if curated_dir else curated_files()
    for path in files:
        entries.extend(load_curated(path))
        inputs.append(path)
    if cites is not None:
        entries.extend(derive_entries(cites, stoplist))
        inputs.append(cites)
    for entry in entries:
        validate(entry)
    return dedup(entries), inputs


def guards_for(entries: list[Entry]) -> tuple[Guards, list[str]]:
    """The matcher's guards for ``entries`` from the committed stoplist and common-word lists."""
    return build_guards(entries, Stoplist.load(STOPLIST_PATH), load_common(COMMON_DIR))


def document(
    entries: list[Entry], inputs: list[Path], built_on: str, guards: Guards | None = None
) -> dict[str, Any]:
    if guards is None:
        guards, _ = guards_for(entries)
    rows = [entry.as_row() for entry in entries]
    keyed = [[*row, *_key_fields(entry)] for row, entry in zip(rows, entries, strict=True)]
    # The guards change what matches, so they are part of the content the version names.
    body = json.dumps([rows, guards.as_doc()], ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    counts: dict[str, dict[str, int]] = {
        "kind": dict(sorted(Counter(e.kind for e in entries).items())),
        "lang": dict(sorted(Counter(e.lang for e in entries).items())),
        "category": dict(sorted(Counter(e.category for e in entries).items())),
    }
    header = {
        "format": FORMAT,
        "version": f"{built_on}.{digest[:12]}",
        "content_sha256": digest,
        "built_on": built_on,
        "built_from": [{"path": _display(p), "sha256": sha256_file(p)} for p in inputs],
        "total": len(entries),
        "counts": counts,
        "fields": [*FIELDS, "key", "breaks"],
        "normalizer": NORMALIZER_VERSION,
        "guards": guards.summary(),
    }
    return {"header": header, "entries": keyed, "guards": guards.as_doc()}


def _key_fields(entry: Entry) -> tuple[str, list[int]]:
    """Precomputed match key and breaks: saves the matcher ~0.5 s of folding at load time."""
    key, breaks = term_key(entry.term)
    return key, list(breaks)


def write(doc: dict[str, Any], output: Path) -> None:
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp")
    # mtime=0 keeps the gzip bytes reproducible for identical content.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(data)
    tmp.replace(output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cites", type=Path, default=DEFAULT_CITES, help="CITES Species+ CSV(.gz)")
    parser.add_argument("--no-cites", action="store_true", help="curated terms only (for tests)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--built-on", default=dt.datetime.now(dt.UTC).date().isoformat(), help="date in version"
    )
    args = parser.parse_args(argv)
    cites = None if args.no_cites else args.cites
    if cites is not None and not cites.exists():
        parser.error(f"CITES file not found: {cites}")
    entries, inputs = collect(cites)
    guards, notes = guards_for(entries)
    for note in notes:
        print(f"note: {note}")
    doc = document(entries, inputs, args.built_on, guards)
    write(doc, args.output)
    header = doc["header"]
    print(f"wrote {args.output} version {header['version']} with {header['total']} entries")
    print(json.dumps(header["counts"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
