"""The lookup skips FastAPI's dependency solving (HotRoute): it must answer exactly what the
same endpoint answers when FastAPI solves its signature — the same 401, 403 and 422 problems
for the same requests, the same answers otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from app.blacklist import institution_router
from app.core.config import Settings
from app.main import create_app
from tests.blacklist.support import published
from tests.blacklist.test_lookup import verify_receipt
from tests.support.world import PASSWORD, World, credit_code

HOT = "/v1/blacklist/lookup"
SOLVED = "/test/solved/lookup"
VOLATILE = ("receipt_id", "receipt", "request_id", "instance")

# The same endpoint on an ordinary APIRoute: FastAPI solves its dependencies and parameters.
solved = APIRouter()
solved.add_api_route(
    f"{SOLVED}/{{credit_code}}", institution_router.lookup, methods=["GET"], tags=["test"]
)


@pytest.fixture
def both(settings: Settings) -> Iterator[TestClient]:
    app: FastAPI = create_app(settings)
    app.include_router(solved)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _comparable(response: Any) -> tuple[int, str, Any, bool]:
    body = response.json()
    if isinstance(body, dict):
        body = {k: v for k, v in body.items() if k not in VOLATILE}
    return (
        response.status_code,
        response.headers["content-type"],
        body,
        "RateLimit" in response.headers,
    )


def _scoped_token(client: TestClient, email: str, scope: str) -> str:
    response = client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": PASSWORD, "scope": scope},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def test_the_hot_route_answers_as_fastapi_would(world: World, both: TestClient) -> None:
    entry = published(world)
    both.app.state.blacklist_snapshot.refresh()  # type: ignore[attr-defined]
    bank = world["bank_client"].headers
    unscoped = _scoped_token(both, world["bank_admin"].email or "", "members:manage")
    listed = entry["credit_code"]
    cases: list[tuple[dict[str, str], str, dict[str, Any]]] = [
        ({}, listed, {}),
        ({"Authorization": "Basic dXNlcjpwdw=="}, listed, {}),
        ({"Authorization": "Bearer"}, listed, {}),
        ({"Authorization": "Bearer not.a.token"}, listed, {}),
        ({"Authorization": f"bearer {world['bank_client'].token}"}, listed, {}),
        (world["district_admin"].headers, listed, {}),
        (world["a_admin"].headers, listed, {}),
        ({"Authorization": f"Bearer {unscoped}"}, listed, {}),
        (bank, "9" * 41, {}),
        (bank, "9" * 41, {"as_of": "yesterday"}),
        (bank, "91410108MA0000000Z", {}),
        (bank, listed, {"as_of": "2026-13-01"}),
        (bank, listed, {"dataset_version": "-1"}),
        (bank, listed, {"dataset_version": "many", "as_of": "soon"}),
        (bank, listed, {"dataset_version": str(10**6)}),
        (bank, listed, {"as_of": "2026-07-01"}),
        (bank, listed, {"as_of": "2026-07-01", "dataset_version": "0"}),
        (bank, listed.lower(), {"as_of": "2026-07-01", "unrelated": "x"}),
        (bank, credit_code(998), {}),
    ]
    statuses = set()
    for headers, code, params in cases:
        hot = both.get(f"{HOT}/{code}", headers=headers, params=params)
        slow = both.get(f"{SOLVED}/{code}", headers=headers, params=params)
        assert _comparable(hot) == _comparable(slow), (headers, code, params, hot.text)
        statuses.add(hot.status_code)
        if hot.status_code == 200:
            assert hot.headers["RateLimit-Policy"] == slow.headers["RateLimit-Policy"]
            claims = verify_receipt(world, hot.json()["receipt"])
            assert claims["answer"] == verify_receipt(world, slow.json()["receipt"])["answer"]
    assert statuses == {200, 401, 403, 422}


def test_the_hot_route_is_documented_like_any_route(both: TestClient) -> None:
    operation = both.get("/openapi.json").json()["paths"][f"{HOT}/{{credit_code}}"]["get"]
    assert {p["name"]: p["in"] for p in operation["parameters"]} == {
        "credit_code": "path",
        "as_of": "query",
        "dataset_version": "query",
    }
    assert operation["security"] == [{"HTTPBearer": []}]
    assert {"200", "401", "403", "422", "429"} <= set(operation["responses"])
    assert "RateLimit" in operation["responses"]["200"]["headers"]
