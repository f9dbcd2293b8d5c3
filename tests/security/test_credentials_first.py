"""An unauthenticated request is refused (401) before any validation feedback (422).

Generated from the route table: every route behind a bearer scheme gets a request that is
wrong in every way it can be (path ids that match no pattern, a body that is not JSON, a
query parameter of the wrong type) without credentials, and with a forged token. Before,
FastAPI parsed the body first and told an anonymous caller what was wrong with it.
"""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from app.core.credentials_first import needs_credentials
from app.main import create_app

PATH_PARAMETER = re.compile(r"\{[^}]+\}")
BROKEN_JSON = b'{"name": '


def _protected_operations(app: FastAPI) -> list[tuple[str, str]]:
    return sorted(
        (method, context.path)
        for context in iter_route_contexts(app.routes)
        if isinstance(context.route, APIRoute) and needs_credentials(context.route.dependant)
        for method in context.methods or ()
    )


OPERATIONS = _protected_operations(create_app())


def test_the_generator_finds_the_protected_routes() -> None:
    assert len(OPERATIONS) > 150
    assert ("POST", "/v1/watchlists") in OPERATIONS
    assert ("POST", "/v1/auth/token") not in OPERATIONS  # the door itself is open


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
@pytest.mark.parametrize("authorization", [None, "Bearer forged.token.value"])
def test_a_request_without_valid_credentials_hears_401_first(
    client: TestClient, method: str, path: str, authorization: str | None
) -> None:
    headers = {"Content-Type": "application/json", "Idempotency-Key": "has spaces"}
    if authorization:
        headers["Authorization"] = authorization
    url = PATH_PARAMETER.sub("not-an-id", path) + "?limit=many&as_of=someday"
    response = client.request(method, url, content=BROKEN_JSON, headers=headers)
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "errors" not in response.json() or not response.json()["errors"]
