"""People as a record kind: validation, encryption of the ID number, display and filters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, or_, select

from app.core import clock
from app.core.errors import FieldError, Problem
from app.core.ids import new_id
from app.core.validators import check_resident_id, mask_resident_id
from app.registry import errors
from app.registry.catalog import EmploymentStatus
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.people.dependents import refuse_delete_with_dependents
from app.registry.people.models import Person, PersonExposure, PersonJobChange
from app.registry.people.schemas import (
    PersonFilters,
    PersonIn,
    PersonOut,
    PersonPatch,
)

# Bound into every ciphertext, so one copied into another column does not open.
ID_NUMBER_CONTEXT = "people.id_number"


def _invalid(field: str, message: str, code: str) -> Problem:
    return errors.INVALID_PERSON.problem(
        f"{field}: {message}.",
        errors=[FieldError(field=f"body.{field}", message=message, code=code)],
    )


def _id_number_values(ctx: WriteContext, raw: str, current: Person | None) -> dict[str, Any]:
    check = check_resident_id(raw)
    if not check.ok or check.birth_date is None or check.sex is None:
        raise _invalid(
            "id_number",
            f"not a valid resident ID number ({check.problem})",
            f"id_number_{check.problem}",
        )
    index = ctx.cipher.blind_index(check.number, scope=ctx.enterprise.id)
    duplicate = ctx.session.scalar(
        select(Person.id).where(
            Person.enterprise_id == ctx.enterprise.id,
            Person.id_number_index == index,
            Person.deleted_at.is_(None),
        )
    )
    if duplicate is not None and (current is None or duplicate != current.id):
        raise errors.ID_NUMBER_TAKEN.problem(f"Person {duplicate} already has this ID number.")
    return {
        "id_number_ciphertext": ctx.cipher.seal(check.number, context=ID_NUMBER_CONTEXT),
        "id_number_index": index,
        "id_number_masked": mask_resident_id(check.number),
        "birth_date": check.birth_date,
        "sex": check.sex,
    }


def to_values(ctx: WriteContext, data: Mapping[str, Any], current: Person | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        key: data[key]
        for key in ("name", "department", "position", "hire_date", "leave_date")
        if key in data
    }
    if data.get("id_number") is not None:
        values.update(_id_number_values(ctx, data["id_number"], current))
    for required in ("name", "id_number", "hire_date"):
        if required in data and data[required] is None:
            raise _invalid(required, "cannot be removed", "missing")
    birth: date = values.get("birth_date") or current.birth_date  # type: ignore[union-attr]
    hire: date = values.get("hire_date") or current.hire_date  # type: ignore[union-attr]
    leave: date | None = values.get("leave_date", current.leave_date if current else None)
    if hire <= birth:
        raise _invalid("hire_date", "must be after the birth date in the ID number", "date_order")
    if leave is not None and leave < hire:
        raise _invalid("leave_date", "must not be before the hire date", "date_order")
    if data.get("exposures") is not None:
        values["exposures"] = _exposures(ctx, data["exposures"], birth)
    if data.get("job_changes") is not None:
        values["job_changes"] = _job_changes(ctx, data["job_changes"], hire, leave)
    return values


def _exposures(ctx: WriteContext, items: list[dict[str, Any]], birth: date) -> list[PersonExposure]:
    rows = []
    for position, item in enumerate(items):
        if item["started_on"] < birth:
            raise _invalid(
                f"exposures.{position}.started_on", "before the birth date", "date_order"
            )
        if item.get("ended_on") is not None and item.get("ended_on") < item["started_on"]:
            raise _invalid(f"exposures.{position}.ended_on", "before the start", "date_order")
        rows.append(
            PersonExposure(
                id=new_id("exp"),
                enterprise_id=ctx.enterprise.id,
                factor=str(item["factor"]),
                level=item.get("level"),
                started_on=item["started_on"],
                ended_on=item.get("ended_on"),
            )
        )
    return rows


def _job_changes(
    ctx: WriteContext, items: list[dict[str, Any]], hire: date, leave: date | None
) -> list[PersonJobChange]:
    rows = []
    for position, item in enumerate(items):
        changed = item["changed_on"]
        if changed < hire or (leave is not None and changed > leave):
            raise _invalid(
                f"job_changes.{position}.changed_on",
                "must fall between the hire and leave dates",
                "date_order",
            )
        rows.append(
            PersonJobChange(
                id=new_id("job"),
                enterprise_id=ctx.enterprise.id,
                changed_on=changed,
                department=item.get("department"),
                position=item.get("position"),
            )
        )
    return rows


def status_on(person: Person, day: date) -> EmploymentStatus:
    in_service = person.hire_date <= day and (person.leave_date is None or person.leave_date >= day)
    return EmploymentStatus.IN_SERVICE if in_service else EmploymentStatus.LEFT


def _shown_id_number(person: Person, ctx: ReadContext) -> str:
    if ctx.reveal_personal_data:
        return ctx.cipher.open(person.id_number_ciphertext, context=ID_NUMBER_CONTEXT)
    return person.id_number_masked


def _exposures_shown(person: Person) -> list[dict[str, Any]]:
    return [
        {"factor": e.factor, "level": e.level, "started_on": e.started_on, "ended_on": e.ended_on}
        for e in person.exposures
    ]


def _job_changes_shown(person: Person) -> list[dict[str, Any]]:
    return [
        {"changed_on": j.changed_on, "department": j.department, "position": j.position}
        for j in person.job_changes
    ]


def apply_filters(
    statement: Select[Person], filters: PersonFilters, ctx: ReadContext
) -> Select[Person]:
    if filters.name:
        statement = statement.where(Person.name.contains(filters.name, autoescape=True))
    if filters.id_number:
        number = check_resident_id(filters.id_number).number
        index = ctx.cipher.blind_index(number, scope=ctx.enterprise_id)
        statement = statement.where(Person.id_number_index == index)
    if filters.status is not None:
        today = clock.today()
        left = or_(
            Person.hire_date > today,
            and_(Person.leave_date.is_not(None), Person.leave_date < today),
        )
        statement = statement.where(left if filters.status is EmploymentStatus.LEFT else ~left)
    if filters.exposed_to is not None:
        statement = statement.where(
            Person.exposures.any(PersonExposure.factor == filters.exposed_to.value)
        )
    return statement


PEOPLE: RecordKind[Person] = RecordKind(
    path="people",
    resource_type="person",
    title="person (员工)",
    model=Person,
    id_prefix="per",
    create_schema=PersonIn,
    patch_schema=PersonPatch,
    out_schema=PersonOut,
    filters_schema=PersonFilters,
    headers={
        "name": ("姓名",),
        "id_number": ("身份证号", "身份证号码", "公民身份号码"),
        "department": ("部门",),
        "position": ("岗位", "职务"),
        "hire_date": ("入职日期",),
        "leave_date": ("离职日期",),
    },
    # The ID number is written (encrypted, indexed, masked) by `write`, not as a column.
    fields=("name", "department", "position", "hire_date", "leave_date"),
    computed={
        "id_number": _shown_id_number,
        "status": lambda person, _: status_on(person, clock.today()),
        "exposures": lambda person, _: _exposures_shown(person),
        "job_changes": lambda person, _: _job_changes_shown(person),
    },
    history={
        "id_number": lambda person: person.id_number_masked,
        "exposures": _exposures_shown,
        "job_changes": _job_changes_shown,
    },
    write=to_values,
    filter_by=("department",),
    filter_between={"hired": "hire_date"},
    filter=apply_filters,
    has_personal_data=True,
    check_delete=refuse_delete_with_dependents,
    problems=(errors.ID_NUMBER_TAKEN, errors.INVALID_PERSON),
    delete_problems=(errors.PERSON_HAS_RECORDS,),
)
