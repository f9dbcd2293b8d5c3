"""The one rule for calendar dates: `YYYY-MM-DD` only, within plausible bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from app.core import clock
from app.core.dates import (
    EARLIEST,
    LATEST,
    Day,
    PastDay,
    RecordDay,
    latest_record_day,
    parse_iso_day,
)

DAY, PAST, RECORD = TypeAdapter(Day), TypeAdapter(PastDay), TypeAdapter(RecordDay)


def _error(adapter: TypeAdapter[date], value: object) -> str:
    with pytest.raises(ValidationError) as raised:
        adapter.validate_python(value)
    return str(raised.value.errors()[0]["type"])


@given(st.dates(EARLIEST, LATEST))
def test_every_day_in_bounds_is_read_from_its_iso_form(day: date) -> None:
    assert DAY.validate_python(day.isoformat()) == day
    assert DAY.validate_python(day) == day
    assert parse_iso_day(day.isoformat()) == day


@given(st.datetimes(datetime(1900, 1, 1), datetime(2199, 12, 31)))
def test_an_instant_is_not_a_date_even_at_midnight(moment: datetime) -> None:
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    for spelled in (
        midnight.isoformat(),
        midnight.isoformat() + "Z",
        midnight.date().isoformat() + " 00:00",
    ):
        assert _error(DAY, spelled) == "date_format"
        assert parse_iso_day(spelled) is None
    assert _error(DAY, midnight) == "date_format"


@pytest.mark.parametrize(
    "spelled",
    [
        "20261207",
        "2026-W49-1",
        "1733529600",
        "2026/12/07",
        "2026-12-7",
        " 2026-12-07",
        "２０２６-12-07",
    ],
)
def test_other_spellings_are_refused(spelled: str) -> None:
    assert _error(DAY, spelled) == "date_format"
    assert parse_iso_day(spelled) is None


def test_a_number_is_not_a_date() -> None:
    assert _error(DAY, 1733529600) == "date_format"


@pytest.mark.parametrize("spelled", ["1899-12-31", "2200-01-01", "9999-12-31", "0001-01-01"])
def test_days_out_of_bounds_are_refused(spelled: str) -> None:
    assert _error(DAY, spelled) == "date_out_of_range"
    assert parse_iso_day(spelled) is None


def test_past_and_record_days_are_bounded_by_today() -> None:
    with clock.use_clock(clock.FixedClock(datetime(2026, 2, 28, 20, tzinfo=UTC))):
        today = clock.today()  # 2026-03-01 in Asia/Shanghai
        assert today == date(2026, 3, 1)
        assert PAST.validate_python(today.isoformat()) == today
        assert _error(PAST, (today + timedelta(days=1)).isoformat()) == "in_future"
        assert latest_record_day() == date(2036, 3, 1)
        assert RECORD.validate_python("2036-03-01") == date(2036, 3, 1)
        assert _error(RECORD, "2036-03-02") == "date_too_far_ahead"
    with clock.use_clock(clock.FixedClock(datetime(2028, 2, 29, 4, tzinfo=UTC))):
        assert latest_record_day() == date(2038, 2, 28)
