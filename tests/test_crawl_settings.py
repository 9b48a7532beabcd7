"""The crawl's Scrapy settings hold plain values only, and the components that need the evidence
and lease settings read them through their own small records (``from_settings``)."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import timedelta
from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from sqlalchemy import update

from crawler.config_settings import settings_from_config
from crawler.extensions.capture import CaptureExtensionSettings, EvidenceCaptureExtension
from crawler.extensions.lease_watch import LeaseWatchExtension, LeaseWatchSettings
from crawler.runner import build_settings
from ecowarden.config import EvidenceConfig, load_config
from evidence.settings import CaptureSettings
from storage.db import open_database, transaction
from storage.leases import SiteLeases
from storage.models import SiteLease
from storage.types import utcnow

ROOT = Path(__file__).resolve().parents[1]


def _config(tmp_path: Path, **env: str) -> object:
    (tmp_path / "ecowarden.toml").write_text(
        '[evidence]\ndir = "ev"\ntsa_url = "http://127.0.0.1:9/tsa"\ntsa_certificate = "certs/tsa.pem"\n'
        'operator = "analyst@example.org"\n',
        encoding="utf-8",
    )
    return load_config(tmp_path / "ecowarden.toml", env={"ECOWARDEN_DATABASE_URL": "sqlite://", **env})


def test_the_crawl_settings_hold_plain_values_only(tmp_path: Path) -> None:
    """No config object and nothing callable in what the project sets (Scrapy's own defaults hold
    classes): settings are deep-copied per crawler, and a cluster worker builds its own."""
    import crawler.settings as project_settings

    ours = settings_from_config(_config(tmp_path))  # type: ignore[arg-type]
    ours.update({k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()})
    for key, value in ours.items():
        assert not callable(value), key
        json.dumps(value)  # raises on anything that is not plain data
    settings = build_settings(_config(tmp_path), log_file=None)  # type: ignore[arg-type]
    assert "ECOWARDEN_CONFIG" not in settings and settings["EVIDENCE_FOLDER"] == str(tmp_path / "ev")


def test_capture_settings_travel_through_scrapy_settings(tmp_path: Path) -> None:
    record = CaptureSettings.from_config(_config(tmp_path))  # type: ignore[arg-type]
    assert record.folder == str(tmp_path / "ev")
    assert record.tsa_certificate == str(tmp_path / "certs" / "tsa.pem"), "resolved where the config is"
    assert record.operator == "analyst@example.org" and len(record.config_sha256) == 64
    settings = Settings(record.to_settings())
    for carried in (settings, copy.deepcopy(settings), pickle.loads(pickle.dumps(settings))):
        assert CaptureSettings.from_settings(carried) == record
    assert CaptureSettings.from_settings(Settings({"EVIDENCE_FOLDER": "x"})) is None, "half a record is none"


def test_the_capture_extension_reads_its_record(tmp_path: Path) -> None:
    record = CaptureSettings.from_config(_config(tmp_path))  # type: ignore[arg-type]
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    with pytest.raises(NotConfigured, match="EVIDENCE_CAPTURE_ON_FLAG"):
        CaptureExtensionSettings.from_settings(
            Settings({"STORAGE_DATABASE_URL": url, **record.to_settings()})
        )
    with pytest.raises(NotConfigured, match="EVIDENCE_\\*"):
        CaptureExtensionSettings.from_settings(
            Settings({"EVIDENCE_CAPTURE_ON_FLAG": True, "STORAGE_DATABASE_URL": url})
        )
    crawler = get_crawler(
        settings_dict={
            "EVIDENCE_CAPTURE_ON_FLAG": True,
            "STORAGE_DATABASE_URL": url,
            "EVIDENCE_MAX_CAPTURES_PER_RUN": 3,
            **record.to_settings(),
        }
    )
    ext = EvidenceCaptureExtension.from_crawler(crawler)
    assert ext.config.capture == record and ext.max_captures == 3
    assert ext.drain_timeout == EvidenceConfig().drain_timeout_s, "the config's default when absent"


def test_the_lease_watch_reads_the_holder_from_the_database(db_url: str) -> None:
    with pytest.raises(NotConfigured, match="LEASE_WATCH_HOLDER"):
        LeaseWatchSettings.from_settings(Settings({"STORAGE_DATABASE_URL": db_url}))
    _engine, factory = open_database(db_url)
    leases = SiteLeases(factory)
    crawler = get_crawler(settings_dict={"LEASE_WATCH_HOLDER": "crawl@here:1", "LEASE_WATCH_INTERVAL": 3600})
    watch = LeaseWatchExtension.from_crawler(crawler)
    watch.watch("shop", leases)
    assert not watch.lost(), "no lease at all is not a loss"
    leases.acquire("shop", "crawl@here:1", 60)
    assert not watch.lost(), "our own lease"
    with transaction(factory) as session:
        session.execute(update(SiteLease).where(SiteLease.site_key == "shop").values(holder="crawl@thief:9"))
    assert watch.lost(), "another holder has it"
    with transaction(factory) as session:
        session.execute(
            update(SiteLease)
            .where(SiteLease.site_key == "shop")
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert not watch.lost(), "an expired lease nobody renewed is the keeper's to take back"
    watch.spider_closed(crawler.spider)  # type: ignore[arg-type]  # stops its check loop


def test_component_records_take_the_configs_defaults_and_the_settings_values() -> None:
    """Each component reads its settings once; an absent setting means the config's default
    (written once, in ``ecowarden.config``), so a component built by ``get_crawler`` alone behaves
    as a configured crawl does."""
    from crawler.cluster.settings import ClusterSettings
    from crawler.extensions.metrics import MetricsSettings
    from crawler.pipelines.classify import ClassifierSettings
    from crawler.pipelines.storage import StoragePipelineSettings
    from ecowarden.config import ClassifierConfig, ClusterConfig, CrawlConfig, MonitoringConfig

    empty = Settings()
    classifier = ClassifierSettings.from_settings(empty)
    assert (classifier.enabled, classifier.batch_size, classifier.model_path) == (
        ClassifierConfig().enabled,
        ClassifierConfig().batch_size,
        "",
    )
    storage = StoragePipelineSettings.from_settings(empty)
    assert (storage.batch_size, storage.flush_interval_s, storage.ack_on_commit) == (
        CrawlConfig().batch_size,
        CrawlConfig().flush_interval_s,
        False,
    )
    cluster = ClusterSettings.from_settings(empty)
    assert not cluster.active and cluster.key_prefix == ClusterConfig().key_prefix
    assert cluster.heartbeat_s == ClusterConfig().heartbeat_s
    metrics = MetricsSettings.from_settings(empty)
    assert (metrics.port, metrics.host) == (MonitoringConfig().metrics_port, MonitoringConfig().metrics_host)

    given = Settings(
        {
            "CLASSIFIER_BATCH_SIZE": 0,
            "STORAGE_BATCH_SIZE": 7,
            "STORAGE_ACK_ON_COMMIT": True,
            "CLUSTER_RUN_ID": "r1",
            "CLUSTER_KEY_PREFIX": "ew",
            "METRICS_INTERVAL": 0,
        }
    )
    assert ClassifierSettings.from_settings(given).batch_size == 1, "at least one per batch"
    assert StoragePipelineSettings.from_settings(given).batch_size == 7
    assert StoragePipelineSettings.from_settings(given).ack_on_commit
    cluster = ClusterSettings.from_settings(given)
    assert cluster.active and cluster.keys.queue.startswith("ew")
    assert MetricsSettings.from_settings(given).interval_s == 0.1
