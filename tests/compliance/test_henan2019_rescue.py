"""Henan art. 50 (HN2019-50.1): a rescue organisation, or under 100 employees designated full-
or part-time rescuers, in the five ways (coverage.py); and the duty `emergency.rescue` as the
national and provincial layers judge it together."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import judge
from app.compliance.rules import Status
from app.compliance.stack import stack_for
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, status
from tests.compliance.test_henan2019_staffing import hazard_source

RULE = "HN2019-50.1"
BEFORE = date(2019, 9, 30)  # the day before the regulation
D = date(2025, 6, 1)
START = date(2024, 1, 1)
CONSTRUCTION = {"high_risk_category": "construction", "employee_count": 150}
MANUFACTURER = {"high_risk_category": None, "industry_code": "C3311"}
ZHONGYUAN = "410102"  # 郑州市中原区: national and Henan layers


@covers(RULE, "pass", "fail")
def test_hn2019_50_1_a_listed_unit_of_100_or_more_sets_up_an_organisation() -> None:
    builder = FactsBuilder()
    designated = builder.rescue("designated_rescuers", START)
    found = finding(RULE, builder, D, **CONSTRUCTION)
    assert (found.status, found.evidence, found.branch) == (
        Status.FAIL,
        (designated.id,),
        "organisation",
    )
    assert "only a unit of fewer than 100" in found.message.en
    team = builder.rescue("own_team", START)
    passed = finding(RULE, builder, D, **CONSTRUCTION)
    assert (passed.status, passed.evidence) == (Status.PASS, (team.id,))


@covers(RULE, "pass", "fail", "boundary")
def test_hn2019_50_1_under_100_employees_designated_rescuers_do() -> None:
    """从业人员不满一百人: 99 may designate (full- or part-time), 100 may not."""
    builder = FactsBuilder()
    agreement = builder.rescue("agreement", START)
    alone = finding(RULE, builder, D, high_risk_category="construction", employee_count=99)
    assert (alone.status, alone.branch) == (Status.FAIL, "under_threshold")
    assert agreement.id not in alone.evidence, "an agreement is no substitute"
    designated = builder.rescue("designated_rescuers", START)
    small = finding(RULE, builder, D, high_risk_category="construction", employee_count=99)
    assert (small.status, small.evidence, small.branch) == (
        Status.PASS,
        (designated.id,),
        "under_threshold",
    )
    at_100 = finding(RULE, builder, D, high_risk_category="construction", employee_count=100)
    assert (at_100.status, at_100.branch) == (Status.FAIL, "organisation")


def test_hn2019_50_1_without_an_employee_count_designated_rescuers_cannot_be_judged() -> None:
    builder = FactsBuilder()
    designated = builder.rescue("designated_rescuers", START)
    found = finding(RULE, builder, D, high_risk_category="construction", employee_count=None)
    assert (found.status, found.evidence) == (Status.UNKNOWN, (designated.id,))


@covers(RULE, "not_applicable")
def test_hn2019_50_1_the_provinces_list() -> None:
    """Art. 14's list with crowded venues, and a unit with a major hazard source; not urban
    rail transit or dangerous-goods loading, which the province does not name."""
    builder = FactsBuilder()
    listed = [
        {"high_risk_category": "road_transport"},
        {"high_risk_category": "dangerous_goods_disposal"},
        {"high_risk_category": "crowded_venue"},
        {"high_risk_category": None, "industry_code": "H6110"},  # hotels
        {"high_risk_category": None, "industry_code": "G5430"},  # road freight
    ]
    for profile in listed:
        assert status(RULE, builder, D, employee_count=150, **profile) is Status.FAIL, profile
    others = [
        MANUFACTURER,
        {"high_risk_category": "urban_rail_transit"},
        {"high_risk_category": "dangerous_goods_loading", "industry_code": "G5910"},
    ]
    for profile in others:
        assert status(RULE, builder, D, **profile) is Status.NOT_APPLICABLE, profile
    hazard_source(builder, START)
    assert status(RULE, builder, D, employee_count=150, **MANUFACTURER) is Status.FAIL


@covers(RULE, "not_applicable", "boundary")
def test_hn2019_50_1_does_not_apply_before_the_regulation() -> None:
    builder = FactsBuilder()
    assert status(RULE, builder, BEFORE, **CONSTRUCTION) is Status.NOT_APPLICABLE
    assert status(RULE, builder, BEFORE + DAY, **CONSTRUCTION) is Status.FAIL


@covers(RULE, "boundary")
def test_hn2019_50_1_an_organisation_counts_on_its_last_day_and_not_after() -> None:
    builder = FactsBuilder()
    builder.rescue("own_team", START, ends=D)
    assert status(RULE, builder, D, **CONSTRUCTION) is Status.PASS
    assert status(RULE, builder, D + DAY, **CONSTRUCTION) is Status.FAIL


@covers(RULE, "after_as_of")
def test_hn2019_50_1_an_organisation_or_a_hazard_source_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    later = ignores_later(
        RULE, builder, D, lambda: builder.rescue("own_team", D + DAY), **CONSTRUCTION
    )
    assert later.status is Status.FAIL
    assert status(RULE, builder, D + DAY, **CONSTRUCTION) is Status.PASS

    unlisted = FactsBuilder()
    kept = ignores_later(
        RULE,
        unlisted,
        D,
        lambda: hazard_source(unlisted, D + DAY),
        employee_count=150,
        **MANUFACTURER,
    )
    assert kept.status is Status.NOT_APPLICABLE


# --- Layering: the duty `emergency.rescue` ------------------------------------------------------


def _rescue_duty(builder: FactsBuilder, **profile: object) -> tuple[Status, str, dict[str, Status]]:
    evaluation = judge(stack_for(ZHONGYUAN, D), builder.facts(D, **profile))
    verdict = next(v for v in evaluation.duties() if v.duty.key == "emergency.rescue")
    statuses = {rule.id: found.status for _, rule, found in verdict.findings}
    return verdict.status, verdict.deciding[1].id, statuses


def test_each_layer_has_its_own_way_out_and_the_stricter_binds() -> None:
    """A medium-sized construction firm of 80 with designated rescuers passes the province
    (under 100) and fails national law (only small or micro enterprises may designate): the
    duty fails on national law. A road haulier of 150 without a team is no unit national
    law names, and fails the province's rule alone."""
    builder = FactsBuilder()
    builder.rescue("designated_rescuers", START)
    assert _rescue_duty(
        builder, high_risk_category="construction", employee_count=80, sme_class="medium"
    ) == (
        Status.FAIL,
        "PRC2021-82.1",
        {"PRC2021-82.1": Status.FAIL, "HN2019-50.1": Status.PASS},
    )
    # Declared small, it passes both.
    assert _rescue_duty(
        builder, high_risk_category="construction", employee_count=80, sme_class="small"
    )[0] is (Status.PASS)

    # Small by its class but 150 strong, it passes national law and fails the province.
    assert _rescue_duty(
        builder, high_risk_category="construction", employee_count=150, sme_class="small"
    ) == (
        Status.FAIL,
        "HN2019-50.1",
        {"PRC2021-82.1": Status.PASS, "HN2019-50.1": Status.FAIL},
    )

    haulier = FactsBuilder()
    assert _rescue_duty(haulier, high_risk_category="road_transport", employee_count=150) == (
        Status.FAIL,
        "HN2019-50.1",
        {"PRC2021-82.1": Status.NOT_APPLICABLE, "HN2019-50.1": Status.FAIL},
    )
