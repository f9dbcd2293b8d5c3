"""Time-based events (DESIGN §9): jobs that one worker at a time runs on an interval, under
a lease, each in its own transaction. Every job is idempotent — listings expire once,
notices are keyed — so a lease lost mid-job costs nothing but a repeat."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.blacklist.service import expire_due
from app.core.config import Settings
from app.core.database import session_factory
from app.outbox.leases import NamedLease
from app.worker.notices import produce_notices

logger = logging.getLogger("anxin.worker")

LEASE_NAME = "scheduler"


@dataclass
class Job:
    name: str
    interval: float
    run: Callable[[Session], int]
    next_at: float = field(default=0.0)  # monotonic; 0: at the first tick


def default_jobs(settings: Settings) -> list[Job]:
    return [
        Job("blacklist_expiry", settings.blacklist_expiry_check_seconds, expire_due),
        Job("enterprise_notices", settings.scheduler_interval_seconds, produce_notices),
    ]


class Scheduler:
    def __init__(self, engine: Engine, settings: Settings, owner: str) -> None:
        self._sessions = session_factory(engine, write=True)
        self.jobs = default_jobs(settings)
        shortest = min(job.interval for job in self.jobs)
        # The lease outlives a few ticks, so that a busy worker keeps it between them.
        self._lease = NamedLease(engine, LEASE_NAME, owner, timedelta(seconds=shortest * 3 + 60))

    def tick(self) -> int:
        """Run the jobs that are due, if this worker holds the lease; returns how many ran."""
        now = time.monotonic()
        due = [job for job in self.jobs if job.next_at <= now]
        if not due or not self._lease.hold():
            return 0
        for job in due:
            job.next_at = now + job.interval
            try:
                with self._sessions() as session:
                    count = job.run(session)
                    session.commit()
                if count:
                    logger.info("scheduled job %s: %d", job.name, count)
            except Exception:
                logger.exception(
                    "scheduled job %s failed; it runs again at its next interval", job.name
                )
        return len(due)

    def stop(self) -> None:
        # A shutdown must go on when the database cannot take the release (down, full,
        # read-only): the API's lifespan would abort halfway. The lease then runs out by itself.
        try:
            self._lease.release()
        except Exception as exc:
            logger.warning("scheduler lease not released (it expires by itself): %s", exc)
