"""Fetch one URL the way evidence needs it: every byte of request and response as they crossed the wire.

Neither the crawl's responses nor the browser's are usable as WARC ``response`` records: Scrapy
has already decompressed and de-chunked its bodies, and a browser reports decoded bodies and
normalised headers. So a capture fetches the page once more with this small client, built on
``http.client`` with two taps: the connection records the exact request bytes it sends, and the
response records its status line and header lines as read from the socket. The body is kept as
sent (still gzip/br-encoded) except for chunked framing, which ``http.client`` removes; the WARC
writer marks that (see evidence/warc.py).

Redirects are followed by hand so that every hop is its own request/response pair, with loops and
non-HTTP targets refused. Sizes and time are bounded: a hostile server can make a capture fail,
never hang or exhaust memory.
"""

from __future__ import annotations

import hashlib
import http.client
import socket
import ssl
import threading
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from w3lib.url import safe_url_string

from evidence.warc import HttpExchange

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: what a browser asks for when it navigates to a page, and when it loads an image
PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
IMAGE_ACCEPT = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8"
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The page could not be fetched at all (no exchange to keep); the message is one line."""


@dataclass(frozen=True)
class FetchLimits:
    timeout_s: float = 30.0
    max_body_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 10


@dataclass
class FetchResult:
    exchanges: list[HttpExchange] = field(default_factory=list)
    final_url: str = ""
    status: int = 0
    remote_ip: str | None = None
    #: certificate and protocol of the final hop, None for plain HTTP
    tls: dict[str, Any] | None = None
    #: a redirect that was not followed and why (loop, limit, scheme)
    stopped: str | None = None


class _HeadTap:
    """Wraps the socket file of a response and keeps a copy of every line read while parsing the head."""

    def __init__(self, fp: Any) -> None:
        self._fp = fp
        self.head = bytearray()
        self.recording = True

    def readline(self, limit: int = -1) -> bytes:
        line: bytes = self._fp.readline(limit)
        if self.recording:
            self.head += line
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fp, name)


class _TappedResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        self.tap = _HeadTap(self.fp)
        self.fp = self.tap  # type: ignore[assignment]

    def begin(self) -> None:
        super().begin()
        self.tap.recording = False


class _SendTap:
    """Mixin recording what the connection sends, and keeping its TCP socket for the watchdog."""

    sent: bytearray
    raw_socket: socket.socket | None

    def _tap_init(self) -> None:
        self.sent = bytearray()
        self.raw_socket = None
        create = self._create_connection  # type: ignore[has-type]

        def create_and_keep(*args: Any, **kwargs: Any) -> socket.socket:
            sock: socket.socket = create(*args, **kwargs)
            self.raw_socket = sock  # before any TLS handshake, which could itself be dripped
            return sock

        self._create_connection = create_and_keep

    def send(self, data: Any) -> None:
        if isinstance(data, bytes | bytearray | memoryview):
            self.sent += bytes(data)
        super().send(data)  # type: ignore[misc]


class _HTTPConnection(_SendTap, http.client.HTTPConnection):
    response_class = _TappedResponse

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tap_init()


class _HTTPSConnection(_SendTap, http.client.HTTPSConnection):
    response_class = _TappedResponse

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tap_init()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _shut(connection: Any, expired: threading.Event) -> None:
    expired.set()
    sock = connection.raw_socket
    if sock is not None:
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def safe_url(url: str) -> str:
    """A URL as bytes on the wire allow: non-ASCII paths and hosts percent- and IDNA-encoded."""
    try:
        return str(safe_url_string(url))
    except ValueError as exc:  # bad port, bad host: no request can be made
        raise FetchError(f"not a usable URL: {url[:200]} ({exc})") from None


def certificate_summary(der: bytes) -> dict[str, Any]:
    """What an examiner needs to recognise a server certificate again, without the whole chain."""
    cert = x509.load_der_x509_certificate(der)
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        names = san.value.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        names = []
    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "serial_number": format(cert.serial_number, "x"),
        "not_before": cert.not_valid_before_utc.isoformat(),
        "not_after": cert.not_valid_after_utc.isoformat(),
        "dns_names": names[:50],
        "sha256_fingerprint": hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest(),
    }


class RawFetcher:
    def __init__(self, user_agent: str, limits: FetchLimits | None = None) -> None:
        self.user_agent = user_agent
        self.limits = limits or FetchLimits()

    def fetch(self, url: str, *, accept: str = PAGE_ACCEPT) -> FetchResult:
        """Fetch ``url`` following redirects; FetchError only when not even the first hop answered."""
        deadline = time.monotonic() + self.limits.timeout_s
        result = FetchResult()
        seen: set[str] = set()
        current = safe_url(url)
        while True:
            if current in seen:
                result.stopped = f"redirect loop back to {current}"
                break
            seen.add(current)
            try:
                exchange, status, location, tls = self._one(current, deadline, accept)
            except FetchError:
                if not result.exchanges:
                    raise
                result.stopped = f"redirect target {current} could not be fetched"
                break
            result.exchanges.append(exchange)
            result.final_url, result.status = current, status
            result.remote_ip, result.tls = exchange.remote_ip, tls
            if status not in REDIRECT_STATUSES or not location:
                break
            # http.client decodes header bytes as Latin-1; servers send UTF-8 in Location too
            try:
                location = location.encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
            target = safe_url(urljoin(current, location))
            if urlsplit(target).scheme not in ("http", "https"):
                result.stopped = f"redirect to a non-HTTP URL not followed: {target[:200]}"
                break
            if len(result.exchanges) > self.limits.max_redirects:
                result.stopped = f"more than {self.limits.max_redirects} redirects"
                break
            current = target
        return result

    def _connection(self, url: str, timeout: float, verify: bool) -> http.client.HTTPConnection:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url[:200]}")
        try:
            port = parts.port
        except ValueError as exc:
            raise FetchError(f"bad port in {url[:200]}: {exc}") from None
        if parts.scheme == "https":
            context = ssl.create_default_context()
            if not verify:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            return _HTTPSConnection(parts.hostname, port, timeout=timeout, context=context)
        return _HTTPConnection(parts.hostname, port, timeout=timeout)

    def _request_head(self, connection: http.client.HTTPConnection, url: str, accept: str) -> None:
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", parts.netloc.rsplit("@", 1)[-1])
        connection.putheader("User-Agent", self.user_agent)
        connection.putheader("Accept", accept)
        connection.putheader("Accept-Encoding", "gzip, deflate")
        connection.putheader("Connection", "close")
        connection.endheaders()

    def _one(
        self, url: str, deadline: float, accept: str
    ) -> tuple[HttpExchange, int, str | None, dict[str, Any] | None]:
        try:
            return self._attempt(url, deadline, accept, verify=True)
        except ssl.SSLCertVerificationError as exc:
            # Evidence is wanted most from sites with bad certificates: fetch anyway, say so.
            exchange, status, location, tls = self._attempt(url, deadline, accept, verify=False)
            tls = {**(tls or {}), "verified": False, "verification_error": _one_line(exc)}
            return exchange, status, location, tls

    def _attempt(
        self, url: str, deadline: float, accept: str, *, verify: bool
    ) -> tuple[HttpExchange, int, str | None, dict[str, Any] | None]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"timed out before fetching {url[:200]}")
        connection = self._connection(url, remaining, verify)
        started_at = datetime.now(UTC)
        watchdog: threading.Timer | None = None
        expired = threading.Event()
        try:
            # A socket timeout bounds each read, not the fetch: a server dripping a byte at a time
            # (TLS handshake, headers or body) would hold us forever. At the deadline the watchdog
            # shuts the TCP socket down, which ends whatever read is in progress.
            watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _shut, (connection, expired))
            watchdog.daemon = True
            watchdog.start()
            self._request_head(connection, url, accept)
            # read the peer now: once a "Connection: close" response is open the connection
            # hands its socket to the response and forgets it
            remote_ip, tls = self._peer(connection, verify)
            response = connection.getresponse()
            assert isinstance(response, _TappedResponse)
            head = bytes(response.tap.head)
            if expired.is_set() and not head.endswith((b"\r\n\r\n", b"\n\n")):
                raise FetchError(f"fetching {url[:200]} did not finish within the capture deadline")
            body, truncated = self._read_body(response, deadline)
            if expired.is_set():
                truncated = True  # the body was still arriving at the deadline: keep what came
            location = response.getheader("Location")
            exchange = HttpExchange(
                url=url,
                request_head=bytes(connection.sent),  # type: ignore[attr-defined]
                response_head=head,
                response_body=body,
                remote_ip=remote_ip,
                truncated=truncated,
                dechunked=bool(response.chunked) or b"chunked" in head.lower(),
                started_at=started_at,
            )
            return exchange, response.status, location, tls
        except ssl.SSLCertVerificationError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if expired.is_set():
                raise FetchError(f"fetching {url[:200]} did not finish within the capture deadline") from None
            raise FetchError(f"fetching {url[:200]} failed: {_one_line(exc)}") from None
        finally:
            if watchdog is not None:
                watchdog.cancel()
            connection.close()

    @staticmethod
    def _peer(
        connection: http.client.HTTPConnection, verified: bool
    ) -> tuple[str | None, dict[str, Any] | None]:
        sock = connection.sock
        if sock is None:
            return None, None
        try:
            remote_ip = str(sock.getpeername()[0])
        except OSError:
            remote_ip = None
        if not isinstance(sock, ssl.SSLSocket):
            return remote_ip, None
        tls: dict[str, Any] = {
            "protocol": sock.version(),
            "cipher": (sock.cipher() or ("",))[0],
            "verified": verified,
        }
        der = sock.getpeercert(binary_form=True)
        if der:
            try:
                tls["certificate"] = certificate_summary(der)
            except ValueError as exc:
                tls["certificate_error"] = _one_line(exc)
        return remote_ip, tls

    def _read_body(self, response: http.client.HTTPResponse, deadline: float) -> tuple[bytes, bool]:
        limit = self.limits.max_body_bytes
        body = bytearray()
        while True:
            if time.monotonic() > deadline:
                return bytes(body[:limit]), True
            try:
                chunk = response.read(_CHUNK)
            except http.client.IncompleteRead as exc:
                # the server closed early: keep what arrived, the record is marked truncated
                body += exc.partial
                return bytes(body[:limit]), True
            except TimeoutError:
                # no byte for as long as the deadline left (each read's timeout is the time that
                # remained): a stalled body is the deadline reached, whichever of the read's timer
                # and the watchdog fires first, so what arrived is kept, marked truncated
                return bytes(body[:limit]), True
            if not chunk:
                # a Content-Length the server did not honour: http.client just stops, so ask
                short = response.length is not None and response.length > 0
                return bytes(body), short
            body += chunk
            if len(body) > limit:
                return bytes(body[:limit]), True
