"""Table of safety production licences."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key, unique_among_living


class SafetyLicence(RegistryRecord, Base):
    """A safety production licence (安全生产许可证): valid 3 years (art. 9), extended on an
    application made 3 months before expiry; an extension moves `valid_to` of the same
    licence."""

    __tablename__ = "safety_licences"
    __table_args__ = (
        tenant_key(),
        unique_among_living("uq_safety_licences_number", "licence_number"),
    )

    licence_number: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(30))
    issuing_authority: Mapped[str] = mapped_column(String(100))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date, index=True)
    # The latest application for extension (延期申请); recorded as made, late or not.
    renewal_applied_on: Mapped[date | None] = mapped_column(Date)
    revoked_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
