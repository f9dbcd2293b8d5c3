"""Tables of people and their child rows. ID numbers are stored encrypted, with a keyed hash
for matching and the masked form for display."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKeyConstraint, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key


class Person(RegistryRecord, Base):
    """An employee (从业人员) of an enterprise."""

    __tablename__ = "people"
    __table_args__ = (
        tenant_key(),
        # One living record per ID number within an enterprise; a deleted one may return.
        Index(
            "uq_people_enterprise_id_number",
            "enterprise_id",
            "id_number_index",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(50))
    id_number_ciphertext: Mapped[str] = mapped_column(Text)
    id_number_index: Mapped[str] = mapped_column(String(64))
    id_number_masked: Mapped[str] = mapped_column(String(18))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(6))
    department: Mapped[str | None] = mapped_column(String(100), index=True)
    position: Mapped[str | None] = mapped_column(String(100))
    hire_date: Mapped[date] = mapped_column(Date)
    leave_date: Mapped[date | None] = mapped_column(Date)

    exposures: Mapped[list[PersonExposure]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PersonExposure.started_on"
    )
    job_changes: Mapped[list[PersonJobChange]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PersonJobChange.changed_on"
    )


def person_reference(column: str = "person_id") -> ForeignKeyConstraint:
    """A composite foreign key (enterprise_id, <column>) → people: a record points at a
    person of its own enterprise, never across tenants."""
    return ForeignKeyConstraint(["enterprise_id", column], ["people.enterprise_id", "people.id"])


class PersonExposure(Base):
    """A period during which a person is exposed to an occupational hazard factor."""

    __tablename__ = "person_exposures"
    __table_args__ = (
        person_reference(),
        Index("ix_person_exposures_person", "enterprise_id", "person_id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[str] = mapped_column(String(40))
    factor: Mapped[str] = mapped_column(String(40), index=True)
    level: Mapped[str | None] = mapped_column(String(40))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class PersonJobChange(Base):
    """A change of post (调岗) inside the enterprise, which calls for renewed training."""

    __tablename__ = "person_job_changes"
    __table_args__ = (
        person_reference(),
        Index("ix_person_job_changes_person", "enterprise_id", "person_id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[str] = mapped_column(String(40))
    changed_on: Mapped[date] = mapped_column(Date)
    department: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[str | None] = mapped_column(String(100))
