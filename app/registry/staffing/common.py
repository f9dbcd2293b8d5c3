"""What the staffing kinds share: a write's effective state, periods, and masked numbers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from app.registry.people.models import Person
from app.registry.references import invalid
from app.registry.writes import blame


def touches(data: Mapping[str, Any], *names: str) -> bool:
    return any(name in data for name in names)


def end_not_before_start(
    data: Mapping[str, Any], start: date, end: date | None, start_field: str, end_field: str
) -> None:
    if end is not None and end < start:
        raise invalid(
            blame(data, end_field, start_field), "must not be before the start", "date_order"
        )


def within_employment(
    data: Mapping[str, Any],
    person: Person,
    start: date,
    end: date | None,
    start_field: str,
    end_field: str,
) -> None:
    """An appointment lies within the person's employment: not before the hire date, and
    ended by the leave date (an open appointment of someone who left would count them as
    still in office)."""
    if start < person.hire_date:
        raise invalid(
            blame(data, start_field, "person_id"),
            f"before the person's hire date ({person.hire_date.isoformat()})",
            "before_hire_date",
        )
    leave = person.leave_date
    if leave is None:
        return
    if start > leave:
        raise invalid(
            blame(data, start_field, "person_id"),
            f"after the person's leave date ({leave.isoformat()})",
            "after_leave_date",
        )
    if end is None or end > leave:
        raise invalid(
            blame(data, end_field, "person_id"),
            f"must end on or before the person's leave date ({leave.isoformat()})",
            "after_leave_date",
        )


def overlapping(
    start_column: InstrumentedAttribute[date],
    end_column: InstrumentedAttribute[date | None],
    start: date,
    end: date | None,
) -> ColumnElement[bool]:
    """Stored periods sharing at least one day with [start, end]; both ends inclusive, an
    open end running for ever."""
    reaches_start = or_(end_column.is_(None), end_column >= start)
    return reaches_start if end is None else and_(reaches_start, start_column <= end)


def covering(
    start_column: InstrumentedAttribute[date],
    end_column: InstrumentedAttribute[date | None],
    day: date,
) -> ColumnElement[bool]:
    return overlapping(start_column, end_column, day, day)


def in_period(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or end >= day)


def in_service_on(enterprise_id: str, day: date) -> Select[str]:
    """Ids of the enterprise's people in service on `day`: an appointment whose holder has
    left (or was deleted) no longer counts, even if nobody ended it."""
    return select(Person.id).where(
        Person.enterprise_id == enterprise_id,
        Person.deleted_at.is_(None),
        covering(Person.hire_date, Person.leave_date, day),
    )
