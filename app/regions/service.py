"""Queries over the region tree."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.core.errors import FieldError
from app.regions import containment, errors, names
from app.regions.containment import subtree_prefix
from app.regions.models import Region


def in_subtree(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None], root: str
) -> ColumnElement[bool]:
    """SQL condition: `column` holds `root` or a region below it, read by the code's
    structure (`410000` covers every `41…` code, `100000` all of China); a string of digits
    that is no whole code (`4101`) is a plain prefix."""
    escaped = subtree_prefix(root).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"{escaped}%", escape="\\")


def require_region(session: Session, code: str, *, field: str) -> Region:
    region = session.get(Region, code)
    if region is None:
        raise errors.UNKNOWN_REGION.problem(
            f"Region {code} does not exist.",
            errors=[FieldError(field=field, message="unknown region code", code="unknown_region")],
        )
    return region


def require_locality(session: Session, code: str, *, field: str) -> Region:
    """A known region an enterprise can be placed in: county-level or below, or a province
    or prefecture with no county-level division in the tree (东莞市 441900, 香港 810000)."""
    region = require_region(session, code, field=field)
    if containment.level(code) >= containment.COUNTY:
        return region
    counties = select(Region.code).where(
        in_subtree(Region.code, code), func.length(Region.code) == 6, Region.code != code
    )
    if session.scalar(counties.limit(1)) is not None:
        raise errors.REGION_NOT_A_LOCALITY.problem(
            f"Region {code} ({region.name}) has county-level divisions: name the county "
            "(or a town in it) the enterprise is in.",
            errors=[FieldError(field=field, message="not a locality", code="region_too_broad")],
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


def ancestors_of(session: Session, region: Region) -> list[Region]:
    """The regions above `region` in the tree, from the national root down to its parent."""
    codes = containment.ancestors(region.code)[:-1]
    found = {r.code: r for r in session.scalars(select(Region).where(Region.code.in_(codes)))}
    return [found[code] for code in codes if code in found]
