"""Drain the capture queue: claim a request, capture it, record the outcome, repeat.

Used by the crawl (a thread beside the reactor, so a slow browser never stalls crawling) and by
``ecowarden capture --pending``. The browser is started only when there is something to capture.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from evidence.browser_capture import BrowserSession, RenderSettings
from evidence.capturer import Analyser, Capturer
from evidence.context import EvidenceContext
from evidence.http_fetch import FetchError, FetchLimits, RawFetcher
from evidence.recording import StoredCapture
from evidence.settings import CaptureSettings, warn_if_no_tsa
from storage.capture_queue import CaptureQueue, QueuedCapture

log = logging.getLogger(__name__)

#: captures rendering at once in this process, whatever the number of workers: several crawls in
#: one process each have a worker, and on a small machine their browsers would starve the crawls
CAPTURE_SLOTS = threading.BoundedSemaphore(1)


def open_capturer(
    settings: CaptureSettings, factory: sessionmaker[Session], analyser: Analyser | None = None
) -> Capturer:
    """A capturer made from ``settings``; close its browser with ``capturer.browser.close()``."""
    ctx = EvidenceContext.from_settings(settings, factory)
    warn_if_no_tsa(settings.tsa_url)
    fetcher = RawFetcher(
        settings.user_agent,
        FetchLimits(
            timeout_s=settings.capture_timeout_s / 2,
            max_body_bytes=settings.max_response_bytes,
            max_redirects=settings.redirect_max,
        ),
    )
    browser = BrowserSession(
        RenderSettings(
            launch_options=settings.launch_options,
            user_agent=settings.user_agent,
            viewport_width=settings.viewport_width,
            viewport_height=settings.viewport_height,
            max_screenshot_height=settings.max_screenshot_height,
            timeout_s=settings.capture_timeout_s,
            max_dom_bytes=settings.max_response_bytes,
        )
    )
    return Capturer(ctx, fetcher, browser, analyser)


@dataclass
class DrainReport:
    captured: list[StoredCapture] = field(default_factory=list)
    failed: list[tuple[QueuedCapture, str]] = field(default_factory=list)
    retrying: int = 0


class CaptureWorker:
    def __init__(self, queue: CaptureQueue, make_capturer: Callable[[], Capturer]) -> None:
        self.queue = queue
        self._make_capturer = make_capturer
        self._capturer: Capturer | None = None

    @property
    def capturer(self) -> Capturer:
        if self._capturer is None:
            self._capturer = self._make_capturer()
        return self._capturer

    def process(self, request: QueuedCapture, report: DrainReport) -> None:
        try:
            with CAPTURE_SLOTS:
                stored = self.capturer.capture(
                    request.url,
                    listing_id=request.listing_id,
                    run_id=request.run_id,
                    snapshot=request.snapshot,
                )
        except FetchError as exc:
            self._failed(request, str(exc), report, retry=True)
        except Exception as exc:  # one bad page or a database hiccup must not end the worker
            log.exception("capture of %s failed", request.url)
            self._failed(request, f"{type(exc).__name__}: {exc}", report, retry=True)
        else:
            self.queue.done(request.id, stored.capture_id)
            report.captured.append(stored)

    def _failed(self, request: QueuedCapture, error: str, report: DrainReport, *, retry: bool) -> None:
        status = self.queue.failed(request.id, error, retry=retry)
        log.warning("capture of %s failed (%s): %s", request.url, status, error)
        if status == "failed":
            report.failed.append((request, error))
        else:
            report.retrying += 1

    def drain(
        self,
        *,
        run_id: str | None = None,
        should_stop: Callable[[], bool] = lambda: False,
        on_done: Callable[[DrainReport], None] | None = None,
    ) -> DrainReport:
        """Capture until the queue (or this run's part of it) is empty or ``should_stop()``."""
        report = DrainReport()
        tried: set[int] = set()
        while not should_stop():
            request = self.queue.claim(run_id=run_id, exclude=tried)
            if request is None:
                break
            tried.add(request.id)
            self.process(request, report)
            if on_done is not None:
                on_done(report)
        return report

    def close(self) -> None:
        if self._capturer is not None:
            self._capturer.browser.close()
            self._capturer = None


__all__ = ["BrowserSession", "CaptureWorker", "DrainReport", "open_capturer"]
