"""National law arts. 24, 27 and 30 (PRC2021-24.1, 27.2, 27.3, 30.1), each shown in the five
ways (coverage.py), with packs-next.md's staffing cases."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Severity, Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import (
    CREDIT_CODE,
    AssessmentCertificate,
    FactsBuilder,
    OperationAssignment,
    RegisteredEngineer,
    SpecialOperationCertificate,
)
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

D = date(2024, 6, 1)
BEFORE = date(2021, 8, 31)  # the day before the 2021 amendment
MANUFACTURER = {"industry_code": "C3311", "high_risk_category": None}
CONSTRUCTION = {"industry_code": "E4710", "high_risk_category": None}
CHEMICALS = {"high_risk_category": "hazardous_chemicals"}


# --- PRC2021-24.1 ----------------------------------------------------------------------------


@covers("PRC2021-24.1", "fail")
def test_prc2021_24_1_a_manufacturer_of_150_with_a_designated_body_and_a_part_timer_fails() -> None:
    """packs-next.md: the district's 17.1 passes it (≤ 300), national law does not (> 100)."""
    builder = FactsBuilder()
    builder.body(form="designated")
    builder.officer(builder.person(), employment="part_time")
    found = finding("PRC2021-24.1", builder, D, employee_count=150, **MANUFACTURER)
    assert (found.status, found.branch, found.severity) == (
        Status.FAIL,
        "over_threshold",
        Severity.CRITICAL,
    )
    assert status("HJ2014-17.1", builder, D, employee_count=150, **MANUFACTURER) is Status.PASS


def test_prc2021_24_1_with_no_body_at_all_the_district_fails_it_too() -> None:
    builder = FactsBuilder()
    builder.officer(builder.person(), employment="part_time")
    profile = {"employee_count": 150, **MANUFACTURER}
    assert status("PRC2021-24.1", builder, D, **profile) is Status.FAIL
    assert status("HJ2014-17.1", builder, D, **profile) is Status.FAIL


@covers("PRC2021-24.1", "pass")
def test_prc2021_24_1_a_construction_firm_of_200_with_a_body_and_3_full_timers_passes() -> None:
    builder = FactsBuilder()
    builder.body()
    for _ in range(3):
        builder.officer(builder.person())
    found = finding("PRC2021-24.1", builder, D, employee_count=200, **CONSTRUCTION)
    assert (found.status, found.branch) == (Status.PASS, "high_risk")
    assert status("HJ2014-17.1", builder, D, employee_count=200, **CONSTRUCTION) is Status.PASS


def test_prc2021_24_1_a_high_risk_unit_of_any_size_needs_a_body_or_a_full_timer() -> None:
    builder = FactsBuilder()
    builder.officer(builder.person(), employment="part_time")
    found = finding("PRC2021-24.1", builder, D, employee_count=10, **CHEMICALS)
    assert (found.status, found.branch) == (Status.FAIL, "high_risk")
    builder.officer(builder.person())  # one full-time officer and no body is enough
    assert status("PRC2021-24.1", builder, D, employee_count=10, **CHEMICALS) is Status.PASS


@covers("PRC2021-24.1", "boundary")
def test_prc2021_24_1_a_part_timer_suffices_at_100_employees_not_at_101() -> None:
    builder = FactsBuilder()
    builder.officer(builder.person(), employment="part_time")
    at = finding("PRC2021-24.1", builder, D, employee_count=100, **MANUFACTURER)
    assert (at.status, at.branch, at.severity) == (Status.PASS, "small", Severity.MAJOR)
    over = finding("PRC2021-24.1", builder, D, employee_count=101, **MANUFACTURER)
    assert (over.status, over.branch) == (Status.FAIL, "over_threshold")


def test_prc2021_24_1_without_the_count_a_unit_off_the_list_is_unknown() -> None:
    builder = FactsBuilder()
    assert status("PRC2021-24.1", builder, D, employee_count=None) is Status.UNKNOWN
    assert status("PRC2021-24.1", builder, D, employee_count=None, **CHEMICALS) is Status.FAIL


@covers("PRC2021-24.1", "not_applicable")
def test_prc2021_24_1_does_not_apply_before_the_2021_amendment() -> None:
    builder = FactsBuilder()
    assert status("PRC2021-24.1", builder, BEFORE) is Status.NOT_APPLICABLE
    assert status("PRC2021-24.1", builder, BEFORE + DAY) is Status.FAIL


@covers("PRC2021-24.1", "after_as_of")
def test_prc2021_24_1_an_officer_appointed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = builder.person()
    later = ignores_later(
        "PRC2021-24.1", builder, D, lambda: builder.officer(person, on=D + DAY), **CHEMICALS
    )
    assert later.status is Status.FAIL
    assert status("PRC2021-24.1", builder, D + DAY, **CHEMICALS) is Status.PASS


# --- PRC2021-27.2 ----------------------------------------------------------------------------


def assessment(
    builder: FactsBuilder, person: Person, role: str, passed: date, expires: date | None = None
) -> AssessmentCertificate:
    return builder.add(  # type: ignore[no-any-return]
        "assessments",
        AssessmentCertificate(
            **builder.common("asc"),
            person_id=person.id,
            assessed_role=role,
            certificate_number=f"K-{passed}",
            issuing_authority="郑州市应急管理局",
            passed_on=passed,
            expires_on=expires,
        ),
    )


def managed(builder: FactsBuilder, since: date = date(2020, 1, 1)) -> tuple[Person, Person]:
    """A principal and a full-time officer in post since `since`."""
    principal, officer = builder.person(), builder.person()
    builder.principal(principal, on=since)
    builder.officer(officer, on=since)
    return principal, officer


@covers("PRC2021-27.2", "pass", "fail")
def test_prc2021_27_2_the_principal_lacking_is_critical_an_officer_lacking_major() -> None:
    builder = FactsBuilder()
    principal, officer = managed(builder)
    assessment(builder, officer, "safety_officer", date(2023, 1, 1))
    found = finding("PRC2021-27.2", builder, D, **CONSTRUCTION)
    assert (found.status, found.severity, found.evidence) == (
        Status.FAIL,
        Severity.CRITICAL,
        (principal.id,),
    )
    assessment(builder, principal, "principal", date(2023, 1, 1))
    passed = finding("PRC2021-27.2", builder, D, **CONSTRUCTION)
    assert (passed.status, passed.due) == (Status.PASS, date(2025, 12, 31))  # 3 years
    builder.officer(builder.person(), on=date(2024, 1, 1))
    found = finding("PRC2021-27.2", builder, D, **CONSTRUCTION)
    assert (found.status, found.severity, found.branch) == (
        Status.FAIL,
        Severity.MAJOR,
        "safety_officer",
    )


@covers("PRC2021-27.2", "boundary")
def test_prc2021_27_2_in_chemicals_the_assessment_may_follow_within_6_months() -> None:
    builder = FactsBuilder()
    managed(builder, since=date(2024, 1, 15))
    assert status("PRC2021-27.2", builder, date(2024, 7, 15), **CHEMICALS) is Status.PASS
    assert status("PRC2021-27.2", builder, date(2024, 7, 16), **CHEMICALS) is Status.FAIL
    # Construction has no such period: the law sets no timing, so a valid one is needed now.
    assert status("PRC2021-27.2", builder, date(2024, 1, 15), **CONSTRUCTION) is Status.FAIL


def test_prc2021_27_2_a_certificate_for_another_role_or_expired_does_not_count() -> None:
    builder = FactsBuilder()
    principal, officer = managed(builder)
    assessment(builder, principal, "safety_officer", date(2023, 1, 1))
    assessment(builder, officer, "safety_officer", date(2021, 1, 1), date(2024, 5, 31))
    found = finding("PRC2021-27.2", builder, D, **CONSTRUCTION)
    assert set(found.evidence) == {principal.id, officer.id}


@covers("PRC2021-27.2", "not_applicable")
def test_prc2021_27_2_does_not_apply_off_the_art_24_list() -> None:
    builder = FactsBuilder()
    managed(builder)
    assert status("PRC2021-27.2", builder, D, **MANUFACTURER) is Status.NOT_APPLICABLE


@covers("PRC2021-27.2", "after_as_of")
def test_prc2021_27_2_a_certificate_passed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    principal, officer = managed(builder)
    assessment(builder, officer, "safety_officer", date(2023, 1, 1))
    later = ignores_later(
        "PRC2021-27.2",
        builder,
        D,
        lambda: assessment(builder, principal, "principal", D + DAY),
        **CONSTRUCTION,
    )
    assert later.status is Status.FAIL
    assert status("PRC2021-27.2", builder, D + DAY, **CONSTRUCTION) is Status.PASS


# --- PRC2021-27.3 ----------------------------------------------------------------------------


def engineer(
    builder: FactsBuilder,
    person: Person,
    valid_from: date = date(2022, 1, 1),
    valid_to: date = date(2026, 12, 31),
    specialty: str = "chemical",
    level: str = "intermediate",
) -> None:
    builder.add(
        "engineers",
        RegisteredEngineer(
            **builder.common("rse"),
            person_id=person.id,
            registration_number="R-1",
            level=level,
            specialty=specialty,
            employer_credit_code=CREDIT_CODE,
            valid_from=valid_from,
            valid_to=valid_to,
        ),
    )


def officer(builder: FactsBuilder, employment: str = "part_time") -> Person:
    person = builder.person()
    builder.officer(person, employment=employment)
    return person


@covers("PRC2021-27.3", "pass", "fail")
def test_prc2021_27_3_a_chemical_engineer_in_the_safety_management_passes() -> None:
    builder = FactsBuilder()
    assert status("PRC2021-27.3", builder, D, **CHEMICALS) is Status.FAIL
    person = officer(builder)
    engineer(builder, person, specialty="construction")
    assert status("PRC2021-27.3", builder, D, **CHEMICALS) is Status.FAIL  # wrong specialty
    engineer(builder, person, level="assistant")
    assert status("PRC2021-27.3", builder, D, **CHEMICALS) is Status.FAIL  # assistant level
    engineer(builder, person)
    assert status("PRC2021-27.3", builder, D, **CHEMICALS) is Status.PASS


def test_prc2021_27_3_an_engineer_outside_the_safety_management_does_not_count() -> None:
    builder = FactsBuilder()
    engineer(builder, builder.person())
    assert status("PRC2021-27.3", builder, D, **CHEMICALS) is Status.FAIL


@covers("PRC2021-27.3", "boundary")
def test_prc2021_27_3_passes_on_the_registrations_last_day_fails_the_next() -> None:
    builder = FactsBuilder()
    engineer(builder, officer(builder), valid_to=D)
    passed = finding("PRC2021-27.3", builder, D, **CHEMICALS)
    assert (passed.status, passed.due) == (Status.PASS, D)
    assert status("PRC2021-27.3", builder, D + DAY, **CHEMICALS) is Status.FAIL


@covers("PRC2021-27.3", "not_applicable")
def test_prc2021_27_3_does_not_apply_to_construction_trading_or_transport() -> None:
    builder = FactsBuilder()
    for profile in (
        CONSTRUCTION,
        {"high_risk_category": "dangerous_goods_trading"},
        {"high_risk_category": "road_transport"},
    ):
        assert status("PRC2021-27.3", builder, D, **profile) is Status.NOT_APPLICABLE, profile
    assert status("PRC2021-27.3", builder, D, high_risk_category="metal_smelting") is Status.FAIL


@covers("PRC2021-27.3", "after_as_of")
def test_prc2021_27_3_a_registration_starting_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = officer(builder)
    later = ignores_later(
        "PRC2021-27.3",
        builder,
        D,
        lambda: engineer(builder, person, valid_from=D + DAY),
        **CHEMICALS,
    )
    assert later.status is Status.FAIL
    assert status("PRC2021-27.3", builder, D + DAY, **CHEMICALS) is Status.PASS


# --- PRC2021-30.1 ----------------------------------------------------------------------------


def assigned(builder: FactsBuilder, category: str = "1.2") -> Person:
    person = builder.person(hired=date(2015, 1, 1))
    builder.add(
        "assignments",
        OperationAssignment(
            **builder.common("opa"),
            person_id=person.id,
            category=category,
            started_on=date(2015, 1, 1),
            ended_on=None,
        ),
    )
    return person


def certificate(builder: FactsBuilder, person: Person, issued: date) -> None:
    builder.add(
        "certificates",
        SpecialOperationCertificate(
            **builder.common("soc"),
            person_id=person.id,
            category="1.2",
            certificate_number="T-1",
            issued_on=issued,
            expires_on=date(issued.year + 6, issued.month, issued.day),
            last_review_on=None,
            review_applied_on=None,
            six_year_review=False,
        ),
    )


@covers("PRC2021-30.1", "pass", "fail", "boundary")
def test_prc2021_30_1_fails_until_the_certificate_is_issued() -> None:
    builder = FactsBuilder()
    certificate(builder, assigned(builder), D)
    assert status("PRC2021-30.1", builder, D - DAY) is Status.FAIL
    assert status("PRC2021-30.1", builder, D) is Status.PASS


@covers("PRC2021-30.1", "not_applicable")
def test_prc2021_30_1_an_operation_not_in_the_catalogue_of_the_day_is_not_judged() -> None:
    builder = FactsBuilder()
    assert status("PRC2021-30.1", builder, D) is Status.NOT_APPLICABLE
    assigned(builder, category="99")
    found = finding("PRC2021-30.1", builder, D)
    assert found.status is Status.NOT_APPLICABLE
    assert any(read.parameter.key == "special-operations.catalogue" for read in found.reads)
    assert status("HJ2014-18.3", builder, D) is Status.FAIL  # the district's rule has no list


@covers("PRC2021-30.1", "after_as_of")
def test_prc2021_30_1_a_certificate_issued_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = assigned(builder)
    later = ignores_later("PRC2021-30.1", builder, D, lambda: certificate(builder, person, D + DAY))
    assert later.status is Status.FAIL
