"""Safety production licences (安全生产许可证条例 arts. 2, 9): life cycle, validation,
duplicates, filters, history, who may write, and the as-of cut."""

from __future__ import annotations

from collections import namedtuple
from datetime import date
from typing import Any

from app.compliance import as_of
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World

PATH = "safety-licences"


def _url(world: World, enterprise: str = "a") -> str:
    return f"/v1/enterprises/{world.ids[f'enterprise_{enterprise}']}/{PATH}"


def licence(**overrides: Any) -> dict[str, Any]:
    return {
        "licence_number": "（豫）WH安许证字〔2024〕000123",
        "scope": "hazardous_chemicals",
        "issuing_authority": "河南省应急管理厅",
        "issued_on": day(-400),
        "valid_to": day(-400 + 3 * 365),
        **overrides,
    }


def _post(world: World, body: dict[str, Any], actor: str = "a_editor") -> Any:
    return world.client.post(_url(world), json=body, headers=world[actor].headers)


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_life_cycle_with_an_extension(world: World) -> None:
    headers = world["a_editor"].headers
    created = _post(world, licence(notes="许可范围：甲醇"))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("spl_")
    assert body["valid"] is True
    assert body["scope"] == "hazardous_chemicals"
    assert body["licence_number"] == "（豫）WH安许证字〔2024〕000123"
    location = created.headers["location"]
    assert world.client.get(location, headers=world["a_viewer"].headers).json() == body

    # Applied for the extension, then extended by 3 years: the same licence, valid_to moved.
    extended = world.client.patch(
        location,
        json={"renewal_applied_on": day(-5), "valid_to": day(-400 + 6 * 365)},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert extended.status_code == 200, extended.text
    assert extended.json()["valid_to"] == day(-400 + 6 * 365)
    revoked = world.client.patch(
        location,
        json={"revoked_on": day(0)},
        headers={**headers, "If-Match": extended.headers["etag"]},
    )
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["valid"] is False, "revoked today: no longer in force"

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": revoked.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "update", "delete"]
    assert history[1]["data"]["renewal_applied_on"] == day(-5)
    assert history[3]["data"]["deleted"] is True
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": body["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    assert sorted(e["action"] for e in events) == [
        "safety_licence.create",
        "safety_licence.delete",
        "safety_licence.update",
        "safety_licence.update",
    ]


def test_validation(world: World) -> None:
    cases = [
        (licence(scope="metal_smelting"), "body.scope", "enum"),
        (licence(licence_number="  "), "body.licence_number", "string_too_short"),
        (licence(issuing_authority=None), "body.issuing_authority", "string_type"),
        (licence(issued_on="2024/03/18"), "body.issued_on", "date_format"),
        (licence(issued_on=day(1), valid_to=day(400)), "body.issued_on", "in_future"),
        (licence(valid_to=day(-400)), "body.valid_to", "date_order"),
        (licence(valid_to=day(-401)), "body.valid_to", "date_order"),
        (licence(valid_to=day(11 * 366)), "body.valid_to", "date_too_far_ahead"),
        (licence(renewal_applied_on=day(-400)), "body.renewal_applied_on", "date_order"),
        (licence(renewal_applied_on=day(1)), "body.renewal_applied_on", "in_future"),
        (licence(revoked_on=day(-401)), "body.revoked_on", "date_order"),
        (licence(revoked_on=day(1)), "body.revoked_on", "in_future"),
        (
            licence(issued_on=day(-2000), valid_to=day(-1000), revoked_on=day(-900)),
            "body.revoked_on",
            "date_order",
        ),
        (licence(notes=""), "body.notes", "string_too_short"),
        ({**licence(), "holder": "x"}, "body.holder", "extra_forbidden"),
    ]
    for body, field, code in cases:
        _rejected(_post(world, body), field, code)
    assert world.client.get(_url(world), headers=world["a_editor"].headers).json()["data"] == []

    # A late application is recorded as made (art. 20: 限期补办延期手续); the rules judge it.
    late = _post(
        world, licence(issued_on=day(-1200), valid_to=day(-100), renewal_applied_on=day(-10))
    )
    assert late.status_code == 201, late.text
    assert late.json()["valid"] is False
    # A PATCH is checked against the stored record, blaming the field it sent.
    moved = world.client.patch(
        late.headers["location"],
        json={"issued_on": day(-5)},
        headers={**world["a_editor"].headers, "If-Match": late.headers["etag"]},
    )
    _rejected(moved, "body.issued_on", "date_order")
    removed = world.client.patch(
        late.headers["location"],
        json={"valid_to": None},
        headers={**world["a_editor"].headers, "If-Match": late.headers["etag"]},
    )
    _rejected(removed, "body.valid_to", "missing")


def test_a_number_is_one_licence(world: World) -> None:
    assert _post(world, licence()).status_code == 201
    again = _post(
        world, licence(licence_number="（豫）wh安许证字〔2024〕000123 ", scope="fireworks")
    )
    assert again.status_code == 409, again.text
    assert again.json()["code"] == "duplicate_certificate"
    # Another enterprise may hold the same number in its own registry (no leak either way).
    other = world.client.post(_url(world, "b"), json=licence(), headers=world["b_editor"].headers)
    assert other.status_code == 201, other.text


def test_filters(world: World) -> None:
    for body in (
        licence(licence_number="A1", scope="mining", issued_on=day(-1000), valid_to=day(90)),
        licence(licence_number="A2", scope="construction", issued_on=day(-300), valid_to=day(800)),
        licence(licence_number="A3", scope="mining", issued_on=day(-1500), valid_to=day(-400)),
        licence(licence_number="A4", scope="fireworks", issued_on=day(-200), valid_to=day(900),
                revoked_on=day(-20)),
    ):  # fmt: skip
        assert _post(world, body).status_code == 201

    def numbers(**params: str) -> list[str]:
        response = world.client.get(_url(world), params=params, headers=world["a_viewer"].headers)
        assert response.status_code == 200, response.text
        return sorted(item["licence_number"] for item in response.json()["data"])

    assert numbers(scope="mining") == ["A1", "A3"]
    assert numbers(issued_from=day(-1000), issued_to=day(-300)) == ["A1", "A2"]
    assert numbers(expires_to=day(90)) == ["A1", "A3"]
    assert numbers(expires_from=day(91)) == ["A2", "A4"]
    assert numbers(valid_on=day(0)) == ["A1", "A2"]
    assert numbers(valid_on=day(-30)) == ["A1", "A2", "A4"]
    bad = world.client.get(_url(world), params={"scope": "oil"}, headers=world["a_viewer"].headers)
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")


def test_roles(world: World) -> None:
    assert _post(world, licence(), actor="a_viewer").status_code == 403
    # A regulator of the region reads; it does not write. Another town's does not see it.
    created = _post(world, licence())
    district = world["district_admin"].headers
    assert world.client.get(created.headers["location"], headers=district).status_code == 200
    assert world.client.post(_url(world), json=licence(), headers=district).status_code == 403
    town = world["town_admin"].headers
    assert world.client.get(created.headers["location"], headers=town).status_code == 404


def test_an_import_with_chinese_headers(world: World) -> None:
    content = (
        "许可证编号,许可类别,发证机关,发证日期,有效期至,延期申请日期\n"
        f"豫A001,hazardous_chemicals,河南省应急管理厅,{day(-400)},{day(600)},\n"
        f"豫A002,oil,河南省应急管理厅,{day(-400)},{day(600)},\n"
        f"豫A001,mining,河南省应急管理厅,{day(-400)},{day(600)},\n"
        f"豫A003,mining,河南省应急管理厅,{day(-400)},{day(600)},{day(-500)}\n"
    ).encode()
    editor = world["a_editor"].headers

    def upload(body: bytes) -> dict[str, Any]:
        uploaded = world.client.post(
            f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
            files={"file": ("licences.csv", body)},
            data={"kind": PATH},
            headers=editor,
        )
        assert uploaded.status_code == 202, uploaded.text
        return dict(world.client.get(uploaded.headers["location"], headers=editor).json())

    refused = upload(content)
    assert refused["status"] == "invalid"
    assert [(e["row"], e["code"]) for e in refused["errors"]] == [
        (3, "enum"),
        (4, "duplicate_in_file"),
        (5, "invalid_record"),
    ]
    assert refused["errors"][2]["column"] == "renewal_applied_on"
    good = upload(content.splitlines(keepends=True)[0] + content.splitlines(keepends=True)[1])
    assert good["status"] == "succeeded", good["errors"]
    assert world.client.get(_url(world), headers=editor).json()["data"][0]["scope"] == (
        "hazardous_chemicals"
    )


def test_as_of_an_application_or_revocation_after_d_has_not_happened() -> None:
    row = namedtuple("row", "id issued_on valid_to renewal_applied_on revoked_on")
    record = row(
        id="spl_1",
        issued_on=date(2024, 3, 18),
        valid_to=date(2027, 3, 17),
        renewal_applied_on=date(2026, 12, 1),
        revoked_on=date(2027, 1, 5),
    )
    (seen,) = as_of.cut("safety_licences", [record], date(2026, 12, 31))
    assert seen.renewal_applied_on == date(2026, 12, 1)
    assert seen.revoked_on is None
    assert seen.valid_to == date(2027, 3, 17), "a stated date is kept"
    assert as_of.cut("safety_licences", [record], date(2024, 3, 17)) == []
