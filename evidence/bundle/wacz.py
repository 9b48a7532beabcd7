"""A WACZ package of the bundle's captures, for replay in stock web-archive tools.

WACZ (Webrecorder's Web Archive Collection Zipped, format 1.1.1) is what replay tools such as
ReplayWeb.page and pywb open directly: a zip holding the WARCs under ``archive/``, a CDXJ index
under ``indexes/``, the captured pages under ``pages/`` and a ``datapackage.json`` giving every
file's SHA-256 and size. The WARCs in it are byte-for-byte the signed capture WARCs (the verifier
checks that), so replaying the package shows the evidence itself, not a copy made for display.

Every member is stored, not deflated: the WARCs are gzipped already and replay tools read them
by offset. The package is deterministic (sorted members, one fixed time), so exporting the same
captures twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import surt
from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_timestamp

WACZ_VERSION = "1.1.1"
PAGES = "pages/pages.jsonl"
INDEX = "indexes/index.cdx"
ARCHIVE = "archive"
DATAPACKAGE = "datapackage.json"
DATAPACKAGE_DIGEST = "datapackage-digest.json"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class WaczPage:
    """One captured page as replay tools list it."""

    page_id: str
    url: str
    #: when the capture of the page began (ISO 8601, UTC)
    ts: str
    title: str = ""


@dataclass(frozen=True)
class WaczArchive:
    """One WARC to package: its member name under ``archive/`` and where it is on disk."""

    name: str
    path: Path


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    utc = moment.astimezone(UTC)
    return (max(utc.year, 1980), utc.month, utc.day, utc.hour, utc.minute, utc.second)


def _mime(record: Any) -> str:
    http = record.http_headers
    value = http.get_header("Content-Type") if http is not None else None
    value = value or record.rec_headers.get_header("Content-Type") or "unk"
    return str(value).split(";", 1)[0].strip().lower() or "unk"


def index_lines(archive: WaczArchive) -> Iterator[str]:
    """CDXJ lines (``surt timestamp {json}``) of the WARC's response and resource records with
    an http(s) target; the URL key is made by the same SURT library pywb looks it up with."""
    with archive.path.open("rb") as stream:
        records = ArchiveIterator(stream, no_record_parse=False, arc2warc=False)
        for record in records:
            kind = record.rec_type
            target = record.rec_headers.get_header("WARC-Target-URI") or ""
            date = record.rec_headers.get_header("WARC-Date") or ""
            mime = _mime(record) if kind in ("response", "resource") else ""
            status = record.http_headers.get_statuscode() if record.http_headers is not None else "200"
            digest = record.rec_headers.get_header("WARC-Payload-Digest") or record.rec_headers.get_header(
                "WARC-Block-Digest"
            )
            records.read_to_end(record)
            if kind not in ("response", "resource") or not target.lower().startswith(("http:", "https:")):
                continue
            fields = {
                "url": target,
                "mime": mime,
                "status": str(status),
                "digest": digest or "",
                "length": str(records.get_record_length()),
                "offset": str(records.get_record_offset()),
                "filename": archive.name,
            }
            yield f"{surt.surt(target)} {iso_date_to_timestamp(date)} {json.dumps(fields, sort_keys=True)}\n"


def pages_jsonl(pages: Sequence[WaczPage]) -> bytes:
    lines = [{"format": "json-pages-1.0", "id": "pages", "title": "Captured pages"}]
    lines += [{"id": p.page_id, "url": p.url, "ts": p.ts, "title": p.title} for p in pages]
    return b"".join(json.dumps(line, ensure_ascii=False, sort_keys=True).encode() + b"\n" for line in lines)


def _resource_name(path: str) -> str:
    """A Frictionless resource name: lower-case letters, digits and ``-._/`` only."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-._/") else "-" for c in path.lower())


def _resource(path: str, data: bytes | None = None, file: Path | None = None) -> dict[str, Any]:
    hasher, size = hashlib.sha256(), 0
    if data is not None:
        hasher.update(data)
        size = len(data)
    else:
        assert file is not None
        with file.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                hasher.update(chunk)
                size += len(chunk)
    return {
        "name": _resource_name(path.rsplit("/", 1)[-1]),
        "path": path,
        "hash": f"sha256:{hasher.hexdigest()}",
        "bytes": size,
    }


def write_wacz(
    out: BinaryIO,
    archives: Sequence[WaczArchive],
    pages: Sequence[WaczPage],
    *,
    title: str,
    created: datetime,
    software: str,
) -> None:
    """Write the package to ``out`` (a file opened for writing)."""
    index = "".join(sorted(line for archive in archives for line in index_lines(archive))).encode("utf-8")
    pages_raw = pages_jsonl(pages)
    resources = [_resource(PAGES, pages_raw), _resource(INDEX, index)]
    resources += [
        _resource(f"{ARCHIVE}/{a.name}", file=a.path) for a in sorted(archives, key=lambda a: a.name)
    ]
    stamp = created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    package: dict[str, Any] = {
        "profile": "data-package",
        "wacz_version": WACZ_VERSION,
        "title": title,
        "created": stamp,
        "modified": stamp,
        "software": software,
        "resources": resources,
    }
    if pages:
        package["mainPageURL"], package["mainPageDate"] = pages[0].url, pages[0].ts
    package_raw = json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    digest = {"path": DATAPACKAGE, "hash": "sha256:" + hashlib.sha256(package_raw).hexdigest()}
    moment = _zip_time(created)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as package_zip:

        def member(name: str) -> zipfile.ZipInfo:
            info = zipfile.ZipInfo(name, moment)
            info.compress_type = zipfile.ZIP_STORED
            return info

        for archive in sorted(archives, key=lambda a: a.name):
            with (
                archive.path.open("rb") as source,
                package_zip.open(member(f"{ARCHIVE}/{archive.name}"), "w", force_zip64=True) as target,
            ):
                while chunk := source.read(_CHUNK):
                    target.write(chunk)
        package_zip.writestr(member(INDEX), index)
        package_zip.writestr(member(PAGES), pages_raw)
        package_zip.writestr(member(DATAPACKAGE), package_raw)
        package_zip.writestr(member(DATAPACKAGE_DIGEST), json.dumps(digest, indent=2).encode() + b"\n")
