"""Search crawls against full crawls on the demo marketplace: how much of what a full crawl flags
a search crawl with the shipped default watchlist finds, for what share of the pages.

For each demo site: a full crawl (configured site, classifier on, AutoThrottle off) into one
database, then a search crawl (``--watch default``) into another, its request budget a share of
the pages the full crawl fetched (``--budget-share``, 0.3 by default). Prints, per site and per
category, the listings the full crawl flagged, how many of them the search crawl found (stored
and flagged), and the pages each fetched.

The demo's own catalogue is 30 % suspect, so that every category and language is well represented
for tests and training; on such a site no search crawl could find 95 % of the flagged for 30 % of
the pages (fetching them alone costs 28 %). A real marketplace's share is a small fraction of a
percent, so the bench serves a catalogue with ``--suspect-share`` (2 % by default, still far above
the real share) and prints the floor any search crawl has. Besides what it found, it prints how
many of the flagged listings some term of the list matches at all on the demo's search, and how
many are suspect by the demo's ground truth, so the list's vocabulary, the budget and the
classifier's false flags are told apart.

    python bench/search_watch.py --size 6000
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from classifiers.watch_terms import DEFAULT_LIST  # noqa: E402
from demo.search import fold, query_parts, unspaced, word_key, word_keys  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.models import Listing, ReviewItem  # noqa: E402
from storage.term_rows import read_csv  # noqa: E402
from tests.conftest import DemoServer  # noqa: E402
from tests.crawl_helpers import crawl_env  # noqa: E402

SITES = ("classifieds", "bazaar", "shop")
WORD = re.compile(r"\w+")


def _run(args: list[str], env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "ecowarden", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode != 0:
        raise SystemExit(f"ecowarden {' '.join(args)} failed: {done.stderr.strip()[-800:]}")
    if "--json" in args:
        (run,) = json.loads(done.stdout)
        return dict(run)
    return {}


def _flagged(db_url: str) -> dict[str, str]:
    """Canonical URL -> category of every listing the classifier flagged (queued for review)."""
    engine, factory = open_database(db_url)
    try:
        with factory() as session:
            rows = session.execute(
                select(Listing.canonical_url, ReviewItem.category).join(
                    ReviewItem, ReviewItem.listing_id == Listing.id
                )
            ).all()
        return {url: category for url, category in rows}
    finally:
        engine.dispose()


def _ground_truth(server: DemoServer, site: str) -> tuple[dict[str, str], set[str]]:
    """Path -> the demo's own category of each live listing, and the paths some default term
    matches on the demo's search (the same rules as ``demo.search``, through a word index)."""
    category: dict[str, str] = {}
    texts: dict[str, str] = {}
    index: dict[str, set[str]] = {}
    for entry in server.catalogue(site):
        if entry.get("removed"):
            continue
        path = str(entry["path"])
        category[path] = str(entry["category"])
        texts[path] = fold(f"{entry['title']} {entry['description']}")
        for key in word_keys(texts[path]):
            index.setdefault(key, set()).add(path)
    reachable: set[str] = set()
    for row in read_csv(DEFAULT_LIST.read_bytes()).rows:
        matched: set[str] | None = None
        for part in query_parts(row.term):
            if unspaced(part):
                hits = {path for path, text in texts.items() if part in text}
            else:
                keys = [word_key(word) for word in WORD.findall(part)]
                hits = set.intersection(*(index.get(key, set()) for key in keys)) if keys else set()
            matched = hits if matched is None else matched & hits
        reachable |= matched or set()
    return category, reachable


def _env(workdir: Path, name: str) -> tuple[str, dict[str, str]]:
    db_url = f"sqlite:///{workdir / (name + '.db')}"
    env = crawl_env(
        db_url,
        workdir / name,
        ECOWARDEN_CRAWL_AUTOTHROTTLE="false",
        ECOWARDEN_CRAWL_BATCH_SIZE="200",
        ECOWARDEN_CRAWL_FLUSH_INTERVAL_S="2.0",
    )
    _run(["db", "upgrade"], env)
    return db_url, env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--budget-share", type=float, default=0.3)
    parser.add_argument("--suspect-share", type=float, default=0.02)
    parser.add_argument("--sites", default=",".join(SITES))
    args = parser.parse_args()
    server = DemoServer(size=args.size, suspect_share=args.suspect_share)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            print(
                f"demo marketplace: {args.size} listings, {args.suspect_share:.0%} suspect; "
                f"search budget {args.budget_share:.0%} of the full crawl's pages"
            )
            print(
                f"{'site':12} {'category':10} {'flagged':>8} {'found':>6} {'recall':>7}"
                "   pages full  search  share"
            )
            for site in args.sites.split(","):
                name = f"demo-{site}"
                full_db, full_env = _env(workdir, f"{site}-full")
                full = _run(
                    ["crawl", name, "--base-url", server.base_url, "--json", "--no-progress"], full_env
                )
                search_db, search_env = _env(workdir, f"{site}-search")
                _run(["watch", "init"], search_env)
                budget = max(1, int(args.budget_share * int(full["pages"])))  # type: ignore[call-overload]
                searched = _run(
                    [
                        "crawl",
                        name,
                        "--base-url",
                        server.base_url,
                        "--watch",
                        "default",
                        "--budget",
                        str(budget),
                        "--json",
                        "--no-progress",
                    ],
                    search_env,
                )
                wanted, got = _flagged(full_db), _flagged(search_db)
                truth, reachable = _ground_truth(server, site)
                paths = {url: urlsplit(url).path for url in wanted}
                suspect = [url for url in wanted if truth.get(paths[url], "none") != "none"]
                per_category = Counter(wanted.values())
                found = Counter(category for url, category in wanted.items() if url in got)
                pages_full, pages_search = int(full["pages"]), int(searched["pages"])  # type: ignore[call-overload]
                total_found = sum(found.values())
                print(
                    f"{site:12} {'all':10} {len(wanted):8d} {total_found:6d}"
                    f" {total_found / max(1, len(wanted)):7.0%}"
                    f"   {pages_full:10d} {pages_search:7d} {pages_search / max(1, pages_full):6.0%}"
                )
                for category, count in sorted(per_category.items()):
                    print(
                        f"{'':12} {category:10} {count:8d} {found[category]:6d}"
                        f" {found[category] / count:7.0%}"
                    )
                print(
                    f"{'':12} of the flagged: suspect by the demo's ground truth {len(suspect)},"
                    f" found {sum(url in got for url in suspect)};"
                    f" matched by some default term {sum(paths[url] in reachable for url in wanted)}"
                    f" (suspect {sum(paths[url] in reachable for url in suspect)})"
                )
                # no search crawl can do with fewer pages: each found listing fetched, and result
                # pages of 20 showing nothing but flagged listings
                floor = int(0.95 * len(wanted)) + -(-int(0.95 * len(wanted)) // 20)
                print(
                    f"{'':12} pages any search needs for 95% of the flagged: {floor}"
                    f" ({floor / max(1, pages_full):.0%})"
                )
                print(
                    f"{'':12} terms searched {searched['search_terms']}"
                    f" (left out, covered by a term searched in full: {searched['search_terms_covered']}),"
                    f" result pages {searched['search_pages']},"
                    f" results shown {searched['search_results']}"
                )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
