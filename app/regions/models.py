"""The region tree. A child's code always starts with its parent's, so a subtree is a prefix."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base


class Region(Base):
    """A region (区/街道/镇/村): district → town or subdistrict → village or community."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    # `name` is the name now; earlier names and their days are in name_history.py (decision
    # 68). These dates bound the code itself, which may be reused for another division.
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
