"""The parts of whole-page capture that need no browser: how the browser's view of an exchange
is written down, which images are a listing's photos, and how the full-size files are kept."""

from __future__ import annotations

import gzip
import http.server
import threading
import zlib
from collections.abc import Iterator

import pytest

from evidence.browser_capture import BrowserSession, RenderSettings
from evidence.page_resources import (
    DECODED_CONTENT_ENCODING,
    ORIGINAL_CONTENT_LENGTH,
    RecordedResources,
    ResourceLimits,
    request_head,
    response_head,
)
from evidence.photo_capture import PhotoLimits, keep_photos
from evidence.photos import PhotoCandidate, choose_photos, parse_candidates, sniff_image
from evidence.warc import HttpExchange, parse_http_head

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 64
CHROMIUM = "/usr/bin/chromium"


def test_response_head_describes_the_body_as_stored() -> None:
    headers = [
        {"name": "Content-Type", "value": "image/png"},
        {"name": "Content-Encoding", "value": "gzip"},
        {"name": "Content-Length", "value": "999"},
        {"name": "Transfer-Encoding", "value": "chunked"},
        {"name": "Set-Cookie", "value": "a=1"},
        {"name": "Set-Cookie", "value": "b=2"},
        {"name": ":status", "value": "200"},
        {"name": "X-Evil", "value": "1\r\nContent-Length: 5"},
    ]
    head = response_head(200, "", headers, 42)
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and head.endswith(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert f"{DECODED_CONTENT_ENCODING}: gzip" in lines and f"{ORIGINAL_CONTENT_LENGTH}: 999" in lines
    assert [line for line in lines if line.lower().startswith("content-length:")] == ["Content-Length: 42"]
    assert lines.count("Set-Cookie: a=1") == 1 and lines.count("Set-Cookie: b=2") == 1
    assert not any(line.startswith(":") for line in lines)
    assert "X-Evil: 1 Content-Length: 5" in lines  # a CR LF in a value cannot forge a header line
    parsed = parse_http_head(head, "response")
    assert parsed.get_statuscode() == "200" and parsed.get_header("Content-Length") == "42"


def test_request_head_has_a_host_and_the_path() -> None:
    head = request_head("GET", "http://127.0.0.1:8000/a/b?c=1", [{"name": "Accept", "value": "*/*"}])
    assert head.startswith(b"GET /a/b?c=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept: */*\r\n")


def test_photos_are_the_full_size_files_not_thumbnails_or_icons() -> None:
    candidates = [
        PhotoCandidate("http://h/logo.png", "img", 32, 32),
        PhotoCandidate("http://h/thumb-1.jpg", "img", 48, 36),
        PhotoCandidate("http://h/full-1.jpg", "link"),
        PhotoCandidate("http://h/shown.jpg", "img", 600, 400),
        PhotoCandidate("http://h/full-1.jpg", "structured"),
        PhotoCandidate("http://h/og.jpg", "meta"),
    ]
    chosen = [c.url for c in choose_photos(candidates, 10)]
    assert chosen == ["http://h/full-1.jpg", "http://h/og.jpg", "http://h/shown.jpg"]
    assert len(choose_photos(candidates, 2)) == 2


def test_candidates_from_a_hostile_page_are_filtered() -> None:
    value = [["http://h/a.jpg", "img", 10, 10], "junk", [1, 2, 3, 4], ["http://h/b.jpg", "link", "x", None]]
    assert parse_candidates(value) == [
        PhotoCandidate("http://h/a.jpg", "img", 10, 10),
        PhotoCandidate("http://h/b.jpg", "link", 0, 0),
    ]
    assert parse_candidates({"not": "a list"}) == []


def test_an_image_is_what_its_bytes_say() -> None:
    assert sniff_image(PNG) == ("image/png", "png")
    assert sniff_image(JPEG) == ("image/jpeg", "jpg")
    assert sniff_image(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == ("image/webp", "webp")
    assert sniff_image(b"\x00\x00\x00\x1cftypavif") == ("image/avif", "avif")
    assert sniff_image(b"<html>not an image</html>") is None


ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/full.png": (200, {"Content-Type": "image/png"}, PNG),
    "/same.png": (200, {"Content-Type": "image/png"}, PNG),
    "/gzipped.jpg": (
        200,
        {"Content-Type": "image/jpeg", "Content-Encoding": "gzip"},
        gzip.compress(JPEG),
    ),
    "/page.html": (200, {"Content-Type": "image/png"}, b"<html>a page calling itself a PNG</html>"),
    "/big.png": (200, {"Content-Type": "image/png"}, PNG + b"\x00" * 5000),
    "/bomb.jpg": (
        200,
        {"Content-Type": "image/jpeg", "Content-Encoding": "deflate"},
        zlib.compress(JPEG + b"\x00" * 1_000_000, 9),
    ),
}


class _Photos(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path, (404, {}, b"not found"))
        if self.path == "/gallery.html":
            images = "".join(f'<img src="/img/{n}.png" width="20" height="20">' for n in range(12))
            status, headers = 200, {"Content-Type": "text/html"}
            page = (
                f'<html><head><title>gallery</title></head><body>{images}<img src="/big.png"></body></html>'
            )
            body = page.encode()
        elif self.path.startswith("/img/"):
            status, headers, body = 200, {"Content-Type": "image/png"}, PNG + self.path.encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def photo_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Photos)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_full_size_photos_are_fetched_decoded_bounded_and_kept_once(photo_server: str) -> None:
    loaded = RecordedResources(
        exchanges=[
            HttpExchange(
                url=f"{photo_server}/loaded.png",
                request_head=b"GET /loaded.png HTTP/1.1\r\n\r\n",
                response_head=b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n",
                response_body=PNG + b"loaded",
            )
        ]
    )
    names = [
        "loaded.png",
        "full.png",
        "same.png",
        "gzipped.jpg",
        "page.html",
        "missing.png",
        "big.png",
        "bomb.jpg",
    ]
    candidates = [PhotoCandidate(f"{photo_server}/{name}", "link") for name in names]
    kept = keep_photos(candidates, loaded, "ecowarden-test", PhotoLimits(max_photo_bytes=4096))
    artifacts = {a.name: a.data for a in kept.artifacts}
    assert artifacts == {"photo-01.png": PNG + b"loaded", "photo-02.png": PNG, "photo-03.jpg": JPEG}
    record = {entry["url"].rsplit("/", 1)[1]: entry for entry in kept.record}
    assert record["loaded.png"]["source"] == "loaded by the page"
    assert record["full.png"]["source"] == "fetched" and record["full.png"]["artifact"] == "photo-02.png"
    assert record["same.png"]["same_file_as"] == "photo-02.png"
    assert record["page.html"]["not_kept"] == "not an image file (by its first bytes)"
    assert record["missing.png"]["not_kept"].startswith("answered 404")
    assert "4096" in record["big.png"]["not_kept"]
    assert "does not decode within 4096" in record["bomb.jpg"]["not_kept"]
    # every photo fetched is in the WARC's exchanges, as it crossed the wire
    fetched = {exchange.url.rsplit("/", 1)[1] for exchange in kept.exchanges}
    assert fetched == set(names) - {"loaded.png"}
    gzipped = next(e for e in kept.exchanges if e.url.endswith("gzipped.jpg"))
    assert gzipped.response_body == gzip.compress(JPEG) or gzipped.response_body.startswith(b"\x1f\x8b")


@pytest.mark.browser
def test_what_a_page_loads_is_recorded_within_its_limits(photo_server: str) -> None:
    """Twelve images and one too large: five resources kept (the page first), the rest listed
    as left out with the reason."""
    settings = RenderSettings(
        launch_options={"executable_path": CHROMIUM, "headless": True},
        user_agent="ecowarden-test",
        timeout_s=30,
        resources=ResourceLimits(max_resources=5, max_resource_bytes=1024),
    )
    with BrowserSession(settings) as session:
        rendered = session.render(f"{photo_server}/gallery.html")
    recorded = rendered.resources
    assert recorded.exchanges[0].url.endswith("/gallery.html")
    assert len(recorded.exchanges) <= 5 and recorded.left_out_count >= 8
    reasons = {reason for _url, reason in recorded.left_out}
    assert "more than 5 resources" in reasons
    for exchange in recorded.exchanges:
        assert exchange.started_at is not None and exchange.warc_headers
        assert exchange.response_head.startswith(b"HTTP/1.1 200 OK\r\n")
