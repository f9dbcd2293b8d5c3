"""Queries over the region tree."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.core.errors import FieldError
from app.regions import errors, names
from app.regions.models import Region


def in_subtree(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None], root: str
) -> ColumnElement[bool]:
    """SQL condition: `column` holds `root` or a region below it (codes nest by prefix)."""
    escaped = root.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"{escaped}%", escape="\\")


def require_region(session: Session, code: str, *, field: str) -> Region:
    region = session.get(Region, code)
    if region is None:
        raise errors.UNKNOWN_REGION.problem(
            f"Region {code} does not exist.",
            errors=[FieldError(field=field, message="unknown region code", code="unknown_region")],
        )
    return region


def list_statement(
    *, parent: str | None, under: str | None, as_of: date | None = None
) -> Select[Region]:
    """Regions under `parent` or `under`; with `as_of`, only those named on that day."""
    statement = select(Region)
    if as_of is not None and (unnamed := names.unnamed_on(as_of)):
        statement = statement.where(Region.code.not_in(unnamed))
    if parent is not None:
        statement = statement.where(Region.parent_code == parent)
    if under is not None:
        statement = statement.where(in_subtree(Region.code, under))
    return statement
