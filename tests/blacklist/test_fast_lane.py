"""The lookup's fast lane answers plainly valid lookups itself, exactly as the route would,
and passes everything else on untouched — without taking quota for what it passes on."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from app.blacklist.fast_lane import LookupFastLane
from app.blacklist.institution_router import CREDIT_CODE_MAX, hot_router
from app.blacklist.receipts import canonical_json
from app.core.rate_limit import Policy
from tests.blacklist.support import published
from tests.blacklist.test_lookup import verify_receipt
from tests.support.world import PASSWORD, World, credit_code

PASSED_ON = 599  # what the app behind the lane answers in these tests
LOOKUP_ROUTE = next(r for r in hot_router.routes if getattr(r, "path", "").startswith("/v1/"))


class Answer:
    def __init__(self, status: int, headers: dict[bytes, bytes], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body


def through_lane(
    app: FastAPI,
    path: str,
    headers: dict[str, str],
    query: str = "",
    method: str = "GET",
) -> Answer:
    """One request through a lane whose inner app answers PASSED_ON; the lane reads the
    running app's state (snapshot, token cache, limiter, receipting) as in production."""

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": PASSED_ON, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    lane = LookupFastLane(inner, route=LOOKUP_ROUTE, max_code_length=CREDIT_CODE_MAX)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "app": app,
    }
    asyncio.run(lane(scope, receive, send))
    start, body = sent
    return Answer(start["status"], dict(start["headers"]), body["body"])


@pytest.fixture
def few_lookups(app: FastAPI, world: World) -> Iterator[None]:
    """Three lookups an hour, so the quota's `r` counts exactly what the lane took."""
    policies = app.state.rate_limit_policies
    app.state.rate_limit_policies = {**policies, "lookups": Policy("lookups", 3, 3600)}
    yield
    app.state.rate_limit_policies = policies


def _remaining(answer: Answer) -> str:
    return answer.headers[b"ratelimit"].decode().split(";")[1]


def test_a_plain_lookup_is_answered_as_the_route_answers_it(world: World, app: FastAPI) -> None:
    entry = published(world)
    app.state.blacklist_snapshot.refresh()
    code = entry["credit_code"]
    bank = world["bank_client"].headers
    for query in ("", "as_of=2026-07-01", "as_of=2026-07-01&dataset_version=0", "as_of=2026-01-01"):
        lane = through_lane(app, f"/v1/blacklist/lookup/{code.lower()}", bank, query)
        assert lane.status == 200, lane.body
        # The same lookup with a parameter the lane does not know: the route answers it.
        route = world.client.get(
            f"/v1/blacklist/lookup/{code}",
            headers=bank,
            params={**dict(p.split("=") for p in query.split("&") if p), "unrelated": "1"},
        )
        assert route.status_code == 200, route.text
        mine, theirs = _json(lane.body), route.json()
        for volatile in ("receipt_id", "receipt"):
            mine.pop(volatile), theirs.pop(volatile)
        assert mine == theirs
        assert lane.headers[b"content-type"] == b"application/json"
        assert int(lane.headers[b"content-length"]) == len(lane.body)
        assert lane.headers[b"ratelimit-policy"] == route.headers["RateLimit-Policy"].encode()

    answer = _json(through_lane(app, f"/v1/blacklist/lookup/{code}", bank).body)
    claims = verify_receipt(world, answer["receipt"])
    assert claims["jti"] == answer["receipt_id"]
    assert claims["query"] == {
        "as_of": answer["as_of"],
        "credit_code": code,
        "dataset_version": None,
    }
    assert claims["answer"] == {"entries": [[entry["id"], 1]], "listed": True}
    # The query log has it, as the institution can read it back.
    stored = world.client.get(f"/v1/blacklist/receipts/{answer['receipt_id']}", headers=bank)
    assert stored.status_code == 200, stored.text
    assert stored.json()["receipt"] == answer["receipt"]


def test_the_answers_own_json_is_canonical(world: World, app: FastAPI) -> None:
    """The receipt's query and answer are written out by hand; they must be exactly what
    the canonical encoder makes of them, or a verifier re-serializing them would differ."""
    entry = published(world)
    app.state.blacklist_snapshot.refresh()
    bank = world["bank_client"].headers
    for code, query in ((entry["credit_code"], "dataset_version=1"), (credit_code(998), "")):
        answer = _json(through_lane(app, f"/v1/blacklist/lookup/{code}", bank, query).body)
        claims = verify_receipt(world, answer["receipt"])
        raw_payload = payload_text(answer["receipt"])
        assert f'"query":{canonical_json(claims["query"])}' in raw_payload
        assert f'"answer":{canonical_json(claims["answer"])}' in raw_payload


def test_anything_not_plainly_valid_is_passed_on_without_taking_quota(
    world: World, app: FastAPI, few_lookups: None
) -> None:
    entry = published(world)
    app.state.blacklist_snapshot.refresh()
    code = entry["credit_code"]
    bank = world["bank_client"].headers
    path = f"/v1/blacklist/lookup/{code}"
    first = through_lane(app, path, bank)
    assert (first.status, _remaining(first)) == (200, "r=2")

    unscoped = world.client.post(
        "/v1/auth/token",
        data={
            "grant_type": "password",
            "username": world["bank_admin"].email or "",
            "password": PASSWORD,
            "scope": "members:manage",
        },
    ).json()["access_token"]
    passed_on: list[tuple[str, dict[str, str], str, str]] = [
        (path, {}, "", "GET"),
        (path, {"Authorization": "Basic dXNlcjpwdw=="}, "", "GET"),
        (path, {"Authorization": "Bearer not.a.token"}, "", "GET"),
        (path, world["district_admin"].headers, "", "GET"),
        (path, world["a_admin"].headers, "", "GET"),
        (path, {"Authorization": f"Bearer {unscoped}"}, "", "GET"),
        (path, bank, "", "POST"),
        (path, {**bank, "Content-Length": "5"}, "", "GET"),
        (path + "/extra", bank, "", "GET"),
        ("/v1/blacklist/lookup/", bank, "", "GET"),
        ("/v1/blacklist/lookup/" + "9" * (CREDIT_CODE_MAX + 1), bank, "", "GET"),
        ("/v1/blacklist/lookup/91410108MA0000000Z", bank, "", "GET"),
        (path, bank, "as_of=yesterday", "GET"),
        (path, bank, "as_of=2026-13-01", "GET"),
        (path, bank, "as_of=2026-07-01&as_of=2026-07-02", "GET"),
        (path, bank, "dataset_version=-1", "GET"),
        (path, bank, f"dataset_version={10**6}", "GET"),
        (path, bank, "unrelated=1", "GET"),
        (path, bank, "as_of", "GET"),
    ]
    for request_path, headers, query, method in passed_on:
        answer = through_lane(app, request_path, headers, query, method)
        assert answer.status == PASSED_ON, (request_path, headers, query, method, answer.body)

    # None of that took quota: two lookups are left, then the quota is spent and the lane
    # leaves the refusal to the route (429, problem+json, Retry-After).
    assert _remaining(through_lane(app, path, bank)) == "r=1"
    assert _remaining(through_lane(app, path, bank)) == "r=0"
    assert through_lane(app, path, bank).status == PASSED_ON
    refused = world.client.get(path, headers=bank)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert "Retry-After" in refused.headers


def test_lane_answers_carry_the_request_context(world: World, app: FastAPI) -> None:
    """Served through the whole app: a request id, and metrics under the route's template."""
    entry = published(world)
    app.state.blacklist_snapshot.refresh()
    bank = world["bank_client"].headers
    response = world.client.get(
        f"/v1/blacklist/lookup/{entry['credit_code']}", headers={**bank, "X-Request-ID": "abc-1"}
    )
    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == "abc-1"
    metrics = world.client.get("/metrics").text
    assert 'route="/v1/blacklist/lookup/{credit_code}",status="200"' in metrics


def _json(body: bytes) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(body)
    return value


def payload_text(receipt: str) -> str:
    segment = receipt.split(".")[1]
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()
