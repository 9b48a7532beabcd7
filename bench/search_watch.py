"""Search crawls against full crawls on the demo marketplace: how much of what a full crawl flags
a search crawl with the shipped default watchlist finds, for what share of the pages.

For each demo site: a full crawl (configured site, classifier on, AutoThrottle off) into one
database, then a search crawl (``--watch default``) into another, its request budget a share of
the pages the full crawl fetched (``--budget-share``, 0.3 by default). Prints, per site and per
category, the listings the full crawl flagged, how many of them the search crawl found (stored
and flagged), and the pages each fetched.

    python bench/search_watch.py --size 3000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from storage.db import open_database  # noqa: E402
from storage.models import Listing, ReviewItem  # noqa: E402
from tests.conftest import DemoServer  # noqa: E402
from tests.crawl_helpers import crawl_env  # noqa: E402

SITES = ("classifieds", "bazaar", "shop")


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
    parser.add_argument("--sites", default=",".join(SITES))
    args = parser.parse_args()
    server = DemoServer(size=args.size)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            print(
                f"demo marketplace: {args.size} listings; "
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
                # no search crawl can do with fewer pages: each found listing fetched, and result
                # pages of 20 showing nothing but flagged listings
                floor = int(0.95 * len(wanted)) + -(-int(0.95 * len(wanted)) // 20)
                print(
                    f"{'':12} pages any search needs for 95% of the flagged: {floor}"
                    f" ({floor / max(1, pages_full):.0%})"
                )
                print(
                    f"{'':12} terms searched {searched['search_terms']},"
                    f" result pages {searched['search_pages']},"
                    f" results shown {searched['search_results']}"
                )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
