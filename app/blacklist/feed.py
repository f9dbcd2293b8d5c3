"""The public change feed: numbered without gaps, in commit order, so a mirror that reads
`after=<n>` never skips a change that commits late.

A sequence or autoincrement would hand out 12 before 11 commits, and a reader at 12 would
never see 11. Here the number comes from one head row updated in the writer's transaction:
the row stays locked until that transaction ends, so the next writer takes its number only
after the previous one has committed (or rolled back, leaving no gap).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.blacklist.models import BlacklistChange, BlacklistFeedHead
from app.core.upsert import insert_if_absent

HEAD_ID = 1


def _next_seq(session: Session) -> int:
    # The head starts at the feed's last number, should it ever be missing (a fresh database,
    # or a restore that left it out).
    insert_if_absent(
        session,
        BlacklistFeedHead,
        {
            "id": HEAD_ID,
            "last_seq": select(func.coalesce(func.max(BlacklistChange.seq), 0)).scalar_subquery(),
        },
        key_columns=["id"],
    )
    seq: int = session.execute(
        update(BlacklistFeedHead)
        .where(BlacklistFeedHead.id == HEAD_ID)
        .values(last_seq=BlacklistFeedHead.last_seq + 1)
        .returning(BlacklistFeedHead.last_seq)
    ).scalar_one()
    return seq


def append(
    session: Session,
    *,
    entry_id: str,
    entry_version: int,
    action: str,
    public: dict[str, Any],
    at: datetime,
) -> int:
    """Add a change to the feed inside the caller's transaction; returns its number."""
    seq = _next_seq(session)
    session.add(
        BlacklistChange(
            seq=seq,
            entry_id=entry_id,
            entry_version=entry_version,
            action=action,
            occurred_at=at,
            entry=json.dumps(public, ensure_ascii=False, sort_keys=True),
        )
    )
    return seq


def dataset_version(session: Session) -> int:
    """The number of the last committed change: what the platform knows."""
    return int(session.scalar(select(func.coalesce(func.max(BlacklistChange.seq), 0))) or 0)


def after(session: Session, cursor: int, limit: int) -> list[BlacklistChange]:
    return list(
        session.scalars(
            select(BlacklistChange)
            .where(BlacklistChange.seq > cursor)
            .order_by(BlacklistChange.seq)
            .limit(limit)
        )
    )
