"""Tables of training sessions and attendances."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKeyConstraint, Index, Numeric, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key
from app.registry.people.models import person_reference


class TrainingSession(RegistryRecord, Base):
    """A training session (培训) of one kind: three-level education, annual, special …"""

    __tablename__ = "training_sessions"
    __table_args__ = (tenant_key(),)

    kind: Mapped[str] = mapped_column(String(30), index=True)
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str | None] = mapped_column(String(200))
    # Where it was held (地点): Henan's regulation (art. 16) wants it in the training file.
    place: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date] = mapped_column(Date, index=True)
    ended_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))


class TrainingAttendance(RegistryRecord, Base):
    """One person's attendance of a session: class hours and pass or fail."""

    __tablename__ = "training_attendances"
    __table_args__ = (
        tenant_key(),
        person_reference(),
        ForeignKeyConstraint(
            ["enterprise_id", "session_id"],
            ["training_sessions.enterprise_id", "training_sessions.id"],
        ),
        # A person attends a session once (among living records).
        Index(
            "uq_training_attendances_session_person",
            "session_id",
            "person_id",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    session_id: Mapped[str] = mapped_column(String(40), index=True)
    person_id: Mapped[str] = mapped_column(String(40), index=True)
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    passed: Mapped[bool] = mapped_column(Boolean)
