"""Teams (班组) and the team an officer appointment serves (惠政文〔2014〕53号 art. 17):
life cycle, validation, references within the tenant, filters, import and who may write."""

from __future__ import annotations

from typing import Any

from app.core.validators import resident_id_check_character
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def _url(world: World, path: str, enterprise: str = "a") -> str:
    return f"/v1/enterprises/{world.ids[f'enterprise_{enterprise}']}/{path}"


def _id_number(seq: int) -> str:
    body17 = f"41010819900307{seq:03d}"
    return body17 + resident_id_check_character(body17)


def _person(world: World, seq: int, enterprise: str = "a", **overrides: Any) -> str:
    body = {
        "name": f"员工{seq}",
        "id_number": _id_number(seq),
        "hire_date": day(-900),
        "department": "冲压车间",
        **overrides,
    }
    created = world.client.post(
        _url(world, "people", enterprise), json=body, headers=world[f"{enterprise}_editor"].headers
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def team(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "冲压一班",
        "department": "冲压车间",
        "established_on": day(-800),
        "notes": "两班倒",
        **overrides,
    }


def _create(world: World, body: dict[str, Any], enterprise: str = "a") -> dict[str, Any]:
    created = world.client.post(
        _url(world, "teams", enterprise), json=body, headers=world[f"{enterprise}_editor"].headers
    )
    assert created.status_code == 201, created.text
    return {**created.json(), "etag": created.headers["etag"]}


def _rejected(response: Any, field: str, code: str, status: int = 422) -> None:
    assert response.status_code == status, (field, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_life_cycle(world: World) -> None:
    _person(world, 301)
    headers = world["a_editor"].headers
    created = world.client.post(_url(world, "teams"), json=team(), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("tem_")
    assert (body["name"], body["department"], body["active"]) == ("冲压一班", "冲压车间", True)
    location = created.headers["location"]
    assert world.client.get(location, headers=world["a_viewer"].headers).json() == body

    dissolved = world.client.patch(
        location,
        json={"dissolved_on": day(-1)},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert dissolved.status_code == 200, dissolved.text
    assert dissolved.json()["active"] is False
    deleted = world.client.delete(
        location, headers={**headers, "If-Match": dissolved.headers["etag"]}
    )
    assert deleted.status_code == 204
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert history[0]["data"]["dissolved_on"] is None
    assert history[1]["data"]["dissolved_on"] == day(-1)


def test_an_officer_serves_a_team(world: World) -> None:
    officer = _person(world, 302)
    made = _create(world, team())
    headers = world["a_editor"].headers
    appointment = world.client.post(
        _url(world, "officer-appointments"),
        json={
            "person_id": officer,
            "employment": "part_time",
            "department": "冲压车间",
            "team_id": made["id"],
            "appointed_on": day(-700),
        },
        headers=headers,
    )
    assert appointment.status_code == 201, appointment.text
    assert appointment.json()["team_id"] == made["id"]
    listed = world.client.get(
        _url(world, "officer-appointments"), params={"team_id": made["id"]}, headers=headers
    ).json()["data"]
    assert [a["id"] for a in listed] == [appointment.json()["id"]]

    # The team cannot go while an appointment names it, nor be dissolved before it starts.
    team_url = f"{_url(world, 'teams')}/{made['id']}"
    with_etag = {**headers, "If-Match": made["etag"]}
    refused = world.client.delete(team_url, headers=with_etag)
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"].endswith("team_has_officers")
    _rejected(
        world.client.patch(team_url, json={"dissolved_on": day(-750)}, headers=with_etag),
        "body.dissolved_on",
        "appointment_after_dissolution",
    )
    # Dissolved later than the appointment's start: fine, and a new appointment after the
    # dissolution is refused.
    later = world.client.patch(team_url, json={"dissolved_on": day(-10)}, headers=with_etag)
    assert later.status_code == 200, later.text
    second = _person(world, 303)
    _rejected(
        world.client.post(
            _url(world, "officer-appointments"),
            json={
                "person_id": second,
                "employment": "part_time",
                "team_id": made["id"],
                "appointed_on": day(-5),
            },
            headers=headers,
        ),
        "body.appointed_on",
        "after_team_dissolved",
    )


def test_validation(world: World) -> None:
    _person(world, 304)
    headers = world["a_editor"].headers
    cases = [
        ({k: v for k, v in team().items() if k != "name"}, "body.name", "missing"),
        (team(name=None), "body.name", "string_type"),
        (team(name=" "), "body.name", "string_too_short"),
        (team(name="班" * 101), "body.name", "string_too_long"),
        (team(dissolved_on=day(-801)), "body.dissolved_on", "date_order"),
        (team(established_on="2026-02-30"), "body.established_on", "date_from_datetime_parsing"),
        (team(department="不存在的车间"), "body.department", "unknown_department"),
        (team(notes=" "), "body.notes", "string_too_short"),
        (team(size=12), "body.size", "extra_forbidden"),
    ]
    for body, field, code in cases:
        _rejected(world.client.post(_url(world, "teams"), json=body, headers=headers), field, code)
    assert world.client.get(_url(world, "teams"), headers=headers).json()["data"] == []

    # A team of no department is fine; one recorded twice over the same days is not.
    _create(world, team(department=None))
    _create(world, team())
    twice = world.client.post(
        _url(world, "teams"), json=team(established_on=day(-10)), headers=headers
    )
    assert twice.status_code == 409, twice.text
    assert twice.json()["type"].endswith("team_overlap")
    # The same name after the first was dissolved is another team.
    first = world.client.get(
        _url(world, "teams"), params={"department": "冲压车间"}, headers=headers
    ).json()["data"][0]
    got = world.client.get(f"{_url(world, 'teams')}/{first['id']}", headers=headers)
    patched = world.client.patch(
        f"{_url(world, 'teams')}/{first['id']}",
        json={"dissolved_on": day(-20)},
        headers={**headers, "If-Match": got.headers["etag"]},
    )
    assert patched.status_code == 200, patched.text
    _create(world, team(established_on=day(-10)))

    # An appointment naming no team of this enterprise is refused.
    officer_unknown = world.client.post(
        _url(world, "officer-appointments"),
        json={
            "person_id": _person(world, 305),
            "employment": "part_time",
            "team_id": "tem_00000000000000000000000000",
            "appointed_on": day(-100),
        },
        headers=headers,
    )
    _rejected(officer_unknown, "body.team_id", "unknown_team")


def test_references_stay_in_the_tenant(world: World) -> None:
    """A team names only a department its own enterprise records, and an appointment only
    a team of its own enterprise."""
    _person(world, 306)
    _person(world, 307, enterprise="b", department="喷涂车间")
    b_team = _create(world, team(name="喷涂一班", department="喷涂车间"), enterprise="b")
    headers = world["a_editor"].headers
    # B's department is no department of A's.
    _rejected(
        world.client.post(_url(world, "teams"), json=team(department="喷涂车间"), headers=headers),
        "body.department",
        "unknown_department",
    )
    # Nor is B's team one an officer of A can serve.
    _rejected(
        world.client.post(
            _url(world, "officer-appointments"),
            json={
                "person_id": _person(world, 308),
                "employment": "full_time",
                "team_id": b_team["id"],
                "appointed_on": day(-100),
            },
            headers=headers,
        ),
        "body.team_id",
        "unknown_team",
    )
    # B's team is not found through A, and A's list does not show it.
    location = f"{_url(world, 'teams')}/{b_team['id']}"
    assert world.client.get(location, headers=headers).status_code == 404
    foreign = {**headers, "If-Match": b_team["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=foreign).status_code == 404
    assert world.client.get(_url(world, "teams"), headers=headers).json()["data"] == []
    b_location = f"{_url(world, 'teams', 'b')}/{b_team['id']}"
    other = world["a_admin"].headers
    assert world.client.get(b_location, headers=other).status_code in (403, 404)


def test_viewers_cannot_write(world: World) -> None:
    _person(world, 309)
    viewer = world["a_viewer"].headers
    assert world.client.post(_url(world, "teams"), json=team(), headers=viewer).status_code == 403
    made = _create(world, team())
    location = f"{_url(world, 'teams')}/{made['id']}"
    with_etag = {**viewer, "If-Match": made["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403


def test_filters(world: World) -> None:
    _person(world, 310)
    _person(world, 311, department="装配车间")
    for body in (
        team(established_on=day(-800), dissolved_on=day(-401)),
        team(name="冲压二班", established_on=day(-400)),
        team(name="装配一班", department="装配车间", established_on=day(-30)),
    ):
        _create(world, body)
    headers = world["a_editor"].headers

    def found(**params: str) -> list[str]:
        response = world.client.get(_url(world, "teams"), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(t["name"] for t in response.json()["data"])

    assert found() == ["冲压一班", "冲压二班", "装配一班"]
    assert found(department="装配车间") == ["装配一班"]
    assert found(name="冲压一班") == ["冲压一班"]
    assert found(active_on=day(-500)) == ["冲压一班"]
    assert found(active_on=day(0)) == ["冲压二班", "装配一班"]
    assert found(established_from=day(-400), established_to=day(-30)) == ["冲压二班", "装配一班"]
    for params in ({"active_on": "2026-02-30"}, {"established_from": "x"}, {"name": " "}):
        refused = world.client.get(_url(world, "teams"), params=params, headers=headers)
        assert refused.status_code == 422, params
        assert refused.headers["content-type"] == "application/problem+json"


def test_import_with_chinese_headers(world: World) -> None:
    _person(world, 312)
    headers = world["a_editor"].headers
    content = (
        "班组名称,所属部门,成立日期,撤销日期,备注\n"
        f"冲压一班,冲压车间,{day(-300)},,\n"
        f"综合班,,{day(-200)},{day(-20)},已并入冲压一班\n"
    ).encode()

    def upload(body: bytes) -> dict[str, Any]:
        uploaded = world.client.post(
            f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
            files={"file": ("teams.csv", body)},
            data={"kind": "teams"},
            headers=headers,
        )
        assert uploaded.status_code == 202, uploaded.text
        return dict(world.client.get(uploaded.headers["location"], headers=headers).json())

    result = upload(content)
    assert result["status"] == "succeeded", result["errors"]
    listed = world.client.get(_url(world, "teams"), headers=headers).json()["data"]
    assert sorted((t["name"], t["department"], t["dissolved_on"]) for t in listed) == [
        ("冲压一班", "冲压车间", None),
        ("综合班", None, day(-20)),
    ]
    # A department nobody in the enterprise is recorded in: the row names the column.
    wrong = upload((f"班组名称,所属部门,成立日期\n喷涂一班,喷涂车间,{day(-100)}\n").encode())
    assert wrong["status"] == "invalid"
    assert [(e["row"], e["column"], e["code"]) for e in wrong["errors"]] == [
        (2, "department", "invalid_record")
    ]

    # The import layout of the export has the same headers, and reads back.
    exported = world.client.get(
        f"{_url(world, 'teams')}/export", params={"layout": "import"}, headers=headers
    )
    assert exported.status_code == 200, exported.text
    header = exported.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert {"班组名称", "所属部门", "成立日期", "撤销日期", "备注"} <= set(header), header
    assert exported.headers["Anxin-Reimportable"] == "true"
