"""The crawl's classifier pipeline: the model loads beside the crawl, a model that cannot be
loaded leaves listings unclassified (never lost), and crawlers of one process share one model."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.extraction.types import ExtractedListing
from crawler.items import ListingItem
from crawler.pipelines.classify import ClassifierPipeline, model_load


def _item(title: str) -> ListingItem:
    listing = ExtractedListing(url="http://h/ad/1", title=title, description="450 USD, ships worldwide")
    return ListingItem("s", "http://h/ad/1", datetime.now(UTC), 200, listing)


def _pipeline(model_path: str) -> ClassifierPipeline:
    crawler = get_crawler(settings_dict={"CLASSIFIER_MODEL_PATH": model_path})
    return ClassifierPipeline.from_crawler(crawler)


def test_listings_get_verdicts_from_the_model_loaded_beside_the_crawl(fast_model_card: Path) -> None:
    pipeline = _pipeline(str(fast_model_card))
    items = [_item("carved elephant ivory bangle"), _item("kids' bookshelf")]
    pipeline._classify(items)  # the worker thread's work: it waits for the load if need be
    assert all(item.verdict is not None for item in items)
    version = pipeline.load.future.result().version
    assert {item.verdict.model_version for item in items if item.verdict} == {version}
    assert pipeline.stats.get_value("ecowarden/classifier/model_version") == version
    assert pipeline.stats.get_value("ecowarden/classifier/classified") == 2
    # a second crawler of the process (a multi-site crawl) shares the same load and model
    assert _pipeline(str(fast_model_card)).load is pipeline.load is model_load(str(fast_model_card))


def test_a_model_that_cannot_be_loaded_leaves_listings_unclassified(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "model.json"
    broken.write_text('{"model_sha256": "0", "version": "x"}', encoding="utf-8")
    pipeline = _pipeline(str(broken))  # built at once: the crawl does not wait for the model
    items = [_item("ivory"), _item("teak")]
    with caplog.at_level(logging.ERROR):
        pipeline._classify(items)
        pipeline._classify([_item("more ivory")])
    assert all(item.verdict is None for item in items)
    assert pipeline.stats.get_value("ecowarden/classifier/failed_items") == 3
    assert pipeline.stats.get_value("ecowarden/classifier/model_version") is None
    errors = [r for r in caplog.records if "classifier not loaded" in r.getMessage()]
    assert len(errors) == 1, "said once per crawl, not once per batch"
