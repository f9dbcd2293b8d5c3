"""District art. 16 (HJ2014-16.1): the principal and every leadership member in post through
a month take at least one recorded on-site shift in it, in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.huiji_2014.shifts import shift_deadlines
from app.compliance.rules import Status
from app.registry.people.models import Person
from app.registry.staffing.models import LeaderAppointment
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder, OnSiteShift, enterprise
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

RULE = "HJ2014-16.1"
# Founded mid-March 2024: April is the first month judged, from 1 May.
FOUNDED = date(2024, 3, 15)
APRIL_END = date(2024, 4, 30)


def builder() -> FactsBuilder:
    return FactsBuilder(profile=enterprise(founded_on=FOUNDED))


def leader(
    builder: FactsBuilder,
    position: str = "principal",
    on: date = date(2024, 1, 1),
    left: date | None = None,
    person: Person | None = None,
) -> Person:
    person = person or builder.person(hired=date(2020, 1, 1))
    builder.add(
        "leaders",
        LeaderAppointment(
            **builder.common("lda"),
            person_id=person.id,
            position=position,
            took_office_on=on,
            left_office_on=left,
        ),
    )
    return person


def shift(builder: FactsBuilder, person: Person, on: date, ends: date | None = None) -> str:
    record = OnSiteShift(
        **builder.common("oss"),
        person_id=person.id,
        shift_on=on,
        ends_on=ends,
        place="一号车间",
        notes=None,
    )
    builder.add("on_site_shifts", record)
    return record.id


@covers(RULE, "not_applicable")
def test_no_leaders_recorded_or_no_month_ended_is_not_applicable() -> None:
    facts = builder()
    assert status(RULE, facts, date(2024, 6, 1)) is Status.NOT_APPLICABLE
    leader(facts)
    young = finding(RULE, facts, APRIL_END)
    assert (young.status, young.due) == (Status.NOT_APPLICABLE, APRIL_END)


@covers(RULE, "fail", "boundary")
def test_a_month_is_judged_from_the_day_after_it_ends() -> None:
    facts = builder()
    principal = leader(facts)
    assert status(RULE, facts, APRIL_END) is Status.NOT_APPLICABLE
    late = finding(RULE, facts, APRIL_END + DAY)
    assert (late.status, late.evidence, late.due) == (
        Status.FAIL,
        (principal.id, "2024-04"),
        APRIL_END,
    )
    assert principal.id in late.message.en


@covers(RULE, "pass")
def test_the_principal_and_a_deputy_each_with_a_shift_pass() -> None:
    facts = builder()
    principal, deputy = leader(facts), leader(facts, "deputy")
    taken = [shift(facts, principal, date(2024, 4, 3)), shift(facts, deputy, date(2024, 4, 20))]
    found = finding(RULE, facts, date(2024, 5, 10))
    assert (found.status, found.evidence, found.due) == (
        Status.PASS,
        tuple(taken),
        date(2024, 5, 31),
    )


def test_a_deputy_without_a_shift_fails_beside_a_principal_with_one() -> None:
    facts = builder()
    principal, deputy = leader(facts), leader(facts, "deputy")
    for month in (4, 5, 6):
        shift(facts, principal, date(2024, month, 10))
    shift(facts, deputy, date(2024, 5, 10))
    found = finding(RULE, facts, date(2024, 7, 1))
    assert (found.status, found.evidence) == (Status.FAIL, (deputy.id, "2024-04", "2024-06"))


def test_a_leader_in_post_for_part_of_a_month_is_not_asked_for_it() -> None:
    """Took office on 2 April, left on 30 May: judged for neither April nor May."""
    facts = builder()
    leader(facts, "deputy", on=date(2024, 4, 2), left=date(2024, 5, 30))
    assert status(RULE, facts, date(2024, 6, 1)) is Status.NOT_APPLICABLE
    # A principal after a deputy's post, with no day between, is in post through May.
    facts = builder()
    person = leader(facts, "deputy", on=date(2024, 4, 1), left=date(2024, 5, 14))
    leader(facts, on=date(2024, 5, 15), person=person)
    found = finding(RULE, facts, date(2024, 6, 1))
    assert found.evidence == (person.id, "2024-04", "2024-05")


def test_a_shift_over_midnight_counts_for_the_month_it_began_in() -> None:
    facts = builder()
    principal = leader(facts)
    shift(facts, principal, APRIL_END, ends=APRIL_END + DAY)
    assert status(RULE, facts, date(2024, 6, 1)) is Status.FAIL  # May lacks one
    assert finding(RULE, facts, date(2024, 6, 1)).evidence == (principal.id, "2024-05")


def test_months_begun_in_the_last_12_months_are_judged() -> None:
    facts = FactsBuilder()  # founded 2010
    principal = leader(facts, on=date(2015, 1, 1))
    months = finding(RULE, facts, date(2024, 1, 1)).evidence[1:]
    assert (months[0], months[-1], len(months)) == ("2023-02", "2023-12", 11)
    assert finding(RULE, facts, date(2024, 1, 1)).evidence[0] == principal.id


@covers(RULE, "after_as_of")
def test_shifts_and_appointments_after_the_date_are_ignored() -> None:
    facts = builder()
    principal = leader(facts)
    day = date(2024, 5, 2)

    def later() -> None:
        shift(facts, principal, day + DAY)
        leader(facts, "deputy", on=day + DAY)

    found = ignores_later(RULE, facts, day, later)
    assert found.evidence == (principal.id, "2024-04")


def test_this_months_shift_is_due_at_its_end_for_each_leader_lacking_it() -> None:
    facts = builder()
    principal, deputy = leader(facts), leader(facts, "deputy")
    shift(facts, principal, date(2024, 5, 3))
    deadlines = shift_deadlines(facts.facts(date(2024, 5, 10)))
    assert [(d.kind, d.due, d.person_id) for d in deadlines] == [
        ("on_site_shift_due", date(2024, 5, 31), deputy.id)
    ]
