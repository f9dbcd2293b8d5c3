"""The institutions' query log, written in batches by a background thread.

A lookup must not wait for a database write (DESIGN §8: a round trip alone caps throughput
at a fifth of the target), so answers are queued here and flushed every `interval` seconds
or every `batch` rows in one transaction. The window a crash can lose is what is queued:
at most one interval of answers of that process; their receipts stay valid and verifiable,
only `GET …/receipts/{id}` and the organization's query list will not show them.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any

from sqlalchemy import Engine, insert

from app.blacklist.models import InstitutionQuery
from app.core.database import writer_bind

logger = logging.getLogger("anxin.blacklist.query_log")


class QueryLog:
    def __init__(self, engine: Engine, interval: float = 0.02, batch: int = 2000) -> None:
        self._engine = writer_bind(engine)
        # Core, not the ORM: one executemany of plain rows per batch. The ORM's bulk insert
        # cost about twice as much per row, in a thread that shares the request's core.
        self._insert = insert(InstitutionQuery)  # run on a Connection: plain Core
        self._interval = interval
        self._batch = batch
        self._pending: deque[dict[str, Any]] = deque()
        self._lock = threading.Lock()  # one flush at a time, so rows keep their order
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def append(self, row: dict[str, Any]) -> None:
        """Queue one answer (the columns of InstitutionQuery); never blocks on I/O."""
        self._pending.append(row)
        if len(self._pending) >= self._batch:
            self._wake.set()

    def pending(self, receipt_id: str) -> dict[str, Any] | None:
        return next((row for row in list(self._pending) if row["id"] == receipt_id), None)

    def flush(self) -> int:
        """Write what is queued now; returns how many rows. On failure the rows go back to
        the front of the queue and the next flush tries again."""
        with self._lock:
            rows: list[dict[str, Any]] = []
            while self._pending and len(rows) < self._batch * 5:
                rows.append(self._pending.popleft())
            if not rows:
                return 0
            try:
                with self._engine.begin() as connection:
                    connection.execute(self._insert, rows)
            except Exception:
                self._pending.extendleft(reversed(rows))
                raise
            return len(rows)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="query-log", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread and write what is left (a clean shutdown loses nothing)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        while self.flush():
            pass

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._interval)
            self._wake.clear()
            try:
                while self.flush():
                    pass
            except Exception:
                logger.exception("query log flush failed; rows kept for the next try")
                self._stop.wait(1.0)
