"""职业病防治法 arts. 16, 20 and 35 in pack `prc-2021` (PRC2021-OD16 to OD35.4), each shown in
the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, status
from tests.compliance.test_rules_health import START, exposed

D = date(2024, 6, 1)
HAZARD_TRADE = {"occupational_hazard_trade": True}


# --- PRC2021-OD16 ----------------------------------------------------------------------------


@covers("PRC2021-OD16", "pass", "fail", "boundary")
def test_prc2021_od16_the_declaration_counts_from_its_day() -> None:
    builder = FactsBuilder()
    exposed(builder, "noise")
    builder.declaration(D, "noise")
    found = finding("PRC2021-OD16", builder, D - DAY)
    assert (found.status, found.evidence) == (Status.FAIL, ("noise",))
    assert status("PRC2021-OD16", builder, D) is Status.PASS


@covers("PRC2021-OD16", "not_applicable")
def test_prc2021_od16_does_not_apply_without_a_hazard_or_an_exposure() -> None:
    builder = FactsBuilder()
    builder.person()
    assert status("PRC2021-OD16", builder, D) is Status.NOT_APPLICABLE
    assert status("PRC2021-OD16", builder, D, **HAZARD_TRADE) is Status.FAIL


@covers("PRC2021-OD16", "after_as_of")
def test_prc2021_od16_a_declaration_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    exposed(builder, "noise")
    later = ignores_later("PRC2021-OD16", builder, D, lambda: builder.declaration(D + DAY, "noise"))
    assert later.status is Status.FAIL


# --- PRC2021-OD20 ----------------------------------------------------------------------------


@covers("PRC2021-OD20", "pass", "fail", "boundary")
def test_prc2021_od20_a_supervisor_counts_from_the_appointment() -> None:
    builder = FactsBuilder()
    exposed(builder, "noise")
    builder.officer(builder.person(), duty="occupational_health_supervisor", on=D)
    assert status("PRC2021-OD20", builder, D - DAY) is Status.FAIL
    assert status("PRC2021-OD20", builder, D) is Status.PASS


@covers("PRC2021-OD20", "not_applicable")
def test_prc2021_od20_does_not_apply_without_a_hazard_or_an_exposure() -> None:
    assert status("PRC2021-OD20", FactsBuilder(), D) is Status.NOT_APPLICABLE


@covers("PRC2021-OD20", "after_as_of")
def test_prc2021_od20_an_appointment_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    exposed(builder, "noise")
    person = builder.person()
    later = ignores_later(
        "PRC2021-OD20",
        builder,
        D,
        lambda: builder.officer(person, duty="occupational_health_supervisor", on=D + DAY),
    )
    assert later.status is Status.FAIL


# --- PRC2021-OD35.1 --------------------------------------------------------------------------


@covers("PRC2021-OD35.1", "pass", "fail", "boundary")
def test_prc2021_od35_1_a_pre_job_exam_on_the_first_day_passes_the_next_fails() -> None:
    for examined, expected in ((START, Status.PASS), (START + DAY, Status.FAIL)):
        builder = FactsBuilder()
        person = builder.person(exposures=[("noise", START, None)])
        builder.exam(person, "pre_job", examined, "noise")
        assert status("PRC2021-OD35.1", builder, D) is expected, examined


@covers("PRC2021-OD35.1", "not_applicable")
def test_prc2021_od35_1_does_not_apply_without_a_hazard_or_an_exposure() -> None:
    assert status("PRC2021-OD35.1", FactsBuilder(), D) is Status.NOT_APPLICABLE


@covers("PRC2021-OD35.1", "after_as_of")
def test_prc2021_od35_1_an_exposure_starting_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    exposed(builder, "noise")
    later = ignores_later(
        "PRC2021-OD35.1", builder, D, lambda: builder.person(exposures=[("dust", D + DAY, None)])
    )
    assert later.status is Status.PASS


# --- PRC2021-OD35.2 --------------------------------------------------------------------------


@covers("PRC2021-OD35.2", "pass", "fail", "boundary")
def test_prc2021_od35_2_a_yearly_exam_is_late_from_the_day_after_its_anniversary() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "benzene", None)
    builder.exam(person, "periodic", date(2023, 3, 1), "benzene")
    passed = finding("PRC2021-OD35.2", builder, date(2024, 3, 1))
    assert (passed.status, passed.due) == (Status.PASS, date(2024, 3, 1))
    found = finding("PRC2021-OD35.2", builder, date(2024, 3, 2))
    assert (found.status, found.evidence) == (Status.FAIL, (f"{person.id}:benzene",))


@covers("PRC2021-OD35.2", "not_applicable")
def test_prc2021_od35_2_does_not_apply_without_a_hazard_or_an_exposure() -> None:
    assert status("PRC2021-OD35.2", FactsBuilder(), D) is Status.NOT_APPLICABLE


@covers("PRC2021-OD35.2", "after_as_of")
def test_prc2021_od35_2_a_periodic_exam_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "benzene", None)
    builder.exam(person, "periodic", date(2023, 3, 1), "benzene")
    day = date(2024, 3, 2)
    later = ignores_later(
        "PRC2021-OD35.2",
        builder,
        day,
        lambda: builder.exam(person, "periodic", day + DAY, "benzene"),
    )
    assert later.status is Status.FAIL
    assert status("PRC2021-OD35.2", builder, day + DAY) is Status.PASS


# --- PRC2021-OD35.3 --------------------------------------------------------------------------

LEFT = date(2024, 3, 1)


@covers("PRC2021-OD35.3", "pass", "fail", "boundary")
def test_prc2021_od35_3_a_periodic_exam_90_days_before_leaving_stands_for_the_exit_exam() -> None:
    for examined, expected in ((LEFT - 90 * DAY, Status.PASS), (LEFT - 91 * DAY, Status.FAIL)):
        builder = FactsBuilder()
        person = builder.person(left=LEFT, exposures=[("noise", START, LEFT)])
        builder.exam(person, "periodic", examined, "noise")
        found = finding("PRC2021-OD35.3", builder, D)
        assert (found.status, found.provisional) == (expected, True), examined


@covers("PRC2021-OD35.3", "not_applicable")
def test_prc2021_od35_3_does_not_apply_without_an_exposed_leaver_in_the_look_back() -> None:
    builder = FactsBuilder()
    builder.person(left=LEFT, exposures=[("noise", START, LEFT)])
    assert status("PRC2021-OD35.3", builder, date(2025, 3, 1)) is Status.NOT_APPLICABLE
    assert status("PRC2021-OD35.3", builder, date(2025, 2, 28)) is Status.FAIL


@covers("PRC2021-OD35.3", "after_as_of")
def test_prc2021_od35_3_a_leave_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = builder.person(exposures=[("noise", START, None)])

    def leave() -> None:
        person.leave_date = D + DAY

    later = ignores_later("PRC2021-OD35.3", builder, D, leave)
    assert later.status is Status.NOT_APPLICABLE


# --- PRC2021-OD35.4 --------------------------------------------------------------------------


@covers("PRC2021-OD35.4", "pass", "fail", "boundary")
def test_prc2021_od35_4_the_exposure_must_end_on_the_day_of_the_finding() -> None:
    found_on = date(2024, 1, 10)
    for ended, expected in ((found_on, Status.PASS), (found_on + DAY, Status.FAIL)):
        builder = FactsBuilder()
        person = builder.person(exposures=[("noise", START, ended)])
        builder.exam(person, "pre_job", START, "noise")
        builder.exam(person, "periodic", found_on, "noise", conclusion="contraindication")
        assert status("PRC2021-OD35.4", builder, D, **HAZARD_TRADE) is expected, ended


@covers("PRC2021-OD35.4", "not_applicable")
def test_prc2021_od35_4_does_not_apply_without_a_hazard_or_an_exposure() -> None:
    assert status("PRC2021-OD35.4", FactsBuilder(), D) is Status.NOT_APPLICABLE


@covers("PRC2021-OD35.4", "after_as_of")
def test_prc2021_od35_4_a_clearing_exam_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    person = exposed(builder, "noise")
    builder.exam(person, "periodic", date(2024, 1, 10), "noise", conclusion="contraindication")
    later = ignores_later(
        "PRC2021-OD35.4", builder, D, lambda: builder.exam(person, "periodic", D + DAY, "noise")
    )
    assert later.status is Status.FAIL
