"""``make run``: the whole flow on the bundled demo marketplace, with no manual step."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
import urllib.error
import urllib.request

from ecowarden.config import Config

DEMO_SITES = ("demo-classifieds", "demo-shop", "demo-bazaar")


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the demo marketplace exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"the demo marketplace did not answer at {url}")


def start_demo(
    host: str,
    port: int,
    size: int,
    seed: int,
    *,
    quiet: bool = False,
    suspect_share: float | None = None,
) -> subprocess.Popen[bytes]:
    """Start the demo marketplace as its own process and return once it answers.

    ``suspect_share`` None keeps the demo's own default share of suspect listings.
    """
    share = [] if suspect_share is None else ["--suspect-share", str(suspect_share)]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "demo",
            "--host",
            host,
            "--port",
            str(port),
            "--size",
            str(size),
            "--seed",
            str(seed),
            *share,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    try:
        wait_until_up(f"http://{host}:{port}/robots.txt", process)
    except RuntimeError:
        stop_demo(process)
        raise
    return process


def stop_demo(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


DEMO_USER = "demo"
DEMO_PASSWORD = "ecowarden-demo"


def demo_login(config: Config) -> None:
    """The demo account (a supervisor, so every page can be tried), its password reset each run."""
    from review.accounts import Accounts
    from storage.db import open_database

    _engine, factory = open_database(config.database_url())
    accounts = Accounts(factory)
    if accounts.get(DEMO_USER) is None:
        accounts.add_user(DEMO_USER, DEMO_PASSWORD, "supervisor", "Demo analyst")
    else:
        accounts.set_password(DEMO_USER, DEMO_PASSWORD)


def run_demo(config: Config, *, port: int | None = None, size: int | None = None, serve: bool = True) -> int:
    from crawler.runner import default_log_file, known_sites, resolve_targets, run_crawls
    from ecowarden.console import CrawlProgress, print_summaries, stdout

    demo = config.demo
    if config.evidence.capture_on_flag and not config.evidence.max_captures_per_run:
        config = dataclasses.replace(
            config, evidence=dataclasses.replace(config.evidence, max_captures_per_run=demo.captures_per_site)
        )
    port = port or demo.port
    base_url = f"http://{demo.host}:{port}/"
    process = start_demo(demo.host, port, size or demo.size, demo.seed)
    try:
        stdout.print(f"demo marketplace on {base_url} ({size or demo.size} listings)")
        targets = resolve_targets(list(DEMO_SITES), sites=known_sites(config), base_url=base_url)
        log_file = default_log_file(config)
        display = CrawlProgress()
        try:
            summaries = run_crawls(config, targets, log_file=log_file, progress=display)
        finally:
            display.stop()
        print_summaries(summaries)
        stdout.print(f"database: {config.database_url()}\nlog: {log_file}")
        captured = sum(s.figure("ecowarden/evidence/captured") for s in summaries)
        left = sum(s.figure("ecowarden/evidence/left_queued") for s in summaries)
        if captured or left:
            stdout.print(
                f"evidence: {captured} captures in {config.path(config.evidence.dir)}"
                + (f"; {left} more flags queued: `ecowarden capture --pending`" if left else "")
            )
        ok = all(s.ok for s in summaries)
        if serve and ok:
            serve_review(config)
        return 0 if ok else 1
    finally:
        stop_demo(process)


def serve_review(config: Config) -> None:
    """Serve the review app on the crawl's results until Ctrl-C."""
    import uvicorn

    from ecowarden.console import stdout
    from review.app import create_app

    demo_login(config)
    review = config.review
    stdout.print(
        f"\nreview app: http://{review.host}:{review.port}/  (log in as {DEMO_USER} / {DEMO_PASSWORD};"
        " Ctrl-C to stop)"
    )
    try:
        uvicorn.run(
            create_app(config), host=review.host, port=review.port, log_level="warning", proxy_headers=False
        )
    except KeyboardInterrupt:
        pass
