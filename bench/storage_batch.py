"""Listing-store write throughput: new listings, then an unchanged re-crawl, then 10% changed.

    python bench/storage_batch.py --count 20000 --batch 200 [--postgres URL]

Prints observations/s for each phase on SQLite (WAL, a temporary file) and, when given, PostgreSQL
(in a scratch database created beside the one named, and dropped afterwards).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage.db import open_database
from storage.listings import ListingStore, Observation
from storage.records import ListingContent

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def observations(count: int, when: datetime, bump: int = 0) -> list[Observation]:
    return [
        Observation(
            canonical_url=f"http://127.0.0.1/ad/{n}",
            url=f"http://127.0.0.1/ad/{n}",
            observed_at=when,
            content=ListingContent(
                title=f"Carved item number {n}",
                description="A description of some length " * 10,
                price=Decimal(100 + n + (1 if bump and n % bump == 0 else 0)),
                currency="EUR",
                availability="InStock",
                seller_name=f"seller {n % 500}",
                seller_id=f"s{n % 500}",
                location="Lisboa, Portugal",
                images=[f"http://127.0.0.1/img/{n}-1.png", f"http://127.0.0.1/img/{n}-2.png"],
                posted_at="2026-10-01T00:00:00Z",
            ),
        )
        for n in range(count)
    ]


def run(url: str, count: int, batch: int) -> None:
    engine, factory = open_database(url)
    store = ListingStore(factory)
    site = store.ensure_site(f"bench-{uuid.uuid4().hex[:8]}", "http://127.0.0.1/")
    for phase, obs in (
        ("new", observations(count, T0)),
        ("unchanged", observations(count, T0 + timedelta(days=1))),
        ("10% changed", observations(count, T0 + timedelta(days=2), bump=10)),
    ):
        run_id = store.start_run(site, "bench", [])
        started = time.perf_counter()
        for start in range(0, count, batch):
            store.apply_batch(site, run_id, obs[start : start + batch])
        elapsed = time.perf_counter() - started
        rate = count / elapsed
        print(f"{engine.dialect.name:<11}{phase:<13}{count:>8} obs {elapsed:>7.2f} s {rate:>9.0f} obs/s")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument(
        "--postgres", help="a server to use, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{tmp}/bench.db", args.count, args.batch)
    if args.postgres:
        import psycopg

        admin_url = args.postgres.replace("postgresql+psycopg://", "postgresql://", 1)
        name = f"ecowarden_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
            try:
                run(args.postgres.rsplit("/", 1)[0] + "/" + name, args.count, args.batch)
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
