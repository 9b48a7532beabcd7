"""Shared fixtures: real databases (SQLite and PostgreSQL) and the demo marketplace on loopback."""

from __future__ import annotations

import os
import socket
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from ecowarden.demo_run import start_demo, stop_demo

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ADMIN_URL = os.environ.get("ECOWARDEN_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("ECOWARDEN_REQUIRE_SERVICES") == "1"
DEMO_SIZE = 90
DEMO_SEED = 7


def service_missing(reason: str) -> None:
    """Skip when a service is down, unless CI demands the services (then it is a failure)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DemoServer:
    """A demo marketplace process on 127.0.0.1, as a user would start it."""

    def __init__(
        self, size: int = DEMO_SIZE, seed: int = DEMO_SEED, suspect_share: float | None = None
    ) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.size = size
        self.seed = seed
        self.process = start_demo("127.0.0.1", self.port, size, seed, quiet=True, suspect_share=suspect_share)

    def catalogue(self, site: str | None = None) -> list[dict[str, object]]:
        import json

        query = f"?site={site}" if site else ""
        with urllib.request.urlopen(f"{self.base_url}/_demo/catalogue.json{query}") as response:
            data = json.loads(response.read())
        return list(data["listings"] if isinstance(data, dict) else data)

    def post(self, path: str, payload: dict[str, object]) -> dict[str, object]:
        import json

        request = urllib.request.Request(
            self.base_url + path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request) as response:
            return dict(json.loads(response.read() or b"{}"))

    def stop(self) -> None:
        stop_demo(self.process)


@pytest.fixture(scope="session")
def fast_model_card(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained with ``fast=True`` and no analyst decisions, trained once per run and
    shared by the xdist workers (the first to ask trains it under a file lock, the others wait
    and read it): training is the costliest step of the tests that need a model of their own."""
    from filelock import FileLock

    from classifiers.training import train

    base = tmp_path_factory.getbasetemp()
    # under xdist each worker's folder sits in the run's folder; alone, the base is the run's
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    done = shared / "fast-model.card"
    with FileLock(str(shared / "fast-model.lock")):
        if not done.exists():
            report = train(shared / "fast-model", fast=True)
            done.write_text(str(report.card_path))
    return Path(done.read_text())


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoServer]:
    """One read-only demo marketplace for the session (tests that mutate it start their own)."""
    server = DemoServer()
    yield server
    server.stop()


@pytest.fixture
def private_demo_server() -> Iterator[DemoServer]:
    server = DemoServer(size=60)
    yield server
    server.stop()


@contextmanager
def scratch_postgres(prefix: str = "ecowarden_test") -> Iterator[str]:
    """A new, empty PostgreSQL database for one test (or benchmark round), dropped after it."""
    import psycopg

    admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _postgres_database() -> Iterator[str]:
    with ExitStack() as stack:
        try:
            url = stack.enter_context(scratch_postgres())
        except Exception as exc:
            service_missing(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {exc}")
            return
        yield url


#: the two backends; the PostgreSQL half is marked so ``-m postgres`` (or ``-m "not postgres"``) selects it
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Every storage-touching test runs on both backends: same code, a different URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ecowarden.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same, for a module that shares one expensive crawl between its tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'ecowarden.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database (for what only makes sense on a shared server: cluster runs)."""
    yield from _postgres_database()


REDIS_TEST_URL = os.environ.get("ECOWARDEN_TEST_REDIS", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_prefix() -> Iterator[tuple[str, str]]:
    """(Redis URL, a key prefix of this test's own); every key under the prefix is removed after."""
    try:
        import redis

        server = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=3)
        server.ping()
    except Exception as exc:
        service_missing(f"Redis not reachable at {REDIS_TEST_URL}: {exc}")
        return
    prefix = f"ecowarden-test-{uuid.uuid4().hex[:10]}"
    try:
        yield REDIS_TEST_URL, prefix
    finally:
        delete_redis_keys(server, prefix)
        server.close()


def delete_redis_keys(server: Any, prefix: str) -> None:
    """Every key under a test's (or benchmark's) own prefix."""
    for key in server.scan_iter(match=f"{prefix}:*", count=500):
        server.delete(key)


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A local RFC 3161 authority (openssl) with its own certificates, per test module."""
    from tests.tsa import LocalTSA

    return LocalTSA(tmp_path_factory.mktemp("tsa"))


@pytest.fixture(scope="module")
def tsa_url(tsa: Any) -> Iterator[str]:
    """The local authority served on 127.0.0.1 for the module's tests."""
    with tsa.serve() as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one browser per test module (TRAPS: no download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        yield browser
        browser.close()
