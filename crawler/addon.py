"""The one add-on that wires ecowarden's components into a Scrapy crawler."""

from __future__ import annotations

from scrapy.settings import BaseSettings

from crawler.cluster.settings import ClusterSettings

PIPELINES = {
    "crawler.pipelines.normalize.NormalizeListingPipeline": 100,
    "crawler.pipelines.classify.ClassifierPipeline": 300,
    "crawler.pipelines.storage.StoragePipeline": 800,
}
SPIDER_MIDDLEWARES = {
    # nearest the engine: it must see the final output of every callback
    "crawler.cluster.middleware.LeaseSpiderMiddleware": 1,
    "crawler.middlewares.traps.TrapGuardMiddleware": 950,
}
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.resume.SkipObservedListingsMiddleware": 50,
    "crawler.middlewares.encoding.EncodingRepairMiddleware": 560,
}
EXTENSIONS = {
    "crawler.extensions.runs.CrawlRunExtension": 10,
    "crawler.extensions.lease_watch.LeaseWatchExtension": 15,
    "crawler.extensions.capture.EvidenceCaptureExtension": 20,
    "crawler.cluster.extension.ClusterExtension": 30,
    "crawler.extensions.metrics.PrometheusMetricsExtension": 40,
    "crawler.extensions.search_run.SearchRunExtension": 50,
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
        cluster = ClusterSettings.from_settings(settings)
        if cluster.active:
            self._cluster(settings, cluster)
        if settings.getbool("ECOWARDEN_BROWSER_ENABLED", True):
            for scheme, path in DOWNLOAD_HANDLERS.items():
                settings["DOWNLOAD_HANDLERS"].set(scheme, path, priority="addon")

    @staticmethod
    def _cluster(settings: BaseSettings, cluster: ClusterSettings) -> None:
        """A cluster run: scrapy-redis's scheduler and duplicate filter on the run's keys, leases
        on every taken request, and items acknowledged only once stored."""
        keys = cluster.keys
        for name, value in (
            ("SCHEDULER", "crawler.cluster.scheduler.ClusterScheduler"),
            ("SCHEDULER_QUEUE_CLASS", "crawler.cluster.scheduler.LeasedPriorityQueue"),
            ("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter"),
            ("SCHEDULER_PERSIST", True),
            ("SCHEDULER_QUEUE_KEY", keys.queue),
            ("SCHEDULER_DUPEFILTER_KEY", keys.seen),
            ("REDIS_URL", cluster.redis_url),
            ("STORAGE_ACK_ON_COMMIT", True),
            # a response stays "active" until its items are committed (up to a flush interval):
            # Scrapy's 5 MB default would throttle downloading to what fits in one interval
            ("SCRAPER_SLOT_MAX_ACTIVE_SIZE", 32 * 1024 * 1024),
        ):
            settings.set(name, value, priority="addon")
