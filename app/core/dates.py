"""Calendar dates the API accepts: strictly `YYYY-MM-DD`, and within plausible bounds.

Why it is built this way: docs/design-notes.md, "Dates the API accepts".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from app.core import clock

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
FUTURE_YEARS = 10

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def iso_day(value: Any) -> Any:
    """Let through a `date` or a `YYYY-MM-DD` string (pydantic then checks the calendar);
    refuse an instant, a number, or any other spelling."""
    if isinstance(value, datetime):
        raise PydanticCustomError("date_format", "Input should be a date, not an instant")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    raise PydanticCustomError("date_format", "Input should be a date as YYYY-MM-DD")


def parse_iso_day(text: str) -> date | None:
    """The day `text` names in the only accepted form, or None (for hand-parsed inputs)."""
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _within_bounds(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise PydanticCustomError(
            "date_out_of_range",
            "Input should be a date from {earliest} to {latest}",
            {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        )
    return day


def _not_after_today(day: date) -> date:
    if day > clock.today():
        raise PydanticCustomError("in_future", "Input should not be a day after today")
    return day


def latest_record_day() -> date:
    today = clock.today()
    try:
        return today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + FUTURE_YEARS, day=28)


def _not_too_far_ahead(day: date) -> date:
    if day > latest_record_day():
        raise PydanticCustomError(
            "date_too_far_ahead",
            "Input should be at most {years} years after today",
            {"years": FUTURE_YEARS},
        )
    return day


Day = Annotated[date, BeforeValidator(iso_day), AfterValidator(_within_bounds)]
PastDay = Annotated[Day, AfterValidator(_not_after_today)]
RecordDay = Annotated[Day, AfterValidator(_not_too_far_ahead)]
