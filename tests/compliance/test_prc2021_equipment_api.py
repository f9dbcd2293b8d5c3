"""Pack prc-2021's licence and special-equipment rules through the API: stored licences,
equipment and operators' certificates reach PRC2021-SL2.1, SE14.1, SE33.1 and SE40.1, each
cited by its own text's article."""

from __future__ import annotations

from tests.compliance.test_henan2019_api import _patch
from tests.compliance.test_report import _finding, _person, _post, _report
from tests.support.world import World

AS_OF = "2026-06-01"
RULES = ("PRC2021-SL2.1", "PRC2021-SE14.1", "PRC2021-SE33.1", "PRC2021-SE40.1")


def test_stored_licences_and_equipment_reach_the_national_rules(world: World) -> None:
    _patch(
        world,
        f"/v1/enterprises/{world.ids['enterprise_a']}",
        {"high_risk_category": "hazardous_chemicals", "industry_code": "C2614"},
        actor="a_admin",
    )
    report = _report(world, as_of=AS_OF, pack="prc-2021")
    assert [_finding(report, rule)["status"] for rule in RULES] == [
        "fail",
        "not_applicable",
        "not_applicable",
        "not_applicable",
    ]
    licence = _post(
        world,
        "safety-licences",
        {
            "licence_number": "（豫）WH安许证字〔2024〕000123",
            "scope": "hazardous_chemicals",
            "issuing_authority": "河南省应急管理厅",
            "issued_on": "2024-03-18",
            "valid_to": "2027-03-17",
        },
    )
    crane = _post(
        world,
        "special-equipment",
        {
            "category": "lifting_machinery",
            "name": "桥式起重机",
            "serial_number": "2023-QZ-0417",
            "registration_number": "起17豫A01234(23)",
            "put_into_use_on": "2023-05-08",
            "registered_on": "2023-05-26",
            "last_inspected_on": "2025-05-10",
            "next_inspection_due": "2026-06-20",
        },
    )
    report = _report(world, as_of=AS_OF, pack="prc-2021")
    licensed = _finding(report, "PRC2021-SL2.1")
    assert (licensed["status"], licensed["due"]) == ("pass", "2026-12-17")
    assert [r["id"] for r in licensed["trace"]["records"]] == [licence["id"]]
    assert licensed["citation"] == "安全生产许可证条例（国务院令第397号，2014年修订）第2条"
    assert _finding(report, "PRC2021-SE33.1")["status"] == "pass"
    late = _finding(report, "PRC2021-SE40.1")  # due on 06-20: the request was due on 05-20
    assert (late["status"], late["due"], late["severity"]) == ("fail", "2026-05-20", "major")
    assert late["citation"] == "中华人民共和国特种设备安全法第40条"
    operators = _finding(report, "PRC2021-SE14.1")
    assert (operators["status"], operators["evidence"]) == ("fail", [crane["id"]])

    driver = _person(world, 41)
    _post(
        world,
        "equipment-operator-certificates",
        {
            "person_id": driver,
            "category": "lifting_machinery",
            "certificate_number": "TS-Q2-4101082022",
            "issued_on": "2022-07-01",
            "valid_to": "2026-06-30",
        },
    )
    _patch(
        world,
        f"/v1/enterprises/{world.ids['enterprise_a']}/special-equipment/{crane['id']}",
        {"inspection_requested_on": "2026-05-15"},
        actor="a_admin",
    )
    report = _report(world, as_of=AS_OF, pack="prc-2021")
    assert [_finding(report, rule)["status"] for rule in RULES] == ["pass"] * 4
    assert _finding(report, "PRC2021-SE14.1")["due"] == "2026-06-30"
