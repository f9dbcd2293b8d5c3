"""What-if against a draft pack version (issue 20 item 4): the law in force on `from`
against the law as a draft would have it on `as_of`, for an enterprise and for a region."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.compliance.drafts import draft_of
from app.compliance.packs import PACKS
from app.core.problem import Problem
from tests.compliance.test_overview import _verify
from tests.compliance.test_report import _person, _post, _url
from tests.support.world import World

HUIJI = PACKS["huiji-2014"]
THRESHOLD = "huiji-2014.staffing.threshold"
DRAFT = {
    "pack": "huiji-2014",
    "title": "惠济区安全生产意见（修订草案）",
    "effective_from": "2027-01-01",
    "values": {THRESHOLD: 100},
}


def _what_if(world: World, body: dict[str, Any], actor: str = "a_viewer") -> Any:
    return world.client.post(
        _url(world, "compliance/what-if"), json=body, headers=world[actor].headers
    )


def _small_staff(world: World) -> None:
    """A designated body and one part-time officer: enough under 300 employees (the
    district's 17.1 as shipped), not for the first branch of a draft lowering it to 100."""
    _post(
        world,
        "safety-bodies",
        {"form": "designated", "name": "办公室", "established_on": "2020-01-01"},
    )
    _post(
        world,
        "officer-appointments",
        {"person_id": _person(world, 31), "employment": "part_time", "appointed_on": "2020-01-01"},
    )


def test_a_draft_lowering_the_threshold_fails_the_staffing_rule_from_its_day(
    world: World,
) -> None:
    _small_staff(world)
    response = _what_if(world, {"from": "2026-12-31", "draft": DRAFT})
    assert response.status_code == 200, response.text
    body = response.json()
    # as_of defaults to the draft's first day; the draft is echoed.
    assert (body["from"], body["as_of"]) == ("2026-12-31", "2027-01-01")
    assert body["draft"] == {
        "pack": "huiji-2014",
        "version": f"{HUIJI.version}+draft",
        "title": DRAFT["title"],
        "effective_from": "2027-01-01",
        "values": [THRESHOLD],
        "repealed": [],
    }
    assert {"id": "huiji-2014", "version": f"{HUIJI.version}+draft"} in body["packs_after"]
    changed = {f["rule_id"]: f for f in body["findings"]}
    assert (changed["HJ2014-17.1"]["before"], changed["HJ2014-17.1"]["after"]) == ("pass", "fail")
    assert changed["HJ2014-17.1"]["change"] == "new_failure"
    # The drafted value is shown as a change, provisional, citing the draft.
    value = next(v for v in body["values"] if v["parameter"] == THRESHOLD)
    assert (value["before"]["value"], value["after"]["value"]) == (300, 100)
    assert value["after"]["source"]["document"] == f"草案：{DRAFT['title']}"
    assert value["after"]["provisional"] is True
    assert value["after"]["effective_from"] == "2027-01-01"
    # The same day without the draft changes nothing of the kind.
    plain = world.client.get(
        _url(world, "compliance/what-if"),
        params={"from": "2026-12-31", "as_of": "2027-01-01"},
        headers=world["a_viewer"].headers,
    ).json()
    assert "HJ2014-17.1" not in {f["rule_id"] for f in plain["findings"]}


def test_a_draft_dated_later_than_as_of_changes_nothing(world: World) -> None:
    _small_staff(world)
    body = _what_if(world, {"from": "2026-12-01", "as_of": "2026-12-15", "draft": DRAFT}).json()
    assert "HJ2014-17.1" not in {f["rule_id"] for f in body["findings"]}
    assert THRESHOLD not in {v["parameter"] for v in body["values"]}


def test_a_repealed_rule_is_gone_under_the_draft(world: World) -> None:
    draft = {**DRAFT, "values": {}, "repeal": ["HJ2014-21.1"]}
    body = _what_if(world, {"from": "2027-01-01", "draft": draft}).json()
    gone = {f["rule_id"]: f for f in body["findings"] if f["change"] == "rule_gone"}
    assert set(gone) == {"HJ2014-21.1"}
    assert gone["HJ2014-21.1"]["after"] is None
    assert body["draft"]["repealed"] == ["HJ2014-21.1"]


def test_a_draft_of_one_pack_alone(world: World) -> None:
    _small_staff(world)
    body = _what_if(world, {"from": "2027-01-01", "pack": "huiji-2014", "draft": DRAFT}).json()
    assert [p["id"] for p in body["packs_after"]] == ["huiji-2014"]
    assert body["packs_after"][0]["version"].endswith("+draft")
    assert "HJ2014-17.1" in {f["rule_id"] for f in body["findings"]}


@pytest.mark.parametrize(
    ("draft", "status", "code"),
    [
        ({**DRAFT, "values": {"prc-2021.staffing.threshold": 50}}, 422, "draft_parameter_unknown"),
        ({**DRAFT, "values": {"gbz188.edition": "GBZ 188-2014"}}, 422, "draft_parameter_unknown"),
        ({**DRAFT, "values": {THRESHOLD: "100"}}, 422, "draft_value_invalid"),
        ({**DRAFT, "values": {THRESHOLD: True}}, 422, "draft_value_invalid"),
        ({**DRAFT, "values": {THRESHOLD: -1}}, 422, "draft_value_invalid"),
        ({**DRAFT, "values": {THRESHOLD: 10**12}}, 422, "draft_value_invalid"),
        (
            {**DRAFT, "values": {"huiji-2014.high_risk.categories": "mining"}},
            422,
            "draft_value_invalid",
        ),
        (
            {**DRAFT, "values": {"huiji-2014.high_risk.categories": [1, 2]}},
            422,
            "draft_value_invalid",
        ),
        (
            {**DRAFT, "values": {"huiji-2014.training.annual_hours": "eight"}},
            422,
            "draft_value_invalid",
        ),
        (
            {**DRAFT, "values": {"huiji-2014.training.annual_hours": "NaN"}},
            422,
            "draft_value_invalid",
        ),
        ({**DRAFT, "repeal": ["PRC2021-24.1"]}, 422, "unknown_rule"),
        ({**DRAFT, "pack": "nope-2030"}, 404, "unknown_pack"),
        ({**DRAFT, "surprise": 1}, 422, "validation_failed"),
        ({**DRAFT, "values": {"Not a key": 1}}, 422, "validation_failed"),
        ({**DRAFT, "title": ""}, 422, "validation_failed"),
        ({**DRAFT, "effective_from": "2027-02-30"}, 422, "validation_failed"),
    ],
)
def test_a_bad_draft_is_a_clear_problem(
    world: World, draft: dict[str, Any], status: int, code: str
) -> None:
    response = _what_if(world, {"from": "2026-12-01", "draft": draft})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == code


def test_draft_what_if_runs_forward_and_stays_in_its_tenant(world: World) -> None:
    backwards = _what_if(world, {"from": "2027-06-01", "as_of": "2027-01-01", "draft": DRAFT})
    assert (backwards.status_code, backwards.json()["code"]) == (422, "what_if_backwards")
    assert _what_if(world, {"draft": DRAFT}, actor="b_admin").status_code == 404
    assert _what_if(world, {"from": "2026-12-01"}).status_code == 422  # the draft is required


def _region_what_if(world: World, body: dict[str, Any], actor: str = "district_admin") -> Any:
    return world.client.post(
        "/v1/regions/410108/compliance-what-if", json=body, headers=world[actor].headers
    )


def test_a_regulator_sees_a_drafts_impact_across_its_region(world: World) -> None:
    _verify(world, "a", "b")
    _small_staff(world)  # enterprise a passes 17.1 as shipped; b records nothing and fails
    response = _region_what_if(world, {"from": "2027-01-01", "draft": DRAFT})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["draft"]["values"] == [THRESHOLD]
    assert (body["as_of"], body["enterprises"]) == ("2027-01-01", 2)
    rules = {r["rule_id"]: r for r in body["rules"]}
    assert (rules["HJ2014-17.1"]["newly_failing"], rules["HJ2014-17.1"]["newly_passing"]) == (1, 0)
    assert THRESHOLD in {v["parameter"] for v in body["values"]}
    # Regulators only, and the draft is checked as for an enterprise.
    assert _region_what_if(world, {"draft": DRAFT}, actor="a_admin").status_code == 403
    bad = _region_what_if(world, {"draft": {**DRAFT, "values": {THRESHOLD: "x"}}})
    assert (bad.status_code, bad.json()["code"]) == (422, "draft_value_invalid")


def test_drafted_values_keep_the_earlier_ones_and_replace_the_later() -> None:
    draft = draft_of(HUIJI, "草案", date(2027, 1, 1), {THRESHOLD: 150})
    amended = draft.parameters[THRESHOLD]
    assert amended.at(date(2026, 12, 31)).value == 300
    assert amended.at(date(2027, 1, 1)).value == 150
    assert amended.at(date(2027, 1, 1)).provisional
    # A draft dated before a value's start replaces it and everything after.
    early = draft_of(HUIJI, "草案", HUIJI.effective_from, {THRESHOLD: 150})
    assert [v.value for v in early.parameters[THRESHOLD].values] == [150]
    # Sets and maps keep their shape.
    sets = draft_of(
        HUIJI, "草案", date(2027, 1, 1), {"huiji-2014.high_risk.categories": ["mining"]}
    )
    assert sets.parameters["huiji-2014.high_risk.categories"].at(date(2027, 1, 1)).value == (
        frozenset({"mining"})
    )
    with pytest.raises(Problem):
        draft_of(HUIJI, "草案", date(2027, 1, 1), {"huiji-2014.high_risk.categories": {"a": 1}})
