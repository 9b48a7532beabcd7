"""The Redis side of a cluster run: leases on requests, heartbeats, recovery and the end.

Each step that must not be split is one Lua script, so two workers can never both take the
same request, both re-queue a dead worker's requests, or see a half-moved state.

A lease is the request's encoded bytes kept in the taking worker's ``inflight`` hash (with its
queue score) from the moment it leaves the queue until the worker acknowledges it. A worker
that stops heartbeating has its ``alive`` key expire; the first survivor to notice moves its
leases back to the queue. The run is over when the queue is empty, nobody holds a lease and at
least one worker has finished seeding it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crawler.cluster.keys import RunKeys, active_runs_key

# KEYS: queue, inflight, lease-seq, workers. ARGV: worker id. Returns {lease id, encoded request}
# or nil. Popping also (re)declares membership: a worker written off during a long pause must not
# hold leases that the run's state and the recovery cannot see.
_POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return nil end
redis.call('ZREM', KEYS[1], top[1])
local id = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], id, top[2] .. '\\n' .. top[1])
redis.call('SADD', KEYS[4], ARGV[1])
return {id, top[1]}
"""

# Puts the leases of one inflight hash back into the queue; shared by the scripts below. A
# request that comes back more than ARGV[1] times (it kills workers, or fails every time) goes to
# the dead-letter set instead of looping for ever.
_REQUEUE_FN = """
local function requeue(inflight, queue, retries, dead, max_returns)
  local n = 0
  for _, entry in ipairs(redis.call('HVALS', inflight)) do
    local sep = string.find(entry, '\\n', 1, true)
    local member = string.sub(entry, sep + 1)
    if redis.call('HINCRBY', retries, member, 1) > max_returns then
      redis.call('SADD', dead, member)
    else
      redis.call('ZADD', queue, string.sub(entry, 1, sep - 1), member)
      n = n + 1
    end
  end
  redis.call('DEL', inflight)
  return n
end
"""

# KEYS: workers, queue, retries, dead. ARGV: max returns, key base.
# Returns {requests re-queued, dead worker ids...}.
_RECOVER = (
    _REQUEUE_FN
    + """
local moved = 0
local result = {0}
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[2] .. 'alive:' .. worker) == 0 then
    moved = moved + requeue(ARGV[2] .. 'inflight:' .. worker, KEYS[2], KEYS[3], KEYS[4], tonumber(ARGV[1]))
    redis.call('SREM', KEYS[1], worker)
    table.insert(result, worker)
  end
end
result[1] = moved
return result
"""
)

# KEYS: workers, queue, inflight, alive, retries, dead. ARGV: max returns, worker id, done lease ids...
# A worker leaving (or idle) drops its done leases and hands everything else it holds back.
_RETURN = (
    _REQUEUE_FN
    + """
for i = 3, #ARGV do redis.call('HDEL', KEYS[3], ARGV[i]) end
local moved = requeue(KEYS[3], KEYS[2], KEYS[5], KEYS[6], tonumber(ARGV[1]))
if ARGV[2] ~= '' then
  redis.call('SREM', KEYS[1], ARGV[2])
  redis.call('DEL', KEYS[4])
end
return moved
"""
)

# KEYS: queue, seen. ARGV: fingerprint ('' for a request that skips the duplicate filter), score,
# encoded request. Returns 1 when queued, 0 for a duplicate. One step: marking a request seen and
# queueing it apart would lose it to a worker killed between the two (the re-fetched parent's
# copy would then be filtered as a duplicate of a request that is nowhere).
_PUSH = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1
"""

# KEYS: queue, workers, seeded. ARGV: key base. Returns {queued, leased, seeded}.
_STATE = """
local leased = 0
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  leased = leased + redis.call('HLEN', ARGV[1] .. 'inflight:' .. worker)
end
return {redis.call('ZCARD', KEYS[1]), leased, redis.call('EXISTS', KEYS[3])}
"""

#: how often one request may come back to the queue before it is set aside as dead
MAX_RETURNS = 3
#: the finish reason of a cluster run Redis forgot (restarted without persistence); resumable
LOST_STATE_REASON = "redis_state_lost"
#: a run is taken as lost when Redis did not know it at two looks this far apart: one look could
#: fall between a submission's database row and its announcement in Redis
LOST_STATE_GRACE_S = 5.0


@dataclass(frozen=True)
class RunState:
    queued: int
    leased: int
    seeded: bool

    @property
    def drained(self) -> bool:
        return self.seeded and self.queued == 0 and self.leased == 0


class Ledger:
    """One worker's handle on one run's Redis keys."""

    def __init__(self, server: Any, keys: RunKeys, worker_id: str, timeout_s: float) -> None:
        self.server = server
        self.keys = keys
        self.worker_id = worker_id
        self.timeout_ms = max(1, int(timeout_s * 1000))
        self._pop = server.register_script(_POP)
        self._recover = server.register_script(_RECOVER)
        self._return = server.register_script(_RETURN)
        self._state = server.register_script(_STATE)
        self._push = server.register_script(_PUSH)

    # -- membership -------------------------------------------------------------------------
    def register(self) -> None:
        self.heartbeat()

    def heartbeat(self) -> None:
        """Prove this worker alive; re-join if a survivor already wrote it off (a long pause)."""
        pipe = self.server.pipeline()
        pipe.set(self.keys.alive(self.worker_id), b"1", px=self.timeout_ms)
        pipe.sadd(self.keys.workers, self.worker_id)
        pipe.execute()

    def _give_back(self, done: Iterable[int], leaving: bool) -> int:
        return int(
            self._return(
                keys=[
                    self.keys.workers,
                    self.keys.queue,
                    self.keys.inflight(self.worker_id),
                    self.keys.alive(self.worker_id),
                    self.keys.retries,
                    self.keys.dead,
                ],
                args=[MAX_RETURNS, self.worker_id if leaving else "", *(str(i) for i in done)],
            )
        )

    def leave(self, done: Iterable[int] = ()) -> int:
        """Drop the done leases, hand every other one back to the queue, stop being a member."""
        return self._give_back(done, leaving=True)

    def sweep(self, done: Iterable[int]) -> int:
        """The engine is idle, so nothing this worker holds is in progress: drop the done leases
        and hand back the rest (a failed item, a request whose pop reply was lost, an ack that
        did not get through). Returns how many went back."""
        return self._give_back(done, leaving=False)

    def recover_dead(self) -> tuple[int, list[str]]:
        """Re-queue the leases of workers whose heartbeat expired; (requests moved, dead ids)."""
        result = self._recover(
            keys=[self.keys.workers, self.keys.queue, self.keys.retries, self.keys.dead],
            args=[MAX_RETURNS, self.keys.base],
        )
        return int(result[0]), [_text(w) for w in result[1:]]

    # -- leases -----------------------------------------------------------------------------
    def pop(self, queue_key: str) -> tuple[int, bytes] | None:
        """Take the best request off the queue as this worker's lease."""
        result = self._pop(
            keys=[queue_key, self.keys.inflight(self.worker_id), self.keys.lease_seq, self.keys.workers],
            args=[self.worker_id],
        )
        if not result:
            return None
        return int(result[0]), bytes(result[1])

    def push(self, queue_key: str, seen_key: str, fingerprint: str | None, score: float, data: bytes) -> bool:
        """Queue a request unless its fingerprint was seen before (None: always queue)."""
        return bool(self._push(keys=[queue_key, seen_key], args=[fingerprint or "", score, data]))

    def ack(self, lease_ids: Iterable[int]) -> None:
        ids = [str(i) for i in lease_ids]
        if ids:
            self.server.hdel(self.keys.inflight(self.worker_id), *ids)

    def set_aside(self, lease: int, data: bytes) -> None:
        """A request no worker can decode (e.g. code changed under a running crawl): kept in the
        dead-letter set for a person to look at, never retried."""
        pipe = self.server.pipeline()
        pipe.sadd(self.keys.dead, data)
        pipe.hdel(self.keys.inflight(self.worker_id), str(lease))
        pipe.execute()

    # -- the run as a whole -----------------------------------------------------------------
    def mark_seeded(self) -> None:
        self.server.set(self.keys.seeded, b"1")

    def state(self) -> RunState:
        queued, leased, seeded = self._state(
            keys=[self.keys.queue, self.keys.workers, self.keys.seeded], args=[self.keys.base]
        )
        return RunState(int(queued), int(leased), bool(seeded))

    def dead_letters(self) -> int:
        return int(self.server.scard(self.keys.dead))

    def known(self) -> bool:
        """Whether Redis still holds the run (its description, or its end): a Redis restarted
        without persistence has forgotten it, and nothing a worker does brings it back."""
        return bool(self.server.exists(self.keys.meta, self.keys.finished))

    def is_finished(self) -> bool:
        return bool(self.server.exists(self.keys.finished))

    def claim_finish(self) -> bool:
        """True for exactly one caller: the worker that records the run's end."""
        return bool(self.server.set(self.keys.finished, self.worker_id.encode(), nx=True))

    def retire(self, keep_s: int = 3600) -> None:
        """After the end: the run leaves the active set; its keys expire (stragglers may still
        read them for a while, nobody needs them for long)."""
        pipe = self.server.pipeline()
        pipe.srem(active_runs_key(self.keys.prefix), self.keys.run_id)
        for key in [*self.keys.all_fixed(), self.keys.finished]:
            pipe.expire(key, keep_s)
        pipe.execute()


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
