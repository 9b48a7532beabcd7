"""Canonical JSON: RFC 8785's own examples, and refusal of what has no canonical form."""

from __future__ import annotations

import json
import math
import struct
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from evidence.canonical import CanonicalError, canonical_json, parse_utc_iso, utc_iso

# RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text
APPENDIX_B = [
    ("0000000000000000", "0"),
    ("8000000000000000", "0"),
    ("0000000000000001", "5e-324"),
    ("8000000000000001", "-5e-324"),
    ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("ffefffffffffffff", "-1.7976931348623157e+308"),
    ("4340000000000000", "9007199254740992"),
    ("c340000000000000", "-9007199254740992"),
    ("4430000000000000", "295147905179352830000"),
    ("44b52d02c7e14af5", "9.999999999999997e+22"),
    ("44b52d02c7e14af6", "1e+23"),
    ("44b52d02c7e14af7", "1.0000000000000001e+23"),
    ("444b1ae4d6e2ef4e", "999999999999999700000"),
    ("444b1ae4d6e2ef4f", "999999999999999900000"),
    ("444b1ae4d6e2ef50", "1e+21"),
    ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
    ("3eb0c6f7a0b5ed8d", "0.000001"),
    ("41b3de4355555553", "333333333.3333332"),
    ("41b3de4355555554", "333333333.33333325"),
    ("41b3de4355555555", "333333333.3333333"),
    ("41b3de4355555556", "333333333.3333334"),
    ("41b3de4355555557", "333333333.33333343"),
    ("becbf647612f3696", "-0.0000033333333333333333"),
    ("43143ff3c1cb0959", "1424953923781206.2"),
]


@pytest.mark.parametrize(("bits", "expected"), APPENDIX_B)
def test_rfc8785_number_vectors(bits: str, expected: str) -> None:
    value = struct.unpack(">d", bytes.fromhex(bits))[0]
    assert canonical_json(value) == expected.encode()


def test_rfc8785_worked_example() -> None:
    source = r"""{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }"""
    expected = (
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    )
    assert canonical_json(json.loads(source)) == expected.encode("utf-8")


def test_keys_sort_by_utf16_code_units_not_code_points() -> None:
    keys = ["\u20ac", "\r", "\ufb33", "1", "\U0001f600", "\u0080", "\u00f6"]
    out = canonical_json(dict.fromkeys(keys, 0)).decode("utf-8")
    order = [json.loads("{" + part + "}") for part in out[1:-1].split(",")]
    assert [next(iter(o)) for o in order] == ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"]


def test_shape_no_whitespace_and_utf8() -> None:
    value = {"b": [1, {"z": None, "a": "é"}], "a": True}
    assert canonical_json(value) == '{"a":true,"b":[1,{"a":"é","z":null}]}'.encode()
    assert canonical_json(("x", 1)) == b'["x",1]'
    assert canonical_json(2.0) == b"2" and canonical_json(-0.0) == b"0"


@pytest.mark.parametrize(
    "bad",
    [
        math.nan,
        math.inf,
        -math.inf,
        2**53,
        -(2**53),
        Decimal("1.5"),
        datetime(2026, 1, 1, tzinfo=UTC),
        b"bytes",
        {1: "non-string key"},
        {"x": {"y": [set()]}},
        "lone \ud800 surrogate",
    ],
)
def test_values_without_canonical_form_are_refused(bad: object) -> None:
    with pytest.raises(CanonicalError):
        canonical_json(bad)


def test_largest_safe_integer_is_accepted() -> None:
    assert canonical_json([2**53 - 1, -(2**53 - 1)]) == b"[9007199254740991,-9007199254740991]"


def test_utc_iso_one_spelling_per_instant() -> None:
    paris = timezone(timedelta(hours=1))
    moment = datetime(2026, 11, 1, 13, 0, 0, 5, tzinfo=paris)
    assert utc_iso(moment) == "2026-11-01T12:00:00.000005Z"
    assert parse_utc_iso("2026-11-01T12:00:00.000005Z") == moment
    with pytest.raises(CanonicalError):
        utc_iso(datetime(2026, 11, 1))
    with pytest.raises(ValueError):
        parse_utc_iso("2026-11-01T12:00:00Z")
