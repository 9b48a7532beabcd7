"""Classifies listings during the crawl, in batches, in a worker thread.

Items wait for their batch (at most ``CLASSIFIER_BATCH_SIZE`` items or ``CLASSIFIER_FLUSH_INTERVAL``
seconds), because the model is much faster on a batch than on one text at a time; the verdict
rides on the item to the storage pipeline, which stores it with the listing version it judged.
"""

from __future__ import annotations

import gc
import logging
import threading
from concurrent.futures import Future
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


class ModelLoad:
    """The model, loading in a daemon thread from the moment the pipeline is built.

    Loading (reading and checking the file, the lexicon's matcher, the first prediction's lazy
    parts) takes about a second; a crawl spends its first seconds fetching robots.txt and index
    pages under AutoThrottle's delays, so the two overlap and only a crawl whose first batch comes
    sooner waits, in the classifier's own thread, never in the reactor's. A crawl that finds no
    listing never waits at all. A daemon, so that an interrupted crawl still exits at once.
    """

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.future: Future[Any] = Future()
        threading.Thread(target=self._load, name="ecowarden-model-load", daemon=True).start()

    def _load(self) -> None:
        from classifiers.model import ListingClassifier

        try:
            model = ListingClassifier.load(self.path)
            model.warm_up()
        except BaseException as exc:  # handed to whoever waits for the model
            self.future.set_exception(exc)
            return
        # The model and its lexicon are a million small objects that live as long as the process:
        # left to the cyclic collector, every full collection walks all of them again (seconds of
        # a crawl's CPU). Frozen, the collector leaves everything allocated so far alone.
        gc.freeze()
        self.future.set_result(model)


_loads: dict[str | None, ModelLoad] = {}
_loads_lock = threading.Lock()


def model_load(path: str | None) -> ModelLoad:
    """One load per model and process, shared by the crawlers of a multi-site crawl (prediction
    only reads the model, so sharing it between their worker threads is safe)."""
    with _loads_lock:
        if path not in _loads:
            _loads[path] = ModelLoad(path)
        return _loads[path]


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
    def __init__(self, crawler: Crawler, load: ModelLoad, config: ClassifierSettings) -> None:
        super().__init__("ecowarden-classifier", crawler)
        self.load = load
        self.config = config
        self.batch_size = config.batch_size
        self.interval = config.flush_interval_s
        assert crawler.stats is not None
        self.stats: StatsCollector = crawler.stats
        self.pending: list[tuple[ListingItem, Deferred[ListingItem]]] = []
        self._load_failure_logged = False
        load.future.add_done_callback(self._loaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifierPipeline:
        config = ClassifierSettings.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured
        return cls(crawler, model_load(config.model_path or None), config)

    def _loaded(self, future: Future[Any]) -> None:
        """Runs in the loading thread (or at once if the model was already there)."""
        if future.exception() is None:
            self.stats.set_value("ecowarden/classifier/model_version", future.result().version)

    def _classifier(self) -> Any | None:
        """The model, waiting for it if it is still loading; ``None`` if it could not be loaded
        (a crawl without verdicts beats no crawl: the listings are stored unclassified)."""
        try:
            return self.load.future.result()
        except Exception as exc:
            if not self._load_failure_logged:
                self._load_failure_logged = True
                logger.error("classifier not loaded, listings are stored unclassified: %s", exc)
            return None

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
        classifier = self._classifier()
        if classifier is None:
            self.stats.inc_value("ecowarden/classifier/failed_items", len(items))
            return
        try:
            predictions = classifier.predict([listing_input(item) for item in items])
        except Exception:
            logger.exception("classifying a batch of %d failed; stored without verdicts", len(items))
            self.stats.inc_value("ecowarden/classifier/failed_items", len(items))
            return
        flagged = 0
        for item, prediction in zip(items, predictions, strict=True):
            # the threshold rides with the verdict to its queue row: the "informative" order is
            # the distance to it
            item.verdict = prediction.verdict(classifier.threshold)
            flagged += item.verdict.flagged
        self.stats.inc_value("ecowarden/classifier/classified", len(items))
        if flagged:
            self.stats.inc_value("ecowarden/listings/flagged", flagged)
