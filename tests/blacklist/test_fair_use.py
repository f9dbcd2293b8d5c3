"""Fair use on the institutions' API: a client that spends its quota gets a 429 problem with
`Retry-After`; every answer announces the policy and what is left of it; other clients,
unauthenticated calls and other organizations are unaffected; Redis shares the quota
between processes and its failure does not fail lookups."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import redis
from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from app.blacklist.fair_use import SearchQuota, rate_limited
from app.core.config import Settings
from app.core.rate_limit import MemoryLimiter, RedisLimiter
from app.main import create_app
from tests.core.test_rate_limit import DEAD_REDIS_URL, FakeClock, redis_url_or_skip
from tests.support.world import World, credit_code

LOOKUP = f"/v1/blacklist/lookup/{credit_code(4242)}"

# Routes that show how a rate-limited route gets its headers, whatever it returns.
probe = APIRouter()


@probe.get("/test/fair-use/model", dependencies=[Depends(rate_limited("searches"))])
async def returns_a_model() -> dict[str, bool]:
    return {"ok": True}


@probe.get("/test/fair-use/own-response")
async def returns_its_own_response(quota: SearchQuota) -> JSONResponse:
    return JSONResponse({"ok": True})


@probe.get("/test/fair-use/applied")
async def applies_the_quota(quota: SearchQuota) -> JSONResponse:
    return quota.apply(JSONResponse({"ok": True}))


def limited_app(settings: Settings, **update: Any) -> FastAPI:
    app = create_app(
        settings.model_copy(
            update={"rate_limit_lookups_per_minute": 3, "rate_limit_searches_per_minute": 2}
            | update
        )
    )
    app.include_router(probe)
    return app


@contextmanager
def running(app: FastAPI, clock: FakeClock | None = None) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as client:
        if clock is not None:  # a limiter whose time the test moves
            app.state.rate_limiter = MemoryLimiter(clock=clock)
        yield client


def test_a_spent_quota_is_a_429_problem_with_retry_after(world: World, settings: Settings) -> None:
    clock = FakeClock()
    headers = world["bank_client"].headers
    with running(limited_app(settings), clock) as client:
        answers = [client.get(LOOKUP, headers=headers) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 200]
        assert {a.headers["RateLimit-Policy"] for a in answers} == {'"lookups";q=3;w=60'}
        assert [a.headers["RateLimit"] for a in answers] == [
            '"lookups";r=2;t=20',
            '"lookups";r=1;t=40',
            '"lookups";r=0;t=60',
        ]
        assert answers[0].json()["listed"] is False

        clock.advance(5)
        refused = client.get(LOOKUP, headers=headers)
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["Retry-After"] == "15"
        assert refused.headers["RateLimit-Policy"] == '"lookups";q=3;w=60'
        assert refused.headers["RateLimit"] == '"lookups";r=0;t=55'
        problem = refused.json()
        assert problem["status"] == 429
        assert problem["code"] == "rate_limited"
        assert problem["type"] == "https://anxin.dev/problems/rate_limited"
        assert problem["instance"] == LOOKUP
        assert "3 lookups per 60 seconds" in problem["detail"]

        clock.advance(15)  # as Retry-After said
        again = client.get(LOOKUP, headers=headers)
        assert again.status_code == 200
        assert again.headers["RateLimit"] == '"lookups";r=0;t=60'

        metrics = client.get("/metrics").text
        assert 'anxin_rate_limit_refused_total{policy="lookups"} 1.0' in metrics


def test_each_client_has_its_own_quota(world: World, settings: Settings) -> None:
    with running(limited_app(settings), FakeClock()) as client:
        for _ in range(3):
            client.get(LOOKUP, headers=world["bank_client"].headers)
        assert client.get(LOOKUP, headers=world["bank_client"].headers).status_code == 429
        # A user of the same bank is another principal, with its own quota.
        colleague = client.get(LOOKUP, headers=world["bank_admin"].headers)
        assert colleague.status_code == 200
        assert colleague.headers["RateLimit"] == '"lookups";r=2;t=20'


def test_who_may_not_look_up_is_told_so_before_any_quota(world: World, settings: Settings) -> None:
    with running(limited_app(settings, rate_limit_lookups_per_minute=1), FakeClock()) as client:
        for _ in range(3):
            anonymous = client.get(LOOKUP)
            assert anonymous.status_code == 401
            assert "RateLimit" not in anonymous.headers
            regulator = client.get(LOOKUP, headers=world["district_admin"].headers)
            assert regulator.status_code == 403
        # Neither counted against anybody: the bank's first lookup still has the whole quota.
        first = client.get(LOOKUP, headers=world["bank_client"].headers)
        assert first.status_code == 200
        assert first.headers["RateLimit"] == '"lookups";r=0;t=60'


def test_routes_get_the_headers_whatever_they_return(world: World, settings: Settings) -> None:
    headers = world["bank_client"].headers
    with running(limited_app(settings), FakeClock()) as client:
        modelled = client.get("/test/fair-use/model", headers=headers)
        assert modelled.headers["RateLimit"] == '"searches";r=1;t=30'
        # FastAPI does not copy headers onto a response the route built: hence `apply`.
        own = client.get("/test/fair-use/own-response", headers=headers)
        assert own.status_code == 200
        assert "RateLimit" not in own.headers
        # One quota for the three routes (one policy); the third call is refused anyway.
        refused = client.get("/test/fair-use/applied", headers=headers)
        assert refused.status_code == 429
        assert refused.headers["RateLimit-Policy"] == '"searches";q=2;w=60'
    with running(limited_app(settings), FakeClock()) as client:
        applied = client.get("/test/fair-use/applied", headers=headers)
        assert applied.status_code == 200
        assert applied.headers["RateLimit"] == '"searches";r=1;t=30'


def test_processes_sharing_redis_share_the_quota(world: World, settings: Settings) -> None:
    url = redis_url_or_skip()
    client_id = world.ids["bank_client"]
    headers = world["bank_client"].headers
    try:
        with ExitStack() as stack:
            first, second = (
                stack.enter_context(running(limited_app(settings, redis_url=url))) for _ in range(2)
            )
            assert isinstance(first.app.state.rate_limiter, RedisLimiter)  # type: ignore[attr-defined]
            for process in (first, second):  # a first request is slow; keep it out of the race
                assert process.get(LOOKUP).status_code == 401
            statuses = [
                process.get(LOOKUP, headers=headers).status_code
                for process in (first, second, first, second, first, second)
            ]
            assert statuses == [200, 200, 200, 429, 429, 429]
            refused = second.get(LOOKUP, headers=headers)
            # Redis's clock: the first lookup's 20 s, less the time the test has taken.
            assert 15 <= int(refused.headers["Retry-After"]) <= 20
    finally:
        with redis.Redis.from_url(url) as store:
            store.delete(f"anxin:rate:lookups:{client_id}")


def test_lookups_go_on_when_redis_is_down(world: World, settings: Settings) -> None:
    headers = world["bank_client"].headers
    with running(limited_app(settings, redis_url=DEAD_REDIS_URL)) as client:
        statuses = [client.get(LOOKUP, headers=headers).status_code for _ in range(4)]
        # Limited per process meanwhile, not unlimited.
        assert statuses == [200, 200, 200, 429]
        assert "anxin_rate_limit_store_errors_total 1.0" in client.get("/metrics").text
