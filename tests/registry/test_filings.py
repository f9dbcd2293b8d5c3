"""Major hazard sources (art. 23) and their filing with the regulator."""

from __future__ import annotations

from typing import Any

from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def _base(world: World) -> str:
    return f"/v1/enterprises/{world.ids['enterprise_a']}/major-hazard-sources"


def source(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "液氨储罐区",
        "grade": 3,
        "location": "厂区东北角",
        "identified_on": day(-60),
        "filed_on": day(-40),
        "filing_number": "郑惠危备〔2026〕012号",
        "authority": "郑州市惠济区应急管理局",
        **overrides,
    }


def unfiled(**overrides: Any) -> dict[str, Any]:
    return source(filed_on=None, filing_number=None, authority=None, **overrides)


def test_life_cycle(world: World) -> None:
    headers = world["a_editor"].headers
    created = world.client.post(_base(world), json=unfiled(), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("mhs_")
    assert body["filed"] is False
    assert body["grade"] == 3
    location = created.headers["location"]
    assert location == f"{_base(world)}/{body['id']}"
    fetched = world.client.get(location, headers=world["a_viewer"].headers)
    assert fetched.json() == body
    assert fetched.headers["etag"] == created.headers["etag"]

    filed = world.client.patch(
        location,
        json={"filed_on": day(-1), "filing_number": "郑惠危备〔2026〕099号", "grade": 2},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert filed.status_code == 200, filed.text
    assert filed.json()["filed"] is True
    assert filed.json()["filed_on"] == day(-1)
    assert filed.json()["grade"] == 2
    stale = world.client.patch(
        location, json={"name": "x"}, headers={**headers, "If-Match": created.headers["etag"]}
    )
    assert stale.status_code == 412

    deleted = world.client.delete(location, headers={**headers, "If-Match": filed.headers["etag"]})
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert history[0]["data"]["filed_on"] is None
    assert history[1]["data"]["filing_number"] == "郑惠危备〔2026〕099号"
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": body["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    assert sorted(e["action"] for e in events) == [
        "major_hazard_source.create",
        "major_hazard_source.delete",
        "major_hazard_source.update",
    ]


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    for body in (
        source(name="液氨储罐区"),
        unfiled(name="LPG 球罐", grade=1),
        source(name="甲醇罐区", grade=1),
    ):
        assert world.client.post(_base(world), json=body, headers=headers).status_code == 201

    def names(**params: str) -> list[str]:
        response = world.client.get(_base(world), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(s["name"] for s in response.json()["data"])

    assert names() == sorted(["液氨储罐区", "LPG 球罐", "甲醇罐区"])
    assert names(grade="1") == sorted(["LPG 球罐", "甲醇罐区"])
    assert names(filed="true") == sorted(["液氨储罐区", "甲醇罐区"])
    assert names(filed="false") == ["LPG 球罐"]
    assert names(grade="1", filed="false") == ["LPG 球罐"]
    assert world.client.get(_base(world), params={"grade": "5"}, headers=headers).status_code == 422


def test_validation(world: World) -> None:
    headers = world["a_editor"].headers
    cases = [
        (source(grade=0), "body.grade", "greater_than_equal"),
        (source(grade=5), "body.grade", "less_than_equal"),
        (source(name=""), "body.name", "string_too_short"),
        (unfiled(identified_on=day(1)), "body.identified_on", "in_future"),
        (source(filed_on=day(1)), "body.filed_on", "in_future"),
        (source(filed_on=day(-61)), "body.filed_on", "date_order"),
        (source(filing_number=None), "body.filing_number", "missing"),
        (source(filed_on=None), "body.filed_on", "missing"),
    ]
    for body, field, code in cases:
        response = world.client.post(_base(world), json=body, headers=headers)
        assert response.status_code == 422, (field, response.text)
        assert response.json()["errors"][0]["field"] == field, response.text
        assert response.json()["errors"][0]["code"] == code
    assert world.client.get(_base(world), headers=headers).json()["data"] == []

    same_day = world.client.post(_base(world), json=source(filed_on=day(-60)), headers=headers)
    assert same_day.status_code == 201, same_day.text

    def patch(body: dict[str, Any]) -> Any:
        return world.client.patch(
            same_day.headers["location"],
            json=body,
            headers={**headers, "If-Match": same_day.headers["etag"]},
        )

    # A PATCH is checked against the whole record, naming the field it sent.
    for body, field in (
        ({"identified_on": day(-59)}, "body.identified_on"),
        ({"filing_number": None}, "body.filing_number"),
        ({"identified_on": None}, "body.identified_on"),
        ({"grade": None}, "body.grade"),
    ):
        response = patch(body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["errors"][0]["field"] == field
    withdrawn = patch({"filed_on": None, "filing_number": None})
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["filed"] is False


def test_viewers_cannot_write(world: World) -> None:
    response = world.client.post(_base(world), json=source(), headers=world["a_viewer"].headers)
    assert response.status_code == 403
