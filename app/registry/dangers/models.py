"""Table of hidden dangers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime
from app.registry.base import RegistryRecord, tenant_key
from app.registry.people.models import person_reference


class HiddenDanger(RegistryRecord, Base):
    """A hidden danger with the five remediation fields (五到位): measures, responsibility,
    funds, time limit and contingency plan; open → fixing → fixed → verified."""

    __tablename__ = "hidden_dangers"
    __table_args__ = (
        tenant_key(),
        person_reference("responsible_person_id"),
        person_reference("verifier_person_id"),
    )

    found_on: Mapped[date] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(10), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    measures: Mapped[str | None] = mapped_column(Text)
    responsible_person_id: Mapped[str | None] = mapped_column(String(40))
    funds: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    contingency_plan: Mapped[str | None] = mapped_column(Text)
    fixed_on: Mapped[date | None] = mapped_column(Date)
    verified_on: Mapped[date | None] = mapped_column(Date)
    verifier_person_id: Mapped[str | None] = mapped_column(String(40))
    # A verifier from outside (an expert, a service firm): name and organization.
    external_verifier: Mapped[str | None] = mapped_column(String(200))
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
