"""A watchlist term as agencies exchange it: one CSV row, checked before it is stored.

The file format is what a spreadsheet opens and saves: a header row, then ``term``,
``language``, ``category``, ``priority`` and an optional ``source`` (where the term came from).
A cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is refused rather
than rewritten, so that an exported list imports back exactly.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

COLUMNS = ("term", "language", "category", "priority", "source")
REQUIRED = COLUMNS[:4]
CATEGORIES = ("wildlife", "timber", "minerals", "waste", "any")
#: a term for every language (scientific names)
ANY_LANGUAGE = "*"
PRIORITIES = range(1, 6)
MAX_TERM = 200
MAX_SOURCE = 500
#: bounds on an imported file: a list of a few thousand terms is large; a million rows is an attack
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_ROWS = 100_000
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_FORMULA_START = ("=", "+", "-", "@")


class TermRowError(ValueError):
    """A term or a file of terms is malformed; the message says which line and why."""


def clean_term(text: str) -> str:
    """NFC, whitespace runs as one space, trimmed (so "Rhino  horn" and "Rhino horn" are one term)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _check_cell(name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise TermRowError(f"{name} is longer than {limit} characters")
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise TermRowError(f"{name} contains control characters")
    if value.startswith(_FORMULA_START):
        raise TermRowError(f"{name} {value[:20]!r} starts like a spreadsheet formula")


@dataclass(frozen=True)
class TermRow:
    term: str
    language: str
    category: str
    priority: int
    source: str = ""

    @classmethod
    def checked(
        cls, term: str, language: str, category: str, priority: int | str, source: str = ""
    ) -> TermRow:
        """A row from untrusted input, normalised, or ``TermRowError`` saying what is wrong."""
        term, source = clean_term(term), clean_term(source)
        language, category = language.strip().lower(), category.strip().lower()
        if not term:
            raise TermRowError("the term is empty")
        _check_cell("term", term, MAX_TERM)
        _check_cell("source", source, MAX_SOURCE)
        if language != ANY_LANGUAGE and not _LANGUAGE.match(language):
            raise TermRowError(f"language {language!r} is not an ISO 639 code or {ANY_LANGUAGE!r}")
        if category not in CATEGORIES:
            raise TermRowError(f"category {category!r} is not one of {', '.join(CATEGORIES)}")
        try:
            level = int(str(priority).strip())
        except ValueError:
            raise TermRowError(f"priority {priority!r} is not a whole number") from None
        if level not in PRIORITIES:
            raise TermRowError(f"priority {level} is not between {PRIORITIES[0]} and {PRIORITIES[-1]}")
        return cls(term, language, category, level, source)

    @property
    def key(self) -> tuple[str, str]:
        """What makes a term one entry of a list: its words (case aside) in one language."""
        return (self.term.casefold(), self.language)


@dataclass(frozen=True)
class ParsedTerms:
    rows: list[TermRow]
    #: rows that repeated an earlier row's term and language (the first one is kept)
    duplicates: int


def read_csv(data: bytes) -> ParsedTerms:
    """Parse a shared term file; any bad row is an error naming its line (nothing half-imported)."""
    if len(data) > MAX_FILE_BYTES:
        raise TermRowError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TermRowError(f"the file is not UTF-8 (byte {exc.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise TermRowError("the file is empty") from None
    except csv.Error as exc:
        raise TermRowError(f"line 1: {exc}") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise TermRowError(f"line 1: the header lacks {', '.join(missing)} (columns: {', '.join(COLUMNS)})")
    where = {name: header.index(name) for name in COLUMNS if name in header}
    rows: list[TermRow] = []
    seen: set[tuple[str, str]] = set()
    duplicates = 0
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) + duplicates >= MAX_ROWS:
                raise TermRowError(f"line {line}: more than {MAX_ROWS} terms")
            values = {name: cells[i] if i < len(cells) else "" for name, i in where.items()}
            try:
                row = TermRow.checked(
                    values["term"],
                    values["language"],
                    values["category"],
                    values["priority"],
                    values.get("source", ""),
                )
            except TermRowError as exc:
                raise TermRowError(f"line {line}: {exc}") from None
            if row.key in seen:
                duplicates += 1
                continue
            seen.add(row.key)
            rows.append(row)
    except csv.Error as exc:
        raise TermRowError(f"line {reader.line_num}: {exc}") from None
    return ParsedTerms(rows, duplicates)


def write_csv(rows: Iterable[TermRow]) -> bytes:
    """The list as a file ``read_csv`` reads back to the same rows (UTF-8, every cell quoted)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.term, row.language, row.category, row.priority, row.source])
    return out.getvalue().encode("utf-8")
