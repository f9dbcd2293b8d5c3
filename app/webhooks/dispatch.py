"""Dispatch: each outbox event becomes one message per endpoint that should hear of it.

Who hears of an event: the organization it names (an enterprise's alert), or the watchers
of the credit code it is about (institutions whose watchlists hold that code). Each
watcher's message says which of its lists matched. A batch is dispatched in one
transaction, so an event is turned into messages exactly once.

Dispatch is serialized (a transaction-scoped advisory lock on PostgreSQL; SQLite has one
writer anyway) and goes in event order, so an endpoint's messages about one subject are
made, and therefore delivered, in the order of their events.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.core import clock
from app.outbox.models import OutboxEvent
from app.watchlists.service import Watcher, watchers_of
from app.webhooks.messages import body_of, queue
from app.webhooks.models import WebhookEndpoint

BATCH = 200
# Any constant shared by every dispatcher of the database: the advisory lock's key.
_DISPATCH_LOCK = 0x616E78696E01
_CREDIT_CODE = "credit_code:"


def dispatch_pending(session: Session, batch: int = BATCH) -> int:
    """Turn up to `batch` undispatched events into messages; returns how many events. The
    caller commits."""
    if session.get_bind().dialect.name == "postgresql":
        locked = session.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _DISPATCH_LOCK}
        ).scalar_one()
        if not locked:
            return 0  # another dispatcher is at it
    events = list(
        session.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.dispatched_at.is_(None))
            .order_by(OutboxEvent.seq)
            .limit(batch)
        )
    )
    if not events:
        return 0
    watchers = watchers_of(
        session,
        {e.subject.removeprefix(_CREDIT_CODE) for e in events if _is_about_a_code(e)},
    )
    organizations = {e.organization_id for e in events if e.organization_id} | {
        w.organization_id for found in watchers.values() for w in found
    }
    endpoints = _endpoints_of(session, organizations)
    now = clock.now()
    for event in events:
        for endpoint, data in _recipients(event, watchers, endpoints):
            queue(
                session,
                endpoint,
                event_id=event.id,
                event_seq=event.seq,
                event_type=event.type,
                subject=event.subject,
                body=body_of(event.type, event.occurred_at, data),
                at=now,
            )
        event.dispatched_at = now
    return len(events)


def _is_about_a_code(event: OutboxEvent) -> bool:
    return event.organization_id is None and event.subject.startswith(_CREDIT_CODE)


def _endpoints_of(
    session: Session, organizations: set[str]
) -> dict[str, list[tuple[WebhookEndpoint, frozenset[str]]]]:
    """Live endpoints of these organizations, with the event types each subscribes to.
    Disabled endpoints still get messages: they wait and go once it is enabled again."""
    found: dict[str, list[tuple[WebhookEndpoint, frozenset[str]]]] = defaultdict(list)
    if not organizations:
        return found
    rows = session.scalars(
        select(WebhookEndpoint)
        .where(
            WebhookEndpoint.organization_id.in_(sorted(organizations)),
            WebhookEndpoint.deleted_at.is_(None),
        )
        .order_by(WebhookEndpoint.id)
    )
    for endpoint in rows:
        found[endpoint.organization_id].append(
            (endpoint, frozenset(json.loads(endpoint.event_types)))
        )
    return found


def _recipients(
    event: OutboxEvent,
    watchers: dict[str, list[Watcher]],
    endpoints: dict[str, list[tuple[WebhookEndpoint, frozenset[str]]]],
) -> list[tuple[WebhookEndpoint, dict[str, Any]]]:
    data: dict[str, Any] = json.loads(event.payload)
    if event.organization_id is not None:
        targets = [(event.organization_id, data)]
    elif _is_about_a_code(event):
        by_organization: dict[str, list[Watcher]] = defaultdict(list)
        for watcher in watchers.get(event.subject.removeprefix(_CREDIT_CODE), []):
            by_organization[watcher.organization_id].append(watcher)
        targets = [
            (organization, {**data, "watchlists": _matched(found)})
            for organization, found in sorted(by_organization.items())
        ]
    else:
        targets = []
    return [
        (endpoint, payload)
        for organization, payload in targets
        for endpoint, types in endpoints.get(organization, [])
        if event.type in types
    ]


def _matched(watchers: Sequence[Watcher]) -> list[dict[str, str | None]]:
    return [
        {"watchlist_id": w.watchlist_id, "reference": w.reference}
        for w in sorted(watchers, key=lambda w: w.watchlist_id)
    ]
