"""Tables of the watchlists: an institution's named lists and the credit codes on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime, Versioned


class Watchlist(Versioned, Base):
    """A named portfolio (监控名单) of an institution: the enterprises it wants to hear about.

    Soft-deleted (`deleted_at`); names are unique among an organization's live lists. The
    version counts every change, member changes included (the member count is part of the
    representation), so the ETag changes whenever the list does."""

    __tablename__ = "watchlists"
    __table_args__ = (
        # (organization_id, id): the target of the members' composite foreign key, so a
        # member can never sit on another organization's list; also the listing index.
        UniqueConstraint("organization_id", "id"),
        Index(
            "uq_watchlists_organization_name",
            "organization_id",
            "name",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(500))
    # Kept under the list's row lock by every member write: the cap is checked against it
    # and lists show it without counting 100,000 rows.
    member_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(String(40))
    updated_by: Mapped[str | None] = mapped_column(String(40))


class WatchlistMember(Base):
    """One credit code on a list, with the institution's own reference for it (its customer
    or policy number). The key (watchlist_id, credit_code) makes adding idempotent; the
    index on credit_code alone serves the notification fan-out, which asks "who watches
    this code?" across all lists."""

    __tablename__ = "watchlist_members"
    __table_args__ = (
        ForeignKeyConstraint(
            ["organization_id", "watchlist_id"],
            ["watchlists.organization_id", "watchlists.id"],
        ),
        Index("ix_watchlist_members_credit_code", "credit_code"),
    )

    watchlist_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str | None] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
