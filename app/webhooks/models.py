"""Webhook endpoints, the messages queued for them and every delivery attempt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime, Versioned


class WebhookEndpoint(Versioned, Base):
    """Where an organization (an institution, an enterprise) wants its events sent."""

    __tablename__ = "webhook_endpoints"
    __table_args__ = (Index("ix_webhook_endpoints_organization", "organization_id", "id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # whe_…
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(500))
    event_types: Mapped[str] = mapped_column(Text)  # JSON list of subscribed types
    # The signing secret, sealed with the platform's data key; shown once when made.
    secret_ciphertext: Mapped[str] = mapped_column(Text)
    # After a rotation the previous secret still signs (a second signature) for a while,
    # so receivers can switch without losing a delivery.
    previous_secret_ciphertext: Mapped[str | None] = mapped_column(Text)
    previous_secret_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    enabled: Mapped[bool] = mapped_column()
    disabled_reason: Mapped[str | None] = mapped_column(String(40))  # by_user | failing
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WebhookMessage(Base):
    """One event for one endpoint. Its id is the `webhook-id` every attempt carries, and its
    body is fixed when it is made, so a retry sends the same bytes."""

    __tablename__ = "webhook_messages"
    __table_args__ = (
        # The claim: pending messages that are due.
        Index("ix_webhook_messages_due", "status", "next_attempt_at"),
        # Order per subject: an endpoint's earlier pending message about the same subject.
        Index("ix_webhook_messages_subject", "endpoint_id", "subject", "status", "event_seq"),
        # The delivery log of an endpoint, newest first.
        Index("ix_webhook_messages_endpoint", "endpoint_id", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # msg_…, time-ordered
    endpoint_id: Mapped[str] = mapped_column(ForeignKey("webhook_endpoints.id"))
    organization_id: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[str] = mapped_column(ForeignKey("outbox_events.id"))
    event_seq: Mapped[int] = mapped_column(Integer)  # the event's order, for its subject
    event_type: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))  # pending | delivered | failed
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(String(60))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))


class WebhookAttempt(Base):
    """One try at delivering a message: what the receiver answered and how long it took."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_message", "message_id", "number"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # wha_…
    message_id: Mapped[str] = mapped_column(ForeignKey("webhook_messages.id"))
    endpoint_id: Mapped[str] = mapped_column(String(40))
    organization_id: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column(Integer)
    worker: Mapped[str] = mapped_column(String(60))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    latency_ms: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))  # delivered | http_error | timeout | …
    error: Mapped[str | None] = mapped_column(String(500))
