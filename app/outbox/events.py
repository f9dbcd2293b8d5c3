"""Writing events: inside the caller's transaction, so an event exists exactly when its
change does."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.core import clock
from app.core.ids import new_id
from app.core.upsert import insert_if_absent
from app.outbox.models import OutboxEvent


def emit(
    session: Session,
    type: str,
    subject: str,
    data: dict[str, Any],
    *,
    organization_id: str | None = None,
    key: str | None = None,
) -> str:
    """Queue an event in the session's transaction; returns its id. An event with a `key`
    that was produced before is not stored again (scheduled events are produced on every
    pass of the scheduler, and must reach receivers once)."""
    event_id = new_id("evt")
    values = {
        "id": event_id,
        "type": type,
        "subject": subject,
        "organization_id": organization_id,
        "key": key,
        "payload": json.dumps(data, ensure_ascii=False, sort_keys=True, default=str),
        "occurred_at": clock.now(),
    }
    if key is None:
        session.add(OutboxEvent(**values))
    else:
        session.flush()  # ORM-pending rows first, so the statement sees the same state
        insert_if_absent(session, OutboxEvent, values, key_columns=["key"])
    return event_id
