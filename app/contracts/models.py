"""Tables of service contracts and of every step of their life."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime, Versioned


class ServiceContract(Versioned, Base):
    """A contract (委托服务合同) by which a safety service firm works for an enterprise: the
    record kinds it may read and write, whether it is the enterprise's entrusted safety
    manager (art. 17), its period and the registered safety engineer responsible.

    `scope_kinds` holds the kinds as `,people,training-sessions,` so that the delegation
    check is one `LIKE` on both databases. `accepted_on` and `ended_on` are business days
    (Asia/Shanghai): the compliance engine judges past dates by them."""

    __tablename__ = "service_contracts"
    __table_args__ = (
        Index("ix_service_contracts_firm", "firm_id", "status", "enterprise_id"),
        Index("ix_service_contracts_enterprise", "enterprise_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    firm_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    enterprise_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    status: Mapped[str] = mapped_column(String(12))
    scope_kinds: Mapped[str] = mapped_column(Text)
    entrusted_safety_manager: Mapped[bool] = mapped_column(Boolean)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    engineer_name: Mapped[str | None] = mapped_column(String(100))
    engineer_registration_number: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(String(500))
    accepted_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(String(40))
    updated_by: Mapped[str | None] = mapped_column(String(40))


class ServiceContractEvent(Base):
    """One step of a contract's life (proposed, accepted, rejected, ended, withdrawn), by
    whom and for which organization, with the reason given: `/v1/contracts/{id}/history`."""

    __tablename__ = "service_contract_events"
    __table_args__ = (Index("ix_service_contract_events_contract", "contract_id", "at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    contract_id: Mapped[str] = mapped_column(ForeignKey("service_contracts.id"))
    action: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[str] = mapped_column(String(40))
    actor_organization_id: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(String(500))
    request_id: Mapped[str | None] = mapped_column(String(80))
