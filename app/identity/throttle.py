"""Counters that slow down and then refuse repeated attempts (sign-ins, sign-ups).

Kept in the database so that every API process sees the same counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import clock
from app.core.upsert import insert_if_absent
from app.identity.models import Throttle


@dataclass(frozen=True)
class Refusal:
    key: str
    retry_after_seconds: int


def hold(session: Session, key: str, window: timedelta) -> None:
    """Lock the key's counter for this transaction, so that concurrent attempts on one key
    (parallel password guesses) are judged one after the other, each seeing the last."""
    _counter(session, key, window)


def refusal(session: Session, keys: list[str]) -> Refusal | None:
    """The first key that is currently locked, with how long it stays locked."""
    now = clock.now()
    for key in keys:
        row = session.get(Throttle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            return Refusal(key, _seconds_until(row.locked_until, now))
    return None


def record_failure(
    session: Session, key: str, *, free_attempts: int, window: timedelta, max_lockout: timedelta
) -> None:
    """Count one failure. Past `free_attempts` within `window`, each further failure locks the
    key for twice as long as the previous one (1 s, 2 s, 4 s … up to `max_lockout`)."""
    row = _counter(session, key, window)
    row.count += 1
    over = row.count - free_attempts
    if over >= 0:
        lockout = min(timedelta(seconds=2**over), max_lockout)
        row.locked_until = clock.now() + lockout
    session.flush()


def count_event(session: Session, key: str, *, limit: int, window: timedelta) -> Refusal | None:
    """Count one event (a sign-up); refuse it when the window already holds `limit` events."""
    row = _counter(session, key, window)
    if row.count >= limit:
        ends = row.window_started_at + window
        return Refusal(key, _seconds_until(ends, clock.now()))
    row.count += 1
    session.flush()
    return None


def clear(session: Session, key: str) -> None:
    row = session.get(Throttle, key)
    if row is not None:
        session.delete(row)
        session.flush()


def _counter(session: Session, key: str, window: timedelta) -> Throttle:
    """The key's counter row, created if missing and locked for this transaction: concurrent
    guesses against one account must each count."""
    now = clock.now()
    insert_if_absent(
        session, Throttle, {"key": key, "count": 0, "window_started_at": now}, key_columns=["key"]
    )
    row = session.scalars(select(Throttle).where(Throttle.key == key).with_for_update()).one()
    # The count starts over only after a whole quiet window: from the window's start, or
    # from the end of the last lock — else waiting out a lock would earn fresh free attempts.
    quiet_since = max(row.window_started_at, row.locked_until or row.window_started_at)
    if quiet_since + window <= now:
        row.count, row.window_started_at, row.locked_until = 0, now, None
    return row


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, int((moment - now).total_seconds() + 0.999))
