"""A look-back window of some months before the as-of date: the records dated inside it are
the ones a rule judges (the last 12 months' leavers, major hidden dangers …). Each pack names
its own months as a parameter."""

from __future__ import annotations

from datetime import date, timedelta

from app.compliance.facts import Facts
from app.core.calendar import add_months
from app.law.parameters import Parameter


def look_back_start(facts: Facts, months: Parameter[int]) -> date:
    """The last day before the look-back: records dated after it are inside."""
    return add_months(facts.as_of, -facts.value(months))


def leaves_look_back(facts: Facts, months: Parameter[int], day: date) -> date:
    """The first as-of date on which a record dated `day` is outside the look-back."""
    count = facts.value(months)
    leaving = add_months(day, count)
    # A 29 February plus 12 months is clamped to the 28th, still inside: one day more.
    return leaving if add_months(leaving, -count) >= day else leaving + timedelta(days=1)
