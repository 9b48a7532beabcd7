"""Render a page in a fresh Chromium context and keep what a person saw: screenshot, DOM, PDF.

One browser process serves many captures, but each capture gets a new context (no cookies,
storage or cache from the one before), so what one page set cannot change how the next renders.

Playwright's async API runs on an event loop owned by a thread of this class. Callers (the
capture worker, the CLI) are plain threads and call :meth:`BrowserSession.render`, which waits
with a hard deadline: every browser step is also bounded by ``asyncio.wait_for`` because some
Playwright calls (``content()``, ``pdf()``) take no timeout and a page that busy-loops its main
thread would block them forever. A context that will not close is abandoned by restarting the
browser.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Coroutine
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any, TypeVar

from playwright.async_api import Browser, Page, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from evidence.page_resources import RecordedResources, ResourceLimits, ResourceRecorder
from evidence.photos import PHOTO_CANDIDATES_JS, PhotoCandidate, parse_candidates

log = logging.getLogger(__name__)
T = TypeVar("T")
#: [scroll height, scroll width, characters of markup]: sizes to bound before taking artifacts
_PAGE_SIZE_JS = """() => {
  const doc = document.documentElement, body = document.body;
  return [Math.max(doc.scrollHeight, body ? body.scrollHeight : 0),
          Math.max(doc.scrollWidth, body ? body.scrollWidth : 0),
          doc.outerHTML.length];
}"""
#: a PDF of an endless page is cut at this many pages
MAX_PDF_PAGES = 50


class BrowserCaptureError(Exception):
    """The page could not be rendered at all (browser failed to start or navigate)."""


@dataclass(frozen=True)
class RenderSettings:
    launch_options: dict[str, Any]
    user_agent: str
    viewport_width: int = 1280
    viewport_height: int = 900
    max_screenshot_height: int = 16000
    timeout_s: float = 60.0
    #: after "load", wait this long at most for the network to go quiet (late XHR content)
    settle_s: float = 5.0
    max_dom_bytes: int = 50 * 1024 * 1024
    #: what of the page's own loads (images, CSS, fonts, scripts, XHR) the WARC keeps
    resources: ResourceLimits = field(default_factory=ResourceLimits)
    #: share of the time left after the page settled that recording its resources may take
    resources_share: float = 0.3


@dataclass
class Rendered:
    """What the browser produced; any artifact may be missing, with the reason in ``problems``."""

    requested_url: str
    final_url: str = ""
    status: int | None = None
    server_ip: str | None = None
    server_port: int | None = None
    security: dict[str, Any] | None = None
    title: str = ""
    screenshot: bytes | None = None
    dom: bytes | None = None
    pdf: bytes | None = None
    page_height: int | None = None
    screenshot_clipped: bool = False
    browser_version: str = ""
    #: every response the page received, as exchanges, and what was left out
    resources: RecordedResources = field(default_factory=RecordedResources)
    #: the images the page offers as photos (the capturer keeps the full-size files)
    photo_candidates: list[PhotoCandidate] = field(default_factory=list)
    started_at: float = 0.0
    finished_at: float = 0.0
    problems: list[str] = field(default_factory=list)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class BrowserSession:
    """A Chromium process and the thread whose event loop drives it; close() when done."""

    def __init__(self, settings: RenderSettings) -> None:
        self.settings = settings
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="ecowarden-capture-browser", daemon=True
        )
        self._thread.start()
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    # -- public, called from any thread ----------------------------------------------------
    def render(self, url: str) -> Rendered:
        timeout = self.settings.timeout_s
        future = asyncio.run_coroutine_threadsafe(self._render(url, time.monotonic() + timeout), self._loop)
        try:
            return future.result(timeout + 30.0)
        except FutureTimeout:
            future.cancel()
            self._call(self._restart(), 30.0)
            raise BrowserCaptureError(f"rendering {url[:200]} did not finish in {timeout:.0f} s") from None

    def close(self) -> None:
        if self._loop.is_closed():
            return
        try:
            self._call(self._shutdown(), 30.0)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10.0)
            if not self._thread.is_alive():
                self._loop.close()

    def __enter__(self) -> BrowserSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, coroutine: Coroutine[Any, Any, T], timeout: float) -> T | None:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except Exception as exc:  # shutting down: report, never raise over the real error
            log.warning("browser housekeeping failed: %s", _one_line(exc))
            return None

    # -- on the loop ------------------------------------------------------------------------
    async def _ensure_browser(self) -> Browser:
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        if self._playwright is None:
            self._playwright = await async_playwright().start()
        try:
            self._browser = await self._playwright.chromium.launch(**self.settings.launch_options)
        except PlaywrightError as exc:
            raise BrowserCaptureError(f"cannot start Chromium: {_one_line(exc)}") from None
        return self._browser

    async def _restart(self) -> None:
        browser, self._browser = self._browser, None
        if browser is not None:
            try:
                await asyncio.wait_for(browser.close(), 15.0)
            except (TimeoutError, PlaywrightError) as exc:
                log.warning("closing a stuck browser failed: %s", _one_line(exc))

    async def _shutdown(self) -> None:
        await self._restart()
        if self._playwright is not None:
            playwright, self._playwright = self._playwright, None
            await playwright.stop()

    async def _render(self, url: str, deadline: float) -> Rendered:
        result = Rendered(requested_url=url, started_at=time.time())
        browser = await self._ensure_browser()
        result.browser_version = browser.version
        s = self.settings
        context = await browser.new_context(
            user_agent=s.user_agent,
            viewport={"width": s.viewport_width, "height": s.viewport_height},
            service_workers="block",
            accept_downloads=False,
        )
        recorder = ResourceRecorder(s.resources)
        try:
            page = await context.new_page()
            page.on("response", recorder.on_response)
            await self._navigate(page, url, deadline, result)
            if result.final_url:
                candidates = await self._step("photos", page.evaluate(PHOTO_CANDIDATES_JS), deadline, result)
                result.photo_candidates = parse_candidates(candidates)
                # bodies first (within a share of the time), while the page holds them; then the
                # artifacts; then whatever drawing the whole page made it load late
                await recorder.collect(time.monotonic() + self._left(deadline) * s.resources_share)
                await self._artifacts(page, deadline, result)
                result.resources = await recorder.collect(deadline)
        finally:
            try:
                await asyncio.wait_for(context.close(), 10.0)
            except (TimeoutError, PlaywrightError) as exc:
                result.problems.append(
                    f"browser context would not close ({_one_line(exc)}); browser restarted"
                )
                await self._restart()
        result.finished_at = time.time()
        return result

    @staticmethod
    def _left(deadline: float) -> float:
        return max(0.1, deadline - time.monotonic())

    async def _step(
        self, what: str, awaitable: Awaitable[T], deadline: float, result: Rendered, share: float = 1.0
    ) -> T | None:
        """Run one browser step within ``share`` of the time left, so one slow artifact (a
        screenshot of a huge page) cannot starve the ones after it."""
        try:
            return await asyncio.wait_for(awaitable, self._left(deadline) * share)
        except (TimeoutError, PlaywrightError) as exc:
            result.problems.append(f"{what}: {_one_line(exc)}")
            return None

    async def _navigate(self, page: Page, url: str, deadline: float, result: Rendered) -> None:
        timeout_ms = self._left(deadline) * 1000
        try:
            response = await page.goto(url, wait_until="load", timeout=timeout_ms)
        except PlaywrightError as exc:
            # the document may still have arrived (a "load" that never fires): keep what rendered
            result.problems.append(f"navigation: {_one_line(exc)}")
            response = None
            if page.url in ("", "about:blank"):
                return
        result.final_url = page.url
        if response is not None:
            result.status = response.status
            server = await self._step("server address", response.server_addr(), deadline, result)
            if server:
                result.server_ip, result.server_port = server["ipAddress"], server["port"]
            security = await self._step("TLS details", response.security_details(), deadline, result)
            result.security = dict(security) if security else None
        settle = min(self.settings.settle_s, self._left(deadline) / 4)
        try:
            await page.wait_for_load_state("networkidle", timeout=settle * 1000)
        except PlaywrightError:
            pass  # a page that keeps polling never goes idle; "load" already fired
        title = await self._step("title", page.title(), deadline, result)
        result.title = (title or "")[:1000]

    async def _artifacts(self, page: Page, deadline: float, result: Rendered) -> None:
        s = self.settings
        size = await self._step("page size", page.evaluate(_PAGE_SIZE_JS), deadline, result)
        width, characters = s.viewport_width, 0
        if isinstance(size, list) and len(size) == 3:
            result.page_height, width, characters = int(size[0]), int(size[1]), int(size[2])
        shot: dict[str, Any] = {"full_page": True, "type": "png", "animations": "disabled"}
        # a page can be made endlessly tall or wide: the image is bounded both ways
        max_width = s.viewport_width * 3
        if (result.page_height or 0) > s.max_screenshot_height or width > max_width:
            clip_height = min(result.page_height or s.viewport_height, s.max_screenshot_height)
            shot["clip"] = {"x": 0, "y": 0, "width": min(width, max_width), "height": clip_height}
            result.screenshot_clipped = True
            result.problems.append(
                f"screenshot cut to {min(width, max_width)}x{clip_height} px"
                f" of a {width}x{result.page_height} px page"
            )
        budget = self._left(deadline) * 0.4
        result.screenshot = await self._step(
            "screenshot", page.screenshot(timeout=budget * 1000, **shot), deadline, result, 0.4
        )
        # characters, not bytes, but a UTF-8 byte count is at least that: refuse before copying
        dom = None
        if characters > s.max_dom_bytes:
            result.problems.append(f"DOM of {characters} characters exceeds the limit; not kept")
        else:
            dom = await self._step("DOM", page.content(), deadline, result, 0.5)
        if dom is not None:
            encoded = dom.encode("utf-8", "surrogatepass")
            if len(encoded) > s.max_dom_bytes:
                result.problems.append(f"DOM of {len(encoded)} bytes exceeds the limit; not kept")
            else:
                result.dom = encoded
        await self._step("print media", page.emulate_media(media="screen"), deadline, result)
        result.pdf = await self._step(
            "PDF",
            page.pdf(print_background=True, format="A4", page_ranges=f"1-{MAX_PDF_PAGES}"),
            deadline,
            result,
        )
