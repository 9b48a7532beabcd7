"""Names of a cluster run's Redis keys, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RunKeys:
    prefix: str
    run_id: str

    @property
    def base(self) -> str:
        return f"{self.prefix}:run:{self.run_id}:"

    @property
    def meta(self) -> str:
        """Hash: site key, target, submitter, submitted time."""
        return f"{self.prefix}:run:{self.run_id}"

    @property
    def queue(self) -> str:
        """Sorted set of encoded requests (scrapy-redis's priority queue)."""
        return self.base + "queue"

    @property
    def seen(self) -> str:
        """Set of request fingerprints (scrapy-redis's duplicate filter)."""
        return self.base + "seen"

    @property
    def workers(self) -> str:
        return self.base + "workers"

    def alive(self, worker_id: str) -> str:
        return self.base + "alive:" + worker_id

    def inflight(self, worker_id: str) -> str:
        return self.base + "inflight:" + worker_id

    @property
    def lease_seq(self) -> str:
        return self.base + "lease-seq"

    @property
    def retries(self) -> str:
        """Hash: encoded request -> times it came back to the queue."""
        return self.base + "retries"

    @property
    def dead(self) -> str:
        """Set of requests set aside (undecodable, or back too often): for a person to look at."""
        return self.base + "dead"

    @property
    def seeded(self) -> str:
        return self.base + "seeded"

    @property
    def finished(self) -> str:
        return self.base + "finished"

    def all_fixed(self) -> list[str]:
        return [
            self.meta,
            self.queue,
            self.seen,
            self.workers,
            self.lease_seq,
            self.seeded,
            self.retries,
            self.dead,
        ]


def active_runs_key(prefix: str) -> str:
    """Set of the ids of runs that workers should join."""
    return f"{prefix}:runs"
