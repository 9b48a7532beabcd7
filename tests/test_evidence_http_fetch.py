"""The raw fetch and the WARC writer against a real loopback server that misbehaves on purpose.

What matters: the response record holds the server's status line and header bytes exactly, the
body as sent (still gzip-compressed) minus chunked framing, SHA-256 digests that ``warcio check``
accepts, and every redirect hop as its own pair; hostile servers cost a bounded failure.
"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from evidence.http_fetch import FetchError, FetchLimits, RawFetcher
from evidence.warc import CaptureWarc, Resource, check_warc

PAGE = "<html><head><title>Pangolin scales</title></head><body>穿山甲鳞片 — 2 kg</body></html>".encode()
GZIPPED = gzip.compress(PAGE)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _raw(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def do_GET(self) -> None:
        if self.path == "/chunked-gzip":
            head = (
                b"HTTP/1.1 200 OK\r\nContent-Type:   text/html; charset=utf-8\r\n"
                b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nX-Odd:  spaced\r\n\r\n"
            )
            half = len(GZIPPED) // 2
            body = b"".join(
                f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (GZIPPED[:half], GZIPPED[half:])
            )
            self._raw(head + body + b"0\r\n\r\n")
            self.close_connection = True
        elif self.path == "/hop1":
            self._raw(b"HTTP/1.1 301 Moved\r\nLocation: /hop2\r\nContent-Length: 0\r\n\r\n")
        elif self.path == "/hop2":
            self._raw(
                b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%d/final\r\nContent-Length: 0\r\n\r\n"
                % self.server.server_port
            )  # type: ignore[attr-defined]
        elif self.path == "/final":
            self._raw(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(PAGE) + PAGE
            )
        elif self.path.startswith("/loop"):
            target = b"/loop-b" if self.path == "/loop" else b"/loop"
            self._raw(b"HTTP/1.1 302 Found\r\nLocation: " + target + b"\r\nContent-Length: 0\r\n\r\n")
        elif self.path == "/to-ftp":
            self._raw(b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/x\r\nContent-Length: 0\r\n\r\n")
        elif self.path == "/big":
            size = 3 * 1024 * 1024
            self._raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % size)
            chunk = b"x" * 65536
            for _ in range(size // len(chunk)):
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return
        elif self.path == "/cut-short":
            self._raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nonly this")
            self.close_connection = True
        elif self.path == "/stall":
            self._raw(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nslow")
            time.sleep(6)
        elif self.path == "/drip-head":
            self._raw(b"HTTP/1.1 200 OK\r\n")
            for _ in range(100):  # a header byte every 0.1 s: each read succeeds, the fetch never ends
                time.sleep(0.1)
                try:
                    self._raw(b"X")
                except OSError:
                    return
        elif self.path == "/drip-body":
            self._raw(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
            for _ in range(1000):
                time.sleep(0.1)
                try:
                    self._raw(b"y")
                except OSError:
                    return
        elif self.path.startswith("/%D0%BE%D0%B1"):  # /объявление/... arrives percent-encoded
            body = self.path.encode()
            self._raw(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        elif self.path == "/to-utf8":
            self._raw(
                b"HTTP/1.1 302 Found\r\nLocation: /"
                + "объявление/2".encode()
                + b"\r\nContent-Length: 0\r\n\r\n"
            )
        elif self.path == "/gone":
            body = b"listing removed"
            self._raw(b"HTTP/1.1 410 Gone\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        else:
            self._raw(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def fetcher(**limits: float) -> RawFetcher:
    return RawFetcher("ecowarden-test/1.0", FetchLimits(**limits))  # type: ignore[arg-type]


def write_warc(path: Path, exchanges: list, resources: list[Resource] = ()) -> None:  # type: ignore[type-arg, assignment]
    with path.open("wb") as out:
        warc = CaptureWarc(out, path.name)
        warc.warcinfo({"software": "ecowarden-test", "format": "WARC File Format 1.1"})
        last = None
        for exchange in exchanges:
            last = warc.exchange(exchange)
        for resource in resources:
            warc.resource(resource, last)
        warc.metadata("http://example.invalid/", b'{"ok": true}', last)


def test_chunked_gzip_response_is_kept_as_sent(server: str, tmp_path: Path) -> None:
    result = fetcher().fetch(server + "/chunked-gzip")
    assert result.status == 200 and result.remote_ip == "127.0.0.1" and result.tls is None
    [exchange] = result.exchanges
    # exact request bytes, exact response head (odd spacing kept), body still gzip, de-chunked
    assert exchange.request_head.startswith(b"GET /chunked-gzip HTTP/1.1\r\nHost: 127.0.0.1:")
    assert b"User-Agent: ecowarden-test/1.0\r\n" in exchange.request_head
    assert exchange.response_head.startswith(
        b"HTTP/1.1 200 OK\r\nContent-Type:   text/html; charset=utf-8\r\n"
    )
    assert b"X-Odd:  spaced\r\n" in exchange.response_head
    assert exchange.response_body == GZIPPED and exchange.dechunked and not exchange.truncated

    path = tmp_path / "c.warc.gz"
    write_warc(path, result.exchanges, [Resource("urn:ecowarden:dom:x", "text/html", PAGE)])
    assert check_warc(path) == []
    with path.open("rb") as stream:
        records = list_records(stream)
    kinds = [r[0] for r in records]
    assert kinds == ["warcinfo", "response", "request", "resource", "metadata"]
    response = records[1]
    assert response[1]["WARC-Payload-Digest"].startswith("sha256:")
    assert response[1]["WARC-Block-Digest"].startswith("sha256:")
    assert response[1]["WARC-IP-Address"] == "127.0.0.1"
    # the stored head renames the transfer coding it no longer has, and keeps everything else
    assert b"X-Ecowarden-Dechunked-Transfer-Encoding: chunked" in response[2]
    assert b"Content-Encoding: gzip" in response[2]
    assert gzip.decompress(response[3]) == PAGE
    # warcio's own command agrees
    cli = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", "-v", str(path)], capture_output=True, text=True
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert "digest pass" in cli.stdout


def list_records(stream: io.BufferedReader) -> list[tuple[str, dict[str, str], bytes, bytes]]:
    records = []
    for record in ArchiveIterator(stream):
        headers = dict(record.rec_headers.headers)
        http = record.http_headers.to_bytes() if record.http_headers else b""
        records.append((record.rec_type, headers, http, record.raw_stream.read()))
    return records


def test_redirect_hops_are_separate_exchanges(server: str, tmp_path: Path) -> None:
    result = fetcher().fetch(server + "/hop1")
    assert [e.url for e in result.exchanges] == [server + "/hop1", server + "/hop2", server + "/final"]
    assert result.final_url == server + "/final" and result.status == 200 and result.stopped is None
    path = tmp_path / "r.warc.gz"
    write_warc(path, result.exchanges)
    assert check_warc(path) == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/loop", "redirect loop"), ("/to-ftp", "non-HTTP")],
)
def test_bad_redirects_stop_with_a_reason(server: str, path: str, reason: str) -> None:
    result = fetcher().fetch(server + path)
    assert result.stopped is not None and reason in result.stopped
    assert result.status == 302 and result.exchanges


def test_redirect_limit(server: str) -> None:
    result = fetcher(max_redirects=1).fetch(server + "/hop1")
    assert result.stopped is not None and "more than 1 redirects" in result.stopped


def test_oversized_body_is_cut_and_marked(server: str, tmp_path: Path) -> None:
    result = fetcher(max_body_bytes=100_000).fetch(server + "/big")
    [exchange] = result.exchanges
    assert exchange.truncated and len(exchange.response_body) == 100_000
    path = tmp_path / "big.warc.gz"
    write_warc(path, result.exchanges)
    assert check_warc(path) == []
    with path.open("rb") as stream:
        response = list_records(stream)[1]
    assert response[1]["WARC-Truncated"] == "length"


def test_connection_closed_early_keeps_what_arrived(server: str) -> None:
    [exchange] = fetcher().fetch(server + "/cut-short").exchanges
    assert exchange.truncated and exchange.response_body == b"only this"


def test_error_statuses_are_evidence_too(server: str) -> None:
    result = fetcher().fetch(server + "/gone")
    assert result.status == 410 and result.exchanges[0].response_body == b"listing removed"


def test_stalled_body_is_kept_truncated_within_the_deadline(server: str) -> None:
    # a deadline of 2.5 s, not less: on a loaded CI machine the first bytes can take a second;
    # without the deadline the fetch would last the server's 6 s stall
    started = time.monotonic()
    [exchange] = fetcher(timeout_s=2.5).fetch(server + "/stall").exchanges
    assert time.monotonic() - started < 5
    assert exchange.truncated and exchange.response_body == b"slow"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:1/refused", "ftp://127.0.0.1/x", "http:///nohost", "http://127.0.0.1:99999/"]
)
def test_unfetchable_urls_raise_one_line_errors(url: str) -> None:
    with pytest.raises(FetchError) as info:
        fetcher(timeout_s=2.0).fetch(url)
    assert "\n" not in str(info.value)


def test_check_warc_reports_a_damaged_record(server: str, tmp_path: Path) -> None:
    result = fetcher().fetch(server + "/final")
    plain = tmp_path / "p.warc"
    with plain.open("wb") as out:
        warc = CaptureWarc(out, plain.name)
        warc._writer.gzip = False
        warc.exchange(result.exchanges[0])
    data = plain.read_bytes()
    at = data.index(b"Pangolin")
    plain.write_bytes(data[:at] + b"Penguin!" + data[at + 8 :])
    problems = check_warc(plain)
    assert problems and any("digest" in p for p in problems)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """HTTPS on loopback with a self-signed certificate, as many dubious shops have."""
    import datetime
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "shady-shop.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(0x5EED)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("shady-shop.test")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    directory = tmp_path_factory.mktemp("tls")
    (directory / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(directory / "cert.pem", directory / "key.pem")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_bad_certificate_is_fetched_and_described(tls_server: str, tmp_path: Path) -> None:
    result = fetcher().fetch(tls_server + "/final")
    assert result.status == 200 and result.exchanges[0].response_body == PAGE
    tls = result.tls
    assert (
        tls is not None
        and tls["verified"] is False
        and "CERTIFICATE_VERIFY_FAILED" in tls["verification_error"]
    )
    assert tls["protocol"].startswith("TLS") and tls["cipher"]
    certificate = tls["certificate"]
    assert certificate["subject"] == "CN=shady-shop.test" and certificate["dns_names"] == ["shady-shop.test"]
    assert certificate["serial_number"] == "5eed" and len(certificate["sha256_fingerprint"]) == 64
    path = tmp_path / "tls.warc.gz"
    write_warc(path, result.exchanges)
    assert check_warc(path) == []


def test_dripping_headers_cannot_outlast_the_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="deadline"):
        fetcher(timeout_s=1.0).fetch(server + "/drip-head")
    assert time.monotonic() - started < 3


def test_dripping_body_is_cut_at_the_deadline_and_kept(server: str) -> None:
    started = time.monotonic()
    [exchange] = fetcher(timeout_s=2.5).fetch(server + "/drip-body").exchanges
    assert time.monotonic() - started < 5
    assert exchange.truncated and 0 < len(exchange.response_body) < 1000


def test_non_ascii_urls_and_redirects(server: str) -> None:
    result = fetcher().fetch(server + "/объявление/1")
    assert result.status == 200
    assert (
        result.exchanges[0].response_body
        == b"/%D0%BE%D0%B1%D1%8A%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B5/1"
    )
    hops = fetcher().fetch(server + "/to-utf8")
    assert hops.status == 200 and hops.final_url.endswith(
        "/%D0%BE%D0%B1%D1%8A%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B5/2"
    )
