"""Emergency plans (应急预案) and drills (应急演练): 生产安全事故应急条例 arts. 5, 7, 8."""

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


def _url(world: World, path: str, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/{path}"


def plan(**overrides: Any) -> dict[str, Any]:
    return {
        "plan_type": "comprehensive",
        "title": "生产安全事故综合应急预案",
        "issued_on": day(-400),
        "filed_on": day(-380),
        "published_on": day(-395),
        **overrides,
    }


def drill(plan_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "held_on": day(-100),
        "participants": 45,
        "evaluation": "演练达到预期目标；疏散用时偏长，已修订集合点设置。",
        "reported_to_regulator_on": day(-95),
        **overrides,
    }


def _post(world: World, path: str, body: dict[str, Any], enterprise: str = "enterprise_a") -> Any:
    actor = "a_editor" if enterprise == "enterprise_a" else "b_editor"
    return world.client.post(_url(world, path, enterprise), json=body, headers=world[actor].headers)


def _created(world: World, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = _post(world, path, body)
    assert response.status_code == 201, response.text
    return {**response.json(), "etag": response.headers["etag"]}


def _patch(world: World, path: str, record: dict[str, Any], body: dict[str, Any]) -> Any:
    return world.client.patch(
        _url(world, f"{path}/{record['id']}"),
        json=body,
        headers={**world["a_editor"].headers, "If-Match": record["etag"]},
    )


def _assert_invalid(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field, response.text
    assert response.json()["errors"][0]["code"] == code, response.text


def test_a_plan_and_its_drill_with_their_history(world: World) -> None:
    created = _created(world, "emergency-plans", plan())
    assert created["id"].startswith("epl_")
    assert created["withdrawn_on"] is None
    held = _created(world, "emergency-drills", drill(created["id"]))
    assert held["id"].startswith("edr_")
    assert held["drill_type"] == "comprehensive", "the plan's type by default"

    revised = _patch(world, "emergency-drills", held, {"participants": 52, "notes": "补记"})
    assert revised.status_code == 200, revised.text
    history = world.client.get(
        _url(world, f"emergency-drills/{held['id']}/history"), headers=world["a_viewer"].headers
    ).json()["data"]
    assert [e["action"] for e in history] == ["create", "update"]
    assert [e["data"]["participants"] for e in history] == [45, 52]
    assert history[0]["data"]["plan_id"] == created["id"]
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": held["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    assert sorted(e["action"] for e in events) == [
        "emergency_drill.create",
        "emergency_drill.update",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        (lambda: {"issued_on": day(1)}, "body.issued_on", "in_future"),
        (lambda: {"filed_on": day(1)}, "body.filed_on", "in_future"),
        (lambda: {"filed_on": day(-401)}, "body.filed_on", "date_order"),
        (lambda: {"published_on": day(-401)}, "body.published_on", "date_order"),
        (lambda: {"withdrawn_on": day(-401)}, "body.withdrawn_on", "date_order"),
        (lambda: {"withdrawn_on": day(-390)}, "body.filed_on", "date_order"),
        (lambda: {"plan_type": "drill"}, "body.plan_type", "enum"),
        (lambda: {"title": ""}, "body.title", "string_too_short"),
        (lambda: {"issued_on": "2025-02-30"}, "body.issued_on", "date_from_datetime_parsing"),
        (lambda: {"filing_number": "X"}, "body.filing_number", "extra_forbidden"),
    ],
)
def test_invalid_plans_are_problems_naming_the_field(
    world: World, overrides: Callable[[], dict[str, Any]], field: str, code: str
) -> None:
    """(Dates are computed in the test, on the clock it stands still.)"""
    _assert_invalid(_post(world, "emergency-plans", plan(**overrides())), field, code)


def test_invalid_drills_are_problems_naming_the_field(world: World) -> None:
    comprehensive = _created(world, "emergency-plans", plan(withdrawn_on=day(-10)))
    cases = [
        (drill(comprehensive["id"], drill_type="on_site"), "body.drill_type", "not_plan_type"),
        (drill(comprehensive["id"], held_on=day(-401)), "body.held_on", "before_plan_issue"),
        (drill(comprehensive["id"], held_on=day(-9)), "body.held_on", "after_plan_withdrawal"),
        (drill(comprehensive["id"], reported_to_regulator_on=day(-101)),
         "body.reported_to_regulator_on", "date_order"),
        (drill(comprehensive["id"], participants=0), "body.participants", "greater_than_equal"),
        (drill(comprehensive["id"], participants="45"), "body.participants", "int_type"),
        (drill("epl_nosuchplan"), "body.plan_id",
         "unknown_emergency_plan"),
        (drill(comprehensive["id"], held_on=day(1), reported_to_regulator_on=None),
         "body.held_on", "in_future"),
        (drill(comprehensive["id"], held_on=day(-20), reported_to_regulator_on=day(1)),
         "body.reported_to_regulator_on", "in_future"),
    ]  # fmt: skip
    for body, field, code in cases:
        _assert_invalid(_post(world, "emergency-drills", body), field, code)
    listed = world.client.get(_url(world, "emergency-drills"), headers=world["a_editor"].headers)
    assert listed.json()["data"] == []


def test_a_drill_names_a_plan_of_its_own_enterprise(world: World) -> None:
    theirs = _post(world, "emergency-plans", plan(), enterprise="enterprise_b")
    assert theirs.status_code == 201, theirs.text
    response = _post(world, "emergency-drills", drill(theirs.json()["id"]))
    _assert_invalid(response, "body.plan_id", "unknown_emergency_plan")
    assert response.json()["code"] == "unknown_emergency_plan"


def test_a_plans_changes_must_leave_its_drills_valid(world: World) -> None:
    created = _created(
        world, "emergency-plans", plan(plan_type="on_site", filed_on=None, published_on=None)
    )
    _created(world, "emergency-drills", drill(created["id"], held_on=day(-200)))
    for body, field, code in (
        ({"plan_type": "special"}, "body.plan_type", "drill_of_other_type"),
        ({"issued_on": day(-199)}, "body.issued_on", "drill_before_issue"),
        ({"withdrawn_on": day(-201)}, "body.withdrawn_on", "drill_after_withdrawal"),
    ):
        _assert_invalid(_patch(world, "emergency-plans", created, body), field, code)
    withdrawn = _patch(world, "emergency-plans", created, {"withdrawn_on": day(-200)})
    assert withdrawn.status_code == 200, withdrawn.text


def test_a_plan_with_drills_cannot_be_deleted(world: World) -> None:
    created = _created(world, "emergency-plans", plan())
    held = _created(world, "emergency-drills", drill(created["id"]))
    plan_url = _url(world, f"emergency-plans/{created['id']}")
    headers = world["a_editor"].headers
    refused = world.client.delete(plan_url, headers={**headers, "If-Match": created["etag"]})
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "plan_has_drills"
    assert world.client.get(plan_url, headers=headers).status_code == 200

    drill_url = _url(world, f"emergency-drills/{held['id']}")
    gone = world.client.delete(drill_url, headers={**headers, "If-Match": held["etag"]})
    assert gone.status_code == 204
    deleted = world.client.delete(plan_url, headers={**headers, "If-Match": created["etag"]})
    assert deleted.status_code == 204, deleted.text
    # A deleted plan takes no new drills.
    response = _post(world, "emergency-drills", drill(created["id"]))
    _assert_invalid(response, "body.plan_id", "unknown_emergency_plan")


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    comprehensive = _created(world, "emergency-plans", plan())
    on_site = _created(
        world,
        "emergency-plans",
        plan(plan_type="on_site", title="触电事故现场处置方案", issued_on=day(-100), filed_on=None,
             published_on=None),
    )  # fmt: skip
    withdrawn = _created(
        world,
        "emergency-plans",
        plan(plan_type="special", title="旧版火灾专项预案", issued_on=day(-800), filed_on=None,
             published_on=None, withdrawn_on=day(-400)),
    )  # fmt: skip
    for plan_id, held, reported in (
        (comprehensive["id"], -300, -290),
        (on_site["id"], -90, None),
        (on_site["id"], -10, None),
        (withdrawn["id"], -500, -499),
    ):
        body = drill(
            plan_id, held_on=day(held), reported_to_regulator_on=reported and day(reported)
        )
        _created(world, "emergency-drills", body)

    def listed(path: str, **params: str) -> list[dict[str, Any]]:
        response = world.client.get(_url(world, path), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return list(response.json()["data"])

    def titles(**params: str) -> list[str]:
        return sorted(p["title"] for p in listed("emergency-plans", **params))

    def held(**params: str) -> list[str]:
        return sorted(d["held_on"] for d in listed("emergency-drills", **params))

    assert titles(plan_type="on_site") == ["触电事故现场处置方案"]
    assert titles(filed="true") == ["生产安全事故综合应急预案"]
    assert titles(filed="false") == sorted(["触电事故现场处置方案", "旧版火灾专项预案"])
    assert titles(withdrawn="true") == ["旧版火灾专项预案"]
    assert titles(issued_from=day(-400), issued_to=day(-100)) == sorted(
        ["生产安全事故综合应急预案", "触电事故现场处置方案"]
    )
    assert held(plan_id=on_site["id"]) == [day(-90), day(-10)]
    assert held(drill_type="special") == [day(-500)]
    assert held(held_from=day(-300), held_to=day(-90)) == [day(-300), day(-90)]
    assert held(reported="false") == [day(-90), day(-10)]
    assert held(reported="true", drill_type="comprehensive") == [day(-300)]
    for path, bad in (
        ("emergency-plans", {"plan_type": "x"}),
        ("emergency-drills", {"held_from": "2025-13-01"}),
    ):
        response = world.client.get(_url(world, path), params=bad, headers=headers)
        assert response.status_code == 422, (path, bad)
        assert response.headers["content-type"] == "application/problem+json"


def test_other_tenants_neither_see_nor_write(world: World) -> None:
    created = _created(world, "emergency-plans", plan())
    outsider = world["b_admin"].headers
    seen = world.client.get(_url(world, f"emergency-plans/{created['id']}"), headers=outsider)
    assert seen.status_code == 404
    written = world.client.post(
        _url(world, "emergency-drills"), json=drill(created["id"]), headers=outsider
    )
    assert written.status_code == 404
    viewer = world.client.post(
        _url(world, "emergency-drills"),
        json=drill(created["id"]),
        headers=world["a_viewer"].headers,
    )
    assert viewer.status_code == 403


def test_facts_load_plans_and_drills_as_of_a_date(world: World, engine: Engine) -> None:
    created = _created(world, "emergency-plans", plan(filed_on=day(-20)))
    early = _created(
        world,
        "emergency-drills",
        drill(created["id"], held_on=day(-200), reported_to_regulator_on=day(-5)),
    )
    _created(
        world,
        "emergency-drills",
        drill(created["id"], held_on=day(-30), participants=12, reported_to_regulator_on=None),
    )
    with Session(engine) as session:
        enterprise = session.get_one(Enterprise, world.ids["enterprise_a"])
        now = load_facts(session, enterprise, clock.today())
        before = load_facts(session, enterprise, clock.today() - timedelta(days=60))
    assert [p.filed_on for p in now.emergency_plans] == [date.fromisoformat(day(-20))]
    assert sorted(d.participants for d in now.emergency_drills) == [12, 45]
    assert {d.drill_type for d in now.emergency_drills} == {"comprehensive"}
    # Sixty days ago: the plan was not filed yet, the later drill not held, the earlier
    # drill held but not yet reported.
    assert [p.filed_on for p in before.emergency_plans] == [None]
    assert [d.id for d in before.emergency_drills] == [early["id"]]
    assert before.emergency_drills[0].reported_to_regulator_on is None


def test_a_patch_of_one_date_is_checked_against_the_stored_others(world: World) -> None:
    created = _created(world, "emergency-plans", plan())
    moved = _patch(world, "emergency-plans", created, {"issued_on": day(-370)})
    _assert_invalid(moved, "body.issued_on", "date_order")
    assert moved.json()["errors"][0]["message"] == "must not be after filed_on"
    removed = _patch(world, "emergency-plans", created, {"issued_on": None})
    _assert_invalid(removed, "body.issued_on", "missing")
    unfiled = _patch(world, "emergency-plans", created, {"filed_on": None})
    assert unfiled.status_code == 200, unfiled.text
    assert unfiled.json()["filed_on"] is None


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        (lambda: {"published_to_public_on": day(1)}, "body.published_to_public_on", "in_future"),
        (
            lambda: {"published_to_public_on": day(-401)},
            "body.published_to_public_on",
            "date_order",
        ),
        (
            lambda: {"published_to_public_on": day(-300), "withdrawn_on": day(-350)},
            "body.published_to_public_on",
            "date_order",
        ),
    ],
)
def test_a_plans_publication_to_society_is_a_dated_event_within_its_life(
    world: World, overrides: Callable[[], dict[str, Any]], field: str, code: str
) -> None:
    """应急条例 art. 7's 向社会公布 (decision 143): not ahead, not before the issue, not after
    the withdrawal."""
    _assert_invalid(_post(world, "emergency-plans", plan(**overrides())), field, code)


def test_a_plans_publication_to_society_is_recorded_and_cut_as_of_a_date(
    world: World, engine: Engine
) -> None:
    created = _created(world, "emergency-plans", plan(published_to_public_on=day(-20)))
    assert created["published_to_public_on"] == day(-20)
    listed = world.client.get(
        _url(world, "emergency-plans"), headers=world["a_viewer"].headers
    ).json()["data"]
    assert [p["published_to_public_on"] for p in listed] == [day(-20)]
    cleared = _patch(world, "emergency-plans", created, {"published_to_public_on": None})
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["published_to_public_on"] is None
    again = {**cleared.json(), "etag": cleared.headers["etag"]}
    restored = _patch(world, "emergency-plans", again, {"published_to_public_on": day(-20)})
    assert restored.status_code == 200, restored.text
    with Session(engine) as session:
        enterprise = session.get_one(Enterprise, world.ids["enterprise_a"])
        now = load_facts(session, enterprise, clock.today())
        before = load_facts(session, enterprise, clock.today() - timedelta(days=60))
    assert [p.published_to_public_on for p in now.emergency_plans] == [date.fromisoformat(day(-20))]
    # Sixty days ago it had not been published to society yet.
    assert [p.published_to_public_on for p in before.emergency_plans] == [None]
