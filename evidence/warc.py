"""WARC/1.1 writing with SHA-256 digests and HTTP headers kept byte for byte as received.

Two things warcio does by default are wrong for evidence: it digests with SHA-1, and it
re-serialises HTTP headers from its parsed copy (so odd spacing or casing a server sent would be
normalised away). :class:`SHA256WARCWriter` and :class:`RawHeaders` switch both off.

A response record holds the status line and headers exactly as the server sent them and the body
as received *after* removing chunked transfer coding (a WARC payload digest is over the
de-chunked entity; warcio issue #74), with any ``Content-Encoding`` (gzip, br) left in place. The
header that announced the chunking is renamed, not dropped, so the record still shows it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

WARC_VERSION = "WARC/1.1"
RENAMED_TRANSFER_ENCODING = b"X-Ecowarden-Dechunked-Transfer-Encoding"
_TRANSFER_ENCODING = re.compile(rb"^transfer-encoding(?=[ \t]*:)", re.IGNORECASE | re.MULTILINE)


class SHA256WARCWriter(WARCWriter):  # type: ignore[misc]
    """warcio's writer with SHA-256 block and payload digests (its default is SHA-1)."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


class RawHeaders(StatusAndHeaders):  # type: ignore[misc]
    """Parsed HTTP headers that serialise back to the exact bytes they were parsed from."""

    def __init__(self, raw: bytes, parsed: StatusAndHeaders) -> None:
        super().__init__(parsed.statusline, parsed.headers, parsed.protocol)
        self.raw = raw
        self.headers_buff = raw

    def compute_headers_buffer(self, header_filter: Any = None) -> None:
        self.headers_buff = self.raw


def parse_http_head(raw: bytes, record_type: str) -> RawHeaders:
    """Parse a request or response head (ending in a blank line) keeping its bytes."""
    lines = io.BytesIO(raw)
    parser = StatusAndHeadersParser([], verify=False)
    parsed = parser.parse(lines)
    if record_type == "request" and not parsed.protocol:
        parsed.protocol = ""
    return RawHeaders(raw, parsed)


def mark_dechunked(head: bytes) -> bytes:
    """Rename Transfer-Encoding in a response head whose body is stored de-chunked."""
    return _TRANSFER_ENCODING.sub(RENAMED_TRANSFER_ENCODING, head)


@dataclass(frozen=True)
class HttpExchange:
    """One request and its response as they crossed the wire (one hop of a redirect chain)."""

    url: str
    request_head: bytes
    response_head: bytes
    response_body: bytes
    remote_ip: str | None = None
    #: the body was cut at the size limit (WARC-Truncated: length)
    truncated: bool = False
    #: the response body arrived chunked and is stored de-chunked
    dechunked: bool = False
    request_body: bytes = b""


@dataclass(frozen=True)
class Resource:
    """A file the capture produced (screenshot, DOM, PDF): a WARC ``resource`` record."""

    uri: str
    media_type: str
    data: bytes
    extra_headers: Mapping[str, str] = field(default_factory=dict)


class CaptureWarc:
    """Writes one capture's records in order: warcinfo, request/response pairs, resources, metadata."""

    def __init__(self, out: BinaryIO, filename: str) -> None:
        self._writer = SHA256WARCWriter(out, gzip=True, warc_version=WARC_VERSION)
        self._filename = filename
        self.response_ids: list[str] = []

    def warcinfo(self, info: Mapping[str, str]) -> None:
        record = self._writer.create_warcinfo_record(self._filename, dict(info))
        self._writer.write_record(record)

    def exchange(self, exchange: HttpExchange) -> str:
        """Write the request and response of one hop; returns the response's WARC-Record-ID."""
        head = mark_dechunked(exchange.response_head) if exchange.dechunked else exchange.response_head
        response_headers: dict[str, str] = {}
        if exchange.remote_ip:
            response_headers["WARC-IP-Address"] = exchange.remote_ip
        if exchange.truncated:
            response_headers["WARC-Truncated"] = "length"
        response = self._writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.response_body),
            length=len(exchange.response_body),
            http_headers=parse_http_head(head, "response"),
            warc_headers_dict=response_headers,
        )
        request = self._writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            http_headers=parse_http_head(exchange.request_head, "request"),
        )
        self._writer.write_request_response_pair(request, response)
        record_id = str(response.rec_headers.get_header("WARC-Record-ID"))
        self.response_ids.append(record_id)
        return record_id

    def resource(self, resource: Resource, concurrent_to: str | None = None) -> None:
        headers = dict(resource.extra_headers)
        if concurrent_to:
            headers["WARC-Concurrent-To"] = concurrent_to
        record = self._writer.create_warc_record(
            resource.uri,
            "resource",
            payload=io.BytesIO(resource.data),
            length=len(resource.data),
            warc_content_type=resource.media_type,
            warc_headers_dict=headers,
        )
        self._writer.write_record(record)

    def metadata(self, uri: str, data: bytes, refers_to: str | None = None) -> None:
        headers = {"WARC-Refers-To": refers_to} if refers_to else {}
        record = self._writer.create_warc_record(
            uri,
            "metadata",
            payload=io.BytesIO(data),
            length=len(data),
            warc_content_type="application/json",
            warc_headers_dict=headers,
        )
        self._writer.write_record(record)


def check_warc(path: Path) -> list[str]:
    """What ``warcio check`` reports for one file (digest problems, unreadable records); empty: fine."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    problems: list[str] = []
    try:
        with path.open("rb") as stream:
            iterator = ArchiveIterator(stream, check_digests=True)
            for record in iterator:
                content = record.content_stream()
                while content.read(1 << 20):
                    pass
                if record.digest_checker.passed is False:
                    rec_id = record.rec_headers.get_header("WARC-Record-ID")
                    problems.extend(f"{rec_id}: {p}" for p in record.digest_checker.problems)
    except ArchiveLoadFailed as exc:
        problems.append(f"unreadable WARC: {' '.join(str(exc).split())}")
    except (OSError, EOFError, ValueError) as exc:
        problems.append(f"unreadable WARC: {type(exc).__name__}: {exc}")
    return problems


__all__ = [
    "WARC_VERSION",
    "CaptureWarc",
    "HttpExchange",
    "Resource",
    "SHA256WARCWriter",
    "check_warc",
]
