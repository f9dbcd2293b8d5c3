"""National law art. 81 with 生产安全事故应急条例 art. 8 (PRC2021-81.1): a plan in force and
drills — half-yearly and reported for the regulation's listed units, yearly for the others —
shown in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import judge
from app.compliance.rules import Status
from app.compliance.stack import alone
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, pack_of, status

RULE = "PRC2021-81.1"
BEFORE = date(2021, 8, 31)  # the day before the 2021 amendment
ISSUED = date(2024, 1, 1)
HELD, REPORTED = date(2025, 1, 10), date(2025, 1, 15)
CONSTRUCTION = {"high_risk_category": "construction"}
MANUFACTURER = {"high_risk_category": None, "industry_code": "C3311"}


def drill_due(builder: FactsBuilder, day: date, **profile: object) -> list[date]:
    evaluation = judge(alone(pack_of(RULE)), builder.facts(day, **profile))
    return [d.due for r, d in evaluation.deadlines if r.id == RULE and d.kind == "drill_due"]


@covers(RULE, "pass", "fail", "boundary")
def test_prc2021_81_1_a_listed_unit_drills_at_least_every_six_months() -> None:
    builder = FactsBuilder()
    plan = builder.plan(ISSUED)
    drill = builder.drill(plan, HELD, REPORTED)
    due = date(2025, 7, 10)
    passed = finding(RULE, builder, due, **CONSTRUCTION)
    assert (passed.status, passed.due, passed.branch) == (Status.PASS, due, "listed")
    assert passed.evidence == (plan.id, drill.id)
    failed = finding(RULE, builder, due + DAY, **CONSTRUCTION)
    assert (failed.status, failed.due) == (Status.FAIL, due)
    assert drill_due(builder, date(2025, 3, 1), **CONSTRUCTION) == [due]


@covers(RULE, "pass", "fail", "boundary")
def test_prc2021_81_1_other_units_drill_at_least_yearly() -> None:
    builder = FactsBuilder()
    builder.drill(builder.plan(ISSUED), HELD)  # others need not report it
    due = date(2026, 1, 10)
    passed = finding(RULE, builder, due, **MANUFACTURER)
    assert (passed.status, passed.branch) == (Status.PASS, "others")
    assert status(RULE, builder, due + DAY, **MANUFACTURER) is Status.FAIL


@covers(RULE, "fail")
def test_prc2021_81_1_a_listed_units_drill_counts_once_reported() -> None:
    builder = FactsBuilder()
    drill = builder.drill(builder.plan(ISSUED), HELD)
    found = finding(RULE, builder, date(2025, 3, 1), **CONSTRUCTION)
    assert found.status is Status.FAIL
    assert drill.id in found.evidence
    assert "not reported" in found.message.en
    drill.reported_to_regulator_on = REPORTED
    assert status(RULE, builder, date(2025, 3, 1), **CONSTRUCTION) is Status.PASS


@covers(RULE, "fail", "boundary")
def test_prc2021_81_1_a_plan_must_be_in_force() -> None:
    builder = FactsBuilder()
    day = date(2021, 10, 1)  # the first drill is due 6 months after the amendment
    assert status(RULE, builder, day, **CONSTRUCTION) is Status.FAIL  # no plan
    plan = builder.plan(day, withdrawn=date(2021, 12, 1))
    passed = finding(RULE, builder, day, **CONSTRUCTION)
    assert (passed.status, passed.due) == (Status.PASS, date(2022, 3, 1))
    assert status(RULE, builder, date(2021, 11, 30), **CONSTRUCTION) is Status.PASS
    found = finding(RULE, builder, date(2021, 12, 1), **CONSTRUCTION)
    assert (found.status, found.evidence) == (Status.FAIL, ())
    assert plan.id not in found.evidence


def test_prc2021_81_1_listed_by_the_regulations_words_and_by_code() -> None:
    builder = FactsBuilder()
    builder.plan(date(2021, 1, 1))
    day = date(2022, 6, 1)  # 9 months after the amendment, no drill yet
    listed = [
        {"high_risk_category": "crowded_venue"},
        {"high_risk_category": "dangerous_goods_transport"},
        {"high_risk_category": None, "industry_code": "G5412"},  # urban rail
        {"high_risk_category": None, "industry_code": "H6110"},  # hotels
    ]
    for profile in listed:
        assert status(RULE, builder, day, **profile) is Status.FAIL, profile
    others = [
        {"high_risk_category": "dangerous_goods_loading"},  # 装卸 is not named in art. 8
        {"high_risk_category": "road_transport"},
        {"high_risk_category": None, "industry_code": "G5430"},
    ]
    for profile in others:
        assert status(RULE, builder, day, **profile) is Status.PASS, profile


@covers(RULE, "not_applicable")
def test_prc2021_81_1_does_not_apply_before_the_2021_amendment() -> None:
    builder = FactsBuilder()
    assert status(RULE, builder, BEFORE, **CONSTRUCTION) is Status.NOT_APPLICABLE
    assert status(RULE, builder, BEFORE + DAY, **CONSTRUCTION) is Status.FAIL


@covers(RULE, "after_as_of")
def test_prc2021_81_1_a_drill_or_a_report_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    plan = builder.plan(ISSUED)
    drill = builder.drill(plan, HELD)
    day = date(2025, 3, 1)
    ignores_later(
        RULE,
        builder,
        day,
        lambda: setattr(drill, "reported_to_regulator_on", day + DAY),
        **CONSTRUCTION,
    )
    later = ignores_later(
        RULE, builder, day, lambda: builder.drill(plan, day + DAY, day + DAY), **CONSTRUCTION
    )
    assert later.status is Status.FAIL
    assert status(RULE, builder, day + DAY, **CONSTRUCTION) is Status.PASS
