"""Webhook endpoints: registering, reading, changing, deleting, rotating secrets; who may."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from standardwebhooks.webhooks import Webhook

from app.core.audit_chain import AuditEvent
from app.core.clock import FixedClock, use_clock
from app.core.config import Settings
from app.core.database import session_factory
from app.identity.roles import OrganizationKind
from app.main import create_app
from app.webhooks import catalog, signing
from app.webhooks.models import WebhookEndpoint, WebhookMessage
from app.webhooks.service import MAX_ENDPOINTS_PER_ORGANIZATION, SECRET_CONTEXT, secrets_in_force
from tests.support.world import World
from tests.webhooks.support import (
    ENDPOINTS,
    INSTITUTION_TYPES,
    PUBLIC_URL,
    add_hooks_client,
    create,
    endpoint_body,
    queue_message,
)

NOW = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)  # late in the UTC day: Shanghai's next day


def stored(engine: Engine, endpoint_id: str) -> WebhookEndpoint:
    with session_factory(engine, write=False)() as session:
        endpoint = session.get(WebhookEndpoint, endpoint_id)
        assert endpoint is not None
        return endpoint


def audit_events(engine: Engine, action: str) -> list[AuditEvent]:
    with session_factory(engine, write=False)() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def all_audit_text(engine: Engine) -> str:
    with session_factory(engine, write=False)() as session:
        return " ".join(e.changes or "" for e in session.scalars(select(AuditEvent)))


def test_an_institution_registers_an_endpoint_and_sees_its_secret_once(
    app: FastAPI, world: World, engine: Engine
) -> None:
    headers = world["bank_admin"].headers
    response = world.client.post(
        ENDPOINTS,
        json=endpoint_body(event_types=[*reversed(INSTITUTION_TYPES), INSTITUTION_TYPES[0]]),
        headers=headers,
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["id"].startswith("whe_")
    assert created["secret"].startswith("whsec_")
    assert created["url"] == PUBLIC_URL
    assert created["event_types"] == sorted(INSTITUTION_TYPES)  # deduplicated, sorted
    assert created["enabled"] is True
    assert created["disabled_reason"] is None
    assert response.headers["Location"] == f"{ENDPOINTS}/{created['id']}"
    assert response.headers["Cache-Control"] == "no-store"

    read = world.client.get(response.headers["Location"], headers=headers)
    assert read.status_code == 200
    assert read.headers["ETag"] == response.headers["ETag"]
    assert "secret" not in read.json()
    assert {k: v for k, v in created.items() if k != "secret"} == read.json()
    listed = world.client.get(ENDPOINTS, headers=headers).json()
    assert [e["id"] for e in listed["data"]] == [created["id"]]
    assert "secret" not in listed["data"][0]
    assert listed["next_cursor"] is None

    row = stored(engine, created["id"])
    assert created["secret"] not in row.secret_ciphertext
    assert (
        app.state.cipher.open(row.secret_ciphertext, context=SECRET_CONTEXT) == (created["secret"])
    )
    assert row.organization_id == world.ids["bank"]
    (event,) = audit_events(engine, "webhook_endpoint.create")
    assert event.resource_id == created["id"]
    assert event.subject_organization_id == world.ids["bank"]
    assert json.loads(event.changes or "{}")["url"] == PUBLIC_URL
    assert created["secret"] not in all_audit_text(engine)


def test_a_client_with_the_scope_manages_endpoints_too(world: World) -> None:
    add_hooks_client(world)
    created = create(world, "bank_hooks")
    listed = world.client.get(ENDPOINTS, headers=world["bank_admin"].headers).json()
    assert [e["id"] for e in listed["data"]] == [created["id"]]


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        ("district_admin", "webhooks_not_available"),
        ("firm_admin", "webhooks_not_available"),
        ("platform", "webhooks_not_available"),
        ("a_viewer", "missing_capability"),
        ("a_editor", "missing_capability"),
        ("bank_client", "missing_capability"),  # blacklist:read only
    ],
)
def test_who_may_not_manage_webhooks(world: World, actor: str, code: str) -> None:
    headers = world[actor].headers
    for response in (
        world.client.post(ENDPOINTS, json=endpoint_body(), headers=headers),
        world.client.get(ENDPOINTS, headers=headers),
        world.client.get("/v1/webhook-event-types", headers=headers),
    ):
        assert response.status_code == 403, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == code
    assert world.client.get(ENDPOINTS).status_code == 401


def test_each_kind_subscribes_to_its_own_event_types(world: World) -> None:
    types = world.client.get("/v1/webhook-event-types", headers=world["a_admin"].headers)
    assert types.status_code == 200
    names = [t["name"] for t in types.json()["data"]]
    assert names == catalog.available_to(OrganizationKind.ENTERPRISE)
    assert "alert.window_entered" in names
    assert not any(name.startswith("blacklist.") for name in names)
    assert all(t["description"] for t in types.json()["data"])
    bank = world.client.get("/v1/webhook-event-types", headers=world["bank_admin"].headers)
    assert {t["name"] for t in bank.json()["data"]} == {
        "blacklist.entry.published",
        "blacklist.entry.corrected",
        "blacklist.entry.removed",
        "blacklist.entry.expired",
        "webhook_endpoint.disabled",
    }

    enterprise = create(world, "a_admin", event_types=["alert.window_entered"])
    assert enterprise["event_types"] == ["alert.window_entered"]
    refused = world.client.post(
        ENDPOINTS,
        json=endpoint_body(event_types=["alert.window_entered", "blacklist.entry.published"]),
        headers=world["a_admin"].headers,
    )
    assert refused.status_code == 422
    assert refused.json()["code"] == "event_type_not_available"
    assert refused.json()["errors"] == [
        {
            "field": "body.event_types[1]",
            "message": "blacklist.entry.published is not an event type your organization "
            "can receive",
            "code": "event_type_not_available",
        }
    ]
    assert "compliance.status_changed" in refused.json()["detail"]  # the allowed list
    for event_types in (["alert.window_entered"], ["no.such.type"]):
        wrong = world.client.post(
            ENDPOINTS,
            json=endpoint_body(event_types=event_types),
            headers=world["bank_admin"].headers,
        )
        assert wrong.status_code == 422
        assert wrong.json()["code"] == "event_type_not_available"
    empty = world.client.post(
        ENDPOINTS, json=endpoint_body(event_types=[]), headers=world["bank_admin"].headers
    )
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "body.event_types"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://93.184.215.14/hook", "https_required"),
        ("https://127.0.0.1/hook", "private_address"),
        ("https://[::ffff:127.0.0.1]/hook", "private_address"),
        ("https://192.168.1.20/hook", "private_address"),
        ("https://localhost:8443/hook", "private_address"),
        ("https://user:pw@93.184.215.14/hook", "credentials_in_url"),
        ("ftp://93.184.215.14/hook", "scheme_not_allowed"),
        ("https://nothing.invalid/hook", "unresolvable"),
        ("https://93.184.215.14:0/hook", "invalid_port"),
        ("https://93.184.215.14:65536/hook", "invalid_port"),
    ],
)
def test_receivers_must_be_public_https_urls(
    world: World, engine: Engine, url: str, reason: str
) -> None:
    response = world.client.post(
        ENDPOINTS, json=endpoint_body(url=url), headers=world["bank_admin"].headers
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "webhook_url_refused"
    (error,) = response.json()["errors"]
    assert error["field"] == "body.url"
    assert error["code"] == reason
    with session_factory(engine, write=False)() as session:
        assert session.scalars(select(WebhookEndpoint)).first() is None


@pytest.fixture
def permissive(settings: Settings, world: World) -> Iterator[TestClient]:
    """The same database with an app that allows http and private receivers."""
    app = create_app(
        settings.model_copy(
            update={"webhook_allow_http": True, "webhook_allow_private_networks": True}
        )
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_configuration_may_allow_http_and_private_receivers(
    world: World, permissive: TestClient
) -> None:
    headers = world["bank_admin"].headers
    response = permissive.post(
        ENDPOINTS, json=endpoint_body(url="http://127.0.0.1:9/hook"), headers=headers
    )
    assert response.status_code == 201, response.text
    # The strict app refuses to move an endpoint there, even with the permissive one's help.
    endpoint = create(world)
    moved = world.client.patch(
        f"{ENDPOINTS}/{endpoint['id']}",
        json={"url": "http://10.0.0.7/hook"},
        headers={**headers, "If-Match": "*"},
    )
    assert moved.status_code == 422
    credentials = permissive.post(
        ENDPOINTS, json=endpoint_body(url="http://u:p@127.0.0.1/hook"), headers=headers
    )
    assert credentials.json()["errors"][0]["code"] == "credentials_in_url"


def test_changes_need_the_current_etag(world: World, engine: Engine) -> None:
    headers = world["bank_admin"].headers
    created = world.client.post(ENDPOINTS, json=endpoint_body(), headers=headers)
    url, etag = created.headers["Location"], created.headers["ETag"]
    missing = world.client.patch(url, json={"description": "新"}, headers=headers)
    assert missing.status_code == 428
    assert missing.json()["code"] == "if_match_required"

    changed = world.client.patch(
        url,
        json={"description": "  抵押物监测 ", "event_types": ["blacklist.entry.expired"]},
        headers={**headers, "If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["description"] == "抵押物监测"
    assert changed.json()["event_types"] == ["blacklist.entry.expired"]
    assert changed.headers["ETag"] != etag
    stale = world.client.patch(
        url, json={"description": "旧"}, headers={**headers, "If-Match": etag}
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "etag_mismatch"
    (event,) = audit_events(engine, "webhook_endpoint.update")
    assert json.loads(event.changes or "{}") == {
        "description": {"before": "贷后监测", "after": "抵押物监测"},
        "event_types": {"before": sorted(INSTITUTION_TYPES), "after": ["blacklist.entry.expired"]},
    }

    current = changed.headers["ETag"]
    unchanged = world.client.patch(
        url, json={"description": "抵押物监测"}, headers={**headers, "If-Match": current}
    )
    assert unchanged.status_code == 200
    assert unchanged.headers["ETag"] == current  # nothing changed: same version
    assert len(audit_events(engine, "webhook_endpoint.update")) == 1

    for body in ({"url": None}, {"enabled": None}, {"secret": "whsec_x"}):
        invalid = world.client.patch(url, json=body, headers={**headers, "If-Match": current})
        assert invalid.status_code == 422, body
    refused = world.client.patch(
        url, json={"url": "https://10.0.0.1/x"}, headers={**headers, "If-Match": current}
    )
    assert refused.json()["code"] == "webhook_url_refused"
    assert stored(engine, changed.json()["id"]).url == PUBLIC_URL


def test_disabling_and_enabling(world: World, engine: Engine) -> None:
    headers = world["bank_admin"].headers
    endpoint = create(world)
    url = f"{ENDPOINTS}/{endpoint['id']}"
    with use_clock(FixedClock(NOW)):
        off = world.client.patch(url, json={"enabled": False}, headers={**headers, "If-Match": "*"})
    assert off.status_code == 200
    assert off.json()["enabled"] is False
    assert off.json()["disabled_reason"] == "by_user"
    assert off.json()["disabled_at"] == "2026-06-01T23:30:00Z"

    on = world.client.patch(url, json={"enabled": True}, headers={**headers, "If-Match": "*"})
    assert on.json()["enabled"] is True
    assert on.json()["disabled_reason"] is None
    assert on.json()["disabled_at"] is None

    # Disabled automatically by the deliverer after a day of failures: enabling clears it.
    with session_factory(engine, write=True)() as session:
        row = session.get(WebhookEndpoint, endpoint["id"])
        assert row is not None
        row.enabled, row.disabled_reason, row.disabled_at = False, "failing", NOW
        session.commit()
    failing = world.client.get(url, headers=headers).json()
    assert failing["disabled_reason"] == "failing"
    again = world.client.patch(url, json={"enabled": True}, headers={**headers, "If-Match": "*"})
    assert again.json()["enabled"] is True
    assert again.json()["disabled_reason"] is None


def test_rotation_signs_with_both_secrets_during_the_overlap(
    app: FastAPI, world: World, engine: Engine
) -> None:
    headers = world["bank_admin"].headers
    endpoint = create(world)
    first = endpoint["secret"]
    url = f"{ENDPOINTS}/{endpoint['id']}"
    etag = world.client.get(url, headers=headers).headers["ETag"]
    with use_clock(FixedClock(NOW)):
        rotated = world.client.post(f"{url}/rotate-secret", headers=headers)
    assert rotated.status_code == 200, rotated.text
    second = rotated.json()["secret"]
    assert second.startswith("whsec_")
    assert second != first
    assert rotated.json()["previous_secret_until"] == "2026-06-02T23:30:00Z"
    assert rotated.headers["ETag"] != etag
    assert rotated.headers["Cache-Control"] == "no-store"
    assert "secret" not in world.client.get(url, headers=headers).json()

    row = stored(engine, endpoint["id"])
    cipher = app.state.cipher
    assert secrets_in_force(row, cipher, NOW) == [second, first]
    assert secrets_in_force(row, cipher, NOW + timedelta(hours=23, minutes=59)) == [second, first]
    assert secrets_in_force(row, cipher, NOW + timedelta(hours=24)) == [second]

    # A receiver on either secret verifies a delivery signed during the overlap.
    timestamp = int(datetime.now(UTC).timestamp())  # the verifier checks it against its clock
    body = '{"type":"blacklist.entry.published"}'
    signed = signing.headers(secrets_in_force(row, cipher, NOW), "msg_1", timestamp, body)
    for secret in (first, second):
        assert Webhook(secret).verify(body, signed) == json.loads(body)

    third = world.client.post(f"{url}/rotate-secret", headers=headers).json()["secret"]
    row = stored(engine, endpoint["id"])
    now = row.updated_at
    assert secrets_in_force(row, cipher, now) == [third, second]  # the first one is gone
    overlaps = sorted(
        json.loads(e.changes or "{}")["previous_secret_until"]
        for e in audit_events(engine, "webhook_endpoint.rotate_secret")
    )
    assert len(overlaps) == 2
    assert overlaps[0] == "2026-06-02T23:30:00.000000Z"
    audit_text = all_audit_text(engine)
    assert first not in audit_text
    assert second not in audit_text
    assert third not in audit_text


def test_an_organization_has_a_limited_number_of_endpoints(world: World) -> None:
    ids = [create(world)["id"] for _ in range(MAX_ENDPOINTS_PER_ORGANIZATION)]
    headers = world["bank_admin"].headers
    over = world.client.post(ENDPOINTS, json=endpoint_body(), headers=headers)
    assert over.status_code == 409
    assert over.json()["code"] == "webhook_endpoint_limit"
    # Other organizations have limits of their own.
    create(world, "a_admin", event_types=["alert.window_entered"])
    first_page = world.client.get(ENDPOINTS, params={"limit": 15}, headers=headers).json()
    second_page = world.client.get(
        ENDPOINTS, params={"limit": 15, "cursor": first_page["next_cursor"]}, headers=headers
    ).json()
    assert [e["id"] for e in first_page["data"] + second_page["data"]] == ids
    assert second_page["next_cursor"] is None
    assert world.client.delete(f"{ENDPOINTS}/{ids[0]}", headers=headers).status_code == 204
    create(world)


def test_a_deleted_endpoint_is_gone_and_its_waiting_messages_fail(
    world: World, engine: Engine
) -> None:
    headers = world["bank_admin"].headers
    endpoint = create(world)
    url = f"{ENDPOINTS}/{endpoint['id']}"
    pending = queue_message(engine, endpoint["id"], seed=1)
    delivered = queue_message(
        engine, endpoint["id"], seed=2, status="delivered", attempts=[(200, "delivered")]
    )
    stale = world.client.delete(url, headers={**headers, "If-Match": '"stale"'})
    assert stale.status_code == 412
    assert world.client.delete(url, headers=headers).status_code == 204

    for path in ("", "/deliveries", f"/deliveries/{pending}"):
        gone = world.client.get(url + path, headers=headers)
        assert gone.status_code == 404, path
        assert gone.headers["content-type"] == "application/problem+json"
    assert world.client.delete(url, headers=headers).status_code == 404
    assert world.client.post(f"{url}/rotate-secret", headers=headers).status_code == 404
    assert world.client.get(ENDPOINTS, headers=headers).json()["data"] == []
    with session_factory(engine, write=False)() as session:
        messages = {m.id: m for m in session.scalars(select(WebhookMessage))}
    assert messages[pending].status == "failed"
    assert messages[pending].last_error == "endpoint_deleted"
    assert messages[pending].finished_at is not None
    assert messages[delivered].status == "delivered"
    (event,) = audit_events(engine, "webhook_endpoint.delete")
    assert json.loads(event.changes or "{}") == {"url": PUBLIC_URL, "pending_failed": 1}
    assert stored(engine, endpoint["id"]).deleted_at is not None
