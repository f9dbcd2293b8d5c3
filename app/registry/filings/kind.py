"""Major hazard sources (重大危险源, art. 23) and their filing as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.core import clock
from app.registry.filings.models import MajorHazardSource
from app.registry.filings.schemas import (
    MajorHazardSourceFilters,
    MajorHazardSourceIn,
    MajorHazardSourceOut,
    MajorHazardSourcePatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid


def check(ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], _: object) -> None:
    today = clock.today()
    identified_on, filed_on = state["identified_on"], state["filed_on"]
    if identified_on > today:
        raise invalid("identified_on", "must not be in the future", "in_future")
    if filed_on is not None:
        if filed_on > today:
            raise invalid("filed_on", "must not be in the future", "in_future")
        if filed_on < identified_on:
            field = "identified_on" if "filed_on" not in data else "filed_on"
            raise invalid(field, "a source is filed after it is identified", "date_order")
    # A filing is a day and a number together; either alone would make `filed` ambiguous.
    if filed_on is not None and state["filing_number"] is None:
        raise invalid("filing_number", "required once the source is filed", "missing")
    if filed_on is None and state["filing_number"] is not None:
        raise invalid("filed_on", "a filing number needs the day of filing", "missing")


def filter_filed(
    statement: Select[MajorHazardSource], filters: MajorHazardSourceFilters, _: ReadContext
) -> Select[MajorHazardSource]:
    if filters.filed is not None:
        column = MajorHazardSource.filed_on
        statement = statement.where(column.is_not(None) if filters.filed else column.is_(None))
    return statement


MAJOR_HAZARD_SOURCES: RecordKind[MajorHazardSource] = RecordKind(
    path="major-hazard-sources",
    resource_type="major_hazard_source",
    title="major hazard source (重大危险源)",
    model=MajorHazardSource,
    id_prefix="mhs",
    create_schema=MajorHazardSourceIn,
    patch_schema=MajorHazardSourcePatch,
    out_schema=MajorHazardSourceOut,
    filters_schema=MajorHazardSourceFilters,
    headers={
        "name": ("名称",),
        "grade": ("等级", "级别"),
        "location": ("位置",),
        "identified_on": ("辨识日期",),
        "filed_on": ("备案日期",),
        "filing_number": ("备案编号",),
        "authority": ("备案机关",),
    },
    computed={"filed": lambda source, _: source.filed_on is not None},
    check=check,
    filter_by=("grade",),
    filter=filter_filed,
)
