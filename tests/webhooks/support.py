"""Helpers for webhook tests: endpoints through the API, messages and attempts through the
outbox and the queue (as the dispatcher and the deliverer would make them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.core import clock
from app.core.database import session_factory
from app.core.ids import new_id
from app.outbox.events import emit
from app.outbox.models import OutboxEvent
from app.webhooks.messages import body_of, queue
from app.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookMessage
from tests.support.world import Actor, World, add_client, add_member, credit_code

ENDPOINTS = "/v1/webhook-endpoints"
# A public address given literally: registering it contacts no one.
PUBLIC_URL = "https://93.184.215.14/hook"
INSTITUTION_TYPES = ["blacklist.entry.published", "blacklist.entry.removed"]


def endpoint_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "url": PUBLIC_URL,
        "description": "贷后监测",
        "event_types": INSTITUTION_TYPES,
    }
    body.update(overrides)
    return body


def create(world: World, actor: str = "bank_admin", **overrides: Any) -> dict[str, Any]:
    response = world.client.post(
        ENDPOINTS, json=endpoint_body(**overrides), headers=world[actor].headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def add_hooks_client(world: World) -> Actor:
    """The bank's integration client holding webhooks:manage: `bank_hooks`."""
    return add_client(world, "bank_hooks", world.ids["bank"], "bank_admin", ["webhooks:manage"])


def add_insurer(world: World) -> None:
    """A second institution with its admin (`insurer_admin`) and a webhooks client
    (`insurer_client`)."""
    response = world.client.post(
        "/v1/organizations",
        json={"kind": "institution", "name": "平安保险郑州分公司"},
        headers=world["platform"].headers,
    )
    assert response.status_code == 201, response.text
    insurer = str(response.json()["id"])
    world.ids["insurer"] = insurer
    add_member(world, "insurer_admin", insurer, "admin", world["platform"])
    add_client(
        world, "insurer_client", insurer, "insurer_admin", ["webhooks:manage", "blacklist:read"]
    )


def queue_message(
    engine: Engine,
    endpoint_id: str,
    *,
    event_type: str = "blacklist.entry.published",
    seed: int = 101,
    status: str = "pending",
    attempts: Sequence[tuple[int | None, str]] = (),
) -> str:
    """A message for the endpoint, made as the dispatcher makes it (an outbox event, then
    the queue); then, as the deliverer would, the given attempts (status code, outcome) and
    the final `status`."""
    code = credit_code(seed)
    with session_factory(engine, write=True)() as session:
        endpoint = session.get(WebhookEndpoint, endpoint_id)
        assert endpoint is not None
        data = {"credit_code": code, "entry_version": 1}
        event_id = emit(session, event_type, f"credit_code:{code}", data)
        session.flush()
        event_seq = session.scalar(select(OutboxEvent.seq).where(OutboxEvent.id == event_id))
        assert event_seq is not None
        now = clock.now()
        message = queue(
            session,
            endpoint,
            event_id=event_id,
            event_seq=event_seq,
            event_type=event_type,
            subject=f"credit_code:{code}",
            body=body_of(event_type, now, data),
            at=now,
        )
        session.flush()
        _attempted(session, message, attempts, status)
        session.commit()
        return message.id


def _attempted(
    session: Session,
    message: WebhookMessage,
    attempts: Sequence[tuple[int | None, str]],
    status: str,
) -> None:
    now = clock.now()
    for number, (status_code, outcome) in enumerate(attempts, start=1):
        session.add(
            WebhookAttempt(
                id=new_id("wha"),
                message_id=message.id,
                endpoint_id=message.endpoint_id,
                organization_id=message.organization_id,
                number=number,
                worker="test:1",
                started_at=now + timedelta(seconds=number),
                latency_ms=12 * number,
                status_code=status_code,
                outcome=outcome,
                error=None if outcome == "delivered" else f"HTTP {status_code}",
            )
        )
        message.last_status_code = status_code
        message.last_error = None if outcome == "delivered" else f"HTTP {status_code}"
    message.attempts = len(attempts)
    message.status = status
    if status != "pending":
        message.finished_at = now + timedelta(seconds=len(attempts))
