"""Leaders' on-site shifts (带班记录; 惠政文〔2014〕53号 art. 16, 河南省安全生产条例 art. 35):
life cycle, history, validation, filters, imports with Chinese headers, tenancy, the person's
delete rule and the as-of cut."""

from __future__ import annotations

from collections import namedtuple
from datetime import date
from typing import Any

from app.compliance import as_of
from app.core.validators import resident_id_check_character
from tests.compliance.test_report import _finding, _report
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World

SHIFTS = "on-site-shifts"


def _id_number(serial: int) -> str:
    body = f"410108197804123{serial:02d}"
    return body + resident_id_check_character(body)


LEADER = _id_number(1)


def _url(world: World, path: str, enterprise: str = "a") -> str:
    return f"/v1/enterprises/{world.ids[f'enterprise_{enterprise}']}/{path}"


def _person(world: World, enterprise: str = "a", **overrides: Any) -> str:
    body = {"name": "赵振华", "id_number": LEADER, "hire_date": day(-1000), **overrides}
    created = world.client.post(
        _url(world, "people", enterprise), json=body, headers=world[f"{enterprise}_editor"].headers
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def shift(person_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "shift_on": day(-30),
        "place": "一号生产车间",
        "notes": "巡查关键环节，未发现隐患",
        **overrides,
    }


def _post(world: World, body: dict[str, Any], actor: str = "a_editor") -> Any:
    return world.client.post(_url(world, SHIFTS), json=body, headers=world[actor].headers)


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_life_cycle(world: World) -> None:
    person = _person(world)
    headers = world["a_editor"].headers
    created = _post(world, shift(person))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("oss_")
    assert (body["person_id"], body["shift_on"], body["ends_on"]) == (person, day(-30), None)
    location = created.headers["location"]
    assert world.client.get(location, headers=world["a_viewer"].headers).json() == body

    overnight = world.client.patch(
        location,
        json={"ends_on": day(-29), "place": "危化品库房"},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert overnight.status_code == 200, overnight.text
    assert (overnight.json()["ends_on"], overnight.json()["place"]) == (day(-29), "危化品库房")

    # The person is named by the shift: not deleted from under it.
    person_url = _url(world, f"people/{person}")
    etag = world.client.get(person_url, headers=headers).headers["etag"]
    refused = world.client.delete(person_url, headers={**headers, "If-Match": etag})
    assert (refused.status_code, refused.json()["code"]) == (409, "person_has_records")

    deleted = world.client.delete(
        location, headers={**headers, "If-Match": overnight.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert (history[0]["data"]["place"], history[1]["data"]["ends_on"]) == (
        "一号生产车间",
        day(-29),
    )
    assert history[2]["data"]["deleted"] is True


def test_validation(world: World) -> None:
    person = _person(world)
    other = _person(world, "b")
    cases = [
        (shift("per_01m8jz2m4x6hnvp8efz3vt17g0"), "body.person_id", "unknown_person"),
        (shift(other), "body.person_id", "unknown_person"),
        (shift(person, shift_on=day(1)), "body.shift_on", "in_future"),
        (shift(person, shift_on="2026-02-30"), "body.shift_on", "date_from_datetime_parsing"),
        (shift(person, ends_on=day(-31)), "body.ends_on", "date_order"),
        (shift(person, shift_on=day(-1001)), "body.shift_on", "before_hire_date"),
        (shift(person, place=" "), "body.place", "string_too_short"),
        (shift(person, place="车" * 201), "body.place", "string_too_long"),
        (shift(person, place=None), "body.place", "string_type"),
        (shift(person, notes=""), "body.notes", "string_too_short"),
        (shift(person, leader="张三"), "body.leader", "extra_forbidden"),
    ]
    for body, field, code in cases:
        _rejected(_post(world, body), field, code)
    missing = shift(person)
    del missing["place"]
    _rejected(_post(world, missing), "body.place", "missing")
    assert (
        world.client.get(_url(world, SHIFTS), headers=world["a_editor"].headers).json()["data"]
        == []
    )

    # Someone who left: a shift after the leave date is refused, the field that runs past it
    # named; a PATCH is checked against the whole record.
    left = _person(
        world, name="钱学军", id_number=_id_number(2), hire_date=day(-800), leave_date=day(-60)
    )
    _rejected(_post(world, shift(left)), "body.shift_on", "after_leave_date")
    over = shift(left, shift_on=day(-60), ends_on=day(-59))
    _rejected(_post(world, over), "body.ends_on", "after_leave_date")
    created = _post(world, shift(left, shift_on=day(-61), ends_on=day(-60)))
    assert created.status_code == 201, created.text
    with_etag = {**world["a_editor"].headers, "If-Match": created.headers["etag"]}
    for change, field, code in (
        ({"ends_on": day(-62)}, "body.ends_on", "date_order"),
        ({"shift_on": day(-59), "ends_on": None}, "body.shift_on", "after_leave_date"),
        ({"shift_on": None}, "body.shift_on", "missing"),
        ({"place": None}, "body.place", "missing"),
    ):
        _rejected(
            world.client.patch(created.headers["location"], json=change, headers=with_etag),
            field,
            code,
        )


def test_filters(world: World) -> None:
    first = _person(world)
    second = _person(world, name="孙立新", id_number=_id_number(3))
    for person, offset in ((first, -90), (first, -30), (second, -60), (second, -5)):
        assert _post(world, shift(person, shift_on=day(offset))).status_code == 201

    def found(**params: str) -> list[tuple[str, str]]:
        response = world.client.get(
            _url(world, SHIFTS), params=params, headers=world["a_viewer"].headers
        )
        assert response.status_code == 200, response.text
        return sorted((s["person_id"], s["shift_on"]) for s in response.json()["data"])

    assert len(found()) == 4
    assert found(person_id=first) == [(first, day(-90)), (first, day(-30))]
    assert found(shift_from=day(-60), shift_to=day(-30)) == sorted(
        [(first, day(-30)), (second, day(-60))]
    )
    assert found(person_id=second, shift_from=day(-10)) == [(second, day(-5))]
    for params in ({"shift_from": "x"}, {"shift_to": "2026-02-30"}, {"person_id": ""}):
        refused = world.client.get(
            _url(world, SHIFTS), params=params, headers=world["a_viewer"].headers
        )
        assert refused.status_code == 422, params
        assert refused.headers["content-type"].startswith("application/problem+json")


def test_import_with_chinese_headers(world: World) -> None:
    _person(world)
    editor = world["a_editor"].headers
    content = (
        "身份证号,带班日期,结束日期,带班地点,备注\n"
        f"{LEADER},{day(-40)},{day(-39)},一号生产车间,夜班带班\n"
        f"{LEADER},{day(-10)},,危化品库房,\n"
    ).encode()

    def imported(body: bytes) -> dict[str, Any]:
        uploaded = world.client.post(
            _url(world, "imports"),
            files={"file": ("shifts.csv", body)},
            data={"kind": SHIFTS},
            headers=editor,
        )
        assert uploaded.status_code == 202, uploaded.text
        return dict(world.client.get(uploaded.headers["location"], headers=editor).json())

    result = imported(content)
    assert result["status"] == "succeeded", result["errors"]
    listed = world.client.get(_url(world, SHIFTS), headers=editor).json()["data"]
    assert sorted((s["shift_on"], s["place"]) for s in listed) == [
        (day(-40), "一号生产车间"),
        (day(-10), "危化品库房"),
    ]

    # A bad row names its row and column; nothing of the file is written.
    wrong = content.replace(f",{day(-39)},".encode(), f",{day(-41)},".encode(), 1)
    result = imported(wrong)
    assert result["status"] == "invalid"
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "ends_on", "invalid_record")
    ]
    assert len(world.client.get(_url(world, SHIFTS), headers=editor).json()["data"]) == 2


def test_viewers_and_other_tenants_cannot_write_or_read(world: World) -> None:
    person = _person(world)
    viewer = world["a_viewer"].headers
    assert _post(world, shift(person), actor="a_viewer").status_code == 403
    created = _post(world, shift(person))
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403

    other = world["b_admin"].headers
    assert world.client.get(location, headers=other).status_code == 404
    assert world.client.get(f"{location}/history", headers=other).status_code == 404
    foreign = {**other, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=foreign).status_code == 404
    assert world.client.delete(location, headers=foreign).status_code == 404
    assert world.client.get(_url(world, SHIFTS), headers=other).status_code in (403, 404)
    # B's editor cannot record a shift of A's person in B either.
    in_b = world.client.post(
        _url(world, SHIFTS, "b"), json=shift(person), headers=world["b_editor"].headers
    )
    _rejected(in_b, "body.person_id", "unknown_person")
    assert world.client.get(location, headers=viewer).json()["version"] == 1


def test_as_of_a_shift_after_d_has_not_happened() -> None:
    row = namedtuple("row", "id enterprise_id person_id shift_on ends_on place notes")
    shifts = [
        row("oss_1", "ent_1", "per_1", date(2024, 4, 30), date(2024, 5, 1), "车间", None),
        row("oss_2", "ent_1", "per_1", date(2024, 5, 2), None, "车间", None),
    ]
    kept = as_of.cut("on_site_shifts", shifts, date(2024, 4, 30), {})
    # The shift begun on D is there with its stated last day; the later one is not.
    assert [(s.id, s.ends_on) for s in kept] == [("oss_1", date(2024, 5, 1))]


def test_stored_shifts_reach_the_district_and_the_province(world: World) -> None:
    """A construction firm whose principal took a shift each month of the year before
    2026-06-01 passes both layers under the duty `leaders_on_site`; a month's shift deleted
    fails both, naming the month."""
    admin = world["a_admin"].headers
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    etag = world.client.get(enterprise, headers=admin).headers["etag"]
    patched = world.client.patch(
        enterprise,
        json={"high_risk_category": "construction", "founded_on": "2015-01-01"},
        headers={**admin, "If-Match": etag},
    )
    assert patched.status_code == 200, patched.text
    principal = _person(world, hire_date="2018-01-01")
    appointed = world.client.post(
        _url(world, "leader-appointments"),
        json={"person_id": principal, "position": "principal", "took_office_on": "2020-01-01"},
        headers=world["a_editor"].headers,
    )
    assert appointed.status_code == 201, appointed.text
    locations = {}
    for month in range(6, 18):
        taken = f"{2025 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}-12"
        created = _post(world, shift(principal, shift_on=taken))
        assert created.status_code == 201, created.text
        locations[taken[:7]] = created

    report = _report(world, as_of="2026-06-01")
    duty = next(d for d in report["duties"] if d["key"] == "leaders_on_site")
    assert duty["rules"] == ["HN2019-35.1", "HJ2014-16.1"]
    assert duty["status"] == "pass"
    for rule_id in duty["rules"]:
        assert _finding(report, rule_id)["status"] == "pass"

    march = locations["2026-03"]
    deleted = world.client.delete(
        march.headers["location"],
        headers={**world["a_editor"].headers, "If-Match": march.headers["etag"]},
    )
    assert deleted.status_code == 204
    report = _report(world, as_of="2026-06-01")
    district, province = _finding(report, "HJ2014-16.1"), _finding(report, "HN2019-35.1")
    assert (district["status"], province["status"]) == ("fail", "fail")
    assert "2026-03" in district["message"]
    assert "2026-03" in province["message"]
