"""Inputs of the review app checked where they enter: redirects after login, case names, and
CSV cells that a spreadsheet of any separator would run."""

from __future__ import annotations

import csv
import io

import pytest

from review.screens.login import _safe_next
from review.spreadsheet import csv_text, safe_cell
from storage.cases import CaseError, clean_name


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/listing/5?x=1", "/listing/5?x=1"),
        ("/cases/a%20b/", "/cases/a%20b/"),
        ("//evil.example", "/"),
        ("/.//evil.example", "/evil.example"),
        ("/a/..//evil.example/x", "/evil.example/x"),
        ("/../../etc", "/etc"),
        ("https://evil.example/", "/"),
        ("evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/x\r\nSet-Cookie: a=b", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_login_redirects_stay_on_this_site(target: str | None, expected: str) -> None:
    assert _safe_next(target) == expected
    assert not _safe_next(target).startswith("//")


@pytest.mark.parametrize("name", [".", "..", " .. ", "a/b", "a\\b", "x\x00y"])
def test_unreachable_case_names_are_refused(name: str) -> None:
    with pytest.raises(CaseError):
        clean_name(name)


def test_no_cell_runs_as_a_formula_whatever_the_separator() -> None:
    assert safe_cell("ivory tusk;=1+1;x") == "ivory tusk;'=1+1;x"
    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert safe_cell("a,+1|b\t@SUM(1)") == "a,'+1|b\t'@SUM(1)"
    assert safe_cell("price 10-20 EUR") == "price 10-20 EUR", "a dash inside a word is text"
    assert safe_cell(12) == 12 and safe_cell(None) is None
    text = csv_text([{"id": 1, "title": "ivory tusk;=1+1;x"}], ["id", "title"])
    assert text.splitlines()[1] == '"1","ivory tusk;\'=1+1;x"'
    # read back by a ;-separated spreadsheet: the quotes keep it one cell, and no cell starts with =
    for separator in (";", ",", "\t", "|"):
        for row in csv.reader(io.StringIO(text), delimiter=separator):
            assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in row), (separator, row)


def test_control_characters_in_free_text_are_refused_before_any_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from review.decisions import DecisionError, clean_text
    from storage.cases import CaseStore
    from storage.db import open_database

    assert clean_text("line one\nline two\tend", "a note") == "line one\nline two\tend"
    for bad in ("a\x00b", "bell\x07", "esc\x1b[31m"):
        with pytest.raises(DecisionError):
            clean_text(bad, "a note")
    _engine, factory = open_database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with pytest.raises(CaseError, match="control characters"):
        CaseStore(factory).create("case", "ana", description="evidence\x00hidden")
    assert CaseStore(factory).create("case", "ana", description="  two\nlines ").description == "two\nlines"
