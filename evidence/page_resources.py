"""Everything the rendered page loaded (images, CSS, fonts, scripts, XHR), as WARC exchanges.

A page's photos and style are what make it replayable and what species identification needs; the
raw fetch holds only the HTML. The browser is the only party that knows what the page loaded, so
the recorder listens to the Playwright page's responses and, once the page has settled, asks for
each body.

What a browser reports is not the wire: it gives the status, the header lines it received and
the body *after* removing content and transfer coding. So each record is marked as the browser's
(``WARC-Ecowarden-Recorder``), the status line is rebuilt from status and reason, and the headers
that described the coding the body no longer has are renamed, not dropped, with the length of
what is stored given as ``Content-Length``. A replay tool then serves the body as stored, and an
examiner still sees what the server said.

Bounded: at most ``max_resources`` responses, none over ``max_resource_bytes``, together no more
than ``max_total_bytes``, within the time the capture has left; what was left out is listed with
the reason.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Response

from evidence.warc import RENAMED_TRANSFER_ENCODING, HttpExchange, head_value

log = logging.getLogger(__name__)
#: header lines as Playwright reports them: ``{"name": ..., "value": ...}``
Headers = Sequence[Mapping[str, object]]

RECORDER_HEADER = "WARC-Ecowarden-Recorder"
RECORDER_VALUE = "browser (status line rebuilt, headers as the browser received them, body decoded)"
DECODED_CONTENT_ENCODING = "X-Ecowarden-Decoded-Content-Encoding"
ORIGINAL_CONTENT_LENGTH = "X-Ecowarden-Original-Content-Length"
#: at most this many left-out resources are named one by one (the rest are counted)
MAX_NAMED_LEFT_OUT = 50


@dataclass(frozen=True)
class ResourceLimits:
    max_resources: int = 300
    max_resource_bytes: int = 25 * 1024 * 1024
    max_total_bytes: int = 150 * 1024 * 1024


@dataclass
class RecordedResources:
    """What the recorder kept, in the order the responses arrived, and what it left out."""

    exchanges: list[HttpExchange] = field(default_factory=list)
    #: (url, reason) of what was not kept, the first MAX_NAMED_LEFT_OUT of them
    left_out: list[tuple[str, str]] = field(default_factory=list)
    left_out_count: int = 0
    total_bytes: int = 0

    def leave_out(self, url: str, reason: str) -> None:
        self.left_out_count += 1
        if len(self.left_out) < MAX_NAMED_LEFT_OUT:
            self.left_out.append((url[:500], reason))

    def body_of(self, url: str) -> tuple[bytes, str] | None:
        """The body and Content-Type the page received for ``url`` (a 200 answer), if recorded."""
        for exchange in self.exchanges:
            if exchange.url == url and exchange.response_head.split(b" ", 2)[1:2] == [b"200"]:
                return exchange.response_body, head_value(exchange.response_head, "content-type")
        return None


def _clean(text: str) -> str:
    """A header name or value on one line: a CR or LF inside would forge further header lines."""
    return " ".join(text.replace("\r", " ").replace("\n", " ").split())


def request_head(method: str, url: str, headers: Headers) -> bytes:
    """The request as an HTTP/1.1 head, from what the browser says it sent."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    lines = [f"{_clean(method) or 'GET'} {target} HTTP/1.1"]
    names = set()
    for header in headers:
        name = _clean(str(header.get("name", "")))
        if not name or name.startswith(":"):
            continue  # HTTP/2 pseudo-headers: the request line says the same
        names.add(name.lower())
        lines.append(f"{name}: {_clean(str(header.get('value', '')))}")
    if "host" not in names:
        lines.insert(1, f"Host: {parts.netloc.rsplit('@', 1)[-1]}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "replace")


def response_head(status: int, reason: str, headers: Headers, stored_length: int) -> bytes:
    """The response as an HTTP/1.1 head describing the body as stored (decoded, unchunked)."""
    try:
        reason = reason or HTTPStatus(status).phrase
    except ValueError:
        reason = reason or "Unknown"
    lines = [f"HTTP/1.1 {status} {_clean(reason)}"]
    renamed = {
        "content-encoding": DECODED_CONTENT_ENCODING,
        "transfer-encoding": RENAMED_TRANSFER_ENCODING.decode(),
        "content-length": ORIGINAL_CONTENT_LENGTH,
    }
    for header in headers:
        name = _clean(str(header.get("name", "")))
        if not name or name.startswith(":"):
            continue
        lines.append(f"{renamed.get(name.lower(), name)}: {_clean(str(header.get('value', '')))}")
    lines.append(f"Content-Length: {stored_length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "replace")


def _declared_length(headers: Headers) -> int | None:
    for header in headers:
        if str(header.get("name", "")).lower() == "content-length":
            try:
                return int(str(header.get("value", "")))
            except ValueError:
                return None
    return None


class ResourceRecorder:
    """Collects a page's responses as they arrive; :meth:`collect` turns them into exchanges."""

    def __init__(self, limits: ResourceLimits) -> None:
        self.limits = limits
        self._responses: list[Response] = []
        self.result = RecordedResources()

    def on_response(self, response: Response) -> None:
        """Playwright's ``response`` event: remember the response (its body is asked for later)."""
        url = response.url
        if urlsplit(url).scheme not in ("http", "https"):
            return
        if len(self._responses) >= self.limits.max_resources:
            self.result.leave_out(url, f"more than {self.limits.max_resources} resources")
            return
        self._responses.append(response)

    async def collect(self, deadline: float) -> RecordedResources:
        """Ask for every remembered body within ``deadline`` (a ``time.monotonic()`` value)."""
        for response in self._responses:
            left = deadline - time.monotonic()
            if left <= 0.1:
                self.result.leave_out(response.url, "no time left in the capture")
                continue
            try:
                exchange = await asyncio.wait_for(self._exchange(response), left)
            except (TimeoutError, PlaywrightError) as exc:
                self.result.leave_out(response.url, f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                continue
            if exchange is not None:
                self.result.exchanges.append(exchange)
        self._responses.clear()
        return self.result

    async def _exchange(self, response: Response) -> HttpExchange | None:
        limits, result = self.limits, self.result
        headers = await response.headers_array()
        declared = _declared_length(headers)
        if declared is not None and declared > limits.max_resource_bytes:
            result.leave_out(response.url, f"declares {declared} bytes, over {limits.max_resource_bytes}")
            return None
        body = b""
        if not 300 <= response.status < 400:  # a redirect has no body the browser keeps
            try:
                body = await response.body()
            except PlaywrightError as exc:
                result.leave_out(response.url, f"body not available: {str(exc).splitlines()[0][:200]}")
                return None
        if len(body) > limits.max_resource_bytes:
            result.leave_out(response.url, f"{len(body)} bytes, over {limits.max_resource_bytes}")
            return None
        if result.total_bytes + len(body) > limits.max_total_bytes:
            result.leave_out(response.url, f"the page's resources pass {limits.max_total_bytes} bytes")
            return None
        result.total_bytes += len(body)
        request = response.request
        sent = await request.headers_array()
        server = await response.server_addr()
        timing: dict[str, Any] = dict(request.timing or {})
        start_ms = timing.get("startTime")
        started_at = datetime.fromtimestamp(start_ms / 1000, UTC) if start_ms and start_ms > 0 else None
        return HttpExchange(
            url=response.url,
            request_head=request_head(request.method, response.url, sent),
            response_head=response_head(response.status, response.status_text, headers, len(body)),
            response_body=body,
            remote_ip=server["ipAddress"] if server else None,
            request_body=request.post_data_buffer or b"",
            started_at=started_at,
            warc_headers={RECORDER_HEADER: RECORDER_VALUE},
        )
