"""A clock standing still for each test of a module that imports `still_clock`, and the
dates relative to it.

Registry tests compute dates ("yesterday", "in 30 days") and compare them with the dates the
server judges by; with the clock standing still at the test's real start (set before the
world fixture issues tokens, so they stay valid) both agree even across midnight.
Import both names into the test module: `still_clock` is an autouse fixture, so importing it
is what switches it on there.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from app.core import clock


@pytest.fixture(autouse=True)
def still_clock() -> Iterator[None]:
    with clock.use_clock(clock.FixedClock(datetime.now(UTC))):
        yield


def day(offset: int) -> str:
    """The day `offset` days from today, as the API writes it."""
    return (clock.today() + timedelta(days=offset)).isoformat()
