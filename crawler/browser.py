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

# Scrolls until the page says it is done, or nothing new has loaded for ``idleMs``: a time, not a
# number of tries, because a busy server answers the next page slowly.
_SCROLL_JS = """async ([until, maxScrolls, idleMs]) => {
  let lastHeight = -1, lastCount = -1, lastChange = Date.now();
  for (let i = 0; i < maxScrolls; i++) {
    try { if (until && eval(until)) return i; } catch (e) {}
    window.scrollTo(0, document.body.scrollHeight);
    await new Promise(r => setTimeout(r, 100));
    const height = document.body.scrollHeight, count = document.getElementsByTagName('a').length;
    if (height !== lastHeight || count !== lastCount) {
      lastHeight = height; lastCount = count; lastChange = Date.now();
    } else if (Date.now() - lastChange > idleMs) {
      return i;
    }
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


def page_methods(
    options: BrowserOptions, *, index: bool, timeout_ms: int = 15000, idle_ms: int = 5000
) -> list[PageMethod]:
    """The scripted steps after navigation: wait for render, then scroll to load everything."""
    methods: list[PageMethod] = []
    wait_for = options.wait_for_index if index else options.wait_for_listing
    if wait_for:
        methods.append(PageMethod("evaluate", _WAIT_JS, [_condition(wait_for), timeout_ms]))
    if index and options.scroll:
        until = _condition(options.scroll_until) if options.scroll_until else ""
        methods.append(PageMethod("evaluate", _SCROLL_JS, [until, options.max_scrolls, idle_ms]))
    return methods


def generic_page_methods() -> list[PageMethod]:
    """For a JS page found by the generic spider: let it settle, then scroll for lazy content."""
    return [
        PageMethod("wait_for_load_state", "networkidle"),
        PageMethod("evaluate", _SCROLL_JS, ["", 60, 2000]),
    ]
