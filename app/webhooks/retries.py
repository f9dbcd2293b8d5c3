"""When to try again: the configured waits, each jittered so that retries after an outage do
not all arrive in the same second."""

from __future__ import annotations

import random
from datetime import timedelta

JITTER = 0.2


def exhausted(attempt: int, schedule: list[float]) -> bool:
    """True when `attempt` (1 = the first) was the last one the schedule allows."""
    return attempt > len(schedule)


def wait_after(attempt: int, schedule: list[float], rng: random.Random) -> timedelta:
    base = schedule[attempt - 1]
    return timedelta(seconds=base * rng.uniform(1 - JITTER, 1 + JITTER))
