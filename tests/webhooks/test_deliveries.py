"""An endpoint's delivery log and manual replay, over messages queued as the dispatcher and
the deliverer make them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Engine, select

from app.core.audit_chain import AuditEvent
from app.core.clock import FixedClock, use_clock
from app.core.database import session_factory
from app.webhooks.models import WebhookMessage
from tests.support.world import World, credit_code
from tests.webhooks.support import ENDPOINTS, create, queue_message

NOW = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)


def message(engine: Engine, message_id: str) -> WebhookMessage:
    with session_factory(engine, write=False)() as session:
        row = session.get(WebhookMessage, message_id)
        assert row is not None
        return row


def test_the_delivery_log_lists_messages_newest_first(world: World, engine: Engine) -> None:
    headers = world["bank_admin"].headers
    endpoint = create(world)
    other = create(world)
    url = f"{ENDPOINTS}/{endpoint['id']}/deliveries"
    failed = queue_message(
        engine,
        endpoint["id"],
        seed=1,
        status="failed",
        attempts=[(500, "http_error"), (None, "timeout"), (503, "http_error")],
    )
    delivered = queue_message(
        engine, endpoint["id"], seed=2, status="delivered", attempts=[(204, "delivered")]
    )
    pending = queue_message(engine, endpoint["id"], seed=3, event_type="blacklist.entry.removed")
    queue_message(engine, other["id"], seed=4)  # another endpoint's: not in this log

    log = world.client.get(url, headers=headers)
    assert log.status_code == 200, log.text
    assert [m["id"] for m in log.json()["data"]] == [pending, delivered, failed]
    newest = log.json()["data"][0]
    assert newest["event_type"] == "blacklist.entry.removed"
    assert newest["subject"] == f"credit_code:{credit_code(3)}"
    assert newest["status"] == "pending"
    assert newest["attempts"] == 0
    assert newest["next_attempt_at"] is not None
    assert newest["finished_at"] is None
    oldest = log.json()["data"][2]
    assert oldest["attempts"] == 3
    assert oldest["last_status_code"] == 503
    assert oldest["last_error"] == "HTTP 503"
    assert oldest["next_attempt_at"] is None  # finished: no next attempt
    assert oldest["finished_at"] is not None

    first = world.client.get(url, params={"limit": 2}, headers=headers).json()
    assert [m["id"] for m in first["data"]] == [pending, delivered]
    rest = world.client.get(
        url, params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers
    ).json()
    assert [m["id"] for m in rest["data"]] == [failed]
    assert rest["next_cursor"] is None
    only_failed = world.client.get(url, params={"status": "failed"}, headers=headers).json()
    assert [m["id"] for m in only_failed["data"]] == [failed]
    assert world.client.get(url, params={"status": "lost"}, headers=headers).status_code == 422
    foreign_cursor = world.client.get(ENDPOINTS, params={"limit": 1}, headers=headers).json()
    bad = world.client.get(url, params={"cursor": foreign_cursor["next_cursor"]}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_cursor"


def test_a_delivery_shows_its_body_and_every_attempt(world: World, engine: Engine) -> None:
    headers = world["bank_admin"].headers
    endpoint = create(world)
    failed = queue_message(
        engine,
        endpoint["id"],
        seed=1,
        status="failed",
        attempts=[(500, "http_error"), (None, "timeout")],
    )
    url = f"{ENDPOINTS}/{endpoint['id']}/deliveries"
    detail = world.client.get(f"{url}/{failed}", headers=headers)
    assert detail.status_code == 200, detail.text
    body = detail.json()
    assert body["id"] == failed
    assert body["payload"]["type"] == "blacklist.entry.published"
    assert body["payload"]["data"] == {"credit_code": credit_code(1), "entry_version": 1}
    assert [a["number"] for a in body["attempt_log"]] == [1, 2]
    assert body["attempt_log"][0] == {
        "number": 1,
        "started_at": body["attempt_log"][0]["started_at"],
        "latency_ms": 12,
        "status_code": 500,
        "outcome": "http_error",
        "error": "HTTP 500",
    }
    assert body["attempt_log"][1]["status_code"] is None
    assert body["attempt_log"][1]["outcome"] == "timeout"

    other = create(world)
    wrong_endpoint = world.client.get(
        f"{ENDPOINTS}/{other['id']}/deliveries/{failed}", headers=headers
    )
    assert wrong_endpoint.status_code == 404
    malformed = world.client.get(f"{url}/not-a-message", headers=headers)
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "path.message_id"


def test_a_finished_delivery_can_be_replayed_once_at_a_time(world: World, engine: Engine) -> None:
    headers = world["bank_admin"].headers
    endpoint = create(world)
    url = f"{ENDPOINTS}/{endpoint['id']}/deliveries"
    failed = queue_message(
        engine,
        endpoint["id"],
        seed=1,
        status="failed",
        attempts=[(500, "http_error"), (502, "http_error")],
    )
    with use_clock(FixedClock(NOW)):
        replayed = world.client.post(f"{url}/{failed}/replay", headers=headers)
    assert replayed.status_code == 202, replayed.text
    assert replayed.json()["id"] == failed  # the same webhook-id
    assert replayed.json()["status"] == "pending"
    assert replayed.json()["next_attempt_at"] == "2026-06-01T23:30:00Z"
    assert replayed.json()["finished_at"] is None
    assert replayed.json()["attempts"] == 2  # numbering continues
    row = message(engine, failed)
    assert row.status == "pending"
    assert row.next_attempt_at == NOW
    assert row.finished_at is None
    assert row.attempts == 2
    assert row.lease_owner is None

    again = world.client.post(f"{url}/{failed}/replay", headers=headers)
    assert again.status_code == 409
    assert again.json()["code"] == "delivery_pending"
    with session_factory(engine, write=False)() as session:
        (event,) = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "webhook_delivery.replay")
        )
    assert event.resource_id == failed
    assert event.subject_organization_id == world.ids["bank"]
    assert json.loads(event.changes or "{}") == {
        "endpoint_id": endpoint["id"],
        "status": {"before": "failed", "after": "pending"},
    }

    delivered = queue_message(
        engine, endpoint["id"], seed=2, status="delivered", attempts=[(200, "delivered")]
    )
    assert world.client.post(f"{url}/{delivered}/replay", headers=headers).status_code == 202

    # A paused endpoint takes no replays: enable it first.
    paused = world.client.patch(
        f"{ENDPOINTS}/{endpoint['id']}",
        json={"enabled": False},
        headers={**headers, "If-Match": "*"},
    )
    assert paused.status_code == 200
    other = queue_message(engine, endpoint["id"], seed=3, status="failed", attempts=[(500, "x")])
    refused = world.client.post(f"{url}/{other}/replay", headers=headers)
    assert refused.status_code == 409
    assert refused.json()["code"] == "webhook_endpoint_disabled"
    assert message(engine, other).status == "failed"
