"""Tables of occupational hazard declarations, health exams, workplace hazard tests and
protective equipment issued."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key
from app.registry.people.models import person_reference


class HazardDeclaration(RegistryRecord, Base):
    """An occupational hazard declaration (职业病危害项目申报) filed with the authority."""

    __tablename__ = "hazard_declarations"
    __table_args__ = (tenant_key(),)

    declared_on: Mapped[date] = mapped_column(Date, index=True)
    factors: Mapped[str] = mapped_column(String(600))  # space-separated HazardFactor values
    exposed_headcount: Mapped[int] = mapped_column(Integer)
    authority: Mapped[str | None] = mapped_column(String(100))
    receipt_number: Mapped[str | None] = mapped_column(String(60))


class HealthExam(RegistryRecord, Base):
    """An occupational health exam (职业健康检查). The conclusion is sensitive personal data."""

    __tablename__ = "health_exams"
    __table_args__ = (tenant_key(), person_reference())

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    examined_on: Mapped[date] = mapped_column(Date, index=True)
    factors: Mapped[str] = mapped_column(String(600))  # space-separated HazardFactor values
    institution: Mapped[str | None] = mapped_column(String(200))
    report_number: Mapped[str | None] = mapped_column(String(60))
    conclusion: Mapped[str] = mapped_column(String(40))


class WorkplaceHazardTest(RegistryRecord, Base):
    """A detection (职业病危害因素检测) or a current-status evaluation (职业病危害现状评价) of
    the workplace by an occupational-health service organisation (职业病防治法 art. 26)."""

    __tablename__ = "workplace_hazard_tests"
    __table_args__ = (tenant_key(),)

    tested_on: Mapped[date] = mapped_column(Date, index=True)
    test_type: Mapped[str] = mapped_column(String(30))
    factors: Mapped[str] = mapped_column(String(600))  # space-separated HazardFactor values
    organisation: Mapped[str] = mapped_column(String(200))
    exceeded_limits: Mapped[bool | None] = mapped_column(Boolean)
    report_number: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)


class ProtectiveEquipmentIssue(RegistryRecord, Base):
    """Protective equipment (劳动防护用品) issued to one person against one or more factors,
    to be replaced after `replacement_months` (安全生产法 art. 45; 河南省安全生产条例 art. 18)."""

    __tablename__ = "protective_equipment_issues"
    __table_args__ = (tenant_key(), person_reference())

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    factors: Mapped[str] = mapped_column(String(600))  # space-separated HazardFactor values
    item: Mapped[str] = mapped_column(String(200))
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    replacement_months: Mapped[int] = mapped_column(Integer)
    free_of_charge: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)
