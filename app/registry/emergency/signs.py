"""Accident signs (事故征兆) and the early warnings issued on them (预警信息, the seed's art. 23:
"发现事故征兆要立即发布预警信息，落实防范和应急处置措施") as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.registry.emergency.common import not_in_future
from app.registry.emergency.models import AccidentSign
from app.registry.emergency.schemas import (
    AccidentSignFilters,
    AccidentSignIn,
    AccidentSignOut,
    AccidentSignPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid, require_person
from app.registry.writes import blame


def warned_in_time(sign: AccidentSign) -> bool:
    """A warning with its measures on the day the sign was found (what the seed's art. 23 asks:
    "立即发布预警信息，落实防范和应急处置措施")."""
    return (
        sign.warning_issued_on is not None
        and sign.warning_issued_on <= sign.observed_on
        and bool(sign.warning_measures)
    )


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: AccidentSign | None,
) -> None:
    not_in_future(state, "observed_on", "warning_issued_on")
    issued = state["warning_issued_on"]
    if issued is not None and issued < state["observed_on"]:
        raise invalid(
            blame(data, "warning_issued_on", "observed_on"),
            "a warning is issued on a sign once it is found, not before",
            "date_order",
        )
    if state["issued_by_person_id"] is not None and issued is None:
        # Who issued a warning is a fact of the warning: without its day it would be
        # undated, and the as-of cut could not take it away with the warning.
        raise invalid(
            blame(data, "issued_by_person_id", "warning_issued_on"),
            "only with the day the warning was issued",
            "not_applicable",
        )
    if data.get("issued_by_person_id") is not None:
        require_person(ctx, data["issued_by_person_id"], "issued_by_person_id")


def filter_warned(
    statement: Select[AccidentSign], filters: AccidentSignFilters, _: ReadContext
) -> Select[AccidentSign]:
    if filters.warned is not None:
        issued = AccidentSign.warning_issued_on.is_not(None)
        statement = statement.where(issued if filters.warned else ~issued)
    return statement


ACCIDENT_SIGNS: RecordKind[AccidentSign] = RecordKind(
    path="accident-signs",
    resource_type="accident_sign",
    title="accident sign and early warning (事故征兆及预警)",
    model=AccidentSign,
    id_prefix="acs",
    create_schema=AccidentSignIn,
    patch_schema=AccidentSignPatch,
    out_schema=AccidentSignOut,
    filters_schema=AccidentSignFilters,
    headers={
        "observed_on": ("发现日期",),
        "description": ("事故征兆", "征兆描述"),
        "location": ("部位", "位置"),
        "warning_issued_on": ("预警发布日期",),
        "warning_measures": ("防范和应急处置措施", "预警措施"),
        "issued_by_person_id": ("预警发布人",),
    },
    computed={"warned_in_time": lambda sign, _: warned_in_time(sign)},
    check=check,
    filter_between={"observed": "observed_on"},
    filter=filter_warned,
)
