"""Crawl throughput on the demo marketplace: ecowarden beside a bare Scrapy spider.

Prints pages/s and listings/s of ``ecowarden crawl`` (extraction, classifier, storage in SQLite,
JOBDIR, all middlewares) for the classifieds and the bazaar, each as a configured site and through
the generic spider (start URL only), beside a bare Scrapy spider fetching the same pages, and the
ratio. The JavaScript shop is crawled through its learnt JSON API (``render: api``, as shipped) and
page by page through Chromium (``render: browser``). AutoThrottle is off so that the figures
measure capacity, not politeness.

    python bench/crawl_throughput.py --size 3000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import DemoServer  # noqa: E402
from tests.crawl_helpers import crawl_env  # noqa: E402


def ecowarden_crawl(
    label: str, target: list[str], workdir: Path, concurrency: int, **extra: str
) -> dict[str, float]:
    env = crawl_env(
        f"sqlite:///{workdir / (label + '.db')}",
        workdir,
        **extra,
        ECOWARDEN_CRAWL_AUTOTHROTTLE="false",
        ECOWARDEN_CRAWL_CONCURRENT_REQUESTS=str(concurrency),
        ECOWARDEN_CRAWL_CONCURRENT_PER_DOMAIN=str(concurrency),
        # the shipped batching, not the tests' small batches
        ECOWARDEN_CRAWL_BATCH_SIZE="200",
        ECOWARDEN_CRAWL_FLUSH_INTERVAL_S="2.0",
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecowarden",
            "crawl",
            *target,
            "--json",
            "--no-progress",
            "--log-file",
            str(workdir / f"{label}.log"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"ecowarden crawl {label} failed: {proc.stderr.strip()[-500:]}")
    row = json.loads(proc.stdout)[0]
    return {
        "pages": row["pages"],
        "listings": row["listings_new"] + row["listings_unchanged"] + row["listings_changed"],
        "crawl_s": row["elapsed_s"],
        "wall_s": wall,
    }


def bare_crawl(site: str, base_url: str, concurrency: int) -> dict[str, float]:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bare_spider.py"),
            "--site",
            site,
            "--base-url",
            base_url,
            "--concurrency",
            str(concurrency),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=3000, help="demo catalogue size (all sites)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--skip-browser", action="store_true", help="leave out the JavaScript shop")
    args = parser.parse_args()
    server = DemoServer(size=args.size)
    base = server.base_url
    print(f"demo marketplace: {args.size} listings at {base}; concurrency {args.concurrency}")
    print(
        f"{'crawl':<26}{'pages':>7}{'listings':>10}{'seconds':>9}{'pages/s':>9}{'listings/s':>11}"
        f"{'bare pages/s':>14}{'ratio':>7}"
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            sites = workdir / "browser-sites"
            sites.mkdir()
            shipped = (ROOT / "crawler" / "sites" / "demo-shop.yaml").read_text()
            (sites / "demo-shop.yaml").write_text(shipped.replace("\nrender: api\n", "\nrender: browser\n"))
            # (label, ecowarden crawl arguments, extra environment, bare spider's site or None)
            runs: list[tuple[str, list[str], dict[str, str], str | None]] = [
                ("classifieds configured", ["demo-classifieds", "--base-url", base], {}, "demo-classifieds"),
                ("classifieds generic", [base + "/classifieds/"], {}, "demo-classifieds"),
                ("bazaar configured", ["demo-bazaar", "--base-url", base], {}, "demo-bazaar"),
                ("bazaar generic", [base + "/bazaar/"], {}, "demo-bazaar"),
                ("shop via its API", ["demo-shop", "--base-url", base], {}, None),
            ]
            if not args.skip_browser:
                runs.append(
                    (
                        "shop through Chromium",
                        ["demo-shop", "--base-url", base],
                        {"ECOWARDEN_CRAWL_SITES_DIR": str(sites)},
                        None,
                    )
                )
            bare_rates: dict[str, float] = {}
            for label, target, extra, bare_site in runs:
                slug = label.replace(" ", "-")
                ours = ecowarden_crawl(slug, target, workdir, args.concurrency, **extra)
                seconds = ours["crawl_s"] or ours["wall_s"]
                pages_s = ours["pages"] / seconds
                line = (
                    f"{label:<26}{ours['pages']:>7}{ours['listings']:>10}{seconds:>9.1f}{pages_s:>9.1f}"
                    f"{ours['listings'] / seconds:>11.1f}"
                )
                if bare_site is not None:
                    if bare_site not in bare_rates:
                        bare = bare_crawl(bare_site, base, args.concurrency)
                        bare_rates[bare_site] = bare["pages"] / bare["elapsed_s"]
                    bare_s = bare_rates[bare_site]
                    line += f"{bare_s:>14.1f}{pages_s / bare_s:>7.2f}"
                print(line, flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
