"""Tables of yearly safety commitments and monthly risk analyses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key
from app.registry.people.models import person_reference


class SafetyCommitment(RegistryRecord, Base):
    """A year's safety commitment (安全承诺), signed by the principal person and published."""

    __tablename__ = "safety_commitments"
    __table_args__ = (
        tenant_key(),
        person_reference("signed_by_person_id"),
        Index(
            "uq_safety_commitments_year",
            "enterprise_id",
            "year",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    year: Mapped[int] = mapped_column(Integer)
    items: Mapped[str] = mapped_column(Text)  # JSON list of the commitments' texts
    signed_by_person_id: Mapped[str | None] = mapped_column(String(40))
    signed_on: Mapped[date | None] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date)


class RiskAnalysis(RegistryRecord, Base):
    """A monthly analysis of the safety situation (安全生产形势分析), for article 23."""

    __tablename__ = "risk_analyses"
    __table_args__ = (
        tenant_key(),
        Index(
            "uq_risk_analyses_month",
            "enterprise_id",
            "month",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM on the business calendar
    conducted_on: Mapped[date] = mapped_column(Date)
    risks_identified: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
