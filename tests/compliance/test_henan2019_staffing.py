"""Henan art. 14 (HN2019-14.1 staffing, HN2019-14.3 registered engineers) in the five ways
(coverage.py), with packs-next.md's layering cases for the province."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Severity, Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import (
    CREDIT_CODE,
    FactsBuilder,
    MajorHazardSource,
    RegisteredEngineer,
)
from tests.compliance.rule_checks import DAY, day_before, finding, ignores_later, pack_of, status

D = date(2024, 1, 1)
CONSTRUCTION = {"high_risk_category": "construction"}
ROAD_TRANSPORT = {"high_risk_category": "road_transport"}
STAFFING, ENGINEERS = "HN2019-14.1", "HN2019-14.3"


def officers(builder: FactsBuilder, count: int, employment: str = "full_time") -> list[Person]:
    people = [builder.person() for _ in range(count)]
    for person in people:
        builder.officer(person, employment=employment)
    return people


def hazard_source(builder: FactsBuilder, identified: date, filed: date | None = None) -> None:
    builder.add(
        "hazard_sources",
        MajorHazardSource(
            **builder.common("mhs"),
            name="液氨储罐区",
            grade=3,
            location=None,
            identified_on=identified,
            filed_on=filed,
            filing_number="BA-1" if filed else None,
            authority=None,
        ),
    )


# --- HN2019-14.1: high-risk units -------------------------------------------------------------


@covers(STAFFING, "pass", "fail", "boundary")
def test_full_time_officers_of_2_percent_are_rounded_up() -> None:
    builder = FactsBuilder()
    officers(builder, 3)
    at = finding(STAFFING, builder, D, employee_count=150, **CONSTRUCTION)
    assert (at.status, at.branch, at.severity) == (Status.PASS, "high_risk", Severity.CRITICAL)
    over = finding(STAFFING, builder, D, employee_count=151, **CONSTRUCTION)
    assert (over.status, over.severity) == (Status.FAIL, Severity.CRITICAL)
    assert "at least 4 full-time" in over.message.en


@covers(STAFFING, "boundary")
def test_fifty_employees_are_already_fifty_or_more() -> None:
    """五十人以上 includes 50: a body with relatively independent functions suffices from 50,
    while at 49 a full-time officer is what counts."""
    builder = FactsBuilder()
    builder.body(independent_functions=True)
    below = finding(STAFFING, builder, D, employee_count=49, **CONSTRUCTION)
    assert (below.status, below.branch) == (Status.FAIL, "high_risk_under_threshold")
    at = finding(STAFFING, builder, D, employee_count=50, **CONSTRUCTION)
    assert (at.status, at.branch) == (Status.PASS, "high_risk")
    officers(builder, 1)
    assert status(STAFFING, builder, D, employee_count=49, **CONSTRUCTION) is Status.PASS


def test_part_time_officers_do_not_count_in_a_small_high_risk_unit() -> None:
    builder = FactsBuilder()
    officers(builder, 2, employment="part_time")
    assert status(STAFFING, builder, D, employee_count=20, **ROAD_TRANSPORT) is Status.FAIL


def test_a_construction_firm_of_200_layering_cases() -> None:
    """packs-next.md: a body with relatively independent functions and 3 full-time officers
    passes; no body and 3 full-time officers fails (2 % of 200 is 4)."""
    with_body = FactsBuilder()
    with_body.body(independent_functions=True)
    officers(with_body, 3)
    assert status(STAFFING, with_body, D, employee_count=200, **CONSTRUCTION) is Status.PASS
    assert status("HJ2014-17.1", with_body, D, employee_count=200, **CONSTRUCTION) is Status.PASS

    without = FactsBuilder()
    officers(without, 3)
    failing = finding(STAFFING, without, D, employee_count=200, **CONSTRUCTION)
    assert failing.status is Status.FAIL
    assert "at least 4 full-time safety officers (now 3)" in failing.message.en


def test_only_a_body_set_up_with_independent_functions_stands_for_the_officers() -> None:
    for form, independent, expected in (
        ("established", False, Status.FAIL),
        ("designated", True, Status.FAIL),  # designated (指定) is not set up (设置)
        ("designated", None, Status.FAIL),
        ("established", None, Status.UNKNOWN),  # not stated: record it to decide
        ("established", True, Status.PASS),
    ):
        builder = FactsBuilder()
        builder.body(form=form, independent_functions=independent)
        officers(builder, 3)
        found = finding(STAFFING, builder, D, employee_count=200, **CONSTRUCTION)
        assert found.status is expected, (form, independent)
    assert "relatively independent functions" in found.message.en


def test_high_risk_by_industry_code_and_by_a_major_hazard_source() -> None:
    builder = FactsBuilder()
    officers(builder, 1)
    # 60 employees, one full-time officer: enough for another unit, not for a high-risk one.
    assert status(STAFFING, builder, D, employee_count=60) is Status.PASS
    assert status(STAFFING, builder, D, employee_count=60, industry_code="E4710") is Status.FAIL
    # A category the province does not list falls back to the code (C3311: not high-risk).
    loading = {"high_risk_category": "dangerous_goods_loading", "employee_count": 60}
    assert status(STAFFING, builder, D, **loading) is Status.PASS
    hazard_source(builder, identified=D)
    found = finding(STAFFING, builder, D, employee_count=60)
    assert (found.status, found.branch) == (Status.FAIL, "high_risk")
    assert "major_hazard_source" in found.message.en


@covers(STAFFING, "after_as_of")
def test_a_major_hazard_source_identified_after_the_date_is_ignored() -> None:
    builder = FactsBuilder()
    officers(builder, 1)
    later = ignores_later(
        STAFFING, builder, D, lambda: hazard_source(builder, identified=D + DAY), employee_count=60
    )
    assert (later.status, later.branch) == (Status.PASS, "others_up_to_threshold")
    assert status(STAFFING, builder, D + DAY, employee_count=60) is Status.FAIL


@covers(STAFFING, "after_as_of")
def test_an_officer_appointed_after_the_date_is_ignored() -> None:
    builder = FactsBuilder()
    officers(builder, 3)
    later = ignores_later(
        STAFFING,
        builder,
        D,
        lambda: builder.officer(builder.person(), on=D + DAY),
        employee_count=200,
        **CONSTRUCTION,
    )
    assert later.status is Status.FAIL
    assert status(STAFFING, builder, D + DAY, employee_count=200, **CONSTRUCTION) is Status.PASS


# --- HN2019-14.1: other units -----------------------------------------------------------------


@covers(STAFFING, "pass", "fail", "boundary")
def test_other_units_turn_at_101_employees() -> None:
    builder = FactsBuilder()
    officers(builder, 1, employment="part_time")
    at = finding(STAFFING, builder, D, employee_count=100)
    assert (at.status, at.branch, at.severity) == (
        Status.PASS,
        "others_up_to_threshold",
        Severity.MAJOR,
    )
    over = finding(STAFFING, builder, D, employee_count=101)
    assert (over.status, over.branch, over.severity) == (Status.FAIL, "others", Severity.MAJOR)


def test_a_manufacturer_of_150_layering_case() -> None:
    """packs-next.md: a designated body and one part-time officer pass the district's rule
    (≤ 300) and fail the province's (> 100: at least 2 full-time)."""
    builder = FactsBuilder()
    builder.body(form="designated")
    officers(builder, 1, employment="part_time")
    assert status("HJ2014-17.1", builder, D, employee_count=150) is Status.PASS
    assert status(STAFFING, builder, D, employee_count=150) is Status.FAIL


def test_two_full_time_officers_even_with_a_body() -> None:
    """The stricter reading (decision 110): a body set up does not replace the two."""
    builder = FactsBuilder()
    builder.body(independent_functions=True)
    officers(builder, 1)
    assert status(STAFFING, builder, D, employee_count=150) is Status.FAIL
    officers(builder, 1)
    assert status(STAFFING, builder, D, employee_count=150) is Status.PASS


def test_no_officer_at_all_and_an_unknown_headcount() -> None:
    builder = FactsBuilder()
    assert status(STAFFING, builder, D, employee_count=10) is Status.FAIL
    assert status(STAFFING, builder, D, employee_count=None) is Status.UNKNOWN


@covers(STAFFING, "not_applicable")
def test_the_province_applies_from_1_october_2019() -> None:
    builder = FactsBuilder()
    pack = pack_of(STAFFING)
    assert status(STAFFING, builder, day_before(pack), employee_count=10) is Status.NOT_APPLICABLE
    assert status(STAFFING, builder, pack.effective_from, employee_count=10) is Status.FAIL


# --- HN2019-14.3 --------------------------------------------------------------------------


def registration(
    builder: FactsBuilder,
    person: Person,
    valid_from: date = date(2022, 1, 1),
    valid_to: date = date(2026, 12, 31),
    level: str = "intermediate",
) -> None:
    builder.add(
        "engineers",
        RegisteredEngineer(
            **builder.common("rse"),
            person_id=person.id,
            registration_number="R-1",
            level=level,
            specialty="construction",
            employer_credit_code=CREDIT_CODE,
            valid_from=valid_from,
            valid_to=valid_to,
        ),
    )


@covers(ENGINEERS, "pass", "fail", "boundary")
def test_a_registration_counts_to_its_last_valid_day() -> None:
    builder = FactsBuilder()
    (officer,) = officers(builder, 1)
    registration(builder, officer, valid_to=D)
    at = finding(ENGINEERS, builder, D, **CONSTRUCTION)
    assert (at.status, at.due) == (Status.PASS, D)
    assert status(ENGINEERS, builder, D + DAY, **CONSTRUCTION) is Status.FAIL


@covers(ENGINEERS, "not_applicable")
def test_road_transport_and_ordinary_units_need_no_engineer() -> None:
    builder = FactsBuilder()
    assert status(ENGINEERS, builder, D, **ROAD_TRANSPORT) is Status.NOT_APPLICABLE
    assert status(STAFFING, builder, D, employee_count=20, **ROAD_TRANSPORT) is Status.FAIL
    assert status(ENGINEERS, builder, D) is Status.NOT_APPLICABLE
    hazard_source(builder, identified=D)
    assert status(ENGINEERS, builder, D) is Status.FAIL


def test_only_an_officer_registered_here_at_a_counting_level() -> None:
    builder = FactsBuilder()
    (officer,) = officers(builder, 1)
    registration(builder, builder.person())  # not a safety officer
    assert status(ENGINEERS, builder, D, **CONSTRUCTION) is Status.FAIL
    registration(builder, officer, level="assistant")
    assistant = finding(ENGINEERS, builder, D, **CONSTRUCTION)
    assert (assistant.status, assistant.severity) == (Status.FAIL, Severity.MAJOR)
    assert "assistant" in assistant.message.en
    registration(builder, officer, level="senior")
    assert status(ENGINEERS, builder, D, **CONSTRUCTION) is Status.PASS


@covers(ENGINEERS, "after_as_of")
def test_a_registration_starting_after_the_date_is_ignored() -> None:
    builder = FactsBuilder()
    (officer,) = officers(builder, 1)
    later = ignores_later(
        ENGINEERS,
        builder,
        D,
        lambda: registration(builder, officer, valid_from=D + DAY),
        **CONSTRUCTION,
    )
    assert later.status is Status.FAIL
    assert status(ENGINEERS, builder, D + DAY, **CONSTRUCTION) is Status.PASS
