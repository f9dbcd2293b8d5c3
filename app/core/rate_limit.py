"""Per-client rate limits ("fair use"): one algorithm, two stores, in process or in Redis.

Why it is built this way: docs/design-notes.md, "Rate limits".
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from weakref import WeakKeyDictionary

from prometheus_client import CollectorRegistry, Counter
from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

logger = logging.getLogger("anxin.rate_limit")

# Float steps (window / limit rarely divides evenly) must not cost a client its last request
# of a burst: allow a thousandth of an interval of slack, far below one request.
_SLACK = 1e-3


@dataclass(frozen=True, slots=True)
class Policy:
    """`limit` requests per `window` seconds, under a name that headers and keys carry."""

    name: str
    limit: int
    window: int

    def __post_init__(self) -> None:
        if self.limit < 1 or self.window < 1:
            raise ValueError("a rate-limit policy needs a positive limit and window")

    @property
    def interval(self) -> float:
        """Seconds one request occupies: the quota refills at this pace."""
        return self.window / self.limit


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer to one check. Times are seconds from now."""

    policy: Policy
    allowed: bool
    remaining: int
    reset: float
    retry_after: float

    @property
    def limit(self) -> int:
        return self.policy.limit

    @property
    def reset_seconds(self) -> int:
        return max(0, math.ceil(self.reset))

    @property
    def retry_after_seconds(self) -> int:
        """Whole seconds to wait; rounded up, so a client that waits this long gets in."""
        return max(1, math.ceil(self.retry_after)) if not self.allowed else 0


def gcra(policy: Policy, tat: float | None, now: float) -> tuple[float | None, Decision]:
    """One GCRA step: the new TAT to store (None when refused: nothing changes) and the
    decision. `tat` is None for a client never seen or whose quota has refilled."""
    interval = policy.interval
    slack = interval * _SLACK
    start = now if tat is None or tat < now else tat
    new_tat = start + interval
    if new_tat - now > policy.window + slack:
        retry = new_tat - policy.window - now
        return None, Decision(policy, False, 0, start - now, retry)
    remaining = int((policy.window - (new_tat - now) + slack) // interval)
    return new_tat, Decision(policy, True, remaining, new_tat - now, 0.0)


class RateLimiter(Protocol):
    """What `app.state.rate_limiter` is: checks are async and never block the event loop."""

    async def check(self, policy: Policy, client: str) -> Decision: ...

    async def aclose(self) -> None: ...


class RateLimitMetrics:
    """Counters for operators: refusals by policy, and failures of the shared store."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.refused = Counter(
            "anxin_rate_limit_refused",
            "Requests refused with 429 by a rate-limit policy.",
            ("policy",),
            registry=registry,
        )
        self.store_errors = Counter(
            "anxin_rate_limit_store_errors",
            "Rate-limit checks that Redis failed to answer (answered from memory instead).",
            registry=registry,
        )


# The app builds its limiter in every lifespan (tests start one app many times); counters
# can be registered in a registry only once, so they are made once per registry.
_metrics_by_registry: WeakKeyDictionary[CollectorRegistry, RateLimitMetrics] = WeakKeyDictionary()
_metrics_lock = threading.Lock()


def metrics_for(registry: CollectorRegistry) -> RateLimitMetrics:
    with _metrics_lock:
        metrics = _metrics_by_registry.get(registry)
        if metrics is None:
            metrics = _metrics_by_registry[registry] = RateLimitMetrics(registry)
        return metrics


class MemoryLimiter:
    """GCRA state in this process: {(policy, client): TAT}, thread-safe."""

    # Refilled entries are dropped at most this often; a sweep walks the whole dict.
    SWEEP_SECONDS = 60.0

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._tats: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()
        self._next_sweep = clock() + self.SWEEP_SECONDS

    def check_now(self, policy: Policy, client: str) -> Decision:
        """The check itself, synchronous: no I/O, a dict lookup under a lock."""
        key = (policy.name, client)
        with self._lock:
            now = self._clock()
            if now >= self._next_sweep:
                self._sweep(now)
            new_tat, decision = gcra(policy, self._tats.get(key), now)
            if new_tat is not None:
                self._tats[key] = new_tat
        return decision

    async def check(self, policy: Policy, client: str) -> Decision:
        return self.check_now(policy, client)

    async def aclose(self) -> None:
        return None

    def __len__(self) -> int:
        return len(self._tats)

    def _sweep(self, now: float) -> None:
        # A TAT in the past means a full quota, the same as no entry.
        self._tats = {key: tat for key, tat in self._tats.items() if tat > now}
        self._next_sweep = now + self.SWEEP_SECONDS


# KEYS[1]: the client's key. ARGV: limit, window (µs), now (µs, or "" for Redis's clock).
# Returns {allowed, remaining, reset µs, retry-after µs}. Times are µs as doubles (exact to
# well below a µs at today's epoch); the TAT is written with "%.3f" because Redis turns a
# Lua number argument into a string with only 14 significant digits.
GCRA_SCRIPT = """
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now
if ARGV[3] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[3])
end
local interval = window / limit
local slack = interval * tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then tat = now end
local new_tat = tat + interval
if new_tat - now > window + slack then
  return {0, 0, math.ceil(tat - now), math.ceil(new_tat - window - now)}
end
local remaining = math.floor((window - (new_tat - now) + slack) / interval)
local ttl = math.max(1, math.ceil((new_tat - now) / 1000))
redis.call('SET', KEYS[1], string.format('%.3f', new_tat), 'PX', ttl)
return {1, remaining, math.ceil(new_tat - now), 0}
"""

_MICROS = 1_000_000


class RedisLimiter:
    """GCRA in Redis: one EVALSHA per check, shared by every process using this Redis."""

    def __init__(
        self,
        client: Redis,
        *,
        prefix: str = "anxin:rate:",
        cooldown: float = 5.0,
        clock: Callable[[], float] | None = None,
        metrics: RateLimitMetrics | None = None,
    ) -> None:
        self._client = client
        self._script = client.register_script(GCRA_SCRIPT)
        self._prefix = prefix
        self._cooldown = cooldown
        # Tests pin time; in production Redis's own clock is the one all processes share.
        self._clock = clock
        self._metrics = metrics
        self.fallback = MemoryLimiter()
        self._down = False
        self._down_since = 0.0
        self._down_until = 0.0

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        timeout: float,
        max_connections: int = 16,
        metrics: RateLimitMetrics | None = None,
    ) -> RedisLimiter:
        # No retries inside the client: the fallback answers at once and the cooldown decides
        # when Redis is tried again; a retry with backoff would hold the request instead.
        # A blocking pool makes a burst wait briefly for a connection; the default pool
        # raises past 100 connections in use, which would send a burst to the fallback.
        pool = BlockingConnectionPool.from_url(
            url,
            max_connections=max_connections,
            timeout=timeout,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
            health_check_interval=30,
        )
        return cls(Redis.from_pool(pool), metrics=metrics)

    def key(self, policy: Policy, client: str) -> str:
        return f"{self._prefix}{policy.name}:{client}"

    async def check(self, policy: Policy, client: str) -> Decision:
        started = time.monotonic()
        if self._down and started < self._down_until:
            return self.fallback.check_now(policy, client)
        now = "" if self._clock is None else str(round(self._clock() * _MICROS))
        try:
            reply = await self._script(
                keys=[self.key(policy, client)],
                args=[policy.limit, policy.window * _MICROS, now, _SLACK],
            )
        except (RedisError, OSError) as exc:  # OSError covers TimeoutError
            return self._failed(exc, policy, client)
        # Only a check begun after the failure proves recovery: others were in flight.
        if self._down and started >= self._down_since:
            self._down = False
            logger.warning("rate limits are shared through Redis again")
        allowed, remaining, reset, retry = (int(value) for value in reply)
        return Decision(policy, bool(allowed), remaining, reset / _MICROS, retry / _MICROS)

    def _failed(self, exc: BaseException, policy: Policy, client: str) -> Decision:
        if self._metrics is not None:
            self._metrics.store_errors.inc()
        now = time.monotonic()
        if not self._down:
            logger.warning(
                "Redis failed a rate-limit check; limiting per process for now: %s: %s",
                type(exc).__name__,
                exc,
            )
            self._down = True
            self._down_since = now
        self._down_until = now + self._cooldown
        return self.fallback.check_now(policy, client)

    async def aclose(self) -> None:
        await self._client.aclose()


def build_limiter(
    redis_url: str | None, *, timeout: float, registry: CollectorRegistry | None = None
) -> RateLimiter:
    """Redis when a URL is configured, otherwise this process's memory."""
    metrics = metrics_for(registry) if registry is not None else None
    if redis_url:
        return RedisLimiter.from_url(redis_url, timeout=timeout, metrics=metrics)
    return MemoryLimiter()
