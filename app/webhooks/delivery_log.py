"""An endpoint's delivery log (its messages, newest first, and their attempts) and replay."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core import clock
from app.core.errors import NOT_FOUND
from app.core.pagination import decode_cursor, encode_cursor
from app.identity.auditing import audit
from app.webhooks import errors
from app.webhooks.messages import PENDING
from app.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookMessage
from app.webhooks.schemas import WebhookDeliveryStatus
from app.webhooks.service import WebhookContext

# The cursor names its ordering, so a cursor of another list is refused.
_ORDERING = "webhook_messages.id desc"


def page(
    session: Session,
    endpoint: WebhookEndpoint,
    *,
    status: WebhookDeliveryStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[WebhookMessage], str | None]:
    """One page of the endpoint's messages, newest first (ids are time-ordered). Keyset on
    the id, descending, which core pagination (ascending only) does not offer."""
    statement = select(WebhookMessage).where(
        WebhookMessage.endpoint_id == endpoint.id,
        WebhookMessage.organization_id == endpoint.organization_id,
    )
    if status is not None:
        statement = statement.where(WebhookMessage.status == status.value)
    if cursor is not None:
        (after,) = decode_cursor(_ORDERING, cursor, 1)
        statement = statement.where(WebhookMessage.id < str(after))
    rows = list(session.scalars(statement.order_by(WebhookMessage.id.desc()).limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(_ORDERING, [rows[-1].id])


def get_message(session: Session, endpoint: WebhookEndpoint, message_id: str) -> WebhookMessage:
    message = session.scalar(
        select(WebhookMessage).where(
            WebhookMessage.id == message_id,
            WebhookMessage.endpoint_id == endpoint.id,
            WebhookMessage.organization_id == endpoint.organization_id,
        )
    )
    if message is None:
        raise NOT_FOUND.problem(f"No delivery {message_id} for endpoint {endpoint.id}.")
    return message


def attempts_of(session: Session, message: WebhookMessage) -> list[WebhookAttempt]:
    return list(
        session.scalars(
            select(WebhookAttempt)
            .where(WebhookAttempt.message_id == message.id)
            .order_by(WebhookAttempt.number, WebhookAttempt.id)
        )
    )


def replay(ctx: WebhookContext, endpoint: WebhookEndpoint, message: WebhookMessage) -> None:
    """Send a finished message again: pending and due now, with the same `webhook-id` and
    body; its attempts keep counting. One that is still pending is refused (409)."""
    if not endpoint.enabled:
        raise errors.WEBHOOK_ENDPOINT_DISABLED.problem(
            "The endpoint is disabled: enable it first, then replay."
        )
    before = message.status
    now = clock.now()
    # Conditional, so a replay racing with another one (or with anything that made the
    # message pending again) changes it once.
    result: Any = ctx.session.execute(
        update(WebhookMessage)
        .where(WebhookMessage.id == message.id, WebhookMessage.status != PENDING)
        .values(
            status=PENDING,
            next_attempt_at=now,
            finished_at=None,
            lease_owner=None,
            lease_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise errors.DELIVERY_PENDING.problem(
            "This message is still pending: it will be attempted again anyway."
        )
    ctx.session.refresh(message)
    audit(
        ctx.session,
        actor=ctx.principal,
        action="webhook_delivery.replay",
        resource_type="webhook_message",
        resource_id=message.id,
        subject_organization_id=endpoint.organization_id,
        request_id=ctx.request_id,
        changes={"endpoint_id": endpoint.id, "status": {"before": before, "after": PENDING}},
    )
