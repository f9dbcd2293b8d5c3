"""Monthly statistics of hidden-danger work (河南省安全生产条例 art. 24 para 4): analysed,
reported to the regulator and told to the staff; one per month."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.core import clock
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def month(offset: int) -> str:
    """The month `offset` months from the current one, as YYYY-MM."""
    index = clock.today().year * 12 + clock.today().month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def first_day(offset: int) -> date:
    return date.fromisoformat(f"{month(offset)}-01")


def _base(world: World, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/hidden-danger-statistics"


def statistics(**overrides: Any) -> dict[str, Any]:
    analysed = first_day(0)
    return {
        "month": month(-1),
        "analysed_on": analysed.isoformat(),
        "found_count": 12,
        "fixed_count": 10,
        "overdue_count": 1,
        "reported_to_regulator_on": day(0),
        "told_to_staff_on": None,
        "summary": "排查一般隐患12项，整改10项，逾期1项（已督办）。",
        **overrides,
    }


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_life_cycle_and_one_per_month(world: World) -> None:
    headers = world["a_editor"].headers
    created = world.client.post(_base(world), json=statistics(), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("hds_")
    assert (body["month"], body["found_count"], body["told_to_staff_on"]) == (month(-1), 12, None)
    location = created.headers["location"]
    assert world.client.get(location, headers=world["a_viewer"].headers).json() == body

    told = world.client.patch(
        location,
        json={"told_to_staff_on": day(0), "notes": "已在班前会通报"},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert told.status_code == 200, told.text
    assert told.json()["told_to_staff_on"] == day(0)

    duplicate = world.client.post(_base(world), json=statistics(), headers=headers)
    assert duplicate.status_code == 409
    assert duplicate.headers["content-type"] == "application/problem+json"
    assert duplicate.json()["code"] == "statistics_month_taken"
    other = world.client.post(
        _base(world),
        json=statistics(month=month(-2), analysed_on=first_day(-1).isoformat()),
        headers=headers,
    )
    assert other.status_code == 201, other.text
    moved = world.client.patch(
        other.headers["location"],
        json={"month": month(-1)},
        headers={**headers, "If-Match": other.headers["etag"]},
    )
    assert moved.status_code == 409
    assert moved.json()["code"] == "statistics_month_taken"

    deleted = world.client.delete(location, headers={**headers, "If-Match": told.headers["etag"]})
    assert deleted.status_code == 204
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert [e["data"]["told_to_staff_on"] for e in history] == [None, day(0), day(0)]
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": body["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    assert sorted(e["action"] for e in events) == [
        "hidden_danger_statistics.create",
        "hidden_danger_statistics.delete",
        "hidden_danger_statistics.update",
    ]
    # The month is free again once its statistics are deleted.
    assert world.client.post(_base(world), json=statistics(), headers=headers).status_code == 201


def test_each_enterprise_has_its_own_months(world: World) -> None:
    for enterprise, editor in (("enterprise_a", "a_editor"), ("enterprise_b", "b_editor")):
        created = world.client.post(
            _base(world, enterprise), json=statistics(), headers=world[editor].headers
        )
        assert created.status_code == 201, created.text


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    for offset in (-13, -2, -1):
        body = statistics(month=month(offset), analysed_on=first_day(offset + 1).isoformat())
        assert world.client.post(_base(world), json=body, headers=headers).status_code == 201

    def months(**params: str) -> list[str]:
        response = world.client.get(_base(world), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(s["month"] for s in response.json()["data"])

    assert months() == [month(-13), month(-2), month(-1)]
    assert months(month_from=month(-2)) == [month(-2), month(-1)]
    assert months(month_to=month(-2)) == [month(-13), month(-2)]
    assert months(month_from=month(-12), month_to=month(-3)) == []
    refused = world.client.get(_base(world), params={"month_from": "2026-13"}, headers=headers)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"


def test_validation(world: World) -> None:
    headers = world["a_editor"].headers
    before_month = (first_day(-1) - timedelta(days=1)).isoformat()
    cases = [
        (statistics(month="2026-13"), "body.month", "string_pattern_mismatch"),
        (statistics(month="2026-1"), "body.month", "string_pattern_mismatch"),
        (statistics(month=first_day(-1).isoformat()), "body.month", "string_pattern_mismatch"),
        (statistics(analysed_on=before_month), "body.analysed_on", "out_of_range"),
        (statistics(analysed_on=day(1)), "body.analysed_on", "in_future"),
        (statistics(found_count=-1), "body.found_count", "greater_than_equal"),
        (statistics(fixed_count=1.5), "body.fixed_count", "int_from_float"),
        (statistics(overdue_count="x"), "body.overdue_count", "int_type"),
        (statistics(found_count=None), "body.found_count", "int_type"),
        (statistics(reported_to_regulator_on=day(1)), "body.reported_to_regulator_on", "in_future"),
        (
            statistics(told_to_staff_on=(first_day(0) - timedelta(days=1)).isoformat()),
            "body.told_to_staff_on",
            "date_order",
        ),
        (statistics(summary=" "), "body.summary", "string_too_short"),
    ]
    for body, field, code in cases:
        _rejected(world.client.post(_base(world), json=body, headers=headers), field, code)
    assert world.client.get(_base(world), headers=headers).json()["data"] == []

    # The month may be analysed while it runs: from its first day.
    current = world.client.post(
        _base(world),
        json=statistics(month=month(0), analysed_on=first_day(0).isoformat()),
        headers=headers,
    )
    assert current.status_code == 201, current.text
    location = current.headers["location"]
    with_etag = {**headers, "If-Match": current.headers["etag"]}
    # A PATCH is checked against the whole record, naming the field it sent.
    before = (first_day(0) - timedelta(days=1)).isoformat()
    for change, field, code in (
        ({"month": month(1)}, "body.month", "out_of_range"),
        ({"analysed_on": before}, "body.analysed_on", "out_of_range"),
        ({"reported_to_regulator_on": before}, "body.reported_to_regulator_on", "date_order"),
        ({"summary": None}, "body.summary", "missing"),
    ):
        _rejected(world.client.patch(location, json=change, headers=with_etag), field, code)
    assert world.client.get(location, headers=headers).json()["version"] == 1


def test_import_with_chinese_headers_refuses_a_month_twice(world: World) -> None:
    headers = world["a_editor"].headers
    analysed = first_day(0).isoformat()
    header = (
        ",".join(
            ("月份", "分析日期", "排查隐患数", "整改隐患数", "逾期未整改数"),
        )
        + ",报告监管部门日期,通报从业人员日期,统计分析结论"
    )
    rows = [f"{month(-1)},{analysed},5,4,1,{analysed},{analysed},总体可控"]
    url = f"/v1/enterprises/{world.ids['enterprise_a']}/imports"

    def upload(lines: list[str]) -> dict[str, Any]:
        content = "\n".join([header, *lines, ""]).encode()
        uploaded = world.client.post(
            url,
            files={"file": ("statistics.csv", content)},
            data={"kind": "hidden-danger-statistics"},
            headers=headers,
        )
        assert uploaded.status_code == 202, uploaded.text
        return dict(world.client.get(uploaded.headers["location"], headers=headers).json())

    twice = upload(rows * 2)
    assert twice["status"] == "invalid"
    assert [(e["row"], e["code"]) for e in twice["errors"]] == [(3, "duplicate_in_file")]
    once = upload(rows)
    assert once["status"] == "succeeded", once["errors"]
    listed = world.client.get(_base(world), headers=headers).json()["data"]
    assert [(s["month"], s["overdue_count"]) for s in listed] == [(month(-1), 1)]


def test_viewers_and_other_tenants_cannot_write_or_read(world: World) -> None:
    viewer = world["a_viewer"].headers
    assert world.client.post(_base(world), json=statistics(), headers=viewer).status_code == 403
    created = world.client.post(_base(world), json=statistics(), headers=world["a_editor"].headers)
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403
    other = world["b_admin"].headers
    assert world.client.get(location, headers=other).status_code == 404
    foreign = {**other, "If-Match": created.headers["etag"]}
    assert world.client.delete(location, headers=foreign).status_code == 404
    assert world.client.get(location, headers=viewer).json()["version"] == 1
