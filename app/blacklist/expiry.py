"""Entries whose listing period has run out become `expired`, with a change in the feed.

Answers never wait for this: whether an entry is in force on a day follows from its dates
alone. Marking them tells the change feed (and so every mirror) and the public notice.
Idempotent, and safe in several processes at once: rows are locked and re-checked.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.blacklist.catalog import EntryStatus
from app.blacklist.lifecycle import audit_entry, publicize
from app.blacklist.models import BlacklistEntry
from app.blacklist.state import record_event
from app.core import clock

BATCH = 200


def expire_due(session: Session, today: date | None = None) -> int:
    """Mark published entries whose last listed day is before `today`; returns how many."""
    day = today or clock.today()
    due = list(
        session.scalars(
            select(BlacklistEntry)
            .where(
                BlacklistEntry.status == EntryStatus.PUBLISHED.value,
                BlacklistEntry.expires_on < day,
            )
            .order_by(BlacklistEntry.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    )
    for entry in due:
        entry.status = EntryStatus.EXPIRED.value
        entry.public_version += 1
        entry.updated_at = clock.now()
        session.flush()
        seq = publicize(session, entry, "expired")
        record_event(session, entry, "expired", actor_id=None, change_seq=seq)
        audit_entry(session, None, entry, "blacklist.expire", None)
    return len(due)
