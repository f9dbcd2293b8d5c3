"""Pack prc-2021's insurance and emergency rules through the API: stored policies, plans and
drills reach PRC2021-51.0, 51.1 and 81.1, with their deadlines."""

from __future__ import annotations

from tests.compliance.test_henan2019_api import _patch
from tests.compliance.test_report import _finding, _person, _post, _report
from tests.support.world import World

AS_OF = "2026-06-01"


def _policy(world: World, policy_type: str, **changes: object) -> str:
    body = {
        "policy_type": policy_type,
        "insurer": "中国人民财产保险股份有限公司郑州市分公司",
        "policy_number": f"P-{policy_type}",
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "insured_headcount": 2,
        "cover_per_person_yuan": 400000,
        "covers_temporary_and_dispatched": True,
        **changes,
    }
    return str(_post(world, "insurance-policies", body)["id"])


def test_stored_policies_plans_and_drills_reach_the_national_rules(world: World) -> None:
    _patch(
        world,
        f"/v1/enterprises/{world.ids['enterprise_a']}",
        {"high_risk_category": "hazardous_chemicals"},
        actor="a_admin",
    )
    _person(world, 31)
    _person(world, 32)
    report = _report(world, as_of=AS_OF, pack="prc-2021")
    for rule in ("PRC2021-51.0", "PRC2021-51.1", "PRC2021-81.1"):
        assert _finding(report, rule)["status"] == "fail", rule

    injury = _policy(world, "work_injury", cover_per_person_yuan=None, valid_to=None)
    liability = _policy(world, "safety_liability")
    plan = _post(
        world,
        "emergency-plans",
        {"plan_type": "comprehensive", "title": "综合应急预案", "issued_on": "2025-03-01"},
    )
    _post(
        world,
        "emergency-drills",
        {
            "plan_id": plan["id"],
            "drill_type": "comprehensive",
            "held_on": "2026-03-16",
            "participants": 20,
            "reported_to_regulator_on": "2026-03-20",
        },
    )
    report = _report(world, as_of=AS_OF, pack="prc-2021")
    insured = _finding(report, "PRC2021-51.0")
    assert insured["status"] == "pass"
    assert [r["id"] for r in insured["trace"]["records"]] == [injury]
    covered = _finding(report, "PRC2021-51.1")
    assert (covered["status"], covered["due"]) == ("pass", "2026-12-31")
    assert [r["id"] for r in covered["trace"]["records"]] == [liability]
    drilled = _finding(report, "PRC2021-81.1")
    assert (drilled["status"], drilled["due"]) == ("pass", "2026-09-16")
    assert drilled["trace"]["branch"] == "listed"
