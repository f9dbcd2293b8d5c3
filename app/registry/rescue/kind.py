"""Rescue arrangements (应急救援队伍, 应急救援人员, 应急救援协议) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.core import clock
from app.registry.catalog import RescueForm
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid
from app.registry.rescue.models import RescueArrangement
from app.registry.rescue.schemas import (
    RescueArrangementFilters,
    RescueArrangementIn,
    RescueArrangementOut,
    RescueArrangementPatch,
)
from app.registry.staffing.common import covering, end_not_before_start, in_period
from app.registry.writes import blame


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: RescueArrangement | None,
) -> None:
    end_not_before_start(data, state["starts_on"], state["ends_on"], "starts_on", "ends_on")
    form = RescueForm(state["form"])
    # Which fields a form needs: a team is named (designated rescuers need not be a named
    # team); the enterprise's own rescuers are counted, a contracted team's are not its own;
    # only an agreement has a number.
    if form is not RescueForm.DESIGNATED_RESCUERS and state["team_name"] is None:
        raise invalid(blame(data, "team_name", "form"), f"required for {form.value}", "missing")
    if form is RescueForm.AGREEMENT:
        if state["rescuer_count"] is not None:
            raise invalid(
                blame(data, "rescuer_count", "form"),
                "an agreement's rescuers are the other team's: leave it empty",
                "not_applicable",
            )
        return
    if state["rescuer_count"] is None:
        raise invalid(blame(data, "rescuer_count", "form"), f"required for {form.value}", "missing")
    if state["agreement_number"] is not None:
        raise invalid(
            blame(data, "agreement_number", "form"),
            "only an agreement has an agreement number",
            "not_applicable",
        )


def filter_active(
    statement: Select[RescueArrangement], filters: RescueArrangementFilters, _: ReadContext
) -> Select[RescueArrangement]:
    if filters.active_on is not None:
        statement = statement.where(
            covering(RescueArrangement.starts_on, RescueArrangement.ends_on, filters.active_on)
        )
    return statement


RESCUE_ARRANGEMENTS: RecordKind[RescueArrangement] = RecordKind(
    path="rescue-arrangements",
    resource_type="rescue_arrangement",
    title="rescue arrangement (应急救援队伍、人员或协议)",
    model=RescueArrangement,
    id_prefix="rsc",
    create_schema=RescueArrangementIn,
    patch_schema=RescueArrangementPatch,
    out_schema=RescueArrangementOut,
    filters_schema=RescueArrangementFilters,
    headers={
        "form": ("形式",),
        "team_name": ("队伍名称", "救援队伍"),
        "agreement_number": ("协议编号",),
        "starts_on": ("开始日期",),
        "ends_on": ("结束日期",),
        "rescuer_count": ("救援人数", "应急救援人员数"),
        "notes": ("备注",),
    },
    computed={
        "active": lambda arrangement, _: in_period(
            arrangement.starts_on, arrangement.ends_on, clock.today()
        )
    },
    check=check,
    filter_by=("form",),
    filter_between={"starts": "starts_on"},
    filter=filter_active,
)
