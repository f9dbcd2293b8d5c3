"""Training sessions and attendances: life cycle, class hours, references, duplicates,
filters, and the sessions that cannot go while attended."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.validators import resident_id_check_character
from tests.support.world import World

SESSIONS = "training-sessions"
ATTENDANCES = "training-attendances"
UNKNOWN_SESSION = "trn_00000000000000000000000000"
UNKNOWN_PERSON = "per_00000000000000000000000000"


def _url(world: World, path: str, enterprise: str = "a") -> str:
    return f"/v1/enterprises/{world.ids[f'enterprise_{enterprise}']}/{path}"


def _post(world: World, path: str, body: dict[str, Any], enterprise: str = "a") -> Any:
    headers = world[f"{enterprise}_editor"].headers
    return world.client.post(_url(world, path, enterprise), json=body, headers=headers)


def _person(
    world: World, body17: str = "41010819900307451", enterprise: str = "a", **overrides: Any
) -> str:
    body = {
        "name": "王建国",
        "id_number": body17 + resident_id_check_character(body17),
        "hire_date": "2021-03-01",
        **overrides,
    }
    created = _post(world, "people", body, enterprise)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def session(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "annual",
        "title": "2025年度全员安全生产再培训",
        "provider": "郑州市安全生产培训中心",
        "started_on": "2025-03-10",
        "ended_on": "2025-03-11",
        "hours": 16,
        **overrides,
    }


def attendance(session_id: str, person_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "person_id": person_id,
        "hours": 16,
        "passed": True,
        **overrides,
    }


def _session_id(world: World, enterprise: str = "a", **overrides: Any) -> str:
    created = _post(world, SESSIONS, session(**overrides), enterprise)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _rejected(response: Any, field: str, code: str | None = None) -> None:
    assert response.status_code == 422, (field, response.text)
    error = response.json()["errors"][0]
    assert error["field"] == field, response.text
    if code is not None:
        assert error["code"] == code, response.text


def _life_cycle(world: World, path: str, body: dict[str, Any], change: dict[str, Any]) -> None:
    """Create, read, list, update with If-Match, delete and history of one kind."""
    headers = world["a_editor"].headers
    created = world.client.post(_url(world, path), json=body, headers=headers)
    assert created.status_code == 201, created.text
    location, etag = created.headers["location"], created.headers["etag"]
    assert location == f"{_url(world, path)}/{created.json()['id']}"
    fetched = world.client.get(location, headers=world["a_viewer"].headers)
    assert fetched.json() == created.json()
    assert fetched.headers["etag"] == etag
    listed = world.client.get(_url(world, path), headers=world["a_viewer"].headers).json()
    assert [r["id"] for r in listed["data"]] == [created.json()["id"]]

    assert world.client.patch(location, json=change, headers=headers).status_code == 428
    changed = world.client.patch(location, json=change, headers={**headers, "If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == 2
    for name, value in change.items():
        assert changed.json()[name] == value
    stale = world.client.patch(location, json=change, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": changed.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    assert world.client.get(_url(world, path), headers=headers).json()["data"] == []
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [entry["action"] for entry in history] == ["create", "update", "delete"]
    for name, value in change.items():
        assert history[1]["data"][name] == value
    assert history[2]["data"]["deleted"] is True
    resource_type = path.rstrip("s").replace("-", "_")
    events = world.client.get(
        "/v1/audit-events",
        params={"resource_id": created.json()["id"]},
        headers=world["a_admin"].headers,
    ).json()["data"]
    assert [e["action"] for e in events] == [
        f"{resource_type}.{action}" for action in ("create", "update", "delete")
    ]


# Sessions ------------------------------------------------------------------------------------


def test_session_life_cycle(world: World) -> None:
    _life_cycle(world, SESSIONS, session(), {"hours": 12, "title": "年度再培训（补）"})


def test_session_hours_are_numbers_and_the_end_defaults_to_the_start(world: World) -> None:
    created = _post(world, SESSIONS, session(ended_on=None, hours=7.5))
    assert created.status_code == 201, created.text
    assert '"hours":7.5' in created.text, "a JSON number, not a string"
    assert created.json()["ended_on"] == "2025-03-10"
    whole = _post(world, SESSIONS, session(hours="8"))
    assert whole.json()["hours"] == 8.0
    assert isinstance(whole.json()["hours"], float)


def test_a_session_records_its_place(world: World) -> None:
    """Henan art. 16: the training file shows time, place (地点), content, participants and
    result. The place is optional (the seed and national law do not ask for it), kept in
    history, changed by PATCH and emptied with null, and in the import's columns as 地点."""
    headers = world["a_editor"].headers
    without = _post(world, SESSIONS, session())
    assert without.status_code == 201, without.text
    assert without.json()["place"] is None
    created = _post(world, SESSIONS, session(place="  厂区二楼安全培训室 "))
    assert created.status_code == 201, created.text
    assert created.json()["place"] == "厂区二楼安全培训室"
    _rejected(_post(world, SESSIONS, session(place=" ")), "body.place", "string_too_short")
    _rejected(_post(world, SESSIONS, session(place="室" * 201)), "body.place", "string_too_long")

    location = created.headers["location"]
    moved = world.client.patch(
        location,
        json={"place": "郑州市安全生产培训中心"},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert moved.status_code == 200, moved.text
    emptied = world.client.patch(
        location, json={"place": None}, headers={**headers, "If-Match": moved.headers["etag"]}
    )
    assert emptied.status_code == 200, emptied.text
    assert emptied.json()["place"] is None
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [entry["data"]["place"] for entry in history] == [
        "厂区二楼安全培训室",
        "郑州市安全生产培训中心",
        None,
    ]

    exported = world.client.get(
        f"{_url(world, SESSIONS)}/export", params={"layout": "import"}, headers=headers
    )
    header = exported.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[header.index("培训机构") + 1] == "地点"
    content = (
        "培训类别,培训名称,地点,开始日期,学时\n"
        "annual,2025年度再培训,本单位安全培训室,2025-04-01,8\n"
    ).encode()
    english = b"kind,title,place,started_on,hours\nannual,x,Room 2,2025-04-02,8\n"
    for body in (content, english):
        uploaded = world.client.post(
            _url(world, "imports"),
            files={"file": ("sessions.csv", body)},
            data={"kind": SESSIONS},
            headers=headers,
        )
        result = world.client.get(uploaded.headers["location"], headers=headers).json()
        assert result["status"] == "succeeded", result["errors"]
    listed = world.client.get(
        _url(world, SESSIONS), params={"started_from": "2025-04-01"}, headers=headers
    ).json()["data"]
    assert [s["place"] for s in listed] == ["本单位安全培训室", "Room 2"]


def test_session_validation_names_the_field(world: World) -> None:
    cases = [
        (session(ended_on="2025-03-09"), "body.ended_on", "date_order"),
        (session(hours=0), "body.hours", None),
        (session(hours=-2), "body.hours", None),
        (session(hours=7.25), "body.hours", None),
        (session(ended_on=None, hours=24.5), "body.hours", "too_many_hours"),
        (session(hours=48.1), "body.hours", "too_many_hours"),
        (session(kind="monthly"), "body.kind", None),
        (session(title=" "), "body.title", None),
        (session(started_on="2025-02-30"), "body.started_on", None),
    ]
    for body, field, code in cases:
        _rejected(_post(world, SESSIONS, body), field, code)
    headers = world["a_editor"].headers
    assert world.client.get(_url(world, SESSIONS), headers=headers).json()["data"] == []
    assert _post(world, SESSIONS, session(hours=48)).status_code == 201, "24 a day for 2 days"


def test_session_patch_is_checked_as_a_whole(world: World) -> None:
    created = _post(world, SESSIONS, session(hours=30))
    location = created.headers["location"]
    headers = {**world["a_editor"].headers, "If-Match": created.headers["etag"]}
    _rejected(
        world.client.patch(location, json={"ended_on": "2025-03-10"}, headers=headers),
        "body.ended_on",
        "too_many_hours",
    )
    _rejected(
        world.client.patch(location, json={"ended_on": None}, headers=headers),
        "body.ended_on",
        "missing",
    )
    _rejected(
        world.client.patch(location, json={"started_on": "2025-03-12"}, headers=headers),
        "body.started_on",
        "date_order",
    )


def test_session_filters(world: World) -> None:
    headers = world["a_editor"].headers
    _session_id(world)
    _session_id(
        world,
        kind="company_level",
        title="新员工厂级安全教育",
        started_on="2025-06-02",
        ended_on="2025-06-03",
    )
    _session_id(
        world,
        kind="team_level",
        title="班组级安全教育",
        started_on="2025-06-05",
        ended_on=None,
        hours=8,
    )

    def titles(**params: str) -> list[str]:
        response = world.client.get(_url(world, SESSIONS), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(s["title"] for s in response.json()["data"])

    assert titles(kind="company_level") == ["新员工厂级安全教育"]
    assert titles(started_from="2025-06-02") == ["新员工厂级安全教育", "班组级安全教育"]
    assert titles(started_to="2025-06-02") == ["2025年度全员安全生产再培训", "新员工厂级安全教育"]
    assert titles(started_from="2025-06-03", started_to="2025-06-05") == ["班组级安全教育"]
    _rejected(
        world.client.get(_url(world, SESSIONS), params={"kind": "monthly"}, headers=headers),
        "query.kind",
    )


def test_an_attended_session_cannot_be_deleted(world: World) -> None:
    headers = world["a_editor"].headers
    created = _post(world, SESSIONS, session())
    location, etag = created.headers["location"], created.headers["etag"]
    attended = _post(world, ATTENDANCES, attendance(created.json()["id"], _person(world)))
    assert attended.status_code == 201, attended.text

    refused = world.client.delete(location, headers={**headers, "If-Match": etag})
    assert refused.status_code == 409
    assert refused.json()["code"] == "session_has_attendances"
    assert "1 attendance" in refused.json()["detail"]
    still = world.client.get(location, headers=headers)
    assert still.status_code == 200
    assert still.json()["version"] == 1
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [entry["action"] for entry in history] == ["create"]

    removed = world.client.delete(
        attended.headers["location"], headers={**headers, "If-Match": attended.headers["etag"]}
    )
    assert removed.status_code == 204
    assert world.client.delete(location, headers={**headers, "If-Match": etag}).status_code == 204


def test_session_changes_must_keep_its_attendances_valid(world: World) -> None:
    trn = _session_id(world)
    late = _person(world, "41010819851112002", name="李秀英", hire_date="2025-03-11")
    leaving = _person(world, "41010819921201003", name="赵磊", leave_date="2025-03-10")
    for person in (late, leaving):
        assert _post(world, ATTENDANCES, attendance(trn, person)).status_code == 201
    location = f"{_url(world, SESSIONS)}/{trn}"
    headers = world["a_editor"].headers
    with_etag = {**headers, "If-Match": world.client.get(location, headers=headers).headers["etag"]}
    _rejected(
        world.client.patch(location, json={"hours": 12}, headers=with_etag),
        "body.hours",
        "below_attendance_hours",
    )
    _rejected(
        world.client.patch(location, json={"ended_on": "2025-03-10"}, headers=with_etag),
        "body.ended_on",
        "attendee_not_in_service",
    )
    _rejected(
        world.client.patch(location, json={"started_on": "2025-03-11"}, headers=with_etag),
        "body.started_on",
        "attendee_not_in_service",
    )
    moved = world.client.patch(location, json={"title": "改名", "hours": 16.0}, headers=with_etag)
    assert moved.status_code == 200, moved.text


# Attendances ---------------------------------------------------------------------------------


def test_attendance_life_cycle(world: World) -> None:
    body = attendance(_session_id(world), _person(world))
    _life_cycle(world, ATTENDANCES, body, {"hours": 8, "passed": False})


def test_attendance_hours_default_to_the_sessions(world: World) -> None:
    created = _post(world, ATTENDANCES, attendance(_session_id(world), _person(world), hours=None))
    assert created.status_code == 201, created.text
    assert created.json()["hours"] == 16.0
    assert '"hours":16.0' in created.text


def test_attendance_validation_names_the_field(world: World) -> None:
    headers = world["a_editor"].headers
    trn = _session_id(world)
    wang = _person(world)
    gone = _post(world, SESSIONS, session(title="已删除"))
    world.client.delete(
        gone.headers["location"], headers={**headers, "If-Match": gone.headers["etag"]}
    )
    cases = [
        (attendance(trn, wang, hours=16.5), "body.hours", "exceeds_session_hours"),
        (attendance(trn, wang, hours=0), "body.hours", None),
        (attendance(trn, wang, passed=None), "body.passed", None),
        (attendance(UNKNOWN_SESSION, wang), "body.session_id", "unknown_session"),
        (attendance(gone.json()["id"], wang), "body.session_id", "unknown_session"),
        (attendance(_session_id(world, "b"), wang), "body.session_id", "unknown_session"),
        (attendance(trn, UNKNOWN_PERSON), "body.person_id", "unknown_person"),
        (attendance(trn, _person(world, enterprise="b")), "body.person_id", "unknown_person"),
        (
            attendance(trn, _person(world, "41010819851112002", hire_date="2025-03-12")),
            "body.person_id",
            "not_in_service",
        ),
        (
            attendance(trn, _person(world, "41010819921201003", leave_date="2025-03-09")),
            "body.person_id",
            "not_in_service",
        ),
    ]
    for body, field, code in cases:
        _rejected(_post(world, ATTENDANCES, body), field, code)
    assert world.client.get(_url(world, ATTENDANCES), headers=headers).json()["data"] == []

    hired_on_last_day = _person(world, "41010819880512004", hire_date="2025-03-11")
    left_on_first_day = _person(world, "41010819870923005", leave_date="2025-03-10")
    for person in (hired_on_last_day, left_on_first_day):
        assert _post(world, ATTENDANCES, attendance(trn, person)).status_code == 201


def test_attendance_patch_is_checked_as_a_whole(world: World) -> None:
    headers = world["a_editor"].headers
    trn = _session_id(world)
    short = _session_id(world, title="短训", started_on="2021-01-04", ended_on=None, hours=4)
    created = _post(world, ATTENDANCES, attendance(trn, _person(world)))
    location = created.headers["location"]
    with_etag = {**headers, "If-Match": created.headers["etag"]}
    # Another session: its hours are fewer than recorded, and it ended before the hire.
    _rejected(
        world.client.patch(location, json={"session_id": short}, headers=with_etag),
        "body.session_id",
        "exceeds_session_hours",
    )
    _rejected(
        world.client.patch(location, json={"session_id": short, "hours": 4}, headers=with_etag),
        "body.session_id",
        "not_in_service",
    )
    _rejected(
        world.client.patch(location, json={"passed": None}, headers=with_etag),
        "body.passed",
        "missing",
    )
    _rejected(
        world.client.patch(location, json={"hours": 20}, headers=with_etag),
        "body.hours",
        "exceeds_session_hours",
    )
    assert world.client.get(location, headers=headers).json()["version"] == 1


def test_one_attendance_per_person_and_session(world: World) -> None:
    headers = world["a_editor"].headers
    trn = _session_id(world)
    wang = _person(world)
    li = _person(world, "41010819851112002", name="李秀英")
    first = _post(world, ATTENDANCES, attendance(trn, wang))
    assert first.status_code == 201
    again = _post(world, ATTENDANCES, attendance(trn, wang, hours=8, passed=False))
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate_attendance"
    other = _post(world, ATTENDANCES, attendance(trn, li))
    moved = world.client.patch(
        other.headers["location"],
        json={"person_id": wang},
        headers={**headers, "If-Match": other.headers["etag"]},
    )
    assert moved.status_code == 409
    world.client.delete(
        first.headers["location"], headers={**headers, "If-Match": first.headers["etag"]}
    )
    assert _post(world, ATTENDANCES, attendance(trn, wang)).status_code == 201


def test_attendance_filters(world: World) -> None:
    headers = world["a_editor"].headers
    annual = _session_id(world)
    company = _session_id(
        world, kind="company_level", title="厂级", started_on="2025-06-02", ended_on=None, hours=8
    )
    wang = _person(world)
    li = _person(world, "41010819851112002", name="李秀英")
    _post(world, ATTENDANCES, attendance(annual, wang))
    _post(world, ATTENDANCES, attendance(annual, li, hours=12, passed=False))
    _post(world, ATTENDANCES, attendance(company, li, hours=8))

    def found(**params: str) -> list[tuple[str, str]]:
        response = world.client.get(_url(world, ATTENDANCES), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted((a["session_id"], a["person_id"]) for a in response.json()["data"])

    assert found(session_id=annual) == sorted([(annual, wang), (annual, li)])
    assert found(person_id=li) == sorted([(annual, li), (company, li)])
    assert found(passed="false") == [(annual, li)]
    assert found(passed="true") == sorted([(annual, wang), (company, li)])
    assert found(kind="company_level") == [(company, li)]
    assert found(kind="annual", person_id=li) == [(annual, li)]
    assert found(kind="special") == []


# Who may write -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SESSIONS, ATTENDANCES])
def test_viewers_cannot_write(world: World, path: str) -> None:
    body = session() if path == SESSIONS else attendance(_session_id(world), _person(world))
    viewer = world["a_viewer"].headers
    assert world.client.post(_url(world, path), json=body, headers=viewer).status_code == 403
    created = _post(world, path, body)
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"hours": 1}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403
    assert world.client.get(location, headers=viewer).json()["version"] == 1
