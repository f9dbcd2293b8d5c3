"""Table of insurance policies."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key, unique_among_living


class InsurancePolicy(RegistryRecord, Base):
    """A work-injury insurance enrolment (工伤保险) or a work-safety liability insurance
    policy (安全生产责任保险): who insures, for which period, how many people, how much."""

    __tablename__ = "insurance_policies"
    __table_args__ = (
        tenant_key(),
        # The backstop of the overlap check for its plainest case, the same record twice.
        unique_among_living(
            "uq_insurance_policies_number_start", "policy_type", "policy_number", "valid_from"
        ),
    )

    policy_type: Mapped[str] = mapped_column(String(30), index=True)
    insurer: Mapped[str] = mapped_column(String(200))
    policy_number: Mapped[str] = mapped_column(String(60))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    insured_headcount: Mapped[int] = mapped_column(Integer)
    cover_per_person_yuan: Mapped[int | None] = mapped_column(Integer)
    covers_temporary_and_dispatched: Mapped[bool] = mapped_column(Boolean)
    cancelled_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
