"""An enterprise anywhere in China signs up: in any county-level region of the national tree
or a town below one. A province or a prefecture with counties is too broad a place, and an
unknown code is unknown; both are problems on `body.region_code`."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.enterprises.test_enterprises import signup_body
from tests.support.world import World, add_member, password_token

PROBLEM = "application/problem+json"


def _signup(client: TestClient, seed: int, region: str) -> httpx.Response:
    body = signup_body(seed, f"e{seed}@example.com", region_code=region)
    response: httpx.Response = client.post("/v1/enterprises/signup", json=body)
    return response


def _problem(response: httpx.Response, code: str) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == code
    assert [e["field"] for e in response.json()["errors"]] == ["body.region_code"]
    return dict(response.json())


@pytest.mark.parametrize(
    ("seed", "region"),
    [
        (701, "410102"),  # 中原区, Zhengzhou
        (702, "440106"),  # 天河区, Guangzhou
        (703, "419001"),  # 济源市, a county-level city Henan administers directly
        (704, "110101"),  # 东城区, Beijing
        (705, "441900"),  # 东莞市, a prefecture-level city without counties
        (706, "410108100"),  # 花园口镇, a town of Huiji
    ],
)
def test_an_enterprise_signs_up_anywhere(client: TestClient, seed: int, region: str) -> None:
    response = _signup(client, seed, region)
    assert response.status_code == 201, response.text
    assert response.json()["region_code"] == region
    token = password_token(client, f"e{seed}@example.com")
    own = client.get(
        f"/v1/enterprises/{response.json()['id']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert own.status_code == 200
    assert own.json()["region_code"] == region


@pytest.mark.parametrize("region", ["410000", "410100", "100000", "440000"])
def test_a_province_or_prefecture_is_too_broad(client: TestClient, region: str) -> None:
    _problem(_signup(client, 710, region), "region_not_a_locality")


@pytest.mark.parametrize("region", ["419000", "410199", "999999", "410108999"])
def test_an_unknown_region_is_unknown(client: TestClient, region: str) -> None:
    _problem(_signup(client, 711, region), "unknown_region")


def test_a_zhongyuan_enterprise_is_henans_not_huijis(world: World) -> None:
    client = world.client
    signed = _signup(client, 720, "410102")
    assert signed.status_code == 201, signed.text
    enterprise = signed.json()["id"]
    district = world["district_admin"].headers
    assert client.get(f"/v1/enterprises/{enterprise}", headers=district).status_code == 404
    henan = client.post(
        "/v1/organizations",
        json={"kind": "regulator", "name": "河南省应急管理厅", "region_code": "410000"},
        headers=world["platform"].headers,
    )
    assert henan.status_code == 201, henan.text
    admin = add_member(world, "henan_admin", henan.json()["id"], "admin", world["platform"])
    assert client.get(f"/v1/enterprises/{enterprise}", headers=admin.headers).status_code == 200


def test_moving_to_a_province_is_refused(world: World) -> None:
    client, enterprise = world.client, world.ids["enterprise_a"]
    headers = world["a_admin"].headers
    etag = client.get(f"/v1/enterprises/{enterprise}", headers=headers).headers["ETag"]
    moved = client.patch(
        f"/v1/enterprises/{enterprise}",
        json={"region_code": "410000"},
        headers={**headers, "If-Match": etag},
    )
    _problem(moved, "region_not_a_locality")
    moved = client.patch(
        f"/v1/enterprises/{enterprise}",
        json={"region_code": "440106"},
        headers={**headers, "If-Match": etag},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["region_code"] == "440106"
