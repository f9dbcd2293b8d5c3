"""Hidden dangers: the five fields, the lifecycle, the report and the regulator's views."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from app.core import clock
from app.core.validators import resident_id_check_character
from tests.support.world import World


@pytest.fixture
def today(world: World) -> Iterator[date]:
    """Stop the clock at the real "now", after the world is built: its tokens stay valid."""
    now = datetime.now(UTC).replace(microsecond=0)
    with clock.use_clock(clock.FixedClock(now)):
        yield clock.today()


def day(offset: int) -> str:
    return (clock.today() + timedelta(days=offset)).isoformat()


def _person(world: World, enterprise: str, body17: str, admin: str) -> str:
    response = world.client.post(
        f"/v1/enterprises/{world.ids[enterprise]}/people",
        json={
            "name": "责任人",
            "id_number": body17 + resident_id_check_character(body17),
            "hire_date": "2020-01-01",
        },
        headers=world[admin].headers,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _danger(world: World, **fields: Any) -> dict[str, Any]:
    body = {"found_on": day(-2), "description": "配电箱门缺失", "level": "major", **fields}
    response = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/hidden-dangers",
        json=body,
        headers=world["a_editor"].headers,
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def _act(world: World, danger_id: str, action: str, body: dict[str, Any] | None = None) -> Any:
    return world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/hidden-dangers/{danger_id}/{action}",
        json=body or {},
        headers=world["a_editor"].headers,
    )


def test_lifecycle_with_the_five_fields_and_a_different_verifier(world: World, today: date) -> None:
    responsible = _person(world, "enterprise_a", "41010819800101001", "a_admin")
    checker = _person(world, "enterprise_a", "41010819810202002", "a_admin")
    danger = _danger(world, measures="更换箱门", responsible_person_id=responsible)
    assert danger["status"] == "open"
    assert danger["missing_fields"] == ["funds", "deadline", "contingency_plan"]

    refused = _act(world, danger["id"], "start")
    assert refused.status_code == 409
    assert refused.json()["code"] == "five_fields_missing"

    url = f"/v1/enterprises/{world.ids['enterprise_a']}/hidden-dangers/{danger['id']}"
    etag = world.client.get(url, headers=world["a_editor"].headers).headers["etag"]
    filled = world.client.patch(
        url,
        json={"funds": "800.00", "deadline": day(5), "contingency_plan": "设围挡"},
        headers={**world["a_editor"].headers, "If-Match": etag},
    )
    assert filled.json()["missing_fields"] == []
    assert _act(world, danger["id"], "start").json()["status"] == "fixing"
    assert _act(world, danger["id"], "verify", {"verifier_person_id": checker}).status_code == 409
    assert _act(world, danger["id"], "fix", {"fixed_on": day(-1)}).json()["status"] == "fixed"
    same = _act(world, danger["id"], "verify", {"verifier_person_id": responsible})
    assert same.status_code == 422
    assert same.json()["errors"][0]["code"] == "verifier_is_responsible"
    both = _act(
        world,
        danger["id"],
        "verify",
        {"verifier_person_id": checker, "external_verifier": "某安全公司 张工"},
    )
    assert both.status_code == 422
    verified = _act(world, danger["id"], "verify", {"verifier_person_id": checker})
    assert verified.status_code == 200
    assert verified.json()["status"] == "verified"
    assert verified.json()["verified_on"] == today.isoformat()

    closed = world.client.patch(
        url,
        json={"description": "改"},
        headers={**world["a_editor"].headers, "If-Match": verified.headers["etag"]},
    )
    assert closed.status_code == 422
    history = world.client.get(f"{url}/history", headers=world["a_viewer"].headers).json()
    assert [e["action"] for e in history["data"]] == [
        "create",
        "update",
        "start",
        "fix",
        "verify",
    ]


def test_dates_and_references_are_checked(world: World, today: date) -> None:
    b_person = _person(world, "enterprise_b", "41010819800101001", "b_admin")
    base = f"/v1/enterprises/{world.ids['enterprise_a']}/hidden-dangers"
    cases = [
        ({"found_on": day(1)}, "body.found_on"),
        ({"deadline": day(-30)}, "body.deadline"),
        ({"responsible_person_id": b_person}, "body.responsible_person_id"),
        ({"funds": "-1"}, "body.funds"),
        ({"level": "catastrophic"}, "body.level"),
    ]
    for fields, field in cases:
        body = {"found_on": day(-2), "description": "x", "level": "general", **fields}
        response = world.client.post(base, json=body, headers=world["a_editor"].headers)
        assert response.status_code == 422, (field, response.text)
        assert response.json()["errors"][0]["field"] == field


def test_report_is_explicit_once_and_for_major_ones(world: World, today: date) -> None:
    general = _danger(world, level="general")
    assert _act(world, general["id"], "report").json()["code"] == "not_major"
    major = _danger(world)
    reported = _act(world, major["id"], "report")
    assert reported.status_code == 200
    assert reported.json()["reported_at"].startswith(clock.now().strftime("%Y-%m-%dT%H:%M:%S"))
    assert _act(world, major["id"], "report").json()["code"] == "already_reported"


def test_regulators_see_major_dangers_of_their_region_only(world: World, today: date) -> None:
    major = _danger(world)
    _danger(world, level="general")
    district = world.client.get(
        "/v1/hidden-dangers", params={"level": "major"}, headers=world["district_admin"].headers
    ).json()["data"]
    assert [d["id"] for d in district] == [major["id"]]
    # An item leads to its enterprise, and from there to the danger itself.
    assert district[0]["enterprise_id"] == world.ids["enterprise_a"]
    assert district[0]["enterprise_name"] == "郑州甲机械有限公司"
    followed = world.client.get(
        f"/v1/enterprises/{district[0]['enterprise_id']}/hidden-dangers/{major['id']}",
        headers=world["district_admin"].headers,
    )
    assert followed.status_code == 200, followed.text
    assert followed.json()["description"] == major["description"]
    town = world.client.get("/v1/hidden-dangers", headers=world["town_admin"].headers).json()
    assert town["data"] == []
    bank = world.client.get("/v1/hidden-dangers", headers=world["bank_admin"].headers).json()
    assert bank["data"] == []


def test_weekly_report_csv(world: World, today: date) -> None:
    responsible = _person(world, "enterprise_a", "41010819800101001", "a_admin")
    _danger(
        world,
        found_on=today.isoformat(),
        responsible_person_id=responsible,
        description="罐区静电接地失效",
    )
    _danger(world, found_on=today.isoformat(), level="general", description="通道堆物")
    response = world.client.get(
        "/v1/hidden-dangers/weekly-report",
        params={"week_of": today.isoformat()},
        headers=world["district_admin"].headers,
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    monday = today - timedelta(days=today.weekday())
    assert f"major-hidden-dangers-{monday}.csv" in response.headers["content-disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "企业名称 enterprise"
    assert len(rows) == 2
    assert rows[1][0] == "郑州甲机械有限公司"
    assert rows[1][5] == "罐区静电接地失效"
    assert rows[1][9] == "责任人"


def test_exports_defuse_text_that_spreadsheets_would_run(world: World) -> None:
    import csv
    import io

    base = f"/v1/enterprises/{world.ids['enterprise_a']}/hidden-dangers"
    formula = '=HYPERLINK("https://evil.example","点击")'
    created = world.client.post(
        base,
        json={"found_on": "2026-05-01", "description": formula, "level": "general"},
        headers=world["a_editor"].headers,
    )
    assert created.status_code == 201, created.text
    exported = world.client.get(f"{base}/export", headers=world["a_editor"].headers)
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0]["description"] == "'" + formula
    # The API itself keeps the text as written.
    assert (
        world.client.get(created.headers["location"], headers=world["a_editor"].headers).json()[
            "description"
        ]
        == formula
    )


def test_fix_takes_no_body_or_an_empty_one(world: World, today: date) -> None:
    """Everything in the fix's body is optional, so the body itself is: none, or `{}`."""
    responsible = _person(world, "enterprise_a", "41010819800101001", "a_admin")
    five = {
        "measures": "更换箱门",
        "responsible_person_id": responsible,
        "funds": "800.00",
        "deadline": day(5),
        "contingency_plan": "设围挡",
    }
    base = f"/v1/enterprises/{world.ids['enterprise_a']}/hidden-dangers"
    for send in ({}, {"json": {}}):
        danger = _danger(world, **five)
        assert _act(world, danger["id"], "start").json()["status"] == "fixing"
        fixed = world.client.post(
            f"{base}/{danger['id']}/fix", headers=world["a_editor"].headers, **send
        )
        assert fixed.status_code == 200, (send, fixed.text)
        assert fixed.json()["status"] == "fixed"
        assert fixed.json()["fixed_on"] == today.isoformat()
    # A body that is there is still checked.
    danger = _danger(world, **five)
    _act(world, danger["id"], "start")
    wrong = world.client.post(
        f"{base}/{danger['id']}/fix", json={"fixed_on": "soon"}, headers=world["a_editor"].headers
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "body.fixed_on"


def test_the_list_filters_by_the_day_found_both_bounds_inclusive(world: World, today: date) -> None:
    early, middle, late = (_danger(world, found_on=day(offset))["id"] for offset in (-9, -5, -1))
    url = f"/v1/enterprises/{world.ids['enterprise_a']}/hidden-dangers"
    response = world.client.get(
        url,
        params={"found_from": day(-9), "found_to": day(-5), "limit": 500},
        headers=world["a_editor"].headers,
    )
    assert response.status_code == 200, response.text
    found = {d["id"] for d in response.json()["data"]}
    assert {early, middle} <= found
    assert late not in found
    assert all(day(-9) <= d["found_on"] <= day(-5) for d in response.json()["data"])
