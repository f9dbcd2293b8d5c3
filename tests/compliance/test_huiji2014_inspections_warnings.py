"""The seed's arts. 20 and 23, rules HJ2014-20.4 (a hidden-danger inspection recorded in
every month) and HJ2014-23.3 (a warning on the day an accident sign is found), in the five
ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.huiji_2014.dangers import inspection_deadlines
from app.compliance.packs.huiji_2014.duties import warning_deadlines
from app.compliance.rules import Status
from app.registry.dangers.models import HiddenDangerInspection
from app.registry.emergency.models import AccidentSign
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, enterprise
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

INSPECTED = "HJ2014-20.4"
WARNED = "HJ2014-23.3"
# Founded mid-May 2023: June is the first month asked for, late from 1 July.
FOUNDED = date(2023, 5, 15)
JUNE_ENDS = date(2023, 6, 30)


def builder() -> FactsBuilder:
    return FactsBuilder(profile=enterprise(founded_on=FOUNDED))


def inspection(facts: FactsBuilder, on: date, found: int = 0) -> HiddenDangerInspection:
    return facts.add(  # type: ignore[no-any-return]
        "danger_inspections",
        HiddenDangerInspection(
            **facts.common("hdi"),
            inspected_on=on,
            kind="routine",
            scope="全厂",
            leader_person_id=None,
            dangers_found=found,
        ),
    )


def sign(
    facts: FactsBuilder,
    observed: date,
    warned: date | None = None,
    measures: str | None = "停止作业，撤离人员",
) -> AccidentSign:
    return facts.add(  # type: ignore[no-any-return]
        "accident_signs",
        AccidentSign(
            **facts.common("acs"),
            observed_on=observed,
            description="可燃气体报警",
            location=None,
            warning_issued_on=warned,
            warning_measures=measures if warned is not None else None,
            issued_by_person_id=None,
        ),
    )


# --- HJ2014-20.4 ------------------------------------------------------------------------


@covers(INSPECTED, "not_applicable", "fail", "boundary")
def test_no_inspection_recorded_fails_once_the_first_month_ends() -> None:
    facts = builder()
    waiting = finding(INSPECTED, facts, JUNE_ENDS)
    assert (waiting.status, waiting.due) == (Status.NOT_APPLICABLE, JUNE_ENDS)
    # Nothing recorded is a failure, not "not applicable": the seed asks every enterprise.
    late = finding(INSPECTED, facts, JUNE_ENDS + DAY)
    assert (late.status, late.evidence, late.due) == (Status.FAIL, ("2023-06",), JUNE_ENDS)


@covers(INSPECTED, "pass", "boundary")
def test_an_inspection_on_the_months_last_day_counts_for_it() -> None:
    facts = builder()
    june = inspection(facts, JUNE_ENDS, found=2)
    found = finding(INSPECTED, facts, date(2023, 7, 10))
    # July has begun without an inspection: the finding changes at its end.
    assert (found.status, found.evidence, found.due) == (
        Status.PASS,
        (june.id,),
        date(2023, 7, 31),
    )
    assert status(INSPECTED, facts, date(2023, 8, 1)) is Status.FAIL
    inspection(facts, date(2023, 8, 1))  # the next month's: July is still missing
    assert finding(INSPECTED, facts, date(2023, 8, 2)).evidence == ("2023-07",)


@covers(INSPECTED, "after_as_of")
def test_an_inspection_after_the_date_is_ignored() -> None:
    facts = builder()
    day = date(2023, 7, 15)
    later = ignores_later(INSPECTED, facts, day, lambda: inspection(facts, day + DAY))
    assert (later.status, later.evidence) == (Status.FAIL, ("2023-06",))


def test_only_the_look_back_is_judged_and_every_missing_month_named() -> None:
    facts = FactsBuilder()  # founded 2010
    for month in range(1, 13):
        if month not in (3, 9):
            inspection(facts, date(2024, month, 5))
    found = finding(INSPECTED, facts, date(2025, 1, 15))
    # The twelve months before 15 January 2025 begin with February 2024.
    assert (found.status, found.evidence, found.due) == (
        Status.FAIL,
        ("2024-03", "2024-09"),
        date(2024, 3, 31),
    )
    assert status(INSPECTED, facts, date(2025, 4, 1)) is Status.FAIL  # September still in
    kinds = [d.kind for d in inspection_deadlines(facts.facts(date(2025, 1, 15)))]
    assert kinds == [
        "danger_inspections_overdue",
        "danger_inspections_leave_look_back",
        "danger_inspection_due",
    ]


# --- HJ2014-23.3 ------------------------------------------------------------------------

SEEN = date(2025, 3, 10)


@covers(WARNED, "not_applicable", "pass", "fail")
def test_a_sign_warned_the_same_day_with_measures_passes() -> None:
    facts = FactsBuilder()
    assert status(WARNED, facts, SEEN) is Status.NOT_APPLICABLE
    warned = sign(facts, SEEN, warned=SEEN)
    assert finding(WARNED, facts, SEEN + DAY).evidence == (warned.id,)
    assert status(WARNED, facts, SEEN + DAY) is Status.PASS
    unwarned = sign(facts, SEEN, warned=SEEN, measures=None)
    found = finding(WARNED, facts, SEEN + DAY)
    assert (found.status, found.evidence, found.due) == (Status.FAIL, (unwarned.id,), SEEN)


@covers(WARNED, "boundary")
def test_a_warning_the_next_day_is_late_and_a_sign_today_not_yet() -> None:
    facts = FactsBuilder()
    pending = sign(facts, SEEN)
    today = finding(WARNED, facts, SEEN)
    assert (today.status, today.due) == (Status.PASS, SEEN)
    assert status(WARNED, facts, SEEN + DAY) is Status.FAIL
    late = sign(facts, date(2025, 1, 5), warned=date(2025, 1, 6))
    assert finding(WARNED, facts, date(2025, 1, 7)).evidence == (late.id,)
    assert [d.record_id for d in warning_deadlines(facts.facts(SEEN)) if d.alert] == [
        pending.id,
        late.id,
    ]


@covers(WARNED, "boundary")
def test_a_sign_leaves_the_twelve_month_look_back() -> None:
    facts = FactsBuilder()
    sign(facts, date(2024, 3, 10))
    assert status(WARNED, facts, date(2025, 3, 9)) is Status.FAIL
    assert status(WARNED, facts, date(2025, 3, 10)) is Status.NOT_APPLICABLE


@covers(WARNED, "after_as_of")
def test_a_warning_issued_after_the_date_is_not_there_yet() -> None:
    facts = FactsBuilder()
    observed = sign(facts, SEEN)
    ignores_later(WARNED, facts, SEEN + DAY, lambda: sign(facts, SEEN + 2 * DAY, SEEN + 2 * DAY))
    # The stored warning, given later (a PATCH), is cut away on an earlier date.
    observed.warning_issued_on = SEEN + 2 * DAY
    observed.warning_measures = "撤离"
    assert status(WARNED, facts, SEEN + DAY) is Status.FAIL
