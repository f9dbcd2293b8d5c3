"""Workplace hazard detection and evaluation (HJ2014-22.7, PRC2021-OD26, HN2019-OD18) and
protective equipment issued (HJ2014-22.8, PRC2021-45.1, HN2019-18.1), in the five ways
(coverage.py), and the three layers under each of the two shared duties."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import judge
from app.compliance.packs.huiji_2014.params import (
    MONITORING_DETECTION_MONTHS,
    MONITORING_EVALUATION_MONTHS,
)
from app.compliance.packs.protective_equipment import equipment_deadlines, holdings
from app.compliance.packs.workplace_monitoring import monitoring_deadlines
from app.compliance.rules import Status
from app.compliance.stack import stack_for
from app.registry.health.models import ProtectiveEquipmentIssue, WorkplaceHazardTest
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, enterprise
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

D = date(2026, 6, 1)
MONITORING = ("HJ2014-22.7", "PRC2021-OD26", "HN2019-OD18")
EQUIPMENT = ("HJ2014-22.8", "PRC2021-45.1", "HN2019-18.1")
# The rules that count only an issue given free (the province's and the district's texts).
FREE_ONLY = ("HJ2014-22.8", "HN2019-18.1")


def exposed(*factors: str, since: date = date(2024, 1, 1)) -> tuple[FactsBuilder, Person]:
    builder = FactsBuilder()
    person = builder.person(exposures=[(f, since, None) for f in factors])
    return builder, person


def workplace_test(
    builder: FactsBuilder,
    on: date,
    factors: str = "noise",
    kind: str = "detection",
    exceeded: bool | None = False,
) -> WorkplaceHazardTest:
    return builder.add(  # type: ignore[no-any-return]
        "workplace_hazard_tests",
        WorkplaceHazardTest(
            **builder.common("wht"),
            tested_on=on,
            test_type=kind,
            factors=factors,
            organisation="河南省职业病防治研究院",
            exceeded_limits=exceeded,
        ),
    )


def issue(
    builder: FactsBuilder,
    person: Person,
    on: date,
    factors: str = "noise",
    months: int = 3,
    free: bool = True,
) -> ProtectiveEquipmentIssue:
    return builder.add(  # type: ignore[no-any-return]
        "protective_equipment_issues",
        ProtectiveEquipmentIssue(
            **builder.common("ppe"),
            person_id=person.id,
            factors=factors,
            item="耳塞",
            issued_on=on,
            replacement_months=months,
            free_of_charge=free,
        ),
    )


# --- Workplace monitoring ----------------------------------------------------------------


@covers("HJ2014-22.7", "pass", "fail", "not_applicable")
@covers("PRC2021-OD26", "pass", "fail", "not_applicable")
@covers("HN2019-OD18", "pass", "fail", "not_applicable")
def test_a_detection_within_12_months_covering_every_factor_passes() -> None:
    for rule in MONITORING:
        assert status(rule, FactsBuilder(), D) is Status.NOT_APPLICABLE, rule
        builder, _ = exposed("noise", "dust")
        assert status(rule, builder, D) is Status.FAIL, rule
        noise = workplace_test(builder, date(2025, 9, 1), "noise")
        partial = finding(rule, builder, D)
        assert (partial.status, partial.evidence) == (Status.FAIL, ("dust",)), rule
        dust = workplace_test(builder, date(2025, 12, 1), "dust")
        found = finding(rule, builder, D)
        assert found.status is Status.PASS, rule
        assert found.evidence == (dust.id, noise.id), rule
        # Due when the older of the two lapses: noise's, 12 months on.
        assert found.due == date(2026, 9, 1), rule


def test_a_hazard_trade_with_nobody_exposed_still_needs_a_detection() -> None:
    builder = FactsBuilder(profile=enterprise(occupational_hazard_trade=True))
    assert status("HJ2014-22.7", builder, D) is Status.FAIL
    workplace_test(builder, date(2026, 1, 1))
    assert status("HJ2014-22.7", builder, D) is Status.PASS


@covers("HJ2014-22.7", "boundary")
@covers("PRC2021-OD26", "boundary")
@covers("HN2019-OD18", "boundary")
def test_a_detection_counts_for_12_calendar_months() -> None:
    for rule in MONITORING:
        builder, _ = exposed("noise")
        last = workplace_test(builder, date(2025, 6, 1))
        assert status(rule, builder, D) is Status.PASS, rule
        late = finding(rule, builder, D + DAY)
        assert (late.status, late.evidence, late.due) == (Status.FAIL, (last.id,), D), rule


def test_a_serious_hazard_needs_an_evaluation_within_3_years() -> None:
    for rule in MONITORING:
        builder, _ = exposed("benzene")
        over = workplace_test(builder, date(2026, 3, 1), "benzene", exceeded=True)
        found = finding(rule, builder, D)
        assert (found.status, found.evidence) == (Status.FAIL, (over.id,)), rule
        evaluation = workplace_test(builder, date(2023, 6, 1), "benzene", kind="status_evaluation")
        found = finding(rule, builder, D)
        assert (found.status, found.due) == (Status.PASS, date(2026, 6, 1)), rule
        assert evaluation.id in found.evidence
        assert status(rule, builder, D + DAY) is Status.FAIL, rule


def test_results_over_the_limits_long_ago_no_longer_make_the_hazard_serious() -> None:
    builder, _ = exposed("benzene")
    workplace_test(builder, date(2023, 5, 31), "benzene", exceeded=True)
    workplace_test(builder, date(2026, 1, 10), "benzene")
    assert status("HJ2014-22.7", builder, D) is Status.PASS


@covers("HJ2014-22.7", "after_as_of")
@covers("PRC2021-OD26", "after_as_of")
@covers("HN2019-OD18", "after_as_of")
def test_a_detection_after_the_date_is_ignored() -> None:
    for rule in MONITORING:
        builder, _ = exposed("noise")
        later = ignores_later(rule, builder, D, lambda b=builder: workplace_test(b, D + DAY))
        assert later.status is Status.FAIL, rule
        assert status(rule, builder, D + DAY) is Status.PASS, rule


def test_the_next_detection_is_a_deadline() -> None:
    builder, _ = exposed("noise")
    last = workplace_test(builder, date(2025, 11, 15))
    check = monitoring_deadlines(MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS)
    assert [(d.due, d.kind, d.record_id) for d in check(builder.facts(D))] == [
        (date(2026, 11, 15), "workplace_detection_due", last.id)
    ]


# --- Protective equipment ----------------------------------------------------------------


@covers("HJ2014-22.8", "pass", "fail", "not_applicable")
@covers("PRC2021-45.1", "pass", "fail", "not_applicable")
@covers("HN2019-18.1", "pass", "fail", "not_applicable")
def test_every_exposure_holds_equipment_in_its_period() -> None:
    for rule in EQUIPMENT:
        assert status(rule, FactsBuilder(), D) is Status.NOT_APPLICABLE, rule
        builder, person = exposed("noise", "dust")
        issue(builder, person, date(2026, 4, 1), "noise")
        found = finding(rule, builder, D)
        assert (found.status, found.evidence) == (Status.FAIL, (f"{person.id}:dust",)), rule
        issue(builder, person, date(2026, 5, 1), "dust", months=12)
        found = finding(rule, builder, D)
        assert (found.status, found.due) == (Status.PASS, date(2026, 7, 1)), rule


def test_a_hazard_trade_with_nobody_exposed_is_unknown() -> None:
    builder = FactsBuilder(profile=enterprise(occupational_hazard_trade=True))
    for rule in EQUIPMENT:
        assert status(rule, builder, D) is Status.UNKNOWN, rule


@covers("HJ2014-22.8", "boundary")
@covers("PRC2021-45.1", "boundary")
@covers("HN2019-18.1", "boundary")
def test_an_item_counts_to_its_replacement_day() -> None:
    for rule in EQUIPMENT:
        builder, person = exposed("noise")
        issue(builder, person, date(2026, 3, 1), months=3)  # due for replacement on 1 June
        assert status(rule, builder, D) is Status.PASS, rule
        assert status(rule, builder, D + DAY) is Status.FAIL, rule


@covers("HJ2014-22.8", "after_as_of")
@covers("PRC2021-45.1", "after_as_of")
@covers("HN2019-18.1", "after_as_of")
def test_an_issue_after_the_date_is_ignored() -> None:
    for rule in EQUIPMENT:
        builder, person = exposed("noise")
        later = ignores_later(rule, builder, D, lambda b=builder, p=person: issue(b, p, D + DAY))
        assert later.status is Status.FAIL, rule
        assert status(rule, builder, D + DAY) is Status.PASS, rule


def test_an_item_charged_for_counts_only_for_national_law() -> None:
    """安全生产法 art. 45 says 提供; the province's art. 18 and the district's art. 22 say 免费
    (decision 137)."""
    for rule in EQUIPMENT:
        builder, person = exposed("noise")
        issue(builder, person, date(2026, 5, 1), free=False)
        found = finding(rule, builder, D)
        expected = Status.FAIL if rule in FREE_ONLY else Status.PASS
        assert found.status is expected, rule
        if rule in FREE_ONLY:
            assert "免费" in found.message.zh


def test_an_exposure_that_ended_or_a_leaver_needs_nothing() -> None:
    builder = FactsBuilder()
    builder.person(exposures=[("noise", date(2024, 1, 1), date(2025, 1, 1))])
    builder.person(left=date(2025, 1, 1), exposures=[("dust", date(2024, 1, 1), None)])
    assert holdings(builder.facts(D)) == []
    assert status("HJ2014-22.8", builder, D) is Status.NOT_APPLICABLE


# --- Layers ------------------------------------------------------------------------------


def test_three_layers_under_each_shared_duty() -> None:
    """A Huiji enterprise: national, provincial and district law each judge monitoring and
    protective equipment; an item charged for passes national law and fails the others."""
    builder, person = exposed("noise")
    workplace_test(builder, date(2026, 1, 5))
    issue(builder, person, date(2026, 5, 1), free=False)
    evaluation = judge(stack_for("410108001", D), builder.facts(D))
    verdicts = {v.duty.key: v for v in evaluation.duties()}
    monitoring = verdicts["occupational.monitoring"]
    assert {rule.id: f.status for _, rule, f in monitoring.findings} == dict.fromkeys(
        MONITORING, Status.PASS
    )
    assert [pack.id for pack, _, _ in monitoring.findings] == [
        "prc-2021",
        "henan-2019",
        "huiji-2014",
    ]
    equipment = verdicts["protective_equipment"]
    assert {rule.id: f.status for _, rule, f in equipment.findings} == {
        "PRC2021-45.1": Status.PASS,
        "HN2019-18.1": Status.FAIL,
        "HJ2014-22.8": Status.FAIL,
    }
    assert equipment.status is Status.FAIL
    assert equipment.deciding[1].id in FREE_ONLY


def test_a_month_counts_to_the_same_day_or_the_months_last() -> None:
    """31 January + 1 month is 28 February: the item counts through it."""
    builder, person = exposed("dust")
    given = issue(builder, person, date(2026, 1, 31), "dust", months=1)
    assert status("HJ2014-22.8", builder, date(2026, 2, 28)) is Status.PASS
    assert status("HJ2014-22.8", builder, date(2026, 3, 1)) is Status.FAIL
    due = equipment_deadlines(free_only=True)(builder.facts(date(2026, 2, 1)))
    assert [(d.due, d.kind, d.record_id, d.person_id) for d in due] == [
        (date(2026, 2, 28), "protective_equipment_due", given.id, person.id)
    ]


def test_a_charged_item_gives_national_law_a_deadline_and_the_others_none() -> None:
    builder, person = exposed("noise")
    issue(builder, person, date(2026, 5, 1), free=False)
    facts = builder.facts(D)
    assert [d.due for d in equipment_deadlines(free_only=False)(facts)] == [date(2026, 8, 1)]
    assert equipment_deadlines(free_only=True)(facts) == []
