"""Tables of emergency plans and drills, and of accident signs with their early warnings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKeyConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key
from app.registry.people.models import person_reference


class EmergencyPlan(RegistryRecord, Base):
    """An emergency plan for work-safety accidents (生产安全事故应急预案): comprehensive,
        special or on-site procedure, with its filing (备案) and its publication to the staff and
    to society (公布)."""

    __tablename__ = "emergency_plans"
    __table_args__ = (tenant_key(),)

    plan_type: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(200))
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    filed_on: Mapped[date | None] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date)
    published_to_public_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class EmergencyDrill(RegistryRecord, Base):
    """A drill (应急演练) of one of the enterprise's emergency plans, with its evaluation
    (演练评估报告) and its report to the regulator."""

    __tablename__ = "emergency_drills"
    __table_args__ = (
        tenant_key(),
        ForeignKeyConstraint(
            ["enterprise_id", "plan_id"],
            ["emergency_plans.enterprise_id", "emergency_plans.id"],
        ),
    )

    plan_id: Mapped[str] = mapped_column(String(40), index=True)
    drill_type: Mapped[str] = mapped_column(String(20))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    participants: Mapped[int] = mapped_column(Integer)
    evaluation: Mapped[str | None] = mapped_column(Text)
    reported_to_regulator_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class AccidentSign(RegistryRecord, Base):
    """A sign of an accident coming (事故征兆) and the early warning issued on it (预警信息,
    with its preventive and emergency measures): the seed's art. 23 asks for the warning
    "立即" once a sign is found."""

    __tablename__ = "accident_signs"
    __table_args__ = (tenant_key(), person_reference("issued_by_person_id"))

    observed_on: Mapped[date] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(300))
    warning_issued_on: Mapped[date | None] = mapped_column(Date)
    warning_measures: Mapped[str | None] = mapped_column(Text)
    issued_by_person_id: Mapped[str | None] = mapped_column(String(40))
