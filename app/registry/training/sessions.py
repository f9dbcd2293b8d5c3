"""Training sessions (培训) as a record kind: dates, class hours, and their attendances."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.registry import errors
from app.registry.kinds import RecordKind, WriteContext
from app.registry.people.models import Person
from app.registry.references import invalid
from app.registry.training.models import TrainingAttendance, TrainingSession
from app.registry.training.schemas import (
    TrainingSessionFilters,
    TrainingSessionIn,
    TrainingSessionOut,
    TrainingSessionPatch,
)
from app.registry.writes import blame

HOURS_PER_DAY = 24


def prepare(
    ctx: WriteContext, data: dict[str, Any], current: TrainingSession | None
) -> dict[str, Any]:
    if current is None and data.get("ended_on") is None:
        data["ended_on"] = data["started_on"]
    return data


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: TrainingSession | None,
) -> None:
    started, ended, hours = state["started_on"], state["ended_on"], state["hours"]
    if ended < started:
        raise invalid(
            blame(data, "ended_on", "started_on"), "must not be before the start", "date_order"
        )
    days = (ended - started).days + 1
    if hours > HOURS_PER_DAY * days:
        raise invalid(
            blame(data, "hours", "ended_on"),
            f"at most {HOURS_PER_DAY} class hours a day ({HOURS_PER_DAY * days} for {days} day(s))",
            "too_many_hours",
        )
    if current is not None and data.keys() & {"started_on", "ended_on", "hours"}:
        _attendances_still_fit(ctx, current, data, started, ended, hours)


def _attendances_still_fit(
    ctx: WriteContext,
    session: TrainingSession,
    data: Mapping[str, Any],
    started: date,
    ended: date,
    hours: Decimal,
) -> None:
    """A session's new dates or hours must leave its recorded attendances valid."""
    _lock(ctx.session, session.id)  # no attendance may be added between check and update
    living = and_(
        TrainingAttendance.enterprise_id == ctx.enterprise.id,
        TrainingAttendance.session_id == session.id,
        TrainingAttendance.deleted_at.is_(None),
    )
    most = ctx.session.scalar(select(func.max(TrainingAttendance.hours)).where(living))
    if most is not None and most > hours:
        raise invalid(
            blame(data, "hours", "ended_on"),
            f"an attendance of this session records {most} hours",
            "below_attendance_hours",
        )
    attendee = ctx.session.execute(
        select(Person.id, Person.hire_date, Person.leave_date)
        .join(
            TrainingAttendance,
            and_(
                TrainingAttendance.person_id == Person.id,
                TrainingAttendance.enterprise_id == Person.enterprise_id,
            ),
        )
        .where(living, (Person.hire_date > ended) | (Person.leave_date < started))
        .limit(1)
    ).first()
    if attendee is not None:
        field = "ended_on" if attendee.hire_date > ended else "started_on"
        raise invalid(
            blame(data, field, "started_on" if field == "ended_on" else "ended_on"),
            f"attendee {attendee.id} was not in service during the new dates",
            "attendee_not_in_service",
        )


def _lock(session: Session, session_id: str) -> None:
    """Take the row lock that require_session (attendances) takes too (PostgreSQL; SQLite
    has one writer at a time anyway)."""
    session.execute(
        select(TrainingSession.id).where(TrainingSession.id == session_id).with_for_update()
    )


def check_delete(ctx: WriteContext, target: TrainingSession) -> None:
    """A session with living attendances cannot be deleted: they would point at nothing and
    people's training hours would vanish from the rules unnoticed."""
    # Lock the session's row before counting, as a new attendance does before checking the
    # session (require_session): otherwise both could pass their check concurrently.
    _lock(ctx.session, target.id)
    count = ctx.session.scalar(
        select(func.count()).where(
            TrainingAttendance.enterprise_id == target.enterprise_id,
            TrainingAttendance.session_id == target.id,
            TrainingAttendance.deleted_at.is_(None),
        )
    )
    if count:
        raise errors.SESSION_HAS_ATTENDANCES.problem(
            f"Training session {target.id} still has {count} attendance record(s); delete "
            "those first, so that nobody's training hours disappear unnoticed."
        )


TRAINING_SESSIONS: RecordKind[TrainingSession] = RecordKind(
    path="training-sessions",
    resource_type="training_session",
    title="training session (安全培训)",
    model=TrainingSession,
    id_prefix="trn",
    create_schema=TrainingSessionIn,
    patch_schema=TrainingSessionPatch,
    out_schema=TrainingSessionOut,
    filters_schema=TrainingSessionFilters,
    headers={
        "kind": ("培训类别",),
        "title": ("培训名称", "培训主题"),
        "provider": ("培训机构",),
        "place": ("地点", "培训地点"),
        "started_on": ("开始日期",),
        "ended_on": ("结束日期",),
        "hours": ("学时",),
    },
    # A create may leave the end day to be the start day; a PATCH cannot remove it.
    required=("kind", "title", "started_on", "ended_on", "hours"),
    # A number in the history, as in the API (a Decimal would be written as a string).
    history={"hours": lambda session: float(session.hours)},
    prepare=prepare,
    check=check,
    filter_by=("kind",),
    filter_between={"started": "started_on"},
    check_delete=check_delete,
    delete_problems=(errors.SESSION_HAS_ATTENDANCES,),
)
