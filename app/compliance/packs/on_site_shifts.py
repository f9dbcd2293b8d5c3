"""Leaders' on-site shifts (带班) as the rules read them: the months judged, who of the
leadership was in post through a month, and the shifts begun in it. Shared by the district's
art. 16 and the province's art. 35; each pack names its own frequency and look-back.

A month is judged once it has ended (a shift cannot be taken late for a month gone by): from
its last day's next day, as the monthly duties are judged once their due day has passed. The
months judged are those that began inside the look-back, on or after the pack's and the
enterprise's start (rules.md, "Due periods"). A shift counts for the month it began in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from app.compliance.facts import Facts, derived, in_period
from app.compliance.packs import look_back
from app.core.calendar import add_months
from app.law.parameters import Parameter

CONCERNS = ("on-site-shifts",)


def month_end(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def first_month(facts: Facts, pack_start: date, look_back_months: Parameter[int]) -> date:
    """The first month judged: the first that began on or after the pack's and the
    enterprise's start and inside the look-back."""
    start = max(
        facts.started_on,
        pack_start,
        look_back.look_back_start(facts, look_back_months) + timedelta(days=1),
    )
    return start if start.day == 1 else add_months(start.replace(day=1), 1)


def months_judged(facts: Facts, pack_start: date, look_back_months: Parameter[int]) -> list[date]:
    """The months judged as of the date (ended before it), oldest first."""
    months, month = [], first_month(facts, pack_start, look_back_months)
    while month_end(month) < facts.as_of:
        months.append(month)
        month = add_months(month, 1)
    return months


def _covers(periods: Iterable[tuple[date, date | None]], first: date, last: date) -> bool:
    """Do the periods (inclusive, an open end running for ever) together cover every day
    from `first` to `last`?"""
    reached = first - timedelta(days=1)
    for start, end in sorted(periods, key=lambda period: period[0]):
        if start > reached + timedelta(days=1):
            break
        reached = max(reached, end or date.max)
        if reached >= last:
            return True
    return reached >= last


def leaders_through(facts: Facts, month: date) -> list[str]:
    """The people in the leadership (the principal or a deputy in charge) and in service on
    every day of the month, in the order of their first appointment. Someone who took or
    left office within the month is not asked for its shift (decision 123)."""
    last = month_end(month)
    people: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
    for appointment in facts.leaders:
        people[appointment.person_id].append(
            (appointment.took_office_on, appointment.left_office_on)
        )
    through = []
    for person_id, periods in people.items():
        person = facts.people.get(person_id)
        if person is None or not _covers([(person.hire_date, person.leave_date)], month, last):
            continue
        if _covers(periods, month, last):
            through.append(person_id)
    return through


def leader_on(facts: Facts, person_id: str, day: date) -> bool:
    """Was the person a leader in post and in service on the day?"""
    return facts.in_service(person_id, day) and any(
        a.person_id == person_id and in_period(a.took_office_on, a.left_office_on, day)
        for a in facts.leaders
    )


@derived
def shifts_by_month(facts: Facts) -> dict[str, list[Any]]:
    """The shifts begun on or before the date, by the month (YYYY-MM) they began in."""
    months: dict[str, list[Any]] = defaultdict(list)
    for shift in facts.on_site_shifts:
        if shift.shift_on <= facts.as_of:
            months[f"{shift.shift_on:%Y-%m}"].append(shift)
    return months


def shifts_in(facts: Facts, month: date) -> list[Any]:
    return shifts_by_month(facts).get(f"{month:%Y-%m}", [])


def shown(items: list[str], limit: int = 6) -> tuple[str, str]:
    """(zh, en) renderings of a list, cut to `limit` items."""
    more = len(items) > limit
    return "、".join(items[:limit]) + ("等" if more else ""), ", ".join(items[:limit]) + (
        " …" if more else ""
    )
