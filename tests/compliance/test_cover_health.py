"""Occupational health (HJ2014-22.1 to 22.6): the aspects the other tests do not show
(coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, status
from tests.compliance.test_rules_health import START, exposed

D = date(2026, 6, 1)


@covers("HJ2014-22.1", "after_as_of")
def test_hj2014_22_1_a_declaration_filed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    exposed(builder, "noise")
    later = ignores_later("HJ2014-22.1", builder, D, lambda: builder.declaration(D + DAY, "noise"))
    assert (later.status, later.evidence) == (Status.FAIL, ("noise",))
    assert status("HJ2014-22.1", builder, D + DAY) is Status.PASS


@covers("HJ2014-22.2", "pass", "fail", "boundary")
def test_hj2014_22_2_a_pre_job_exam_on_the_first_day_of_exposure_passes_the_next_fails() -> None:
    for examined, expected in ((START, Status.PASS), (START + DAY, Status.FAIL)):
        builder = FactsBuilder()
        person = builder.person(exposures=[("noise", START, None)])
        builder.exam(person, "pre_job", examined, "noise")
        assert status("HJ2014-22.2", builder, D) is expected, examined


@covers("HJ2014-22.2", "after_as_of")
def test_hj2014_22_2_an_exposure_starting_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    exposed(builder, "noise")
    later = ignores_later(
        "HJ2014-22.2", builder, D, lambda: builder.person(exposures=[("dust", D + DAY, None)])
    )
    assert later.status is Status.PASS
    assert status("HJ2014-22.2", builder, D + DAY) is Status.FAIL


@covers("HJ2014-22.3", "after_as_of")
def test_hj2014_22_3_a_periodic_exam_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "noise", "87 dB(A)")  # yearly
    builder.exam(person, "periodic", date(2025, 3, 1), "noise")
    day = date(2026, 3, 2)
    later = ignores_later(
        "HJ2014-22.3", builder, day, lambda: builder.exam(person, "periodic", day + DAY, "noise")
    )
    assert (later.status, later.due) == (Status.FAIL, date(2026, 3, 1))
    assert status("HJ2014-22.3", builder, day + DAY) is Status.PASS


@covers("HJ2014-22.4", "after_as_of")
def test_hj2014_22_4_a_leave_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "noise")
    later = ignores_later("HJ2014-22.4", builder, D, lambda: setattr(person, "leave_date", D + DAY))
    assert later.status is Status.NOT_APPLICABLE
    leaver = finding("HJ2014-22.4", builder, D + DAY)
    assert (leaver.status, leaver.evidence) == (Status.FAIL, (f"{person.id}:noise",))


@covers("HJ2014-22.5", "after_as_of")
def test_hj2014_22_5_a_contraindication_found_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "noise")
    later = ignores_later(
        "HJ2014-22.5",
        builder,
        D,
        lambda: builder.exam(person, "periodic", D + DAY, "noise", "contraindication"),
    )
    assert later.status is Status.PASS
    assert status("HJ2014-22.5", builder, D + 2 * DAY) is Status.FAIL


@covers("HJ2014-22.6", "after_as_of")
def test_hj2014_22_6_a_supervisor_appointed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    exposed(builder)
    supervisor = builder.person()
    later = ignores_later(
        "HJ2014-22.6",
        builder,
        D,
        lambda: builder.officer(
            supervisor, duty="occupational_health_supervisor", employment="part_time", on=D + DAY
        ),
    )
    assert later.status is Status.FAIL
    assert status("HJ2014-22.6", builder, D + DAY) is Status.PASS
