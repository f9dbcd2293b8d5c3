"""The outbox table: every event a domain change causes, written in the change's transaction.

An event is written once and dispatched once: the dispatcher turns it into one message per
webhook endpoint that should hear of it, in one transaction, and marks it dispatched.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime


class OutboxEvent(Base):
    __tablename__ = "outbox_events"
    __table_args__ = (Index("ix_outbox_events_pending", "dispatched_at", "seq"),)

    # Numbered as written. Two events about one subject are written one after the other
    # (a listing's changes take the feed's lock; the scheduler is one), so for a subject
    # this is the order of its events, which messages keep.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(40), unique=True)  # evt_…
    type: Mapped[str] = mapped_column(String(60))  # e.g. blacklist.entry.published
    # What the event is about (`credit_code:…`, `enterprise:…`): messages about one subject
    # reach an endpoint in the order of their events.
    subject: Mapped[str] = mapped_column(String(80))
    # The one organization it is for (an enterprise's alert), or None when the recipients
    # follow from the subject (the watchers of a credit code).
    organization_id: Mapped[str | None] = mapped_column(String(40))
    # Scheduled events carry a key so that producing one twice stores it once.
    key: Mapped[str | None] = mapped_column(String(200), unique=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON: the event's `data`
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WorkerLease(Base):
    """A named lease (the scheduler's) that one worker holds at a time, on SQLite; on
    PostgreSQL an advisory lock does the same."""

    __tablename__ = "worker_leases"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    owner: Mapped[str] = mapped_column(String(60))
    until: Mapped[datetime] = mapped_column(UTCDateTime())
