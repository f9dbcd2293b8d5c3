"""Emergency drills (应急演练, 应急条例 art. 8) as a record kind: which plan was drilled, when,
by how many, its evaluation and its report to the regulator."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from app.core.errors import FieldError
from app.registry import errors
from app.registry.emergency.common import not_in_future
from app.registry.emergency.models import EmergencyDrill, EmergencyPlan
from app.registry.emergency.schemas import (
    EmergencyDrillFilters,
    EmergencyDrillIn,
    EmergencyDrillOut,
    EmergencyDrillPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid
from app.registry.writes import blame

Drill = EmergencyDrill


def require_plan(ctx: WriteContext, plan_id: str) -> EmergencyPlan:
    """The living emergency plan `plan_id` of the enterprise being written, or 422."""
    # Locked until the transaction ends, so that the plan cannot be deleted (or its type
    # and dates changed) between this check and the new drill: they take the same lock.
    plan = ctx.session.scalar(
        select(EmergencyPlan)
        .where(
            EmergencyPlan.id == plan_id,
            EmergencyPlan.enterprise_id == ctx.enterprise.id,
            EmergencyPlan.deleted_at.is_(None),
        )
        .with_for_update()
    )
    if plan is None:
        raise errors.UNKNOWN_EMERGENCY_PLAN.problem(
            f"plan_id: no emergency plan {plan_id} in this enterprise.",
            errors=[
                FieldError(
                    field="body.plan_id", message="unknown plan", code="unknown_emergency_plan"
                )
            ],
        )
    return plan


def prepare(ctx: WriteContext, data: dict[str, Any], current: Drill | None) -> dict[str, Any]:
    if current is None and data.get("drill_type") is None:
        data.pop("drill_type", None)  # the plan's type, filled in below
    return data


def check(
    ctx: WriteContext, data: dict[str, Any], state: dict[str, Any], current: Drill | None
) -> None:
    # Still living when not named anew (deleting a drilled plan is refused); locked either way.
    plan = require_plan(ctx, state["plan_id"])
    if state["drill_type"] is None:
        state["drill_type"] = data["drill_type"] = plan.plan_type
    if state["drill_type"] != plan.plan_type:
        raise invalid(
            blame(data, "drill_type", "plan_id"),
            f"the plan is a {plan.plan_type} plan: its drills are {plan.plan_type} drills",
            "not_plan_type",
        )
    not_in_future(state, "held_on", "reported_to_regulator_on")
    held = state["held_on"]
    if held < plan.issued_on:
        raise invalid(
            blame(data, "held_on", "plan_id"),
            f"before the plan was issued ({plan.issued_on.isoformat()})",
            "before_plan_issue",
        )
    if plan.withdrawn_on is not None and held > plan.withdrawn_on:
        raise invalid(
            blame(data, "held_on", "plan_id"),
            f"after the plan was withdrawn ({plan.withdrawn_on.isoformat()})",
            "after_plan_withdrawal",
        )
    reported = state["reported_to_regulator_on"]
    if reported is not None and reported < held:
        raise invalid(
            blame(data, "reported_to_regulator_on", "held_on"),
            "must not be before the drill",
            "date_order",
        )


def filter_reported(
    statement: Select[Drill], filters: EmergencyDrillFilters, _: ReadContext
) -> Select[Drill]:
    if filters.reported is not None:
        column = Drill.reported_to_regulator_on
        statement = statement.where(column.is_not(None) if filters.reported else column.is_(None))
    return statement


EMERGENCY_DRILLS: RecordKind[Drill] = RecordKind(
    path="emergency-drills",
    resource_type="emergency_drill",
    title="emergency drill (应急演练)",
    model=Drill,
    id_prefix="edr",
    create_schema=EmergencyDrillIn,
    patch_schema=EmergencyDrillPatch,
    out_schema=EmergencyDrillOut,
    filters_schema=EmergencyDrillFilters,
    headers={
        "plan_id": ("预案编号",),
        "drill_type": ("演练类型",),
        "held_on": ("演练日期",),
        "participants": ("参演人数",),
        "evaluation": ("演练评估", "评估报告"),
        "reported_to_regulator_on": ("报送日期", "报告监管部门日期"),
        "notes": ("备注",),
    },
    # A create may leave the type to the plan's; a PATCH cannot remove it.
    required=("plan_id", "drill_type", "held_on", "participants"),
    prepare=prepare,
    check=check,
    filter_by=("plan_id", "drill_type"),
    filter_between={"held": "held_on"},
    filter=filter_reported,
    problems=(errors.UNKNOWN_EMERGENCY_PLAN,),
)
