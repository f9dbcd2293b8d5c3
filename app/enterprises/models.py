"""The enterprise profile (DESIGN §4), one per enterprise organization."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.orm import Base, UTCDateTime, Versioned
from app.identity.models import Organization


class Enterprise(Versioned, Base):
    """A production or business unit (生产经营单位). Its id is its organization's id; its name
    and region live on the organization, which the authorization policy reads."""

    __tablename__ = "enterprises"
    __table_args__ = (
        # A credit code may be claimed by several sign-ups; it belongs to one verified
        # enterprise only (DESIGN §9: a claim blocks nobody; a regulator resolves it).
        Index(
            "uq_enterprises_verified_credit_code",
            "credit_code",
            unique=True,
            sqlite_where=text("verification_status = 'verified'"),
            postgresql_where=text("verification_status = 'verified'"),
        ),
    )

    id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    legal_representative: Mapped[str] = mapped_column(String(100))
    principal_person: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    industry_code: Mapped[str] = mapped_column(String(5), index=True)
    high_risk_category: Mapped[str | None] = mapped_column(String(30), index=True)
    employee_count: Mapped[int | None] = mapped_column(Integer)
    designated_size: Mapped[str | None] = mapped_column(String(10))
    sme_class: Mapped[str | None] = mapped_column(String(10))
    occupational_hazard_trade: Mapped[bool] = mapped_column(Boolean, default=False)
    founded_on: Mapped[date | None] = mapped_column(Date)
    verification_status: Mapped[str] = mapped_column(String(12), index=True)
    verified_by: Mapped[str | None] = mapped_column(String(40))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    organization: Mapped[Organization] = relationship(lazy="joined", innerjoin=True)
