"""Art. 17 (HJ2014-17.1 to 17.3): the aspects the other tests do not show (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import CREDIT_CODE, FactsBuilder, RegisteredEngineer
from tests.compliance.rule_checks import BEFORE_PACK, DAY, PACK, finding, ignores_later, status

D = date(2024, 1, 1)
HIGH_RISK = {"high_risk_category": "hazardous_chemicals"}


def staffed(builder: FactsBuilder, full_time: int = 1) -> None:
    """A safety body set up and `full_time` full-time officers, all since 2015."""
    builder.body()
    for _ in range(full_time):
        builder.officer(builder.person())


def engineer(builder: FactsBuilder, person: Person, valid_from: date, valid_to: date) -> None:
    builder.add(
        "engineers",
        RegisteredEngineer(
            **builder.common("rse"),
            person_id=person.id,
            registration_number="R-1",
            level="intermediate",
            specialty="chemical",
            employer_credit_code=CREDIT_CODE,
            valid_from=valid_from,
            valid_to=valid_to,
        ),
    )


# --- HJ2014-17.1 -------------------------------------------------------------------------


@covers("HJ2014-17.1", "pass", "fail", "boundary")
def test_hj2014_17_1_one_officer_passes_at_300_employees_and_fails_at_301() -> None:
    builder = FactsBuilder()
    staffed(builder)
    at = finding("HJ2014-17.1", builder, D, employee_count=300)
    assert (at.status, at.branch) == (Status.PASS, "second")
    over = finding("HJ2014-17.1", builder, D, employee_count=301)
    assert (over.status, over.branch) == (Status.FAIL, "first")


@covers("HJ2014-17.1", "not_applicable")
def test_hj2014_17_1_does_not_apply_before_the_pack() -> None:
    builder = FactsBuilder()
    assert status("HJ2014-17.1", builder, BEFORE_PACK) is Status.NOT_APPLICABLE
    assert status("HJ2014-17.1", builder, PACK.effective_from) is Status.FAIL


@covers("HJ2014-17.1", "after_as_of")
def test_hj2014_17_1_a_second_officer_appointed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    staffed(builder)
    later = ignores_later(
        "HJ2014-17.1",
        builder,
        D,
        lambda: builder.officer(builder.person(), on=D + DAY),
        employee_count=301,
    )
    assert later.status is Status.FAIL
    assert status("HJ2014-17.1", builder, D + DAY, employee_count=301) is Status.PASS


# --- HJ2014-17.2 -------------------------------------------------------------------------


@covers("HJ2014-17.2", "pass", "fail", "boundary")
def test_hj2014_17_2_a_registration_counts_to_its_last_valid_day() -> None:
    builder = FactsBuilder()
    officer = builder.person()
    builder.officer(officer, on=date(2019, 1, 1))
    engineer(builder, officer, date(2021, 1, 1), date(2025, 12, 31))
    assert status("HJ2014-17.2", builder, date(2025, 12, 31), **HIGH_RISK) is Status.PASS
    assert status("HJ2014-17.2", builder, date(2026, 1, 1), **HIGH_RISK) is Status.FAIL


@covers("HJ2014-17.2", "not_applicable", "boundary")
def test_hj2014_17_2_binds_high_risk_enterprises_from_2016() -> None:
    builder = FactsBuilder()
    staffed(builder, full_time=2)
    assert status("HJ2014-17.2", builder, date(2015, 12, 31), **HIGH_RISK) is (
        Status.NOT_APPLICABLE
    )
    assert status("HJ2014-17.2", builder, date(2016, 1, 1), **HIGH_RISK) is Status.FAIL
    assert status("HJ2014-17.2", builder, date(2016, 1, 1)) is Status.NOT_APPLICABLE


@covers("HJ2014-17.2", "after_as_of")
def test_hj2014_17_2_a_registration_valid_from_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    officer = builder.person()
    builder.officer(officer, on=date(2019, 1, 1))
    later = ignores_later(
        "HJ2014-17.2",
        builder,
        D,
        lambda: engineer(builder, officer, D + DAY, date(2028, 12, 31)),
        **HIGH_RISK,
    )
    assert later.status is Status.FAIL
    assert status("HJ2014-17.2", builder, D + DAY, **HIGH_RISK) is Status.PASS


# --- HJ2014-17.3 -------------------------------------------------------------------------


def two_departments(builder: FactsBuilder) -> None:
    """People in departments A and B; A has its officer since 2015, B none yet."""
    builder.body()
    builder.person(department="B")
    officer = builder.person(department="A")
    builder.officer(officer, department="A")


def officer_for_b(builder: FactsBuilder, on: date) -> None:
    builder.officer(builder.person(department="B"), on=on, department="B")


@covers("HJ2014-17.3", "pass", "fail", "boundary")
def test_hj2014_17_3_a_department_is_staffed_from_its_officers_appointment_day() -> None:
    builder = FactsBuilder()
    two_departments(builder)
    officer_for_b(builder, date(2024, 3, 1))
    before = finding("HJ2014-17.3", builder, date(2024, 2, 29), employee_count=301)
    assert (before.status, before.evidence) == (Status.FAIL, ("B",))
    assert status("HJ2014-17.3", builder, date(2024, 3, 1), employee_count=301) is Status.PASS


@covers("HJ2014-17.3", "not_applicable", "boundary")
def test_hj2014_17_3_applies_over_300_employees_and_only_with_departments() -> None:
    builder = FactsBuilder()
    two_departments(builder)
    assert status("HJ2014-17.3", builder, D, employee_count=300) is Status.NOT_APPLICABLE
    assert status("HJ2014-17.3", builder, D, employee_count=301) is Status.FAIL
    no_departments = FactsBuilder()
    staffed(no_departments, full_time=2)
    assert status("HJ2014-17.3", no_departments, D, employee_count=301) is (Status.NOT_APPLICABLE)


@covers("HJ2014-17.3", "after_as_of")
def test_hj2014_17_3_an_officer_appointed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    two_departments(builder)
    later = ignores_later(
        "HJ2014-17.3", builder, D, lambda: officer_for_b(builder, D + DAY), employee_count=301
    )
    assert later.status is Status.FAIL
    assert status("HJ2014-17.3", builder, D + DAY, employee_count=301) is Status.PASS
