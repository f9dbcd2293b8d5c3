"""What the contract fuzzing found, pinned: each test is one finding, fixed in app/ and kept
fixed here with a plain request (docs/fuzzing.md lists them)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.support.world import PASSWORD, World

PROBLEM = "application/problem+json"
TEST_ONLY_PREFIX = "/v1/test-notes"  # the suite's own resource (tests/support/notes.py)


def _imports(world: World, key: str) -> Any:
    return world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("people.csv", "姓名,身份证号,入职日期\n".encode())},
        data={"kind": "people", "dry_run": "true"},
        headers={**world["a_admin"].headers, "Idempotency-Key": key},
    )


def test_a_form_post_with_an_idempotency_key_is_served_and_replayed(world: World) -> None:
    """Was 500 ("Stream consumed"): the guard read the body after FastAPI parsed the form."""
    signed_in = world.client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": "a_admin@example.com", "password": PASSWORD},
        headers={"Idempotency-Key": "sign-in-1"},
    )
    assert signed_in.status_code == 200, signed_in.text
    first, again = _imports(world, "upload-1"), _imports(world, "upload-1")
    assert first.status_code == again.status_code == 202, first.text
    assert again.json()["id"] == first.json()["id"]  # replayed, not imported twice
    other = _imports(world, "upload-2")
    assert other.status_code == 202
    assert other.json()["id"] != first.json()["id"]


def test_a_json_body_that_is_not_utf8_is_invalid_input(world: World) -> None:
    """Was an undocumented 400: FastAPI's own answer to a body it cannot decode."""
    response = world.client.post(
        "/v1/organizations",
        content=b"\xff\x1a",
        headers={**world["platform"].headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "body"
    assert response.json()["errors"][0]["code"] == "body_unparsable"


def test_a_broken_multipart_body_is_invalid_input(world: World) -> None:
    response = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        content=b"no parts here",
        headers={**world["a_admin"].headers, "Content-Type": "multipart/form-data"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"


def test_a_valid_request_is_still_answered_when_json_is_malformed(client: TestClient) -> None:
    """The 400 → 422 mapping is only for bodies: JSON syntax errors keep their own code."""
    response = client.post(
        "/v1/enterprises/signup", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "json_invalid"


def _responses(app: FastAPI, method: str, path: str) -> dict[str, Any]:
    return dict(app.openapi()["paths"][path][method]["responses"])


def test_the_contract_documents_what_these_operations_answer(app: FastAPI) -> None:
    """Undocumented answers the fuzzing met: /v1/me's 401, the OAuth forms' 422 (a problem,
    documented as plain JSON before)."""
    assert "401" in _responses(app, "get", "/v1/me")
    for path in ("/v1/auth/token", "/v1/auth/revoke"):
        assert PROBLEM in _responses(app, "post", path)["422"]["content"]


def test_problems_are_documented_with_their_schema_under_their_media_type(app: FastAPI) -> None:
    """Problems are sent as problem+json; its schema was documented under application/json
    only, so nothing checked an error body against it."""
    problem = _responses(app, "get", "/v1/enterprises/{enterprise_id}")["404"]
    assert problem["content"][PROBLEM]["schema"] == {"$ref": "#/components/schemas/ProblemDetail"}


def test_every_documented_422_is_a_problem(app: FastAPI) -> None:
    """Routes that left 422 out of their `responses` got FastAPI's default (HTTPValidationError
    as application/json), while every 422 is sent as a problem (rule packs, their rules)."""
    for path, methods in app.openapi()["paths"].items():
        if path.startswith(TEST_ONLY_PREFIX):
            continue
        for method, operation in methods.items():
            invalid = operation["responses"].get("422")
            if invalid is not None:
                assert PROBLEM in invalid["content"], f"{method.upper()} {path}"


def test_a_change_cursor_past_the_columns_range_is_invalid_input(world: World) -> None:
    """`after` past the seq column's range (32-bit on PostgreSQL) made the database refuse
    the query: a 500. It is now bounded like the column."""
    response = world.client.get(
        f"/v1/blacklist/changes?after={2**31}", headers=world["bank_client"].headers
    )
    assert response.status_code == 422, response.text
