"""One capture of one page: raw HTTP exchange, browser rendering, WARC, metadata, then the record.

The raw fetch comes first and the browser second, a second or two apart; both are in the WARC
and the metadata gives each one's final URL, status and server address, so an examiner can see
the two views agree (or that the site served the browser something else).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence.browser_capture import BrowserCaptureError, BrowserSession, Rendered
from evidence.canonical import utc_iso
from evidence.context import EvidenceContext
from evidence.http_fetch import FetchError, FetchResult, RawFetcher
from evidence.photo_capture import KeptPhotos, PhotoLimits, keep_photos
from evidence.recording import ArtifactFile, CaptureDraft, StoredCapture, record_capture
from evidence.store import TEMP_PREFIX, TEMP_SUFFIX
from evidence.warc import WARC_VERSION, CaptureWarc, HttpExchange, Resource, inflated_size
from storage.models import new_id
from storage.predictions import stored_snapshot, verdict_summary
from storage.records import ListingSnapshot

log = logging.getLogger(__name__)

WARC_NAME = "capture.warc.gz"
#: given the rendered DOM (or raw body) and the URL, what the extractor and classifier make of it
Analyser = Callable[[str, str], Mapping[str, Any]]


class CaptureError(Exception):
    """Nothing could be captured (the page did not answer); the message is one line."""


def clock_source() -> str:
    """Where capture times come from, for the warcinfo record; the RFC 3161 token is the check."""
    try:
        kernel = Path("/sys/devices/system/clocksource/clocksource0/current_clocksource").read_text().strip()
    except OSError:
        kernel = "unknown"
    return (
        f"system clock (UTC), kernel clocksource {kernel}; independent time: RFC 3161 token on the manifest"
    )


def listing_facts(snapshot: ListingSnapshot, classifier: dict[str, Any] | None) -> dict[str, Any]:
    """The listing as the crawl extracted it, with the classifier's verdict, for the metadata."""
    content = snapshot.content
    has_seller = snapshot.seller_key is not None
    return {
        "listing": {
            "id": snapshot.listing_id,
            "url": snapshot.url,
            "version": snapshot.version,
            "status": snapshot.status,
            "title": content.title,
            "description": content.description,
            "price": None if content.price is None else str(content.price),
            "currency": content.currency,
            "availability": content.availability,
            "location": content.location,
            "seller": {"key": snapshot.seller_key, "name": content.seller_name} if has_seller else None,
            "posted_at": content.posted_at,
            "language": content.language,
            "first_seen_at": utc_iso(snapshot.first_seen_at),
            "last_seen_at": utc_iso(snapshot.last_seen_at),
            "source": f"as extracted by the crawl (run {snapshot.run_id})",
        },
        "classifier": classifier,
    }


def queued_facts(snapshot: ListingSnapshot) -> dict[str, Any]:
    """Facts of the version a verdict flagged, as the crawl that flagged it held them."""
    verdict = snapshot.verdict
    return listing_facts(snapshot, None if verdict is None else verdict.summary(snapshot.version))


def stored_facts(ctx: EvidenceContext, listing_id: int) -> dict[str, Any] | None:
    """Facts of the stored listing at its current version, with its newest verdict."""
    with ctx.factory() as session:
        found = stored_snapshot(session, listing_id)
        if found is None:
            return None
        snapshot, prediction = found
        return listing_facts(snapshot, verdict_summary(prediction))


class Capturer:
    def __init__(
        self,
        ctx: EvidenceContext,
        fetcher: RawFetcher,
        browser: BrowserSession,
        analyser: Analyser | None = None,
        photo_limits: PhotoLimits | None = None,
    ) -> None:
        self.ctx = ctx
        self.fetcher = fetcher
        self.browser = browser
        self.analyser = analyser
        self.photo_limits = photo_limits or PhotoLimits()

    def capture(
        self,
        url: str,
        *,
        listing_id: int | None = None,
        run_id: str | None = None,
        snapshot: ListingSnapshot | None = None,
    ) -> StoredCapture:
        """Capture ``url``; ``snapshot``: the listing version the capture was queued for, quoted
        as it was held then (without it, the stored listing is read)."""
        capture_id = new_id()
        captured_at = datetime.now(UTC)
        fetch_error: str | None = None
        try:
            fetched = self.fetcher.fetch(url)
        except FetchError as exc:  # the browser may still get the page (e.g. it speaks HTTP/2 only)
            fetched, fetch_error = FetchResult(), str(exc)
        try:
            rendered = self.browser.render(url)
        except BrowserCaptureError as exc:
            rendered = Rendered(requested_url=url, problems=[str(exc)])
        if fetch_error is not None and rendered.dom is None and rendered.screenshot is None:
            raise FetchError(fetch_error)  # nothing answered either way: nothing to keep
        photos = keep_photos(
            rendered.photo_candidates, rendered.resources, self.fetcher.user_agent, self.photo_limits
        )
        if snapshot is not None and snapshot.listing_id == listing_id:
            facts: dict[str, Any] | None = queued_facts(snapshot)
        else:
            facts = stored_facts(self.ctx, listing_id) if listing_id is not None else None
        if facts is None and self.analyser is not None:
            facts = self._analyse(rendered, fetched)
        metadata = self._metadata(capture_id, url, captured_at, listing_id, run_id, fetched, rendered, facts)
        metadata["http"]["error"] = fetch_error
        metadata["photos"] = photos.record
        metadata_bytes = json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        complete = (
            fetch_error is None
            and rendered.screenshot is not None
            and rendered.dom is not None
            and rendered.pdf is not None
        )
        warc_path = self._write_warc(capture_id, url, captured_at, fetched, rendered, photos, metadata_bytes)
        try:
            files = [ArtifactFile(WARC_NAME, "application/warc", path=warc_path)]
            if rendered.screenshot is not None:
                files.append(ArtifactFile("screenshot.png", "image/png", data=rendered.screenshot))
            if rendered.dom is not None:
                files.append(ArtifactFile("dom.html", "text/html; charset=utf-8", data=rendered.dom))
            if rendered.pdf is not None:
                files.append(ArtifactFile("page.pdf", "application/pdf", data=rendered.pdf))
            files.extend(photos.artifacts)
            files.append(ArtifactFile("metadata.json", "application/json", data=metadata_bytes))
            draft = CaptureDraft(
                capture_id=capture_id,
                url=url,
                captured_at=captured_at,
                artifacts=files,
                listing_id=listing_id,
                run_id=run_id,
                status="complete" if complete else "partial",
                summary={
                    "final_url": fetched.final_url,
                    "http_status": fetched.status,
                    "server_ip": fetched.remote_ip,
                    "browser_final_url": rendered.final_url or None,
                    "problems": ([f"raw fetch: {fetch_error}"] if fetch_error else [])
                    + rendered.problems[:20],
                    "photos": [a.name for a in photos.artifacts],
                    "resources_recorded": len(rendered.resources.exchanges),
                    "resources_left_out": rendered.resources.left_out_count,
                    # signed: what a verifier may inflate the WARC to, and no more
                    "inflated_sizes": {WARC_NAME: inflated_size(warc_path)},
                },
            )
            return record_capture(self.ctx, draft)
        finally:
            with suppress(FileNotFoundError):
                warc_path.unlink()

    def _analyse(self, rendered: Rendered, fetched: FetchResult) -> dict[str, Any] | None:
        assert self.analyser is not None
        if rendered.dom is not None:
            html, where = rendered.dom.decode("utf-8", "replace"), rendered.final_url
        elif fetched.exchanges:
            html, where = fetched.exchanges[-1].response_body.decode("utf-8", "replace"), fetched.final_url
        else:
            return None
        try:
            return dict(self.analyser(html, where))
        except Exception as exc:  # extraction of hostile HTML must not cost the capture
            log.warning("analysing %s failed: %s", where, exc)
            return {"analysis_error": f"{type(exc).__name__}: {exc}"[:300]}

    def _metadata(
        self,
        capture_id: str,
        url: str,
        captured_at: datetime,
        listing_id: int | None,
        run_id: str | None,
        fetched: FetchResult,
        rendered: Rendered,
        facts: Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        return {
            "format": "ecowarden-capture-metadata/1",
            "capture_id": capture_id,
            "requested_url": url,
            "captured_at": utc_iso(captured_at),
            "listing_id": listing_id,
            "run_id": run_id,
            "http": {
                "final_url": fetched.final_url,
                "status": fetched.status,
                "server_ip": fetched.remote_ip,
                "tls": fetched.tls,
                "redirects": [
                    {"url": e.url, "truncated": e.truncated, "dechunked": e.dechunked}
                    for e in fetched.exchanges
                ],
                "redirects_stopped": fetched.stopped,
            },
            "browser": {
                "final_url": rendered.final_url or None,
                "status": rendered.status,
                "server_ip": rendered.server_ip,
                "server_port": rendered.server_port,
                "tls": rendered.security,
                "title": rendered.title,
                "page_height_px": rendered.page_height,
                "screenshot_clipped": rendered.screenshot_clipped,
                "browser": f"Chromium {rendered.browser_version}" if rendered.browser_version else None,
                "viewport": [self.browser.settings.viewport_width, self.browser.settings.viewport_height],
                "user_agent": self.browser.settings.user_agent,
                "rendered_from": _iso_epoch(rendered.started_at),
                "rendered_to": _iso_epoch(rendered.finished_at),
                "problems": rendered.problems,
                "resources": {
                    "recorded": len(rendered.resources.exchanges),
                    "bytes": rendered.resources.total_bytes,
                    "left_out_count": rendered.resources.left_out_count,
                    "left_out": [{"url": u, "reason": r} for u, r in rendered.resources.left_out],
                },
            },
            "extracted": dict(facts or {}),
            "environment": {
                "software": self.ctx.software,
                "operator": self.ctx.operator,
                "organisation": self.ctx.organisation,
                "host": socket.gethostname(),
                "config_sha256": self.ctx.config_sha256,
                "clock_source": clock_source(),
                "signing_key_id": self.ctx.key.key_id,
            },
        }

    def _write_warc(
        self,
        capture_id: str,
        url: str,
        captured_at: datetime,
        fetched: FetchResult,
        rendered: Rendered,
        photos: KeptPhotos,
        metadata: bytes,
    ) -> Path:
        """The WARC goes to a temporary file in the store's own tmp folder (swept if we die).

        Records in the order things happened: the raw fetch, what the rendered page loaded, the
        photos fetched afterwards, then the browser's artifacts and the metadata. Each exchange
        is dated when its request was sent; the artifacts when rendering began."""
        tmp_dir = self.ctx.store.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=tmp_dir)
        path = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                warc = CaptureWarc(out, WARC_NAME)
                warc.warcinfo(
                    {
                        "software": f"{self.ctx.software} (warcio)",
                        "format": f"WARC File Format {WARC_VERSION.split('/')[1]}",
                        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                        "description": f"ecowarden evidence capture {capture_id} of {url}",
                        "operator": self.ctx.operator,
                        "organisation": self.ctx.organisation,
                        "hostname": socket.gethostname(),
                        "http-header-user-agent": self.fetcher.user_agent,
                        "ecowarden-config-sha256": self.ctx.config_sha256,
                        "clock-source": clock_source(),
                        "robots": "not consulted: single-page evidence capture of a listing already crawled",
                    }
                )
                last_response = None
                for exchange in fetched.exchanges:
                    last_response = warc.exchange(exchange)
                page_loads: list[HttpExchange] = [*rendered.resources.exchanges, *photos.exchanges]
                for exchange in page_loads:
                    warc.exchange(exchange)
                started = rendered.started_at
                rendered_at = datetime.fromtimestamp(started, UTC) if started else None
                target = rendered.final_url or fetched.final_url or url
                for kind, media_type, data in (
                    ("dom", "text/html; charset=utf-8", rendered.dom),
                    ("screenshot", "image/png", rendered.screenshot),
                    ("pdf", "application/pdf", rendered.pdf),
                ):
                    if data is not None:
                        warc.resource(
                            Resource(f"urn:ecowarden:{kind}:{target}", media_type, data),
                            last_response,
                            made_at=rendered_at,
                        )
                warc.metadata(url, metadata, last_response, made_at=captured_at)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            with suppress(FileNotFoundError):
                path.unlink()
            raise
        return path


def _iso_epoch(value: float) -> str | None:
    return utc_iso(datetime.fromtimestamp(value, UTC)) if value else None
