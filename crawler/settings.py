"""Scrapy settings of the ecowarden project: the static part.

Values that users tune (politeness, browser, database) come from ``ecowarden.toml`` through
:func:`crawler.config_settings.settings_from_config`; the components are wired by the add-on.
"""

from __future__ import annotations

from scrapy.settings import default_settings

BOT_NAME = "ecowarden"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

ADDONS = {"crawler.addon.EcowardenAddon": 0}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
TELNETCONSOLE_ENABLED = False
# Scrapy's remote control runs Python sent over HTTP; a crawler of hostile sites needs none of it.
REMOTE_CONTROL_ENABLED = False
# Switched off, neither is left in the base list either: Scrapy imports every component listed
# there, even those disabled, and the remote control pulls in aiohttp (a tenth of the start-up of
# a small crawl).
_unused_extensions = {
    "scrapy.extensions.remote_control.RemoteControl",
    "scrapy.extensions.telnet.TelnetConsole",
}
EXTENSIONS_BASE = {
    path: order for path, order in default_settings.EXTENSIONS_BASE.items() if path not in _unused_extensions
}

ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False
AUTOTHROTTLE_ENABLED = True
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Depth-first is the wrong order for a focused crawl: breadth with priorities.
DEPTH_PRIORITY = 0
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
LOG_LEVEL = "INFO"
# Scrapy starts this many asyncio tasks for every response's output, however little it yields (a
# listing page yields one item): at the default of 100 that was about 105 tasks per page and a sixth
# of the crawl's CPU. The pipelines batch their work, so items of one page need no parallelism.
CONCURRENT_ITEMS = 8
