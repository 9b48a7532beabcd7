"""The house style is enforced by CI, not by memory: ruff and strict mypy over the project."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.crawl_helpers import ROOT

pytestmark = pytest.mark.slow


def test_ruff() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_mypy_strict() -> None:
    result = subprocess.run(
        # the packages are listed once, in pyproject.toml's [tool.mypy]
        [sys.executable, "-m", "mypy"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
