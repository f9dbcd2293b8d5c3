"""Stored compliance reports (snapshots), to show progress over time."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime


class ComplianceSnapshot(Base):
    """A report as it was on `as_of`, evaluated at `taken_at`; never changed afterwards."""

    __tablename__ = "compliance_snapshots"
    __table_args__ = (Index("ix_compliance_snapshots_enterprise", "enterprise_id", "as_of"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    # The packs applied, national first, joined by "+" (prc-2021+henan-2019+huiji-2014),
    # and their versions in the same order.
    pack: Mapped[str] = mapped_column(String(200))
    pack_version: Mapped[str] = mapped_column(String(100))
    as_of: Mapped[date] = mapped_column(Date)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    taken_by: Mapped[str] = mapped_column(String(40))
    # JSON: {"by_status": …, "failing_by_severity": …} and the findings in both languages.
    summary: Mapped[str] = mapped_column(Text)
    findings: Mapped[str] = mapped_column(Text)


class ComplianceStanding(Base):
    """The standing the scheduler last saw for an enterprise, so that a change of it is an
    event (`compliance.status_changed`) once, not on every pass."""

    __tablename__ = "compliance_standings"

    enterprise_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(12))  # pass | fail | unknown
    failing_rules: Mapped[str] = mapped_column(Text)  # JSON list of rule ids
    as_of: Mapped[date] = mapped_column(Date)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
