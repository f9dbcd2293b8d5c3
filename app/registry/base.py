"""What every registry record shares: tenant key, version, timestamps, soft deletion, history.

Every record belongs to exactly one enterprise; child rows reference their parent together
with that enterprise (a composite foreign key), so a row can never point across tenants.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime, Versioned


class RegistryRecord(Versioned):
    """Columns of every record kind. Soft-deleted records keep their row and their history."""

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(String(40))
    updated_by: Mapped[str | None] = mapped_column(String(40))


def unique_among_living(name: str, *columns: str) -> Index:
    """A unique index over the enterprise's living records (soft-deleted ones may repeat):
    the database's backstop for duplicate checks that two requests could race past."""
    return Index(
        name,
        "enterprise_id",
        *columns,
        unique=True,
        sqlite_where=text("deleted_at IS NULL"),
        postgresql_where=text("deleted_at IS NULL"),
    )


def tenant_key() -> UniqueConstraint:
    """(enterprise_id, id) unique: the target of children's composite foreign keys, which
    make a child point at its parent *within the same enterprise*."""
    return UniqueConstraint("enterprise_id", "id")


class RecordVersion(Base):
    """One entry of a record's history: its full state after a create, update or delete."""

    __tablename__ = "record_versions"
    __table_args__ = (Index("ix_record_versions_record", "record_type", "record_id", "version"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(String(40), index=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    data: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str | None] = mapped_column(String(40))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    request_id: Mapped[str | None] = mapped_column(String(64))
