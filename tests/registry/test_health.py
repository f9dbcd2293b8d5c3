"""Occupational health: hazard declarations, health exams, and the protection of conclusions."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from app.core.validators import resident_id_check_character
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World, password_token


def _url(world: World, path: str, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/{path}"


def _person(
    world: World,
    body17: str = "41010819900307451",
    enterprise: str = "enterprise_a",
    admin: str = "a_admin",
    **fields: Any,
) -> str:
    """A person born on the date inside `body17` (1990-03-07 by default)."""
    body = {
        "name": "王建国",
        "id_number": body17 + resident_id_check_character(body17),
        "hire_date": "2021-03-01",
        **fields,
    }
    response = world.client.post(
        _url(world, "people", enterprise), json=body, headers=world[admin].headers
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _grant_health_read(world: World) -> dict[str, str]:
    """Give a_viewer `health:read` and return headers with a token that carries it."""
    user_url = f"/v1/organizations/{world.ids['enterprise_a']}/users/{world['a_viewer'].user_id}"
    admin = world["a_admin"].headers
    etag = world.client.get(user_url, headers=admin).headers["etag"]
    granted = world.client.patch(
        user_url, json={"grants": ["health:read"]}, headers={**admin, "If-Match": etag}
    )
    assert granted.status_code == 200, granted.text
    token = password_token(world.client, "a_viewer@example.com")
    return {"Authorization": f"Bearer {token}"}


# Hazard declarations ----------------------------------------------------------------------


def declaration(**overrides: Any) -> dict[str, Any]:
    return {
        "declared_on": day(-30),
        "factors": ["noise", "dust"],
        "exposed_headcount": 42,
        "authority": "惠济区卫生健康委员会",
        "receipt_number": "HJ-ZYB-0137",
        **overrides,
    }


def test_declaration_life_cycle(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "hazard-declarations")
    created = world.client.post(
        base, json=declaration(factors=["noise", "dust", "noise"]), headers=headers
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("hzd_")
    assert body["factors"] == ["noise", "dust"], "a factor named twice is kept once"
    location = created.headers["location"]
    assert location == f"{base}/{body['id']}"

    fetched = world.client.get(location, headers=world["a_viewer"].headers)
    assert fetched.status_code == 200
    assert fetched.json() == body
    assert fetched.headers["etag"] == created.headers["etag"]

    changed = world.client.patch(
        location,
        json={"factors": ["benzene"], "exposed_headcount": 0},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["factors"] == ["benzene"]
    assert changed.json()["exposed_headcount"] == 0
    assert changed.json()["version"] == 2
    stale = world.client.patch(
        location, json={"authority": "x"}, headers={**headers, "If-Match": created.headers["etag"]}
    )
    assert stale.status_code == 412
    assert world.client.delete(location, headers=headers).status_code == 428
    deleted = world.client.delete(
        location, headers={**headers, "If-Match": changed.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    assert world.client.get(base, headers=headers).json()["data"] == []

    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert history[0]["data"]["factors"] == ["noise", "dust"]
    assert history[1]["data"]["factors"] == ["benzene"]
    assert history[2]["data"]["deleted"] is True


def test_declaration_filters(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "hazard-declarations")
    for fields in (
        {"declared_on": day(-400), "factors": ["noise"]},
        {"declared_on": day(-10), "factors": ["dust", "carbon_monoxide"]},
    ):
        assert (
            world.client.post(base, json=declaration(**fields), headers=headers).status_code == 201
        )

    def days(**params: str) -> list[str]:
        data = world.client.get(base, params=params, headers=headers).json()["data"]
        return sorted(d["declared_on"] for d in data)

    assert days() == [day(-400), day(-10)]
    assert days(factor="noise") == [day(-400)]
    assert days(factor="carbon_monoxide") == [day(-10)]
    assert days(factor="benzene") == []
    assert days(declared_from=day(-100)) == [day(-10)]
    assert days(declared_to=day(-100)) == [day(-400)]
    refused = world.client.get(base, params={"factor": "moonlight"}, headers=headers)
    assert refused.status_code == 422


def test_declaration_validation(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "hazard-declarations")
    cases = [
        (declaration(declared_on=day(1)), "body.declared_on", "in_future"),
        (declaration(factors=[]), "body.factors", "too_short"),
        (declaration(factors=["moonlight"]), "body.factors.0", "enum"),
        (declaration(exposed_headcount=-1), "body.exposed_headcount", "greater_than_equal"),
    ]
    for body, field, code in cases:
        response = world.client.post(base, json=body, headers=headers)
        assert response.status_code == 422, (field, response.text)
        assert response.json()["errors"][0]["field"] == field
        assert response.json()["errors"][0]["code"] == code
    assert world.client.get(base, headers=headers).json()["data"] == []

    created = world.client.post(base, json=declaration(), headers=headers)
    removed = world.client.patch(
        created.headers["location"],
        json={"exposed_headcount": None},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert removed.status_code == 422
    assert removed.json()["errors"][0]["field"] == "body.exposed_headcount"


def test_viewers_cannot_declare(world: World) -> None:
    response = world.client.post(
        _url(world, "hazard-declarations"), json=declaration(), headers=world["a_viewer"].headers
    )
    assert response.status_code == 403


# Health exams -----------------------------------------------------------------------------


def exam(person_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "kind": "periodic",
        "examined_on": day(-20),
        "factors": ["noise"],
        "institution": "郑州市职业病防治院",
        "report_number": "ZJ-0318",
        "conclusion": "normal",
        **overrides,
    }


def test_exam_life_cycle_hides_the_conclusion_from_editors(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "health-exams")
    person = _person(world)
    created = world.client.post(base, json=exam(person), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("hex_")
    assert body["person_id"] == person
    assert body["factors"] == ["noise"]
    assert body["conclusion"] is None
    assert body["conclusion_hidden"] is True
    location = created.headers["location"]

    fetched = world.client.get(location, headers=world["a_admin"].headers)
    assert fetched.status_code == 200
    assert fetched.json()["conclusion"] is None
    assert fetched.json()["conclusion_hidden"] is True

    # Editors enter the report's conclusion even though they cannot read it back.
    changed = world.client.patch(
        location,
        json={"conclusion": "contraindication", "institution": "河南省职业病防治研究院"},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["conclusion"] is None
    assert changed.json()["institution"] == "河南省职业病防治研究院"
    assert changed.json()["version"] == 2
    listed = world.client.get(base, headers=headers).json()["data"]
    assert [(e["id"], e["conclusion"], e["conclusion_hidden"]) for e in listed] == [
        (body["id"], None, True)
    ]

    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update"]
    assert history[1]["data"]["institution"] == "河南省职业病防治研究院"
    assert "conclusion" not in history[0]["data"]
    assert "contraindication" not in json.dumps(history)
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": body["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    # Sorted: with the clock standing still, both events share an instant.
    assert sorted(e["action"] for e in events) == ["health_exam.create", "health_exam.update"]
    assert "contraindication" not in json.dumps(events), "the audit trail is read without it"

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": changed.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404


def test_conclusions_are_shown_with_health_read(world: World) -> None:
    base = _url(world, "health-exams")
    editor = world["a_editor"].headers
    person = _person(world)
    normal = world.client.post(base, json=exam(person), headers=editor).json()
    flagged = world.client.post(
        base, json=exam(person, examined_on=day(-5), conclusion="recheck"), headers=editor
    ).json()

    refused = world.client.get(base, params={"conclusion": "recheck"}, headers=editor)
    assert refused.status_code == 403
    assert refused.json()["code"] == "missing_capability"

    reader = _grant_health_read(world)
    shown = world.client.get(f"{base}/{normal['id']}", headers=reader)
    assert shown.status_code == 200
    assert shown.json()["conclusion"] == "normal"
    assert shown.json()["conclusion_hidden"] is False
    listed = world.client.get(base, headers=reader).json()["data"]
    assert sorted(e["conclusion"] for e in listed) == ["normal", "recheck"]
    matching = world.client.get(base, params={"conclusion": "recheck"}, headers=reader)
    assert matching.status_code == 200
    assert [e["id"] for e in matching.json()["data"]] == [flagged["id"]]
    # Others keep not seeing it, whoever else may: the enterprise's editor, and the regulator
    # of its region (who reads the records, but not health data without the grant).
    assert world.client.get(f"{base}/{normal['id']}", headers=editor).json()["conclusion"] is None
    regulator = world["district_admin"].headers
    regional = world.client.get(base, headers=regulator)
    assert regional.status_code == 200, regional.text
    assert [e["conclusion_hidden"] for e in regional.json()["data"]] == [True, True]
    assert (
        world.client.get(base, params={"conclusion": "normal"}, headers=regulator).status_code
        == 403
    )
    # Every read that showed conclusions is audited, naming the reader and the records.
    reads = world.client.get(
        "/v1/audit-events",
        params={"action": "health_exam.health_data_read"},
        headers=world["a_admin"].headers,
    ).json()["data"]
    assert len(reads) == 3
    assert {e["actor_id"] for e in reads} == {world["a_viewer"].user_id}
    assert {"record_ids": [normal["id"]]} in [e["changes"] for e in reads]


def test_exported_exams_hide_conclusions_too(world: World) -> None:
    base = _url(world, "health-exams")
    person = _person(world)
    world.client.post(
        base, json=exam(person, conclusion="recheck"), headers=world["a_editor"].headers
    )
    exported = world.client.get(f"{base}/export", headers=world["a_editor"].headers)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [(r["conclusion"], r["conclusion_hidden"]) for r in rows] == [("", "true")]
    refused = world.client.get(
        f"{base}/export", params={"conclusion": "recheck"}, headers=world["a_editor"].headers
    )
    assert refused.status_code == 403


def test_exam_filters(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "health-exams")
    wang = _person(world)
    li = _person(world, "41010819851112002", name="李秀英")
    for body in (
        exam(wang, kind="pre_job", examined_on="2021-02-20", factors=["noise"]),
        exam(wang, examined_on=day(-30), factors=["noise", "dust"]),
        exam(li, kind="emergency", examined_on=day(-3), factors=[]),
    ):
        assert world.client.post(base, json=body, headers=headers).status_code == 201

    def dates(**params: str) -> list[str]:
        response = world.client.get(base, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(e["examined_on"] for e in response.json()["data"])

    assert dates() == ["2021-02-20", day(-30), day(-3)]
    assert dates(person_id=li) == [day(-3)]
    assert dates(kind="pre_job") == ["2021-02-20"]
    assert dates(factor="dust") == [day(-30)]
    assert dates(factor="noise") == ["2021-02-20", day(-30)]
    assert dates(examined_from=day(-30), examined_to=day(-4)) == [day(-30)]


def test_exam_validation(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "health-exams")
    person = _person(world)
    left = _person(world, "41010819851112002", name="李秀英", leave_date="2024-06-30")
    b_person = _person(world, enterprise="enterprise_b", admin="b_admin")
    cases = [
        (exam(person, examined_on="1990-03-06"), "body.examined_on", "date_order"),
        (exam(person, examined_on=day(1)), "body.examined_on", "in_future"),
        (exam(left, examined_on="2024-07-01"), "body.examined_on", "date_order"),
        (exam(person, factors=[]), "body.factors", "factors_required"),
        (exam(person, kind="exit", factors=[]), "body.factors", "factors_required"),
        (exam("per_00000000000000000000000000"), "body.person_id", "unknown_person"),
        (exam(b_person), "body.person_id", "unknown_person"),
        (exam(person, conclusion="fine"), "body.conclusion", "enum"),
        (exam(person, kind="annual"), "body.kind", "enum"),
        (exam(person, factors=["moonlight"]), "body.factors.0", "enum"),
    ]
    for body, field, code in cases:
        response = world.client.post(base, json=body, headers=headers)
        assert response.status_code == 422, (field, response.text)
        assert response.json()["errors"][0]["field"] == field, response.text
        assert response.json()["errors"][0]["code"] == code
    assert world.client.get(base, headers=headers).json()["data"] == []

    leaving = world.client.post(
        base, json=exam(left, kind="exit", examined_on="2024-06-30"), headers=headers
    )
    assert leaving.status_code == 201, leaving.text
    born = world.client.post(base, json=exam(person, examined_on="1990-03-07"), headers=headers)
    assert born.status_code == 201, born.text


def test_exam_patches_are_checked_on_the_whole_record(world: World) -> None:
    headers = world["a_editor"].headers
    base = _url(world, "health-exams")
    person = _person(world, leave_date=day(-10))
    other = _person(world, "41010820000101003", name="张三")
    created = world.client.post(
        base, json=exam(person, kind="emergency", factors=[]), headers=headers
    )
    assert created.status_code == 201, created.text
    location, etag = created.headers["location"], created.headers["etag"]

    def patch(body: dict[str, Any]) -> Any:
        return world.client.patch(location, json=body, headers={**headers, "If-Match": etag})

    for body, field in (
        ({"kind": "periodic"}, "body.kind"),
        ({"examined_on": day(-5)}, "body.examined_on"),
        ({"person_id": other, "examined_on": "1999-12-31"}, "body.examined_on"),
        ({"conclusion": None}, "body.conclusion"),
        ({"factors": None}, "body.factors"),
    ):
        response = patch(body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["errors"][0]["field"] == field
    moved = patch(
        {"person_id": other, "examined_on": day(-5), "kind": "periodic", "factors": ["lead"]}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["person_id"] == other
    assert moved.json()["factors"] == ["lead"]


def test_viewers_cannot_record_exams(world: World) -> None:
    person = _person(world)
    response = world.client.post(
        _url(world, "health-exams"), json=exam(person), headers=world["a_viewer"].headers
    )
    assert response.status_code == 403
