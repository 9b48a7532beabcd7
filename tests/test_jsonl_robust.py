"""``ecowarden classify --input``: any valid JSON line is read, junk is refused, prices read by locale.

Issue 12 item 8. The CLI test runs the command as a user does; the rest read real files through
``read_jsonl``, the same reader the command uses, to check exact values.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from classifiers.jsonl import JsonlStats, LineError, read_jsonl
from classifiers.types import ListingInput
from tests.crawl_helpers import run_ecowarden

JUNK = "binary or control characters outside JSON strings"

#: (id, title) of lines that are valid JSON and must be classified, title exactly as read back.
VALID_TITLES = [
    ("fffd", "Pangolin scales \ufffd genuine"),
    ("ls", "Ivory bangle\u2028carved, antique"),
    ("ps", "Rhino horn\u2029powder"),
    ("nel", "Tortoise shell\x85comb"),
    ("emoji", "Tiger claw necklace 🐯🐅 real"),
    ("rtl", "\u200fقرن وحيد القرن للبيع\u200f עץ אלון"),
    ("nul-escaped", "Oak table\x00six chairs"),
    ("del", "Oak\x7fchair"),
    ("ls-in-id\u2028x", "Mahogany logs, 20 m³"),
]


def _write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _valid_lines() -> list[bytes]:
    # ensure_ascii=False writes U+2028 & co raw into the file; json.dumps escapes "\x00" as \u0000
    return [
        json.dumps({"id": i, "title": t, "description": "for sale"}, ensure_ascii=False).encode()
        for i, t in VALID_TITLES
    ]


JUNK_LINES = [
    b'{"id": "j1", "title": "Oak table"}\x00',  # NUL after the object
    b'{"id": "j2", "title": "Oak\x00table"}',  # raw NUL inside a string: invalid JSON
    b'{"id": "j3", "title": "Oak\x01table"}',
    b'\x00\x01\x02{"id": "j4", "title": "x"}',
    bytes(b for b in range(1, 128) if b != 10),
]


def test_classify_accepts_any_valid_json_line_and_refuses_junk(tmp_path: Path) -> None:
    source = _write_lines(tmp_path / "in.jsonl", _valid_lines() + JUNK_LINES)
    target = tmp_path / "out.jsonl"
    result = run_ecowarden("classify", "--input", str(source), "--output", str(target), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    # one line per b"\n": had U+2028/U+2029/U+0085 split a line there would be more, and errors
    assert summary["lines"] == len(VALID_TITLES) + len(JUNK_LINES)
    assert summary["classified"] == len(VALID_TITLES)
    assert summary["skipped"] == len(JUNK_LINES)
    text = target.read_text(encoding="utf-8")
    assert "\u2028" not in text and "\u2029" not in text and "\x85" not in text
    out = [json.loads(line) for line in text.splitlines()]  # splitlines: the trap the output avoids
    assert [o["id"] for o in out] == [i for i, _ in VALID_TITLES]
    first_junk = len(VALID_TITLES) + 1
    for line_no in range(first_junk, first_junk + len(JUNK_LINES)):
        assert f"in.jsonl:{line_no}: {JUNK}\n" in result.stderr
    for line_no in range(1, first_junk):
        assert f"in.jsonl:{line_no}:" not in result.stderr
    assert "Traceback" not in result.stderr


def _read(tmp_path: Path, lines: list[bytes]) -> tuple[list[ListingInput | LineError], JsonlStats]:
    stats = JsonlStats()
    return list(read_jsonl(_write_lines(tmp_path / "in.jsonl", lines), stats)), stats


def test_valid_json_lines_keep_their_text_exactly(tmp_path: Path) -> None:
    records, stats = _read(tmp_path, _valid_lines())
    assert all(isinstance(r, ListingInput) for r in records)
    assert [(r.id, r.title) for r in records if isinstance(r, ListingInput)] == VALID_TITLES
    assert (stats.lines, stats.listings, stats.errors) == (len(VALID_TITLES), len(VALID_TITLES), 0)


def test_text_handles_do_not_split_on_unicode_line_separators(tmp_path: Path) -> None:
    path = _write_lines(tmp_path / "in.jsonl", _valid_lines())
    with path.open(encoding="utf-8") as handle:
        records = list(read_jsonl(handle))
    assert [r.title for r in records if isinstance(r, ListingInput)] == [t for _, t in VALID_TITLES]


def test_junk_lines_are_refused_with_the_junk_message(tmp_path: Path) -> None:
    records, stats = _read(tmp_path, JUNK_LINES)
    assert records == [LineError(n, JUNK) for n in range(1, len(JUNK_LINES) + 1)]
    assert (stats.errors, stats.listings) == (len(JUNK_LINES), 0)


def test_other_bad_lines_keep_their_own_messages(tmp_path: Path) -> None:
    lines = [
        '{"id": "a", "title": "broken \ufffd'.encode(),  # U+FFFD is text, not junk
        b'{"id": "b",\xe2\x80\xa8"title": "x"}',  # U+2028 between tokens is not JSON whitespace
        b'{"id": "c", "title": "x", "price": ' + b"1" * 5000 + b"}",
        b'{"id": "d", "title": "\xff"}',
        b'{"id": "e", "title": "lone \\ud800 surrogate", "seller": "\\udc00"}',
    ]
    records, _ = _read(tmp_path, lines)
    assert records[:4] == [
        LineError(1, "invalid JSON: Unterminated string starting at"),
        LineError(2, "invalid JSON: Expecting property name enclosed in double quotes"),
        LineError(3, "invalid JSON: number too long"),
        LineError(4, "not valid UTF-8 (byte 22)"),
    ]
    last = records[4]
    assert isinstance(last, ListingInput)
    assert (last.title, last.seller) == ("lone \ufffd surrogate", "\ufffd")
    last.title.encode("utf-8")  # writable as UTF-8 output


#: (price as written, lang, currency, the Decimal it means, as a string to pin the exponent too)
PRICES: list[tuple[Any, str | None, str | None, str]] = [
    ("1.234,56", None, None, "1234.56"),
    ("1.234,56", "de", "EUR", "1234.56"),
    ("1.234,56", "es", None, "1234.56"),
    ("1.234,56", "pt-BR", "BRL", "1234.56"),
    ("150.000,00", "id", "IDR", "150000.00"),
    ("1 234,56", "fr", "EUR", "1234.56"),
    ("1\u00a0234,56", "fr", "EUR", "1234.56"),
    ("1\u202f234,56", "fr", "EUR", "1234.56"),
    ("1\u202f234\u202f567", "fr", None, "1234567"),
    ("1,234.56", "en", "USD", "1234.56"),
    ("1,234.56", "de", None, "1234.56"),  # two kinds of separator: the text decides
    ("1234,5", None, None, "1234.5"),
    ("1234,5", "en", None, "1234.5"),
    ("12.99", None, None, "12.99"),
    # the ambiguous single separator before exactly three digits
    ("1.234", None, None, "1234"),
    ("1.234", "en", None, "1.234"),
    ("1.234", "en-GB", "GBP", "1.234"),
    ("1.234", "de", "EUR", "1234"),
    ("1.234", "es", None, "1234"),
    ("1.234", "es-MX", "MXN", "1.234"),
    ("1.234", "en", "JPY", "1234"),  # no fractions of a yen
    ("1,234", None, None, "1234"),
    ("1,234", "en", None, "1234"),
    ("1,234", "de", None, "1.234"),
    ("1,234", "fr_FR", None, "1.234"),
    ("1,234", "id", "IDR", "1234"),
    ("0.500", None, None, "0.500"),
    ("1.200.000", "vi", "VND", "1200000"),
    ("1,23,456.00", "hi", "INR", "123456.00"),
    ("1'299.00", "de-CH", "CHF", "1299.00"),
    ("1’299", "de-CH", "CHF", "1299"),
    ("１２３４", "ja", "JPY", "1234"),
    (" 12.50 ", None, None, "12.50"),
    (".5", None, None, "0.5"),
    ("0", None, None, "0"),
    # JSON numbers are taken as written: their decimal separator is "." in every locale
    (1.234, "de", None, "1.234"),
    (1234, "de", None, "1234"),
    (12.5, None, None, "12.5"),
]


def _price_lines(cases: list[tuple[Any, str | None, str | None]]) -> list[bytes]:
    return [
        json.dumps(
            {"id": str(n), "title": "Oak table", "price": price, "lang": lang, "currency": currency},
            ensure_ascii=False,
        ).encode()
        for n, (price, lang, currency) in enumerate(cases)
    ]


@pytest.mark.parametrize(("price", "lang", "currency", "expected"), PRICES)
def test_prices_read_as_their_locale_means(
    tmp_path: Path, price: Any, lang: str | None, currency: str | None, expected: str
) -> None:
    (record,), stats = _read(tmp_path, _price_lines([(price, lang, currency)]))
    assert isinstance(record, ListingInput)
    assert str(record.price) == expected
    assert record.price == Decimal(expected)
    assert stats.invalid_price == 0


BAD_PRICES = ["12cm", "1e3", "1.23.45", "12 34", "1a2", "-5", "NaN", "Infinity", "€12", "", "1,5 - 2"]


def test_unreadable_prices_are_dropped_and_counted(tmp_path: Path) -> None:
    records, stats = _read(tmp_path, _price_lines([(p, "en", None) for p in BAD_PRICES]))
    assert [r.price for r in records if isinstance(r, ListingInput)] == [None] * len(BAD_PRICES)
    assert stats.invalid_price == len(BAD_PRICES)


def test_crawler_and_classifier_share_one_number_reader() -> None:
    from classifiers import money
    from crawler.extraction import parse_price, price

    assert vars(price)["normalise_number"] is money.normalise_number  # imported, not a copy
    # the same text reads the same on both sides
    assert parse_price("1.234,56 €") == ("1234.56", "EUR")
    assert money.parse_amount("1.234,56") == Decimal("1234.56")
