"""National law arts. 40 and 41 (PRC2021-40.1, 41.1, 41.2): major hazard sources filed,
hidden dangers fixed by their deadlines and major ones reported, each shown in the five ways
(coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Severity, Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, MajorHazardSource
from tests.compliance.rule_checks import DAY, finding, ignores_later, status
from tests.compliance.test_cover_dangers import danger, fix, noon

FOUND = date(2024, 1, 1)
DEADLINE = date(2024, 3, 1)  # the FIVE_FIELDS deadline


# --- PRC2021-40.1 ----------------------------------------------------------------------------


def source(builder: FactsBuilder, filed: date | None = None) -> MajorHazardSource:
    return builder.add(  # type: ignore[no-any-return]
        "hazard_sources",
        MajorHazardSource(
            **builder.common("mhs"),
            name="液氨储罐区",
            grade=3,
            identified_on=date(2025, 3, 1),
            filed_on=filed,
        ),
    )


@covers("PRC2021-40.1", "pass", "fail", "boundary")
def test_prc2021_40_1_a_source_counts_as_filed_from_the_filing_day() -> None:
    builder = FactsBuilder()
    record = source(builder, filed=date(2025, 3, 19))
    found = finding("PRC2021-40.1", builder, date(2025, 3, 18))
    assert (found.status, found.evidence) == (Status.FAIL, (record.id,))
    assert status("PRC2021-40.1", builder, date(2025, 3, 19)) is Status.PASS


@covers("PRC2021-40.1", "not_applicable")
def test_prc2021_40_1_does_not_apply_without_a_major_hazard_source() -> None:
    assert status("PRC2021-40.1", FactsBuilder(), date(2025, 3, 1)) is Status.NOT_APPLICABLE


@covers("PRC2021-40.1", "after_as_of")
def test_prc2021_40_1_a_source_identified_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    source(builder, filed=date(2025, 3, 1))
    day = date(2025, 2, 28)
    later = ignores_later("PRC2021-40.1", builder, day, lambda: source(builder))
    assert later.status is Status.NOT_APPLICABLE


# --- PRC2021-41.1 ----------------------------------------------------------------------------


@covers("PRC2021-41.1", "pass", "fail", "boundary")
def test_prc2021_41_1_a_danger_is_overdue_from_the_day_after_its_deadline() -> None:
    builder = FactsBuilder()
    record = danger(builder, FOUND)
    passed = finding("PRC2021-41.1", builder, DEADLINE)
    assert (passed.status, passed.due) == (Status.PASS, DEADLINE)
    found = finding("PRC2021-41.1", builder, DEADLINE + DAY)
    assert (found.status, found.evidence, found.severity) == (
        Status.FAIL,
        (record.id,),
        Severity.MAJOR,
    )
    record.level = "major"
    assert finding("PRC2021-41.1", builder, DEADLINE + DAY).severity is Severity.CRITICAL


@covers("PRC2021-41.1", "not_applicable")
def test_prc2021_41_1_does_not_apply_without_an_unresolved_danger() -> None:
    builder = FactsBuilder()
    fix(danger(builder, FOUND), date(2024, 2, 1))
    assert status("PRC2021-41.1", builder, DEADLINE + DAY) is Status.NOT_APPLICABLE


@covers("PRC2021-41.1", "after_as_of")
def test_prc2021_41_1_a_fix_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    record = danger(builder, FOUND)
    day = DEADLINE + DAY
    later = ignores_later("PRC2021-41.1", builder, day, lambda: fix(record, day + DAY))
    assert later.status is Status.FAIL


# --- PRC2021-41.2 ----------------------------------------------------------------------------


@covers("PRC2021-41.2", "pass", "fail", "boundary")
def test_prc2021_41_2_reported_on_the_seventh_day_passes_the_eighth_fails() -> None:
    for reported, expected in ((FOUND + 7 * DAY, Status.PASS), (FOUND + 8 * DAY, Status.FAIL)):
        builder = FactsBuilder()
        danger(builder, FOUND, level="major", reported_at=noon(reported))
        found = finding("PRC2021-41.2", builder, date(2024, 2, 1))
        assert found.status is expected, reported
        assert found.provisional  # "promptly" read as 7 days


@covers("PRC2021-41.2", "not_applicable")
def test_prc2021_41_2_does_not_apply_without_a_major_danger_in_the_look_back() -> None:
    builder = FactsBuilder()
    danger(builder, FOUND)  # general
    assert status("PRC2021-41.2", builder, date(2024, 2, 1)) is Status.NOT_APPLICABLE
    danger(builder, FOUND, level="major")
    assert status("PRC2021-41.2", builder, date(2025, 1, 1)) is Status.NOT_APPLICABLE
    assert status("PRC2021-41.2", builder, date(2024, 12, 31)) is Status.FAIL


@covers("PRC2021-41.2", "after_as_of")
def test_prc2021_41_2_a_report_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    record = danger(builder, FOUND, level="major")
    day = FOUND + 8 * DAY

    def report() -> None:
        record.reported_at = noon(day + DAY)

    later = ignores_later("PRC2021-41.2", builder, day, report)
    assert later.status is Status.FAIL
