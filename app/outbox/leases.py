"""A lease that one worker holds at a time (the scheduler's): an advisory lock on
PostgreSQL, a row with an owner and an expiry on SQLite.

The PostgreSQL lock belongs to a connection kept open (out of the pool's hands) for as long
as it is held, so it goes away with a worker that dies; the SQLite lease runs out by itself
`ttl` after its last renewal.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import Connection, Engine, or_, text, update

from app.core import clock
from app.core.database import session_factory
from app.core.rows import rows_changed
from app.core.upsert import insert_if_absent
from app.outbox.models import WorkerLease


class NamedLease:
    def __init__(self, engine: Engine, name: str, owner: str, ttl: timedelta) -> None:
        self._engine = engine
        self._name = name
        self._owner = owner
        self._ttl = ttl
        self._connection: Connection | None = None
        # A stable 63-bit key for pg_try_advisory_lock, derived from the name.
        digest = hashlib.sha256(f"anxin-lease:{name}".encode()).digest()
        self._key = int.from_bytes(digest[:8], "big") >> 1

    def hold(self) -> bool:
        """Take or renew the lease; True while this worker holds it."""
        if self._engine.dialect.name == "postgresql":
            return self._hold_advisory()
        return self._hold_row()

    def release(self) -> None:
        if self._connection is not None:
            # Unlocked explicitly: closing only hands the connection back to the pool,
            # where a session-level lock would live on.
            try:
                self._connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": self._key}
                )
                self._connection.commit()
            except Exception:
                self._connection.invalidate()  # dropped for good, and the lock with it
            self._connection.close()
            self._connection = None
            return
        if self._engine.dialect.name != "postgresql":
            with session_factory(self._engine, write=True)() as session:
                session.execute(
                    update(WorkerLease)
                    .where(WorkerLease.name == self._name, WorkerLease.owner == self._owner)
                    .values(until=clock.now())
                )
                session.commit()

    def _hold_advisory(self) -> bool:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT 1"))
                return True
            except Exception:
                self._connection.invalidate()  # the database went away, and the lock with it
                self._connection.close()
                self._connection = None
        connection = self._engine.connect()
        got = connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
        ).scalar_one()
        connection.commit()
        if got:
            self._connection = connection
            return True
        connection.close()
        return False

    def _hold_row(self) -> bool:
        now = clock.now()
        with session_factory(self._engine, write=True)() as session:
            insert_if_absent(
                session,
                WorkerLease,
                {"name": self._name, "owner": self._owner, "until": now + self._ttl},
                key_columns=["name"],
            )
            taken = rows_changed(
                session.execute(
                    update(WorkerLease)
                    .where(
                        WorkerLease.name == self._name,
                        or_(WorkerLease.owner == self._owner, WorkerLease.until < now),
                    )
                    .values(owner=self._owner, until=now + self._ttl)
                )
            )
            session.commit()
            return bool(taken)
