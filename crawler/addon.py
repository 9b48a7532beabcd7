"""The one add-on that wires ecowarden's components into a Scrapy crawler."""

from __future__ import annotations

from scrapy.settings import BaseSettings

PIPELINES = {
    "crawler.pipelines.normalize.NormalizeListingPipeline": 100,
    "crawler.pipelines.classify.ClassifierPipeline": 300,
    "crawler.pipelines.storage.StoragePipeline": 800,
}
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.traps.TrapGuardMiddleware": 950,
}
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.resume.SkipObservedListingsMiddleware": 50,
    "crawler.middlewares.encoding.EncodingRepairMiddleware": 560,
}
EXTENSIONS = {
    "crawler.extensions.runs.CrawlRunExtension": 10,
    "crawler.extensions.capture.EvidenceCaptureExtension": 20,
}
DOWNLOAD_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}


class EcowardenAddon:
    """Adds the project's pipelines, middlewares and the browser download handler.

    Components only ever switch themselves off (``NotConfigured``) from their own settings,
    so a deployment can disable one without editing this list.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        for name, components in (
            ("ITEM_PIPELINES", PIPELINES),
            ("SPIDER_MIDDLEWARES", SPIDER_MIDDLEWARES),
            ("DOWNLOADER_MIDDLEWARES", DOWNLOADER_MIDDLEWARES),
            ("EXTENSIONS", EXTENSIONS),
        ):
            for path, order in components.items():
                settings[name].set(path, order, priority="addon")
        if settings.getbool("ECOWARDEN_BROWSER_ENABLED", True):
            for scheme, path in DOWNLOAD_HANDLERS.items():
                settings["DOWNLOAD_HANDLERS"].set(scheme, path, priority="addon")
