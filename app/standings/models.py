"""The stored standings: one row per enterprise, and its failing or unknown rules and duties."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, UTCDateTime


class EnterpriseStanding(Base):
    """An enterprise judged by its own stack as of `as_of` (the day it was computed)."""

    __tablename__ = "enterprise_standings"
    __table_args__ = (
        Index("ix_enterprise_standings_region", "region_code", "status"),
        Index("ix_enterprise_standings_industry", "industry_section"),
        Index("ix_enterprise_standings_stable_until", "stable_until"),
    )

    enterprise_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    # Copied from the enterprise, so that a region's or a section's tally needs no join.
    region_code: Mapped[str | None] = mapped_column(String(20))
    industry_section: Mapped[str] = mapped_column(String(1))  # industry_code's first letter
    status: Mapped[str] = mapped_column(String(12))  # pass | fail | unknown
    # Rules by finding, and the failing ones by severity: the sort keys, as columns.
    n_pass: Mapped[int] = mapped_column(Integer)
    n_fail: Mapped[int] = mapped_column(Integer)
    n_unknown: Mapped[int] = mapped_column(Integer)
    n_na: Mapped[int] = mapped_column(Integer)
    fail_critical: Mapped[int] = mapped_column(Integer)
    fail_major: Mapped[int] = mapped_column(Integer)
    fail_minor: Mapped[int] = mapped_column(Integer)
    failing_rules: Mapped[str] = mapped_column(Text)  # JSON list of binding failing rule ids
    packs: Mapped[str] = mapped_column(Text)  # JSON list of {"id", "version"}, national first
    evaluation_id: Mapped[str] = mapped_column(String(40))
    as_of: Mapped[date] = mapped_column(Date)
    # The earliest day a finding can change by date alone; null: none can.
    stable_until: Mapped[date | None] = mapped_column(Date)
    evaluated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StandingItem(Base):
    """A rule or duty of an enterprise's standing that fails or lacks data; passing and
    not-applicable ones are implied by their absence, which keeps the table small."""

    __tablename__ = "standing_items"
    __table_args__ = (
        # The drill-down "who fails rule X", in enterprise order.
        Index("ix_standing_items_key", "kind", "key", "status", "enterprise_id"),
    )

    enterprise_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # rule | duty
    key: Mapped[str] = mapped_column(String(80), primary_key=True)  # rule id or duty key
    # A rule's pack; for a duty, the pack whose finding decides it.
    pack_id: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12))  # fail | unknown
    severity: Mapped[str] = mapped_column(String(12))
