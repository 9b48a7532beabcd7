"""Cluster crawl throughput with 1, 2 and 4 workers, and a long-lived worker's memory.

Each round starts N ``ecowarden worker`` processes against the local Redis and a fresh
PostgreSQL database, submits the demo's two HTTP sites with ``ecowarden crawl --no-work`` and
times submission to the end of both runs. Listings/s count what was stored (every listing
once); the scaling ratio is against one worker. Classification is on, evidence capture off,
AutoThrottle off (capacity, not politeness). The demo server runs on the same machine and
competes for the same cores: on 2 cores, more than two busy processes cannot scale.

``--memory``: one worker joins run after run (same process) until it has fetched
``--memory-pages`` pages; its resident memory is sampled throughout and printed every 10,000
pages.

    python bench/cluster_throughput.py --size 3000 --workers 1 2 4
    python bench/cluster_throughput.py --memory --memory-pages 100000 --size 10000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import REDIS_TEST_URL, DemoServer, delete_redis_keys, scratch_postgres  # noqa: E402
from tests.crawl_helpers import crawl_env, start_cluster_worker, submit_cluster_crawl  # noqa: E402

SITES = ["demo-classifieds", "demo-bazaar"]


def environment(db_url: str, workdir: Path, prefix: str, concurrency: int) -> dict[str, str]:
    return crawl_env(
        db_url,
        workdir,
        ECOWARDEN_CLUSTER_REDIS_URL=REDIS_TEST_URL,
        ECOWARDEN_CLUSTER_KEY_PREFIX=prefix,
        ECOWARDEN_CLUSTER_HEARTBEAT_S="2",
        ECOWARDEN_CLUSTER_POLL_S="0.3",
        ECOWARDEN_CRAWL_AUTOTHROTTLE="false",
        ECOWARDEN_CRAWL_CONCURRENT_REQUESTS=str(concurrency),
        ECOWARDEN_CRAWL_CONCURRENT_PER_DOMAIN=str(concurrency),
        ECOWARDEN_CRAWL_BATCH_SIZE="200",
        ECOWARDEN_CRAWL_FLUSH_INTERVAL_S="2.0",
    )


def submit(env: dict[str, str], base_url: str, workdir: Path) -> list[dict[str, Any]]:
    out, err = submit_cluster_crawl(env, SITES, base_url, workdir).communicate()
    if not out.strip():
        raise SystemExit(f"crawl failed: {err[-2000:]}")
    return list(json.loads(out))


@contextmanager
def sandbox(concurrency: int) -> Iterator[tuple[dict[str, str], Path]]:
    """A fresh PostgreSQL database (migrated), a Redis key prefix and a work folder, all removed
    afterwards; yields the environment of the commands and the folder for their logs."""
    import redis

    prefix = f"ecowarden-bench-{uuid.uuid4().hex[:8]}"
    with scratch_postgres("ecowarden_bench") as db_url, tempfile.TemporaryDirectory() as tmp:
        from storage.db import upgrade

        try:
            upgrade(db_url)
            yield environment(db_url, Path(tmp), prefix, concurrency), Path(tmp)
        finally:
            delete_redis_keys(redis.Redis.from_url(REDIS_TEST_URL), prefix)


def throughput_round(workers: int, base_url: str, concurrency: int) -> dict[str, Any]:
    with sandbox(concurrency) as (env, workdir):
        procs = [start_cluster_worker(env, workdir, f"w{i}", len(SITES)) for i in range(workers)]
        time.sleep(3.0)  # workers up (imports, model load) before the clock starts
        started = time.perf_counter()
        summaries = submit(env, base_url, workdir)
        wall = time.perf_counter() - started
        shares = []
        for proc in procs:
            out, _ = proc.communicate(timeout=600)
            report = json.loads(out) if out.strip() else {"runs": []}
            shares.append(sum(run["items"] for run in report["runs"]))
        listings = sum(s["listings_new"] for s in summaries)
        pages = sum(s["pages"] for s in summaries)
        return {
            "workers": workers,
            "listings": listings,
            "pages": pages,
            "seconds": wall,
            "listings_per_s": listings / wall,
            "pages_per_s": pages / wall,
            "shares": shares,
        }


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_run(base_url: str, target_pages: int, concurrency: int) -> None:
    with sandbox(concurrency) as (env, workdir):
        worker = start_cluster_worker(env, workdir, "long-lived", 0)
        time.sleep(3.0)
        pages = 0
        marks: list[tuple[int, float, float]] = []
        next_mark = 0
        peak = 0.0
        started = time.perf_counter()
        while pages < target_pages:
            summaries = submit(env, base_url, workdir)
            pages += sum(s["pages"] for s in summaries)
            rss = rss_mib(worker.pid)
            peak = max(peak, rss)
            while pages >= next_mark:
                marks.append((pages, rss, time.perf_counter() - started))
                print(f"  {pages:>7} pages  worker RSS {rss:7.1f} MiB  ({marks[-1][2]:.0f} s)", flush=True)
                next_mark += 10_000
        worker.send_signal(2)
        worker.communicate(timeout=120)
        first = next((rss for p, rss, _ in marks if p >= 10_000), marks[0][1])
        print(
            f"memory: {pages} pages by one worker process in {time.perf_counter() - started:.0f} s; "
            f"RSS after 10k pages {first:.1f} MiB, at the end {marks[-1][1]:.1f} MiB, "
            f"peak sampled {peak:.1f} MiB, growth {marks[-1][1] - first:+.1f} MiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--memory-pages", type=int, default=100_000)
    args = parser.parse_args()
    server = DemoServer(size=args.size)
    try:
        print(f"demo marketplace: {args.size} listings, sites {', '.join(SITES)}, {os.cpu_count()} cores")
        if args.memory:
            memory_run(server.base_url, args.memory_pages, args.concurrency)
            return
        results = [throughput_round(n, server.base_url, args.concurrency) for n in args.workers]
        base = results[0]["listings_per_s"]
        for r in results:
            print(
                f"{r['workers']} worker(s): {r['listings']} listings, {r['pages']} pages "
                f"in {r['seconds']:.1f} s"
                f" = {r['listings_per_s']:.1f} listings/s, {r['pages_per_s']:.1f} pages/s; "
                f"scaling x{r['listings_per_s'] / base:.2f}; listings per worker {r['shares']}"
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
