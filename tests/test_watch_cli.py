"""``ecowarden watch``: lists shared as CSV files round-trip; bad input is one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.sites import SiteConfigError, parse_site
from storage.term_rows import read_csv
from tests.crawl_helpers import crawl_env, run_in_process


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = crawl_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
    assert run_in_process("db", "upgrade", env=environment).returncode == 0
    return environment


def test_import_export_round_trip_and_edits(env: dict[str, str], tmp_path: Path) -> None:
    shared = tmp_path / "shared.csv"
    shared.write_text(
        "term,language,category,priority,source\r\n"
        '"Elephant ivory",en,wildlife,1,"Interpol list, 2026"\r\n'
        "象牙,zh,wildlife,1,\r\n"
        "Dalbergia nigra,*,timber,3,CITES Appendix I\r\n"
        "elephant IVORY,en,wildlife,2,repeated\r\n",
        encoding="utf-8",
    )
    done = run_in_process(
        "watch", "import", "interpol", str(shared), "--description", "from Interpol", env=env
    )
    assert done.returncode == 0, done.stderr
    assert "added 3" in done.stdout and "1 repeated rows ignored" in done.stdout
    out = tmp_path / "out.csv"
    assert run_in_process("watch", "export", "interpol", str(out), env=env).returncode == 0
    again = tmp_path / "again.csv"
    assert run_in_process("watch", "import", "copy", str(out), env=env).returncode == 0
    assert run_in_process("watch", "export", "copy", str(again), env=env).returncode == 0
    assert read_csv(out.read_bytes()).rows == read_csv(again.read_bytes()).rows
    assert {r.term for r in read_csv(out.read_bytes()).rows} == {"Elephant ivory", "象牙", "Dalbergia nigra"}
    assert (
        run_in_process(
            "watch",
            "add",
            "interpol",
            "pangolin scales",
            "--language",
            "en",
            "--category",
            "wildlife",
            env=env,
        ).returncode
        == 0
    )
    assert run_in_process("watch", "remove", "interpol", "象牙", env=env).returncode == 0
    shown = json.loads(run_in_process("watch", "show", "interpol", "--json", env=env).stdout)
    assert {t["term"] for t in shown} == {"Elephant ivory", "Dalbergia nigra", "pangolin scales"}
    listed = json.loads(run_in_process("watch", "list", "--json", env=env).stdout)
    assert [(w["name"], w["terms"]) for w in listed] == [("copy", 3), ("interpol", 3)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["watch", "show", "nobody"], "no watchlist 'nobody'"),
        (["watch", "add", "x", "=1+1", "--language", "en", "--category", "wildlife"], "formula"),
        (["watch", "add", "x", "ivory", "--language", "english", "--category", "wildlife"], "ISO 639"),
        (["watch", "add", "..", "ivory", "--language", "en", "--category", "wildlife"], "must not be"),
        (["watch", "import", "x", "/nonexistent/file.csv"], "cannot read"),
        (["crawl", "demo-classifieds", "--watch", "nobody"], "no watchlist 'nobody'"),
        (["crawl", "demo-classifieds", "--budget", "5"], "--budget applies to search crawls"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(env: dict[str, str], args: list[str], message: str) -> None:
    done = run_in_process(*args, env=env)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_bad_csv_names_its_line(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "term,language,category,priority\nivory,en,wildlife,1\ntusk,en,wildlife,9\n", encoding="utf-8"
    )
    done = run_in_process("watch", "import", "x", str(bad), env=env)
    assert done.returncode == 2 and "line 3: priority 9" in done.stderr
    assert "no watchlists" in run_in_process("watch", "list", env=env).stdout, "nothing half-imported"


def test_site_search_options_are_checked() -> None:
    base = {"name": "s", "base_url": "http://127.0.0.1/", "start_urls": ["/"]}
    assert parse_site({**base, "search": {"url": "/find?q={query}&p={page}"}}, "s.yaml").search is not None
    for search, message in (
        ({"url": "/find"}, "{query}"),
        ({"url": "/find?q={query}&x={other}"}, "only {query}"),
        ({"url": "/f?q={query}", "form": "form.search"}, "either"),
        ({}, "either"),
        ({"url": "/f?q={query}", "pages_per_query": 0}, "above 0"),
        ({"url": "/f?q={query}", "colour": "red"}, "unknown"),
        ("yes", "mapping"),
    ):
        with pytest.raises(SiteConfigError, match=message.replace("{", r"\{").replace("}", r"\}")):
            parse_site({**base, "search": search}, "s.yaml")
