"""Request and response shapes of the webhook endpoints API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, model_validator

from app.core.validators.text import NOT_BLANK, TRIMMED

Url = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000),
    NOT_BLANK,
    TRIMMED,
    Field(description="Where deliveries are POSTed: https, on a public address."),
]
Description = Annotated[str, StringConstraints(max_length=500), TRIMMED]
EventTypeName = Annotated[str, StringConstraints(min_length=1, max_length=60)]
EventTypes = Annotated[
    list[EventTypeName],
    Field(
        min_length=1,
        max_length=50,
        description="Event types to receive (GET /v1/webhook-event-types lists yours).",
    ),
]


class WebhookDeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class WebhookEndpointIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://hooks.example.com/anxin",
                    "description": "贷后监测",
                    "event_types": ["blacklist.entry.published", "blacklist.entry.removed"],
                }
            ]
        },
    )

    url: Url
    description: Description = ""
    event_types: EventTypes


class WebhookEndpointPatch(BaseModel):
    """The fields to change (at least none: an empty PATCH changes nothing)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"enabled": True}, {"event_types": ["alert.window_entered"]}]
        },
    )

    url: Url | None = None
    description: Description | None = None
    event_types: EventTypes | None = None
    enabled: StrictBool | None = Field(
        default=None,
        description="false pauses deliveries (`disabled_reason` by_user); true resumes them "
        "and clears `disabled_reason`, also after automatic disabling.",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data: Any) -> Any:
        # Every field is optional, none is nullable: null would mean "unset" to some
        # clients and "erase" to others.
        if isinstance(data, dict):
            for name, value in data.items():
                if value is None and name in cls.model_fields:
                    raise ValueError(f"{name} may be left out but not null")
        return data


class WebhookEndpointOut(BaseModel):
    id: str = Field(description="Endpoint id (`whe_…`).")
    url: str
    description: str
    event_types: list[str]
    enabled: bool
    disabled_reason: str | None = Field(
        description="`by_user`, or `failing` after about a day of failed deliveries."
    )
    disabled_at: datetime | None
    previous_secret_until: datetime | None = Field(
        description="After a rotation: until when deliveries are also signed with the "
        "previous secret."
    )
    created_at: datetime
    updated_at: datetime


class WebhookEndpointWithSecret(WebhookEndpointOut):
    secret: str = Field(
        description="The signing secret (`whsec_…`), shown in this response only: store it "
        "now. Verify `webhook-signature` with it (Standard Webhooks).",
    )


class WebhookAttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int = Field(description="1 for the first attempt; a replay continues the count.")
    started_at: datetime
    latency_ms: int
    status_code: int | None = Field(description="The receiver's HTTP status, if it answered.")
    outcome: str = Field(description="delivered, http_error, timeout, connection_error …")
    error: str | None


class WebhookDeliveryOut(BaseModel):
    id: str = Field(description="Message id (`msg_…`), sent as `webhook-id` on every attempt.")
    event_type: str
    subject: str
    status: WebhookDeliveryStatus
    attempts: int = Field(description="Attempts made so far.")
    next_attempt_at: datetime | None = Field(description="When pending: the next attempt.")
    created_at: datetime
    finished_at: datetime | None
    last_status_code: int | None
    last_error: str | None


class WebhookDeliveryDetail(WebhookDeliveryOut):
    payload: dict[str, Any] = Field(description="The body sent, the same on every attempt.")
    attempt_log: list[WebhookAttemptOut] = Field(description="Every attempt, oldest first.")


class WebhookEventTypeOut(BaseModel):
    name: str
    description: str
