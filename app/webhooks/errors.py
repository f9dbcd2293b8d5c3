"""The problems of webhook endpoints and their deliveries."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain

WEBHOOKS = ErrorDomain("webhooks")

WEBHOOKS_NOT_AVAILABLE = WEBHOOKS.error(
    403,
    "webhooks_not_available",
    "Webhooks not available",
    "Webhook endpoints are for institutions and enterprises; other kinds have none.",
)
WEBHOOK_ENDPOINT_LIMIT = WEBHOOKS.error(
    409,
    "webhook_endpoint_limit",
    "Too many endpoints",
    "The organization has as many webhook endpoints as it may: delete one first.",
)
WEBHOOK_ENDPOINT_DISABLED = WEBHOOKS.error(
    409,
    "webhook_endpoint_disabled",
    "Endpoint disabled",
    "A delivery of a disabled endpoint cannot be replayed: enable the endpoint first.",
)
DELIVERY_PENDING = WEBHOOKS.error(
    409,
    "delivery_pending",
    "Delivery still pending",
    "The message is still pending: it will be attempted again anyway.",
)
WEBHOOK_URL_REFUSED = WEBHOOKS.error(
    422,
    "webhook_url_refused",
    "Webhook URL refused",
    "The URL is not HTTPS or leads to an address the service does not call (private, "
    "loopback, link-local…); the field error says why.",
)
EVENT_TYPE_NOT_AVAILABLE = WEBHOOKS.error(
    422,
    "event_type_not_available",
    "Event type not available",
    "An event type is unknown or not one your kind of organization can receive.",
)
