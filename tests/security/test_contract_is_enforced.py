"""What the contract declares, the server enforces: a request the contract refuses is 422.

From the outside probe (issue 17): `dataset_version: false` was taken as version 0, a
cursor or a region code could be any string, and a credit code in a path had no pattern.
Each case below sends what a generated client would refuse to send, as a principal that
may otherwise make the request, and expects 422 naming the field.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.world import World


def _fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return [error["field"] for error in response.json()["errors"]]


@pytest.mark.parametrize("version", [False, True, "3", 1.5])
def test_a_screening_dataset_version_is_a_json_integer(world: World, version: object) -> None:
    response = world.client.post(
        "/v1/blacklist/screenings",
        json={"items": [{"credit_code": "91410108MA0000000X"}], "dataset_version": version},
        headers=world["bank_client"].headers,
    )
    assert "body.dataset_version" in _fields(response)


@pytest.mark.parametrize(
    ("field", "value"),
    [("employee_count", True), ("occupational_hazard_trade", 1), ("region_code", "41x108")],
)
def test_an_enterprise_patch_takes_only_declared_types(
    world: World, field: str, value: object
) -> None:
    admin = world["a_admin"]
    path = f"/v1/enterprises/{world.ids['enterprise_a']}"
    etag = world.client.get(path, headers=admin.headers).headers["etag"]
    response = world.client.patch(
        path, json={field: value}, headers={**admin.headers, "If-Match": etag}
    )
    assert _fields(response) == [f"body.{field}"]


@pytest.mark.parametrize("cursor", ["not a cursor!", "abc=", "é"])
def test_a_cursor_is_what_the_server_writes(world: World, cursor: str) -> None:
    response = world.client.get(
        "/v1/enterprises", params={"cursor": cursor}, headers=world["district_admin"].headers
    )
    assert _fields(response) == ["query.cursor"]


@pytest.mark.parametrize("region", ["41x108", "4101", "4101080011"])
def test_a_region_code_is_a_division_code(world: World, region: str) -> None:
    response = world.client.get(
        "/v1/enterprises", params={"region": region}, headers=world["district_admin"].headers
    )
    assert _fields(response) == ["query.region"]


@pytest.mark.parametrize("code", ["91410108MA000000", "91410108MA0000000I", "91410108MA0000000XX"])
def test_a_credit_code_in_a_path_has_the_declared_form(world: World, code: str) -> None:
    response = world.client.get(
        f"/v1/blacklist/lookup/{code}", headers=world["bank_client"].headers
    )
    assert _fields(response) == ["path.credit_code"]


def test_a_json_integer_may_be_written_with_a_zero_fraction(world: World) -> None:
    """JSON Schema counts 120.0 as an integer, so the server does too; `"120"` it does not."""
    admin = world["a_admin"]
    path = f"/v1/enterprises/{world.ids['enterprise_a']}"
    etag = world.client.get(path, headers=admin.headers).headers["etag"]
    accepted = world.client.patch(
        path, json={"employee_count": 120.0}, headers={**admin.headers, "If-Match": etag}
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["employee_count"] == 120
    refused = world.client.patch(
        path,
        json={"employee_count": "120"},
        headers={**admin.headers, "If-Match": accepted.headers["etag"]},
    )
    assert _fields(refused) == ["body.employee_count"]
