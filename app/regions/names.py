"""Region names over time: a division keeps its code while its name changes.

A region's row holds the name it has now; its dated names (app/regions/name_history.py)
say which name was in force on a given day, each with its source and, where the day of a
change is not confirmed from a primary text, marked `provisional` with a note of what is
known. A region lookup or a report as of a day prints the name of that day (decision 68).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from app.law.parameters import Source
from app.regions import errors
from app.regions.containment import NATIONAL_ROOT
from app.regions.models import Region
from app.regions.name_history import HISTORY, RegionName

# Where the national tree's names come from (alembic/versions/0019, docs/regions.md).
GBT2260_EDITION = (
    "民政部《中华人民共和国县以上行政区划代码》（截至2024-12-31），"
    "据 yescallop/areacodes data/2024.txt（提交 eed219a）"
)


def _undated(region: Region) -> RegionName:
    """A region without recorded names: the name it has now, dated nowhere (a division of
    the national tree cites the GB/T 2260 edition it was loaded from)."""
    national = len(region.code) == 6 and region.code != NATIONAL_ROOT
    return RegionName(
        region.name,
        None,
        None,
        Source(GBT2260_EDITION if national else "Anxin region tree", region.code),
        provisional=True,
        note="No dated names are recorded for this region: the name it has now.",
    )


def history(region: Region) -> tuple[RegionName, ...]:
    """The region's names in date order (one undated name when none are recorded)."""
    return HISTORY.get(region.code) or (_undated(region),)


def in_force(region: Region, day: date) -> RegionName | None:
    """The name in force on `day`, or None when no recorded name covers that day (the code
    named nothing then, as far as the sources say)."""
    return next((n for n in history(region) if n.in_force_on(day)), None)


def name_in_force(region: Region, day: date) -> str:
    """The name in force on `day`; 404 `region_not_named` where no recorded name covers it."""
    named = in_force(region, day)
    if named is None:
        raise errors.REGION_NOT_NAMED.problem(not_named_detail(region, day))
    return named.name


def unnamed_on(day: date) -> set[str]:
    """Codes whose recorded names leave `day` uncovered."""
    return {code for code, names in HISTORY.items() if not any(n.in_force_on(day) for n in names)}


def names_on(regions: Iterable[Region], day: date) -> dict[str, str]:
    """Each region's name as printed on a report as of `day`: the name in force that day,
    or the name it has now where no recorded name covers the day."""
    return {r.code: (named.name if (named := in_force(r, day)) else r.name) for r in regions}


def name_on(session: Session, code: str, day: date) -> str | None:
    """The name of region `code` as printed on a report as of `day` (None: no such region)."""
    region = session.get(Region, code)
    return None if region is None else names_on([region], day)[code]


def not_named_detail(region: Region, day: date) -> str:
    """Why a lookup as of `day` finds no name: where the recorded names start or end."""
    names = history(region)
    first, last = names[0].effective_from, names[-1].effective_to
    if first is not None and day < first:
        return (
            f"Region {region.code} has no name recorded on {day}: its first recorded name, "
            f"{names[0].name}, is in force from {first}."
        )
    if last is not None and day > last:
        return (
            f"Region {region.code} has no name recorded on {day}: its last recorded name, "
            f"{names[-1].name}, was in force until {last}."
        )
    return f"Region {region.code} has no name recorded on {day}."
