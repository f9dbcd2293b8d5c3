"""Rate limiting, in memory and in Redis: the same GCRA answers from both stores, windows
refill as promised, clients are independent, processes sharing a Redis never exceed the
limit together, and a Redis that fails leaves the API limiting per process.

Redis tests use ``ANXIN_TEST_REDIS_URL`` (default ``redis://127.0.0.1:6379/15``) with a random
key prefix per test, and are skipped only when nothing listens there.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from urllib.parse import urlsplit

import pytest
import redis
from hypothesis import given
from hypothesis import strategies as st
from prometheus_client import CollectorRegistry
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from app.core.rate_limit import (
    Decision,
    MemoryLimiter,
    Policy,
    RateLimiter,
    RedisLimiter,
    build_limiter,
    gcra,
    metrics_for,
)

REDIS_URL_VARIABLE = "ANXIN_TEST_REDIS_URL"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
# A port nobody listens on: connections are refused at once.
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"

POLICY = Policy("lookups", limit=3, window=60)  # one request every 20 s, a burst of 3


def redis_url_or_skip() -> str:
    """The test Redis, or a skip (with the reason) when nothing listens at its address."""
    url = os.environ.get(REDIS_URL_VARIABLE) or DEFAULT_REDIS_URL
    parts = urlsplit(url)
    address = (parts.hostname or "127.0.0.1", parts.port or 6379)
    try:
        socket.create_connection(address, timeout=0.5).close()
    except OSError:
        pytest.skip(f"no Redis listens at {url} (set {REDIS_URL_VARIABLE} to test against one)")
    return url


class FakeClock:
    def __init__(self, start: float = 1_780_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


Opener = Callable[[FakeClock | None], AbstractAsyncContextManager[RateLimiter]]


@pytest.fixture
def redis_url() -> str:
    return redis_url_or_skip()


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    prefix = f"test:{secrets.token_hex(6)}:"
    yield prefix
    with redis.Redis.from_url(redis_url) as client:
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)


@pytest.fixture(params=["memory", "redis"])
def open_limiter(request: pytest.FixtureRequest) -> Opener:
    """Opens a limiter of either store inside the running event loop (redis.asyncio binds to
    the loop it first runs in), and closes it afterwards."""
    if request.param == "memory":

        @asynccontextmanager
        async def memory(clock: FakeClock | None) -> AsyncIterator[RateLimiter]:
            yield MemoryLimiter(clock=clock) if clock else MemoryLimiter()

        return memory
    url = request.getfixturevalue("redis_url")
    prefix = request.getfixturevalue("redis_prefix")

    @asynccontextmanager
    async def shared(clock: FakeClock | None) -> AsyncIterator[RateLimiter]:
        limiter = RedisLimiter(Redis.from_url(url), prefix=prefix, clock=clock)
        try:
            yield limiter
        finally:
            await limiter.aclose()

    return shared


def run(
    opener: Opener, clock: FakeClock | None, body: Callable[[RateLimiter], Awaitable[None]]
) -> None:
    async def main() -> None:
        async with opener(clock) as limiter:
            await body(limiter)

    asyncio.run(main())


def test_a_full_quota_is_one_burst_then_one_request_per_interval(open_limiter: Opener) -> None:
    clock = FakeClock()

    async def body(limiter: RateLimiter) -> None:
        burst = [await limiter.check(POLICY, "cli_a") for _ in range(3)]
        assert [d.allowed for d in burst] == [True, True, True]
        assert [d.remaining for d in burst] == [2, 1, 0]
        assert [d.reset_seconds for d in burst] == [20, 40, 60]
        refused = await limiter.check(POLICY, "cli_a")
        assert not refused.allowed
        assert refused.remaining == 0
        assert refused.retry_after_seconds == 20
        assert refused.reset_seconds == 60
        clock.advance(19.9)  # just before the window edge of the first request
        early = await limiter.check(POLICY, "cli_a")
        assert not early.allowed
        assert early.retry_after == pytest.approx(0.1, abs=1e-3)
        assert early.retry_after_seconds == 1  # rounded up: waiting that long always works
        clock.advance(0.1)
        again = await limiter.check(POLICY, "cli_a")
        assert again.allowed
        assert again.remaining == 0
        assert not (await limiter.check(POLICY, "cli_a")).allowed

    run(open_limiter, clock, body)


def test_a_quiet_window_refills_the_whole_quota(open_limiter: Opener) -> None:
    clock = FakeClock()

    async def body(limiter: RateLimiter) -> None:
        for _ in range(4):
            await limiter.check(POLICY, "cli_a")
        clock.advance(60)
        refilled = [await limiter.check(POLICY, "cli_a") for _ in range(4)]
        assert [d.allowed for d in refilled] == [True, True, True, False]
        clock.advance(600)  # idle for longer than a window saves up nothing extra
        later = [await limiter.check(POLICY, "cli_a") for _ in range(4)]
        assert [d.allowed for d in later] == [True, True, True, False]

    run(open_limiter, clock, body)


def test_refused_requests_do_not_spend_the_quota(open_limiter: Opener) -> None:
    clock = FakeClock()

    async def body(limiter: RateLimiter) -> None:
        for _ in range(3):
            await limiter.check(POLICY, "cli_a")
        for _ in range(50):
            assert not (await limiter.check(POLICY, "cli_a")).allowed
        clock.advance(20)
        assert (await limiter.check(POLICY, "cli_a")).allowed

    run(open_limiter, clock, body)


def test_clients_and_policies_are_counted_apart(open_limiter: Opener) -> None:
    clock = FakeClock()
    searches = Policy("searches", limit=3, window=60)

    async def body(limiter: RateLimiter) -> None:
        for _ in range(3):
            await limiter.check(POLICY, "cli_a")
        assert not (await limiter.check(POLICY, "cli_a")).allowed
        other_client = await limiter.check(POLICY, "usr_b")
        assert other_client.allowed
        assert other_client.remaining == 2
        other_policy = await limiter.check(searches, "cli_a")
        assert other_policy.allowed
        assert other_policy.remaining == 2

    run(open_limiter, clock, body)


def test_uneven_intervals_still_allow_exactly_the_limit(open_limiter: Opener) -> None:
    # 60 / 7 s is no exact float: rounding must not cost the seventh request.
    clock = FakeClock()
    policy = Policy("screenings", limit=7, window=60)

    async def body(limiter: RateLimiter) -> None:
        decisions = [await limiter.check(policy, "cli_a") for _ in range(8)]
        assert [d.allowed for d in decisions] == [True] * 7 + [False]
        assert [d.remaining for d in decisions[:7]] == [6, 5, 4, 3, 2, 1, 0]
        clock.advance(60 / 7)
        assert (await limiter.check(policy, "cli_a")).allowed

    run(open_limiter, clock, body)


def test_redis_keys_expire_when_the_quota_has_refilled(redis_url: str, redis_prefix: str) -> None:
    async def main() -> None:
        limiter = RedisLimiter(Redis.from_url(redis_url), prefix=redis_prefix)
        try:
            await limiter.check(POLICY, "cli_a")
            await limiter.check(POLICY, "cli_a")
        finally:
            await limiter.aclose()

    asyncio.run(main())
    with redis.Redis.from_url(redis_url) as client:
        ttl = client.pttl(f"{redis_prefix}lookups:cli_a")
    assert 39_000 < int(ttl) <= 40_000  # two requests: full again in 40 s


def test_redis_uses_its_own_clock_by_default(redis_url: str, redis_prefix: str) -> None:
    async def main() -> None:
        limiter = RedisLimiter(Redis.from_url(redis_url), prefix=redis_prefix)
        try:
            decisions = [await limiter.check(POLICY, "cli_a") for _ in range(4)]
        finally:
            await limiter.aclose()
        assert [d.allowed for d in decisions] == [True, True, True, False]
        assert 19 < decisions[3].retry_after <= 20
        assert decisions[3].retry_after_seconds == 20

    asyncio.run(main())


def test_two_processes_sharing_redis_never_exceed_the_limit_together(
    redis_url: str, redis_prefix: str
) -> None:
    """Two limiters, each with its own connections and event loop in its own thread, as two
    API processes would have, race for one client's quota."""
    policy = Policy("lookups", limit=50, window=60)
    allowed: list[int] = []
    start = threading.Barrier(2)

    def process() -> None:
        async def main() -> int:
            limiter = RedisLimiter(Redis.from_url(redis_url), prefix=redis_prefix)
            try:
                await limiter.check(Policy("warm-up", 1, 1), "x")  # connect before the race
                start.wait()
                decisions = await asyncio.gather(
                    *(limiter.check(policy, "cli_a") for _ in range(80))
                )
            finally:
                await limiter.aclose()
            return sum(d.allowed for d in decisions)

        allowed.append(asyncio.run(main()))

    threads = [threading.Thread(target=process) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(allowed) == 2
    assert sum(allowed) == 50


def test_memory_limiter_is_thread_safe() -> None:
    limiter = MemoryLimiter(clock=FakeClock())
    policy = Policy("lookups", limit=1000, window=60)
    allowed: list[int] = []

    def worker() -> None:
        allowed.append(sum(limiter.check_now(policy, "cli_a").allowed for _ in range(500)))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(allowed) == 1000


def test_memory_limiter_forgets_clients_whose_quota_has_refilled() -> None:
    clock = FakeClock()
    limiter = MemoryLimiter(clock=clock)
    for client in ("cli_a", "cli_b", "cli_c"):
        limiter.check_now(POLICY, client)
    assert len(limiter) == 3
    clock.advance(MemoryLimiter.SWEEP_SECONDS)
    limiter.check_now(POLICY, "cli_d")
    assert len(limiter) == 1


def test_a_failing_redis_falls_back_to_memory_and_says_so_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    registry = CollectorRegistry()
    metrics = metrics_for(registry)

    async def main() -> list[Decision]:
        limiter = RedisLimiter.from_url(DEAD_REDIS_URL, timeout=0.2, metrics=metrics)
        try:
            return [await limiter.check(POLICY, "cli_a") for _ in range(5)]
        finally:
            await limiter.aclose()

    with caplog.at_level(logging.WARNING, logger="anxin.rate_limit"):
        decisions = asyncio.run(main())
    # Still limited: the in-process fallback counts while Redis is away.
    assert [d.allowed for d in decisions] == [True, True, True, False, False]
    assert len(caplog.records) == 1
    assert "Redis failed" in caplog.records[0].getMessage()
    # Within the cooldown Redis is not asked again: one failure, not one per request.
    assert registry.get_sample_value("anxin_rate_limit_store_errors_total") == 1


def test_redis_is_asked_again_after_the_cooldown(
    redis_url: str, redis_prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def main() -> list[Decision]:
        limiter = RedisLimiter(Redis.from_url(redis_url), prefix=redis_prefix, cooldown=0)
        script = limiter._script
        calls = 0

        async def flaky(**kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls == 1:
                raise RedisConnectionError("connection reset")
            return await script(**kwargs)  # type: ignore[arg-type]

        limiter._script = flaky  # type: ignore[assignment]
        try:
            return [await limiter.check(POLICY, "cli_a") for _ in range(2)]
        finally:
            await limiter.aclose()

    with caplog.at_level(logging.WARNING, logger="anxin.rate_limit"):
        first, second = asyncio.run(main())
    assert first.allowed  # from memory
    assert second.allowed
    assert second.remaining == 2  # from Redis, which had not seen the first request
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "again" in messages[1]


def test_build_limiter_picks_the_store_from_the_url() -> None:
    assert isinstance(build_limiter(None, timeout=0.1), MemoryLimiter)
    limiter = build_limiter(DEAD_REDIS_URL, timeout=0.1)
    assert isinstance(limiter, RedisLimiter)
    asyncio.run(limiter.aclose())


def test_metrics_are_registered_once_per_registry() -> None:
    registry = CollectorRegistry()
    assert metrics_for(registry) is metrics_for(registry)


@pytest.mark.parametrize(("limit", "window"), [(0, 60), (5, 0)])
def test_a_policy_needs_a_positive_limit_and_window(limit: int, window: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        Policy("x", limit, window)


@given(
    limit=st.integers(1, 50),
    window=st.integers(1, 120),
    gaps=st.lists(st.floats(0, 10, allow_nan=False), min_size=1, max_size=200),
)
def test_gcra_never_admits_more_than_a_burst_plus_the_refill(
    limit: int, window: int, gaps: list[float]
) -> None:
    """From any admitted request on, at most `limit` more arrive within the next window
    fraction: admitted(t0, t0 + d) <= limit + d / interval (the GCRA guarantee)."""
    policy = Policy("p", limit, window)
    now, tat = 0.0, None
    admitted: list[float] = []
    for gap in gaps:
        now += gap
        new_tat, decision = gcra(policy, tat, now)
        assert decision.remaining >= 0
        assert decision.allowed == (new_tat is not None)
        if new_tat is not None:
            tat = new_tat
            admitted.append(now)
        else:
            assert decision.retry_after > 0
            assert gcra(policy, tat, now + decision.retry_after)[1].allowed
    for i, start in enumerate(admitted):
        for j in range(i, len(admitted)):
            elapsed = admitted[j] - start
            assert j - i + 1 <= limit + elapsed / policy.interval + 0.01  # slack: 1/1000
