"""Cells of exported CSV files that no spreadsheet runs as a formula, whatever its separator.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return before one). Our files are comma-separated, but a spreadsheet in a locale whose separator
is ``;`` (or one told to split on tabs or pipes) cuts a scraped title such as
``ivory tusk;=1+1;x`` into cells of its own, one of them ``=1+1``. So every text cell is quoted,
and a formula start at the beginning of the cell or after any of those separators gets a ``'``
before it (the spreadsheet convention for "this is text").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

_FORMULA_START = re.compile(r"(^|[;,\t|\r\n])(\s*)([=+\-@])")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell: text with every formula start neutralised; other types as they are."""
    if not isinstance(value, str):
        return value
    return _FORMULA_START.sub(lambda m: f"{m.group(1)}{m.group(2)}'{m.group(3)}", value)


def csv_text(rows: Iterable[Mapping[str, Any]], fieldnames: list[str]) -> str:
    """The rows as CSV with a header: every cell quoted, every text cell made safe."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: safe_cell(value) for key, value in row.items()})
    return out.getvalue()
