"""Queuing a message: one event's body, fixed once, for one endpoint."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.core.ids import new_id
from app.webhooks.models import WebhookEndpoint, WebhookMessage

PENDING = "pending"
DELIVERED = "delivered"
FAILED = "failed"


def body_of(event_type: str, occurred_at: datetime, data: dict[str, Any]) -> str:
    """The payload Standard Webhooks recommends: `type`, `timestamp` and `data`."""
    return json.dumps(
        {
            "type": event_type,
            "timestamp": occurred_at.isoformat().replace("+00:00", "Z"),
            "data": data,
        },
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )


def queue(
    session: Session,
    endpoint: WebhookEndpoint,
    *,
    event_id: str,
    event_seq: int,
    event_type: str,
    subject: str,
    body: str,
    at: datetime,
) -> WebhookMessage:
    message = WebhookMessage(
        id=new_id("msg"),
        endpoint_id=endpoint.id,
        organization_id=endpoint.organization_id,
        event_id=event_id,
        event_seq=event_seq,
        event_type=event_type,
        subject=subject,
        body=body,
        status=PENDING,
        attempts=0,
        next_attempt_at=at,
        created_at=at,
    )
    session.add(message)
    return message
