"""Special equipment (特种设备安全法 arts. 32–40) and its operators' certificates (art. 14):
life cycle, validation, duplicates, filters, personal data, delete rules and the as-of cut."""

from __future__ import annotations

from collections import namedtuple
from datetime import date
from typing import Any

from app.compliance import as_of
from app.core.validators import resident_id_check_character
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World

ITEMS = "special-equipment"
OPERATORS = "equipment-operator-certificates"
HOLDER17 = "41010819900307451"
HOLDER = HOLDER17 + resident_id_check_character(HOLDER17)


def _url(world: World, path: str, enterprise: str = "a") -> str:
    return f"/v1/enterprises/{world.ids[f'enterprise_{enterprise}']}/{path}"


def item(**overrides: Any) -> dict[str, Any]:
    return {
        "category": "lifting_machinery",
        "name": "桥式起重机",
        "model": "QD10t-22.5m",
        "serial_number": "2023-QZ-0417",
        "registration_number": "起17豫A01234(23)",
        "put_into_use_on": day(-700),
        "registered_on": day(-690),
        "last_inspected_on": day(-300),
        "next_inspection_due": day(430),
        **overrides,
    }


def unregistered(**overrides: Any) -> dict[str, Any]:
    return item(registration_number=None, registered_on=None, **overrides)


def _person(world: World, enterprise: str = "a") -> str:
    body = {"name": "王建国", "id_number": HOLDER, "hire_date": "2021-03-01"}
    created = world.client.post(
        _url(world, "people", enterprise), json=body, headers=world[f"{enterprise}_editor"].headers
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def certificate(person_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "category": "in_plant_vehicle",
        "certificate_number": HOLDER,
        "issued_on": day(-400),
        "valid_to": day(-400 + 4 * 365),
        **overrides,
    }


def _post(world: World, path: str, body: dict[str, Any], actor: str = "a_editor") -> Any:
    return world.client.post(_url(world, path), json=body, headers=world[actor].headers)


def _patch(world: World, created: Any, body: dict[str, Any]) -> Any:
    etag = world.client.get(created.headers["location"], headers=world["a_editor"].headers)
    return world.client.patch(
        created.headers["location"],
        json=body,
        headers={**world["a_editor"].headers, "If-Match": etag.headers["etag"]},
    )


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_an_item_registered_inspected_and_retired(world: World) -> None:
    created = _post(world, ITEMS, unregistered())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("seq_")
    assert body["registered"] is False
    registered = _patch(world, created, {"registered_on": day(-680), "registration_number": "起a1"})
    assert registered.status_code == 200, registered.text
    assert registered.json()["registered"] is True
    assert registered.json()["registration_number"] == "起A1", "numbers are upper-cased"
    requested = _patch(world, created, {"inspection_requested_on": day(-2)})
    assert requested.status_code == 200, requested.text
    retired = _patch(world, created, {"retired_on": day(0)})
    assert retired.status_code == 200, retired.text

    history = world.client.get(
        f"{created.headers['location']}/history", headers=world["a_viewer"].headers
    ).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "update", "update"]
    assert history[0]["data"]["registration_number"] is None
    assert history[3]["data"]["retired_on"] == day(0)
    etag = world.client.get(created.headers["location"], headers=world["a_editor"].headers)
    deleted = world.client.delete(
        created.headers["location"],
        headers={**world["a_editor"].headers, "If-Match": etag.headers["etag"]},
    )
    assert deleted.status_code == 204


def test_item_validation(world: World) -> None:
    cases = [
        (item(category="crane"), "body.category", "enum"),
        (item(name=" "), "body.name", "string_too_short"),
        (item(serial_number=None), "body.serial_number", "string_type"),
        (item(put_into_use_on=day(1)), "body.put_into_use_on", "in_future"),
        (item(registered_on=day(1)), "body.registered_on", "in_future"),
        (item(registered_on=None), "body.registered_on", "missing"),
        (item(registration_number=None), "body.registration_number", "missing"),
        (item(last_inspected_on=day(1)), "body.last_inspected_on", "in_future"),
        (item(next_inspection_due=day(-300)), "body.next_inspection_due", "date_order"),
        (item(next_inspection_due=day(11 * 366)), "body.next_inspection_due",
         "date_too_far_ahead"),
        (item(inspection_requested_on=day(1)), "body.inspection_requested_on", "in_future"),
        (item(retired_on=day(-701)), "body.retired_on", "date_order"),
        (item(retired_on=day(-400)), "body.last_inspected_on", "date_order"),
        (item(retired_on=day(1)), "body.retired_on", "in_future"),
    ]  # fmt: skip
    for body, field, code in cases:
        _rejected(_post(world, ITEMS, body), field, code)
    assert world.client.get(_url(world, ITEMS), headers=world["a_editor"].headers).json() == {
        "data": [],
        "next_cursor": None,
    }
    # Registration may precede use (art. 33: 投入使用前); a late one is recorded as made.
    early = _post(world, ITEMS, item(registered_on=day(-800)))
    assert early.status_code == 201, early.text
    late = _post(world, ITEMS, item(registration_number="起2", registered_on=day(-10)))
    assert late.status_code == 201, late.text
    # A PATCH retiring the item before a stored inspection names the field it sent.
    _rejected(_patch(world, late, {"retired_on": day(-20)}), "body.retired_on", "date_order")
    again = _post(world, ITEMS, item(registration_number="起17豫a01234(23)"))
    assert again.status_code == 409, again.text
    assert again.json()["code"] == "duplicate_certificate"
    # Items not registered yet share the absence of a number.
    assert _post(world, ITEMS, unregistered()).status_code == 201
    assert _post(world, ITEMS, unregistered()).status_code == 201


def test_item_filters(world: World) -> None:
    for body in (
        item(name="A", registration_number="R1", next_inspection_due=day(20)),
        unregistered(name="B", category="pressure_vessel", next_inspection_due=day(200)),
        item(name="C", registration_number="R3", put_into_use_on=day(-30), registered_on=day(-30),
             last_inspected_on=None, next_inspection_due=None, retired_on=day(-1)),
    ):  # fmt: skip
        assert _post(world, ITEMS, body).status_code == 201

    def names(**params: str) -> list[str]:
        response = world.client.get(
            _url(world, ITEMS), params=params, headers=world["a_viewer"].headers
        )
        assert response.status_code == 200, response.text
        return sorted(i["name"] for i in response.json()["data"])

    assert names(category="lifting_machinery") == ["A", "C"]
    assert names(registered="false") == ["B"]
    assert names(retired="true") == ["C"]
    assert names(inspection_due_to=day(30)) == ["A"]
    assert names(inspection_due_from=day(21)) == ["B"]
    assert names(put_into_use_from=day(-100)) == ["C"]
    assert names(put_into_use_to=day(-100), registered="true") == ["A"]
    bad = world.client.get(
        _url(world, ITEMS), params={"inspection_due_to": "soon"}, headers=world["a_viewer"].headers
    )
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")


def test_an_operator_certificate(world: World) -> None:
    person = _person(world)
    created = _post(world, OPERATORS, certificate(person, notes="N1 叉车司机"))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("eoc_")
    assert body["valid"] is True
    assert HOLDER not in created.text, "the number embeds the ID number: masked"
    assert "*" in body["certificate_number"]
    history = world.client.get(
        f"{created.headers['location']}/history", headers=world["a_editor"].headers
    )
    assert HOLDER not in history.text
    # The same number for another category is another certificate; for the same, a duplicate.
    crane = _post(world, OPERATORS, certificate(person, category="lifting_machinery"))
    assert crane.status_code == 201, crane.text
    again = _post(world, OPERATORS, certificate(person, certificate_number=HOLDER.lower()))
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate_certificate"

    # The person is named by the certificate: not deleted from under it.
    person_url = _url(world, f"people/{person}")
    etag = world.client.get(person_url, headers=world["a_editor"].headers).headers["etag"]
    refused = world.client.delete(
        person_url, headers={**world["a_editor"].headers, "If-Match": etag}
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "person_has_records"


def test_operator_validation_and_filters(world: World) -> None:
    person = _person(world)
    other = _person(world, "b")
    cases = [
        (certificate("per_01m8jz2m4x6hnvp8efz3vt17g0"), "body.person_id", "unknown_person"),
        (certificate(other), "body.person_id", "unknown_person"),
        (certificate(person, category="forklift"), "body.category", "enum"),
        (certificate(person, certificate_number=""), "body.certificate_number",
         "string_too_short"),
        (certificate(person, issued_on=day(1), valid_to=day(900)), "body.issued_on",
         "in_future"),
        (certificate(person, valid_to=day(-400)), "body.valid_to", "date_order"),
    ]  # fmt: skip
    for body, field, code in cases:
        _rejected(_post(world, OPERATORS, body), field, code)

    for number, category, issued, valid_to in (
        ("C1", "in_plant_vehicle", -400, 1000),
        ("C2", "lifting_machinery", -1600, -140),
        ("C3", "boiler", -100, 1300),
    ):
        body = certificate(person, certificate_number=number, category=category,
                           issued_on=day(issued), valid_to=day(valid_to))  # fmt: skip
        assert _post(world, OPERATORS, body).status_code == 201

    def numbers(**params: str) -> list[str]:
        response = world.client.get(
            _url(world, OPERATORS), params=params, headers=world["a_viewer"].headers
        )
        assert response.status_code == 200, response.text
        return sorted(c["certificate_number"] for c in response.json()["data"])

    assert numbers(person_id=person) == ["C1", "C2", "C3"]
    assert numbers(category="boiler") == ["C3"]
    assert numbers(valid_on=day(0)) == ["C1", "C3"]
    assert numbers(expires_to=day(0)) == ["C2"]
    assert numbers(expires_from=day(1), issued_from=day(-200)) == ["C3"]
    assert numbers(issued_to=day(-1000)) == ["C2"]
    assert (
        world.client.post(
            _url(world, OPERATORS), json=certificate(person), headers=world["a_viewer"].headers
        ).status_code
        == 403
    )


def test_operator_certificates_import_by_id_number(world: World) -> None:
    _person(world)
    content = (
        "身份证号,设备种类,证书编号,发证日期,有效期至\n"
        f"{HOLDER},in_plant_vehicle,TS001,{day(-100)},{day(1300)}\n"
    ).encode()
    editor = world["a_editor"].headers
    uploaded = world.client.post(
        _url(world, "imports"),
        files={"file": ("operators.csv", content)},
        data={"kind": OPERATORS},
        headers=editor,
    )
    assert uploaded.status_code == 202, uploaded.text
    result = world.client.get(uploaded.headers["location"], headers=editor).json()
    assert result["status"] == "succeeded", result["errors"]


def test_as_of_a_registration_or_inspection_after_d_has_not_happened() -> None:
    row = namedtuple(
        "row",
        "id put_into_use_on registration_number registered_on last_inspected_on "
        "next_inspection_due inspection_requested_on retired_on",
    )
    record = row(
        "seq_1",
        date(2025, 1, 10),
        "起1",
        date(2025, 3, 1),
        date(2026, 1, 5),
        date(2028, 1, 4),
        date(2025, 12, 1),
        None,
    )
    (seen,) = as_of.cut("special_equipment", [record], date(2025, 2, 1))
    assert (seen.registered_on, seen.registration_number) == (None, None)
    assert seen.last_inspected_on is None
    assert seen.next_inspection_due is None, "the due date came with the later inspection"
    assert seen.inspection_requested_on is None
    (seen,) = as_of.cut("special_equipment", [record], date(2025, 12, 31))
    assert seen.registration_number == "起1"
    assert seen.inspection_requested_on == date(2025, 12, 1)
    assert seen.next_inspection_due is None
    assert as_of.cut("special_equipment", [record], date(2025, 1, 9)) == []
