"""Henan art. 29 para 2 (HN2019-29.1): work-safety liability insurance in the sectors the
province names, in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.henan_2019.insurance import insurance_deadlines
from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, InsurancePolicy, enterprise
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

RULE = "HN2019-29.1"
D = date(2025, 6, 1)
NEW_MINIMUM = date(2025, 4, 2)  # 应急〔2025〕27号: 400,000 yuan from then, 300,000 before


def chemicals(people: int = 2) -> FactsBuilder:
    builder = FactsBuilder(profile=enterprise(high_risk_category="hazardous_chemicals"))
    for _ in range(people):
        builder.person()
    return builder


def policy(
    builder: FactsBuilder,
    start: date = date(2025, 1, 1),
    end: date | None = date(2025, 12, 31),
    headcount: int = 2,
    cover: int | None = 400_000,
    temporary: bool = True,
    cancelled: date | None = None,
    policy_type: str = "safety_liability",
) -> InsurancePolicy:
    return builder.add(  # type: ignore[no-any-return]
        "insurance_policies",
        InsurancePolicy(
            **builder.common("ins"),
            policy_type=policy_type,
            insurer="中国人保",
            policy_number=f"PL-{start}",
            valid_from=start,
            valid_to=end,
            insured_headcount=headcount,
            cover_per_person_yuan=cover,
            covers_temporary_and_dispatched=temporary,
            cancelled_on=cancelled,
        ),
    )


@covers(RULE, "pass", "fail", "not_applicable")
def test_fireworks_need_no_policy_but_chemicals_do() -> None:
    fireworks = FactsBuilder(profile=enterprise(high_risk_category="fireworks"))
    assert status(RULE, fireworks, D) is Status.NOT_APPLICABLE
    builder = chemicals()
    assert status(RULE, builder, D) is Status.FAIL
    insured = policy(builder)
    found = finding(RULE, builder, D)
    assert (found.status, found.evidence, found.due) == (
        Status.PASS,
        (insured.id,),
        date(2025, 12, 31),
    )


def test_an_ordinary_manufacturer_need_not_insure() -> None:
    assert status(RULE, FactsBuilder(), D) is Status.NOT_APPLICABLE


@covers(RULE, "boundary")
def test_300000_yuan_suffices_until_the_2025_measures() -> None:
    builder = chemicals()
    policy(builder, cover=300_000)
    assert status(RULE, builder, NEW_MINIMUM - DAY) is Status.PASS
    assert status(RULE, builder, NEW_MINIMUM) is Status.FAIL


def test_a_policy_counts_to_its_last_day() -> None:
    builder = chemicals()
    insured = policy(builder)
    assert status(RULE, builder, date(2025, 12, 31)) is Status.PASS
    assert status(RULE, builder, date(2026, 1, 1)) is Status.FAIL
    assert [(d.due, d.record_id) for d in insurance_deadlines(builder.facts(D))] == [
        (date(2025, 12, 31), insured.id)
    ]


def test_short_headcount_no_temporary_workers_or_no_amount_fail() -> None:
    for terms in ({"headcount": 1}, {"temporary": False}, {"cover": None}):
        builder = chemicals()
        policy(builder, **terms)  # type: ignore[arg-type]
        assert status(RULE, builder, D) is Status.FAIL, terms


def test_work_injury_enrolment_and_a_cancelled_policy_do_not_count() -> None:
    builder = chemicals()
    policy(builder, policy_type="work_injury")
    policy(builder, start=date(2025, 2, 1), cancelled=date(2025, 5, 1))
    assert status(RULE, builder, D) is Status.FAIL


@covers(RULE, "after_as_of")
def test_a_policy_starting_after_the_date_is_ignored() -> None:
    builder = chemicals()
    later = ignores_later(RULE, builder, D, lambda: policy(builder, start=D + DAY))
    assert later.status is Status.FAIL
    assert status(RULE, builder, D + DAY) is Status.PASS


def test_a_cancellation_counts_from_its_day() -> None:
    builder = chemicals()
    policy(builder, cancelled=D + DAY)
    assert status(RULE, builder, D) is Status.PASS
    assert status(RULE, builder, D + DAY) is Status.FAIL
