"""The review app's configuration for in-process tests: the project's file on a test database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ecowarden.config import Config, load_config

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
