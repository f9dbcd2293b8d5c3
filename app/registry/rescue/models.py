"""Table of rescue arrangements."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key


class RescueArrangement(RegistryRecord, Base):
    """How the enterprise provides emergency rescue over a period: its own rescue team
    (应急救援队伍), designated rescuers (指定的应急救援人员) or an agreement with a
    professional team (应急救援协议)."""

    __tablename__ = "rescue_arrangements"
    __table_args__ = (tenant_key(),)

    form: Mapped[str] = mapped_column(String(30))
    team_name: Mapped[str | None] = mapped_column(String(200))
    agreement_number: Mapped[str | None] = mapped_column(String(100))
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date)
    rescuer_count: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
