"""Henan art. 24 para 4 (HN2019-24.1): each month's hidden-danger statistics analysed,
reported and told to staff by the end of the next month, in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.henan_2019.dangers import statistics_deadlines
from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, HiddenDangerStatistics, enterprise
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

RULE = "HN2019-24.1"
# Founded mid-May 2023: June is the first month asked for, due by 31 July.
FOUNDED = date(2023, 5, 15)
FIRST_DUE = date(2023, 7, 31)


def builder() -> FactsBuilder:
    return FactsBuilder(profile=enterprise(founded_on=FOUNDED))


def statistics(
    builder: FactsBuilder,
    month: str,
    analysed: date,
    reported: date | None = None,
    told: date | None = None,
) -> HiddenDangerStatistics:
    return builder.add(  # type: ignore[no-any-return]
        "hidden_danger_statistics",
        HiddenDangerStatistics(
            **builder.common("hds"),
            month=month,
            analysed_on=analysed,
            found_count=3,
            fixed_count=3,
            overdue_count=0,
            reported_to_regulator_on=reported if reported is not None else analysed,
            told_to_staff_on=told,
            summary="本月隐患均已整改。",
        ),
    )


@covers(RULE, "not_applicable", "fail", "boundary")
def test_the_first_month_is_late_from_the_day_after_the_next_months_end() -> None:
    facts = builder()
    assert status(RULE, facts, FIRST_DUE) is Status.NOT_APPLICABLE
    late = finding(RULE, facts, FIRST_DUE + DAY)
    assert (late.status, late.evidence, late.due) == (Status.FAIL, ("2023-06",), FIRST_DUE)


@covers(RULE, "pass")
def test_a_month_analysed_reported_and_told_passes() -> None:
    facts = builder()
    statistics(facts, "2023-06", date(2023, 7, 10), told=date(2023, 7, 12))
    assert status(RULE, facts, FIRST_DUE + DAY) is Status.PASS


def test_a_month_not_told_to_staff_is_missing() -> None:
    facts = builder()
    statistics(facts, "2023-06", date(2023, 7, 10))
    assert status(RULE, facts, FIRST_DUE + DAY) is Status.FAIL


@covers(RULE, "after_as_of")
def test_telling_the_staff_after_the_date_is_ignored() -> None:
    facts = builder()
    statistics(facts, "2023-06", date(2023, 7, 10))
    day = date(2023, 8, 5)
    later = ignores_later(
        RULE, facts, day, lambda: statistics(facts, "2023-07", day, told=day + DAY)
    )
    assert later.evidence == ("2023-06",)


def test_the_pack_start_bounds_an_older_enterprise() -> None:
    facts = FactsBuilder()  # founded 2010: months from October 2019
    found = finding(RULE, facts, date(2019, 12, 31))
    assert found.evidence == ("2019-10",)


def test_months_begun_in_the_last_12_months_are_asked_for() -> None:
    facts = FactsBuilder()  # founded 2010
    assert finding(RULE, facts, date(2023, 12, 31)).evidence[0] == "2023-01"
    months = finding(RULE, facts, date(2024, 1, 1)).evidence
    assert (months[0], months[-1], len(months)) == ("2023-02", "2023-11", 10)


def test_overdue_months_are_one_alert_and_open_months_their_own() -> None:
    facts = builder()
    deadlines = statistics_deadlines(facts.facts(date(2023, 9, 15)))
    assert [(d.kind, d.due) for d in deadlines] == [
        ("hidden_danger_statistics_overdue", FIRST_DUE),
        ("hidden_danger_statistics_leaves_look_back", date(2024, 6, 1)),
        ("hidden_danger_statistics_due", date(2023, 9, 30)),
        ("hidden_danger_statistics_due", date(2023, 10, 31)),
    ]
