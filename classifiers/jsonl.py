"""Read ``ecowarden classify --input`` JSONL: one listing per line, one bad line never stops a batch.

Each line yields a ``ListingInput`` or a ``LineError``; ``JsonlStats`` counts what happened.
Decisions on garbage:

- invalid UTF-8, NUL/control-character junk, invalid JSON, non-object JSON, a missing/empty ``id``,
  a non-string ``title``/``description``: a ``LineError`` naming the line and the problem;
- any line that is valid JSON is read, whatever Unicode its strings hold (U+FFFD, U+2028/U+2029,
  U+0085, emoji, right-to-left text, an escaped ``\\u0000``). The junk check runs only on lines
  that do not parse: raw C0 controls (other than tab/CR/LF) and DEL make a line invalid JSON
  wherever they stand (inside a string strict JSON refuses them too), so such a line is reported
  as "binary or control characters outside JSON strings" rather than by the JSON error;
- lone UTF-16 surrogates (``"\\ud800"``, valid JSON escapes) become U+FFFD, since they cannot be
  written back out as UTF-8;
- lines end at b"\\n" only: U+2028, U+2029, U+0085 and form feeds are text, never line breaks
  (``str.splitlines`` would split on them, so it is not used);
- unknown fields: ignored and counted (``stats.unknown_fields``);
- empty text (title and description both blank): a ``LineError`` ("empty text") and counted as
  skipped, because a verdict on nothing but a price would be noise in the review queue;
- very long texts: truncated here (and again by the features) so a 1 MB description costs no more
  than a normal one; lines over ``MAX_LINE_BYTES`` are skipped without being held in memory;
- an unparseable ``price`` is dropped (the listing is still classified) and counted. A JSON number
  is taken as written; a string is read by ``classifiers.money`` (the crawler's rules), so
  "1.234,56", "1 234,56" and "1,234.56" are all 1234.56; for the ambiguous "1.234" / "1,234"
  the line's ``lang`` decides ("en": 1.234, "de": 1234 / 1.234), then the default (grouping).
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from classifiers.features import MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS
from classifiers.money import locale_decimal_separator, parse_amount
from classifiers.types import ListingInput

KNOWN_FIELDS = frozenset({"id", "title", "description", "price", "currency", "url", "lang", "seller"})
MAX_LINE_BYTES = 8 * 1024 * 1024
MAX_ID_CHARS = 512
_CHUNK = 1 << 16
#: On a line that does not parse, control characters other than tab/newline/carriage return mark
#: binary junk. Raw C0 controls are never valid JSON; DEL is valid inside a string, which is why
#: this is looked for only after the parse failed.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class LineError:
    """Why line ``line_no`` (1-based) was not turned into a listing."""

    line_no: int
    message: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line_no, "error": self.message, "id": self.id}


@dataclass
class JsonlStats:
    """Counts over one read: what was read, skipped, and what was silently adjusted."""

    lines: int = 0
    listings: int = 0
    errors: int = 0
    blank_lines: int = 0
    empty_text: int = 0
    truncated: int = 0
    invalid_price: int = 0
    unknown_fields: Counter[str] = field(default_factory=Counter)


def _lines(source: str | Path | IO[bytes] | Iterable[bytes | str]) -> Iterator[bytes | str | None]:
    """Lines of ``source``; ``None`` for a line longer than ``MAX_LINE_BYTES`` (rest discarded).

    Paths are read in binary so that only b"\\n" ends a line (the command always passes a path).
    A text handle's ``readline`` never splits on U+2028/U+2029/U+0085 either (``str.splitlines``
    does, which is why it is not used); only in universal-newline mode does a lone CR end a line.
    An iterable is taken as already split.
    """
    if isinstance(source, str | Path):
        with Path(source).open("rb") as opened:
            yield from _lines(opened)
        return
    if isinstance(source, io.IOBase) or hasattr(source, "readline"):
        handle: Any = source
        while True:
            line = handle.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n" if isinstance(line, bytes) else "\n"):
                while True:  # skip the rest of the oversized line chunk by chunk
                    rest = handle.readline(_CHUNK)
                    if not rest or rest.endswith(b"\n" if isinstance(rest, bytes) else "\n"):
                        break
                yield None
                continue
            yield line
        return
    yield from source


def _valid_text(text: str) -> str:
    """``text`` with lone surrogates replaced: JSON allows ``"\\udc00"``, UTF-8 output does not."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _text_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return ""
    return _valid_text(value) if isinstance(value, str) else None


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip() if isinstance(value, str | int | float) else ""
    return _valid_text(text[:512]) or None


def _price(value: Any, lang: str | None, currency: str | None) -> Decimal | None:
    """The listing's price: JSON numbers as written, strings as the writer's locale means them."""
    if value is None or isinstance(value, bool):
        return None
    price: Decimal | None
    if isinstance(value, int | float):
        price = Decimal(str(value))  # a JSON number has a "." decimal, whatever the locale
    elif isinstance(value, str):
        price = parse_amount(value, decimal_separator=locale_decimal_separator(lang, currency))
    else:
        raise ValueError("price is not a number or string")
    if price is None or not price.is_finite() or price < 0:
        raise ValueError(f"invalid price {str(value)[:40]!r}")
    return price


def parse_line(raw: bytes | str, line_no: int, stats: JsonlStats) -> ListingInput | LineError | None:
    """One line -> listing, error, or ``None`` for a blank line."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return LineError(line_no, f"not valid UTF-8 (byte {exc.start})")
    else:
        text = raw
    text = text.strip().lstrip("\ufeff")
    if not text:
        stats.blank_lines += 1
        return None
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError: also a number over 4300 digits
        if _JUNK.search(text):
            return LineError(line_no, "binary or control characters outside JSON strings")
        if isinstance(exc, json.JSONDecodeError):
            message = exc.msg
        elif isinstance(exc, RecursionError):
            message = "nested too deeply"
        else:
            message = "number too long"
        return LineError(line_no, f"invalid JSON: {message}")
    if not isinstance(record, dict):
        return LineError(line_no, f"expected a JSON object, got {type(record).__name__}")
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
        return LineError(line_no, "missing or empty id")
    listing_id = _valid_text(str(raw_id).strip()[:MAX_ID_CHARS])
    title, description = _text_field(record, "title"), _text_field(record, "description")
    if title is None or description is None:
        bad = "title" if title is None else "description"
        return LineError(line_no, f"{bad} is not a string", listing_id)
    if not title.strip() and not description.strip():
        stats.empty_text += 1
        return LineError(line_no, "empty text: title and description are both blank", listing_id)
    for name in record:
        if name not in KNOWN_FIELDS:
            stats.unknown_fields[str(name)[:64]] += 1
    if len(title) > MAX_TITLE_CHARS or len(description) > MAX_DESCRIPTION_CHARS:
        stats.truncated += 1
    currency, lang = _optional_str(record.get("currency")), _optional_str(record.get("lang"))
    try:
        price = _price(record.get("price"), lang, currency)
    except ValueError:
        stats.invalid_price += 1
        price = None
    return ListingInput(
        id=listing_id,
        title=title[:MAX_TITLE_CHARS],
        description=description[:MAX_DESCRIPTION_CHARS],
        price=price,
        currency=currency,
        url=_optional_str(record.get("url")),
        lang=lang,
        seller=_optional_str(record.get("seller")),
    )


def read_jsonl(
    source: str | Path | IO[bytes] | Iterable[bytes | str], stats: JsonlStats | None = None
) -> Iterator[ListingInput | LineError]:
    """Yield a ``ListingInput`` or ``LineError`` per non-blank line of ``source``.

    ``source`` is a path, a binary file object, or an iterable of lines. Pass ``stats`` to get
    the counts. Never raises for the content of a line (I/O errors on the file itself do raise).
    """
    counts = stats if stats is not None else JsonlStats()
    for line_no, raw in enumerate(_lines(source), start=1):
        counts.lines += 1
        if raw is None:
            counts.errors += 1
            yield LineError(line_no, f"line longer than {MAX_LINE_BYTES} bytes: skipped")
            continue
        result = parse_line(raw, line_no, counts)
        if result is None:
            continue
        if isinstance(result, LineError):
            counts.errors += 1
        else:
            counts.listings += 1
        yield result
