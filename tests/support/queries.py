"""Counting the SQL statements a request issues, leaving out the platform's background
threads (the blacklist snapshot refresher and the query-log writer poll the same engine)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

BACKGROUND_THREADS = frozenset(
    {"blacklist-snapshot", "query-log", "outbox-worker", "webhook-delivery"}
)


def count_queries(engine: Engine, action: Callable[[], Any]) -> int:
    statements: list[str] = []

    def remember(*args: Any) -> None:
        if threading.current_thread().name not in BACKGROUND_THREADS:
            statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return len(statements)
