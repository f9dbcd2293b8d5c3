"""The seed's duties the first version left out, arts. 17 and 24: team staff (HJ2014-17.4)
and no uncertified work (HJ2014-24.2), in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs import PACKS
from app.compliance.packs.common_duties import TEAM_SAFETY_STAFF
from app.compliance.rules import Severity, Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import (
    FactsBuilder,
    OperationAssignment,
    SpecialOperationCertificate,
    Team,
)
from tests.compliance.rule_checks import DAY, finding, ignores_later, status
from tests.compliance.test_rules_training import three_levels

D = date(2024, 1, 1)
OVER = {"employee_count": 301}
TEAMS = "HJ2014-17.4"
UNCERTIFIED = "HJ2014-24.2"


# --- HJ2014-17.4 -------------------------------------------------------------------------


def team(
    builder: FactsBuilder,
    name: str = "冲压一班",
    on: date = date(2016, 1, 1),
    dissolved: date | None = None,
) -> Team:
    return builder.add(  # type: ignore[no-any-return]
        "teams",
        Team(
            **builder.common("tem"),
            name=name,
            department="冲压车间",
            established_on=on,
            dissolved_on=dissolved,
            notes=None,
        ),
    )


def serve(builder: FactsBuilder, served: Team, on: date = date(2016, 1, 1), **kw: object) -> None:
    """A part-time officer (a person in service) appointed to serve the team from `on`."""
    builder.officer(
        builder.person(hired=date(2015, 1, 1)),
        employment="part_time",
        on=on,
        team_id=served.id,
        **kw,  # type: ignore[arg-type]
    )


def test_17_4_is_a_minor_rule_of_the_team_staff_duty_quoting_art_17() -> None:
    rule = PACKS["huiji-2014"].rule(TEAMS)
    assert rule is not None
    assert (rule.severity, rule.duty, rule.article) == (Severity.MINOR, TEAM_SAFETY_STAFF, "17")
    assert rule.article_text is not None
    assert "班组应配备专兼职安全管理人员" in rule.article_text.zh


@covers(TEAMS, "pass", "fail")
def test_17_4_every_team_on_the_date_needs_an_officer_serving_it() -> None:
    builder = FactsBuilder()
    first, second = team(builder), team(builder, name="冲压二班")
    serve(builder, first)
    failed = finding(TEAMS, builder, D, **OVER)
    assert (failed.status, failed.evidence) == (Status.FAIL, (second.id,))
    assert "1个班组" in failed.message.zh
    # An officer of a department but of no team does not staff a team.
    builder.officer(builder.person(), employment="part_time", department="冲压车间")
    assert status(TEAMS, builder, D, **OVER) is Status.FAIL
    serve(builder, second)
    passed = finding(TEAMS, builder, D, **OVER)
    assert passed.status is Status.PASS
    assert len(passed.evidence) == 2


@covers(TEAMS, "boundary")
def test_17_4_an_officer_serves_from_the_appointment_to_its_last_day() -> None:
    builder = FactsBuilder()
    staffed = team(builder)
    serve(builder, staffed, on=date(2016, 1, 1), ended=date(2023, 12, 31))
    assert status(TEAMS, builder, date(2023, 12, 31), **OVER) is Status.PASS
    assert status(TEAMS, builder, D, **OVER) is Status.FAIL


@covers(TEAMS, "pass", "boundary")
def test_17_4_an_officer_who_left_no_longer_serves_and_a_dissolved_team_no_longer_asks() -> None:
    builder = FactsBuilder()
    staffed = team(builder, dissolved=date(2023, 12, 31))
    left = builder.person(hired=date(2015, 1, 1), left=date(2023, 6, 30))
    builder.officer(left, employment="part_time", on=date(2016, 1, 1), team_id=staffed.id)
    assert status(TEAMS, builder, date(2023, 6, 30), **OVER) is Status.PASS
    assert status(TEAMS, builder, date(2023, 7, 1), **OVER) is Status.FAIL
    # From the day after its dissolution there is no team to staff.
    assert status(TEAMS, builder, D, **OVER) is Status.NOT_APPLICABLE


@covers(TEAMS, "not_applicable", "boundary")
def test_17_4_applies_over_300_employees_or_high_risk_and_only_with_teams() -> None:
    builder = FactsBuilder()
    assert status(TEAMS, builder, D, **OVER) is Status.NOT_APPLICABLE  # no team
    team(builder)
    assert status(TEAMS, builder, D, employee_count=300) is Status.NOT_APPLICABLE
    assert status(TEAMS, builder, D, **OVER) is Status.FAIL
    high_risk = {"employee_count": 20, "high_risk_category": "hazardous_chemicals"}
    assert status(TEAMS, builder, D, **high_risk) is Status.FAIL


@covers(TEAMS, "after_as_of")
def test_17_4_a_team_set_up_or_an_officer_appointed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    staffed = team(builder)
    serve(builder, staffed)
    later = ignores_later(TEAMS, builder, D, lambda: team(builder, "冲压二班", on=D + DAY), **OVER)
    assert later.status is Status.PASS
    assert status(TEAMS, builder, D + DAY, **OVER) is Status.FAIL

    unstaffed = FactsBuilder()
    alone = team(unstaffed)
    later = ignores_later(TEAMS, unstaffed, D, lambda: serve(unstaffed, alone, on=D + DAY), **OVER)
    assert later.status is Status.FAIL
    assert status(TEAMS, unstaffed, D + DAY, **OVER) is Status.PASS


# --- HJ2014-24.2 -------------------------------------------------------------------------


def assigned(builder: FactsBuilder, since: date = date(2015, 1, 1)) -> Person:
    person = builder.person(hired=date(2014, 1, 1))  # before the pack: no induction asked
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


def certificate(builder: FactsBuilder, person: Person, issued: date, expires: date) -> None:
    builder.add(
        "certificates",
        SpecialOperationCertificate(
            **builder.common("soc"),
            person_id=person.id,
            category="1.2",
            certificate_number=f"T-{issued}",
            issued_on=issued,
            expires_on=expires,
            last_review_on=None,
            review_applied_on=None,
            six_year_review=False,
        ),
    )


def test_24_2_is_critical_with_its_own_duty_and_quotes_art_24() -> None:
    rule = PACKS["huiji-2014"].rule(UNCERTIFIED)
    assert rule is not None
    assert (rule.severity, rule.duty.key, rule.article) == (
        Severity.CRITICAL,
        "uncertified_work",
        "24",
    )
    assert rule.article_text is not None
    assert "凡存在无证上岗人员的企业，依法停产整顿" in rule.article_text.zh


@covers(UNCERTIFIED, "pass", "fail")
def test_24_2_an_uncertified_operator_or_an_untrained_hire_stops_production() -> None:
    builder = FactsBuilder()
    operator = assigned(builder)
    certificate(builder, operator, date(2021, 1, 1), date(2026, 12, 31))
    hire = builder.person(hired=date(2023, 3, 1))
    three_levels(builder, hire, date(2023, 3, 1), ("8", "8", "8"))
    passed = finding(UNCERTIFIED, builder, D)
    assert passed.status is Status.PASS
    assert [e[:4] for e in passed.evidence] == ["soc_"]

    uncertified = assigned(builder)
    untrained = builder.person(hired=date(2023, 6, 1))
    failed = finding(UNCERTIFIED, builder, D)
    assert failed.status is Status.FAIL
    assert failed.evidence == tuple(sorted((uncertified.id, untrained.id)))
    assert "停产整顿" in failed.message.zh
    assert "production should stop" in failed.message.en


def test_24_2_reads_the_judgements_of_18_3_and_18_4() -> None:
    """The same records fail 18.3 and 18.4 and this rule, for the same people."""
    builder = FactsBuilder()
    uncertified = assigned(builder)
    untrained = builder.person(hired=date(2023, 6, 1))
    assert finding("HJ2014-18.3", builder, D).evidence == (f"{uncertified.id}:1.2",)
    assert finding("HJ2014-18.4", builder, D).evidence == (untrained.id,)
    assert set(finding(UNCERTIFIED, builder, D).evidence) == {uncertified.id, untrained.id}


def test_24_2_late_training_ends_the_untrained_work_though_18_4_still_fails() -> None:
    """18.4 asks for the education before work; this rule whether anyone works untrained on
    the date: training done after the start ends the untrained work."""
    builder = FactsBuilder()
    late = builder.person(hired=date(2023, 6, 1))
    three_levels(builder, late, date(2023, 7, 1), ("8", "8", "8"))
    assert status("HJ2014-18.4", builder, D) is Status.FAIL
    assert status(UNCERTIFIED, builder, D) is Status.PASS


@covers(UNCERTIFIED, "boundary")
def test_24_2_a_certificate_counts_to_its_last_day_and_training_from_its_end() -> None:
    builder = FactsBuilder()
    operator = assigned(builder)
    certificate(builder, operator, date(2021, 1, 1), date(2023, 12, 31))  # no review inside
    assert status(UNCERTIFIED, builder, date(2023, 12, 31)) is Status.PASS
    assert status(UNCERTIFIED, builder, D) is Status.FAIL

    trained = FactsBuilder()
    hire = trained.person(hired=date(2023, 12, 1))
    three_levels(trained, hire, D, ("8", "8", "8"))  # ends on D: late, but done by D
    assert status(UNCERTIFIED, trained, D - DAY) is Status.FAIL
    assert status(UNCERTIFIED, trained, D) is Status.PASS


def test_24_2_a_review_applied_for_on_time_awaits_the_authority() -> None:
    builder = FactsBuilder()
    operator = assigned(builder)
    builder.add(
        "certificates",
        SpecialOperationCertificate(
            **builder.common("soc"),
            person_id=operator.id,
            category="1.2",
            certificate_number="T-R",
            issued_on=date(2020, 1, 1),
            expires_on=date(2025, 12, 31),
            last_review_on=None,
            review_applied_on=date(2022, 12, 1),
            six_year_review=False,
        ),
    )
    assert status("HJ2014-18.3", builder, D) is Status.UNKNOWN
    found = finding(UNCERTIFIED, builder, D)
    assert (found.status, found.evidence, found.branch) == (
        Status.UNKNOWN,
        (operator.id,),
        "review_pending",
    )


@covers(UNCERTIFIED, "not_applicable")
def test_24_2_does_not_apply_without_assignments_or_hires_since_the_pack() -> None:
    builder = FactsBuilder()
    builder.person(hired=date(2014, 1, 1))  # hired before the pack, no assignment
    assert status(UNCERTIFIED, builder, D) is Status.NOT_APPLICABLE
    assigned(builder, since=D + DAY)
    assert status(UNCERTIFIED, builder, D) is Status.NOT_APPLICABLE
    assert status(UNCERTIFIED, builder, D + DAY) is Status.FAIL


@covers(UNCERTIFIED, "after_as_of")
def test_24_2_a_certificate_or_training_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    operator = assigned(builder)
    later = ignores_later(
        UNCERTIFIED,
        builder,
        D,
        lambda: certificate(builder, operator, D + DAY, date(2029, 12, 31)),
    )
    assert later.status is Status.FAIL
    assert status(UNCERTIFIED, builder, D + DAY) is Status.PASS

    untrained = FactsBuilder()
    hire = untrained.person(hired=date(2023, 6, 1))
    later = ignores_later(
        UNCERTIFIED,
        untrained,
        D,
        lambda: three_levels(untrained, hire, D + DAY, ("8", "8", "8")),
    )
    assert later.status is Status.FAIL
    assert status(UNCERTIFIED, untrained, D + DAY) is Status.PASS
