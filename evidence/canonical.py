"""Canonical JSON: one byte sequence per value, so hashes and signatures over JSON are reproducible.

Follows RFC 8785 (JSON Canonicalization Scheme) for the types evidence records use, so any JCS
implementation (there are several, in many languages) gives an examiner the same bytes:

- objects: keys sorted by their UTF-16 code units (not code points: they differ above U+FFFF),
  no whitespace; keys must be strings and values of the types below;
- strings: UTF-8, escaping only what JSON requires (``"``, ``\\``, control characters), lone
  surrogates refused;
- integers: within ±(2**53 - 1), because JCS numbers are IEEE doubles and larger integers would
  silently change value in other implementations — store big numbers as strings;
- floats: rendered the ECMAScript way (shortest round-trip digits, ``1e+21``, ``1e-7``, ``-0`` as
  ``0``), as RFC 8785 §3.2.2.3 requires; NaN and infinities are refused (not JSON). Floats are
  allowed because classifier scores are floats; money is never a float here (Decimal → string);
- ``True``/``False``/``None``, lists and tuples. Anything else (Decimal, datetime, bytes) is
  refused: the caller chooses its string form explicitly (see :func:`utc_iso`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1


class CanonicalError(ValueError):
    """A value that has no canonical JSON form."""


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of ``value``."""
    parts: list[str] = []
    _encode(value, parts, "$")
    text = "".join(parts)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalError(f"string with a lone surrogate: {exc}") from exc


def _encode(value: Any, out: list[str], where: str) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalError(f"{where}: integer {value} outside ±(2**53-1); store it as a string")
        out.append(str(int(value)))
    elif isinstance(value, float):
        out.append(format_number(value, where))
    elif isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError(f"{where}: object key {key!r} is not a string")
            items.append((key.encode("utf-16-be", "surrogatepass"), key, item))
        items.sort(key=lambda entry: entry[0])
        out.append("{")
        for index, (_, key, item) in enumerate(items):
            if index:
                out.append(",")
            out.append(json.dumps(key, ensure_ascii=False))
            out.append(":")
            _encode(item, out, f"{where}.{key}")
        out.append("}")
    elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out, f"{where}[{index}]")
        out.append("]")
    else:
        raise CanonicalError(f"{where}: {type(value).__name__} has no canonical JSON form")


def format_number(value: float, where: str = "$") -> str:
    """ECMAScript Number-to-String, the number form RFC 8785 prescribes."""
    if not math.isfinite(value):
        raise CanonicalError(f"{where}: {value} is not a JSON number")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # repr gives the shortest digits that round-trip, as ECMAScript does; only the layout differs.
    decimal_tuple = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, decimal_tuple.digits))
    exponent = decimal_tuple.exponent
    assert isinstance(exponent, int)
    k = len(digits)
    n = k + exponent  # the value is 0.digits × 10**n
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * -n + digits
    else:
        mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
        body = f"{mantissa}e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"
    return sign + body


def utc_iso(moment: datetime) -> str:
    """One spelling per instant: UTC, microseconds, ``Z`` (``2026-11-01T12:00:00.000000Z``)."""
    if moment.tzinfo is None:
        raise CanonicalError("naive datetime refused: times are timezone-aware UTC")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc_iso(text: str) -> datetime:
    """The inverse of :func:`utc_iso`, refusing other spellings so round trips stay exact."""
    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    if utc_iso(moment) != text:
        raise CanonicalError(f"not a canonical UTC time: {text!r}")
    return moment
