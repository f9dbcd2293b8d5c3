"""Article 22 (occupational health): each rule's pass, fail, not-applicable case and boundary,
the GBZ 188 interval table, and one pass through the API from stored records to findings."""

from __future__ import annotations

from datetime import date

import pytest

from app.compliance.facts import Facts
from app.compliance.packs import PACKS
from app.compliance.packs.gbz188 import (
    GBZ188_2025_FROM,
    Scale,
    edition_on,
    interval_for,
    read_level,
)
from app.compliance.rules import Finding, Status
from app.core.calendar import add_months
from app.core.validators import resident_id_check_character
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.test_report import _finding, _person, _post, _report
from tests.support.world import World

HEALTH_RULES = ("HJ2014-22.1", "HJ2014-22.2", "HJ2014-22.3", "HJ2014-22.5", "HJ2014-22.6")
START = date(2020, 3, 1)  # exposures begin here unless a test says otherwise


def check(rule_id: str, facts: Facts) -> Finding:
    rule = PACKS["huiji-2014"].rule(rule_id)
    assert rule is not None, rule_id
    return rule.check(facts)


def exposed(builder: FactsBuilder, factor: str = "noise", level: str | None = "87 dB(A)") -> Person:
    """A person exposed to `factor` since START, with the pre-job exam the day before."""
    person = builder.person(exposures=[(factor, START, None)], exposure_level=level)
    builder.exam(person, "pre_job", date(2020, 2, 29), factor)
    return person


# Applicability -----------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", [*HEALTH_RULES, "HJ2014-22.4"])
@covers("HJ2014-22.1", "not_applicable")
@covers("HJ2014-22.2", "not_applicable")
@covers("HJ2014-22.3", "not_applicable")
@covers("HJ2014-22.4", "not_applicable")
@covers("HJ2014-22.5", "not_applicable")
@covers("HJ2014-22.6", "not_applicable")
def test_not_applicable_without_hazard_trade_or_exposed_people(rule_id: str) -> None:
    builder = FactsBuilder()
    builder.person()  # nobody exposed
    builder.person(exposures=[("noise", START, date(2024, 1, 1))])  # no longer exposed
    builder.person(left=date(2024, 6, 30), exposures=[("dust", START, None)])  # left long ago
    assert check(rule_id, builder.facts(date(2026, 6, 1))).status is Status.NOT_APPLICABLE


def test_a_hazard_trade_without_recorded_exposures() -> None:
    facts = FactsBuilder().facts(date(2026, 6, 1), occupational_hazard_trade=True)
    assert check("HJ2014-22.1", facts).status is Status.FAIL  # no declaration on file
    assert check("HJ2014-22.2", facts).status is Status.UNKNOWN  # record the exposures
    assert check("HJ2014-22.3", facts).status is Status.UNKNOWN
    assert check("HJ2014-22.5", facts).status is Status.PASS
    assert check("HJ2014-22.6", facts).status is Status.FAIL
    assert check("HJ2014-22.4", facts).status is Status.NOT_APPLICABLE  # nobody left


def test_severities_follow_the_catalogue() -> None:
    pack = PACKS["huiji-2014"]
    severities = {
        r.id: r.severity.value for r in pack.rules if r.article == "22"
    }  # rules.md, article 22
    assert severities == {
        "HJ2014-22.1": "major",
        "HJ2014-22.2": "critical",
        "HJ2014-22.3": "major",
        "HJ2014-22.4": "major",
        "HJ2014-22.5": "critical",
        "HJ2014-22.6": "minor",
        "HJ2014-22.7": "major",
        "HJ2014-22.8": "major",
    }


# 22.1 Declaration ---------------------------------------------------------------------------


@covers("HJ2014-22.1", "pass", "fail", "boundary")
def test_declaration_covers_every_factor() -> None:
    builder = FactsBuilder()
    exposed(builder, "noise")
    exposed(builder, "dust", "grade II")
    builder.declaration(date(2020, 1, 10), "noise")
    partial = check("HJ2014-22.1", builder.facts(date(2026, 6, 1)))
    assert partial.status is Status.FAIL
    assert partial.evidence == ("dust",)
    later = builder.declaration(date(2026, 6, 2), "dust")
    assert check("HJ2014-22.1", builder.facts(date(2026, 6, 1))).status is Status.FAIL
    covered = check("HJ2014-22.1", builder.facts(date(2026, 6, 2)))  # filed that very day
    assert covered.status is Status.PASS
    assert later.id in covered.evidence


@covers("HJ2014-22.1", "fail")
def test_no_declaration_at_all() -> None:
    builder = FactsBuilder()
    exposed(builder, "benzene", None)
    finding = check("HJ2014-22.1", builder.facts(date(2026, 6, 1)))
    assert finding.status is Status.FAIL
    assert finding.evidence == ("benzene",)


# 22.2 Pre-job exam --------------------------------------------------------------------------


@covers("HJ2014-22.2", "fail")
def test_pre_job_exam_on_the_first_day_of_exposure_but_not_the_day_after() -> None:
    builder = FactsBuilder()
    on_time = builder.person(exposures=[("noise", START, None)])
    late = builder.person(exposures=[("noise", START, None)])
    builder.exam(on_time, "pre_job", START, "noise")
    builder.exam(late, "pre_job", date(2020, 3, 2), "noise")
    finding = check("HJ2014-22.2", builder.facts(date(2026, 6, 1)))
    assert finding.status is Status.FAIL
    assert finding.evidence == (f"{late.id}:noise",)


@covers("HJ2014-22.2", "pass", "fail")
def test_pre_job_exam_must_cover_the_factor_and_the_first_exposure() -> None:
    builder = FactsBuilder()
    person = builder.person(
        exposures=[("noise", date(2016, 1, 1), date(2017, 1, 1)), ("noise", START, None)]
    )
    builder.exam(person, "pre_job", date(2015, 12, 20), "noise")
    assert check("HJ2014-22.2", builder.facts(date(2026, 6, 1))).status is Status.PASS
    other = builder.person(exposures=[("lead", START, None)])
    builder.exam(other, "pre_job", date(2020, 2, 1), "noise")  # the wrong factor
    builder.exam(other, "periodic", date(2020, 2, 1), "lead")  # the wrong kind
    failing = check("HJ2014-22.2", builder.facts(date(2026, 6, 1)))
    assert failing.status is Status.FAIL
    assert failing.evidence == (f"{other.id}:lead",)


# 22.3 Periodic exam -------------------------------------------------------------------------


@covers("HJ2014-22.3", "pass", "fail", "boundary")
def test_periodic_exam_on_the_intervals_last_day_versus_the_day_after() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "noise", "87 dB(A)")
    builder.exam(person, "periodic", date(2025, 3, 1), "noise")
    last_day = check("HJ2014-22.3", builder.facts(date(2026, 3, 1)))
    assert last_day.status is Status.PASS
    assert last_day.due == date(2026, 3, 1)
    day_after = check("HJ2014-22.3", builder.facts(date(2026, 3, 2)))
    assert day_after.status is Status.FAIL
    assert day_after.due == date(2026, 3, 1)
    assert day_after.evidence == (f"{person.id}:noise",)


@pytest.mark.parametrize(
    ("factor", "level", "due"),
    [
        ("noise", "85 dB(A)", date(2026, 3, 1)),  # 85 is yearly
        ("noise", "84.9 dB(A)", date(2027, 3, 1)),  # 80–85 every 2 years
        ("noise", "LEX,8h 82 dB(A)", date(2027, 3, 1)),
        ("dust", "grade II", date(2026, 3, 1)),
        ("dust", "Ⅲ级", date(2026, 3, 1)),
        ("dust", "grade I", date(2027, 3, 1)),
        ("lead", None, date(2026, 3, 1)),
        ("carbon_monoxide", None, date(2028, 3, 1)),  # every 3 years
        ("high_temperature", None, date(2026, 3, 1)),  # not in the table: yearly
    ],
)
def test_interval_by_factor_and_level(factor: str, level: str | None, due: date) -> None:
    builder = FactsBuilder()
    person = exposed(builder, factor, level)
    builder.exam(person, "periodic", date(2025, 3, 1), factor)
    assert check("HJ2014-22.3", builder.facts(date(2025, 6, 1))).due == due
    assert check("HJ2014-22.3", builder.facts(due)).status is Status.PASS


@covers("HJ2014-22.3", "pass", "fail", "boundary")
def test_without_an_exam_the_interval_runs_from_the_exposure() -> None:
    builder = FactsBuilder()
    builder.person(exposures=[("benzene", START, None)])
    assert check("HJ2014-22.3", builder.facts(date(2021, 3, 1))).status is Status.PASS
    assert check("HJ2014-22.3", builder.facts(date(2021, 3, 2))).status is Status.FAIL


def test_an_unread_level_is_unknown_only_where_the_level_would_decide() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "noise", level=None)
    builder.exam(person, "periodic", date(2025, 3, 1), "noise")
    assert check("HJ2014-22.3", builder.facts(date(2026, 3, 1))).status is Status.PASS
    undecided = check("HJ2014-22.3", builder.facts(date(2026, 3, 2)))
    assert undecided.status is Status.UNKNOWN
    assert undecided.evidence == (f"{person.id}:noise",)
    assert "level" in undecided.message.en
    assert check("HJ2014-22.3", builder.facts(date(2027, 3, 2))).status is Status.FAIL


def test_edition_switch_marks_the_interval_provisional() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "noise", "90 dB(A)")
    builder.exam(person, "periodic", date(2025, 7, 31), "noise")
    before = check("HJ2014-22.3", builder.facts(date(2026, 7, 31)))
    assert before.status is Status.PASS
    assert "provisional" not in before.message.en
    after = check("HJ2014-22.3", builder.facts(GBZ188_2025_FROM))
    assert after.status is Status.FAIL  # the same yearly value, kept from the 2014 edition
    assert "GBZ 188-2025" in after.message.en
    assert "provisional" in after.message.en
    assert "暂定" in after.message.zh


def test_gbz188_table_as_data() -> None:
    assert edition_on(date(2026, 7, 31)).name == "GBZ 188-2014"
    assert edition_on(date(2026, 8, 1)).name == "GBZ 188-2025"
    assert not interval_for("noise", "87 dB(A)", date(2026, 7, 31)).provisional
    newer = interval_for("noise", "87 dB(A)", date(2026, 8, 1))
    assert newer.provisional
    assert newer.interval.months == 12
    unread = interval_for("dust", "heavy", date(2026, 1, 1))
    assert unread.level_unread
    assert (unread.interval.months, unread.longest.months) == (12, 24)
    assert interval_for("other", None, date(2026, 1, 1)).interval.months == 12


@pytest.mark.parametrize(
    ("scale", "text", "value"),
    [
        (Scale.DBA, "87 dB(A)", 87.0),
        (Scale.DBA, "87dB", 87.0),
        (Scale.DBA, "83.5", 83.5),
        (Scale.DBA, "loud", None),
        (Scale.DBA, None, None),
        (Scale.GRADE, "grade II", 2.0),
        (Scale.GRADE, "Grade iii", 3.0),
        (Scale.GRADE, "Ⅱ级", 2.0),
        (Scale.GRADE, "一级", 1.0),
        (Scale.GRADE, "0级", 0.0),
        (Scale.GRADE, "2", 2.0),
        (Scale.GRADE, "severe", None),
    ],
)
def test_levels_as_people_write_them(scale: Scale, text: str | None, value: float | None) -> None:
    assert read_level(scale, text) == value


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2025, 3, 1), 36) == date(2028, 3, 1)


# 22.4 Exit exam -----------------------------------------------------------------------------


def _leaver(builder: FactsBuilder, left: date, factor: str = "noise") -> Person:
    return builder.person(left=left, exposures=[(factor, START, None)])


@covers("HJ2014-22.4", "fail")
def test_periodic_exam_90_days_before_leaving_stands_for_the_exit_exam_91_does_not() -> None:
    builder = FactsBuilder()
    left = date(2026, 3, 1)
    ninety, ninety_one = _leaver(builder, left), _leaver(builder, left)
    builder.exam(ninety, "periodic", date(2025, 12, 1), "noise")  # 90 days before
    builder.exam(ninety_one, "periodic", date(2025, 11, 30), "noise")  # 91
    finding = check("HJ2014-22.4", builder.facts(date(2026, 6, 1)))
    assert finding.status is Status.FAIL
    assert finding.evidence == (f"{ninety_one.id}:noise",)


@covers("HJ2014-22.4", "pass")
def test_exit_exam_before_leaving_passes() -> None:
    builder = FactsBuilder()
    person = builder.person(left=date(2026, 3, 1), exposures=[("dust", START, None)])
    builder.exam(person, "exit", date(2026, 3, 1), "dust")  # on the last day in service
    finding = check("HJ2014-22.4", builder.facts(date(2026, 6, 1)))
    assert finding.status is Status.PASS
    assert finding.evidence == (person.id,)


@covers("HJ2014-22.4", "not_applicable", "fail", "boundary")
def test_leavers_outside_the_look_back_are_not_judged() -> None:
    builder = FactsBuilder()
    _leaver(builder, date(2025, 6, 1))
    assert check("HJ2014-22.4", builder.facts(date(2026, 6, 1))).status is Status.NOT_APPLICABLE
    assert check("HJ2014-22.4", builder.facts(date(2026, 5, 31))).status is Status.FAIL


# 22.5 Contraindication ----------------------------------------------------------------------


@covers("HJ2014-22.5", "pass", "fail", "boundary")
def test_exposure_ending_on_the_exam_day_passes_the_day_after_fails() -> None:
    for ended, expected in ((date(2025, 5, 1), Status.PASS), (date(2025, 5, 2), Status.FAIL)):
        builder = FactsBuilder()
        person = builder.person(exposures=[("noise", START, ended)])
        builder.exam(person, "periodic", date(2025, 5, 1), "noise", "contraindication")
        finding = check(
            "HJ2014-22.5", builder.facts(date(2026, 6, 1), occupational_hazard_trade=True)
        )
        assert finding.status is expected
        if expected is Status.FAIL:
            assert finding.evidence == (f"{person.id}:noise",)


def test_contraindication_for_one_factor_does_not_bar_another() -> None:
    builder = FactsBuilder()
    person = builder.person(exposures=[("noise", START, None), ("dust", START, None)])
    builder.exam(person, "periodic", date(2025, 5, 1), "dust", "contraindication")
    finding = check("HJ2014-22.5", builder.facts(date(2026, 6, 1)))
    assert finding.status is Status.FAIL
    assert finding.evidence == (f"{person.id}:dust",)


@covers("HJ2014-22.5", "pass", "fail")
def test_a_later_clear_exam_lifts_the_contraindication() -> None:
    builder = FactsBuilder()
    person = builder.person(
        exposures=[("noise", START, date(2025, 5, 1)), ("noise", date(2025, 7, 1), None)]
    )
    builder.exam(person, "periodic", date(2025, 5, 1), "noise", "contraindication")
    assert check("HJ2014-22.5", builder.facts(date(2026, 6, 1))).status is Status.FAIL
    builder.exam(person, "pre_job", date(2025, 6, 20), "noise", "normal")
    assert check("HJ2014-22.5", builder.facts(date(2026, 6, 1))).status is Status.PASS


# 22.6 Supervisor ----------------------------------------------------------------------------


@covers("HJ2014-22.6", "pass", "fail", "boundary")
def test_supervisor_in_service() -> None:
    builder = FactsBuilder()
    exposed(builder)
    officer = builder.person()
    builder.officer(officer, duty="safety_officer")
    assert check("HJ2014-22.6", builder.facts(date(2026, 6, 1))).status is Status.FAIL
    appointment = builder.officer(
        officer,
        duty="occupational_health_supervisor",
        employment="part_time",
        ended=date(2026, 6, 1),
    )
    on_last_day = check("HJ2014-22.6", builder.facts(date(2026, 6, 1)))
    assert on_last_day.status is Status.PASS
    assert on_last_day.evidence == (appointment.id,)
    assert check("HJ2014-22.6", builder.facts(date(2026, 6, 2))).status is Status.FAIL


@covers("HJ2014-22.6", "fail")
def test_a_supervisor_who_left_does_not_count() -> None:
    builder = FactsBuilder()
    exposed(builder)
    gone = builder.person(left=date(2026, 1, 31))
    builder.officer(gone, duty="occupational_health_supervisor")
    assert check("HJ2014-22.6", builder.facts(date(2026, 6, 1))).status is Status.FAIL


# Through the API ----------------------------------------------------------------------------


def test_stored_health_records_reach_the_rules(world: World) -> None:
    person = _post(
        world,
        "people",
        {
            "name": "王建国",
            "id_number": "41010819900307451" + resident_id_check_character("41010819900307451"),
            "hire_date": "2021-03-01",
            "exposures": [{"factor": "noise", "level": "87 dB(A)", "started_on": "2021-03-01"}],
        },
    )["id"]
    supervisor = _person(world, 21)
    report = _report(world, as_of="2026-03-01")
    assert {_finding(report, f"HJ2014-22.{n}")["status"] for n in (1, 2, 6)} == {"fail"}
    _post(
        world,
        "hazard-declarations",
        {"declared_on": "2021-02-15", "factors": ["noise"], "exposed_headcount": 1},
    )
    for kind, on in (("pre_job", "2021-02-20"), ("periodic", "2025-03-01")):
        _post(
            world,
            "health-exams",
            {
                "person_id": person,
                "kind": kind,
                "examined_on": on,
                "factors": ["noise"],
                "conclusion": "normal",
            },
        )
    _post(
        world,
        "officer-appointments",
        {
            "person_id": supervisor,
            "duty": "occupational_health_supervisor",
            "employment": "part_time",
            "appointed_on": "2021-03-01",
        },
    )
    report = _report(world, as_of="2026-03-01")
    for rule_id in ("HJ2014-22.1", "HJ2014-22.2", "HJ2014-22.3", "HJ2014-22.5", "HJ2014-22.6"):
        assert _finding(report, rule_id)["status"] == "pass", rule_id
    assert _finding(report, "HJ2014-22.3")["due"] == "2026-03-01"
    assert _finding(report, "HJ2014-22.4")["status"] == "not_applicable"
    late = _finding(_report(world, as_of="2026-03-02"), "HJ2014-22.3")
    assert late["status"] == "fail"
    assert late["evidence"] == [f"{person}:noise"]
