"""Idempotency-Key on POST: replays, conflicts and what a failed request leaves behind."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from app.core import clock
from app.core.idempotency import IdempotencyRecord
from tests.support.live_server import serve_in_thread
from tests.support.notes import Note


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def test_same_key_and_body_replays_the_first_response(client: TestClient, engine: Engine) -> None:
    headers = {"Idempotency-Key": "order-1"}
    first = client.post("/v1/test-notes", json={"title": "once"}, headers=headers)
    second = client.post("/v1/test-notes", json={"title": "once"}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["location"] == first.headers["location"]
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert _count(engine, Note) == 1


def test_stored_answers_are_sealed(client: TestClient, engine: Engine) -> None:
    """A stored answer may hold a secret shown once; at rest it is ciphertext."""
    headers = {"Idempotency-Key": "order-sealed"}
    first = client.post("/v1/test-notes", json={"title": "秘密 secret-title"}, headers=headers)
    with engine.connect() as connection:
        stored = connection.scalar(select(IdempotencyRecord.response_body))
    assert stored is not None
    assert b"secret-title" not in stored
    assert "秘密".encode() not in stored
    replayed = client.post("/v1/test-notes", json={"title": "秘密 secret-title"}, headers=headers)
    assert replayed.json() == first.json()


def test_same_key_with_another_body_is_422(client: TestClient, engine: Engine) -> None:
    headers = {"Idempotency-Key": "order-2"}
    assert client.post("/v1/test-notes", json={"title": "a"}, headers=headers).status_code == 201
    response = client.post("/v1/test-notes", json={"title": "b"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert _count(engine, Note) == 1


def test_keys_are_scoped_to_the_path(client: TestClient, engine: Engine) -> None:
    headers = {"Idempotency-Key": "shared"}
    assert client.post("/v1/test-notes", json={"title": "a"}, headers=headers).status_code == 201
    response = client.post("/v1/test-notes/refuse-halfway", json={"title": "a"}, headers=headers)
    assert response.status_code == 409
    assert response.json()["code"] == "refused"


def test_without_a_key_each_post_acts(client: TestClient, engine: Engine) -> None:
    for _ in range(2):
        assert client.post("/v1/test-notes", json={"title": "twice"}).status_code == 201
    assert _count(engine, Note) == 2
    assert _count(engine, IdempotencyRecord) == 0


def test_failed_request_keeps_no_key_so_a_retry_runs_again(
    client: TestClient, engine: Engine
) -> None:
    headers = {"Idempotency-Key": "will-fail"}
    for _ in range(2):
        response = client.post("/v1/test-notes/fail-halfway", json={"title": "x"}, headers=headers)
        assert response.status_code == 500
    assert _count(engine, IdempotencyRecord) == 0
    assert _count(engine, Note) == 0


def test_malformed_key_is_422(client: TestClient) -> None:
    response = client.post(
        "/v1/test-notes", json={"title": "x"}, headers={"Idempotency-Key": "bad key with spaces"}
    )
    assert response.status_code == 422
    # The header's pattern is declared in the contract and enforced by it.
    assert response.json()["code"] == "validation_failed"
    assert [e["field"] for e in response.json()["errors"]] == ["header.Idempotency-Key"]


def test_key_expires_after_its_time(client: TestClient, engine: Engine) -> None:
    start = clock.FixedClock(datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    headers = {"Idempotency-Key": "daily"}
    with clock.use_clock(start):
        assert (
            client.post("/v1/test-notes", json={"title": "x"}, headers=headers).status_code == 201
        )
        start.advance(timedelta(hours=23))
        replay = client.post("/v1/test-notes", json={"title": "x"}, headers=headers)
        assert replay.headers.get("idempotent-replayed") == "true"
        start.advance(timedelta(hours=2))
        fresh = client.post("/v1/test-notes", json={"title": "x"}, headers=headers)
        assert fresh.status_code == 201
        assert "idempotent-replayed" not in fresh.headers
    assert _count(engine, Note) == 2


def test_concurrent_requests_with_one_key_act_once(
    app: FastAPI, client: TestClient, engine: Engine
) -> None:
    # Real concurrency: a real server, eight simultaneous clients, one key.
    with serve_in_thread(app) as base_url:

        def post(_: int) -> httpx.Response:
            return httpx.post(
                f"{base_url}/v1/test-notes",
                json={"title": "race"},
                headers={"Idempotency-Key": "race-1"},
                timeout=30,
            )

        with ThreadPoolExecutor(max_workers=8) as pool:
            responses = list(pool.map(post, range(8)))
    statuses = [r.status_code for r in responses]
    assert set(statuses) <= {201, 409}
    originals = [
        r for r in responses if r.status_code == 201 and "idempotent-replayed" not in r.headers
    ]
    assert len(originals) == 1
    assert all(
        r.json()["code"] == "idempotency_key_in_use" for r in responses if r.status_code == 409
    )
    assert _count(engine, Note) == 1
