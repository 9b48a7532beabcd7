"""Classifies listings during the crawl, in batches, in a worker thread.

Items wait for their batch (at most ``CLASSIFIER_BATCH_SIZE`` items or ``CLASSIFIER_FLUSH_INTERVAL``
seconds), because the model is much faster on a batch than on one text at a time; the verdict
rides on the item to the storage pipeline, which stores it with the listing version it judged.
"""

from __future__ import annotations

import functools
import gc
import logging
from dataclasses import dataclass
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.internet.defer import Deferred, succeed

from crawler.items import ListingItem
from crawler.pipelines.worker import BatchWorkerPipeline
from ecowarden.config import ClassifierConfig

logger = logging.getLogger(__name__)


def listing_input(item: ListingItem) -> Any:
    from classifiers.types import ListingInput

    url = item.canonical_url
    return ListingInput.of(url, item.listing_content(), url=url, text_language=item.text_language)


@functools.lru_cache(maxsize=2)
def _load(path: str | None) -> Any:
    """One model per process, shared by the crawlers of a multi-site crawl (prediction only
    reads it, so sharing it between their worker threads is safe)."""
    from classifiers.model import ListingClassifier

    model = ListingClassifier.load(path)
    # The model and its lexicon are a million small objects that live as long as the process: left
    # to the cyclic collector, every full collection walks all of them again (seconds of a crawl's
    # CPU). Frozen, the collector leaves everything allocated so far alone.
    gc.freeze()
    return model


@dataclass(frozen=True)
class ClassifierSettings:
    """``CLASSIFIER_*``, read once; defaults are the config's (``[classifier]``)."""

    enabled: bool
    #: a model card, folder or file; "" for the committed default model
    model_path: str
    batch_size: int
    flush_interval_s: float

    @classmethod
    def from_settings(cls, settings: Settings) -> ClassifierSettings:
        defaults = ClassifierConfig()
        return cls(
            enabled=settings.getbool("CLASSIFIER_ENABLED", defaults.enabled),
            model_path=str(settings.get("CLASSIFIER_MODEL_PATH") or ""),
            batch_size=max(1, settings.getint("CLASSIFIER_BATCH_SIZE", defaults.batch_size)),
            flush_interval_s=settings.getfloat("CLASSIFIER_FLUSH_INTERVAL", defaults.flush_interval_s),
        )


class ClassifierPipeline(BatchWorkerPipeline):
    def __init__(self, crawler: Crawler, classifier: Any, config: ClassifierSettings) -> None:
        super().__init__("ecowarden-classifier", crawler)
        self.classifier = classifier
        self.config = config
        self.batch_size = config.batch_size
        self.interval = config.flush_interval_s
        assert crawler.stats is not None
        self.stats: StatsCollector = crawler.stats
        self.pending: list[tuple[ListingItem, Deferred[ListingItem]]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifierPipeline:
        config = ClassifierSettings.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured
        try:
            classifier = _load(config.model_path or None)
        except Exception as exc:  # a crawl without verdicts beats no crawl
            logger.error("classifier not loaded, listings are stored unclassified: %s", exc)
            raise NotConfigured(str(exc)) from exc
        assert crawler.stats is not None
        crawler.stats.set_value("ecowarden/classifier/model_version", classifier.version)
        return cls(crawler, classifier, config)

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, ListingItem):
            return item
        d: Deferred[ListingItem] = Deferred()
        self.pending.append((item, d))
        if len(self.pending) >= self.batch_size:
            self._flush()
        return await maybe_deferred_to_future(d)

    def _has_pending(self) -> bool:
        return bool(self.pending)

    def _flush(self) -> Deferred[None]:
        from twisted.internet import reactor

        batch, self.pending = self.pending, []
        if not batch:
            return succeed(None)
        items = [item for item, _ in batch]
        d = threads.deferToThreadPool(reactor, self.pool, self._classify, items)

        def release(_: Any) -> None:
            for item, waiting in batch:
                waiting.callback(item)

        d.addBoth(release)
        return d

    def _classify(self, items: list[ListingItem]) -> None:
        """Runs in the worker thread; a failure leaves the batch unclassified, never lost."""
        try:
            predictions = self.classifier.predict([listing_input(item) for item in items])
        except Exception:
            logger.exception("classifying a batch of %d failed; stored without verdicts", len(items))
            self.stats.inc_value("ecowarden/classifier/failed_items", len(items))
            return
        flagged = 0
        for item, prediction in zip(items, predictions, strict=True):
            # the threshold rides with the verdict to its queue row: the "informative" order is
            # the distance to it
            item.verdict = prediction.verdict(self.classifier.threshold)
            flagged += item.verdict.flagged
        self.stats.inc_value("ecowarden/classifier/classified", len(items))
        if flagged:
            self.stats.inc_value("ecowarden/listings/flagged", flagged)
