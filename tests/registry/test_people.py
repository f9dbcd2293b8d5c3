"""People: the record life cycle, validation, and the protection of ID numbers."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from app.core.validators import resident_id_check_character
from app.registry.people.models import Person
from tests.support.world import World, password_token


def id_number(body17: str) -> str:
    return body17 + resident_id_check_character(body17)


WANG = id_number("41010819900307451")
LI = id_number("41010819851112002")


def person(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "王建国",
        "id_number": WANG,
        "department": "机加工车间",
        "position": "车工",
        "hire_date": "2021-03-01",
        "exposures": [{"factor": "noise", "level": "87 dB(A)", "started_on": "2021-03-01"}],
        **overrides,
    }


def _people(world: World) -> str:
    return f"/v1/enterprises/{world.ids['enterprise_a']}/people"


def test_create_get_and_history(world: World) -> None:
    headers = world["a_editor"].headers
    created = world.client.post(_people(world), json=person(), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id_number"] == WANG[:6] + "********" + WANG[-4:]
    assert body["birth_date"] == "1990-03-07"
    assert body["sex"] == "male"
    assert body["status"] == "in_service"
    assert body["exposures"][0]["factor"] == "noise"
    assert created.headers["location"].endswith(body["id"])
    fetched = world.client.get(created.headers["location"], headers=world["a_viewer"].headers)
    assert fetched.headers["etag"] == created.headers["etag"]

    changed = world.client.patch(
        created.headers["location"],
        json={
            "department": "装配车间",
            "job_changes": [{"changed_on": "2023-05-01", "department": "装配车间"}],
        },
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == 2
    stale = world.client.patch(
        created.headers["location"],
        json={"position": "钳工"},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert stale.status_code == 412

    history = world.client.get(f"{created.headers['location']}/history", headers=headers).json()
    assert [entry["action"] for entry in history["data"]] == ["create", "update"]
    assert history["data"][0]["data"]["department"] == "机加工车间"
    assert history["data"][1]["data"]["department"] == "装配车间"
    assert WANG not in str(history), "history must not hold the ID number in the clear"


def test_id_number_is_encrypted_at_rest(world: World, engine: Engine) -> None:
    world.client.post(_people(world), json=person(), headers=world["a_editor"].headers)
    with engine.connect() as connection:
        row = connection.execute(
            select(Person.id_number_ciphertext, Person.id_number_index, Person.id_number_masked)
        ).one()
    assert WANG not in row.id_number_ciphertext
    assert WANG not in row.id_number_index
    assert row.id_number_masked.count("*") == 8


def test_reveal_needs_pii_read_and_is_audited(world: World, client: TestClient) -> None:
    created = client.post(_people(world), json=person(), headers=world["a_editor"].headers).json()
    url = f"{_people(world)}/{created['id']}"
    refused = client.get(url, params={"reveal": "personal_data"}, headers=world["a_admin"].headers)
    assert refused.status_code == 403

    enterprise = world.ids["enterprise_a"]
    user_url = f"/v1/organizations/{enterprise}/users/{world['a_viewer'].user_id}"
    etag = client.get(user_url, headers=world["a_admin"].headers).headers["etag"]
    granted = client.patch(
        user_url,
        json={"grants": ["pii:read"]},
        headers={**world["a_admin"].headers, "If-Match": etag},
    )
    assert granted.status_code == 200
    assert granted.json()["grants"] == ["pii:read"]
    viewer = {"Authorization": f"Bearer {password_token(client, 'a_viewer@example.com')}"}

    shown = client.get(url, params={"reveal": "personal_data"}, headers=viewer)
    assert shown.status_code == 200
    assert shown.json()["id_number"] == WANG
    assert client.get(url, headers=viewer).json()["id_number"] != WANG, "masked unless asked"
    listed = client.get(_people(world), params={"reveal": "personal_data"}, headers=viewer)
    assert listed.json()["data"][0]["id_number"] == WANG

    events = client.get(
        "/v1/audit-events",
        params={"action": "person.personal_data_read"},
        headers=world["a_admin"].headers,
    ).json()["data"]
    assert len(events) == 2
    assert all(e["actor_id"] == world["a_viewer"].user_id for e in events)
    assert events[0]["changes"] == {"record_ids": [created["id"]]}


def test_duplicate_id_number_is_409_but_another_enterprise_may_have_it(world: World) -> None:
    assert (
        world.client.post(
            _people(world), json=person(), headers=world["a_editor"].headers
        ).status_code
        == 201
    )
    again = world.client.post(
        _people(world), json=person(name="王二"), headers=world["a_editor"].headers
    )
    assert again.status_code == 409
    assert again.json()["code"] == "id_number_taken"
    other = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_b']}/people",
        json=person(),
        headers=world["b_admin"].headers,
    )
    assert other.status_code == 201


def test_a_deleted_person_can_be_registered_again(world: World) -> None:
    headers = world["a_editor"].headers
    created = world.client.post(_people(world), json=person(), headers=headers)
    location, etag = created.headers["location"], created.headers["etag"]
    assert world.client.delete(location, headers=headers).status_code == 428
    assert world.client.delete(location, headers={**headers, "If-Match": etag}).status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [entry["action"] for entry in history] == ["create", "delete"]
    assert world.client.post(_people(world), json=person(), headers=headers).status_code == 201


def test_invalid_input_names_the_field_and_writes_nothing(world: World) -> None:
    headers = world["a_editor"].headers
    cases = [
        (person(id_number=WANG[:-1] + ("0" if WANG[-1] != "0" else "1")), "body.id_number"),
        (person(hire_date="1989-01-01"), "body.hire_date"),
        (person(leave_date="2020-01-01"), "body.leave_date"),
        (
            person(
                exposures=[
                    {"factor": "noise", "started_on": "2022-01-01", "ended_on": "2021-01-01"}
                ]
            ),
            "body.exposures.0.ended_on",
        ),
        (
            person(exposures=[{"factor": "moonlight", "started_on": "2022-01-01"}]),
            "body.exposures.0.factor",
        ),
        (person(job_changes=[{"changed_on": "2020-01-01"}]), "body.job_changes.0.changed_on"),
    ]
    for body, field in cases:
        response = world.client.post(_people(world), json=body, headers=headers)
        assert response.status_code == 422, (field, response.text)
        assert response.json()["errors"][0]["field"] == field
    assert world.client.get(_people(world), headers=headers).json()["data"] == []


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    world.client.post(_people(world), json=person(), headers=headers)
    world.client.post(
        _people(world),
        json=person(
            name="李秀英", id_number=LI, department="仓库", exposures=[], leave_date="2024-06-30"
        ),
        headers=headers,
    )

    def names(**params: str) -> list[str]:
        data = world.client.get(_people(world), params=params, headers=headers).json()["data"]
        return sorted(p["name"] for p in data)

    assert names() == ["李秀英", "王建国"]
    assert names(department="仓库") == ["李秀英"]
    assert names(status="left") == ["李秀英"]
    assert names(status="in_service") == ["王建国"]
    assert names(exposed_to="noise") == ["王建国"]
    assert names(id_number=LI) == ["李秀英"]
    assert names(name="建国") == ["王建国"]
    assert names(hired_from="2021-03-02") == []


def test_viewers_cannot_write(world: World) -> None:
    response = world.client.post(_people(world), json=person(), headers=world["a_viewer"].headers)
    assert response.status_code == 403


def test_export_as_csv_and_xlsx_with_the_list_filters(world: World) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    headers = world["a_editor"].headers
    world.client.post(_people(world), json=person(), headers=headers)
    world.client.post(
        _people(world), json=person(name="李秀英", id_number=LI, department="仓库"), headers=headers
    )
    exported = world.client.get(
        f"{_people(world)}/export", params={"department": "仓库"}, headers=headers
    )
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ["李秀英"]
    assert rows[0]["id_number"] == LI[:6] + "********" + LI[-4:]

    xlsx = world.client.get(f"{_people(world)}/export", params={"format": "xlsx"}, headers=headers)
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("id", "name", "id_number")
    assert sorted(row[1] for row in values[1:]) == ["李秀英", "王建国"]


def test_unknown_fields_are_refused_and_an_empty_patch_changes_nothing(world: World) -> None:
    headers = world["a_editor"].headers
    created = world.client.post(_people(world), json=person(nickname="小王"), headers=headers)
    assert created.status_code == 422
    assert created.json()["errors"][0] == {
        "field": "body.nickname",
        "message": "Extra inputs are not permitted",
        "code": "extra_forbidden",
    }
    created = world.client.post(_people(world), json=person(), headers=headers)
    location, etag = created.headers["location"], created.headers["etag"]
    unchanged = world.client.patch(location, json={}, headers={**headers, "If-Match": etag})
    assert unchanged.status_code == 200
    assert unchanged.headers["etag"] == etag
    assert unchanged.json()["version"] == 1


def test_a_person_named_by_other_records_cannot_be_deleted(world: World) -> None:
    headers = world["a_editor"].headers
    created = world.client.post(_people(world), json=person(), headers=headers)
    location = created.headers["location"]
    exam = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/health-exams",
        json={
            "person_id": created.json()["id"],
            "kind": "periodic",
            "examined_on": "2025-06-01",
            "factors": ["noise"],
            "conclusion": "normal",
        },
        headers=headers,
    )
    assert exam.status_code == 201, exam.text
    refused = world.client.delete(
        location, headers={**headers, "If-Match": created.headers["etag"]}
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "person_has_records"
    assert world.client.get(location, headers=headers).status_code == 200
