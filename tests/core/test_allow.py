"""A 405 names every method its path supports (RFC 9110 §15.5.6), however many routes the
path is split over — for OPTIONS too, which the API does not serve."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.core.test_errors import assert_problem
from tests.support.world import World


def _allow(header: str) -> list[str]:
    return [method.strip() for method in header.split(",")]


@pytest.mark.parametrize("method", ["OPTIONS", "PUT", "POST"])
def test_a_405_lists_every_method_of_the_path(world: World, method: str) -> None:
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    response = world.client.request(method, enterprise, headers=world["a_admin"].headers)
    assert_problem(response, 405, "method_not_allowed")
    assert _allow(response.headers["allow"]) == ["GET", "PATCH"]


def test_a_collection_lists_get_and_post(client: TestClient) -> None:
    response = client.request("OPTIONS", "/v1/enterprises/ent_x/people")
    assert_problem(response, 405, "method_not_allowed")
    assert _allow(response.headers["allow"]) == ["GET", "POST"]


def test_a_record_lists_get_patch_and_delete(client: TestClient) -> None:
    response = client.request("PUT", "/v1/enterprises/ent_x/people/per_x")
    assert_problem(response, 405, "method_not_allowed")
    assert _allow(response.headers["allow"]) == ["GET", "PATCH", "DELETE"]
