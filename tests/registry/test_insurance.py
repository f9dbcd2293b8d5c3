"""Insurance policies (安全生产法 art. 51): work-injury enrolments and liability policies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.compliance.facts import load_facts
from app.core import clock
from app.enterprises.models import Enterprise
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def _base(world: World, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/insurance-policies"


def liability(**overrides: Any) -> dict[str, Any]:
    return {
        "policy_type": "safety_liability",
        "insurer": "中国人民财产保险股份有限公司郑州市分公司",
        "policy_number": "PZBJ2026000123",
        "valid_from": day(-100),
        "valid_to": day(264),
        "insured_headcount": 86,
        "cover_per_person_yuan": 400000,
        "covers_temporary_and_dispatched": True,
        **overrides,
    }


def work_injury(**overrides: Any) -> dict[str, Any]:
    return {
        "policy_type": "work_injury",
        "insurer": "郑州市社会保险中心",
        "policy_number": "GS4101080001",
        "valid_from": day(-700),
        "insured_headcount": 80,
        "covers_temporary_and_dispatched": False,
        **overrides,
    }


def _post(world: World, body: dict[str, Any], actor: str = "a_editor") -> Any:
    return world.client.post(_base(world), json=body, headers=world[actor].headers)


def test_life_cycle_and_history(world: World) -> None:
    headers = world["a_editor"].headers
    created = _post(world, liability(policy_number=" pzbj2026000123 "))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("ins_")
    assert body["policy_number"] == "PZBJ2026000123", "trimmed and upper-cased"
    assert body["in_force"] is True
    assert body["cancelled_on"] is None
    location = created.headers["location"]
    assert location == f"{_base(world)}/{body['id']}"
    fetched = world.client.get(location, headers=world["a_viewer"].headers)
    assert fetched.json() == body

    # Cancelled from today: today is the first day not covered.
    cancelled = world.client.patch(
        location,
        json={"cancelled_on": day(0), "notes": "企业退保"},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["in_force"] is False
    deleted = world.client.delete(
        location, headers={**headers, "If-Match": cancelled.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404

    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert history[0]["data"]["cancelled_on"] is None
    assert history[0]["data"]["cover_per_person_yuan"] == 400000
    assert history[1]["data"]["cancelled_on"] == day(0)
    assert history[2]["data"]["deleted"] is True
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": body["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    assert sorted(e["action"] for e in events) == [
        "insurance_policy.create",
        "insurance_policy.delete",
        "insurance_policy.update",
    ]


def test_a_work_injury_enrolment_may_be_open_ended(world: World) -> None:
    created = _post(world, work_injury())
    assert created.status_code == 201, created.text
    assert created.json()["valid_to"] is None
    assert created.json()["cover_per_person_yuan"] is None
    assert created.json()["in_force"] is True


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        (lambda: liability(valid_to=day(-101)), "body.valid_to", "date_order"),
        (lambda: liability(valid_to=None), "body.valid_to", "missing"),
        (lambda: liability(cover_per_person_yuan=None), "body.cover_per_person_yuan", "missing"),
        (lambda: liability(cover_per_person_yuan=0), "body.cover_per_person_yuan", "greater_than"),
        (
            lambda: liability(cover_per_person_yuan=400000.5),
            "body.cover_per_person_yuan",
            "int_from_float",
        ),
        (
            lambda: liability(cover_per_person_yuan="400000"),
            "body.cover_per_person_yuan",
            "int_type",
        ),
        (lambda: liability(insured_headcount=0), "body.insured_headcount", "greater_than_equal"),
        (
            lambda: liability(covers_temporary_and_dispatched="yes"),
            "body.covers_temporary_and_dispatched",
            "bool_type",
        ),
        (lambda: liability(policy_type="fire"), "body.policy_type", "enum"),
        (lambda: liability(insurer="  "), "body.insurer", "string_too_short"),
        (lambda: liability(cancelled_on=day(-101)), "body.cancelled_on", "date_order"),
        (lambda: liability(cancelled_on=day(265)), "body.cancelled_on", "date_order"),
        (lambda: work_injury(cancelled_on=day(-701)), "body.cancelled_on", "date_order"),
        (lambda: liability(valid_from="2026/01/01"), "body.valid_from", "date_format"),
        (lambda: liability(valid_to=day(20 * 365)), "body.valid_to", "date_too_far_ahead"),
        (lambda: liability(premium=1200), "body.premium", "extra_forbidden"),
    ],
)
def test_invalid_input_is_a_problem_naming_the_field(
    world: World, body: Callable[[], dict[str, Any]], field: str, code: str
) -> None:
    """(Dates are computed in the test, on the clock it stands still.)"""
    response = _post(world, body())
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field, response.text
    assert response.json()["errors"][0]["code"] == code
    assert world.client.get(_base(world), headers=world["a_editor"].headers).json()["data"] == []


def test_a_patch_is_checked_against_the_whole_record(world: World) -> None:
    created = _post(world, work_injury())
    assert created.status_code == 201, created.text

    def patch(body: dict[str, Any]) -> Any:
        return world.client.patch(
            created.headers["location"],
            json=body,
            headers={**world["a_editor"].headers, "If-Match": created.headers["etag"]},
        )

    # An open-ended enrolment turned into a liability policy needs a term and an amount.
    for body, field, code in (
        ({"policy_type": "safety_liability"}, "body.policy_type", "missing"),
        (
            {"policy_type": "safety_liability", "valid_to": day(0)},
            "body.policy_type",  # what this write sent, though the amount is what is missing
            "missing",
        ),
        ({"valid_from": None}, "body.valid_from", "missing"),
        ({"covers_temporary_and_dispatched": None}, "body.covers_temporary_and_dispatched",
         "missing"),
        ({"valid_to": day(-701)}, "body.valid_to", "date_order"),
    ):  # fmt: skip
        response = patch(body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["errors"][0]["field"] == field, response.text
        assert response.json()["errors"][0]["code"] == code
    ended = patch({"valid_to": day(-1)})
    assert ended.status_code == 200, ended.text
    assert ended.json()["in_force"] is False


def test_one_policy_number_covers_one_period_at_a_time(world: World) -> None:
    first = _post(world, liability(valid_from=day(-365), valid_to=day(-1)))
    assert first.status_code == 201, first.text
    twice = _post(world, liability(valid_from=day(-200), valid_to=day(164)))
    assert twice.status_code == 409, twice.text
    assert twice.headers["content-type"] == "application/problem+json"
    assert twice.json()["code"] == "overlapping_policy"
    assert first.json()["id"] in twice.json()["detail"]
    # The same number renewed for the next term, the same number of another type, and a
    # second insurer's policy over the same days are all other policies.
    assert _post(world, liability(valid_from=day(0), valid_to=day(364))).status_code == 201
    assert (
        _post(world, work_injury(policy_number="PZBJ2026000123", valid_from=day(-30))).status_code
        == 201
    )
    assert _post(world, liability(policy_number="PA2026", valid_from=day(-30))).status_code == 201


def test_a_cancelled_policy_frees_its_number_from_the_cancellation_on(world: World) -> None:
    first = _post(world, work_injury(valid_from=day(-700), cancelled_on=day(-300)))
    assert first.status_code == 201, first.text
    assert first.json()["in_force"] is False
    overlapping = _post(world, work_injury(valid_from=day(-301)))
    assert overlapping.status_code == 409, overlapping.text
    resumed = _post(world, work_injury(valid_from=day(-300)))
    assert resumed.status_code == 201, resumed.text
    # Moving the cancellation later would make the two cover the same days.
    moved = world.client.patch(
        first.headers["location"],
        json={"cancelled_on": day(-200)},
        headers={**world["a_editor"].headers, "If-Match": first.headers["etag"]},
    )
    assert moved.status_code == 409, moved.text


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    for body in (
        liability(policy_number="L-LAST", valid_from=day(-465), valid_to=day(-101)),
        liability(policy_number="L-NOW", valid_from=day(-100), valid_to=day(264)),
        liability(policy_number="L-CANCELLED", valid_from=day(-100), cancelled_on=day(-10)),
        work_injury(policy_number="W-OPEN"),
    ):
        assert _post(world, body).status_code == 201

    def numbers(**params: str) -> list[str]:
        response = world.client.get(_base(world), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(p["policy_number"] for p in response.json()["data"])

    assert numbers(policy_type="work_injury") == ["W-OPEN"]
    assert numbers(valid_on=day(0)) == ["L-NOW", "W-OPEN"]
    assert numbers(valid_on=day(-11)) == ["L-CANCELLED", "L-NOW", "W-OPEN"]
    assert numbers(valid_on=day(-10)) == ["L-NOW", "W-OPEN"], "cancelled from that day"
    assert numbers(valid_on=day(-200), policy_type="safety_liability") == ["L-LAST"]
    assert numbers(starts_from=day(-100)) == ["L-CANCELLED", "L-NOW"]
    assert numbers(starts_to=day(-465)) == ["L-LAST", "W-OPEN"]
    assert numbers(ends_to=day(0)) == ["L-LAST"]
    assert numbers(ends_from=day(0)) == ["L-CANCELLED", "L-NOW"]
    assert numbers(cancelled="true") == ["L-CANCELLED"]
    assert numbers(cancelled="false") == ["L-LAST", "L-NOW", "W-OPEN"]
    for bad in ({"policy_type": "fire"}, {"valid_on": "yesterday"}, {"cancelled": "maybe"}):
        response = world.client.get(_base(world), params=bad, headers=headers)
        assert response.status_code == 422, bad
        assert response.headers["content-type"] == "application/problem+json"


def test_viewers_cannot_write_and_other_tenants_cannot_see(world: World) -> None:
    refused = _post(world, liability(), actor="a_viewer")
    assert refused.status_code == 403
    created = _post(world, liability())
    assert created.status_code == 201
    outsider = world.client.get(created.headers["location"], headers=world["b_admin"].headers)
    assert outsider.status_code == 404
    listed = world.client.get(_base(world), headers=world["b_admin"].headers)
    assert listed.status_code == 404


def test_facts_load_policies_as_of_a_date(world: World, engine: Engine) -> None:
    bought_ahead = _post(world, liability(valid_from=day(10), valid_to=day(374)))
    cancelled = _post(world, work_injury(valid_from=day(-700), cancelled_on=day(-5)))
    assert bought_ahead.status_code == cancelled.status_code == 201
    with Session(engine) as session:
        enterprise = session.get_one(Enterprise, world.ids["enterprise_a"])
        today = load_facts(session, enterprise, clock.today())
        before = load_facts(session, enterprise, clock.today() - timedelta(days=10))
    assert [p.id for p in today.insurance_policies] == [cancelled.json()["id"]]
    assert today.insurance_policies[0].cancelled_on == date.fromisoformat(day(-5))
    assert today.insurance_policies[0].insured_headcount == 80
    # As of ten days ago the cancellation had not happened yet; the policy bought for a
    # term starting in ten days is not there either way.
    assert [p.cancelled_on for p in before.insurance_policies] == [None]
    assert today.next_event_on == date.fromisoformat(day(10))
