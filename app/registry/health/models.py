"""Tables of occupational hazard declarations and health exams."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
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
