"""The command-line contract: one-line errors, trustworthy exit codes, JSON lines from extract.

Commands that would start a crawl run as a process of their own (a crawl started by a bug here
would start a reactor inside the test process); the others run in process, through the same
entry point."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.crawl_helpers import ROOT, run_ecowarden, run_in_process

DATA = ROOT.parent / "shared" / "data" / "product-pages" / "html"


def test_unknown_site_is_a_usage_error() -> None:
    result = run_ecowarden("crawl", "no-such-site")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no-such-site" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_config_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[crawl\n")
    result = run_in_process("--config", str(bad), "sites")
    assert result.returncode == 2 and "bad.toml" in result.stderr and "Traceback" not in result.stderr


def test_sites_lists_the_demo_sites() -> None:
    result = run_in_process("sites")
    assert result.returncode == 0
    assert {"demo-classifieds", "demo-shop", "demo-bazaar"} <= {
        line.split("\t")[0] for line in result.stdout.splitlines()
    }


def test_extract_prints_one_json_line_per_file(tmp_path: Path) -> None:
    page = tmp_path / "ad.html.gz"
    page.write_bytes(
        gzip.compress(
            b'<html><head><script type="application/ld+json">{"@type":"Product","name":"Agarwood chips",'
            b'"offers":{"price":"99.00","priceCurrency":"USD"}}</script></head><body></body></html>'
        )
    )
    missing = tmp_path / "missing.html"
    result = run_in_process("extract", str(page), str(missing))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"] for line in lines] == [str(page), str(missing)]
    assert lines[0]["title"] == "Agarwood chips" and lines[0]["price"] == "99.00"
    assert lines[0]["currency"] == "USD" and "error" in lines[1]
    assert result.returncode == 1 and "1 of 2 files" in result.stderr
    assert run_in_process("extract", str(page)).returncode == 0


def test_bad_base_url_is_a_usage_error() -> None:
    result = run_ecowarden("crawl", "demo-bazaar", "--base-url", "foo")
    assert result.returncode == 2 and "--base-url" in result.stderr


def test_bad_options_are_usage_errors() -> None:
    """Whichever click typer ships (its own vendored copy since 0.29), bad options exit 2."""
    for args, words in (
        (["crawl", "--bogus"], "No such option"),
        (["runs", "--limit", "x"], "Invalid value"),
        (["worker", "--max-runs"], "requires an argument"),
    ):
        result = run_in_process(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert words in result.stderr and "Traceback" not in result.stderr
