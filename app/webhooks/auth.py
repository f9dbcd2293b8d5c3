"""Typed dependencies of the webhook routes: institutions and enterprises manage their own
endpoints; an endpoint of another organization is not found, before any body is read."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from app.core.errors import Forbidden
from app.core.ids import id_pattern
from app.core.unit_of_work import DbSession
from app.identity import policy
from app.identity.auth import CurrentPrincipal
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind
from app.webhooks import service
from app.webhooks.models import WebhookEndpoint

WEBHOOK_KINDS = frozenset({OrganizationKind.INSTITUTION, OrganizationKind.ENTERPRISE})

EndpointIdParam = Annotated[
    str, Path(pattern=id_pattern("whe"), description="Webhook endpoint id (`whe_…`).")
]
MessageId = Annotated[
    str, Path(pattern=id_pattern("msg"), description="Message id (`msg_…`, the `webhook-id`).")
]


async def _webhook_manager(principal: CurrentPrincipal) -> Principal:
    if principal.organization_kind not in WEBHOOK_KINDS:
        raise Forbidden(
            "Webhook endpoints are for institutions and enterprises.",
            code="webhooks_not_available",
        )
    policy.require(principal, Capability.WEBHOOKS_MANAGE)
    return principal


# A user or client of an institution or an enterprise holding webhooks:manage.
WebhookManager = Annotated[Principal, Depends(_webhook_manager)]


def _own_endpoint(
    endpoint_id: EndpointIdParam, principal: WebhookManager, session: DbSession
) -> WebhookEndpoint:
    # A plain `def`: FastAPI runs it in the threadpool, off the event loop.
    return service.get_endpoint(session, principal, endpoint_id)


# One of the caller's organization's endpoints, not deleted (404 otherwise).
OwnEndpoint = Annotated[WebhookEndpoint, Depends(_own_endpoint)]
