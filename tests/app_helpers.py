"""The review app in process for tests: the project's configuration on a test database, and the
app served in a thread for a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ecowarden.config import Config, load_config
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]


def app_config(db_url: str, workdir: Path) -> Config:
    """Plain-HTTP cookies (TestClient speaks http://), evidence in the test's own folder."""
    cfg = load_config(ROOT / "ecowarden.toml", env={})
    return replace(
        cfg,
        database=replace(cfg.database, url=db_url),
        evidence=replace(cfg.evidence, dir=str(workdir / "evidence")),
        review=replace(cfg.review, cookie_secure="never"),
    )


@contextmanager
def serving(app: Any, *, certfile: Path | None = None, keyfile: Path | None = None) -> Iterator[int]:
    """The app under uvicorn in a thread of this process, for a real browser; yields its port.
    With a certificate and its key it is served over HTTPS."""
    import threading

    import uvicorn

    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=free_port(),
        log_level="warning",
        ssl_certfile=str(certfile) if certfile else None,
        ssl_keyfile=str(keyfile) if keyfile else None,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        pause = threading.Event()
        for _ in range(400):
            if server.started:
                break
            pause.wait(0.05)
        assert server.started, "the app did not start"
        yield config.port
    finally:
        server.should_exit = True
        thread.join(timeout=15)
