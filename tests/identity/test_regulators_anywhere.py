"""Regulators for any region of the national tree: a province, China, a county far from
Huiji. A region's regulator reaches the enterprises of its whole subtree (by division-code
structure: `410000` covers every `41…` code), and nothing outside it."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi.testclient import TestClient

from tests.support.world import Actor, World, add_member

PROBLEM = "application/problem+json"


def _create(world: World, name: str, region: str) -> httpx.Response:
    response: httpx.Response = world.client.post(
        "/v1/organizations",
        json={"kind": "regulator", "name": name, "region_code": region},
        headers=world["platform"].headers,
    )
    return response


def _regulator(world: World, key: str, name: str, region: str) -> Actor:
    created = _create(world, name, region)
    assert created.status_code == 201, created.text
    assert created.json()["region_code"] == region
    return add_member(world, key, created.json()["id"], "admin", world["platform"])


def _get(client: TestClient, path: str, actor: Actor, **params: str) -> httpx.Response:
    response: httpx.Response = client.get(path, headers=actor.headers, params=params)
    return response


def _problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == code
    return dict(response.json())


def test_regulators_are_onboarded_for_any_known_region(world: World) -> None:
    for name, region in (
        ("应急管理部", "100000"),
        ("河南省应急管理厅", "410000"),
        ("郑州市应急管理局", "410100"),
        ("济源市应急管理局", "419001"),
        ("广州市天河区应急管理局", "440106"),
        ("北京市东城区应急管理局", "110101"),
    ):
        assert _create(world, name, region).status_code == 201, region


def test_an_unknown_region_is_a_problem(world: World) -> None:
    for unknown in ("419000", "999999", "410108999"):
        problem = _problem(_create(world, "无名局", unknown), 422, "unknown_region")
        assert [e["field"] for e in problem["errors"]] == ["body.region_code"]


def test_a_regulator_reaches_its_whole_subtree_and_nothing_else(world: World) -> None:
    client, a = world.client, world.ids["enterprise_a"]
    henan = _regulator(world, "henan", "河南省应急管理厅", "410000")
    china = _regulator(world, "china", "应急管理部", "100000")
    tianhe = _regulator(world, "tianhe", "广州市天河区应急管理局", "440106")
    assert _get(client, f"/v1/enterprises/{a}", henan).status_code == 200
    assert _get(client, f"/v1/enterprises/{a}", china).status_code == 200
    assert _get(client, f"/v1/enterprises/{a}", tianhe).status_code == 404
    listed = _get(client, "/v1/enterprises", henan).json()["data"]
    assert {e["id"] for e in listed} == {a, world.ids["enterprise_b"]}
    assert _get(client, "/v1/enterprises", tianhe).json()["data"] == []


def test_a_province_watches_its_prefectures(world: World) -> None:
    client = world.client
    henan = _regulator(world, "henan", "河南省应急管理厅", "410000")
    for key in ("enterprise_a", "enterprise_b"):
        verified = client.post(f"/v1/enterprises/{world.ids[key]}/verify", headers=henan.headers)
        assert verified.status_code == 200, verified.text
    overview = _get(client, "/v1/regions/410000/compliance-overview", henan)
    assert overview.status_code == 200, overview.text
    by_region = {r["region_code"]: r["enterprises"] for r in overview.json()["by_region"]}
    assert by_region == {"410100": 2}  # both in Huiji, so in 郑州市
    district = _get(client, "/v1/regions/410108/compliance-overview", henan)
    assert district.status_code == 200, district.text
    tianhe = _regulator(world, "tianhe", "广州市天河区应急管理局", "440106")
    outside = _get(client, "/v1/regions/410000/compliance-overview", tianhe)
    _problem(outside, 403, "outside_your_region")
    _problem(
        _get(client, "/v1/regions/440000/compliance-overview", tianhe), 403, "outside_your_region"
    )
