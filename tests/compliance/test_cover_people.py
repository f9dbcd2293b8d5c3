"""Art. 18 assessments and certificates (HJ2014-18.1 to 18.3): the aspects the other tests
do not show (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import (
    FactsBuilder,
    OperationAssignment,
    SpecialOperationCertificate,
)
from tests.compliance.rule_checks import BEFORE_PACK, DAY, PACK, finding, ignores_later, status
from tests.compliance.test_rules_corrected import assessment

D = date(2024, 1, 1)


# --- HJ2014-18.1 -------------------------------------------------------------------------


def principal_since_2012(builder: FactsBuilder) -> Person:
    principal = builder.person(hired=date(2010, 1, 1))
    builder.principal(principal, on=date(2012, 5, 1))
    return principal


@covers("HJ2014-18.1", "not_applicable")
def test_hj2014_18_1_does_not_apply_before_the_pack() -> None:
    builder = FactsBuilder()
    principal_since_2012(builder)  # and no assessment
    assert status("HJ2014-18.1", builder, BEFORE_PACK) is Status.NOT_APPLICABLE
    assert status("HJ2014-18.1", builder, PACK.effective_from) is Status.FAIL


@covers("HJ2014-18.1", "after_as_of")
def test_hj2014_18_1_a_renewal_passed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    principal = principal_since_2012(builder)
    assessment(builder, principal.id, "principal", date(2020, 2, 1), D - DAY)
    later = ignores_later(
        "HJ2014-18.1",
        builder,
        D,
        lambda: assessment(builder, principal.id, "principal", D + DAY, date(2027, 1, 1)),
    )
    assert later.status is Status.FAIL
    assert status("HJ2014-18.1", builder, D + DAY) is Status.PASS


# --- HJ2014-18.2 -------------------------------------------------------------------------


@covers("HJ2014-18.2", "not_applicable")
def test_hj2014_18_2_does_not_apply_without_an_officer_in_service() -> None:
    builder = FactsBuilder()
    gone = builder.person()
    builder.officer(gone, on=date(2016, 1, 1), ended=date(2020, 1, 1))
    assert status("HJ2014-18.2", builder, D) is Status.NOT_APPLICABLE
    builder.officer(builder.person(), on=date(2020, 1, 2))
    assert status("HJ2014-18.2", builder, D) is Status.FAIL


@covers("HJ2014-18.2", "pass", "fail", "boundary")
def test_hj2014_18_2_passed_on_the_appointment_day_counts_the_day_after_does_not() -> None:
    appointed = date(2020, 3, 1)
    for passed, expected in ((appointed, Status.PASS), (appointed + DAY, Status.FAIL)):
        builder = FactsBuilder()
        officer = builder.person()
        builder.officer(officer, on=appointed)
        assessment(builder, officer.id, "safety_officer", passed, date(2029, 1, 1))
        judged = finding("HJ2014-18.2", builder, D)
        assert judged.status is expected, passed
    assert judged.evidence == (officer.id,)
    assert "after taking the post" in judged.message.en


@covers("HJ2014-18.2", "after_as_of")
def test_hj2014_18_2_a_renewal_passed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    officer = builder.person()
    builder.officer(officer, on=date(2015, 1, 1))
    assessment(builder, officer.id, "safety_officer", date(2014, 12, 1), D - DAY)
    later = ignores_later(
        "HJ2014-18.2",
        builder,
        D,
        lambda: assessment(builder, officer.id, "safety_officer", D + DAY, date(2027, 1, 1)),
    )
    assert later.status is Status.FAIL
    assert status("HJ2014-18.2", builder, D + DAY) is Status.PASS


# --- HJ2014-18.3 -------------------------------------------------------------------------


def assigned(builder: FactsBuilder, since: date = date(2015, 1, 1)) -> Person:
    person = builder.person(hired=date(2015, 1, 1))
    builder.add(
        "assignments",
        OperationAssignment(
            **builder.common("opa"),
            person_id=person.id,
            category="1.2",
            started_on=since,
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


@covers("HJ2014-18.3", "not_applicable")
def test_hj2014_18_3_does_not_apply_without_an_assignment_in_effect() -> None:
    builder = FactsBuilder()
    assert status("HJ2014-18.3", builder, D) is Status.NOT_APPLICABLE
    assigned(builder, since=D + DAY)  # not yet on D
    assert status("HJ2014-18.3", builder, D) is Status.NOT_APPLICABLE
    assert status("HJ2014-18.3", builder, D + DAY) is Status.FAIL


@covers("HJ2014-18.3", "after_as_of")
def test_hj2014_18_3_a_certificate_issued_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = assigned(builder)
    later = ignores_later("HJ2014-18.3", builder, D, lambda: certificate(builder, person, D + DAY))
    assert later.status is Status.FAIL
    assert status("HJ2014-18.3", builder, D + DAY) is Status.PASS
