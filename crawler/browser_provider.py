"""Playwright started when a page first needs the browser, not when the crawl starts.

scrapy-playwright starts Playwright's driver (a Node.js process per download handler, one for
``http`` and one for ``https``) as the engine starts, and the crawl's first request waits for
it: 0.3–0.6 s of every crawl of a site that may need a browser (the generic spider), although
most such crawls never render a page. This provider, plugged in through scrapy-playwright's own
``PLAYWRIGHT_BROWSER_PROVIDER`` setting, starts the driver on the first request for a browser.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from scrapy_playwright.provider import PlaywrightBrowserProvider

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext
    from scrapy_playwright.handler import Config


class LazyPlaywrightProvider(PlaywrightBrowserProvider):  # type: ignore[misc]  # untyped library
    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self._started = False
        self._start_lock = asyncio.Lock()

    async def start(self) -> None:
        """Called as the engine starts: nothing to do yet."""

    async def _ensure_started(self) -> None:
        async with self._start_lock:
            if not self._started:
                await super().start()
                self._started = True

    async def launch_browser(self) -> Browser:
        await self._ensure_started()
        browser: Browser = await super().launch_browser()
        return browser

    async def launch_persistent_context(self, context_kwargs: dict[str, object]) -> BrowserContext:
        await self._ensure_started()
        context: BrowserContext = await super().launch_persistent_context(context_kwargs)
        return context
