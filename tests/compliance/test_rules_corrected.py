"""The findings issue 18 found wrong, each judged as the corrected catalogue says (rules.md),
on in-memory facts: 17.1, 17.2, 18.1–18.3, 20.2, 21.1, 24.1, high-risk by industry code,
GBZ 188 editions by date, and the trace behind a finding."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import judge, severity_of
from app.compliance.facts import Facts
from app.compliance.packs import PACKS
from app.compliance.packs.gbz188 import edition_on
from app.compliance.rules import Finding, Severity, Status
from app.compliance.stack import alone
from app.registry.certificates.models import OperationAssignment, SpecialOperationCertificate
from app.registry.dangers.models import HiddenDanger
from app.registry.staffing.models import AssessmentCertificate, RegisteredEngineer
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import CREDIT_CODE, FactsBuilder

PACK = PACKS["huiji-2014"]


def judged(rule_id: str, facts: Facts) -> tuple[Finding, Severity]:
    evaluation = judge(alone(PACK), facts, trace_records=True)
    rule, finding = next((r, f) for r, f in evaluation.results if r.id == rule_id)
    return finding, severity_of(rule, finding)


def assessment(
    builder: FactsBuilder,
    person_id: str,
    role: str,
    passed: date,
    expires: date | None,
) -> AssessmentCertificate:
    return builder.add(  # type: ignore[no-any-return]
        "assessments",
        AssessmentCertificate(
            **builder.common("asc"),
            person_id=person_id,
            assessed_role=role,
            certificate_number=f"KH-{passed}",
            passed_on=passed,
            expires_on=expires,
        ),
    )


# --- HJ2014-18.1 / 18.2 -----------------------------------------------------------------


@covers("HJ2014-18.1", "pass", "fail", "boundary")
def test_hj2014_18_1_an_expired_assessment_does_not_pass() -> None:
    builder = FactsBuilder()
    principal = builder.person()
    builder.principal(principal, on=date(2020, 3, 1))
    assessment(builder, principal.id, "principal", date(2020, 2, 1), date(2023, 1, 31))
    assert judged("HJ2014-18.1", builder.facts(date(2023, 1, 31)))[0].status is Status.PASS
    expired, _ = judged("HJ2014-18.1", builder.facts(date(2023, 2, 1)))
    assert expired.status is Status.FAIL
    assert "expired" in expired.message.en


@covers("HJ2014-18.1", "fail")
def test_hj2014_18_1_an_assessment_for_another_role_does_not_pass() -> None:
    builder = FactsBuilder()
    principal = builder.person()
    builder.principal(principal, on=date(2020, 3, 1))
    assessment(builder, principal.id, "safety_officer", date(2020, 2, 1), date(2029, 1, 31))
    finding, _ = judged("HJ2014-18.1", builder.facts(date(2024, 1, 1)))
    assert finding.status is Status.FAIL
    assert "another role" in finding.message.en


@covers("HJ2014-18.1", "pass", "fail")
def test_hj2014_18_1_earlier_appointees_need_a_valid_certificate_not_a_retroactive_date() -> None:
    """Appointed before the pack (2014-06-17): passing later is fine; appointed after it:
    the assessment must come first."""
    builder = FactsBuilder()
    principal = builder.person(hired=date(2010, 1, 1))
    builder.principal(principal, on=date(2012, 5, 1))
    assessment(builder, principal.id, "principal", date(2016, 1, 1), date(2027, 1, 1))
    assert judged("HJ2014-18.1", builder.facts(date(2024, 1, 1)))[0].status is Status.PASS
    later = FactsBuilder()
    newcomer = later.person(hired=date(2015, 1, 1))
    later.principal(newcomer, on=date(2015, 6, 1))
    assessment(later, newcomer.id, "principal", date(2016, 1, 1), date(2027, 1, 1))
    finding, _ = judged("HJ2014-18.1", later.facts(date(2024, 1, 1)))
    assert finding.status is Status.FAIL
    assert "after taking the post" in finding.message.en


@covers("HJ2014-18.2", "pass", "fail")
def test_hj2014_18_2_officer_needs_a_valid_officer_assessment_and_its_alert_cites_18_2() -> None:
    builder = FactsBuilder()
    officer = builder.person()
    builder.officer(officer, on=date(2020, 3, 1))
    certificate = assessment(
        builder, officer.id, "safety_officer", date(2020, 2, 1), date(2024, 2, 29)
    )
    facts = builder.facts(date(2024, 2, 1))
    assert judged("HJ2014-18.2", facts)[0].status is Status.PASS
    deadlines = [(r.id, d.kind, d.record_id) for r, d in judge(alone(PACK), facts).deadlines]
    assert ("HJ2014-18.2", "assessment_expiry", certificate.id) in deadlines
    assert all(rule != "HJ2014-18.1" for rule, kind, _ in deadlines if kind == "assessment_expiry")
    assert judged("HJ2014-18.2", builder.facts(date(2024, 3, 1)))[0].status is Status.FAIL


# --- HJ2014-18.3 -------------------------------------------------------------------------


def operator(
    builder: FactsBuilder,
    issued: date,
    last_review: date | None = None,
    applied: date | None = None,
) -> SpecialOperationCertificate:
    person = builder.person(hired=date(2015, 1, 1))
    builder.add(
        "assignments",
        OperationAssignment(
            **builder.common("opa"),
            person_id=person.id,
            category="1.2",
            started_on=date(2015, 1, 1),
            ended_on=None,
        ),
    )
    certificate = SpecialOperationCertificate(
        **builder.common("soc"),
        person_id=person.id,
        category="1.2",
        certificate_number="T-1",
        issued_on=issued,
        expires_on=date(issued.year + 6, issued.month, issued.day),
        last_review_on=last_review,
        review_applied_on=applied,
        six_year_review=False,
    )
    return builder.add("certificates", certificate)  # type: ignore[no-any-return]


@covers("HJ2014-18.3", "pass", "fail")
def test_hj2014_18_3_a_late_review_does_not_revive_a_lapsed_certificate() -> None:
    builder = FactsBuilder()
    operator(builder, issued=date(2020, 1, 10), last_review=date(2023, 3, 1))
    finding, _ = judged("HJ2014-18.3", builder.facts(date(2024, 1, 1)))
    assert finding.status is Status.FAIL
    on_time = FactsBuilder()
    operator(on_time, issued=date(2020, 1, 10), last_review=date(2022, 12, 1))
    assert judged("HJ2014-18.3", on_time.facts(date(2024, 1, 1)))[0].status is Status.PASS


@covers("HJ2014-18.3", "pass", "fail", "boundary")
def test_hj2014_18_3_the_review_due_day_is_the_boundary() -> None:
    builder = FactsBuilder()
    operator(builder, issued=date(2020, 1, 10))
    assert judged("HJ2014-18.3", builder.facts(date(2023, 1, 10)))[0].status is Status.PASS
    assert judged("HJ2014-18.3", builder.facts(date(2023, 1, 11)))[0].status is Status.FAIL


def test_hj2014_18_3_a_timely_application_awaiting_the_authority_is_unknown() -> None:
    pending = FactsBuilder()
    operator(pending, issued=date(2020, 1, 10), applied=date(2022, 12, 1))
    finding, _ = judged("HJ2014-18.3", pending.facts(date(2023, 1, 20)))
    assert finding.status is Status.UNKNOWN
    assert finding.branch == "review_pending"
    confirmed = FactsBuilder()
    operator(
        confirmed, issued=date(2020, 1, 10), last_review=date(2023, 2, 5), applied=date(2022, 12, 1)
    )
    assert judged("HJ2014-18.3", confirmed.facts(date(2023, 3, 1)))[0].status is Status.PASS
    too_early = FactsBuilder()  # applied 90 days before the due date: outside the window
    operator(too_early, issued=date(2020, 1, 10), applied=date(2022, 10, 12))
    assert judged("HJ2014-18.3", too_early.facts(date(2023, 1, 20)))[0].status is Status.FAIL


# --- HJ2014-17.1 / 17.2 / high-risk ------------------------------------------------------


@covers("HJ2014-17.1", "fail")
def test_hj2014_17_1_the_second_branch_is_major_and_the_first_critical() -> None:
    small = FactsBuilder()
    finding, severity = judged("HJ2014-17.1", small.facts(date(2024, 1, 1), employee_count=50))
    assert (finding.status, finding.branch, severity) == (Status.FAIL, "second", Severity.MAJOR)
    large = FactsBuilder()
    finding, severity = judged("HJ2014-17.1", large.facts(date(2024, 1, 1), employee_count=301))
    assert (finding.status, finding.branch, severity) == (Status.FAIL, "first", Severity.CRITICAL)


def test_high_risk_by_industry_code_an_e47_builder_that_declared_nothing() -> None:
    builder = FactsBuilder()
    facts = builder.facts(
        date(2024, 1, 1), industry_code="E4710", high_risk_category=None, employee_count=50
    )
    finding, severity = judged("HJ2014-17.1", facts)
    assert (finding.branch, severity) == ("first", Severity.CRITICAL)
    assert judged("HJ2014-17.2", facts)[0].status is Status.FAIL  # a builder needs an engineer


@covers("HJ2014-17.2", "pass", "fail", "not_applicable")
def test_hj2014_17_2_an_assistant_registration_does_not_count() -> None:
    builder = FactsBuilder()
    officer = builder.person()
    builder.officer(officer, on=date(2019, 1, 1))

    def register(level: str) -> None:
        builder.add(
            "engineers",
            RegisteredEngineer(
                **builder.common("rse"),
                person_id=officer.id,
                registration_number=f"R-{level}",
                level=level,
                specialty="chemical",
                employer_credit_code=CREDIT_CODE,
                valid_from=date(2021, 1, 1),
                valid_to=date(2025, 12, 31),
            ),
        )

    register("assistant")
    profile = {"high_risk_category": "hazardous_chemicals"}
    finding, _ = judged("HJ2014-17.2", builder.facts(date(2024, 1, 1), **profile))
    assert finding.status is Status.FAIL
    assert "assistant" in finding.message.en
    register("intermediate")
    assert judged("HJ2014-17.2", builder.facts(date(2024, 1, 1), **profile))[0].status is (
        Status.PASS
    )
    # Before 2016 the rule did not yet bind.
    assert judged("HJ2014-17.2", builder.facts(date(2015, 12, 31), **profile))[0].status is (
        Status.NOT_APPLICABLE
    )


# --- HJ2014-20.2 -------------------------------------------------------------------------


def danger(builder: FactsBuilder, level: str, deadline: date) -> HiddenDanger:
    return builder.add(  # type: ignore[no-any-return]
        "dangers",
        HiddenDanger(
            **builder.common("hdg"),
            found_on=date(2024, 1, 1),
            description="d",
            level=level,
            status="open",
            deadline=deadline,
        ),
    )


@covers("HJ2014-20.2", "pass", "fail", "boundary")
def test_hj2014_20_2_an_overdue_general_danger_is_major_and_a_major_one_critical() -> None:
    builder = FactsBuilder()
    danger(builder, "general", date(2024, 2, 1))
    assert judged("HJ2014-20.2", builder.facts(date(2024, 2, 1)))[0].status is Status.PASS
    finding, severity = judged("HJ2014-20.2", builder.facts(date(2024, 2, 2)))
    assert (finding.status, severity) == (Status.FAIL, Severity.MAJOR)
    danger(builder, "major", date(2024, 2, 1))
    finding, severity = judged("HJ2014-20.2", builder.facts(date(2024, 2, 2)))
    assert (finding.status, severity) == (Status.FAIL, Severity.CRITICAL)


# --- HJ2014-21.1 -------------------------------------------------------------------------


@covers("HJ2014-21.1", "fail", "not_applicable")
def test_hj2014_21_1_is_advisory_and_asks_nothing_of_years_before_the_enterprise() -> None:
    builder = FactsBuilder()
    evaluation = judge(alone(PACK), builder.facts(date(2024, 3, 1)))
    rule, finding = next((r, f) for r, f in evaluation.results if r.id == "HJ2014-21.1")
    assert finding.status is Status.FAIL
    assert severity_of(rule, finding) is Severity.ADVISORY
    assert "HJ2014-21.1" not in evaluation.failing_rules()
    young = judged("HJ2014-21.1", builder.facts(date(2024, 3, 1), founded_on=date(2024, 1, 2)))
    assert young[0].status is Status.NOT_APPLICABLE
    before_due = judged("HJ2014-21.1", builder.facts(date(2024, 1, 31)))
    assert before_due[0].status is Status.NOT_APPLICABLE


# --- HJ2014-24.1 -------------------------------------------------------------------------


@covers("HJ2014-24.1", "pass", "fail")
def test_hj2014_24_1_construction_needs_20_hours_in_the_calendar_year() -> None:
    builder = FactsBuilder()
    worker = builder.person(hired=date(2020, 1, 1))
    builder.training("annual", date(2023, 6, 1), "8", [worker])
    profile = {"industry_code": "E4710", "high_risk_category": None}
    finding, _ = judged("HJ2014-24.1", builder.facts(date(2024, 1, 1), **profile))
    assert finding.status is Status.FAIL
    assert "20" in finding.message.en
    builder.training("annual", date(2023, 12, 31), "12", [worker])
    assert judged("HJ2014-24.1", builder.facts(date(2024, 1, 1), **profile))[0].status is (
        Status.PASS
    )
    # Elsewhere 8 hours do.
    other = FactsBuilder()
    clerk = other.person(hired=date(2020, 1, 1))
    other.training("annual", date(2023, 6, 1), "8", [clerk])
    assert judged("HJ2014-24.1", other.facts(date(2024, 1, 1)))[0].status is Status.PASS


# --- GBZ 188 and traces -------------------------------------------------------------------


def test_gbz188_2014_applies_from_2014_10_01() -> None:
    assert edition_on(date(2014, 9, 30)).name == "GBZ 188-2007"
    assert edition_on(date(2014, 10, 1)).name == "GBZ 188-2014"


def test_a_finding_traces_each_value_with_its_date_and_source_and_the_records() -> None:
    builder = FactsBuilder()
    body = builder.body()
    builder.officer(builder.person())
    finding, _ = judged("HJ2014-17.1", builder.facts(date(2024, 1, 1), employee_count=50))
    threshold = next(r for r in finding.reads if r.parameter.key.endswith("staffing.threshold"))
    assert threshold.dated.value == 300
    assert threshold.dated.effective_from == date(2014, 6, 17)
    assert threshold.dated.source.document == "惠政文〔2014〕53号"
    assert threshold.dated.source.article == "第十七条"
    used = {record.id: dict(record.dates) for record in finding.records}
    assert used[body.id]["established_on"] == date(2015, 1, 1)


def test_a_finding_that_used_a_provisional_value_says_so() -> None:
    builder = FactsBuilder()
    worker = builder.person(hired=date(2020, 1, 1))
    builder.training("annual", date(2023, 6, 1), "8", [worker])
    finding, _ = judged("HJ2014-24.1", builder.facts(date(2024, 1, 1)))
    assert finding.provisional  # the 8 hours of 安委〔2012〕10号: text not seen


# --- stable_until --------------------------------------------------------------------------


def test_stable_until_is_the_first_day_a_finding_can_change() -> None:
    builder = FactsBuilder()
    builder.person(hired=date(2020, 1, 1), left=date(2024, 9, 1))  # a leave recorded ahead
    assert judge(alone(PACK), builder.facts(date(2024, 6, 1))).stable_until() == date(2024, 6, 30)
    # Nothing due sooner than the leave once the month's analysis is out of the way: the
    # leave itself, hidden on the as-of date, bounds the standing.
    evaluation = judge(alone(PACK), builder.facts(date(2024, 8, 31)))
    assert evaluation.next_event_on == date(2024, 9, 1)
    stable = evaluation.stable_until()
    assert stable is not None
    assert stable <= date(2024, 9, 1)
    # A legal value giving way to the next: 17.2 binds from 2016-01-01.
    before_engineers = judge(alone(PACK), FactsBuilder().facts(date(2015, 12, 20))).stable_until()
    assert before_engineers is not None
    assert before_engineers <= date(2016, 1, 1)


@covers("HJ2014-5.1", "boundary")
def test_hj2014_5_1_the_look_back_is_twelve_calendar_months_across_a_leap_day() -> None:
    """Found on 29 February 2024: inside the 12 months up to 28 February 2025 (365 days
    would have dropped it a day early), outside from 1 March 2025."""
    builder = FactsBuilder()
    builder.add(
        "dangers",
        HiddenDanger(
            **builder.common("hdg"),
            found_on=date(2024, 2, 29),
            description="d",
            level="major",
            status="open",
            deadline=date(2024, 3, 10),
        ),
    )
    assert judged("HJ2014-5.1", builder.facts(date(2025, 2, 28)))[0].status is Status.FAIL
    assert judged("HJ2014-5.1", builder.facts(date(2025, 3, 1)))[0].status is (
        Status.NOT_APPLICABLE
    )
    leaving = [
        d.due
        for r, d in judge(alone(PACK), builder.facts(date(2025, 2, 1))).deadlines
        if r.id == "HJ2014-5.1" and d.kind == "look_back_ends"
    ]
    assert leaving == [date(2025, 3, 1)]


@covers("HJ2014-17.1", "fail")
def test_hj2014_17_1_counts_officers_not_appointments() -> None:
    builder = FactsBuilder()
    builder.body()
    officer = builder.person()
    builder.officer(officer, department="一车间")
    builder.officer(officer, department="二车间")
    finding, _ = judged("HJ2014-17.1", builder.facts(date(2024, 1, 1), employee_count=301))
    assert finding.status is Status.FAIL
    assert "1 full-time" in finding.message.en
    builder.officer(builder.person())
    assert judged("HJ2014-17.1", builder.facts(date(2024, 1, 1), employee_count=301))[0].status is (
        Status.PASS
    )
