"""Henan art. 17 (HN2019-17.1): the principal and safety officers of high-risk units
assessed, in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.henan_2019.assessment import assessment_deadlines
from app.compliance.rules import Severity, Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import AssessmentCertificate, FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

RULE = "HN2019-17.1"
D = date(2024, 1, 1)
CONSTRUCTION = {"high_risk_category": "construction"}
CHEMICALS = {"high_risk_category": "hazardous_chemicals"}


def certificate(
    builder: FactsBuilder,
    person: Person,
    role: str,
    passed: date = date(2022, 1, 1),
    expires: date | None = date(2026, 12, 31),
) -> AssessmentCertificate:
    return builder.add(  # type: ignore[no-any-return]
        "assessments",
        AssessmentCertificate(
            **builder.common("asc"),
            person_id=person.id,
            assessed_role=role,
            certificate_number=f"A-{person.id}-{role}",
            issuing_authority=None,
            passed_on=passed,
            expires_on=expires,
        ),
    )


def staffed(builder: FactsBuilder, since: date = date(2020, 1, 1)) -> tuple[Person, Person]:
    """A principal and a full-time officer in post since `since`, without certificates."""
    head, officer = builder.person(hired=since), builder.person(hired=since)
    builder.principal(head, on=since)
    builder.officer(officer, on=since)
    return head, officer


@covers(RULE, "pass", "fail", "boundary")
def test_a_certificate_counts_to_its_last_valid_day() -> None:
    builder = FactsBuilder()
    head, officer = staffed(builder)
    certificate(builder, head, "principal")
    certificate(builder, officer, "safety_officer", expires=D)
    at = finding(RULE, builder, D, **CONSTRUCTION)
    assert (at.status, at.due) == (Status.PASS, D)
    after = finding(RULE, builder, D + DAY, **CONSTRUCTION)
    assert (after.status, after.branch, after.severity) == (
        Status.FAIL,
        "officers",
        Severity.MAJOR,
    )
    assert after.evidence == (officer.id,)


def test_the_principal_failing_is_critical() -> None:
    builder = FactsBuilder()
    head, officer = staffed(builder)
    certificate(builder, head, "safety_officer")  # another role's certificate
    found = finding(RULE, builder, D, **CONSTRUCTION)
    assert (found.status, found.branch, found.severity) == (
        Status.FAIL,
        "principal",
        Severity.CRITICAL,
    )
    assert "another role only" in found.message.en
    assert "1 safety officer(s) lack one too" in found.message.en
    assert officer.id in found.evidence


@covers(RULE, "boundary")
def test_the_grace_period_in_order_3_sectors_ends_on_the_corresponding_day() -> None:
    """Hazardous chemicals: 6 months from taking the post (the last day 2024-07-01);
    construction has none: the certificate is due on the day of taking the post."""
    builder = FactsBuilder()
    staffed(builder, since=D)
    last = date(2024, 7, 1)
    within = finding(RULE, builder, last, **CHEMICALS)
    assert (within.status, within.due) == (Status.PASS, last)
    assert "within the period" in within.message.en
    assert finding(RULE, builder, last + DAY, **CHEMICALS).status is Status.FAIL
    assert status(RULE, builder, D, **CONSTRUCTION) is Status.FAIL


@covers(RULE, "not_applicable")
def test_other_units_are_not_assessed() -> None:
    builder = FactsBuilder()
    staffed(builder)
    assert status(RULE, builder, D) is Status.NOT_APPLICABLE  # a C3311 manufacturer
    assert status(RULE, builder, D, industry_code="B0610") is Status.FAIL  # a coal mine


def test_no_principal_recorded_is_unknown() -> None:
    builder = FactsBuilder()
    assert status(RULE, builder, D, **CONSTRUCTION) is Status.UNKNOWN


@covers(RULE, "after_as_of")
def test_a_certificate_passed_after_the_date_is_ignored() -> None:
    builder = FactsBuilder()
    head, _ = staffed(builder)
    later = ignores_later(
        RULE,
        builder,
        D,
        lambda: certificate(builder, head, "principal", passed=D + DAY, expires=None),
        **CONSTRUCTION,
    )
    assert (later.status, later.branch) == (Status.FAIL, "principal")
    assert finding(RULE, builder, D + DAY, **CONSTRUCTION).branch == "officers"


def test_deadlines_name_expiries_and_the_end_of_the_grace() -> None:
    builder = FactsBuilder()
    head, officer = staffed(builder, since=D)
    certificate(builder, head, "principal", passed=D, expires=None)  # 3 years, provisional
    due = {
        (d.kind, d.due, d.person_id) for d in assessment_deadlines(builder.facts(D, **CHEMICALS))
    }
    assert due == {
        ("assessment_expiry", date(2026, 12, 31), head.id),
        ("assessment_due", date(2024, 7, 1), officer.id),
    }
    assert assessment_deadlines(builder.facts(D)) == []
