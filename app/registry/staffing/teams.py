"""Teams (班组) as a record kind: the seed's art. 17 asks for a safety officer in each; the
officer appointments name the team they serve."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.core import clock
from app.core.errors import FieldError
from app.registry import errors
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.people.models import Person, PersonJobChange
from app.registry.references import invalid
from app.registry.staffing.common import (
    covering,
    end_not_before_start,
    in_period,
    overlapping,
    touches,
)
from app.registry.staffing.models import OfficerAppointment, Team
from app.registry.staffing.schemas import TeamFilters, TeamIn, TeamOut, TeamPatch
from app.registry.writes import blame


def require_team(ctx: WriteContext, team_id: str, field: str = "team_id") -> Team:
    """The living team `team_id` of the enterprise being written, or 422 naming `field`."""
    # Locked until the transaction ends, so that the team cannot be deleted (or dissolved
    # earlier) between this check and the appointment naming it: those take the same lock.
    team = ctx.session.scalar(
        select(Team)
        .where(
            Team.id == team_id,
            Team.enterprise_id == ctx.enterprise.id,
            Team.deleted_at.is_(None),
        )
        .with_for_update()
    )
    if team is None:
        raise errors.UNKNOWN_TEAM.problem(
            f"{field}: no team {team_id} in this enterprise.",
            errors=[FieldError(field=f"body.{field}", message="unknown team", code="unknown_team")],
        )
    return team


def lock(session: Session, team_id: str) -> None:
    """Take the row lock an appointment's check takes on its team (PostgreSQL; SQLite has
    one writer at a time anyway)."""
    session.execute(select(Team.id).where(Team.id == team_id).with_for_update())


def _department_recorded(ctx: WriteContext, department: str) -> bool:
    """The enterprise records `department` on one of its living people, now or in a change
    of post: departments are labels, so this is what a reference to one can check (a name
    only another enterprise uses is unknown here)."""
    people = select(Person.id).where(
        Person.enterprise_id == ctx.enterprise.id, Person.deleted_at.is_(None)
    )
    found = ctx.session.scalar(
        select(Person.id)
        .where(
            Person.enterprise_id == ctx.enterprise.id,
            Person.deleted_at.is_(None),
            Person.department == department,
        )
        .limit(1)
    ) or ctx.session.scalar(
        select(PersonJobChange.id)
        .where(
            PersonJobChange.enterprise_id == ctx.enterprise.id,
            PersonJobChange.department == department,
            PersonJobChange.person_id.in_(people),
        )
        .limit(1)
    )
    return found is not None


def check(
    ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], current: Team | None
) -> None:
    start, end = state["established_on"], state["dissolved_on"]
    end_not_before_start(data, start, end, "established_on", "dissolved_on")
    department = state["department"]
    if (
        "department" in data
        and department is not None
        and not _department_recorded(ctx, department)
    ):
        raise invalid(
            "department",
            "no person of this enterprise is recorded in this department",
            "unknown_department",
        )
    if touches(data, "name", "department", "established_on", "dissolved_on"):
        # One team recorded twice would be counted twice by the team-staff rule: staffed
        # under one record, unstaffed under the other.
        statement = select(Team).where(
            Team.enterprise_id == ctx.enterprise.id,
            Team.deleted_at.is_(None),
            Team.name == state["name"],
            Team.department.is_(None) if department is None else Team.department == department,
            overlapping(Team.established_on, Team.dissolved_on, start, end),
        )
        if current is not None:
            statement = statement.where(Team.id != current.id)
        other = ctx.session.scalars(statement.limit(1)).first()
        if other is not None:
            raise errors.TEAM_OVERLAP.problem(
                f"Team {other.id} of this name and department exists from "
                f"{other.established_on.isoformat()}"
                + (f" to {other.dissolved_on.isoformat()}." if other.dissolved_on else ".")
            )
    if current is not None and end is not None and "dissolved_on" in data:
        _appointments_still_fit(ctx, current, end)


def _appointments_still_fit(ctx: WriteContext, team: Team, dissolved_on: Any) -> None:
    """An earlier dissolution must leave every appointment naming the team starting while
    it existed."""
    lock(ctx.session, team.id)  # no appointment may be added between this check and the update
    late = ctx.session.scalar(
        select(OfficerAppointment.id)
        .where(
            OfficerAppointment.enterprise_id == ctx.enterprise.id,
            OfficerAppointment.team_id == team.id,
            OfficerAppointment.deleted_at.is_(None),
            OfficerAppointment.appointed_on > dissolved_on,
        )
        .limit(1)
    )
    if late is not None:
        raise invalid(
            "dissolved_on",
            f"appointment {late} to this team starts after",
            "appointment_after_dissolution",
        )


def check_delete(ctx: WriteContext, target: Team) -> None:
    """A team named by living appointments cannot be deleted: they would serve nothing, and
    the team's staffing would vanish from the rules unnoticed."""
    lock(ctx.session, target.id)  # as a new appointment locks the team before checking it
    count = ctx.session.scalar(
        select(func.count()).where(
            OfficerAppointment.enterprise_id == target.enterprise_id,
            OfficerAppointment.team_id == target.id,
            OfficerAppointment.deleted_at.is_(None),
        )
    )
    if count:
        raise errors.TEAM_HAS_OFFICERS.problem(
            f"Team {target.id} is still named by {count} officer appointment(s); change or "
            "delete those first, or record the team's dissolution (dissolved_on) instead."
        )


def check_appointment_team(
    ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any]
) -> None:
    """An officer appointment's team: living, of this enterprise, and not dissolved before
    the appointment starts."""
    team_id = state.get("team_id")
    if team_id is None or not touches(data, "team_id", "appointed_on"):
        return
    team = require_team(ctx, team_id)
    if team.dissolved_on is not None and state["appointed_on"] > team.dissolved_on:
        raise invalid(
            blame(data, "appointed_on", "team_id"),
            f"after the team was dissolved ({team.dissolved_on.isoformat()})",
            "after_team_dissolved",
        )


def filter_active(statement: Select[Team], filters: TeamFilters, _: ReadContext) -> Select[Team]:
    if filters.active_on is not None:
        statement = statement.where(
            covering(Team.established_on, Team.dissolved_on, filters.active_on)
        )
    return statement


TEAMS: RecordKind[Team] = RecordKind(
    path="teams",
    resource_type="team",
    title="team (班组)",
    model=Team,
    id_prefix="tem",
    create_schema=TeamIn,
    patch_schema=TeamPatch,
    out_schema=TeamOut,
    filters_schema=TeamFilters,
    headers={
        "name": ("班组名称", "班组"),
        "department": ("所属部门", "所属车间", "部门"),
        "established_on": ("成立日期",),
        "dissolved_on": ("撤销日期",),
        "notes": ("备注",),
    },
    computed={
        "active": lambda team, _: in_period(team.established_on, team.dissolved_on, clock.today())
    },
    check=check,
    filter_by=("name", "department"),
    filter_between={"established": "established_on"},
    filter=filter_active,
    problems=(errors.TEAM_OVERLAP,),
    check_delete=check_delete,
    delete_problems=(errors.TEAM_HAS_OFFICERS,),
)
