"""National law art. 28 (PRC2021-28.1 to 28.3): training before work, every year, and the
principal's and safety officers' training, each shown in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

HIRED = date(2024, 3, 1)
BEFORE = date(2021, 8, 31)
CHEMICALS = {"high_risk_category": "hazardous_chemicals"}
CONSTRUCTION = {"industry_code": "E4710", "high_risk_category": None}


def inducted(builder: FactsBuilder, person: Person, hours: str = "8", ended: date = HIRED) -> None:
    for level in ("company_level", "workshop_level", "team_level"):
        builder.training(level, ended, hours, [person])


# --- PRC2021-28.1 ----------------------------------------------------------------------------


@covers("PRC2021-28.1", "pass", "fail", "boundary")
def test_prc2021_28_1_training_ending_on_the_first_day_counts_the_day_after_does_not() -> None:
    for ended, expected in ((HIRED, Status.PASS), (HIRED + DAY, Status.FAIL)):
        builder = FactsBuilder()
        inducted(builder, builder.person(hired=HIRED), ended=ended)
        assert status("PRC2021-28.1", builder, date(2024, 6, 1)) is expected, ended


def test_prc2021_28_1_the_hours_follow_the_sector() -> None:
    builder = FactsBuilder()
    person = builder.person(hired=HIRED)
    inducted(builder, person)  # 24 hours
    assert status("PRC2021-28.1", builder, HIRED) is Status.PASS
    found = finding("PRC2021-28.1", builder, HIRED, **CHEMICALS)  # 72
    assert (found.status, found.evidence, found.due) == (Status.FAIL, (person.id,), HIRED)
    assert status("PRC2021-28.1", builder, HIRED, **CONSTRUCTION) is Status.FAIL  # 32


@covers("PRC2021-28.1", "not_applicable")
def test_prc2021_28_1_people_hired_before_the_2021_law_are_not_judged() -> None:
    builder = FactsBuilder()
    builder.person(hired=BEFORE)
    assert status("PRC2021-28.1", builder, HIRED) is Status.NOT_APPLICABLE
    builder.person(hired=BEFORE + DAY)
    assert status("PRC2021-28.1", builder, HIRED) is Status.FAIL


@covers("PRC2021-28.1", "after_as_of")
def test_prc2021_28_1_a_hire_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    inducted(builder, builder.person(hired=HIRED))
    later = ignores_later("PRC2021-28.1", builder, HIRED, lambda: builder.person(hired=HIRED + DAY))
    assert later.status is Status.PASS
    assert status("PRC2021-28.1", builder, HIRED + DAY) is Status.FAIL


# --- PRC2021-28.2 ----------------------------------------------------------------------------


@covers("PRC2021-28.2", "pass", "fail", "boundary")
def test_prc2021_28_2_the_year_is_judged_from_1_january_of_the_next() -> None:
    builder = FactsBuilder()
    person = builder.person(hired=date(2018, 1, 1))
    builder.training("annual", date(2023, 12, 31), "8", [person])
    assert status("PRC2021-28.2", builder, date(2024, 12, 31)) is Status.PASS  # 2023 judged
    found = finding("PRC2021-28.2", builder, date(2025, 1, 1))  # 2024 judged: none
    assert (found.status, found.evidence, found.due) == (
        Status.FAIL,
        (person.id,),
        date(2024, 12, 31),
    )


def test_prc2021_28_2_construction_needs_20_hours() -> None:
    builder = FactsBuilder()
    person = builder.person(hired=date(2018, 1, 1))
    builder.training("annual", date(2023, 6, 1), "8", [person])
    assert status("PRC2021-28.2", builder, date(2024, 6, 1), **CONSTRUCTION) is Status.FAIL


@covers("PRC2021-28.2", "not_applicable")
def test_prc2021_28_2_waits_for_the_first_complete_year_under_the_law() -> None:
    builder = FactsBuilder()
    builder.person(hired=date(2018, 1, 1))
    assert status("PRC2021-28.2", builder, date(2022, 12, 31)) is Status.NOT_APPLICABLE
    assert status("PRC2021-28.2", builder, date(2023, 1, 1)) is Status.FAIL


@covers("PRC2021-28.2", "after_as_of")
def test_prc2021_28_2_a_leave_recorded_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = builder.person(hired=date(2018, 1, 1))
    day = date(2024, 6, 1)

    def leave() -> None:
        person.leave_date = day + DAY

    later = ignores_later("PRC2021-28.2", builder, day, leave)
    assert later.status is Status.FAIL


# --- PRC2021-28.3 ----------------------------------------------------------------------------

TOOK_OFFICE = date(2022, 1, 1)


def principal_trained(builder: FactsBuilder) -> Person:
    """A principal since 2022 with the initial training (ended 2022-01-10) and the first
    year's re-training."""
    principal = builder.person()
    builder.principal(principal, on=TOOK_OFFICE)
    builder.training("principal_initial", date(2022, 1, 10), "32", [principal])
    builder.training("principal_annual", date(2022, 11, 1), "12", [principal])
    return principal


@covers("PRC2021-28.3", "pass", "fail", "boundary")
def test_prc2021_28_3_a_years_re_training_is_due_by_the_anniversary() -> None:
    builder = FactsBuilder()
    principal = principal_trained(builder)
    passed = finding("PRC2021-28.3", builder, date(2024, 1, 9))
    assert (passed.status, passed.due) == (Status.PASS, date(2024, 1, 10))
    found = finding("PRC2021-28.3", builder, date(2024, 1, 10))
    assert (found.status, found.evidence, found.due) == (
        Status.FAIL,
        (principal.id,),
        date(2024, 1, 10),
    )


def test_prc2021_28_3_training_high_risk_sectors_need_48_initial_hours() -> None:
    builder = FactsBuilder()
    principal_trained(builder)
    assert status("PRC2021-28.3", builder, date(2022, 6, 1)) is Status.PASS
    assert status("PRC2021-28.3", builder, date(2022, 6, 1), **CHEMICALS) is Status.FAIL


@covers("PRC2021-28.3", "not_applicable")
def test_prc2021_28_3_does_not_apply_before_the_2021_amendment() -> None:
    builder = FactsBuilder()
    builder.principal(builder.person(), on=date(2020, 1, 1))
    assert status("PRC2021-28.3", builder, BEFORE) is Status.NOT_APPLICABLE
    assert status("PRC2021-28.3", builder, BEFORE + DAY) is Status.FAIL


@covers("PRC2021-28.3", "after_as_of")
def test_prc2021_28_3_initial_training_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    principal = builder.person()
    builder.principal(principal, on=TOOK_OFFICE)
    day = date(2022, 6, 1)
    later = ignores_later(
        "PRC2021-28.3",
        builder,
        day,
        lambda: builder.training("principal_initial", day + DAY, "32", [principal]),
    )
    assert (later.status, later.due) == (Status.FAIL, TOOK_OFFICE)
    assert status("PRC2021-28.3", builder, day + DAY) is Status.PASS
