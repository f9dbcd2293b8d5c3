"""The seed's arts. 20 and 23 through the API: stored inspections and accident signs reach
HJ2014-20.4 and 23.3, with their evidence and trace."""

from __future__ import annotations

from tests.compliance.test_henan2019_api import _patch
from tests.compliance.test_report import _finding, _person, _post, _report
from tests.support.world import World

AS_OF = "2026-06-01"
# The twelve months before 1 June 2026 begin with July 2025: eleven have ended.
MONTHS = [f"2025-{m:02d}" for m in range(7, 13)] + [f"2026-{m:02d}" for m in range(1, 6)]


def test_stored_inspections_and_signs_reach_the_district_rules(world: World) -> None:
    enterprise = f"/v1/enterprises/{world.ids['enterprise_a']}"
    _patch(world, enterprise, {"founded_on": "2015-01-01"}, actor="a_admin")
    leader = _person(world, 41)
    report = _report(world, as_of=AS_OF, pack="huiji-2014")
    missing = _finding(report, "HJ2014-20.4")
    assert (missing["status"], missing["evidence"]) == ("fail", MONTHS)
    assert _finding(report, "HJ2014-23.3")["status"] == "not_applicable"

    held = [
        _post(
            world,
            "hidden-danger-inspections",
            {
                "inspected_on": f"{month}-15",
                "kind": "routine",
                "scope": "全厂",
                "leader_person_id": leader,
                "dangers_found": 1,
            },
        )["id"]
        for month in MONTHS
    ]
    late = _post(
        world,
        "accident-signs",
        {
            "observed_on": "2026-05-20",
            "description": "边坡出现裂缝",
            "warning_issued_on": "2026-05-21",
            "warning_measures": "撤离坡下人员",
            "issued_by_person_id": leader,
        },
    )["id"]
    report = _report(world, as_of=AS_OF, pack="huiji-2014")
    inspected = _finding(report, "HJ2014-20.4")
    assert inspected["status"] == "pass"
    assert sorted(r["id"] for r in inspected["trace"]["records"]) == sorted(held)
    warned = _finding(report, "HJ2014-23.3")
    assert (warned["status"], warned["evidence"]) == ("fail", [late])
    # As of the day before the warning was issued it was not there yet.
    before = _finding(_report(world, as_of="2026-05-21", pack="huiji-2014"), "HJ2014-23.3")
    assert before["status"] == "fail"
