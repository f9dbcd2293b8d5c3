"""Special-operation assignments as a record kind: who performs which category, from when."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select

from app.law.special_operations import latest_name
from app.registry import errors
from app.registry.certificates.models import OperationAssignment
from app.registry.certificates.schemas import (
    OperationAssignmentFilters,
    OperationAssignmentIn,
    OperationAssignmentOut,
    OperationAssignmentPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.people.models import Person
from app.registry.references import invalid, require_person
from app.registry.writes import blame

Assignment = OperationAssignment


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Assignment | None,
) -> None:
    started, ended = state["started_on"], state["ended_on"]
    if ended is not None and ended < started:
        raise invalid(
            blame(data, "ended_on", "started_on"), "must not be before the start", "date_order"
        )
    person: Person | None = None
    if "person_id" in data:
        person = require_person(ctx, state["person_id"], "person_id")
    elif "started_on" in data or "ended_on" in data:
        # New dates must still fit the employment of the (possibly since deleted) holder.
        person = ctx.session.get(Person, state["person_id"])
    if person is not None:
        _within_employment(data, person, started, ended)
    _refuse_overlap(ctx, state, current)


def _within_employment(
    data: Mapping[str, Any], person: Person, started: date, ended: date | None
) -> None:
    if started < person.hire_date:
        raise invalid(
            blame(data, "started_on", "person_id"),
            "must not be before the person's hire date",
            "not_in_service",
        )
    leave = person.leave_date
    if leave is not None and (started > leave or (ended is not None and ended > leave)):
        field = "started_on" if started > leave else "ended_on"
        raise invalid(
            blame(data, field, "person_id"),
            "must not be after the person's leave date",
            "not_in_service",
        )


def _refuse_overlap(
    ctx: WriteContext, state: Mapping[str, Any], current: Assignment | None
) -> None:
    """Two living assignments of one person to one category must not overlap: the rule
    engine would count the same duty twice, and an edit would have to find both."""
    started, ended = state["started_on"], state["ended_on"]
    statement = select(Assignment.id).where(
        Assignment.enterprise_id == ctx.enterprise.id,
        Assignment.person_id == state["person_id"],
        Assignment.category == state["category"],
        Assignment.deleted_at.is_(None),
        or_(Assignment.ended_on.is_(None), Assignment.ended_on >= started),
    )
    if ended is not None:
        statement = statement.where(Assignment.started_on <= ended)
    if current is not None:
        statement = statement.where(Assignment.id != current.id)
    overlapping = ctx.session.scalar(statement.limit(1))
    if overlapping is not None:
        raise errors.OVERLAPPING_ASSIGNMENT.problem(
            f"Assignment {overlapping} already covers this person and category in this period."
        )


def filter_active(
    statement: Select[Assignment], filters: OperationAssignmentFilters, _: ReadContext
) -> Select[Assignment]:
    if filters.active_on is not None:
        day = filters.active_on
        statement = statement.where(
            Assignment.started_on <= day,
            or_(Assignment.ended_on.is_(None), Assignment.ended_on >= day),
        )
    return statement


OPERATION_ASSIGNMENTS: RecordKind[Assignment] = RecordKind(
    path="operation-assignments",
    resource_type="operation_assignment",
    title="special-operation assignment (特种作业岗位安排)",
    model=Assignment,
    id_prefix="opa",
    create_schema=OperationAssignmentIn,
    patch_schema=OperationAssignmentPatch,
    out_schema=OperationAssignmentOut,
    filters_schema=OperationAssignmentFilters,
    headers={
        "category": ("作业类别", "操作项目"),
        "started_on": ("开始日期",),
        "ended_on": ("结束日期",),
    },
    computed={"category_name": lambda assignment, _: latest_name(assignment.category)},
    check=check,
    filter_by=("person_id", "category"),
    filter=filter_active,
    problems=(errors.OVERLAPPING_ASSIGNMENT,),
)
