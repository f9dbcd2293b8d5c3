"""Henan art. 35 (HN2019-35.1): in mines, metal smelting, construction and units producing,
trading or storing dangerous goods, a leader takes an on-site shift each month, in the five
ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.henan_2019.shifts import shift_deadlines
from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, MajorHazardSource, enterprise
from tests.compliance.rule_checks import DAY, finding, ignores_later, status
from tests.compliance.test_cover_shifts import leader, shift

RULE = "HN2019-35.1"
FOUNDED = date(2024, 3, 15)  # April is the first month judged, from 1 May
APRIL_END = date(2024, 4, 30)
CONSTRUCTION = {"industry_code": "E4710", "high_risk_category": "construction"}


def builder(**profile: object) -> FactsBuilder:
    return FactsBuilder(profile=enterprise(founded_on=FOUNDED, **{**CONSTRUCTION, **profile}))


@covers(RULE, "not_applicable")
def test_units_art_35_does_not_name_are_not_applicable() -> None:
    """A manufacturer, and two of art. 14's high-risk units that art. 35 leaves out: road
    transport, and a manufacturer with a recorded major hazard source (it only uses
    dangerous goods)."""
    day = date(2024, 6, 1)
    manufacturer = builder(industry_code="C3311", high_risk_category=None)
    assert status(RULE, manufacturer, day) is Status.NOT_APPLICABLE
    haulier = builder(industry_code="G5430", high_risk_category="road_transport")
    assert status(RULE, haulier, day) is Status.NOT_APPLICABLE
    holder = builder(industry_code="C3311", high_risk_category=None)
    holder.add(
        "hazard_sources",
        MajorHazardSource(
            **holder.common("mhs"),
            name="液氨储罐区",
            grade=3,
            location=None,
            identified_on=date(2020, 1, 1),
            filed_on=None,
            filing_number=None,
            authority=None,
        ),
    )
    assert status(RULE, holder, day) is Status.NOT_APPLICABLE
    # A fuel station (F5265) trades dangerous goods: it is named.
    station = builder(industry_code="F5265", high_risk_category=None)
    assert status(RULE, station, day) is Status.FAIL


@covers(RULE, "fail", "boundary")
def test_a_month_without_a_leaders_shift_fails_from_the_day_after_it_ends() -> None:
    facts = builder()
    leader(facts)
    found = finding(RULE, facts, APRIL_END)
    assert (found.status, found.due) == (Status.NOT_APPLICABLE, APRIL_END)
    late = finding(RULE, facts, APRIL_END + DAY)
    assert (late.status, late.evidence, late.due) == (Status.FAIL, ("2024-04",), APRIL_END)


@covers(RULE, "pass")
def test_one_leaders_shift_a_month_passes_though_the_principal_took_none() -> None:
    """Art. 35 asks the leaders concerned for shifts, not each of them (decision 124): a
    deputy's shifts carry the month, where the district's 16.1 asks the principal too."""
    facts = builder()
    leader(facts)
    deputy = leader(facts, "deputy")
    taken = [shift(facts, deputy, date(2024, 4, 8)), shift(facts, deputy, date(2024, 5, 8))]
    found = finding(RULE, facts, date(2024, 6, 1))
    assert (found.status, found.evidence, found.due) == (
        Status.PASS,
        tuple(taken),
        date(2024, 6, 30),
    )
    assert status("HJ2014-16.1", facts, date(2024, 6, 1)) is Status.FAIL


def test_a_shift_by_someone_not_in_post_does_not_count() -> None:
    facts = builder()
    leader(facts, "deputy", on=date(2024, 4, 10))
    worker = facts.person(hired=date(2020, 1, 1))
    shift(facts, worker, date(2024, 4, 3))
    found = finding(RULE, facts, APRIL_END + DAY)
    assert (found.status, found.evidence) == (Status.FAIL, ("2024-04",))


def test_shifts_with_no_leader_recorded_are_unknown() -> None:
    facts = builder()
    shift(facts, facts.person(hired=date(2020, 1, 1)), date(2024, 4, 3))
    assert status(RULE, facts, APRIL_END + DAY) is Status.UNKNOWN
    # With nothing recorded at all, nothing shows a shift: it fails.
    assert status(RULE, builder(), APRIL_END + DAY) is Status.FAIL


def test_months_from_the_regulations_start() -> None:
    facts = FactsBuilder(profile=enterprise(**CONSTRUCTION))  # founded 2010
    assert finding(RULE, facts, date(2019, 11, 1)).evidence == ("2019-10",)
    assert status(RULE, facts, date(2019, 10, 31)) is Status.NOT_APPLICABLE


@covers(RULE, "after_as_of")
def test_a_shift_after_the_date_is_ignored() -> None:
    facts = builder()
    principal = leader(facts)
    day = date(2024, 5, 15)
    found = ignores_later(RULE, facts, day, lambda: shift(facts, principal, day + DAY))
    assert found.evidence == ("2024-04",)


def test_this_months_shift_is_due_at_its_end_until_a_leader_takes_it() -> None:
    facts = builder()
    principal = leader(facts)
    deadlines = shift_deadlines(facts.facts(date(2024, 5, 10)))
    assert [(d.kind, d.due) for d in deadlines] == [("on_site_shift_due", date(2024, 5, 31))]
    shift(facts, principal, date(2024, 5, 9))
    assert shift_deadlines(facts.facts(date(2024, 5, 10))) == []
