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
from datetime import UTC, datetime
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


def head_value(head: bytes, name: str) -> str:
    """The first value of header ``name`` in an HTTP head ("" when absent)."""
    wanted = name.lower().encode()
    for line in head.split(b"\r\n")[1:]:
        key, sep, value = line.partition(b":")
        if sep and key.strip().lower() == wanted:
            return value.strip().decode("latin-1")
    return ""


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
    #: when the request was sent: the records' WARC-Date (WARC 1.1: when capture of it began)
    started_at: datetime | None = None
    #: extra WARC headers for both records (e.g. which recorder saw the exchange)
    warc_headers: Mapping[str, str] = field(default_factory=dict)


def warc_date(moment: datetime) -> str:
    """A WARC 1.1 date: UTC, with microseconds (the format allows fractions of a second)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


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
        shared = dict(exchange.warc_headers)
        if exchange.started_at is not None:
            shared["WARC-Date"] = warc_date(exchange.started_at)
        response_headers = dict(shared)
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
            warc_headers_dict=shared,
        )
        self._writer.write_request_response_pair(request, response)
        record_id = str(response.rec_headers.get_header("WARC-Record-ID"))
        self.response_ids.append(record_id)
        return record_id

    def resource(
        self, resource: Resource, concurrent_to: str | None = None, made_at: datetime | None = None
    ) -> None:
        headers = dict(resource.extra_headers)
        if made_at is not None:
            headers["WARC-Date"] = warc_date(made_at)
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

    def metadata(
        self, uri: str, data: bytes, refers_to: str | None = None, made_at: datetime | None = None
    ) -> None:
        headers = {"WARC-Refers-To": refers_to} if refers_to else {}
        if made_at is not None:
            headers["WARC-Date"] = warc_date(made_at)
        record = self._writer.create_warc_record(
            uri,
            "metadata",
            payload=io.BytesIO(data),
            length=len(data),
            warc_content_type="application/json",
            warc_headers_dict=headers,
        )
        self._writer.write_record(record)


def inflated_size(path: Path) -> int:
    """The bytes a (gzipped, member by member) WARC file holds once inflated; its size if plain.
    Recorded in the signed manifest, so a verifier inflates no more than that."""
    import gzip

    with path.open("rb") as handle:
        if handle.read(2) != b"\x1f\x8b":
            return path.stat().st_size
    total = 0
    with gzip.open(path, "rb") as inflating:
        while chunk := inflating.read(1 << 20):
            total += len(chunk)
    return total


def check_warc(path: Path, *, require_response: bool = True, max_inflated: int | None = None) -> list[str]:
    """Problems with one WARC file as evidence; empty: fine.

    ``max_inflated``: the most a gzipped WARC may inflate to (what its signed manifest declares,
    plus a margin); past it, the check stops with a problem instead of hashing a bomb for hours.

    Stricter than ``warcio check``: the first record must be ``warcinfo``; there must be at least
    one ``response`` (unless ``require_response`` is False: a partial capture whose raw fetch
    failed has only the browser's resources); every record must carry a SHA-256
    ``WARC-Block-Digest`` that matches (and its ``WARC-Payload-Digest``, when present, must match
    too); every record must be whole and followed by its CRLF CRLF; and the file must be consumed
    to its end: a WARC cut short, even inside the last gzip trailer, is reported. Records are read
    as stored (the block bytes), never through HTTP ``Content-Encoding`` decoding, so a compressed
    body is hashed, not inflated; the WARC's own per-record gzip is inflated in bounded pieces.
    """
    import base64
    import binascii
    import hashlib
    import zlib

    chunk_size = 1 << 20
    max_head = 1 << 16  # a WARC header section or HTTP head longer than this is not ours
    max_http_head = 1 << 20

    class Damaged(Exception):
        pass

    class Source:
        """The file's bytes, inflated member by member when it is gzipped; b'' only at a clean end."""

        def __init__(self, handle: BinaryIO) -> None:
            self.handle = handle
            self.gzipped = handle.read(2) == b"\x1f\x8b"
            handle.seek(0)
            self.pending = b""
            self.inflater: Any = None
            self.inflated = 0

        def chunk(self) -> bytes:
            if not self.gzipped:
                return self.handle.read(chunk_size)
            data = self._inflate()
            self.inflated += len(data)
            if max_inflated is not None and self.inflated > max_inflated:
                raise Damaged(
                    f"inflates past {max_inflated} bytes, more than its signed manifest declares"
                    " (a decompression bomb?); not checked further"
                )
            return data

        def _inflate(self) -> bytes:
            while True:
                inflater = self.inflater
                if inflater is not None and not inflater.eof:
                    data = inflater.unconsumed_tail or self.pending or self.handle.read(chunk_size)
                    self.pending = b""
                    if not data:
                        raise Damaged("the file ends inside a gzip member (truncated)")
                    out = inflater.decompress(data, chunk_size)
                    if inflater.eof:
                        self.pending = inflater.unused_data
                    if out:
                        return bytes(out)
                    continue
                if not self.pending:
                    self.pending = self.handle.read(chunk_size)
                    if not self.pending:
                        return b""
                self.inflater = zlib.decompressobj(31)

    class Stream:
        def __init__(self, source: Source) -> None:
            self.source = source
            self.buffer = bytearray()
            self.ended = False

        def _more(self) -> bool:
            if self.ended:
                return False
            data = self.source.chunk()
            if not data:
                self.ended = True
                return False
            self.buffer += data
            return True

        def readline(self, limit: int) -> bytes:
            start = 0
            while True:
                at = self.buffer.find(b"\n", start)
                if at >= 0:
                    line = bytes(self.buffer[: at + 1])
                    del self.buffer[: at + 1]
                    return line
                if len(self.buffer) > limit:
                    raise Damaged(f"a header line longer than {limit} bytes")
                start = len(self.buffer)
                if not self._more():
                    line = bytes(self.buffer)
                    self.buffer.clear()
                    return line

        def read(self, size: int) -> bytes:
            """Up to ``size`` bytes (fewer only at the end of the file)."""
            while len(self.buffer) < min(size, chunk_size) and self._more():
                pass
            data = bytes(self.buffer[:size])
            del self.buffer[:size]
            return data

    def hasher(algorithm: str) -> Any:
        try:
            return hashlib.new(algorithm)
        except ValueError:
            raise ValueError(f"unknown digest algorithm {algorithm!r}") from None

    def decoded(value: str) -> tuple[Any, bytes]:
        """A fresh hasher for the digest's algorithm and the digest's bytes (hex, base32 or base64)."""
        algorithm, sep, encoded = value.strip().partition(":")
        if not sep:
            raise ValueError(f"unreadable digest {value!r}")
        digester = hasher(algorithm.strip().lower().replace("-", ""))
        encoded = encoded.strip()
        bare = encoded.rstrip("=")
        for encoding in ("hex", "base32", "base64"):
            try:
                if encoding == "hex":
                    raw = bytes.fromhex(encoded)
                elif encoding == "base32":
                    raw = base64.b32decode(bare + "=" * (-len(bare) % 8), casefold=True)
                else:
                    alphabet = b"-_" if "-" in bare or "_" in bare else None
                    raw = base64.b64decode(bare + "=" * (-len(bare) % 4), altchars=alphabet)
            except (binascii.Error, ValueError):
                continue
            if len(raw) == digester.digest_size:
                return digester, raw
        raise ValueError(f"unreadable digest {value!r}")

    problems: list[str] = []
    types: list[str] = []
    try:
        with path.open("rb") as handle:
            stream = Stream(Source(handle))
            while True:
                line = stream.readline(max_head)
                if not line:
                    break
                if not line.strip():
                    continue  # stray blank lines between records are tolerated
                number = len(types) + 1
                if not line.startswith(b"WARC/"):
                    raise Damaged(f"record {number}: no WARC version line where a record should start")
                headers: dict[str, str] = {}
                size = len(line)
                while True:
                    line = stream.readline(max_head)
                    size += len(line)
                    if size > max_head:
                        raise Damaged(f"record {number}: header section longer than {max_head} bytes")
                    if not line.endswith(b"\n"):
                        raise Damaged(f"record {number}: the file ends inside the WARC headers (truncated)")
                    if not line.strip():
                        break
                    name, sep, value = line.decode("utf-8", "replace").partition(":")
                    if not sep:
                        raise Damaged(f"record {number}: malformed header line {line[:60]!r}")
                    headers[name.strip().lower()] = value.strip()
                kind = headers.get("warc-type", "")
                record = headers.get("warc-record-id", f"record {number}")
                types.append(kind)
                try:
                    length = int(headers.get("content-length", ""))
                    if length < 0:
                        raise ValueError
                except ValueError:
                    raise Damaged(f"{record}: no valid Content-Length") from None
                block_header = headers.get("warc-block-digest")
                block: Any = None
                block_expected = b""
                if block_header is None:
                    problems.append(f"{record} ({kind}): no WARC-Block-Digest")
                else:
                    try:
                        block, block_expected = decoded(block_header)
                        if block.name != "sha256":
                            problems.append(f"{record}: WARC-Block-Digest is {block.name}, not sha256")
                    except ValueError as exc:
                        problems.append(f"{record}: {exc}")
                payload: Any = None
                payload_expected = b""
                payload_header = headers.get("warc-payload-digest")
                if payload_header and kind != "revisit" and "warc-segment-number" not in headers:
                    try:
                        payload, payload_expected = decoded(payload_header)
                    except ValueError as exc:
                        problems.append(f"{record}: {exc}")
                # a request/response over HTTP: the payload starts after the HTTP head
                http = kind in ("request", "response") and headers.get("content-type", "").lower().startswith(
                    "application/http"
                )
                head = bytearray() if http and payload is not None else None
                remaining = length
                while remaining:
                    data = stream.read(min(remaining, chunk_size))
                    if not data:
                        raise Damaged(
                            f"{record} ({kind}): truncated, {length - remaining} of {length} bytes present"
                        )
                    remaining -= len(data)
                    if block is not None:
                        block.update(data)
                    if payload is None:
                        continue
                    if head is None:
                        payload.update(data)
                        continue
                    searched = max(0, len(head) - 3)
                    head += data
                    end = head.find(b"\r\n\r\n", searched)
                    if end >= 0:
                        payload.update(bytes(head[end + 4 :]))
                        head = None
                    elif len(head) > max_http_head:
                        problems.append(f"{record}: HTTP head longer than {max_http_head} bytes")
                        payload = head = None
                if head is not None and payload is not None:
                    problems.append(f"{record}: no end of the HTTP head, payload digest not checked")
                    payload = None
                if stream.read(4) != b"\r\n\r\n":
                    raise Damaged(f"{record} ({kind}): not followed by CRLF CRLF (truncated or wrong length)")
                if block is not None and block.digest() != block_expected:
                    problems.append(f"{record} ({kind}): block digest does not match {block_header}")
                if payload is not None and payload.digest() != payload_expected:
                    problems.append(f"{record} ({kind}): payload digest does not match {payload_header}")
    except Damaged as exc:
        problems.append(f"unreadable WARC: {exc}")
    except zlib.error as exc:
        problems.append(f"unreadable WARC: damaged gzip data ({exc})")
    except OSError as exc:
        problems.append(f"unreadable WARC: {type(exc).__name__}: {exc}")
    if not types:
        problems.append("no WARC records")
    else:
        if types[0] != "warcinfo":
            problems.append(f"the first record is {types[0] or 'untyped'}, not warcinfo")
        if require_response and "response" not in types:
            problems.append("no response record")
    return problems


__all__ = [
    "WARC_VERSION",
    "CaptureWarc",
    "HttpExchange",
    "Resource",
    "SHA256WARCWriter",
    "check_warc",
]
