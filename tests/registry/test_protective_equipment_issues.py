"""Protective equipment issued (劳动防护用品发放, 安全生产法 art. 45, 河南省安全生产条例
art. 18): life cycle, the replace-by day, validation against the person's dates, filters,
import by ID number with Chinese headers, tenancy, the person kept while named, and the
as-of cut."""

from __future__ import annotations

from collections import namedtuple
from datetime import date
from typing import Any

from app.compliance import as_of
from app.core.calendar import add_months
from tests.registry.test_imports import id_number
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World

HOLDER = id_number(21)


def _url(world: World, path: str, enterprise: str = "a") -> str:
    return f"/v1/enterprises/{world.ids[f'enterprise_{enterprise}']}/{path}"


def _base(world: World, enterprise: str = "a") -> str:
    return _url(world, "protective-equipment-issues", enterprise)


def _person(world: World, enterprise: str = "a", **overrides: Any) -> str:
    body = {"name": "王建国", "id_number": HOLDER, "hire_date": "2021-03-01", **overrides}
    created = world.client.post(
        _url(world, "people", enterprise), json=body, headers=world[f"{enterprise}_editor"].headers
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def earplugs(person_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "factors": ["noise"],
        "item": "耳塞（SNR 29 dB）",
        "issued_on": day(-30),
        "replacement_months": 3,
        "free_of_charge": True,
        "notes": "按配备标准发放",
        **overrides,
    }


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_life_cycle_and_the_replace_by_day(world: World) -> None:
    headers = world["a_editor"].headers
    person = _person(world)
    created = world.client.post(_base(world), json=earplugs(person), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("ppe_")
    issued = date.fromisoformat(day(-30))
    assert body["replace_by"] == add_months(issued, 3).isoformat()
    assert (body["factors"], body["free_of_charge"]) == (["noise"], True)
    location = created.headers["location"]

    changed = world.client.patch(
        location,
        json={"replacement_months": 12, "factors": ["noise", "dust"]},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["replace_by"] == add_months(issued, 12).isoformat()

    # The person is named by the issue: not deleted from under it.
    person_url = _url(world, f"people/{person}")
    etag = world.client.get(person_url, headers=headers).headers["etag"]
    refused = world.client.delete(person_url, headers={**headers, "If-Match": etag})
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "person_has_records"

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": changed.headers["etag"]}
    )
    assert deleted.status_code == 204
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert history[1]["data"]["factors"] == ["noise", "dust"]


def test_validation(world: World) -> None:
    headers = world["a_editor"].headers
    person = _person(world, leave_date=day(-10))
    other = _person(world, "b")
    cases = [
        (earplugs("per_01m8jz2m4x6hnvp8efz3vt17g0"), "body.person_id", "unknown_person"),
        (earplugs(other), "body.person_id", "unknown_person"),
        (earplugs(person, factors=[]), "body.factors", "too_short"),
        (earplugs(person, item=""), "body.item", "string_too_short"),
        (earplugs(person, replacement_months=0), "body.replacement_months", "greater_than_equal"),
        (earplugs(person, replacement_months=121), "body.replacement_months", "less_than_equal"),
        (earplugs(person, replacement_months=1.5), "body.replacement_months", "int_from_float"),
        (earplugs(person, free_of_charge=None), "body.free_of_charge", "bool_type"),
        (earplugs(person, free_of_charge="是"), "body.free_of_charge", "bool_type"),
        (earplugs(person, issued_on=day(1)), "body.issued_on", "in_future"),
        (earplugs(person, issued_on=day(-5)), "body.issued_on", "date_order"),
        (earplugs(person, issued_on="1970-01-01"), "body.issued_on", "date_order"),
    ]
    without_free = earplugs(person)
    del without_free["free_of_charge"]
    cases.append((without_free, "body.free_of_charge", "missing"))
    for body, field, code in cases:
        _rejected(world.client.post(_base(world), json=body, headers=headers), field, code)
    assert world.client.get(_base(world), headers=headers).json()["data"] == []

    # An issue charged for is recorded as it happened (the rules judge it).
    charged = world.client.post(
        _base(world), json=earplugs(person, free_of_charge=False, notes=None), headers=headers
    )
    assert charged.status_code == 201, charged.text
    # A PATCH moving the day past the person's leave is refused too.
    _rejected(
        world.client.patch(
            charged.headers["location"],
            json={"issued_on": day(-1)},
            headers={**headers, "If-Match": charged.headers["etag"]},
        ),
        "body.issued_on",
        "date_order",
    )


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    person = _person(world)
    second = _person(world, id_number=id_number(22))
    for body in (
        earplugs(person, issued_on=day(-400)),
        earplugs(person, factors=["dust"], item="防尘口罩", issued_on=day(-20)),
        earplugs(second, free_of_charge=False, issued_on=day(-10)),
    ):
        assert world.client.post(_base(world), json=body, headers=headers).status_code == 201

    def found(**params: str) -> list[str]:
        response = world.client.get(_base(world), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(i["issued_on"] for i in response.json()["data"])

    assert len(found()) == 3
    assert found(person_id=second) == [day(-10)]
    assert found(factor="dust") == [day(-20)]
    assert found(free_of_charge="false") == [day(-10)]
    assert found(issued_from=day(-30), issued_to=day(-15)) == [day(-20)]
    for params in ({"factor": "radon"}, {"issued_to": "x"}, {"free_of_charge": "maybe"}):
        refused = world.client.get(_base(world), params=params, headers=headers)
        assert refused.status_code == 422, params
        assert refused.headers["content-type"] == "application/problem+json"


def test_import_by_id_number_with_chinese_headers(world: World) -> None:
    headers = world["a_editor"].headers
    person = _person(world)
    content = (
        "身份证号,危害因素,防护用品,发放日期,更换周期（月）,是否免费,备注\n"
        f"{HOLDER},noise,耳塞,{day(-60)},3,是,\n"
        f"{HOLDER},dust、noise,防尘口罩,{day(-50)},1,否,个人自购后报销\n"
    ).encode()
    uploaded = world.client.post(
        _url(world, "imports"),
        files={"file": ("ppe.csv", content)},
        data={"kind": "protective-equipment-issues"},
        headers=headers,
    )
    assert uploaded.status_code == 202, uploaded.text
    result = world.client.get(uploaded.headers["location"], headers=headers).json()
    assert result["status"] == "succeeded", result["errors"]
    listed = world.client.get(_base(world), headers=headers).json()["data"]
    assert sorted((i["person_id"], i["factors"], i["free_of_charge"]) for i in listed) == [
        (person, ["dust", "noise"], False),
        (person, ["noise"], True),
    ]

    wrong = content.replace(",3,是,".encode(), ",0,是,".encode())
    refused = world.client.post(
        _url(world, "imports"),
        files={"file": ("ppe.csv", wrong)},
        data={"kind": "protective-equipment-issues"},
        headers=headers,
    )
    result = world.client.get(refused.headers["location"], headers=headers).json()
    assert result["status"] == "invalid"
    assert [(e["row"], e["column"]) for e in result["errors"]] == [(2, "replacement_months")]


def test_viewers_and_other_tenants_cannot_write_or_read(world: World) -> None:
    viewer = world["a_viewer"].headers
    person = _person(world)
    assert world.client.post(_base(world), json=earplugs(person), headers=viewer).status_code == 403
    created = world.client.post(
        _base(world), json=earplugs(person), headers=world["a_editor"].headers
    )
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403

    other = world["b_admin"].headers
    assert world.client.get(location, headers=other).status_code == 404
    assert world.client.get(f"{location}/history", headers=other).status_code == 404
    foreign = {**other, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=foreign).status_code == 404
    # B may not name A's person in its own enterprise.
    refused = world.client.post(
        _base(world, "b"), json=earplugs(person), headers=world["b_editor"].headers
    )
    _rejected(refused, "body.person_id", "unknown_person")
    assert world.client.get(location, headers=viewer).json()["version"] == 1


def test_as_of_an_issue_after_d_has_not_happened() -> None:
    row = namedtuple("row", "id person_id issued_on replacement_months")
    given = row("ppe_1", "per_1", date(2025, 5, 1), 3)
    later = row("ppe_2", "per_1", date(2025, 6, 2), 3)
    assert as_of.cut("protective_equipment_issues", [given, later], date(2025, 6, 1)) == [given]
