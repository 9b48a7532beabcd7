"""extract_file / iter_extract_files: saved pages (.html, .html.gz) to one dict per file.

Backs the `ecowarden extract FILE...` command: an unreadable file yields an error record instead
of stopping the batch.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lxml.html import HtmlElement

from .decode import parse_document, to_unicode
from .listing import extract_listing

#: saved pages larger than this (after decompression) are cut, as extract_listing would
MAX_FILE_BYTES = 5_000_000


def _read(path: Path) -> bytes:
    if path.name.endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES)
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES)


def _page_url(body: bytes, path: Path) -> str:
    """The page's own URL when it names one (canonical, og:url), else a file:// URL."""
    root: HtmlElement | None = parse_document(to_unicode(body[:300_000], max_bytes=300_000))
    if root is not None:
        for query in (
            '//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href',
            '//meta[@property="og:url"]/@content',
        ):
            found = root.xpath(query)
            if found and str(found[0]).startswith(("http://", "https://")):
                return str(found[0]).strip()
    return path.resolve().as_uri()


def extract_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Extract one saved page; `{"source", "error"}` when the file cannot be read."""
    source = os.fspath(path)
    file_path = Path(source)
    try:
        body = _read(file_path)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return {"source": source, "error": f"{type(exc).__name__}: {reason}"[:300]}
    listing = extract_listing(body, _page_url(body, file_path))
    return {"source": source, **listing.to_dict()}


def iter_extract_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[dict[str, Any]]:
    """extract_file over many paths, lazily, so a CLI can stream one JSON line per file."""
    for path in paths:
        yield extract_file(path)
