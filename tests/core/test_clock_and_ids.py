"""The business clock (Asia/Shanghai) and the opaque, time-ordered ids."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.core import clock
from app.core.ids import id_pattern, is_id, new_id


def test_today_follows_shanghai_not_utc() -> None:
    with clock.use_clock(clock.FixedClock(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))):
        assert clock.now().date() == date(2026, 12, 31)
        assert clock.today() == date(2027, 1, 1)


def test_fixed_clock_moves_only_when_told() -> None:
    fixed = clock.FixedClock(datetime(2026, 1, 1, tzinfo=UTC))
    with clock.use_clock(fixed):
        assert clock.now() == clock.now()
        fixed.advance(timedelta(days=1))
        assert clock.now() == datetime(2026, 1, 2, tzinfo=UTC)


def test_fixed_clock_refuses_naive_time() -> None:
    with pytest.raises(ValueError, match="aware"):
        clock.FixedClock(datetime(2026, 1, 1))


def test_ids_carry_their_prefix_and_sort_by_time() -> None:
    fixed = clock.FixedClock(datetime(2026, 1, 1, tzinfo=UTC))
    with clock.use_clock(fixed):
        earlier = new_id("ent")
        fixed.advance(timedelta(milliseconds=1))
        later = new_id("ent")
    assert earlier < later
    assert is_id(earlier, "ent")
    assert not is_id(earlier, "per")
    assert len(earlier) == len("ent_") + 26


def test_ids_are_unique_within_one_millisecond() -> None:
    with clock.use_clock(clock.FixedClock(datetime(2026, 1, 1, tzinfo=UTC))):
        ids = {new_id("per") for _ in range(10_000)}
    assert len(ids) == 10_000


@pytest.mark.parametrize("prefix", ["", "X", "toolongprefix", "a1"])
def test_bad_prefixes_are_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="prefix"):
        new_id(prefix)


def test_id_pattern_rejects_lookalikes() -> None:
    import re

    pattern = re.compile(id_pattern("ent"))
    assert pattern.match(new_id("ent"))
    assert not pattern.match("ent_" + "I" * 26)
    assert not pattern.match("ent_1")
