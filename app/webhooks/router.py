"""`/v1/webhook-endpoints…` and `/v1/webhook-event-types`: an institution's or an
enterprise's receivers, their signing secrets and their delivery logs."""

from __future__ import annotations

import json

from fastapi import Request, Response
from sqlalchemy.orm import Session

from app.core.errors import problem_responses
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.pagination import DEFAULT_LIMIT, CursorParam, LimitParam, Page, paginate
from app.core.request_context import request_id_of
from app.core.routing import api_router
from app.core.unit_of_work import DbSession
from app.identity.errors import MISSING_CAPABILITY
from app.identity.principal import Principal
from app.webhooks import catalog, delivery_log, errors, service
from app.webhooks.auth import MessageId, OwnEndpoint, WebhookManager
from app.webhooks.messages import PENDING
from app.webhooks.models import WebhookEndpoint, WebhookMessage
from app.webhooks.schemas import (
    WebhookAttemptOut,
    WebhookDeliveryDetail,
    WebhookDeliveryOut,
    WebhookDeliveryStatus,
    WebhookEndpointIn,
    WebhookEndpointOut,
    WebhookEndpointPatch,
    WebhookEndpointWithSecret,
    WebhookEventTypeOut,
)

router = api_router(tags=["webhooks"])

ENDPOINTS = "/v1/webhook-endpoints"
ONE = ENDPOINTS + "/{endpoint_id}"
# Who may not manage webhooks at all: another kind of organization, or a missing capability.
_ACCESS = (401, errors.WEBHOOKS_NOT_AVAILABLE, MISSING_CAPABILITY)
_READ_ERRORS = problem_responses(*_ACCESS, 404, 422)
_CHECKED_INPUT = (422, errors.WEBHOOK_URL_REFUSED, errors.EVENT_TYPE_NOT_AVAILABLE)


def _ctx(request: Request, session: Session, principal: Principal) -> service.WebhookContext:
    return service.WebhookContext(session, principal, request_id_of(request))


def _out(endpoint: WebhookEndpoint) -> WebhookEndpointOut:
    return WebhookEndpointOut(
        id=endpoint.id,
        url=endpoint.url,
        description=endpoint.description,
        event_types=service.event_types_of(endpoint),
        enabled=endpoint.enabled,
        disabled_reason=endpoint.disabled_reason,
        disabled_at=endpoint.disabled_at,
        previous_secret_until=endpoint.previous_secret_until,
        created_at=endpoint.created_at,
        updated_at=endpoint.updated_at,
    )


def _with_secret(
    endpoint: WebhookEndpoint, secret: str, response: Response
) -> WebhookEndpointWithSecret:
    response.headers["ETag"] = etag_for(endpoint.id, endpoint.version)
    response.headers["Cache-Control"] = "no-store"  # the secret must not linger in caches
    return WebhookEndpointWithSecret(**_out(endpoint).model_dump(), secret=secret)


def _delivery_values(message: WebhookMessage) -> dict[str, object]:
    return {
        "id": message.id,
        "event_type": message.event_type,
        "subject": message.subject,
        "status": message.status,
        "attempts": message.attempts,
        "next_attempt_at": message.next_attempt_at if message.status == PENDING else None,
        "created_at": message.created_at,
        "finished_at": message.finished_at,
        "last_status_code": message.last_status_code,
        "last_error": message.last_error,
    }


@router.get(
    "/v1/webhook-event-types",
    summary="Event types you can subscribe to",
    description="The event types an endpoint of your organization may receive: blacklist "
    "events of watchlist members for institutions, alerts and compliance changes for "
    "enterprises, and endpoint trouble for both.",
    responses=problem_responses(*_ACCESS),
)
def list_event_types(principal: WebhookManager) -> Page[WebhookEventTypeOut]:
    available = set(catalog.available_to(principal.organization_kind))
    return Page(
        data=[
            WebhookEventTypeOut(name=e.name, description=e.description)
            for e in catalog.EVENT_TYPES
            if e.name in available
        ],
        next_cursor=None,
    )


@router.post(
    ENDPOINTS,
    status_code=201,
    summary="Register a webhook endpoint",
    description="An https URL on a public address (loopback and private addresses are "
    "refused unless the platform allows them) and the event types to send there. The "
    f"response carries the signing secret, once. At most "
    f"{service.MAX_ENDPOINTS_PER_ORGANIZATION} endpoints per organization (409). Deliveries "
    "follow Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`.",
    responses=problem_responses(*_ACCESS, 404, errors.WEBHOOK_ENDPOINT_LIMIT, *_CHECKED_INPUT),
)
def create_endpoint(
    data: WebhookEndpointIn,
    principal: WebhookManager,
    request: Request,
    session: DbSession,
    response: Response,
) -> WebhookEndpointWithSecret:
    endpoint, secret = service.create_endpoint(
        _ctx(request, session, principal),
        data,
        request.app.state.cipher,
        request.app.state.settings,
    )
    response.headers["Location"] = f"{ENDPOINTS}/{endpoint.id}"
    return _with_secret(endpoint, secret, response)


@router.get(
    ENDPOINTS,
    summary="List webhook endpoints",
    description="Your organization's endpoints, in the order they were registered.",
    responses=problem_responses(*_ACCESS, 422),
)
def list_endpoints(
    principal: WebhookManager,
    session: DbSession,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[WebhookEndpointOut]:
    rows, next_cursor = paginate(
        session,
        service.readable(principal),
        keys=[WebhookEndpoint.id],
        limit=limit,
        cursor=cursor,
    )
    return Page(data=[_out(e) for e in rows], next_cursor=next_cursor)


@router.get(
    ONE,
    summary="Get a webhook endpoint",
    description="The endpoint, with the ETag a change needs. The secret is never shown again.",
    responses=_READ_ERRORS,
)
def get_endpoint(endpoint: OwnEndpoint, response: Response) -> WebhookEndpointOut:
    response.headers["ETag"] = etag_for(endpoint.id, endpoint.version)
    return _out(endpoint)


@router.patch(
    ONE,
    summary="Change a webhook endpoint",
    description="URL, description, event types, or `enabled`: false pauses deliveries, true "
    "resumes them (also after automatic disabling). Needs `If-Match` with the endpoint's "
    "ETag (428 without, 412 when stale).",
    responses=problem_responses(*_ACCESS, 404, 412, *_CHECKED_INPUT, 428),
)
def update_endpoint(
    data: WebhookEndpointPatch,
    endpoint: OwnEndpoint,
    principal: WebhookManager,
    request: Request,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> WebhookEndpointOut:
    check_if_match(if_match, etag_for(endpoint.id, endpoint.version))
    endpoint = service.update_endpoint(
        _ctx(request, session, principal), endpoint, data, request.app.state.settings
    )
    response.headers["ETag"] = etag_for(endpoint.id, endpoint.version)
    return _out(endpoint)


@router.delete(
    ONE,
    status_code=204,
    summary="Delete a webhook endpoint",
    description="Nothing more is sent to it; messages still waiting for it become `failed` "
    "(`endpoint_deleted`). It is not found afterwards. `If-Match` is optional (412 when stale).",
    responses=problem_responses(*_ACCESS, 404, 412, 422),
)
def delete_endpoint(
    endpoint: OwnEndpoint,
    principal: WebhookManager,
    request: Request,
    session: DbSession,
    if_match: IfMatch = None,
) -> Response:
    check_if_match(if_match, etag_for(endpoint.id, endpoint.version), required=False)
    service.delete_endpoint(_ctx(request, session, principal), endpoint)
    return Response(status_code=204)


@router.post(
    ONE + "/rotate-secret",
    summary="Rotate the signing secret",
    description="A new secret, shown in this response only. For "
    "`previous_secret_until` (24 hours by default) deliveries carry a signature with each "
    "secret, so receivers can switch without missing one.",
    responses=_READ_ERRORS,
)
def rotate_secret(
    endpoint: OwnEndpoint,
    principal: WebhookManager,
    request: Request,
    session: DbSession,
    response: Response,
) -> WebhookEndpointWithSecret:
    secret = service.rotate_secret(
        _ctx(request, session, principal),
        endpoint,
        request.app.state.cipher,
        request.app.state.settings,
    )
    return _with_secret(endpoint, secret, response)


@router.get(
    ONE + "/deliveries",
    summary="Delivery log of an endpoint",
    description="Messages sent or to be sent to the endpoint, newest first, with their "
    "attempt count and last outcome. Filter by `status`.",
    responses=_READ_ERRORS,
)
def list_deliveries(
    endpoint: OwnEndpoint,
    session: DbSession,
    status: WebhookDeliveryStatus | None = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> Page[WebhookDeliveryOut]:
    rows, next_cursor = delivery_log.page(
        session, endpoint, status=status, limit=limit, cursor=cursor
    )
    return Page(
        data=[WebhookDeliveryOut.model_validate(_delivery_values(m)) for m in rows],
        next_cursor=next_cursor,
    )


@router.get(
    ONE + "/deliveries/{message_id}",
    summary="Get a delivery",
    description="One message: its body and every attempt (status code, latency, outcome).",
    responses=_READ_ERRORS,
)
def get_delivery(
    endpoint: OwnEndpoint, message_id: MessageId, session: DbSession
) -> WebhookDeliveryDetail:
    message = delivery_log.get_message(session, endpoint, message_id)
    attempts = delivery_log.attempts_of(session, message)
    return WebhookDeliveryDetail.model_validate(
        {
            **_delivery_values(message),
            "payload": json.loads(message.body),
            "attempt_log": [WebhookAttemptOut.model_validate(a) for a in attempts],
        }
    )


@router.post(
    ONE + "/deliveries/{message_id}/replay",
    status_code=202,
    summary="Replay a delivery",
    description="Sends a delivered or failed message again, now: same `webhook-id`, same body, "
    "attempts keep counting. A message still pending is refused (409), as is a replay to a "
    "disabled endpoint.",
    responses=problem_responses(
        *_ACCESS, 404, errors.WEBHOOK_ENDPOINT_DISABLED, errors.DELIVERY_PENDING, 422
    ),
)
def replay_delivery(
    endpoint: OwnEndpoint,
    message_id: MessageId,
    principal: WebhookManager,
    request: Request,
    session: DbSession,
) -> WebhookDeliveryOut:
    message = delivery_log.get_message(session, endpoint, message_id)
    delivery_log.replay(_ctx(request, session, principal), endpoint, message)
    return WebhookDeliveryOut.model_validate(_delivery_values(message))
