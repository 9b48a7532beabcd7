"""Wall time of ``ecowarden crawl`` on a five-page site, as a user runs it.

A crawl of a small site should cost what its pages cost, not seconds of start-up: this serves a
five-page shop (one index, four listings, one of them an ivory offer) on 127.0.0.1 and times the
whole ``ecowarden crawl URL`` process with the shipped configuration (AutoThrottle on, classifier
on, evidence capture off so that no browser is started), then again with AutoThrottle off to show
what politeness costs. Prints the median of the runs and each run's phases from the log.

    python bench/small_crawl.py --runs 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.crawl_helpers import crawl_env  # noqa: E402

LISTINGS = [
    ("Carved ivory bangle, old stock", "Genuine elephant ivory bangle. 450 USD, ships worldwide, DM."),
    ("Teak garden bench", "Solid teak bench, two seats. Pick-up only."),
    ("Mountain bike, 21 gears", "Used twice, new tyres. Price firm."),
    ("Kids' bookshelf", "White bookshelf, 4 shelves, good condition."),
]


def _listing_page(number: int) -> str:
    title, text = LISTINGS[number]
    offer = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": title,
        "description": text,
        "offers": {"@type": "Offer", "price": str(40 + 10 * number), "priceCurrency": "USD"},
    }
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>"
        f"<script type='application/ld+json'>{json.dumps(offer)}</script></head>"
        f"<body><h1>{title}</h1><p class='price'>${40 + 10 * number}</p><p>{text}</p>"
        "<a href='/shop/'>back</a></body></html>"
    )


def _index_page() -> str:
    links = "".join(
        f"<li><a href='/shop/item-{n}.html'>{title}</a></li>" for n, (title, _) in enumerate(LISTINGS)
    )
    return (
        f"<!doctype html><html lang='en'><head><title>Shop</title></head><body><ul>{links}</ul></body></html>"
    )


PAGES = {"/shop/": _index_page(), **{f"/shop/item-{n}.html": _listing_page(n) for n in range(len(LISTINGS))}}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGES.get(self.path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def five_page_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/shop/"
    finally:
        server.shutdown()
        server.server_close()


def _shipped_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The tests' environment minus its speed-ups: the shipped crawl settings."""
    env = crawl_env(f"sqlite:///{workdir / 'db.sqlite3'}", workdir, **extra)
    for name in ("AUTOTHROTTLE_START_DELAY_S", "FLUSH_INTERVAL_S", "BATCH_SIZE", "DOWNLOAD_TIMEOUT_S"):
        env.pop(f"ECOWARDEN_CRAWL_{name}", None)
    return env


def crawl_once(url: str, env: dict[str, str]) -> tuple[float, dict[str, object]]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "ecowarden", "crawl", url, "--json", "--no-progress"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    (run,) = json.loads(proc.stdout)
    return wall, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, five_page_site() as url:
        workdir = Path(tmp)
        for label, extra in (
            ("shipped", {}),
            ("autothrottle off", {"ECOWARDEN_CRAWL_AUTOTHROTTLE": "false"}),
        ):
            env = _shipped_env(workdir / label.replace(" ", "-"), **extra)
            subprocess.run(
                [sys.executable, "-m", "ecowarden", "db", "upgrade"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
            walls: list[float] = []
            for _ in range(args.runs):
                wall, run = crawl_once(url, env)
                walls.append(wall)
                print(
                    f"  {label:17} wall {wall:5.2f} s  crawl {run['elapsed_s']:5.2f} s  pages {run['pages']}"
                    f"  new {run['listings_new']} unchanged {run['listings_unchanged']}"
                    f" flagged {run['flagged']}"
                )
            print(f"{label:19} median wall {statistics.median(walls):.2f} s over {len(walls)} runs")


if __name__ == "__main__":
    main()
