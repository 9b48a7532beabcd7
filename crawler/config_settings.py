"""Translate the project config into Scrapy settings: the only bridge between the two."""

from __future__ import annotations

from typing import Any

from ecowarden.config import Config
from evidence.settings import CaptureSettings


def settings_from_config(config: Config) -> dict[str, Any]:
    crawl = config.crawl
    browser = config.browser
    launch = browser.launch_options()
    return {
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots,
        "CONCURRENT_REQUESTS": crawl.concurrent_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_per_domain,
        "DOWNLOAD_DELAY": crawl.download_delay_s,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": crawl.autothrottle_start_delay_s,
        "AUTOTHROTTLE_MAX_DELAY": crawl.autothrottle_max_delay_s,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": crawl.autothrottle_target_concurrency,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout_s,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "DOWNLOAD_WARNSIZE": crawl.warn_page_bytes,
        "REDIRECT_MAX_TIMES": crawl.redirect_max,
        "RETRY_TIMES": crawl.retry_times,
        "DEPTH_LIMIT": crawl.depth_limit,
        "CLOSESPIDER_PAGECOUNT": crawl.max_pages,
        "TRAPGUARD_MAX_PER_SHAPE": crawl.max_pages_per_shape,
        "STORAGE_DATABASE_URL": config.database_url(),
        "STORAGE_BATCH_SIZE": crawl.batch_size,
        "STORAGE_FLUSH_INTERVAL": crawl.flush_interval_s,
        "CLASSIFIER_ENABLED": config.classifier.enabled,
        "EVIDENCE_CAPTURE_ON_FLAG": config.captures_on_flag(),
        "EVIDENCE_DRAIN_TIMEOUT": config.evidence.drain_timeout_s,
        "EVIDENCE_MAX_CAPTURES_PER_RUN": config.evidence.max_captures_per_run,
        "METRICS_PORT": config.monitoring.metrics_port,
        "METRICS_HOST": config.monitoring.metrics_host,
        "CLASSIFIER_MODEL_PATH": str(config.path(config.classifier.model_path))
        if config.classifier.model_path
        else "",
        "CLASSIFIER_BATCH_SIZE": config.classifier.batch_size,
        "CLASSIFIER_FLUSH_INTERVAL": config.classifier.flush_interval_s,
        "CLUSTER_REDIS_URL": config.cluster.redis_url,
        "CLUSTER_KEY_PREFIX": config.cluster.key_prefix,
        "CLUSTER_HEARTBEAT": config.cluster.heartbeat_s,
        "CLUSTER_WORKER_TIMEOUT": config.cluster.worker_timeout_s,
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_BROWSER_PROVIDER": "crawler.browser_provider.LazyPlaywrightProvider",
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": browser.max_pages,
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": browser.navigation_timeout_s * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": "crawler.browser.should_abort_request",
        **CaptureSettings.from_config(config).to_settings(),
    }
