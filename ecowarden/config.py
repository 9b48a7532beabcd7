"""The one configuration object: loaded once (file, then ``ECOWARDEN_*`` env vars) and handed down.

No other module reads the environment: they receive a :class:`Config` (or the Scrapy settings built
from it), which keeps tests and scale-out deployments honest about what they run with.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_PREFIX = "ECOWARDEN_"
DEFAULT_CONFIG_NAME = "ecowarden.toml"


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message names it."""


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = "sqlite:///var/ecowarden.db"


@dataclass(frozen=True)
class EvidenceConfig:
    dir: str = "var/evidence"
    #: queue a capture for every listing the classifier flags (captured in its own worker)
    capture_on_flag: bool = True
    #: who operates this installation: named in WARC warcinfo, manifests and bundles
    operator: str = ""
    organisation: str = ""
    #: an RFC 3161 timestamp authority; empty: captures are "timestamp not configured" (no
    #: independent time) and commands that capture warn at start
    tsa_url: str = ""
    #: PEM files of the TSA certificate and of the root it chains to (copied into bundles)
    tsa_certificate: str = ""
    tsa_root: str = ""
    tsa_timeout_s: float = 10.0
    #: how often ``ecowarden scheduler`` has the TSA timestamp the custody log's head (hours; 0:
    #: only at exports and by ``ecowarden custody stamp``), so a history rewritten later is detectable
    head_timestamp_interval_h: float = 1.0
    #: one capture (raw fetch + browser) may not take longer than this
    capture_timeout_s: float = 60.0
    #: raw HTTP bodies above this are cut and the WARC record marked truncated
    max_response_bytes: int = 50 * 1024 * 1024
    redirect_max: int = 10
    viewport_width: int = 1280
    viewport_height: int = 900
    #: full-page screenshots are cut at this height (an endless page would exhaust memory)
    max_screenshot_height: int = 16000
    #: at the end of a crawl, wait at most this long for queued captures before leaving them
    #: to ``ecowarden capture --pending``
    drain_timeout_s: float = 600.0
    #: captures one crawl run takes itself (0: all); the rest wait for ``capture --pending``
    max_captures_per_run: int = 0


#: quiet, deterministic Chromium: no background fetches that would mix into crawls or captures
BROWSER_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-gpu",
    "--no-first-run",
)


@dataclass(frozen=True)
class BrowserConfig:
    #: Path of a Chromium binary; empty means Debian's /usr/bin/chromium when present, else
    #: Playwright's own downloaded browser.
    executable_path: str = ""
    headless: bool = True
    max_pages: int = 4
    navigation_timeout_s: float = 30.0

    def resolved_executable(self) -> str | None:
        """The browser binary to launch, or None to let Playwright use its own build."""
        if self.executable_path:
            return self.executable_path
        for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
            if Path(candidate).exists():
                return candidate
        found = shutil.which("chromium")
        return found

    def launch_options(self) -> dict[str, Any]:
        """Playwright ``launch()`` keyword arguments, shared by the crawl and evidence capture."""
        options: dict[str, Any] = {"headless": self.headless, "args": list(BROWSER_ARGS)}
        executable = self.resolved_executable()
        if executable:
            options["executable_path"] = executable
        return options


@dataclass(frozen=True)
class CrawlConfig:
    user_agent: str = "ecowarden/0.1 (+https://github.com/ecowarden/ecowarden; wildlife-trade monitor)"
    obey_robots: bool = True
    concurrent_requests: int = 16
    concurrent_per_domain: int = 8
    download_delay_s: float = 0.0
    autothrottle: bool = True
    autothrottle_start_delay_s: float = 1.0
    autothrottle_max_delay_s: float = 30.0
    autothrottle_target_concurrency: float = 4.0
    download_timeout_s: float = 30.0
    max_page_bytes: int = 8 * 1024 * 1024
    warn_page_bytes: int = 2 * 1024 * 1024
    redirect_max: int = 5
    retry_times: int = 2
    depth_limit: int = 30
    #: Pages allowed per URL shape (digits folded), the guard against calendar-style traps.
    max_pages_per_shape: int = 200
    #: Stop after this many pages (0 = no limit).
    max_pages: int = 0
    jobdir_root: str = "var/jobs"
    batch_size: int = 200
    flush_interval_s: float = 2.0
    #: Directory of per-site YAML files; empty means the ones shipped in ``crawler/sites``.
    sites_dir: str = ""


@dataclass(frozen=True)
class ClassifierConfig:
    enabled: bool = True
    #: a model card (.json) or model folder; empty means the committed default in models/
    model_path: str = ""
    batch_size: int = 256
    #: a partial batch is classified after this long (at once when no request is in flight)
    flush_interval_s: float = 1.0
    #: the precision the flagging threshold is chosen for when training
    target_precision: float = 0.9
    #: how many synthetic listings one analyst decision outweighs in training
    decision_weight: float = 20.0


@dataclass(frozen=True)
class DemoConfig:
    host: str = "127.0.0.1"
    port: int = 8765
    size: int = 3000
    seed: int = 7
    #: evidence captures each demo crawl takes itself (a few minutes of Chromium); the rest of
    #: the flags stay queued for ``ecowarden capture --pending``
    captures_per_site: int = 25


@dataclass(frozen=True)
class ReviewConfig:
    host: str = "127.0.0.1"
    port: int = 8780
    #: "auto": Secure ``__Host-`` cookies when the request came over HTTPS (or via a proxy saying
    #: so); "always" behind a TLS-terminating proxy that does not say so; "never" only for tests
    cookie_secure: str = "auto"
    session_hours: float = 12.0
    page_size: int = 50
    #: addresses of the reverse proxies in front of the app (comma-separated): a request from one
    #: of them is throttled by the client address its X-Forwarded-For names, not by the proxy's
    trusted_proxies: str = ""


@dataclass(frozen=True)
class ClusterConfig:
    #: empty: every crawl runs in its own process. A Redis URL (``redis://:password@host:6379/0``):
    #: crawls are shared through Redis by any number of ``ecowarden worker`` processes, with
    #: PostgreSQL as the database and the evidence folder on a shared path. Redis holds pickled
    #: requests: it must be private to the cluster (password, private network).
    redis_url: str = ""
    #: prefix of every Redis key, so several installations can share one Redis
    key_prefix: str = "ecowarden"
    #: how often a worker proves it is alive, returns finished work and looks for dead workers
    heartbeat_s: float = 5.0
    #: a worker silent this long is dead: the requests it held go back to the queue
    worker_timeout_s: float = 30.0
    #: how often an idle ``ecowarden worker`` looks for a run to join
    poll_s: float = 2.0

    def check(self) -> None:
        """Settings that would make live workers look dead (their leases re-queued mid-work)."""
        if self.heartbeat_s <= 0 or self.worker_timeout_s < 2 * self.heartbeat_s:
            raise ValueError(
                f"[cluster] worker_timeout_s ({self.worker_timeout_s}) must be at least twice "
                f"heartbeat_s ({self.heartbeat_s}), and heartbeat_s positive"
            )


@dataclass(frozen=True)
class SchedulerConfig:
    #: scheduled crawls that may run at once (always different sites)
    max_parallel: int = 2
    #: what a schedule does about firings missed while the scheduler was down, unless its
    #: ``schedule add --missed`` says otherwise: "run-once" (one catch-up run) or "skip"
    missed: str = "run-once"
    #: a missed firing later than this is a miss even under "run-once" (0: no limit)
    missed_grace_s: float = 0.0
    #: after a scheduled crawl, re-capture open flagged listings whose last capture is older
    recapture_after_h: float = 24.0
    #: at most this many re-captures per scheduled crawl (0: none)
    recapture_limit: int = 200
    #: a site lease not renewed for this long is free again (its holder died)
    lease_ttl_s: float = 120.0
    #: link the stored listings again this often (hours) when crawls stored something new, so
    #: networks follow the crawls (0: only by ``ecowarden networks build``)
    networks_rebuild_h: float = 6.0


@dataclass(frozen=True)
class MonitoringConfig:
    #: Prometheus metrics of crawls and workers at http://metrics_host:metrics_port/metrics (0: off;
    #: ``ecowarden worker --metrics-port`` sets it per worker). The review app serves /metrics too.
    metrics_port: int = 0
    metrics_host: str = "127.0.0.1"
    #: a site whose last finished run stored no listings while the run before stored some is
    #: alerted (its layout probably changed); runs with fewer pages than this are not judged
    min_pages_for_alert: int = 1


@dataclass(frozen=True)
class WatchConfig:
    """Search crawls (``ecowarden crawl SITE --watch LIST``)."""

    #: requests a site's search crawls may make per hour (result pages and the listings they
    #: show); a site's ``search: requests_per_hour`` overrides it
    requests_per_hour: int = 600
    #: result pages fetched per term at most (a site's ``search: pages_per_query`` overrides it)
    pages_per_query: int = 3
    #: a term whose searches found nothing in this many runs in a row is searched last
    demote_after_empty_runs: int = 3
    #: a result already stored and seen within this many hours is not fetched again
    refetch_after_h: float = 24.0
    #: a term is not searched when a term whose words it contains was searched to its last
    #: result page in the same run (right for sites that look for all of a query's words, as
    #: nearly all do; off for a site whose search matches any word)
    skip_covered_terms: bool = True


@dataclass(frozen=True)
class Config:
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    evidence: EvidenceConfig = field(default_factory=EvidenceConfig)
    browser: BrowserConfig = field(default_factory=BrowserConfig)
    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    classifier: ClassifierConfig = field(default_factory=ClassifierConfig)
    demo: DemoConfig = field(default_factory=DemoConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)
    monitoring: MonitoringConfig = field(default_factory=MonitoringConfig)
    watch: WatchConfig = field(default_factory=WatchConfig)
    #: Directory relative paths in this config are resolved against.
    root: str = "."

    def path(self, value: str) -> Path:
        """Resolve a configured path against the config file's directory."""
        p = Path(value)
        return p if p.is_absolute() else Path(self.root) / p

    def captures_on_flag(self) -> bool:
        """Whether crawls capture evidence of the listings they flag (flags need the classifier)."""
        return self.evidence.capture_on_flag and self.classifier.enabled

    def database_url(self) -> str:
        """The SQLAlchemy URL with a relative SQLite path anchored at the config root."""
        url = self.database.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            return prefix + str(self.path(url[len(prefix) :]).resolve())
        return url


def _coerce(value: str, target: Any, name: str) -> Any:
    if target is bool:
        lowered = value.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"{name}: expected a boolean, got {value!r}")
    try:
        return target(value)
    except ValueError as exc:
        raise ConfigError(f"{name}: expected {target.__name__}, got {value!r}") from exc


def _build_section(cls: type[Any], data: Mapping[str, Any], env: Mapping[str, str], section: str) -> Any:
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"[{section}]: unknown key(s) {', '.join(sorted(unknown))}")
    for f in dataclasses.fields(cls):
        env_name = f"{ENV_PREFIX}{section}_{f.name}".upper()
        target = hints[f.name]
        if env_name in env:
            values[f.name] = _coerce(env[env_name], target, env_name)
        elif f.name in data:
            raw = data[f.name]
            if target is float and isinstance(raw, int) and not isinstance(raw, bool):
                raw = float(raw)
            if not isinstance(raw, target):
                raise ConfigError(f"[{section}] {f.name}: expected {target.__name__}, got {raw!r}")
            values[f.name] = raw
    return cls(**values)


def load_config(path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Load the config file (explicit path, ``$ECOWARDEN_CONFIG``, or ./ecowarden.toml), then env vars.

    Env vars are named ``ECOWARDEN_<SECTION>_<KEY>``, e.g. ``ECOWARDEN_DATABASE_URL``.
    """
    env = os.environ if env is None else env
    chosen = path or env.get(f"{ENV_PREFIX}CONFIG")
    data: dict[str, Any] = {}
    root = Path.cwd()
    if chosen:
        file = Path(chosen)
        if not file.is_file():
            raise ConfigError(f"config file not found: {file}")
    else:
        file = Path.cwd() / DEFAULT_CONFIG_NAME
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: {exc}") from exc
        root = file.resolve().parent
    sections: dict[str, Any] = {}
    for f in dataclasses.fields(Config):
        if f.name == "root":
            continue
        cls = typing.get_type_hints(Config)[f.name]
        raw = data.get(f.name, {})
        if not isinstance(raw, dict):
            raise ConfigError(f"[{f.name}] must be a table")
        sections[f.name] = _build_section(cls, raw, env, f.name)
    unknown = set(data) - set(sections)
    if unknown:
        raise ConfigError(f"unknown section(s) {', '.join(sorted(unknown))}")
    return Config(root=str(root), **sections)
