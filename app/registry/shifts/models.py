"""Table of leaders' on-site shifts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key
from app.registry.people.models import person_reference


class OnSiteShift(RegistryRecord, Base):
    """One on-site shift (现场带班) taken by a leader: who, on which day (to which day, for a
    shift over midnight or several days) and where."""

    __tablename__ = "on_site_shifts"
    __table_args__ = (tenant_key(), person_reference())

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    shift_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
