"""Webhook endpoints: registering, changing, deleting, rotating secrets; an organization's
own endpoints only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from app.core import clock
from app.core.audit_chain import changes_between
from app.core.config import Settings
from app.core.crypto import PersonalDataCipher
from app.core.errors import NOT_FOUND, FieldError, Problem
from app.core.ids import new_id
from app.identity.auditing import audit
from app.identity.models import Organization
from app.identity.principal import Principal
from app.webhooks import catalog, errors, signing
from app.webhooks.addresses import RefusedDestination, check_destination
from app.webhooks.messages import FAILED, PENDING
from app.webhooks.models import WebhookEndpoint, WebhookMessage
from app.webhooks.schemas import WebhookEndpointIn, WebhookEndpointPatch

# Sealed with the platform's data key, bound to this use (the previous secret too: a
# rotation moves the ciphertext from one column to the other as it is).
SECRET_CONTEXT = "webhook_endpoints.secret"  # noqa: S105 (an encryption context, no secret)
MAX_ENDPOINTS_PER_ORGANIZATION = 20
DISABLED_BY_USER = "by_user"
ENDPOINT_DELETED = "endpoint_deleted"


@dataclass(frozen=True)
class WebhookContext:
    """Who writes, in which session, for which request (the audit names it)."""

    session: Session
    principal: Principal
    request_id: str | None


def readable(principal: Principal) -> Select[WebhookEndpoint]:
    """The endpoints of the principal's organization that were not deleted."""
    return select(WebhookEndpoint).where(
        WebhookEndpoint.organization_id == principal.organization_id,
        WebhookEndpoint.deleted_at.is_(None),
    )


def get_endpoint(session: Session, principal: Principal, endpoint_id: str) -> WebhookEndpoint:
    endpoint = session.scalar(readable(principal).where(WebhookEndpoint.id == endpoint_id))
    if endpoint is None:
        raise NOT_FOUND.problem(f"No webhook endpoint {endpoint_id}.")
    return endpoint


def event_types_of(endpoint: WebhookEndpoint) -> list[str]:
    names: list[str] = json.loads(endpoint.event_types)
    return names


def secrets_in_force(
    endpoint: WebhookEndpoint, cipher: PersonalDataCipher, now: datetime
) -> list[str]:
    """The secrets a delivery is signed with now: the current one, then the previous one
    while its overlap after a rotation lasts."""
    secrets = [cipher.open(endpoint.secret_ciphertext, context=SECRET_CONTEXT)]
    if (
        endpoint.previous_secret_ciphertext is not None
        and endpoint.previous_secret_until is not None
        and now < endpoint.previous_secret_until
    ):
        secrets.append(cipher.open(endpoint.previous_secret_ciphertext, context=SECRET_CONTEXT))
    return secrets


def _refused(exc: RefusedDestination) -> Problem:
    return errors.WEBHOOK_URL_REFUSED.problem(
        exc.detail,
        errors=[FieldError(field="body.url", message=exc.detail, code=exc.reason)],
    )


def _checked_url(url: str, settings: Settings) -> str:
    try:
        check_destination(url, settings)
    except RefusedDestination as exc:
        raise _refused(exc) from exc
    return url


def _checked_event_types(principal: Principal, names: list[str]) -> str:
    """The subscribed types as stored (a sorted JSON list), if the caller's kind may hear
    every one of them."""
    allowed = catalog.available_to(principal.organization_kind)
    refused = [
        FieldError(
            field=f"body.event_types[{index}]",
            message=f"{name} is not an event type your organization can receive",
            code="event_type_not_available",
        )
        for index, name in enumerate(names)
        if name not in allowed
    ]
    if refused:
        raise errors.EVENT_TYPE_NOT_AVAILABLE.problem(
            f"Event types available to your organization: {', '.join(allowed)}.",
            errors=refused,
        )
    return json.dumps(sorted(set(names)))


def _snapshot(endpoint: WebhookEndpoint) -> dict[str, Any]:
    """What the audit records of an endpoint: never its secrets."""
    return {
        "url": endpoint.url,
        "description": endpoint.description,
        "event_types": event_types_of(endpoint),
        "enabled": endpoint.enabled,
        "disabled_reason": endpoint.disabled_reason,
    }


def _audit(
    ctx: WebhookContext, action: str, resource_id: str, changes: dict[str, Any] | None
) -> None:
    audit(
        ctx.session,
        actor=ctx.principal,
        action=action,
        resource_type="webhook_endpoint",
        resource_id=resource_id,
        subject_organization_id=ctx.principal.organization_id,
        request_id=ctx.request_id,
        changes=changes,
    )


def create_endpoint(
    ctx: WebhookContext, data: WebhookEndpointIn, cipher: PersonalDataCipher, settings: Settings
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret, in the clear for this once."""
    principal = ctx.principal
    event_types = _checked_event_types(principal, data.event_types)
    url = _checked_url(data.url, settings)
    session = ctx.session
    # Serialize creations per organization (PostgreSQL; SQLite has one writer anyway), so
    # two concurrent requests cannot both pass the limit.
    session.execute(
        select(Organization.id)
        .where(Organization.id == principal.organization_id)
        .with_for_update()
    )
    count = session.scalar(select(func.count()).select_from(readable(principal).subquery()))
    if (count or 0) >= MAX_ENDPOINTS_PER_ORGANIZATION:
        raise errors.WEBHOOK_ENDPOINT_LIMIT.problem(
            f"An organization has at most {MAX_ENDPOINTS_PER_ORGANIZATION} webhook endpoints; "
            "delete one first."
        )
    secret = signing.new_secret()
    now = clock.now()
    endpoint = WebhookEndpoint(
        id=new_id("whe"),
        organization_id=principal.organization_id,
        url=url,
        description=data.description,
        event_types=event_types,
        secret_ciphertext=cipher.seal(secret, context=SECRET_CONTEXT),
        enabled=True,
        created_by=principal.id,
        created_at=now,
        updated_at=now,
    )
    session.add(endpoint)
    session.flush()
    _audit(ctx, "webhook_endpoint.create", endpoint.id, _snapshot(endpoint))
    return endpoint, secret


def update_endpoint(
    ctx: WebhookContext, endpoint: WebhookEndpoint, data: WebhookEndpointPatch, settings: Settings
) -> WebhookEndpoint:
    before = _snapshot(endpoint)
    now = clock.now()
    if data.event_types is not None:
        event_types = _checked_event_types(ctx.principal, data.event_types)
        if event_types != endpoint.event_types:
            endpoint.event_types = event_types
    if data.url is not None and data.url != endpoint.url:
        endpoint.url = _checked_url(data.url, settings)
    if data.description is not None and data.description != endpoint.description:
        endpoint.description = data.description
    if data.enabled is True and not endpoint.enabled:
        endpoint.enabled, endpoint.disabled_reason, endpoint.disabled_at = True, None, None
    elif data.enabled is False and endpoint.enabled:
        endpoint.enabled, endpoint.disabled_reason, endpoint.disabled_at = (
            False,
            DISABLED_BY_USER,
            now,
        )
    changes = changes_between(before, _snapshot(endpoint))
    if not changes:
        return endpoint  # nothing changed: no new version, nothing to audit
    endpoint.updated_at = now
    ctx.session.flush()
    _audit(ctx, "webhook_endpoint.update", endpoint.id, changes)
    return endpoint


def delete_endpoint(ctx: WebhookContext, endpoint: WebhookEndpoint) -> None:
    """Soft-delete; the messages still waiting for it will never be delivered: failed."""
    now = clock.now()
    endpoint.deleted_at = now
    endpoint.updated_at = now
    ctx.session.flush()
    result = ctx.session.execute(
        update(WebhookMessage)
        .where(WebhookMessage.endpoint_id == endpoint.id, WebhookMessage.status == PENDING)
        .values(status=FAILED, finished_at=now, last_error=ENDPOINT_DELETED)
        .execution_options(synchronize_session=False)
    )
    _audit(
        ctx,
        "webhook_endpoint.delete",
        endpoint.id,
        {"url": endpoint.url, "pending_failed": result.rowcount},  # type: ignore[attr-defined]
    )


def rotate_secret(
    ctx: WebhookContext, endpoint: WebhookEndpoint, cipher: PersonalDataCipher, settings: Settings
) -> str:
    """A new secret, in the clear for this once; the current one keeps signing (as a second
    signature) for the overlap, so receivers can switch without missing a delivery. A
    rotation during an overlap ends the older secret's at once: two at most are in force."""
    now = clock.now()
    secret = signing.new_secret()
    endpoint.previous_secret_ciphertext = endpoint.secret_ciphertext
    endpoint.previous_secret_until = now + timedelta(hours=settings.webhook_secret_overlap_hours)
    endpoint.secret_ciphertext = cipher.seal(secret, context=SECRET_CONTEXT)
    endpoint.updated_at = now
    ctx.session.flush()
    _audit(
        ctx,
        "webhook_endpoint.rotate_secret",
        endpoint.id,
        {"previous_secret_until": endpoint.previous_secret_until},
    )
    return secret
