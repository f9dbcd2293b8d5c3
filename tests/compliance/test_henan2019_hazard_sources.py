"""Henan art. 23 (HN2019-23.1): major hazard sources registered and filed, in the five ways
(coverage.py). Its drills and half-yearly reports come with the kinds that record them."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.henan_2019.hazard_sources import filing_deadlines
from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, status
from tests.compliance.test_henan2019_staffing import hazard_source

RULE = "HN2019-23.1"
D = date(2024, 1, 1)


@covers(RULE, "pass", "fail", "boundary")
def test_filed_from_the_day_of_filing() -> None:
    builder = FactsBuilder()
    hazard_source(builder, identified=date(2023, 6, 1), filed=D)
    before = finding(RULE, builder, D - DAY)
    assert (before.status, before.due) == (Status.FAIL, date(2023, 6, 1))
    assert status(RULE, builder, D) is Status.PASS


@covers(RULE, "not_applicable")
def test_no_source_no_filing() -> None:
    assert status(RULE, FactsBuilder(), D) is Status.NOT_APPLICABLE


@covers(RULE, "after_as_of")
def test_a_source_identified_after_the_date_is_ignored() -> None:
    builder = FactsBuilder()
    hazard_source(builder, identified=date(2023, 6, 1), filed=date(2023, 6, 10))
    later = ignores_later(RULE, builder, D, lambda: hazard_source(builder, identified=D + DAY))
    assert later.status is Status.PASS
    assert status(RULE, builder, D + DAY) is Status.FAIL


def test_an_unfiled_source_is_overdue_from_identification() -> None:
    builder = FactsBuilder()
    hazard_source(builder, identified=D)
    assert [(d.kind, d.due) for d in filing_deadlines(builder.facts(D))] == [
        ("hazard_source_filing_due", D)
    ]
