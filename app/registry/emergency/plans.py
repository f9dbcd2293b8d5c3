"""Emergency plans (生产安全事故应急预案, 应急条例 arts. 5, 7) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.registry import errors
from app.registry.emergency.common import not_in_future
from app.registry.emergency.models import EmergencyDrill, EmergencyPlan
from app.registry.emergency.schemas import (
    EmergencyPlanFilters,
    EmergencyPlanIn,
    EmergencyPlanOut,
    EmergencyPlanPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid
from app.registry.writes import blame

Plan = EmergencyPlan


def check(
    ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], current: Plan | None
) -> None:
    not_in_future(
        state, "issued_on", "filed_on", "published_on", "published_to_public_on", "withdrawn_on"
    )
    issued, withdrawn = state["issued_on"], state["withdrawn_on"]
    for field in ("filed_on", "published_on", "published_to_public_on", "withdrawn_on"):
        if state[field] is not None and state[field] < issued:
            blamed = blame(data, field, "issued_on")
            message = (
                "must not be before issue" if blamed == field else f"must not be after {field}"
            )
            raise invalid(blamed, message, "date_order")
    for field in ("filed_on", "published_on", "published_to_public_on"):
        if withdrawn is not None and state[field] is not None and state[field] > withdrawn:
            raise invalid(
                blame(data, field, "withdrawn_on"),
                "must not be after the plan's withdrawal",
                "date_order",
            )
    if current is not None and data.keys() & {"plan_type", "issued_on", "withdrawn_on"}:
        _drills_still_fit(ctx, current, data, state)


def _drills_still_fit(
    ctx: WriteContext, plan: Plan, data: Mapping[str, Any], state: Mapping[str, Any]
) -> None:
    """A plan's new type or dates must leave its recorded drills valid."""
    lock(ctx.session, plan.id)  # no drill may be added between this check and the update
    drills = select(EmergencyDrill.id).where(
        EmergencyDrill.enterprise_id == ctx.enterprise.id,
        EmergencyDrill.plan_id == plan.id,
        EmergencyDrill.deleted_at.is_(None),
    )
    other_type = ctx.session.scalar(
        drills.where(EmergencyDrill.drill_type != state["plan_type"]).limit(1)
    )
    if other_type is not None:
        raise invalid(
            "plan_type",
            f"drill {other_type} of this plan is of another type",
            "drill_of_other_type",
        )
    before = ctx.session.scalar(drills.where(EmergencyDrill.held_on < state["issued_on"]).limit(1))
    if before is not None:
        raise invalid(
            "issued_on", f"drill {before} of this plan was held before", "drill_before_issue"
        )
    if state["withdrawn_on"] is not None:
        after = ctx.session.scalar(
            drills.where(EmergencyDrill.held_on > state["withdrawn_on"]).limit(1)
        )
        if after is not None:
            raise invalid(
                "withdrawn_on",
                f"drill {after} of this plan was held after",
                "drill_after_withdrawal",
            )


def lock(session: Session, plan_id: str) -> None:
    """Take the row lock that a drill's check takes on its plan too (PostgreSQL; SQLite has
    one writer at a time anyway)."""
    session.execute(select(Plan.id).where(Plan.id == plan_id).with_for_update())


def check_delete(ctx: WriteContext, target: Plan) -> None:
    """A plan with living drills cannot be deleted: they would point at nothing, and the
    enterprise's drills would vanish from the rules unnoticed."""
    lock(ctx.session, target.id)  # as a new drill locks the plan before checking it
    count = ctx.session.scalar(
        select(func.count()).where(
            EmergencyDrill.enterprise_id == target.enterprise_id,
            EmergencyDrill.plan_id == target.id,
            EmergencyDrill.deleted_at.is_(None),
        )
    )
    if count:
        raise errors.PLAN_HAS_DRILLS.problem(
            f"Emergency plan {target.id} still has {count} drill record(s); delete those "
            "first, or record the plan's withdrawal (withdrawn_on) instead."
        )


def filter_filed_and_withdrawn(
    statement: Select[Plan], filters: EmergencyPlanFilters, _: ReadContext
) -> Select[Plan]:
    for flag, column in ((filters.filed, Plan.filed_on), (filters.withdrawn, Plan.withdrawn_on)):
        if flag is not None:
            statement = statement.where(column.is_not(None) if flag else column.is_(None))
    return statement


EMERGENCY_PLANS: RecordKind[Plan] = RecordKind(
    path="emergency-plans",
    resource_type="emergency_plan",
    title="emergency plan (生产安全事故应急预案)",
    model=Plan,
    id_prefix="epl",
    create_schema=EmergencyPlanIn,
    patch_schema=EmergencyPlanPatch,
    out_schema=EmergencyPlanOut,
    filters_schema=EmergencyPlanFilters,
    headers={
        "plan_type": ("预案类型",),
        "title": ("预案名称",),
        "issued_on": ("发布日期", "签发日期"),
        "filed_on": ("备案日期",),
        "published_on": ("公布日期", "向从业人员公布日期"),
        "published_to_public_on": ("向社会公布日期",),
        "withdrawn_on": ("废止日期",),
        "notes": ("备注",),
    },
    check=check,
    filter_by=("plan_type",),
    filter_between={"issued": "issued_on"},
    filter=filter_filed_and_withdrawn,
    check_delete=check_delete,
    delete_problems=(errors.PLAN_HAS_DRILLS,),
)
