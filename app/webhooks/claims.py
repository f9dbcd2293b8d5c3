"""Claiming due messages, so that no two workers ever make the same attempt.

A claim sets a lease (owner, until) and counts the attempt, in one short transaction, before
any HTTP is sent. On PostgreSQL candidates are picked `FOR UPDATE SKIP LOCKED`, so workers
side by side take different rows without waiting; SQLite has no SKIP LOCKED, and there the
claim is one conditional UPDATE inside a `BEGIN IMMEDIATE` transaction — SQLite's single
writer makes it atomic across `anxin serve --workers N` processes. A lease outlives the
attempt's HTTP timeout; a worker killed mid-delivery leaves a lease that runs out, and the
message is claimed again (the same `webhook-id`, the next attempt number).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from app.webhooks.messages import PENDING
from app.webhooks.models import WebhookEndpoint, WebhookMessage


@dataclass(frozen=True)
class Claim:
    message_id: str
    endpoint_id: str
    attempt: int
    lease_until: datetime


def claim_due(
    session: Session, owner: str, now: datetime, lease: timedelta, limit: int
) -> list[Claim]:
    """Lease up to `limit` due messages for `owner`; the caller commits."""
    earlier = aliased(WebhookMessage)
    # An endpoint hears of one subject in order: a message waits while an earlier one about
    # the same subject is still pending (retrying, or leased by another worker).
    waits_for_earlier = exists().where(
        earlier.endpoint_id == WebhookMessage.endpoint_id,
        earlier.subject == WebhookMessage.subject,
        earlier.status == PENDING,
        earlier.event_seq < WebhookMessage.event_seq,
    )
    free = or_(WebhookMessage.lease_until.is_(None), WebhookMessage.lease_until < now)
    candidates = (
        select(WebhookMessage.id)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookMessage.endpoint_id)
        .where(
            WebhookMessage.status == PENDING,
            WebhookMessage.next_attempt_at <= now,
            free,
            WebhookEndpoint.enabled.is_(True),
            WebhookEndpoint.deleted_at.is_(None),
            ~waits_for_earlier,
        )
        .order_by(WebhookMessage.next_attempt_at, WebhookMessage.event_seq)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True, of=WebhookMessage)
    ids = list(session.scalars(candidates))
    if not ids:
        return []
    until = now + lease
    rows = session.execute(
        update(WebhookMessage)
        # Re-checked in the UPDATE itself: the claim holds even if the SELECT raced.
        .where(WebhookMessage.id.in_(ids), WebhookMessage.status == PENDING, and_(free))
        .values(lease_owner=owner, lease_until=until, attempts=WebhookMessage.attempts + 1)
        .returning(WebhookMessage.id, WebhookMessage.endpoint_id, WebhookMessage.attempts)
        .execution_options(synchronize_session=False)
    ).all()
    return [Claim(row[0], row[1], row[2], until) for row in rows]
