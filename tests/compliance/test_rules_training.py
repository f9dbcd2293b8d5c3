"""Training rules HJ2014-18.4 to 18.6 at their boundaries, and once through the API."""

from __future__ import annotations

from datetime import date

import pytest

from app.compliance.packs import PACKS
from app.compliance.rules import Finding, Rule, Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.test_report import _finding, _person, _post, _report
from tests.support.world import World

HIRED = date(2020, 3, 2)
AS_OF = date(2020, 6, 1)


def _rule(rule_id: str) -> Rule:
    rule = PACKS["huiji-2014"].rule(rule_id)
    assert rule is not None
    return rule


def new_hires(builder: FactsBuilder, as_of: date = AS_OF, **profile: object) -> Finding:
    return _rule("HJ2014-18.4").check(builder.facts(as_of, **profile))


def post_changes(builder: FactsBuilder, as_of: date = AS_OF) -> Finding:
    return _rule("HJ2014-18.5").check(builder.facts(as_of))


def managers(builder: FactsBuilder, as_of: date, **profile: object) -> Finding:
    return _rule("HJ2014-18.6").check(builder.facts(as_of, **profile))


def three_levels(
    builder: FactsBuilder, person: Person, ended: date, hours: tuple[str, str, str]
) -> None:
    for kind, level_hours in zip(
        ("company_level", "workshop_level", "team_level"), hours, strict=True
    ):
        builder.training(kind, ended, level_hours, [person])


def test_the_rules_are_in_the_pack_with_its_effective_date() -> None:
    pack = PACKS["huiji-2014"]
    rules = [_rule(f"HJ2014-18.{n}") for n in (4, 5, 6)]
    assert all(rule in pack.rules for rule in rules)
    assert [r.title.zh for r in rules] == [
        "新员工三级安全教育",
        "调岗和重新上岗培训",
        "主要负责人和安全生产管理人员培训",
    ]
    assert {(r.article, r.severity.value) for r in rules} == {("18", "major")}
    assert "72" in rules[0].remediation.en
    assert "365" in rules[1].applicability.en


# HJ2014-18.4 new hires


@covers("HJ2014-18.4", "pass")
def test_new_hire_with_24_hours_ending_on_the_hire_date_passes() -> None:
    builder = FactsBuilder()
    person = builder.person(hired=HIRED)
    three_levels(builder, person, HIRED, ("8", "8", "8"))
    assert new_hires(builder).status is Status.PASS


@covers("HJ2014-18.4", "fail")
def test_new_hire_with_23_5_hours_fails_with_the_person_and_the_hire_date() -> None:
    builder = FactsBuilder()
    person = builder.person(hired=HIRED)
    three_levels(builder, person, HIRED, ("8", "8", "7.5"))
    finding = new_hires(builder)
    assert finding.status is Status.FAIL
    assert finding.evidence == (person.id,)
    assert finding.due == HIRED


def test_education_ending_the_day_after_the_hire_date_is_late() -> None:
    builder = FactsBuilder()
    on_time, late = builder.person(hired=HIRED), builder.person(hired=HIRED)
    three_levels(builder, on_time, HIRED, ("8", "8", "8"))
    three_levels(builder, late, date(2020, 3, 3), ("8", "8", "8"))
    finding = new_hires(builder)
    assert finding.status is Status.FAIL
    assert finding.evidence == (late.id,)


def test_a_missing_level_or_a_failed_attendance_fails_whatever_the_hours() -> None:
    builder = FactsBuilder()
    no_team = builder.person(hired=HIRED)
    builder.training("company_level", HIRED, "12", [no_team])
    builder.training("workshop_level", HIRED, "12", [no_team])
    failed_team = builder.person(hired=HIRED)
    builder.training("company_level", HIRED, "12", [failed_team])
    builder.training("workshop_level", HIRED, "12", [failed_team])
    builder.training("team_level", HIRED, "8", [failed_team], passed=False)
    other_kinds = builder.person(hired=HIRED)
    builder.training("annual", HIRED, "24", [other_kinds])
    finding = new_hires(builder)
    assert finding.status is Status.FAIL
    assert finding.evidence == tuple(sorted((no_team.id, failed_team.id, other_kinds.id)))


@covers("HJ2014-18.4", "pass", "fail")
@pytest.mark.parametrize(
    ("profile", "needed"),
    [
        ({"high_risk_category": "hazardous_chemicals"}, ("24", "24", "24")),
        ({"high_risk_category": "construction"}, ("12", "12", "8")),
        ({"industry_code": "E4710"}, ("12", "12", "8")),
    ],
)
def test_hours_of_training_high_risk_and_construction_sectors(
    profile: dict[str, str], needed: tuple[str, str, str]
) -> None:
    builder = FactsBuilder()
    enough, short = builder.person(hired=HIRED), builder.person(hired=HIRED)
    three_levels(builder, enough, HIRED, needed)
    three_levels(builder, short, HIRED, (needed[0], needed[1], str(float(needed[2]) - 0.5)))
    finding = new_hires(builder, **profile)
    assert finding.status is Status.FAIL
    assert finding.evidence == (short.id,)
    # 24 hours are not enough in those sectors but are elsewhere.
    assert new_hires(builder).status is Status.PASS


@covers("HJ2014-18.4", "not_applicable", "fail", "boundary")
def test_only_people_in_service_hired_from_the_effective_date_are_judged() -> None:
    builder = FactsBuilder()
    builder.person(hired=date(2014, 6, 16))  # before the pack: never judged
    builder.person(hired=date(2016, 1, 1), left=date(2019, 12, 31))  # left
    builder.person(hired=date(2020, 7, 1))  # not yet started
    assert new_hires(builder).status is Status.NOT_APPLICABLE
    first_day = builder.person(hired=date(2014, 6, 17))
    finding = new_hires(builder)
    assert finding.status is Status.FAIL
    assert finding.evidence == (first_day.id,)


# HJ2014-18.5 change of post

CHANGED = date(2020, 3, 2)


@covers("HJ2014-18.5", "pass")
def test_workshop_and_team_training_on_the_day_of_the_change_passes() -> None:
    builder = FactsBuilder()
    person = builder.person(hired=date(2018, 1, 1), job_changes=[CHANGED])
    builder.training("workshop_level", CHANGED, "4", [person])
    builder.training("team_level", CHANGED, "4", [person])
    assert post_changes(builder).status is Status.PASS


@covers("HJ2014-18.5", "fail")
def test_training_the_day_after_the_change_fails_with_the_change_as_due() -> None:
    builder = FactsBuilder()
    person = builder.person(hired=date(2018, 1, 1), job_changes=[CHANGED])
    builder.training("workshop_level", date(2020, 3, 3), "4", [person])
    builder.training("team_level", date(2020, 3, 3), "4", [person])
    finding = post_changes(builder)
    assert finding.status is Status.FAIL
    assert finding.evidence == (person.id,)
    assert finding.due == CHANGED


def test_the_hire_education_does_not_cover_a_later_change() -> None:
    builder = FactsBuilder()
    hired = date(2018, 1, 1)
    person = builder.person(hired=hired, job_changes=[CHANGED])
    three_levels(builder, person, hired, ("8", "8", "8"))
    assert post_changes(builder).status is Status.FAIL


def test_a_job_change_session_counts_but_one_level_alone_does_not() -> None:
    builder = FactsBuilder()
    covered = builder.person(hired=date(2018, 1, 1), job_changes=[CHANGED])
    builder.training("job_change", date(2020, 2, 28), "8", [covered])
    workshop_only = builder.person(hired=date(2018, 1, 1), job_changes=[CHANGED])
    builder.training("workshop_level", date(2020, 2, 28), "8", [workshop_only])
    finding = post_changes(builder)
    assert finding.status is Status.FAIL
    assert finding.evidence == (workshop_only.id,)


@covers("HJ2014-18.5", "pass", "fail")
def test_each_change_needs_its_own_training() -> None:
    builder = FactsBuilder()
    second = date(2020, 5, 4)
    person = builder.person(hired=date(2018, 1, 1), job_changes=[CHANGED, second])
    builder.training("job_change", CHANGED, "8", [person])
    assert post_changes(builder, as_of=date(2020, 5, 3)).status is Status.PASS
    finding = post_changes(builder)
    assert finding.status is Status.FAIL
    assert finding.due == second


@covers("HJ2014-18.5", "not_applicable", "fail", "boundary")
def test_changes_before_the_pack_after_the_date_or_on_hiring_do_not_apply() -> None:
    builder = FactsBuilder()
    builder.person(hired=date(2010, 1, 1), job_changes=[date(2014, 6, 16)])
    builder.person(hired=date(2018, 1, 1), job_changes=[date(2020, 6, 2)])
    builder.person(hired=HIRED, job_changes=[HIRED])
    builder.person(hired=date(2015, 1, 1), left=date(2019, 1, 1), job_changes=[date(2016, 1, 1)])
    assert post_changes(builder).status is Status.NOT_APPLICABLE
    builder.person(hired=date(2010, 1, 1), job_changes=[date(2014, 6, 17)])
    assert post_changes(builder).status is Status.FAIL


# HJ2014-18.6 principal and safety officers

INITIAL = date(2020, 1, 10)


def test_without_a_principal_the_finding_is_unknown() -> None:
    builder = FactsBuilder()
    finding = managers(builder, AS_OF)
    assert finding.status is Status.UNKNOWN
    assert "principal" in finding.message.en


def test_an_untrained_officer_fails_even_without_a_principal() -> None:
    builder = FactsBuilder()
    officer = builder.person(hired=date(2015, 1, 1))
    builder.officer(officer, on=date(2019, 5, 6))
    finding = managers(builder, AS_OF)
    assert finding.status is Status.FAIL
    assert finding.evidence == (officer.id,)
    assert finding.due == date(2019, 5, 6)


@covers("HJ2014-18.6", "pass", "fail", "boundary")
def test_initial_training_31_5_versus_32_hours_in_two_sessions() -> None:
    builder = FactsBuilder()
    principal = builder.person(hired=date(2015, 1, 1))
    builder.principal(principal, on=date(2019, 12, 1))
    builder.training("principal_initial", date(2019, 12, 20), "16", [principal])
    builder.training("principal_initial", INITIAL, "15.5", [principal])
    short = managers(builder, AS_OF)
    assert short.status is Status.FAIL
    assert short.evidence == (principal.id,)
    assert short.due == date(2019, 12, 1)
    builder.training("principal_initial", date(2020, 2, 1), "0.5", [principal])
    done = managers(builder, AS_OF)
    assert done.status is Status.PASS
    assert done.due == date(2021, 2, 1)  # a year after the day the 32 hours were reached


def test_the_officers_kinds_do_not_count_for_the_principal() -> None:
    builder = FactsBuilder()
    principal = builder.person(hired=date(2015, 1, 1))
    builder.principal(principal, on=date(2019, 12, 1))
    builder.training("officer_initial", INITIAL, "32", [principal])
    assert managers(builder, AS_OF).status is Status.FAIL


@covers("HJ2014-18.6", "pass", "fail", "boundary")
def test_a_session_ending_after_the_date_does_not_count_yet() -> None:
    builder = FactsBuilder()
    principal = builder.person(hired=date(2015, 1, 1))
    builder.principal(principal, on=date(2019, 12, 1))
    builder.training("principal_initial", date(2020, 6, 2), "32", [principal])
    assert managers(builder, AS_OF).status is Status.FAIL
    assert managers(builder, date(2020, 6, 2)).status is Status.PASS


def _trained_officer(builder: FactsBuilder) -> Person:
    officer = builder.person(hired=date(2015, 1, 1))
    builder.officer(officer, on=date(2019, 12, 1))
    builder.training("officer_initial", INITIAL, "32", [officer])
    return officer


@covers("HJ2014-18.6", "pass", "fail", "boundary")
def test_a_complete_year_with_11_5_versus_12_hours_of_retraining() -> None:
    builder = FactsBuilder()
    principal = builder.person(hired=date(2015, 1, 1))
    builder.principal(principal, on=date(2019, 12, 1))
    builder.training("principal_initial", INITIAL, "32", [principal])
    anniversary = date(2021, 1, 10)
    # The year is not complete the day before its anniversary: no re-training is due yet.
    before = managers(builder, date(2021, 1, 9))
    assert before.status is Status.PASS
    assert before.due == anniversary
    builder.training("principal_annual", anniversary, "11.5", [principal])
    short = managers(builder, anniversary)
    assert short.status is Status.FAIL
    assert short.evidence == (principal.id,)
    assert short.due == anniversary
    builder.training("principal_annual", date(2020, 1, 11), "0.5", [principal])
    enough = managers(builder, anniversary)
    assert enough.status is Status.PASS
    assert enough.due == date(2022, 1, 10)


def test_retraining_after_the_anniversary_belongs_to_the_next_year() -> None:
    builder = FactsBuilder()
    officer = _trained_officer(builder)
    builder.training("officer_annual", date(2021, 1, 11), "12", [officer])
    builder.training("officer_annual", INITIAL, "12", [officer])  # the initial day: before year 1
    finding = managers(builder, date(2021, 3, 1))
    assert finding.status is Status.FAIL
    assert finding.due == date(2021, 1, 10)


def test_training_high_risk_sectors_need_48_initial_and_16_yearly_hours() -> None:
    builder = FactsBuilder()
    principal = builder.person(hired=date(2015, 1, 1))
    builder.principal(principal, on=date(2019, 12, 1))
    builder.training("principal_initial", INITIAL, "32", [principal])
    high_risk = {"high_risk_category": "metal_smelting"}
    assert managers(builder, AS_OF).status is Status.PASS
    assert managers(builder, AS_OF, **high_risk).status is Status.FAIL
    builder.training("principal_initial", date(2020, 2, 1), "16", [principal])
    assert managers(builder, AS_OF, **high_risk).status is Status.PASS
    builder.training("principal_annual", date(2020, 12, 1), "12", [principal])
    year_later = date(2021, 2, 1)
    assert managers(builder, year_later).status is Status.PASS
    assert managers(builder, year_later, **high_risk).status is Status.FAIL
    builder.training("principal_annual", date(2021, 1, 15), "4", [principal])
    assert managers(builder, year_later, **high_risk).status is Status.PASS


def test_years_that_ended_before_the_appointment_are_not_judged() -> None:
    builder = FactsBuilder()
    principal = builder.person(hired=date(2012, 1, 1))
    builder.principal(principal, on=date(2019, 12, 1))
    builder.training("principal_initial", date(2015, 1, 10), "32", [principal])
    # Four complete years ended before the appointment; the fifth ends after it.
    finding = managers(builder, date(2020, 1, 9))
    assert finding.status is Status.PASS
    assert finding.due == date(2020, 1, 10)
    late = managers(builder, date(2020, 1, 10))
    assert late.status is Status.FAIL
    assert late.due == date(2020, 1, 10)


# Through the API


def test_stored_three_level_training_reaches_the_new_hire_rule(world: World) -> None:
    person = _person(world, 21, hired="2024-03-04")
    # A session may start before the hire date; it must end by it.
    for kind, started in (("company_level", "2024-03-01"), ("workshop_level", "2024-03-04")):
        session = _post(
            world,
            "training-sessions",
            {
                "kind": kind,
                "title": kind,
                "started_on": started,
                "ended_on": "2024-03-04",
                "hours": "12",
            },
        )
        _post(
            world,
            "training-attendances",
            {"session_id": session["id"], "person_id": person, "passed": True},
        )
    missing = _finding(_report(world, as_of="2024-06-01"), "HJ2014-18.4")
    assert missing["status"] == "fail"
    assert missing["evidence"] == [person]
    assert missing["due"] == "2024-03-04"
    team = _post(
        world,
        "training-sessions",
        {"kind": "team_level", "title": "班组级", "started_on": "2024-03-04", "hours": "4"},
    )
    _post(
        world,
        "training-attendances",
        {"session_id": team["id"], "person_id": person, "hours": "4", "passed": True},
    )
    assert _finding(_report(world, as_of="2024-06-01"), "HJ2014-18.4")["status"] == "pass"
