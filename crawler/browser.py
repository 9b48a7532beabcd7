"""What the browser does for pages that need it: fewer downloads, and scripted waits/scrolls."""

from __future__ import annotations

from typing import Any

from scrapy_playwright.page import PageMethod

from crawler.sites import BrowserOptions

_SKIPPED_RESOURCES = frozenset({"image", "font", "media"})

# Polls a condition instead of Playwright's wait_for_selector, which raises on timeout and would
# turn a removed (404) listing into a download error.
_WAIT_JS = """async ([condition, timeoutMs]) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try { if (eval(condition)) return true; } catch (e) {}
    await new Promise(r => setTimeout(r, 50));
  }
  return false;
}"""

_SCROLL_JS = """async ([until, maxScrolls]) => {
  let stale = 0, lastHeight = 0, lastCount = 0;
  for (let i = 0; i < maxScrolls; i++) {
    try { if (until && eval(until)) return i; } catch (e) {}
    window.scrollTo(0, document.body.scrollHeight);
    await new Promise(r => setTimeout(r, 150));
    const height = document.body.scrollHeight, count = document.getElementsByTagName('a').length;
    if (height === lastHeight && count === lastCount) { if (++stale >= 8) return i; }
    else { stale = 0; lastHeight = height; lastCount = count; }
  }
  return maxScrolls;
}"""


async def should_abort_request(request: Any) -> bool:
    """Images, fonts and media are not needed to read a listing (evidence capture keeps them)."""
    return bool(request.resource_type in _SKIPPED_RESOURCES)


def _condition(wait_for: str) -> str:
    if wait_for.startswith("js:"):
        return wait_for[3:]
    escaped = wait_for.replace("\\", "\\\\").replace("'", "\\'")
    return f"document.querySelector('{escaped}') !== null"


def page_methods(options: BrowserOptions, *, index: bool, timeout_ms: int = 15000) -> list[PageMethod]:
    """The scripted steps after navigation: wait for render, then scroll to load everything."""
    methods: list[PageMethod] = []
    wait_for = options.wait_for_index if index else options.wait_for_listing
    if wait_for:
        methods.append(PageMethod("evaluate", _WAIT_JS, [_condition(wait_for), timeout_ms]))
    if index and options.scroll:
        until = _condition(options.scroll_until) if options.scroll_until else ""
        methods.append(PageMethod("evaluate", _SCROLL_JS, [until, options.max_scrolls]))
    return methods


def generic_page_methods() -> list[PageMethod]:
    """For a JS page found by the generic spider: let it settle, then scroll for lazy content."""
    return [
        PageMethod("wait_for_load_state", "networkidle"),
        PageMethod("evaluate", _SCROLL_JS, ["", 40]),
    ]
