"""National law art. 51 (PRC2021-51.0 work-injury insurance, PRC2021-51.1 work-safety
liability insurance), each shown in the five ways (coverage.py), with packs-next.md's cases:
a hazardous-chemicals firm and a fireworks firm without liability insurance fail 51.1."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import judge
from app.compliance.rules import Status
from app.compliance.stack import alone
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, InsurancePolicy
from tests.compliance.rule_checks import DAY, finding, ignores_later, pack_of, status

D = date(2025, 6, 1)
BEFORE = date(2021, 8, 31)  # the day before the 2021 amendment
START, END = date(2025, 1, 1), date(2025, 12, 31)
CHEMICALS = {"high_risk_category": "hazardous_chemicals"}
FIREWORKS = {"high_risk_category": "fireworks"}
MANUFACTURER = {"high_risk_category": None, "industry_code": "C3311"}


def staffed(people: int = 3) -> FactsBuilder:
    builder = FactsBuilder()
    for _ in range(people):
        builder.person()
    return builder


def work_injury(builder: FactsBuilder, headcount: int = 3, **kwargs: object) -> InsurancePolicy:
    return builder.policy("work_injury", START, END, headcount, None, **kwargs)  # type: ignore[arg-type]


def liability(builder: FactsBuilder, headcount: int = 3, **kwargs: object) -> InsurancePolicy:
    return builder.policy("safety_liability", START, END, headcount, **kwargs)  # type: ignore[arg-type]


def deadlines(rule_id: str, builder: FactsBuilder, day: date, **profile: object) -> list[tuple]:
    evaluation = judge(alone(pack_of(rule_id)), builder.facts(day, **profile))
    return [(d.kind, d.due, d.record_id) for r, d in evaluation.deadlines if r.id == rule_id]


# --- PRC2021-51.0 ----------------------------------------------------------------------------


@covers("PRC2021-51.0", "pass", "fail", "boundary")
def test_prc2021_51_0_an_enrolment_covers_its_period_and_no_later() -> None:
    builder = staffed()
    record = work_injury(builder)
    passed = finding("PRC2021-51.0", builder, END)
    assert (passed.status, passed.evidence, passed.due) == (Status.PASS, (record.id,), END)
    assert status("PRC2021-51.0", builder, END + DAY) is Status.FAIL
    assert status("PRC2021-51.0", builder, START - DAY) is Status.FAIL
    assert deadlines("PRC2021-51.0", builder, D) == [("insurance_expiry", END, record.id)]


@covers("PRC2021-51.0", "fail", "boundary")
def test_prc2021_51_0_the_insured_headcount_covers_everyone_in_service() -> None:
    builder = staffed(3)
    record = work_injury(builder, headcount=2)
    found = finding("PRC2021-51.0", builder, D)
    assert (found.status, found.evidence) == (Status.FAIL, (record.id,))
    assert "1 short" in found.message.en
    work_injury(builder, headcount=1)  # a branch's enrolment adds up
    assert status("PRC2021-51.0", builder, D) is Status.PASS


@covers("PRC2021-51.0", "fail", "boundary")
def test_prc2021_51_0_a_cancelled_enrolment_stops_covering_on_its_cancellation_day() -> None:
    builder = staffed()
    work_injury(builder, cancelled=D)
    assert status("PRC2021-51.0", builder, D - DAY) is Status.PASS
    assert status("PRC2021-51.0", builder, D) is Status.FAIL
    assert status("PRC2021-51.0", FactsBuilder(), D) is Status.FAIL  # none at all


@covers("PRC2021-51.0", "not_applicable")
def test_prc2021_51_0_does_not_apply_before_the_2021_amendment() -> None:
    builder = FactsBuilder()
    assert status("PRC2021-51.0", builder, BEFORE) is Status.NOT_APPLICABLE
    assert status("PRC2021-51.0", builder, BEFORE + DAY) is Status.FAIL


@covers("PRC2021-51.0", "after_as_of")
def test_prc2021_51_0_a_cancellation_recorded_after_d_is_ignored() -> None:
    builder = staffed()
    record = work_injury(builder)
    later = ignores_later(
        "PRC2021-51.0", builder, D, lambda: setattr(record, "cancelled_on", D + DAY)
    )
    assert later.status is Status.PASS
    assert status("PRC2021-51.0", builder, D + DAY) is Status.FAIL


# --- PRC2021-51.1 ----------------------------------------------------------------------------


@covers("PRC2021-51.1", "fail")
def test_prc2021_51_1_chemicals_and_fireworks_firms_without_liability_insurance_fail() -> None:
    builder = staffed()
    work_injury(builder)  # work-injury insurance is not liability insurance
    for profile in (CHEMICALS, FIREWORKS):
        found = finding("PRC2021-51.1", builder, D, **profile)
        assert (found.status, found.evidence) == (Status.FAIL, ()), profile


@covers("PRC2021-51.1", "pass", "boundary")
def test_prc2021_51_1_a_policy_in_force_covering_everyone_passes_until_it_expires() -> None:
    builder = staffed()
    record = liability(builder)
    passed = finding("PRC2021-51.1", builder, END, **CHEMICALS)
    assert (passed.status, passed.evidence, passed.due) == (Status.PASS, (record.id,), END)
    assert passed.provisional  # the sector list and the minimum come from secondary sources
    assert status("PRC2021-51.1", builder, END + DAY, **CHEMICALS) is Status.FAIL
    assert deadlines("PRC2021-51.1", builder, D, **CHEMICALS) == [
        ("insurance_expiry", END, record.id)
    ]
    assert deadlines("PRC2021-51.1", builder, D, **MANUFACTURER) == []


@covers("PRC2021-51.1", "fail", "boundary")
def test_prc2021_51_1_the_minimum_cover_rises_to_400000_on_2025_04_02() -> None:
    builder = staffed()
    liability(builder, cover=300_000)
    assert status("PRC2021-51.1", builder, date(2025, 4, 1), **CHEMICALS) is Status.PASS
    found = finding("PRC2021-51.1", builder, date(2025, 4, 2), **CHEMICALS)
    assert found.status is Status.FAIL
    assert "400000" in found.message.en


@covers("PRC2021-51.1", "fail", "boundary")
def test_prc2021_51_1_cover_headcount_and_temporary_workers() -> None:
    builder = staffed(3)
    record = liability(builder, cover=399_999)
    assert status("PRC2021-51.1", builder, D, **CHEMICALS) is Status.FAIL
    record.cover_per_person_yuan = 400_000
    assert status("PRC2021-51.1", builder, D, **CHEMICALS) is Status.PASS
    record.insured_headcount = 2
    assert "1 short" in finding("PRC2021-51.1", builder, D, **CHEMICALS).message.en
    record.insured_headcount = 3
    record.covers_temporary_and_dispatched = False
    found = finding("PRC2021-51.1", builder, D, **CHEMICALS)
    assert (found.status, found.evidence) == (Status.FAIL, (record.id,))
    assert "temporary" in found.message.en


def test_prc2021_51_1_a_cover_not_recorded_is_unknown() -> None:
    builder = staffed()
    record = liability(builder, cover=None)
    found = finding("PRC2021-51.1", builder, D, **CHEMICALS)
    assert (found.status, found.evidence) == (Status.UNKNOWN, (record.id,))


@covers("PRC2021-51.1", "fail", "boundary")
def test_prc2021_51_1_a_policy_cancelled_mid_term_fails_from_that_day() -> None:
    builder = staffed()
    liability(builder, cancelled=D)
    assert status("PRC2021-51.1", builder, D - DAY, **FIREWORKS) is Status.PASS
    assert status("PRC2021-51.1", builder, D, **FIREWORKS) is Status.FAIL


@covers("PRC2021-51.1", "not_applicable")
def test_prc2021_51_1_does_not_apply_outside_the_named_sectors() -> None:
    builder = staffed()
    assert status("PRC2021-51.1", builder, D, **MANUFACTURER) is Status.NOT_APPLICABLE
    assert status("PRC2021-51.1", builder, BEFORE, **CHEMICALS) is Status.NOT_APPLICABLE


def test_prc2021_51_1_sectors_by_industry_code_where_none_is_declared() -> None:
    builder = staffed()
    for code in ("A0421", "G5430", "B0610", "E4710"):  # fishing, road, coal, construction
        assert status("PRC2021-51.1", builder, D, industry_code=code) is Status.FAIL, code
    assert status("PRC2021-51.1", builder, D, industry_code="A0411") is Status.NOT_APPLICABLE


@covers("PRC2021-51.1", "after_as_of")
def test_prc2021_51_1_a_policy_taken_out_after_d_is_ignored() -> None:
    builder = staffed()
    later = ignores_later(
        "PRC2021-51.1",
        builder,
        D,
        lambda: builder.policy("safety_liability", D + DAY, END, 3),
        **CHEMICALS,
    )
    assert later.status is Status.FAIL
