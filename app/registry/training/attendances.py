"""Training attendances as a record kind: who attended which session, hours and result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, and_, select

from app.core.errors import FieldError
from app.registry import errors
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.people.models import Person
from app.registry.references import invalid, require_person
from app.registry.training.models import TrainingAttendance, TrainingSession
from app.registry.training.schemas import (
    TrainingAttendanceFilters,
    TrainingAttendanceIn,
    TrainingAttendanceOut,
    TrainingAttendancePatch,
)
from app.registry.writes import blame, living_duplicate

Attendance = TrainingAttendance


def require_session(ctx: WriteContext, session_id: str) -> TrainingSession:
    """The living training session `session_id` of the enterprise being written, or 422."""
    # Locked until the transaction ends, so that the session cannot be deleted between this
    # check and the new attendance (its delete takes the same lock before counting).
    session = ctx.session.scalar(
        select(TrainingSession)
        .where(
            TrainingSession.id == session_id,
            TrainingSession.enterprise_id == ctx.enterprise.id,
            TrainingSession.deleted_at.is_(None),
        )
        .with_for_update()
    )
    if session is None:
        raise errors.UNKNOWN_SESSION.problem(
            f"session_id: no training session {session_id} in this enterprise.",
            errors=[
                FieldError(
                    field="body.session_id", message="unknown session", code="unknown_session"
                )
            ],
        )
    return session


def prepare(ctx: WriteContext, data: dict[str, Any], current: Attendance | None) -> dict[str, Any]:
    if current is None and data.get("hours") is None:
        data.pop("hours", None)  # all of the session's hours, filled in below
    return data


def check(
    ctx: WriteContext,
    data: dict[str, Any],
    state: dict[str, Any],
    current: Attendance | None,
) -> None:
    if "session_id" in data:
        session = require_session(ctx, state["session_id"])
    else:
        # Still living (deleting an attended session is refused); locked as in require_session,
        # so that the session's hours and dates cannot change under this check.
        session = ctx.session.scalars(
            select(TrainingSession)
            .where(TrainingSession.id == state["session_id"])
            .with_for_update()
        ).one()
    if state["hours"] is None:
        state["hours"] = data["hours"] = session.hours
    person: Person | None = None
    if "person_id" in data:
        person = require_person(ctx, state["person_id"], "person_id")
    elif "session_id" in data:
        # Another session: the (possibly since deleted) attendee must have been in service.
        person = ctx.session.get(Person, state["person_id"])
    if state["hours"] > session.hours:
        raise invalid(
            blame(data, "hours", "session_id"),
            f"more than the session's {session.hours} class hours",
            "exceeds_session_hours",
        )
    if person is not None:
        _in_service_during(data, person, session)
    if "session_id" in data or "person_id" in data:
        _refuse_duplicate(ctx, state["session_id"], state["person_id"], current)


def _in_service_during(data: Mapping[str, Any], person: Person, session: TrainingSession) -> None:
    """Hired on or before the session's last day and not left before its first."""
    field = blame(data, "person_id", "session_id")
    if person.hire_date > session.ended_on:
        raise invalid(field, "hired after the session ended", "not_in_service")
    if person.leave_date is not None and person.leave_date < session.started_on:
        raise invalid(field, "left before the session started", "not_in_service")


def _refuse_duplicate(
    ctx: WriteContext, session_id: str, person_id: str, current: Attendance | None
) -> None:
    duplicate = living_duplicate(
        ctx, Attendance, current, session_id=session_id, person_id=person_id
    )
    if duplicate is not None:
        raise errors.DUPLICATE_ATTENDANCE.problem(
            f"Attendance {duplicate} already records this person at this session."
        )


def filter_passed_and_kind(
    statement: Select[Attendance], filters: TrainingAttendanceFilters, _: ReadContext
) -> Select[Attendance]:
    if filters.passed is not None:
        statement = statement.where(Attendance.passed.is_(filters.passed))
    if filters.kind is not None:
        statement = statement.join(
            TrainingSession,
            and_(
                TrainingSession.enterprise_id == Attendance.enterprise_id,
                TrainingSession.id == Attendance.session_id,
            ),
        ).where(TrainingSession.kind == filters.kind.value)
    return statement


TRAINING_ATTENDANCES: RecordKind[Attendance] = RecordKind(
    path="training-attendances",
    resource_type="training_attendance",
    title="training attendance (培训记录)",
    model=Attendance,
    id_prefix="att",
    create_schema=TrainingAttendanceIn,
    patch_schema=TrainingAttendancePatch,
    out_schema=TrainingAttendanceOut,
    filters_schema=TrainingAttendanceFilters,
    headers={
        "session_id": ("培训编号", "培训记录编号"),
        "hours": ("学时",),
        "passed": ("是否合格", "考核结果"),
    },
    # A create may leave the hours to the session; a PATCH cannot remove them.
    required=("session_id", "person_id", "hours", "passed"),
    # A number in the history, as in the API (a Decimal would be written as a string).
    history={"hours": lambda attendance: float(attendance.hours)},
    prepare=prepare,
    check=check,
    filter_by=("session_id", "person_id"),
    filter=filter_passed_and_kind,
    problems=(errors.DUPLICATE_ATTENDANCE, errors.UNKNOWN_SESSION),
)
