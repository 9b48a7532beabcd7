"""Running the real ``ecowarden`` command against the demo marketplace, and reading what it stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from crawler.urls import canonical_url
from storage.db import make_engine, session_factory
from storage.models import Listing, Site

ROOT = Path(__file__).resolve().parents[1]
#: A whole-process test on SQLite only. The storage contract holds on both backends (the storage,
#: queue, custody and lease tests, and one crawl of the demo sites, run on PostgreSQL too), so a
#: test about crawling, scheduling or capture pays for one backend, not two.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
DEMO_SITES = {"classifieds": "demo-classifieds", "shop": "demo-shop", "bazaar": "demo-bazaar"}
#: a crawl slow enough to act on while it runs (one request at a time, a pause between them)
SLOW_CRAWL = {
    "ECOWARDEN_CRAWL_CONCURRENT_REQUESTS": "1",
    "ECOWARDEN_CRAWL_DOWNLOAD_DELAY_S": "0.04",
    "ECOWARDEN_CRAWL_AUTOTHROTTLE": "false",
}


def crawl_env(db_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOWARDEN_")}
    env.update(
        ECOWARDEN_CONFIG=str(ROOT / "ecowarden.toml"),
        ECOWARDEN_DATABASE_URL=db_url,
        ECOWARDEN_CRAWL_JOBDIR_ROOT=str(workdir / "jobs"),
        ECOWARDEN_CRAWL_AUTOTHROTTLE_START_DELAY_S="0.05",
        ECOWARDEN_CRAWL_DOWNLOAD_TIMEOUT_S="10",
        ECOWARDEN_CRAWL_FLUSH_INTERVAL_S="0.5",
        ECOWARDEN_CRAWL_BATCH_SIZE="50",
        ECOWARDEN_EVIDENCE_DIR=str(workdir / "evidence"),
        # crawl tests are about crawling; evidence tests switch capture on explicitly
        ECOWARDEN_EVIDENCE_CAPTURE_ON_FLAG="false",
    )
    env.update(extra)
    return env


def run_ecowarden(
    *args: str, db_url: str | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: with ``env`` as given, or else the project's config file and
    no stray ECOWARDEN_*."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ECOWARDEN_")}
        env["ECOWARDEN_CONFIG"] = str(ROOT / "ecowarden.toml")
        if db_url:
            env["ECOWARDEN_DATABASE_URL"] = db_url
    return subprocess.run(
        [sys.executable, "-m", "ecowarden", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_in_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``ecowarden ARGS`` through the same entry point (``ecowarden.cli.main``: its error
    handling and exit codes), in this process, inside Typer's test runner isolation (streams and
    environment). For commands whose behaviour a whole process does not change: a fraction of a
    second instead of the two seconds a new interpreter costs."""
    from typer.testing import CliRunner

    from ecowarden.cli import main
    from ecowarden.cli_config import set_config_path

    if env is None:  # as run_ecowarden: the project's config file and no stray ECOWARDEN_*
        env = {"ECOWARDEN_CONFIG": str(ROOT / "ecowarden.toml")}
    overrides: dict[str, str | None] = {k: None for k in os.environ if k.startswith("ECOWARDEN_")}
    overrides.update({k: v for k, v in env.items() if k.startswith("ECOWARDEN_")})
    runner = CliRunner()
    argv = sys.argv
    code: int | str | None = 0
    cwd = Path.cwd()
    with runner.isolation(env=overrides) as (stdout, stderr, _both):
        sys.argv = ["ecowarden", *args]
        os.chdir(ROOT)  # where run_ecowarden runs it: relative paths mean the same
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        finally:
            sys.argv = argv
            os.chdir(cwd)
            set_config_path(None)  # a --config option is this command's, not the next one's
        out, err = stdout.getvalue().decode(), stderr.getvalue().decode()
    return subprocess.CompletedProcess(["ecowarden", *args], int(code or 0), out, err)


def run_crawl(
    args: list[str], env: dict[str, str], workdir: Path, timeout: float = 300
) -> tuple[int, list[dict[str, Any]], str]:
    log = workdir / "crawl.log"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecowarden",
            "crawl",
            *args,
            "--json",
            "--no-progress",
            "--log-file",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    try:
        summary = json.loads(proc.stdout) if proc.stdout.strip() else []
    except ValueError:
        summary = []
    return proc.returncode, summary, proc.stderr + (log.read_text() if log.exists() else "")


@contextmanager
def db_session(db_url: str) -> Iterator[Session]:
    """A session on the database a crawl process wrote to, with its own engine (disposed after)."""
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def count_rows(db_url: str, model: Any) -> int:
    with db_session(db_url) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def stored_listings(db_url: str, site_key: str | None = None) -> dict[str, Listing]:
    with db_session(db_url) as session:
        query = select(Listing).options(
            joinedload(Listing.seller), selectinload(Listing.versions), selectinload(Listing.images)
        )
        if site_key is not None:
            query = query.join(Site, Site.id == Listing.site_id).where(Site.key == site_key)
        rows = session.scalars(query).unique().all()
        return {row.canonical_url: row for row in rows}


def expected_url(base_url: str, entry: dict[str, Any]) -> str:
    return canonical_url(urljoin(base_url, str(entry["path"])))


def _instant(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def field_mismatches(base_url: str, entry: dict[str, Any], row: Listing) -> list[str]:
    """Every stored field against the catalogue; returns the names that differ, with values."""
    problems = []
    checks: dict[str, tuple[Any, Any]] = {
        "title": (entry["title"], row.title),
        "description": (
            " ".join(str(entry["description"]).split()),
            " ".join((row.description or "").split()),
        ),
        "price": (Decimal(str(entry["price"])), row.price),
        "currency": (entry["currency"], row.currency),
        "availability": (entry["availability"], row.availability),
        "seller_name": (entry["seller_name"], row.seller.name if row.seller else None),
        "seller_id": (entry["seller_id"], row.seller.external_id if row.seller else None),
        "location": (entry["location"], row.location),
        "posted_at": (_instant(entry["posted_at"]), _instant(row.posted_at)),
        # a page's structured data names the full-size photo behind each thumbnail: one photo
        "images": (
            [urljoin(base_url, p) for p in entry["images"]],
            [i.url.replace("/img/full/", "/img/") for i in row.images],
        ),
    }
    for name, (want, got) in checks.items():
        if want != got:
            problems.append(f"{name}: want {want!r} got {got!r}")
    return problems


def start_ecowarden(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """The real command in the background (output piped), for tests that act while it runs."""
    return subprocess.Popen(
        [sys.executable, "-m", "ecowarden", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def start_cluster_worker(
    env: dict[str, str], workdir: Path, name: str, max_runs: int = 1
) -> subprocess.Popen[str]:
    """A real ``ecowarden worker`` process (JSON report on stdout when it leaves)."""
    return start_ecowarden(
        ["worker", "--max-runs", str(max_runs), "--json", "--log-file", str(workdir / f"{name}.log")], env
    )


def start_crawl(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[str]:
    """``ecowarden crawl ARGS`` in the background, its Scrapy log in ``log``."""
    return start_ecowarden(["crawl", *args, "--no-progress", "--log-file", str(log)], env)


def submit_cluster_crawl(
    env: dict[str, str], sites: list[str], base_url: str, workdir: Path
) -> subprocess.Popen[str]:
    """``ecowarden crawl --no-work``: submits the runs and waits for the workers to finish them."""
    return start_crawl([*sites, "--base-url", base_url, "--no-work", "--json"], env, workdir / "submit.log")
