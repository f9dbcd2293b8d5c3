"""Staffing: safety bodies, officer and leader appointments, assessment certificates and
registered engineers — life cycle, validation, duplicates, filters and who may write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import clock
from app.core.validators import resident_id_check_character
from app.registry.personal_data import mask_embedded_id
from app.registry.staffing.engineers import add_years, longest_registration
from tests.support.world import World, credit_code, password_token

SBD = "safety-bodies"
OFA = "officer-appointments"
LDA = "leader-appointments"
ASC = "assessment-certificates"
RSE = "registered-engineers"
NOBODY = "per_00000000000000000000000000"
ENGINEER_EMPLOYER = credit_code(7, "410105")


def _url(world: World, path: str, enterprise: str = "a") -> str:
    return f"/v1/enterprises/{world.ids[f'enterprise_{enterprise}']}/{path}"


def _id_number(seq: int) -> str:
    body17 = f"41010819900307{seq:03d}"
    return body17 + resident_id_check_character(body17)


def _person(world: World, seq: int = 451, enterprise: str = "a", **overrides: Any) -> str:
    body = {"name": f"员工{seq}", "id_number": _id_number(seq), "hire_date": "2021-03-01"}
    actor = world[f"{enterprise}_editor"]
    created = world.client.post(
        _url(world, "people", enterprise), json={**body, **overrides}, headers=actor.headers
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def body_(**values: Any) -> dict[str, Any]:
    return {"form": "established", "name": "安全环保部", "established_on": "2021-04-01", **values}


def officer(person_id: str, **values: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "duty": "safety_officer",
        "employment": "full_time",
        "department": "安全环保部",
        "appointed_on": "2021-04-01",
        **values,
    }


def leader(person_id: str, **values: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "position": "principal",
        "took_office_on": "2021-03-01",
        **values,
    }


def assessment(person_id: str, **values: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "assessed_role": "safety_officer",
        "certificate_number": "豫安管A2021030012",
        "issuing_authority": "郑州市应急管理局",
        "passed_on": "2021-03-20",
        "expires_on": "2024-03-19",
        **values,
    }


def engineer(person_id: str, **values: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "registration_number": "ZAQ2022410100123",
        "level": "intermediate",
        "specialty": "chemical",
        "employer_credit_code": ENGINEER_EMPLOYER,
        "valid_from": "2022-06-01",
        "valid_to": "2027-05-31",
        **values,
    }


def _post(world: World, path: str, body: dict[str, Any], actor: str = "a_editor") -> Any:
    return world.client.post(_url(world, path), json=body, headers=world[actor].headers)


def _patch(world: World, read: Any, change: dict[str, Any]) -> Any:
    """PATCH the record that `read` (a create or a get) returned, with its ETag."""
    location = read.headers.get("location") or read.request.url.path
    headers = {**world["a_editor"].headers, "If-Match": read.headers["etag"]}
    return world.client.patch(location, json=change, headers=headers)


def _list(world: World, path: str, **params: Any) -> list[str]:
    response = world.client.get(_url(world, path), params=params, headers=world["a_viewer"].headers)
    assert response.status_code == 200, response.text
    return [record["id"] for record in response.json()["data"]]


def _created(response: Any) -> str:
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def _conflict(response: Any, code: str) -> None:
    assert response.status_code == 409, response.text
    assert response.json()["code"] == code, response.text


# Each kind: a valid body for a person, and a change to make with PATCH.
LIFE_CYCLES: dict[str, tuple[Callable[[str], dict[str, Any]], dict[str, Any]]] = {
    SBD: (lambda _: body_(), {"ended_on": "2024-12-31"}),
    OFA: (officer, {"employment": "part_time"}),
    LDA: (leader, {"left_office_on": "2024-06-30"}),
    ASC: (assessment, {"expires_on": "2024-03-20"}),
    RSE: (engineer, {"specialty": "other"}),
}

RESOURCE_TYPES = {
    SBD: "safety_body",
    OFA: "officer_appointment",
    LDA: "leader_appointment",
    ASC: "assessment_certificate",
    RSE: "registered_engineer",
}


@pytest.mark.parametrize("path", LIFE_CYCLES)
def test_life_cycle(world: World, path: str) -> None:
    make, change = LIFE_CYCLES[path]
    headers = world["a_editor"].headers
    created = _post(world, path, make(_person(world)))
    assert created.status_code == 201, created.text
    record_id, location = created.json()["id"], created.headers["location"]
    assert location == f"{_url(world, path)}/{record_id}"
    fetched = world.client.get(location, headers=world["a_viewer"].headers)
    assert fetched.json() == created.json()
    assert fetched.headers["etag"] == created.headers["etag"]
    assert _list(world, path) == [record_id]

    assert world.client.patch(location, json=change, headers=headers).status_code == 428
    updated = _patch(world, created, change)
    assert updated.status_code == 200, updated.text
    assert updated.json()["version"] == 2
    assert {name: updated.json()[name] for name in change} == change
    assert _patch(world, created, change).status_code == 412, "stale ETag"

    gone = world.client.delete(location, headers={**headers, "If-Match": updated.headers["etag"]})
    assert gone.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    assert _list(world, path) == []
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [entry["action"] for entry in history] == ["create", "update", "delete"]
    name, value = next(iter(change.items()))
    assert history[1]["data"][name] == value
    assert history[2]["data"]["deleted"] is True
    resource_type = RESOURCE_TYPES[path]
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": record_id}, headers=world["a_admin"].headers
    ).json()["data"]
    assert [e["action"] for e in events] == [
        f"{resource_type}.{action}" for action in ("create", "update", "delete")
    ]


@pytest.mark.parametrize("path", LIFE_CYCLES)
def test_viewers_cannot_write(world: World, path: str) -> None:
    make, change = LIFE_CYCLES[path]
    person = _person(world)
    refused = _post(world, path, make(person), actor="a_viewer")
    assert refused.status_code == 403
    created = _post(world, path, make(person))
    viewer = {**world["a_viewer"].headers, "If-Match": created.headers["etag"]}
    location = created.headers["location"]
    assert world.client.patch(location, json=change, headers=viewer).status_code == 403
    assert world.client.delete(location, headers=viewer).status_code == 403
    assert world.client.get(location, headers=world["a_editor"].headers).json()["version"] == 1


@pytest.mark.parametrize("path", [OFA, LDA, ASC, RSE])
def test_the_person_must_be_of_this_enterprise(world: World, path: str) -> None:
    make, _ = LIFE_CYCLES[path]
    _rejected(_post(world, path, make(NOBODY)), "body.person_id", "unknown_person")
    # A real person, but of enterprise B.
    _rejected(
        _post(world, path, make(_person(world, enterprise="b"))), "body.person_id", "unknown_person"
    )
    created = _post(world, path, make(_person(world)))
    _rejected(
        _patch(world, created, {"person_id": _person(world, 452, enterprise="b")}),
        "body.person_id",
        "unknown_person",
    )
    _rejected(_patch(world, created, {"person_id": None}), "body.person_id", "missing")
    assert _list(world, path) == [created.json()["id"]], "nothing else was written"


# Safety bodies ----------------------------------------------------------------------------------


def test_safety_body_dates_and_overlaps(world: World) -> None:
    _rejected(_post(world, SBD, body_(ended_on="2021-03-31")), "body.ended_on", "date_order")
    _rejected(_post(world, SBD, body_(form="committee")), "body.form", "enum")
    first = _post(world, SBD, body_(form="designated", name="生产部"))
    _created(first)
    _conflict(_post(world, SBD, body_(established_on="2023-01-01")), "safety_body_overlap")
    # The designated body ends; the established one takes over the next day.
    assert _patch(world, first, {"ended_on": "2022-12-31"}).status_code == 200
    second = _post(world, SBD, body_(established_on="2023-01-01"))
    _created(second)
    # A closed period inside the open one, or the first body's end moved into it, overlaps.
    _conflict(
        _post(world, SBD, body_(established_on="2019-01-01", ended_on="2021-04-01")),
        "safety_body_overlap",
    )
    moved = world.client.get(first.headers["location"], headers=world["a_editor"].headers)
    _conflict(_patch(world, moved, {"ended_on": "2023-01-01"}), "safety_body_overlap")
    _rejected(
        _patch(world, moved, {"established_on": "2023-02-01"}), "body.established_on", "date_order"
    )
    assert _created(_post(world, SBD, body_(established_on="2019-01-01", ended_on="2021-03-31")))


def test_a_deleted_body_no_longer_blocks(world: World) -> None:
    created = _post(world, SBD, body_())
    headers = {**world["a_editor"].headers, "If-Match": created.headers["etag"]}
    assert world.client.delete(created.headers["location"], headers=headers).status_code == 204
    assert _created(_post(world, SBD, body_(form="designated")))


def test_safety_body_filters_and_output(world: World) -> None:
    old = _created(_post(world, SBD, body_(form="designated", ended_on="2022-12-31")))
    new = _post(world, SBD, body_(established_on="2023-01-01"))
    assert new.json()["active"] is True
    assert _list(world, SBD, form="designated") == [old]
    assert _list(world, SBD, active_on="2022-12-31") == [old]
    assert _list(world, SBD, active_on="2023-01-01") == [new.json()["id"]]
    assert _list(world, SBD, active_on="2021-03-31") == []
    assert (
        world.client.get(
            _url(world, SBD), params={"active_on": "soon"}, headers=world["a_viewer"].headers
        ).status_code
        == 422
    )


def test_relatively_independent_functions_is_stated_or_null(world: World) -> None:
    """Henan art. 14's flag: null until stated, a strict yes/no, kept in history, filterable,
    and imported from the column 职能相对独立 as 是/否."""
    unstated = _post(world, SBD, body_(form="designated", ended_on="2022-12-31"))
    assert unstated.json()["independent_functions"] is None
    _rejected(
        _post(world, SBD, body_(established_on="2023-01-01", independent_functions="yes")),
        "body.independent_functions",
        "bool_type",
    )
    stated = _post(world, SBD, body_(established_on="2023-01-01", independent_functions=True))
    assert stated.json()["independent_functions"] is True
    assert _list(world, SBD, independent_functions="true") == [stated.json()["id"]]
    assert _list(world, SBD, independent_functions="false") == []
    changed = _patch(world, stated, {"independent_functions": False})
    assert changed.status_code == 200, changed.text
    assert _list(world, SBD, independent_functions="false") == [stated.json()["id"]]
    history = world.client.get(
        f"{stated.headers['location']}/history", headers=world["a_editor"].headers
    ).json()["data"]
    assert [entry["data"]["independent_functions"] for entry in history] == [True, False]
    cleared = _patch(world, changed, {"independent_functions": None})
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["independent_functions"] is None


def test_relatively_independent_functions_from_a_file(world: World) -> None:
    rows = "形式,名称,设立日期,职能相对独立\nestablished,安全环保部,2023-01-01,是\n"
    response = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("bodies.csv", rows.encode())},
        data={"kind": SBD},
        headers=world["a_editor"].headers,
    )
    assert response.status_code == 202, response.text
    result = world.client.get(response.headers["location"], headers=world["a_editor"].headers)
    assert result.json()["status"] == "succeeded", result.text
    bodies = world.client.get(_url(world, SBD), headers=world["a_viewer"].headers).json()["data"]
    assert [b["independent_functions"] for b in bodies] == [True]


# Officer appointments ---------------------------------------------------------------------------


def test_officer_appointment_within_employment(world: World) -> None:
    person = _person(world)
    left = _person(world, 452, leave_date="2023-06-30")
    _rejected(
        _post(world, OFA, officer(person, appointed_on="2021-02-28")),
        "body.appointed_on",
        "before_hire_date",
    )
    _rejected(
        _post(world, OFA, officer(person, ended_on="2021-03-31")), "body.ended_on", "date_order"
    )
    _rejected(_post(world, OFA, officer(left)), "body.ended_on", "after_leave_date")
    _rejected(
        _post(world, OFA, officer(left, ended_on="2023-07-01")), "body.ended_on", "after_leave_date"
    )
    _rejected(
        _post(world, OFA, officer(left, appointed_on="2023-07-01", ended_on="2023-08-01")),
        "body.appointed_on",
        "after_leave_date",
    )
    _rejected(_post(world, OFA, officer(person, employment="casual")), "body.employment", "enum")
    created = _post(world, OFA, officer(left, ended_on="2023-06-30"))
    assert created.json()["in_office"] is False
    # Moving the appointment to someone hired later blames the person, not the dates.
    later = _person(world, 453, hire_date="2022-01-01")
    _rejected(_patch(world, created, {"person_id": later}), "body.person_id", "before_hire_date")
    assert _patch(world, created, {"person_id": person}).status_code == 200


def test_overlapping_appointments_to_one_duty_are_409(world: World) -> None:
    person = _person(world)
    first = _post(world, OFA, officer(person, ended_on="2022-12-31"))
    _created(first)
    # Another duty, or the same duty from the next day, is fine.
    _created(_post(world, OFA, officer(person, duty="occupational_health_supervisor")))
    _created(_post(world, OFA, officer(person, appointed_on="2023-01-01", employment="part_time")))
    # The last day of one is still a day in office: starting on it overlaps.
    _conflict(
        _post(world, OFA, officer(person, appointed_on="2022-12-31")), "overlapping_appointment"
    )
    _conflict(_patch(world, first, {"ended_on": None}), "overlapping_appointment")
    # Another person may hold the same duty at the same time.
    _created(_post(world, OFA, officer(_person(world, 452))))


def test_officer_filters(world: World) -> None:
    wang, li = _person(world), _person(world, 452, department="一车间")
    full = _created(_post(world, OFA, officer(wang, ended_on="2022-12-31")))
    part = _created(
        _post(
            world,
            OFA,
            officer(li, employment="part_time", department="一车间", appointed_on="2022-06-01"),
        )
    )
    health = _created(
        _post(
            world,
            OFA,
            officer(
                wang,
                duty="occupational_health_supervisor",
                department=None,
                appointed_on="2023-01-01",
            ),
        )
    )
    assert _list(world, OFA, person_id=wang) == sorted([full, health])
    assert _list(world, OFA, duty="occupational_health_supervisor") == [health]
    assert _list(world, OFA, employment="part_time") == [part]
    assert _list(world, OFA, department="一车间") == [part]
    assert _list(world, OFA, in_office_on="2021-04-01") == [full]
    assert sorted(_list(world, OFA, in_office_on="2022-12-31")) == sorted([full, part])
    assert sorted(_list(world, OFA, in_office_on="2023-01-01")) == sorted([part, health])
    assert _list(world, OFA, in_office_on="2021-03-31") == []
    assert _list(world, OFA, in_office_on="2023-01-01", duty="safety_officer") == [part]

    # Li leaves later without anyone ending the appointment: not in office after leaving.
    people = _url(world, "people")
    etag = world.client.get(f"{people}/{li}", headers=world["a_editor"].headers).headers["etag"]
    left = world.client.patch(
        f"{people}/{li}",
        json={"leave_date": "2024-03-31"},
        headers={**world["a_editor"].headers, "If-Match": etag},
    )
    assert left.status_code == 200
    assert part in _list(world, OFA, in_office_on="2024-03-31")
    assert part not in _list(world, OFA, in_office_on="2024-04-01")


# Leader appointments ----------------------------------------------------------------------------


def test_one_principal_at_a_time(world: World) -> None:
    wang, li = _person(world), _person(world, 452)
    first = _post(world, LDA, leader(wang))
    _created(first)
    _conflict(_post(world, LDA, leader(li, took_office_on="2024-01-01")), "principal_overlap")
    _conflict(_post(world, LDA, leader(wang, took_office_on="2024-01-01")), "principal_overlap")
    # Wang hands over on 2023-12-31; Li takes office the next day.
    assert _patch(world, first, {"left_office_on": "2023-12-31"}).status_code == 200
    second = _post(world, LDA, leader(li, took_office_on="2024-01-01"))
    _created(second)
    _conflict(_patch(world, second, {"took_office_on": "2023-12-31"}), "principal_overlap")
    # Deputies may be several at once, but not the same person twice over.
    _created(_post(world, LDA, leader(wang, position="deputy", took_office_on="2024-01-01")))
    _created(_post(world, LDA, leader(_person(world, 453), position="deputy")))
    _conflict(
        _post(world, LDA, leader(wang, position="deputy", took_office_on="2024-06-01")),
        "overlapping_appointment",
    )
    _rejected(
        _patch(world, second, {"left_office_on": "2023-12-31"}), "body.left_office_on", "date_order"
    )


def test_leader_validation(world: World) -> None:
    person = _person(world, hire_date="2021-03-01", leave_date="2024-06-30")
    _rejected(
        _post(world, LDA, leader(person, took_office_on="2021-01-01", left_office_on="2022-01-01")),
        "body.took_office_on",
        "before_hire_date",
    )
    _rejected(_post(world, LDA, leader(person)), "body.left_office_on", "after_leave_date")
    _rejected(_post(world, LDA, leader(person, position="chairman")), "body.position", "enum")
    created = _post(world, LDA, leader(person, left_office_on="2024-06-30"))
    assert created.json()["in_office"] is False
    _rejected(
        _patch(world, created, {"left_office_on": None}), "body.left_office_on", "after_leave_date"
    )


def test_leader_filters(world: World) -> None:
    wang, li = _person(world), _person(world, 452)
    old = _created(_post(world, LDA, leader(wang, left_office_on="2023-12-31")))
    new = _created(_post(world, LDA, leader(li, took_office_on="2024-01-01")))
    deputy = _created(
        _post(world, LDA, leader(wang, position="deputy", took_office_on="2024-01-01"))
    )
    assert _list(world, LDA, position="principal") == sorted([old, new])
    assert _list(world, LDA, person_id=wang) == sorted([old, deputy])
    assert _list(world, LDA, position="principal", in_office_on="2023-12-31") == [old]
    assert _list(world, LDA, position="principal", in_office_on="2024-01-01") == [new]
    assert _list(world, LDA, in_office_on=str(clock.today())) == sorted([new, deputy])


# Assessment certificates ------------------------------------------------------------------------


def test_assessment_validation(world: World) -> None:
    person = _person(world)
    tomorrow = clock.today() + timedelta(days=1)
    _rejected(
        _post(world, ASC, assessment(person, expires_on="2021-03-20")),
        "body.expires_on",
        "date_order",
    )
    _rejected(
        _post(world, ASC, assessment(person, passed_on=str(tomorrow), expires_on=None)),
        "body.passed_on",
        "in_future",
    )
    _rejected(
        _post(world, ASC, assessment(person, assessed_role="deputy")), "body.assessed_role", "enum"
    )
    _rejected(
        _post(world, ASC, assessment(person, certificate_number=" ")),
        "body.certificate_number",
        "string_too_short",
    )
    created = _post(world, ASC, assessment(person, expires_on=None))
    assert created.json()["valid"] is True, "no expiry: valid from the pass date on"
    _rejected(_patch(world, created, {"expires_on": "2021-03-01"}), "body.expires_on", "date_order")
    with_expiry = _post(world, ASC, assessment(person, certificate_number="B-2"))
    _rejected(
        _patch(world, with_expiry, {"passed_on": "2024-03-19"}), "body.passed_on", "date_order"
    )


def test_duplicate_certificate_numbers_are_409(world: World) -> None:
    person = _person(world)
    first = _post(world, ASC, assessment(person, certificate_number=" abc-1 "))
    assert first.json()["certificate_number"] == "ABC-1", "stripped and upper-cased"
    _conflict(
        _post(world, ASC, assessment(_person(world, 452), certificate_number="ABC-1")),
        "duplicate_certificate_number",
    )
    other = _post(world, ASC, assessment(person, certificate_number="ABC-2"))
    _conflict(_patch(world, other, {"certificate_number": "abc-1"}), "duplicate_certificate_number")
    # Another enterprise may record the same number; a deleted certificate frees it.
    assert (
        world.client.post(
            _url(world, ASC, "b"),
            json=assessment(_person(world, enterprise="b"), certificate_number="ABC-1"),
            headers=world["b_editor"].headers,
        ).status_code
        == 201
    )
    headers = {**world["a_editor"].headers, "If-Match": first.headers["etag"]}
    assert world.client.delete(first.headers["location"], headers=headers).status_code == 204
    assert _patch(world, other, {"certificate_number": "abc-1"}).status_code == 200


def test_an_id_number_as_certificate_number_stays_masked(world: World) -> None:
    number = _id_number(451)
    created = _post(world, ASC, assessment(_person(world), certificate_number=number))
    masked = number[:6] + "********" + number[-4:]
    assert created.json()["certificate_number"] == masked
    location = created.headers["location"]
    history = world.client.get(f"{location}/history", headers=world["a_admin"].headers).json()
    events = world.client.get(
        "/v1/audit-events",
        params={"resource_id": created.json()["id"]},
        headers=world["a_admin"].headers,
    ).json()
    assert number not in str(history)
    assert number not in str(events)
    assert masked in str(history)
    refused = world.client.get(
        location, params={"reveal": "personal_data"}, headers=world["a_admin"].headers
    )
    assert refused.status_code == 403

    enterprise = world.ids["enterprise_a"]
    user_url = f"/v1/organizations/{enterprise}/users/{world['a_viewer'].user_id}"
    etag = world.client.get(user_url, headers=world["a_admin"].headers).headers["etag"]
    granted = world.client.patch(
        user_url,
        json={"grants": ["pii:read"]},
        headers={**world["a_admin"].headers, "If-Match": etag},
    )
    assert granted.status_code == 200
    viewer = {"Authorization": f"Bearer {password_token(world.client, 'a_viewer@example.com')}"}
    shown = world.client.get(location, params={"reveal": "personal_data"}, headers=viewer)
    assert shown.json()["certificate_number"] == number
    audited = world.client.get(
        "/v1/audit-events",
        params={"action": "assessment_certificate.personal_data_read"},
        headers=world["a_admin"].headers,
    ).json()["data"]
    assert [e["actor_id"] for e in audited] == [world["a_viewer"].user_id]


def test_assessment_filters(world: World) -> None:
    wang, li = _person(world), _person(world, 452)
    officer_cert = _created(_post(world, ASC, assessment(wang)))
    principal = _created(
        _post(
            world,
            ASC,
            assessment(
                li,
                assessed_role="principal",
                certificate_number="P-1",
                passed_on="2022-01-10",
                expires_on=None,
            ),
        )
    )
    assert _list(world, ASC, person_id=li) == [principal]
    assert _list(world, ASC, assessed_role="principal") == [principal]
    assert _list(world, ASC, valid_on="2024-03-19") == sorted([officer_cert, principal])
    assert _list(world, ASC, valid_on="2024-03-20") == [principal]
    assert _list(world, ASC, valid_on="2021-03-19") == []
    assert _list(world, ASC, expires_before="2024-03-20") == [officer_cert]
    assert _list(world, ASC, expires_before="2024-03-19") == []


# Registered engineers ---------------------------------------------------------------------------


def test_engineer_registration_periods(world: World) -> None:
    person = _person(world)

    def registration(valid_from: str, valid_to: str, number: str) -> Any:
        body = engineer(
            person, valid_from=valid_from, valid_to=valid_to, registration_number=number
        )
        return _post(world, RSE, body)

    _rejected(registration("2022-06-01", "2022-06-01", "R0"), "body.valid_to", "date_order")
    _rejected(registration("2022-06-01", "2027-06-02", "R0"), "body.valid_to", "validity_too_long")
    # Registrations granted before 2019-03-01 ran 3 years.
    _rejected(registration("2016-01-01", "2019-01-02", "R0"), "body.valid_to", "validity_too_long")
    _rejected(registration("2019-02-28", "2022-03-01", "R0"), "body.valid_to", "validity_too_long")
    _created(registration("2016-01-01", "2019-01-01", "R1"))
    _created(registration("2019-03-01", "2024-03-01", "R2"))
    moved = _post(world, RSE, engineer(_person(world, 452), registration_number="R3"))
    _rejected(
        _patch(world, moved, {"valid_from": "2019-01-01"}), "body.valid_from", "validity_too_long"
    )


def test_engineer_employer_credit_code(world: World) -> None:
    person = _person(world)
    own = _post(world, RSE, engineer(person, employer_credit_code=None))
    assert own.json()["employer_credit_code"] == credit_code(1), "enterprise A's code"
    bad = ENGINEER_EMPLOYER[:-1] + ("0" if ENGINEER_EMPLOYER[-1] != "0" else "1")
    _rejected(
        _post(world, RSE, engineer(_person(world, 452), employer_credit_code=bad)),
        "body.employer_credit_code",
        "credit_code_check_character_mismatch",
    )
    _rejected(
        _patch(world, own, {"employer_credit_code": "12345"}),
        "body.employer_credit_code",
        "credit_code_malformed",
    )
    # Typed in lower case with spaces: stored in canonical form.
    typed = " ".join(ENGINEER_EMPLOYER[i : i + 6] for i in range(0, 18, 6)).lower()
    changed = _patch(world, own, {"employer_credit_code": typed})
    assert changed.json()["employer_credit_code"] == ENGINEER_EMPLOYER
    assert _list(world, RSE, employer_credit_code=typed) == [own.json()["id"]]


def test_engineer_duplicates_are_409(world: World) -> None:
    wang, li = _person(world), _person(world, 452)
    first = _post(world, RSE, engineer(wang))
    _created(first)
    _conflict(
        _post(world, RSE, engineer(li, registration_number="zaq2022410100123")),
        "duplicate_registration_number",
    )
    # One registration at a time per person (it names one specialty and one employer).
    _conflict(
        _post(
            world,
            RSE,
            engineer(
                wang, registration_number="R2", valid_from="2027-05-31", valid_to="2030-01-01"
            ),
        ),
        "overlapping_registration",
    )
    renewed = _post(
        world,
        RSE,
        engineer(wang, registration_number="R2", valid_from="2027-06-01", valid_to="2032-05-31"),
    )
    _created(renewed)
    _conflict(_patch(world, renewed, {"valid_from": "2027-05-31"}), "overlapping_registration")


def test_engineer_filters(world: World) -> None:
    wang, li = _person(world), _person(world, 452)
    chemical = _created(_post(world, RSE, engineer(wang)))
    senior = _created(
        _post(
            world,
            RSE,
            engineer(
                li,
                registration_number="R2",
                level="senior",
                specialty="construction",
                employer_credit_code=None,
                valid_from="2018-01-01",
                valid_to="2020-12-31",
            ),
        )
    )
    assert _list(world, RSE, person_id=li) == [senior]
    assert _list(world, RSE, level="senior") == [senior]
    assert _list(world, RSE, specialty="chemical") == [chemical]
    assert _list(world, RSE, employer_credit_code=credit_code(1)) == [senior]
    assert _list(world, RSE, valid_on="2020-12-31") == [senior]
    assert _list(world, RSE, valid_on="2027-05-31") == [chemical]
    assert _list(world, RSE, valid_on="2021-06-01") == []
    assert _list(world, RSE, expires_before="2027-05-31") == [senior]
    assert (
        world.client.get(
            _url(world, RSE), params={"level": "expert"}, headers=world["a_viewer"].headers
        ).status_code
        == 422
    )


# Pure helpers -----------------------------------------------------------------------------------


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_registration_period_limit(valid_from: date) -> None:
    years = longest_registration(valid_from)
    assert years == (3 if valid_from < date(2019, 3, 1) else 5)
    end = add_years(valid_from, years)
    assert end.year == valid_from.year + years
    assert (end - valid_from).days in range(365 * years, 366 * years + 1)


@given(st.integers(min_value=0, max_value=999), st.text(alphabet="TAB-", max_size=3))
def test_an_embedded_id_number_never_shows(seq: int, prefix: str) -> None:
    number = _id_number(seq)
    masked = mask_embedded_id(prefix + number)
    assert number not in masked
    assert masked == prefix + number[:6] + "********" + number[-4:]
    assert mask_embedded_id(prefix + "20210320123") == prefix + "20210320123", "not an ID number"
