"""The one source of "now" and "today", so that tests can move time and deadlines stay local.

Instants are UTC; the business calendar (deadlines, year ends, "today") is Asia/Shanghai.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

BUSINESS_TZ = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until moved; for tests and reproducible runs."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._instant = instant.astimezone(UTC)

    def now(self) -> datetime:
        return self._instant

    def advance(self, delta: timedelta) -> None:
        self._instant += delta


_current: Clock = SystemClock()


def now() -> datetime:
    """The current instant, aware, in UTC."""
    return _current.now()


def today() -> date:
    """Today's date on the business calendar (Asia/Shanghai)."""
    return _current.now().astimezone(BUSINESS_TZ).date()


@contextmanager
def use_clock(clock: Clock) -> Iterator[Clock]:
    """Run a block with another clock; restores the previous one afterwards."""
    global _current
    previous, _current = _current, clock
    try:
        yield clock
    finally:
        _current = previous
