"""Safety officer appointments (安全生产管理人员, full or part time) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select

from app.core import clock
from app.registry import errors
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import require_person
from app.registry.staffing.common import (
    covering,
    end_not_before_start,
    in_period,
    in_service_on,
    overlapping,
    touches,
    within_employment,
)
from app.registry.staffing.models import OfficerAppointment
from app.registry.staffing.schemas import (
    OfficerAppointmentFilters,
    OfficerAppointmentIn,
    OfficerAppointmentOut,
    OfficerAppointmentPatch,
)
from app.registry.staffing.teams import check_appointment_team

Appointment = OfficerAppointment


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Appointment | None,
) -> None:
    person_id, start, end = state["person_id"], state["appointed_on"], state["ended_on"]
    end_not_before_start(data, start, end, "appointed_on", "ended_on")
    if touches(data, "person_id", "appointed_on", "ended_on"):
        person = require_person(ctx, person_id, "person_id")
        within_employment(data, person, start, end, "appointed_on", "ended_on")
    check_appointment_team(ctx, data, state)
    if touches(data, "person_id", "duty", "appointed_on", "ended_on"):
        # Two overlapping appointments to one duty would count the person twice towards
        # the number of officers rule 17.1 asks for.
        statement = select(Appointment).where(
            Appointment.enterprise_id == ctx.enterprise.id,
            Appointment.deleted_at.is_(None),
            Appointment.person_id == person_id,
            Appointment.duty == state["duty"],
            overlapping(Appointment.appointed_on, Appointment.ended_on, start, end),
        )
        if current is not None:
            statement = statement.where(Appointment.id != current.id)
        other = ctx.session.scalars(statement.limit(1)).first()
        if other is not None:
            raise errors.OVERLAPPING_APPOINTMENT.problem(
                f"Person {person_id} already holds appointment {other.id} to this duty "
                f"from {other.appointed_on.isoformat()}"
                + (f" to {other.ended_on.isoformat()}." if other.ended_on else " (still open).")
            )


def filter_in_office(
    statement: Select[Appointment], filters: OfficerAppointmentFilters, ctx: ReadContext
) -> Select[Appointment]:
    if filters.in_office_on is not None:
        day = filters.in_office_on
        statement = statement.where(
            covering(Appointment.appointed_on, Appointment.ended_on, day),
            Appointment.person_id.in_(in_service_on(ctx.enterprise_id, day)),
        )
    return statement


OFFICER_APPOINTMENTS: RecordKind[Appointment] = RecordKind(
    path="officer-appointments",
    resource_type="officer_appointment",
    title="safety officer appointment (安全生产管理人员任命)",
    model=Appointment,
    id_prefix="ofa",
    create_schema=OfficerAppointmentIn,
    patch_schema=OfficerAppointmentPatch,
    out_schema=OfficerAppointmentOut,
    filters_schema=OfficerAppointmentFilters,
    headers={
        "duty": ("职责",),
        "employment": ("专兼职",),
        "department": ("负责部门",),
        "team_id": ("班组编号",),
        "appointed_on": ("任命日期",),
        "ended_on": ("离任日期",),
    },
    computed={"in_office": lambda a, _: in_period(a.appointed_on, a.ended_on, clock.today())},
    check=check,
    filter_by=("person_id", "duty", "employment", "department", "team_id"),
    filter=filter_in_office,
    problems=(errors.OVERLAPPING_APPOINTMENT, errors.UNKNOWN_TEAM),
)
