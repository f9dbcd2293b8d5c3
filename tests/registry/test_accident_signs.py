"""Accident signs (事故征兆) and the early warnings issued on them (the seed's art. 23):
found on a day, warned on a day not before it, with the measures and who issued it."""

from __future__ import annotations

from typing import Any

from app.core.validators import resident_id_check_character
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def _base(world: World, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/accident-signs"


def _person(world: World, enterprise: str, body17: str, admin: str) -> str:
    response = world.client.post(
        f"/v1/enterprises/{world.ids[enterprise]}/people",
        json={
            "name": "值班长",
            "id_number": body17 + resident_id_check_character(body17),
            "hire_date": "2020-01-01",
        },
        headers=world[admin].headers,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def signed(**overrides: Any) -> dict[str, Any]:
    return {
        "observed_on": day(-2),
        "description": "二号罐区可燃气体报警仪连续两次低限报警",
        "location": "二号罐区",
        **overrides,
    }


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_a_sign_then_its_warning(world: World) -> None:
    headers = world["a_editor"].headers
    issuer = _person(world, "enterprise_a", "41010819800101001", "a_admin")
    created = world.client.post(_base(world), json=signed(), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("acs_")
    assert (body["warning_issued_on"], body["warned_in_time"]) == (None, False)
    location = created.headers["location"]

    warned = world.client.patch(
        location,
        json={
            "warning_issued_on": day(-2),
            "warning_measures": "停止动火作业，撤离无关人员",
            "issued_by_person_id": issuer,
        },
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert warned.status_code == 200, warned.text
    assert (warned.json()["warned_in_time"], warned.json()["issued_by_person_id"]) == (True, issuer)

    late = world.client.post(
        _base(world),
        json=signed(warning_issued_on=day(-1), warning_measures="加强巡检"),
        headers=headers,
    )
    assert late.status_code == 201, late.text
    assert late.json()["warned_in_time"] is False

    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update"]
    assert [e["data"]["warning_issued_on"] for e in history] == [None, day(-2)]
    deleted = world.client.delete(location, headers={**headers, "If-Match": warned.headers["etag"]})
    assert deleted.status_code == 204


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    for offset, warned in ((-30, True), (-10, False), (-1, True)):
        extra = {"warning_issued_on": day(offset), "warning_measures": "撤离"} if warned else {}
        body = signed(observed_on=day(offset), **extra)
        assert world.client.post(_base(world), json=body, headers=headers).status_code == 201

    def days(**params: str) -> list[str]:
        response = world.client.get(_base(world), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(s["observed_on"] for s in response.json()["data"])

    assert days() == [day(-30), day(-10), day(-1)]
    assert days(observed_from=day(-10)) == [day(-10), day(-1)]
    assert days(observed_to=day(-10)) == [day(-30), day(-10)]
    assert days(warned="true") == [day(-30), day(-1)]
    assert days(warned="false") == [day(-10)]
    refused = world.client.get(_base(world), params={"warned": "maybe"}, headers=headers)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"


def test_validation(world: World) -> None:
    headers = world["a_editor"].headers
    b_person = _person(world, "enterprise_b", "41010819800101001", "b_admin")
    cases = [
        (signed(observed_on=day(1)), "body.observed_on", "in_future"),
        (signed(description=""), "body.description", "string_too_short"),
        (signed(location="x" * 301), "body.location", "string_too_long"),
        (signed(warning_issued_on=day(1)), "body.warning_issued_on", "in_future"),
        (signed(warning_issued_on=day(-3)), "body.warning_issued_on", "date_order"),
        (signed(issued_by_person_id=b_person), "body.issued_by_person_id", "not_applicable"),
        (
            signed(warning_issued_on=day(-2), issued_by_person_id=b_person),
            "body.issued_by_person_id",
            "unknown_person",
        ),
    ]
    for body, field, code in cases:
        _rejected(world.client.post(_base(world), json=body, headers=headers), field, code)
    assert world.client.get(_base(world), headers=headers).json()["data"] == []

    created = world.client.post(
        _base(world), json=signed(warning_issued_on=day(-2)), headers=headers
    )
    location = created.headers["location"]
    with_etag = {**headers, "If-Match": created.headers["etag"]}
    # A PATCH of the sign's day alone that puts it after the warning names the day sent.
    _rejected(
        world.client.patch(location, json={"observed_on": day(0)}, headers=with_etag),
        "body.observed_on",
        "date_order",
    )
    _rejected(
        world.client.patch(location, json={"description": None}, headers=with_etag),
        "body.description",
        "missing",
    )


def test_import_with_chinese_headers(world: World) -> None:
    headers = world["a_editor"].headers
    _person(world, "enterprise_a", "41010819800101001", "a_admin")
    id_number = "41010819800101001" + resident_id_check_character("41010819800101001")
    content = (
        "发现日期,事故征兆,部位,预警发布日期,防范和应急处置措施,预警发布人\n"
        f"{day(-4)},边坡出现裂缝,采区边坡,{day(-4)},撤离坡下人员,{id_number}\n"
        f"{day(-3)},电缆沟异味,配电室,,,\n"
    ).encode()
    url = f"/v1/enterprises/{world.ids['enterprise_a']}/imports"

    def upload(data: bytes) -> dict[str, Any]:
        uploaded = world.client.post(
            url,
            files={"file": ("signs.csv", data)},
            data={"kind": "accident-signs"},
            headers=headers,
        )
        assert uploaded.status_code == 202, uploaded.text
        return dict(world.client.get(uploaded.headers["location"], headers=headers).json())

    wrong = upload(content.replace(f"边坡,{day(-4)}".encode(), f"边坡,{day(-5)}".encode()))
    assert wrong["status"] == "invalid"
    assert [(e["row"], e["code"]) for e in wrong["errors"]] == [(2, "invalid_record")]
    done = upload(content)
    assert done["status"] == "succeeded", done["errors"]
    listed = world.client.get(_base(world), headers=headers).json()["data"]
    assert sorted((s["location"], s["warned_in_time"]) for s in listed) == [
        ("配电室", False),
        ("采区边坡", True),
    ]


def test_viewers_and_other_tenants_cannot_write_or_read(world: World) -> None:
    viewer = world["a_viewer"].headers
    assert world.client.post(_base(world), json=signed(), headers=viewer).status_code == 403
    created = world.client.post(_base(world), json=signed(), headers=world["a_editor"].headers)
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.delete(location, headers=with_etag).status_code == 403
    other = world["b_admin"].headers
    assert world.client.get(location, headers=other).status_code == 404
    foreign = {**other, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"location": "x"}, headers=foreign).status_code == 404
    assert world.client.delete(location, headers=foreign).status_code == 404
    assert world.client.get(location, headers=viewer).json()["version"] == 1
