"""Tables of hidden dangers, of the monthly statistics of hidden-danger work and of the
inspections (排查) that look for hidden dangers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime
from app.registry.base import RegistryRecord, tenant_key, unique_among_living
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


class HiddenDangerStatistics(RegistryRecord, Base):
    """A month's statistical analysis of hidden-danger work (事故隐患排查治理情况统计分析),
    reported to the regulator and told to the staff (河南省安全生产条例 art. 24 para 4)."""

    __tablename__ = "hidden_danger_statistics"
    __table_args__ = (
        tenant_key(),
        unique_among_living("uq_hidden_danger_statistics_month", "month"),
    )

    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM on the business calendar
    analysed_on: Mapped[date] = mapped_column(Date)
    found_count: Mapped[int] = mapped_column(Integer)
    fixed_count: Mapped[int] = mapped_column(Integer)
    overdue_count: Mapped[int] = mapped_column(Integer)
    reported_to_regulator_on: Mapped[date | None] = mapped_column(Date)
    told_to_staff_on: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class HiddenDangerInspection(RegistryRecord, Base):
    """An inspection for hidden dangers (隐患排查): the seed's art. 20 asks for them "经常性地"
    and for their files (隐患排查治理档案); its date, kind, scope, who led it and how many
    hidden dangers it found (each one is recorded as a hidden danger of its own)."""

    __tablename__ = "hidden_danger_inspections"
    __table_args__ = (tenant_key(), person_reference("leader_person_id"))

    inspected_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    scope: Mapped[str] = mapped_column(Text)
    leader_person_id: Mapped[str | None] = mapped_column(String(40))
    dangers_found: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
