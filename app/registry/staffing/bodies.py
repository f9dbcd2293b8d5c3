"""The safety management body (安全生产管理机构) as a record kind: one at a time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select

from app.core import clock
from app.registry import errors
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.staffing.common import (
    covering,
    end_not_before_start,
    in_period,
    overlapping,
    touches,
)
from app.registry.staffing.models import SafetyBody
from app.registry.staffing.schemas import (
    SafetyBodyFilters,
    SafetyBodyIn,
    SafetyBodyOut,
    SafetyBodyPatch,
)


def check(
    ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], current: SafetyBody | None
) -> None:
    start, end = state["established_on"], state["ended_on"]
    end_not_before_start(data, start, end, "established_on", "ended_on")
    if touches(data, "established_on", "ended_on"):
        # Rule 17.1 asks whether *the* body is set up or designated: two bodies in place on
        # the same day (an open one above all) would make that answer depend on which is read.
        statement = select(SafetyBody).where(
            SafetyBody.enterprise_id == ctx.enterprise.id,
            SafetyBody.deleted_at.is_(None),
            overlapping(SafetyBody.established_on, SafetyBody.ended_on, start, end),
        )
        if current is not None:
            statement = statement.where(SafetyBody.id != current.id)
        other = ctx.session.scalars(statement.limit(1)).first()
        if other is not None:
            until = other.ended_on.isoformat() if other.ended_on else "today (still in place)"
            raise errors.SAFETY_BODY_OVERLAP.problem(
                f"Safety body {other.id} is in place from {other.established_on.isoformat()} "
                f"to {until}; end it before another takes over."
            )


def filter_active(
    statement: Select[SafetyBody], filters: SafetyBodyFilters, _: ReadContext
) -> Select[SafetyBody]:
    if filters.active_on is not None:
        statement = statement.where(
            covering(SafetyBody.established_on, SafetyBody.ended_on, filters.active_on)
        )
    return statement


SAFETY_BODIES: RecordKind[SafetyBody] = RecordKind(
    path="safety-bodies",
    resource_type="safety_body",
    title="safety management body (安全生产管理机构)",
    model=SafetyBody,
    id_prefix="sbd",
    create_schema=SafetyBodyIn,
    patch_schema=SafetyBodyPatch,
    out_schema=SafetyBodyOut,
    filters_schema=SafetyBodyFilters,
    headers={
        "form": ("形式",),
        "name": ("名称",),
        "document_number": ("文号",),
        "established_on": ("设立日期",),
        "ended_on": ("撤销日期",),
        "independent_functions": ("职能相对独立",),
    },
    computed={
        "active": lambda body, _: in_period(body.established_on, body.ended_on, clock.today())
    },
    check=check,
    filter_by=("form", "independent_functions"),
    filter=filter_active,
    problems=(errors.SAFETY_BODY_OVERLAP,),
)
