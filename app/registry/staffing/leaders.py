"""Leader appointments (主要负责人, deputies in charge) as a record kind: one principal at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select

from app.core import clock
from app.registry import errors
from app.registry.catalog import LeaderPosition
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
from app.registry.staffing.models import LeaderAppointment
from app.registry.staffing.schemas import (
    LeaderAppointmentFilters,
    LeaderAppointmentIn,
    LeaderAppointmentOut,
    LeaderAppointmentPatch,
)

Appointment = LeaderAppointment


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Appointment | None,
) -> None:
    person_id, start, end = state["person_id"], state["took_office_on"], state["left_office_on"]
    end_not_before_start(data, start, end, "took_office_on", "left_office_on")
    if touches(data, "person_id", "took_office_on", "left_office_on"):
        person = require_person(ctx, person_id, "person_id")
        within_employment(data, person, start, end, "took_office_on", "left_office_on")
    if touches(data, "person_id", "position", "took_office_on", "left_office_on"):
        _refuse_overlap(ctx, state, current)


def _refuse_overlap(
    ctx: WriteContext, state: Mapping[str, Any], current: Appointment | None
) -> None:
    start, end = state["took_office_on"], state["left_office_on"]
    principal = state["position"] == LeaderPosition.PRINCIPAL.value
    statement = select(Appointment).where(
        Appointment.enterprise_id == ctx.enterprise.id,
        Appointment.deleted_at.is_(None),
        Appointment.position == state["position"],
        overlapping(Appointment.took_office_on, Appointment.left_office_on, start, end),
    )
    # Rule 18.1 asks about *the* principal in post on a date: there is one at a time.
    # Deputies may be several, but not the same person twice over.
    if not principal:
        statement = statement.where(Appointment.person_id == state["person_id"])
    if current is not None:
        statement = statement.where(Appointment.id != current.id)
    other = ctx.session.scalars(statement.limit(1)).first()
    if other is None:
        return
    period = f"from {other.took_office_on.isoformat()}" + (
        f" to {other.left_office_on.isoformat()}" if other.left_office_on else " (still open)"
    )
    if principal:
        raise errors.PRINCIPAL_OVERLAP.problem(
            f"Person {other.person_id} is the principal {period} (appointment {other.id}); "
            "there is one principal at a time: end that appointment first."
        )
    raise errors.OVERLAPPING_APPOINTMENT.problem(
        f"Person {other.person_id} already holds appointment {other.id} {period}."
    )


def filter_in_office(
    statement: Select[Appointment], filters: LeaderAppointmentFilters, ctx: ReadContext
) -> Select[Appointment]:
    if filters.in_office_on is not None:
        day = filters.in_office_on
        statement = statement.where(
            covering(Appointment.took_office_on, Appointment.left_office_on, day),
            Appointment.person_id.in_(in_service_on(ctx.enterprise_id, day)),
        )
    return statement


LEADER_APPOINTMENTS: RecordKind[Appointment] = RecordKind(
    path="leader-appointments",
    resource_type="leader_appointment",
    title="leader appointment (主要负责人、分管负责人任职)",
    model=Appointment,
    id_prefix="lda",
    create_schema=LeaderAppointmentIn,
    patch_schema=LeaderAppointmentPatch,
    out_schema=LeaderAppointmentOut,
    filters_schema=LeaderAppointmentFilters,
    headers={
        "position": ("职务",),
        "took_office_on": ("任职日期",),
        "left_office_on": ("离任日期",),
    },
    computed={
        "in_office": lambda a, _: in_period(a.took_office_on, a.left_office_on, clock.today())
    },
    check=check,
    filter_by=("person_id", "position"),
    filter=filter_in_office,
    problems=(errors.OVERLAPPING_APPOINTMENT, errors.PRINCIPAL_OVERLAP),
)
