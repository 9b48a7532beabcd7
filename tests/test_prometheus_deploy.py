"""deploy/prometheus: the files parse, scrape what the code serves, and alert on metrics it exports.

A rule on a misspelt metric never fires and never complains, so every metric name in a rule
expression is checked against the names our collectors actually expose.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from monitoring.crawl_metrics import CrawlMetrics
from monitoring.site_metrics import SiteMetricsCollector
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy" / "prometheus"
#: series Prometheus makes itself for every target
BUILTIN = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}
#: PromQL words that look like metric names in an expression
PROMQL_WORDS = {
    "sum", "by", "without", "rate", "irate", "increase", "time", "and", "or", "unless", "on",
    "ignoring", "max", "min", "avg", "count", "clamp_min", "clamp_max", "absent", "bool",
    "group_left", "group_right", "offset", "humanizePercentage",
}  # fmt: skip
_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")


def exported_names() -> set[str]:
    """Every sample name our code exposes (counters as ``*_total``)."""
    names: set[str] = set()
    families = list(CrawlMetrics().registry.collect())
    families += list(SiteMetricsCollector(None, 1).describe())  # type: ignore[arg-type]
    for family in families:
        names.add(family.name + "_total" if family.type == "counter" else family.name)
    return names


def metric_names(expr: str) -> set[str]:
    """Names in a PromQL expression, without label matchers, strings, durations and functions."""
    stripped = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    stripped = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", stripped)
    stripped = re.sub(r"\[[^\]]*\]", "", stripped)  # range durations
    stripped = re.sub(r'"[^"]*"', "", stripped)
    return {
        name
        for name in _NAME.findall(stripped)
        if name not in PROMQL_WORDS and not re.fullmatch(r"\d+[smhdwy]?", name)
    }


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def test_the_names_checked_against_are_the_ones_the_code_defines() -> None:
    names = exported_names()
    assert {
        "ecowarden_crawl_pages_total",
        "ecowarden_crawl_items_total",
        "ecowarden_crawl_listings_total",
        "ecowarden_crawl_flags_total",
        "ecowarden_crawl_errors_total",
        "ecowarden_crawl_pages_per_second",
        "ecowarden_crawl_running",
        "ecowarden_crawl_last_run_yield",
        "ecowarden_crawl_yield_zero",
        "ecowarden_site_last_run_timestamp_seconds",
        "ecowarden_site_last_run_yield",
        "ecowarden_site_last_run_ok",
        "ecowarden_site_yield_dropped",
        "ecowarden_site_scheduled",
        "ecowarden_runs_running",
        "ecowarden_review_open_flags",
        "ecowarden_capture_queue_waiting",
    } <= names


def test_alert_rules_name_only_exported_metrics() -> None:
    rules = [rule for group in load("alerts.yml")["groups"] for rule in group["rules"]]
    by_name = {rule["alert"]: rule for rule in rules}
    assert {"EcowardenSiteYieldDropped", "EcowardenCrawlErrorRate", "EcowardenWorkerDown"} <= set(by_name)
    assert by_name["EcowardenSiteYieldDropped"]["expr"].strip() == "ecowarden_site_yield_dropped == 1"
    assert "up" in metric_names(by_name["EcowardenWorkerDown"]["expr"])
    assert "ecowarden_crawl_errors_total" in metric_names(by_name["EcowardenCrawlErrorRate"]["expr"])
    known = exported_names() | BUILTIN
    for rule in rules:
        assert set(rule) >= {"alert", "expr", "labels", "annotations"}, rule
        unknown = metric_names(str(rule["expr"])) - known
        assert not unknown, f"{rule['alert']} uses metrics nobody exports: {sorted(unknown)}"


def test_scrape_config_covers_workers_and_the_app_with_a_token() -> None:
    config = load("prometheus.yml")
    assert config["rule_files"] == ["alerts.yml"]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    rules_text = (DEPLOY / "alerts.yml").read_text()
    for name in jobs:
        assert f'job="{name}"' in rules_text, f"no down-alert for job {name}"
    review = jobs["ecowarden-review"]
    assert review["metrics_path"] == "/metrics"
    assert review["authorization"]["type"] == "Bearer"
    assert Path(review["authorization"]["credentials_file"]).is_absolute()
    workers = jobs["ecowarden-workers"]
    assert workers["dns_sd_configs"][0]["names"] == ["worker"]


def test_compose_serves_what_prometheus_scrapes() -> None:
    """The compose deployment's services, ports and token file are the ones prometheus.yml names."""
    compose = yaml.safe_load((DEPLOY.parent / "docker-compose.yml").read_text())
    services = compose["services"]
    config = load("prometheus.yml")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    worker_sd = jobs["ecowarden-workers"]["dns_sd_configs"][0]
    assert set(worker_sd["names"]) <= set(services)
    assert str(worker_sd["port"]) in " ".join(services["worker"]["command"])
    review_target = jobs["ecowarden-review"]["static_configs"][0]["targets"][0]
    host, port = review_target.split(":")
    assert host in services and port in " ".join(services["review"]["command"])
    token_file = jobs["ecowarden-review"]["authorization"]["credentials_file"]
    assert any(volume.endswith(f":{token_file}:ro") for volume in services["prometheus"]["volumes"])
    mounted = {v.split(":")[1] for v in services["prometheus"]["volumes"]}
    assert {"/etc/prometheus/prometheus.yml", "/etc/prometheus/alerts.yml"} <= mounted


def test_the_name_check_would_catch_a_misspelt_metric() -> None:
    expr = 'sum by (site) (rate(ecowarden_crawl_pagez_total{job="x"}[5m])) > 0 and on (site) up == 1'
    assert metric_names(expr) == {"ecowarden_crawl_pagez_total", "up"}
    assert "ecowarden_crawl_pagez_total" not in exported_names()
