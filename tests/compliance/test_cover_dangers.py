"""Hidden dangers (HJ2014-5.1, 20.1 to 20.3): the aspects the other tests do not show
(coverage.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, HiddenDanger
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

RESPONSIBLE = "per_00000000000000000000000042"
COLLEAGUE = "per_00000000000000000000000043"
FIVE_FIELDS: dict[str, Any] = {
    "measures": "加固支架",
    "responsible_person_id": RESPONSIBLE,
    "funds": Decimal("5000.00"),
    "deadline": date(2024, 3, 1),
    "contingency_plan": "临时警戒",
}


def danger(builder: FactsBuilder, found: date = date(2024, 1, 1), **fields: Any) -> HiddenDanger:
    values: dict[str, Any] = {
        "found_on": found,
        "description": "支架锈蚀",
        "level": "general",
        "status": "open",
        **FIVE_FIELDS,
        **fields,
    }
    return builder.add("dangers", HiddenDanger(**builder.common("hdg"), **values))  # type: ignore[no-any-return]


def fix(record: HiddenDanger, on: date) -> None:
    record.status, record.fixed_on = "fixed", on


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 4, tzinfo=UTC)  # 12:00 in Shanghai


# --- HJ2014-5.1 --------------------------------------------------------------------------


@covers("HJ2014-5.1", "pass", "fail", "boundary")
def test_hj2014_5_1_reported_on_the_seventh_day_passes_the_eighth_fails() -> None:
    for reported, expected in ((date(2024, 1, 8), Status.PASS), (date(2024, 1, 9), Status.FAIL)):
        builder = FactsBuilder()
        major = danger(builder, level="major", reported_at=noon(reported))
        judged = finding("HJ2014-5.1", builder, date(2024, 2, 1))
        assert (judged.status, judged.evidence) == (expected, (major.id,)), reported


@covers("HJ2014-5.1", "not_applicable")
def test_hj2014_5_1_does_not_apply_without_a_major_danger_in_the_look_back() -> None:
    builder = FactsBuilder()
    danger(builder)  # general
    danger(builder, found=date(2022, 1, 1), level="major")  # unreported, long ago
    assert status("HJ2014-5.1", builder, date(2024, 2, 1)) is Status.NOT_APPLICABLE
    danger(builder, found=date(2024, 1, 2), level="major")
    assert status("HJ2014-5.1", builder, date(2024, 2, 1)) is Status.FAIL


@covers("HJ2014-5.1", "after_as_of")
def test_hj2014_5_1_a_report_made_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    major = danger(builder, level="major")
    day = date(2024, 1, 5)  # within the 7 days, not reported yet: not late yet
    later = ignores_later(
        "HJ2014-5.1", builder, day, lambda: setattr(major, "reported_at", noon(day + DAY))
    )
    assert later.status is Status.PASS
    unreported = FactsBuilder()
    late = danger(unreported, level="major")
    day = date(2024, 1, 20)
    overdue = ignores_later(
        "HJ2014-5.1", unreported, day, lambda: setattr(late, "reported_at", noon(day + DAY))
    )
    assert (overdue.status, overdue.evidence) == (Status.FAIL, (late.id,))


# --- HJ2014-20.1 -------------------------------------------------------------------------


@covers("HJ2014-20.1", "pass", "fail", "boundary")
def test_hj2014_20_1_an_incomplete_danger_fails_from_the_day_it_is_found() -> None:
    builder = FactsBuilder()
    danger(builder)
    incomplete = danger(builder, found=date(2024, 2, 1), funds=None)
    assert status("HJ2014-20.1", builder, date(2024, 1, 31)) is Status.PASS
    judged = finding("HJ2014-20.1", builder, date(2024, 2, 1))
    assert (judged.status, judged.evidence) == (Status.FAIL, (incomplete.id,))


@covers("HJ2014-20.1", "not_applicable")
def test_hj2014_20_1_does_not_apply_without_an_unresolved_danger() -> None:
    builder = FactsBuilder()
    assert status("HJ2014-20.1", builder, date(2024, 2, 1)) is Status.NOT_APPLICABLE
    fix(danger(builder, measures=None), date(2024, 1, 10))
    assert status("HJ2014-20.1", builder, date(2024, 2, 1)) is Status.NOT_APPLICABLE
    assert status("HJ2014-20.1", builder, date(2024, 1, 9)) is Status.FAIL


@covers("HJ2014-20.1", "after_as_of")
def test_hj2014_20_1_a_fix_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    incomplete = danger(builder, contingency_plan=None)
    day = date(2024, 2, 1)
    later = ignores_later("HJ2014-20.1", builder, day, lambda: fix(incomplete, day + DAY))
    assert later.status is Status.FAIL
    assert status("HJ2014-20.1", builder, day + DAY) is Status.NOT_APPLICABLE


# --- HJ2014-20.2 -------------------------------------------------------------------------


@covers("HJ2014-20.2", "not_applicable")
def test_hj2014_20_2_does_not_apply_without_an_unresolved_danger() -> None:
    builder = FactsBuilder()
    fix(danger(builder, deadline=date(2024, 1, 5)), date(2024, 1, 20))
    assert status("HJ2014-20.2", builder, date(2024, 2, 1)) is Status.NOT_APPLICABLE
    assert status("HJ2014-20.2", builder, date(2024, 1, 19)) is Status.FAIL


@covers("HJ2014-20.2", "after_as_of")
def test_hj2014_20_2_a_fix_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    overdue = danger(builder, deadline=date(2024, 2, 1))
    day = date(2024, 2, 10)
    later = ignores_later("HJ2014-20.2", builder, day, lambda: fix(overdue, day + DAY))
    assert (later.status, later.due) == (Status.FAIL, date(2024, 2, 1))
    assert status("HJ2014-20.2", builder, day + DAY) is Status.NOT_APPLICABLE


# --- HJ2014-20.3 -------------------------------------------------------------------------


def verify(record: HiddenDanger, on: date) -> None:
    record.status, record.verified_on, record.verifier_person_id = "verified", on, COLLEAGUE


@covers("HJ2014-20.3", "pass", "fail", "boundary")
def test_hj2014_20_3_a_late_verification_counts_from_its_day() -> None:
    builder = FactsBuilder()
    fixed = danger(builder, status="fixed", fixed_on=date(2024, 1, 1))
    verify(fixed, date(2024, 2, 5))
    assert status("HJ2014-20.3", builder, date(2024, 2, 4)) is Status.FAIL
    assert status("HJ2014-20.3", builder, date(2024, 2, 5)) is Status.PASS


@covers("HJ2014-20.3", "after_as_of")
def test_hj2014_20_3_a_verification_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    fixed = danger(builder, status="fixed", fixed_on=date(2024, 1, 1))
    day = date(2024, 2, 10)
    later = ignores_later("HJ2014-20.3", builder, day, lambda: verify(fixed, day + DAY))
    assert (later.status, later.evidence) == (Status.FAIL, (fixed.id,))
    assert status("HJ2014-20.3", builder, day + DAY) is Status.PASS
