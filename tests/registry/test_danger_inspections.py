"""Hidden-danger inspections (隐患排查记录, the seed's art. 20): the file of inspections held,
each with its date, kind, scope, leader and the number of hidden dangers found."""

from __future__ import annotations

from typing import Any

from app.core.validators import resident_id_check_character
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def _base(world: World, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/hidden-danger-inspections"


def _person(world: World, enterprise: str, body17: str, admin: str) -> str:
    response = world.client.post(
        f"/v1/enterprises/{world.ids[enterprise]}/people",
        json={
            "name": "排查负责人",
            "id_number": body17 + resident_id_check_character(body17),
            "hire_date": "2020-01-01",
        },
        headers=world[admin].headers,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def inspection(**overrides: Any) -> dict[str, Any]:
    return {
        "inspected_on": day(-3),
        "kind": "comprehensive",
        "scope": "全厂：一、二号车间，仓库，配电室",
        "dangers_found": 3,
        "notes": "发现一般隐患3项，已逐项登记。",
        **overrides,
    }


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_life_cycle_and_history(world: World) -> None:
    headers = world["a_editor"].headers
    leader = _person(world, "enterprise_a", "41010819800101001", "a_admin")
    created = world.client.post(
        _base(world), json=inspection(leader_person_id=leader), headers=headers
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("hdi_")
    assert (body["kind"], body["leader_person_id"], body["dangers_found"]) == (
        "comprehensive",
        leader,
        3,
    )
    location = created.headers["location"]
    assert world.client.get(location, headers=world["a_viewer"].headers).json() == body

    changed = world.client.patch(
        location,
        json={"dangers_found": 0, "kind": "holiday"},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["dangers_found"], changed.json()["kind"]) == (0, "holiday")

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": changed.headers["etag"]}
    )
    assert deleted.status_code == 204
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert [e["data"]["dangers_found"] for e in history] == [3, 0, 0]
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": body["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    assert sorted(e["action"] for e in events) == [
        "hidden_danger_inspection.create",
        "hidden_danger_inspection.delete",
        "hidden_danger_inspection.update",
    ]


def test_filters_by_date_range_and_kind(world: World) -> None:
    headers = world["a_editor"].headers
    for offset, kind in ((-40, "routine"), (-20, "seasonal"), (-1, "routine")):
        body = inspection(inspected_on=day(offset), kind=kind)
        assert world.client.post(_base(world), json=body, headers=headers).status_code == 201

    def days(**params: str) -> list[str]:
        response = world.client.get(_base(world), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(i["inspected_on"] for i in response.json()["data"])

    assert days() == [day(-40), day(-20), day(-1)]
    assert days(inspected_from=day(-20)) == [day(-20), day(-1)]
    assert days(inspected_to=day(-20)) == [day(-40), day(-20)]
    assert days(inspected_from=day(-19), inspected_to=day(-2)) == []
    assert days(kind="routine") == [day(-40), day(-1)]
    for params in ({"kind": "weekly"}, {"inspected_from": "2026-02-30"}):
        refused = world.client.get(_base(world), params=params, headers=headers)
        assert refused.status_code == 422, params
        assert refused.headers["content-type"] == "application/problem+json"


def test_validation(world: World) -> None:
    headers = world["a_editor"].headers
    b_person = _person(world, "enterprise_b", "41010819800101001", "b_admin")
    cases = [
        (inspection(inspected_on=day(1)), "body.inspected_on", "in_future"),
        (inspection(inspected_on="2026-13-01"), "body.inspected_on", "date_from_datetime_parsing"),
        (inspection(kind="weekly"), "body.kind", "enum"),
        (inspection(scope=" "), "body.scope", "string_too_short"),
        (inspection(dangers_found=-1), "body.dangers_found", "greater_than_equal"),
        (inspection(dangers_found=1.5), "body.dangers_found", "int_from_float"),
        (inspection(dangers_found=None), "body.dangers_found", "int_type"),
        (inspection(leader_person_id="per_nobody"), "body.leader_person_id", "unknown_person"),
        (inspection(leader_person_id=b_person), "body.leader_person_id", "unknown_person"),
    ]
    for body, field, code in cases:
        _rejected(world.client.post(_base(world), json=body, headers=headers), field, code)
    assert world.client.get(_base(world), headers=headers).json()["data"] == []

    created = world.client.post(_base(world), json=inspection(), headers=headers)
    location = created.headers["location"]
    with_etag = {**headers, "If-Match": created.headers["etag"]}
    for change, field, code in (
        ({"inspected_on": day(1)}, "body.inspected_on", "in_future"),
        ({"scope": None}, "body.scope", "missing"),
        ({"dangers_found": None}, "body.dangers_found", "missing"),
    ):
        _rejected(world.client.patch(location, json=change, headers=with_etag), field, code)
    assert world.client.get(location, headers=headers).json()["version"] == 1


def test_import_with_chinese_headers(world: World) -> None:
    headers = world["a_editor"].headers
    _person(world, "enterprise_a", "41010819800101001", "a_admin")
    id_number = "41010819800101001" + resident_id_check_character("41010819800101001")
    content = (
        "排查日期,排查类型,排查范围,排查负责人,发现隐患数,备注\n"
        f"{day(-10)},routine,一号车间,{id_number},2,\n"
        f"{day(-5)},special,危化品仓库,,0,雨季前专项排查\n"
    ).encode()
    url = f"/v1/enterprises/{world.ids['enterprise_a']}/imports"

    def upload(data: bytes) -> dict[str, Any]:
        uploaded = world.client.post(
            url,
            files={"file": ("inspections.csv", data)},
            data={"kind": "hidden-danger-inspections"},
            headers=headers,
        )
        assert uploaded.status_code == 202, uploaded.text
        return dict(world.client.get(uploaded.headers["location"], headers=headers).json())

    wrong = upload(content.replace(b",2,", b",-2,"))
    assert wrong["status"] == "invalid"
    assert [(e["row"], e["column"]) for e in wrong["errors"]] == [(2, "dangers_found")]
    done = upload(content)
    assert done["status"] == "succeeded", done["errors"]
    listed = world.client.get(_base(world), headers=headers).json()["data"]
    assert sorted((i["kind"], i["dangers_found"], bool(i["leader_person_id"])) for i in listed) == [
        ("routine", 2, True),
        ("special", 0, False),
    ]


def test_viewers_and_other_tenants_cannot_write_or_read(world: World) -> None:
    viewer = world["a_viewer"].headers
    assert world.client.post(_base(world), json=inspection(), headers=viewer).status_code == 403
    created = world.client.post(_base(world), json=inspection(), headers=world["a_editor"].headers)
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403
    other = world["b_admin"].headers
    assert world.client.get(location, headers=other).status_code == 404
    assert world.client.get(_base(world), headers=other).status_code in (403, 404)
    foreign = {**other, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=foreign).status_code == 404
    assert world.client.delete(location, headers=foreign).status_code == 404
    assert world.client.get(location, headers=viewer).json()["version"] == 1
