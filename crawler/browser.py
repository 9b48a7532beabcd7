"""What the browser does for pages that need it: fewer downloads, and scripted waits and scrolls.

Every step here has a deadline enforced from Python or by Playwright's driver, never by the
page's own JavaScript: a hostile page can replace ``setTimeout`` or busy-loop, and a wait that
trusted the page would then never return and freeze the crawl.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from typing import Any

from scrapy_playwright.page import PageMethod

from crawler.sites import BrowserOptions

logger = logging.getLogger(__name__)

_SKIPPED_RESOURCES = frozenset({"image", "font", "media"})
#: one scroll step must answer within this ...
STEP_TIMEOUT_S = 5.0
#: ... this many times in a row before the page counts as hung (a loaded machine, e.g. several
#: crawls and capture browsers sharing two cores, makes single steps slow, not pages hung)
STEP_TIMEOUTS_ALLOWED = 3

# One step: scroll to the bottom and report [condition met, page height, number of links].
_STEP_JS = """(until) => {
  let done = false;
  try { done = !!(until && (0, eval)(until)); } catch (e) {}
  window.scrollTo(0, document.body ? document.body.scrollHeight : 0);
  const body = document.body;
  return [done, body ? body.scrollHeight : 0, document.getElementsByTagName('a').length];
}"""


async def should_abort_request(request: Any) -> bool:
    """Images, fonts and media are not needed to read a listing (evidence capture keeps them)."""
    return bool(request.resource_type in _SKIPPED_RESOURCES)


def _condition(wait_for: str) -> str:
    if wait_for.startswith("js:"):
        return wait_for[3:]
    escaped = wait_for.replace("\\", "\\\\").replace("'", "\\'")
    return f"document.querySelector('{escaped}') !== null"


async def wait_until(page: Any, condition: str, timeout_ms: int) -> bool:
    """Wait for a JS condition; Playwright's driver enforces the timeout. False on timeout, so a
    removed (404) listing whose page never renders is handled by its status, not as a crash."""
    try:
        await page.wait_for_function(condition, timeout=timeout_ms, polling=100)
    except Exception:  # Playwright's TimeoutError, or the page navigated/crashed meanwhile
        return False
    return True


async def scroll_to_end(page: Any, until: str, max_scrolls: int, idle_ms: int, deadline_ms: int) -> int:
    """Scroll until the page says it is done, nothing new loads for ``idle_ms`` (a busy server
    answers the next page slowly, so it is a time, not a number of tries), or the deadline.

    Why it stopped is logged: an infinite list cut short by a slow server is otherwise invisible
    (the crawl just finds fewer listings)."""
    started = time.monotonic()
    last_change = started
    last: tuple[int, int] | None = None
    reason, steps = "max_scrolls", max_scrolls
    timeouts = 0
    for step in range(max_scrolls):
        if (time.monotonic() - started) * 1000 > deadline_ms:
            reason, steps = "deadline", step
            break
        try:
            done, height, links = await asyncio.wait_for(page.evaluate(_STEP_JS, until), STEP_TIMEOUT_S)
        except TimeoutError:
            timeouts += 1
            if timeouts >= STEP_TIMEOUTS_ALLOWED:
                reason, steps = f"{timeouts} steps in a row took over {STEP_TIMEOUT_S:.0f} s", step
                break
            continue
        except Exception as exc:  # navigation, crash: stop scrolling, keep what loaded
            reason, steps = f"step failed ({type(exc).__name__})", step
            break
        timeouts = 0
        if done:
            reason, steps = "page done", step
            break
        now = time.monotonic()
        if (height, links) != last:
            last, last_change = (height, links), now
        elif (now - last_change) * 1000 > idle_ms:
            reason, steps = f"nothing new for {idle_ms} ms", step
            break
        await asyncio.sleep(0.1)
    level = logging.INFO if reason == "page done" else logging.WARNING
    logger.log(
        level,
        "scrolling %s stopped after %d steps, %.1f s: %s",
        page.url,
        steps,
        time.monotonic() - started,
        reason,
    )
    return steps


def page_methods(
    options: BrowserOptions,
    *,
    index: bool,
    timeout_ms: int = 15000,
    idle_ms: int | None = None,
    deadline_ms: int = 300_000,
) -> list[PageMethod]:
    """The scripted steps after navigation: wait for render, then scroll to load everything.

    A site that says when its list is exhausted (``scroll_until``) gets a long idle allowance: a
    pause then means a slow server, not the end, and stopping early silently loses listings."""
    if idle_ms is None:
        idle_ms = 30_000 if options.scroll_until else 5_000
    methods: list[PageMethod] = []
    wait_for = options.wait_for_index if index else options.wait_for_listing
    if wait_for:
        methods.append(PageMethod(wait_until, _condition(wait_for), timeout_ms))
    if index and options.scroll:
        until = _condition(options.scroll_until) if options.scroll_until else ""
        methods.append(PageMethod(scroll_to_end, until, options.max_scrolls, idle_ms, deadline_ms))
    return methods


def generic_page_methods() -> list[PageMethod]:
    """For a JS page found by the generic spider: let it settle, then scroll for lazy content."""
    return [
        PageMethod(wait_until, "document.readyState === 'complete'", 15000),
        PageMethod(scroll_to_end, "", 60, 2000, 60_000),
    ]


#: the page's own record of the requests its scripts made (Resource Timing): same-origin
#: fetch/XHR URLs only, at most 50
_FETCHED_JS = """() => {
  const origin = location.origin;
  const seen = [];
  for (const e of performance.getEntriesByType('resource')) {
    if (e.initiatorType !== 'fetch' && e.initiatorType !== 'xmlhttprequest') continue;
    if (typeof e.name !== 'string' || !e.name.startsWith(origin + '/')) continue;
    if (!seen.includes(e.name)) seen.push(e.name);
    if (seen.length >= 50) break;
  }
  return seen;
}"""


async def fetched_urls(page: Any) -> list[str]:
    """The URLs the page's scripts fetched, for learning its JSON API (crawler/jsonapi.py).

    Only the URLs come from the page; the crawler fetches them again itself, so the downloader's
    size and time limits hold and a page that lies about them can only waste a few requests."""
    try:
        found = await asyncio.wait_for(page.evaluate(_FETCHED_JS), STEP_TIMEOUT_S)
    except Exception:  # a hung, crashed or navigating page has told us nothing
        return []
    if not isinstance(found, list):
        return []
    return [u for u in found if isinstance(u, str) and len(u) < 2000][:50]


#: while learning an API, a few scrolls are enough to make an infinite list ask for its next page
API_LEARNING_SCROLLS = 12


def api_learning_methods(options: BrowserOptions, *, index: bool) -> list[PageMethod]:
    """Render like ``page_methods``, scroll only enough to see paging, then read the fetch log."""
    learning = dataclasses.replace(options, max_scrolls=min(options.max_scrolls, API_LEARNING_SCROLLS))
    return [*page_methods(learning, index=index, idle_ms=1_000), PageMethod(fetched_urls)]


def generic_learning_methods() -> list[PageMethod]:
    """For the generic spider's learning render: settle as ``generic_page_methods`` does, scroll
    only enough to see paging (a site it knows nothing about says nowhere when it has rendered),
    then read the fetch log."""
    return [
        PageMethod(wait_until, "document.readyState === 'complete'", 15000),
        PageMethod(scroll_to_end, "", API_LEARNING_SCROLLS, 1_500, 30_000),
        PageMethod(fetched_urls),
    ]


def page_method_result(meta: dict[str, Any], method: Any) -> Any:
    """What a page method of a rendered request returned (None when it did not run)."""
    for step in meta.get("playwright_page_methods") or ():
        if isinstance(step, PageMethod) and step.method is method:
            return step.result
    return None
