"""Typed dependencies of the webhook routes: institutions and enterprises manage their own
endpoints; an endpoint of another organization is not found, before any body is read."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from app.core.ids import id_pattern
from app.core.unit_of_work import DbSession
from app.identity.auth import KindCheck
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind
from app.webhooks import errors, service
from app.webhooks.models import WebhookEndpoint

WEBHOOK_KINDS = frozenset({OrganizationKind.INSTITUTION, OrganizationKind.ENTERPRISE})

EndpointIdParam = Annotated[
    str, Path(pattern=id_pattern("whe"), description="Webhook endpoint id (`whe_…`).")
]
MessageId = Annotated[
    str, Path(pattern=id_pattern("msg"), description="Message id (`msg_…`, the `webhook-id`).")
]


_webhook_manager = KindCheck(
    WEBHOOK_KINDS,
    Capability.WEBHOOKS_MANAGE,
    "Webhook endpoints are for institutions and enterprises.",
    errors.WEBHOOKS_NOT_AVAILABLE,
)


# A user or client of an institution or an enterprise holding webhooks:manage.
WebhookManager = Annotated[Principal, Depends(_webhook_manager.dependency)]


def _own_endpoint(
    endpoint_id: EndpointIdParam, principal: WebhookManager, session: DbSession
) -> WebhookEndpoint:
    # A plain `def`: FastAPI runs it in the threadpool, off the event loop.
    return service.get_endpoint(session, principal, endpoint_id)


# One of the caller's organization's endpoints, not deleted (404 otherwise).
OwnEndpoint = Annotated[WebhookEndpoint, Depends(_own_endpoint)]
