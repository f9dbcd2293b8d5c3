"""Special-operation assignments as a record kind: who performs which category, from when."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select

from app.core.errors import Conflict
from app.law.special_operations import latest_name
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
from app.registry.writes import blame, changed, effective

Assignment = OperationAssignment
FIELDS = ("person_id", "category", "started_on", "ended_on")
REQUIRED = ("person_id", "category", "started_on")


def to_values(
    ctx: WriteContext, data: Mapping[str, Any], current: Assignment | None
) -> dict[str, Any]:
    state = effective(data, current, FIELDS, REQUIRED)
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
    return changed(data, state)


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
        raise Conflict(
            f"Assignment {overlapping} already covers this person and category in this period.",
            code="overlapping_assignment",
        )


def to_out(assignment: Assignment, ctx: ReadContext) -> OperationAssignmentOut:
    return OperationAssignmentOut(
        id=assignment.id,
        person_id=assignment.person_id,
        category=assignment.category,
        category_name=latest_name(assignment.category),
        started_on=assignment.started_on,
        ended_on=assignment.ended_on,
        version=assignment.version,
        created_at=assignment.created_at,
        updated_at=assignment.updated_at,
    )


def apply_filters(
    statement: Select[Assignment], filters: OperationAssignmentFilters, ctx: ReadContext
) -> Select[Assignment]:
    if filters.person_id is not None:
        statement = statement.where(Assignment.person_id == filters.person_id)
    if filters.category is not None:
        statement = statement.where(Assignment.category == filters.category)
    if filters.active_on is not None:
        day = filters.active_on
        statement = statement.where(
            Assignment.started_on <= day,
            or_(Assignment.ended_on.is_(None), Assignment.ended_on >= day),
        )
    return statement


def snapshot(assignment: Assignment) -> dict[str, Any]:
    return {
        **{name: getattr(assignment, name) for name in FIELDS},
        "deleted": assignment.deleted_at is not None,
    }


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
    to_values=to_values,
    to_out=to_out,
    apply_filters=apply_filters,
    snapshot=snapshot,
)
