"""``CLUSTER_*``, read once into one record by the add-on, the cluster extension and the run
extension. Defaults are the config's (``[cluster]``); a crawl is a cluster worker exactly when
``CLUSTER_RUN_ID`` is set. Imports nothing of scrapy-redis: a crawl that is not a cluster worker
never loads it."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.settings import BaseSettings

from crawler.cluster.keys import RunKeys
from ecowarden.config import ClusterConfig


@dataclass(frozen=True)
class ClusterSettings:
    redis_url: str
    key_prefix: str
    #: the cluster run this crawl works for ("" when it is not a cluster worker)
    run_id: str
    #: this worker's id within the run (unique per crawl, see ``crawler.runner.join_cluster_run``)
    worker_id: str
    heartbeat_s: float
    worker_timeout_s: float

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> ClusterSettings:
        defaults = ClusterConfig()
        return cls(
            redis_url=str(settings.get("CLUSTER_REDIS_URL") or ""),
            key_prefix=str(settings.get("CLUSTER_KEY_PREFIX") or defaults.key_prefix),
            run_id=str(settings.get("CLUSTER_RUN_ID") or ""),
            worker_id=str(settings.get("CLUSTER_WORKER_ID") or ""),
            heartbeat_s=settings.getfloat("CLUSTER_HEARTBEAT", defaults.heartbeat_s),
            worker_timeout_s=settings.getfloat("CLUSTER_WORKER_TIMEOUT", defaults.worker_timeout_s),
        )

    @property
    def active(self) -> bool:
        """Whether this crawl is a worker of a cluster run."""
        return bool(self.run_id)

    @property
    def keys(self) -> RunKeys:
        return RunKeys(self.key_prefix, self.run_id)
