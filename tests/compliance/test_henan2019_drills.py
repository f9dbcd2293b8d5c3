"""Henan arts. 23 and 49 (HN2019-23.2, HN2019-49.1): emergency drills at least every so
many months, in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.henan_2019.drills import every_unit_deadlines
from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import EmergencyDrill, FactsBuilder, enterprise
from tests.compliance.rule_checks import DAY, finding, ignores_later, status
from tests.compliance.test_henan2019_staffing import hazard_source

EVERY_UNIT, HAZARD_SOURCE = "HN2019-49.1", "HN2019-23.2"


def drill(builder: FactsBuilder, drill_type: str, held: date) -> EmergencyDrill:
    return builder.add(  # type: ignore[no-any-return]
        "emergency_drills",
        EmergencyDrill(
            **builder.common("emd"),
            plan_id="emp_00000000000000000000000001",
            drill_type=drill_type,
            held_on=held,
            participants=20,
        ),
    )


# --- HN2019-49.1: every unit ------------------------------------------------------------------


@covers(EVERY_UNIT, "pass", "fail", "boundary")
def test_a_yearly_plan_drill_and_a_half_yearly_on_site_drill() -> None:
    builder = FactsBuilder()
    yearly = drill(builder, "special", date(2023, 3, 1))
    on_site = drill(builder, "on_site", date(2023, 9, 1))
    on_time = finding(EVERY_UNIT, builder, date(2024, 3, 1))
    assert (on_time.status, on_time.evidence, on_time.due) == (
        Status.PASS,
        (yearly.id, on_site.id),
        date(2024, 3, 1),
    )
    late = finding(EVERY_UNIT, builder, date(2024, 3, 2))
    assert (late.status, late.evidence, late.due) == (
        Status.FAIL,
        (yearly.id, on_site.id),
        date(2024, 3, 1),
    )


def test_an_on_site_drill_does_not_stand_for_the_plan_drill() -> None:
    builder = FactsBuilder()
    drill(builder, "on_site", date(2023, 12, 1))
    assert status(EVERY_UNIT, builder, date(2024, 1, 1)) is Status.FAIL


@covers(EVERY_UNIT, "not_applicable")
def test_a_new_unit_has_no_drill_due_yet() -> None:
    builder = FactsBuilder(profile=enterprise(founded_on=date(2024, 1, 1)))
    found = finding(EVERY_UNIT, builder, date(2024, 3, 1))
    assert (found.status, found.due) == (Status.NOT_APPLICABLE, date(2024, 7, 1))
    assert status(EVERY_UNIT, builder, date(2024, 7, 2)) is Status.FAIL
    due = [d.due for d in every_unit_deadlines(builder.facts(date(2024, 3, 1)))]
    assert due == [date(2025, 1, 1), date(2024, 7, 1)]


@covers(EVERY_UNIT, "after_as_of")
def test_a_drill_after_the_date_is_ignored() -> None:
    builder = FactsBuilder()
    day = date(2024, 1, 1)
    later = ignores_later(EVERY_UNIT, builder, day, lambda: drill(builder, "on_site", day + DAY))
    assert later.status is Status.FAIL


# --- HN2019-23.2: units with a major hazard source ----------------------------------------------


@covers(HAZARD_SOURCE, "pass", "fail", "boundary")
def test_a_drill_every_six_months_where_there_is_a_source() -> None:
    builder = FactsBuilder()
    hazard_source(builder, identified=date(2023, 1, 1), filed=date(2023, 1, 10))
    assert status(HAZARD_SOURCE, builder, date(2023, 7, 1)) is Status.NOT_APPLICABLE
    assert status(HAZARD_SOURCE, builder, date(2023, 7, 2)) is Status.FAIL
    drill(builder, "comprehensive", date(2023, 6, 1))
    assert status(HAZARD_SOURCE, builder, date(2023, 12, 1)) is Status.PASS
    assert status(HAZARD_SOURCE, builder, date(2023, 12, 2)) is Status.FAIL


@covers(HAZARD_SOURCE, "not_applicable")
def test_no_source_no_source_drill() -> None:
    builder = FactsBuilder()
    assert status(HAZARD_SOURCE, builder, date(2024, 1, 1)) is Status.NOT_APPLICABLE
    hazard_source(builder, identified=date(2023, 12, 1))
    found = finding(HAZARD_SOURCE, builder, date(2024, 1, 1))
    assert (found.status, found.due) == (Status.NOT_APPLICABLE, date(2024, 6, 1))


@covers(HAZARD_SOURCE, "after_as_of")
def test_a_source_identified_after_the_date_is_ignored() -> None:
    builder = FactsBuilder()
    day = date(2024, 1, 1)
    later = ignores_later(
        HAZARD_SOURCE, builder, day, lambda: hazard_source(builder, identified=day + DAY)
    )
    assert later.status is Status.NOT_APPLICABLE
    drill(builder, "on_site", date(2023, 12, 1))
    assert (
        ignores_later(
            HAZARD_SOURCE, builder, day, lambda: drill(builder, "on_site", day + DAY)
        ).status
        is Status.NOT_APPLICABLE
    )
