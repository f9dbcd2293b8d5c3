"""Table of major hazard sources."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key


class MajorHazardSource(RegistryRecord, Base):
    """A major hazard source (重大危险源), grade 1–4, and its filing (备案) with the regulator."""

    __tablename__ = "major_hazard_sources"
    __table_args__ = (tenant_key(),)

    name: Mapped[str] = mapped_column(String(200))
    grade: Mapped[int] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(300))
    identified_on: Mapped[date] = mapped_column(Date)
    filed_on: Mapped[date | None] = mapped_column(Date)
    filing_number: Mapped[str | None] = mapped_column(String(60))
    authority: Mapped[str | None] = mapped_column(String(100))
