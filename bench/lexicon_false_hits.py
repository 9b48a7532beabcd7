"""How often the lexicon fires on real negatives, and whether it still fires on real positives.

Why: a lexicon hit is evidence the model and the analysts trust, so every hit on an ordinary
listing ("Solo recogida en mano" matching the sturgeon name "Sollo") is noise someone has to wade
through. This prints, per corpus, how many texts get at least one counted hit (a positive term,
not negated), how many hits there are, how many of them are fuzzy guesses, and the terms that
fire most (fuzzy ones marked ``~``).

Negatives (every hit is a false hit): the real Australian pet-bird ads (ordinary legal live-bird
ads, stemmed text), the label-0 posts of the WLT-OSN ivory set, and the demo catalogue's ``none``
listings. Positives (hits are wanted): the label-1 WLT-OSN posts, the painted-bat listings (every
row a real dead-bat offer) and the demo catalogue's suspect listings.

    python bench/lexicon_false_hits.py                # the working tree's lexicon
    python bench/lexicon_false_hits.py --before REV   # ... next to the lexicon code+data of REV

REV is a git revision from before the change being judged (``HEAD`` while it is uncommitted;
7ff3546 for the precision guards of issue 12).

``--before REV`` extracts ``classifiers/lexicon/`` (code and the built ``lexicon.json.gz``) of that
git revision into a temporary directory and runs this script there in a subprocess, so "before"
means the old matcher on the old data, not the old data under the new rules.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
BIRD_ADS = DATA / "bird-ads" / "text_w_labels.csv"
WLT = DATA / "real-posts" / "wlt-osn-dev.csv"
BATS = DATA / "real-posts" / "painted-bats-dev.csv"
DEMO_SEED = 7
DEMO_SIZE = 3000
TOP = 30
#: Appended, not prepended: with ``--before`` the extracted old ``classifiers`` package sits on
#: PYTHONPATH and must win over the working tree's.
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

csv.field_size_limit(10**8)


@dataclass
class Figures:
    """Hit counts on one corpus."""

    name: str
    kind: str  # "negative" or "positive"
    texts: int = 0
    texts_hit: int = 0
    hits: int = 0
    fuzzy: int = 0
    terms: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "texts": self.texts,
            "texts_hit": self.texts_hit,
            "hits": self.hits,
            "fuzzy": self.fuzzy,
            "terms": dict(self.terms.most_common()),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figures:
        return cls(
            data["name"],
            data["kind"],
            data["texts"],
            data["texts_hit"],
            data["hits"],
            data["fuzzy"],
            Counter(data["terms"]),
        )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(csv.DictReader(handle))


def corpora() -> list[tuple[str, str, list[str]]]:
    """(name, negative|positive, texts) for every corpus whose data is present."""
    out: list[tuple[str, str, list[str]]] = []
    if BIRD_ADS.exists():
        out.append(("bird ads", "negative", [r["text_stop_stem"] for r in _rows(BIRD_ADS)]))
    if WLT.exists():
        wlt = _rows(WLT)
        out.append(("wlt-osn label 0", "negative", [r["text"] for r in wlt if r["label"] == "0"]))
    from demo.catalogue import generate_catalogue

    listings = generate_catalogue(DEMO_SEED, DEMO_SIZE).listings
    out.append(
        ("demo none", "negative", [f"{x.title}\n{x.description}" for x in listings if x.category == "none"])
    )
    if WLT.exists():
        out.append(("wlt-osn label 1", "positive", [r["text"] for r in wlt if r["label"] == "1"]))
    if BATS.exists():
        bats = [f"{r['title']}\n{r['description']}" for r in _rows(BATS)]
        out.append(("painted bats", "positive", bats))
    out.append(
        (
            "demo suspect",
            "positive",
            [f"{x.title}\n{x.description}" for x in listings if x.category != "none"],
        )
    )
    return out


def measure() -> tuple[str, list[Figures]]:
    """The lexicon version on ``sys.path`` and its figures on every corpus."""
    from classifiers.lexicon import load_lexicon

    lexicon = load_lexicon()
    results: list[Figures] = []
    for name, kind, texts in corpora():
        figures = Figures(name, kind, texts=len(texts))
        for text in texts:
            counted = [h for h in lexicon.match(text) if h.kind != "negative" and not h.negated]
            if counted:
                figures.texts_hit += 1
            figures.hits += len(counted)
            for hit in counted:
                fuzzy = bool(getattr(hit, "fuzzy", False))
                figures.fuzzy += fuzzy
                figures.terms[("~" if fuzzy else "") + hit.term] += 1
        results.append(figures)
    return lexicon.version, results


def measure_revision(rev: str) -> tuple[str, list[Figures]]:
    """Figures of the lexicon code and data at git revision ``rev`` (see module docstring)."""
    with tempfile.TemporaryDirectory(prefix="lexicon-before-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "classifiers/lexicon"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        # Only the lexicon is needed: a stub package keeps the rest of classifiers out.
        (Path(tmp) / "classifiers" / "__init__.py").write_text("", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": tmp}
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--json"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp,
        ).stdout
    data = json.loads(out)
    return data["version"], [Figures.from_dict(d) for d in data["corpora"]]


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / max(1, whole):.1f} %)"


def report(version: str, results: list[Figures], before: tuple[str, list[Figures]] | None) -> None:
    if before is not None:
        print(f"before: lexicon {before[0]}")
    print(f"after:  lexicon {version}" if before is not None else f"lexicon {version}")
    old = {f.name: f for f in before[1]} if before is not None else {}
    for figures in results:
        label = "false hits" if figures.kind == "negative" else "hits (wanted)"
        print(f"\n== {figures.name}: {figures.texts} texts, {label}")
        previous = old.get(figures.name)
        if previous is not None:
            print(
                f"  before: texts hit {_rate(previous.texts_hit, previous.texts)}, "
                f"{previous.hits} hits, {previous.fuzzy} fuzzy"
            )
        prefix = "  after:  " if previous is not None else "  "
        print(
            f"{prefix}texts hit {_rate(figures.texts_hit, figures.texts)}, "
            f"{figures.hits} hits, {figures.fuzzy} fuzzy"
        )
        if previous is not None:
            print(f"  top {TOP} before: {_top(previous)}")
            print(f"  top {TOP} after:  {_top(figures)}")
        else:
            print(f"  top {TOP}: {_top(figures)}")


def _top(figures: Figures) -> str:
    return ", ".join(f"{term} {count}" for term, count in figures.terms.most_common(TOP)) or "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="lexicon false hits on real negatives")
    parser.add_argument("--before", metavar="REV", help="also measure the lexicon at this git revision")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    version, results = measure()
    if args.json:
        print(json.dumps({"version": version, "corpora": [f.as_dict() for f in results]}))
        return 0
    before = measure_revision(args.before) if args.before else None
    report(version, results, before)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
