"""Every kind of error is an RFC 9457 problem with a stable code and the request id."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from app.core.errors import is_foreign_key_violation
from app.identity.models import Client

PROBLEM_FIELDS = {"type", "title", "status", "detail", "instance", "code", "request_id"}


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body.keys() >= PROBLEM_FIELDS
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"https://anxin.dev/problems/{code}"
    assert body["request_id"] == response.headers["x-request-id"]
    return body


def test_unknown_path_is_404(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/no-such-thing"), 404, "not_found")
    assert body["instance"] == "/v1/no-such-thing"


def test_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.delete("/healthz")
    assert_problem(response, 405, "method_not_allowed")
    assert "GET" in response.headers["allow"]


def test_validation_names_each_bad_field(client: TestClient) -> None:
    response = client.post("/v1/test-notes", json={"title": ""})
    body = assert_problem(response, 422, "validation_failed")
    assert [error["field"] for error in body["errors"]] == ["body.title"]
    assert body["errors"][0]["code"] == "string_too_short"


def test_malformed_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/v1/test-notes", content=b"{not json", headers={"content-type": "application/json"}
    )
    body = assert_problem(response, 422, "validation_failed")
    assert body["errors"][0]["code"] == "json_invalid"


def test_bad_path_parameter_is_422(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/test-notes/123"), 422, "validation_failed")
    assert body["errors"][0]["field"] == "path.note_id"


def test_missing_resource_is_404_from_the_domain(client: TestClient) -> None:
    response = client.get("/v1/test-notes/note_00000000000000000000000000")
    body = assert_problem(response, 404, "not_found")
    assert "note_00000000000000000000000000" in body["detail"]


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    big = {"title": "x" * (70 * 1024)}
    assert_problem(client.post("/v1/test-notes", json=big), 413, "payload_too_large")


@pytest.mark.parametrize("accept", ["application/json", "*/*"])
def test_unhandled_error_is_500_problem(client: TestClient, accept: str) -> None:
    response = client.post(
        "/v1/test-notes/fail-halfway", json={"title": "x"}, headers={"accept": accept}
    )
    body = assert_problem(response, 500, "internal_error")
    assert "boom" not in response.text
    assert "request id" in body["detail"]


def test_foreign_key_violations_are_recognised_on_this_lane(engine: Engine) -> None:
    orphan = insert(Client).values(
        id="cli_orphan",
        organization_id="org_missing",
        name="orphan",
        secret_hash="x",
        scopes="",
        created_at=datetime.now(UTC),
    )
    with pytest.raises(IntegrityError) as raised, engine.begin() as connection:
        connection.execute(orphan)
    assert is_foreign_key_violation(raised.value)
