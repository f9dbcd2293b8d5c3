"""Layering by duty (packs-next.md, "Layering" and its three cases): an enterprise's stack is
every pack whose jurisdiction contains its region and whose period covers the date; each duty
shows every layer's finding, the strictest decides and is named."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import DutyVerdict, Evaluation, judge
from app.compliance.rules import Status
from app.compliance.stack import stack_for
from app.core.calendar import add_months
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.test_cover_shifts import leader, shift
from tests.compliance.test_report import _report
from tests.support.world import PASSWORD, World, credit_code, password_token

D = date(2026, 6, 1)
HUIJI_TOWN = "410108001"
MANUFACTURER = {"industry_code": "C3311", "high_risk_category": None}
CONSTRUCTION = {"industry_code": "E4710", "high_risk_category": "construction"}


def _judged(builder: FactsBuilder, region: str = HUIJI_TOWN, **profile: object) -> Evaluation:
    return judge(stack_for(region, D), builder.facts(D, **profile))


def _duty(evaluation: Evaluation, key: str) -> DutyVerdict:
    return next(v for v in evaluation.duties() if v.duty.key == key)


def _statuses(verdict: DutyVerdict) -> dict[str, Status]:
    return {rule.id: finding.status for _, rule, finding in verdict.findings}


def test_a_huiji_enterprise_answers_to_three_layers_national_first() -> None:
    stack = stack_for(HUIJI_TOWN, D)
    assert [p.id for p in stack.packs] == ["prc-2021", "henan-2019", "huiji-2014"]
    assert [(layer.region, layer.level) for layer in stack.layers] == [
        ("100000", "national"),
        ("410000", "province"),
        ("410100", "prefecture"),
        ("410108", "county"),
        ("410108001", "town"),
    ]
    assert [[p.id for p in layer.packs] for layer in stack.layers] == [
        ["prc-2021"],
        ["henan-2019"],
        [],
        ["huiji-2014"],
        [],
    ]


def test_a_manufacturer_of_150_with_a_designated_body_fails_staffing_by_national_law() -> None:
    """The district's 17.1 (≤ 300: set up or designated) passes it; national and provincial
    law (> 100: a body set up or full-time officers) do not. The duty fails, and the graver
    of the two failures (national: critical over 100) decides."""
    builder = FactsBuilder()
    builder.body(form="designated")
    builder.officer(builder.person(), employment="part_time")
    staffing = _duty(_judged(builder, employee_count=150, **MANUFACTURER), "staffing")
    assert _statuses(staffing) == {
        "PRC2021-24.1": Status.FAIL,
        "HN2019-14.1": Status.FAIL,
        "HJ2014-17.1": Status.PASS,
    }
    assert staffing.status is Status.FAIL
    assert staffing.deciding[1].id == "PRC2021-24.1"

    # With no body at all, the district's rule fails it too.
    bare = FactsBuilder()
    bare.officer(bare.person(), employment="part_time")
    staffing = _duty(_judged(bare, employee_count=150, **MANUFACTURER), "staffing")
    assert set(_statuses(staffing).values()) == {Status.FAIL}


def test_a_construction_firm_of_200_passes_with_an_independent_body_and_fails_without() -> None:
    builder = FactsBuilder()
    builder.body(independent_functions=True)
    officers = [builder.person() for _ in range(3)]
    for person in officers:
        builder.officer(person)
    staffing = _duty(_judged(builder, employee_count=200, **CONSTRUCTION), "staffing")
    assert set(_statuses(staffing).values()) == {Status.PASS}
    assert staffing.status is Status.PASS

    # No body and 3 full-time officers: Henan needs 2 % of 200 = 4; the district needs a
    # body set up; national law is content with a full-time officer.
    unbodied = FactsBuilder()
    for _ in range(3):
        unbodied.officer(unbodied.person())
    staffing = _duty(_judged(unbodied, employee_count=200, **CONSTRUCTION), "staffing")
    assert _statuses(staffing) == {
        "PRC2021-24.1": Status.PASS,
        "HN2019-14.1": Status.FAIL,
        "HJ2014-17.1": Status.FAIL,
    }
    # Two critical failures: the broader layer's is named, and both are cited.
    assert (staffing.status, staffing.deciding[1].id) == (Status.FAIL, "HN2019-14.1")


def test_a_duty_only_one_layer_has_is_decided_by_it() -> None:
    commitment = _duty(_judged(FactsBuilder()), "safety_commitment")
    assert [rule.id for _, rule, _ in commitment.findings] == ["HJ2014-21.1"]
    assert commitment.deciding[1].id == "HJ2014-21.1"


def test_an_advisory_finding_never_outweighs_a_binding_one() -> None:
    """Only binding findings decide where one applies; the standing ignores advisory ones."""
    evaluation = _judged(FactsBuilder(), employee_count=10, **MANUFACTURER)
    for verdict in evaluation.duties():
        binding = [
            f
            for _, r, f in verdict.findings
            if (f.severity or r.severity).value != "advisory"
            and f.status is not Status.NOT_APPLICABLE
        ]
        if binding:
            assert verdict.deciding[2] in binding


def test_layers_start_on_their_own_dates() -> None:
    """Before 2014-06-17 no layer Anxin has applies in Huiji; from 2014-06-17 the district's;
    from 2019-10-01 Henan's too; from 2021-09-01 the national law's as well."""
    for day, expected in (
        (date(2013, 6, 1), []),
        (date(2014, 6, 17), ["huiji-2014"]),
        (date(2019, 9, 30), ["huiji-2014"]),
        (date(2019, 10, 1), ["henan-2019", "huiji-2014"]),
        (date(2021, 8, 31), ["henan-2019", "huiji-2014"]),
        (date(2021, 9, 1), ["prc-2021", "henan-2019", "huiji-2014"]),
    ):
        stack = stack_for(HUIJI_TOWN, day)
        assert [p.id for p in stack.packs] == expected, day
    early = stack_for(HUIJI_TOWN, date(2013, 6, 1))
    assert [p.id for layer in early.layers for p in layer.not_in_force] == [
        "prc-2021",
        "henan-2019",
        "huiji-2014",
    ]


def test_outside_henan_only_national_law_applies_and_the_absent_layers_show() -> None:
    stack = stack_for("440106", D)  # 广州市天河区
    assert [p.id for p in stack.packs] == ["prc-2021"]
    assert [(layer.region, [p.id for p in layer.packs]) for layer in stack.layers] == [
        ("100000", ["prc-2021"]),
        ("440000", []),
        ("440100", []),
        ("440106", []),
    ]


def _sign_up(world: World, region: str, seed: int, division: str) -> tuple[str, dict[str, str]]:
    email = f"layer{seed}@example.com"
    response = world.client.post(
        "/v1/enterprises/signup",
        json={
            "credit_code": credit_code(seed, division),
            "name": f"层级测试{seed}有限公司",
            "region_code": region,
            "legal_representative": "李强",
            "industry_code": "C3311",
            "employee_count": 150,
            "admin": {"email": email, "display_name": "管理员", "password": PASSWORD},
        },
    )
    assert response.status_code == 201, response.text
    token = password_token(world.client, email)
    return str(response.json()["id"]), {"Authorization": f"Bearer {token}"}


def test_an_enterprise_in_zhongyuan_gets_the_national_and_henan_layers(world: World) -> None:
    enterprise, headers = _sign_up(world, "410102", 71, "410102")
    url = f"/v1/enterprises/{enterprise}/compliance"
    report = world.client.get(url, params={"as_of": "2026-06-01"}, headers=headers).json()
    assert [p["id"] for p in report["packs"]] == ["prc-2021", "henan-2019"]
    assert [(layer["region"], layer["packs"]) for layer in report["layers"]] == [
        ("100000", ["prc-2021"]),
        ("410000", ["henan-2019"]),
        ("410100", []),
        ("410102", []),
    ]
    assert {f["pack"] for f in report["findings"]} == {"prc-2021", "henan-2019"}
    staffing = next(d for d in report["duties"] if d["key"] == "staffing")
    assert staffing["rules"] == ["PRC2021-24.1", "HN2019-14.1"]
    assert staffing["decided_by"] in staffing["rules"]
    assert len(staffing["citations"]) == 2
    # One pack alone on request, wherever the enterprise is.
    alone = world.client.get(url, params={"pack": "huiji-2014"}, headers=headers).json()
    assert [p["id"] for p in alone["packs"]] == ["huiji-2014"]
    assert alone["layers"] == []


def test_the_report_by_duty_names_the_deciding_rule_for_a_huiji_enterprise(world: World) -> None:
    report = _report(world, as_of="2026-06-01")
    keys = [d["key"] for d in report["duties"]]
    assert len(keys) == len(set(keys))
    findings = {f["rule_id"]: f for f in report["findings"]}
    for duty in report["duties"]:
        assert duty["decided_by"] in duty["rules"]
        assert {findings[r]["duty"] for r in duty["rules"]} == {duty["key"]}
        assert duty["status"] == findings[duty["decided_by"]]["status"]
    assert {f["pack"] for f in report["findings"]} == {"prc-2021", "henan-2019", "huiji-2014"}


def test_leaders_on_site_shows_the_province_and_the_district_under_one_duty() -> None:
    """A construction firm in Huiji whose deputy takes a shift each month and whose principal
    takes none: the province's 35.1 (a leader each month) passes, the district's 16.1 (each
    leader each month) fails and decides the duty."""
    builder = FactsBuilder()
    principal = leader(builder, on=date(2020, 1, 1))
    deputy = leader(builder, "deputy", on=date(2020, 1, 1))
    month = date(2025, 6, 1)
    while month < D:
        shift(builder, deputy, month.replace(day=12))
        month = add_months(month, 1)
    duty = _duty(_judged(builder, **CONSTRUCTION), "leaders_on_site")
    assert _statuses(duty) == {"HN2019-35.1": Status.PASS, "HJ2014-16.1": Status.FAIL}
    assert [pack.id for pack, _, _ in duty.findings] == ["henan-2019", "huiji-2014"]
    assert duty.status is Status.FAIL
    assert duty.deciding[1].id == "HJ2014-16.1"
    assert duty.deciding[2].evidence[0] == principal.id
