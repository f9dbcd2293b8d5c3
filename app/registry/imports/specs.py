"""What each importable kind expects: its columns and a batch validation of all rows.

Validation is set-based: whatever a row must be checked against (existing ID numbers,
sessions, people) is loaded once for the whole file, so 100,000 rows cost a few queries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from pydantic import ValidationError
from sqlalchemy import select

from app.core.ids import new_id
from app.core.validators import check_resident_id, mask_resident_id
from app.registry.imports.parsing import Column
from app.registry.kinds import WriteContext
from app.registry.people.kind import ID_NUMBER_CONTEXT, PEOPLE
from app.registry.people.models import Person, PersonExposure
from app.registry.people.schemas import PersonIn
from app.registry.training.attendances import TRAINING_ATTENDANCES
from app.registry.training.models import TrainingAttendance, TrainingSession


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number: the header is row 1
    column: str | None
    message: str
    code: str


Rows = Sequence[tuple[int, dict[str, str]]]

# How people write "passed" in a spreadsheet.
PASSED_WORDS = {
    "是": True,
    "合格": True,
    "通过": True,
    "true": True,
    "yes": True,
    "1": True,
    "否": False,
    "不合格": False,
    "未通过": False,
    "false": False,
    "no": False,
    "0": False,
}


class ImportSpec(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def resource_type(self) -> str: ...
    @property
    def model(self) -> type[Any]: ...
    @property
    def id_prefix(self) -> str: ...
    @property
    def columns(self) -> tuple[Column, ...]: ...

    def prepare(self, ctx: WriteContext, rows: Rows) -> tuple[list[dict[str, Any]], list[RowError]]:
        """Column values for every valid row (without the common record columns), and the
        problems of the others."""
        ...

    def history(self, values: dict[str, Any]) -> dict[str, Any]:
        """What the record's first history entry shows (never personal data in the clear)."""
        ...

    def children(
        self, values: dict[str, Any], record_id: str, enterprise_id: str
    ) -> tuple[dict[str, Any], list[tuple[type[Any], dict[str, Any]]]]:
        """The record's own columns, and the rows of other tables it brings (a person's
        exposures), complete with their ids."""
        ...


def no_children(
    values: dict[str, Any], record_id: str, enterprise_id: str
) -> tuple[dict[str, Any], list[tuple[type[Any], dict[str, Any]]]]:
    return values, []


class PeopleImport:
    path: str = "people"
    resource_type: str = "person"
    model: type[Any] = Person
    id_prefix: str = "per"
    columns: tuple[Column, ...] = (
        Column("name", PEOPLE.headers["name"], required=True),
        Column("id_number", PEOPLE.headers["id_number"], required=True),
        Column("department", PEOPLE.headers["department"]),
        Column("position", PEOPLE.headers["position"]),
        Column("hire_date", PEOPLE.headers["hire_date"], required=True),
        Column("leave_date", PEOPLE.headers["leave_date"]),
        # One exposure period per factor listed, all with the same level and dates; the
        # start defaults to the hire date. Other periods are added through the API.
        Column("exposure_factors", ("接触危害因素", "职业病危害因素", "危害因素")),
        Column("exposure_level", ("接触水平", "接触强度")),
        Column("exposure_started_on", ("接触开始日期",)),
        Column("exposure_ended_on", ("接触结束日期",)),
    )

    def prepare(self, ctx: WriteContext, rows: Rows) -> tuple[list[dict[str, Any]], list[RowError]]:
        existing = set(
            ctx.session.scalars(
                select(Person.id_number_index).where(
                    Person.enterprise_id == ctx.enterprise.id, Person.deleted_at.is_(None)
                )
            )
        )
        seen: dict[str, int] = {}
        values: list[dict[str, Any]] = []
        errors: list[RowError] = []
        for number, row in rows:
            try:
                person = PersonIn.model_validate(_with_exposures(row))
            except ValidationError as exc:
                errors.extend(_person_errors(number, exc))
                continue
            check = check_resident_id(person.id_number)
            if not check.ok or check.birth_date is None:
                errors.append(
                    RowError(
                        number,
                        "id_number",
                        "not a valid resident ID number",
                        f"id_number_{check.problem}",
                    )
                )
                continue
            index = ctx.cipher.blind_index(check.number, scope=ctx.enterprise.id)
            if index in existing:
                errors.append(
                    RowError(number, "id_number", "already registered", "id_number_taken")
                )
                continue
            if index in seen:
                errors.append(
                    RowError(number, "id_number", f"same as row {seen[index]}", "duplicate_in_file")
                )
                continue
            seen[index] = number
            if person.hire_date <= check.birth_date:
                errors.append(RowError(number, "hire_date", "before the birth date", "date_order"))
                continue
            if person.leave_date is not None and person.leave_date < person.hire_date:
                errors.append(RowError(number, "leave_date", "before the hire date", "date_order"))
                continue
            exposures = [e.model_dump() for e in person.exposures]
            if any(e["started_on"] < check.birth_date for e in exposures):
                errors.append(
                    RowError(number, "exposure_started_on", "before the birth date", "date_order")
                )
                continue
            if any(
                e["ended_on"] is not None and e["ended_on"] < e["started_on"] for e in exposures
            ):
                errors.append(
                    RowError(number, "exposure_ended_on", "before the start", "date_order")
                )
                continue
            values.append(
                {
                    "name": person.name,
                    "id_number_ciphertext": ctx.cipher.seal(
                        check.number, context=ID_NUMBER_CONTEXT
                    ),
                    "id_number_index": index,
                    "id_number_masked": mask_resident_id(check.number),
                    "birth_date": check.birth_date,
                    "sex": check.sex,
                    "department": person.department,
                    "position": person.position,
                    "hire_date": person.hire_date,
                    "leave_date": person.leave_date,
                    "exposures": [{**e, "factor": str(e["factor"])} for e in exposures],
                }
            )
        return values, errors

    def history(self, values: dict[str, Any]) -> dict[str, Any]:
        # The kind's own snapshot, so that history hides what it hides.
        columns = {k: v for k, v in values.items() if k != "exposures"}
        exposures = [PersonExposure(**e) for e in values["exposures"]]
        return PEOPLE.snapshot(Person(**columns, exposures=exposures, job_changes=[]))

    def children(
        self, values: dict[str, Any], record_id: str, enterprise_id: str
    ) -> tuple[dict[str, Any], list[tuple[type[Any], dict[str, Any]]]]:
        columns = {k: v for k, v in values.items() if k != "exposures"}
        exposures = [
            (
                PersonExposure,
                {"id": new_id("exp"), "enterprise_id": enterprise_id, "person_id": record_id, **e},
            )
            for e in values["exposures"]
        ]
        return columns, exposures


_EXPOSURE_CELLS = ("exposure_factors", "exposure_level", "exposure_started_on", "exposure_ended_on")
_FACTOR_SEPARATORS = re.compile(r"[\s,;、，；]+")


def _with_exposures(row: dict[str, str]) -> dict[str, Any]:
    """A row's exposure cells as the create schema's `exposures`: one per factor listed."""
    data: dict[str, Any] = {k: v for k, v in row.items() if k not in _EXPOSURE_CELLS}
    factors = [f for f in _FACTOR_SEPARATORS.split(row.get("exposure_factors", "")) if f]
    period = {
        "level": row.get("exposure_level"),
        "started_on": row.get("exposure_started_on") or row.get("hire_date"),
        "ended_on": row.get("exposure_ended_on"),
    }
    data["exposures"] = [{"factor": factor, **period} for factor in factors]
    return data


def _person_errors(number: int, exc: ValidationError) -> list[RowError]:
    """Errors of `exposures.N.field` are told in the column the file has."""
    errors = pydantic_errors(number, exc)
    for position, error in enumerate(exc.errors()):
        location = error["loc"]
        if location and location[0] == "exposures":
            errors[position] = RowError(
                number,
                f"exposure_{location[-1]}".replace("_factor", "_factors"),
                error["msg"],
                error["type"],
            )
    return errors


class AttendanceImport:
    path: str = "training-attendances"
    resource_type: str = "training_attendance"
    model: type[Any] = TrainingAttendance
    id_prefix: str = "att"
    columns: tuple[Column, ...] = (
        Column("session_id", ("培训编号", "培训记录编号"), required=True),
        Column("id_number", ("身份证号", "身份证号码", "公民身份号码")),
        Column("person_id", ("人员编号",)),
        Column("hours", ("学时",), required=True),
        Column("passed", ("是否合格", "考核结果"), required=True),
    )

    def prepare(self, ctx: WriteContext, rows: Rows) -> tuple[list[dict[str, Any]], list[RowError]]:
        session_ids = {row.get("session_id", "") for _, row in rows}
        sessions = {
            s.id: s
            for s in ctx.session.scalars(
                select(TrainingSession).where(
                    TrainingSession.enterprise_id == ctx.enterprise.id,
                    TrainingSession.id.in_(session_ids),
                    TrainingSession.deleted_at.is_(None),
                )
            )
        }
        people = ctx.session.execute(
            select(Person.id, Person.id_number_index, Person.hire_date, Person.leave_date).where(
                Person.enterprise_id == ctx.enterprise.id, Person.deleted_at.is_(None)
            )
        ).all()
        by_index = {p.id_number_index: p for p in people}
        by_id = {p.id: p for p in people}
        taken: set[tuple[str, str]] = {
            (session_id, person_id)
            for session_id, person_id in ctx.session.execute(
                select(TrainingAttendance.session_id, TrainingAttendance.person_id).where(
                    TrainingAttendance.enterprise_id == ctx.enterprise.id,
                    TrainingAttendance.session_id.in_(sessions),
                    TrainingAttendance.deleted_at.is_(None),
                )
            )
        }
        values: list[dict[str, Any]] = []
        errors: list[RowError] = []
        for number, row in rows:
            session = sessions.get(row.get("session_id", ""))
            if session is None:
                errors.append(
                    RowError(number, "session_id", "no such training session", "unknown_session")
                )
                continue
            person = None
            # The ID number first, as for every kind: an export names people by both, and its
            # person ids are those of the enterprise it came from.
            if row.get("id_number"):
                number_text = check_resident_id(row["id_number"]).number
                person = by_index.get(ctx.cipher.blind_index(number_text, scope=ctx.enterprise.id))
            elif row.get("person_id"):
                person = by_id.get(row["person_id"])
            if person is None:
                errors.append(
                    RowError(
                        number, "id_number", "no such person in this enterprise", "unknown_person"
                    )
                )
                continue
            if person.hire_date > session.ended_on or (
                person.leave_date is not None and person.leave_date < session.started_on
            ):
                errors.append(
                    RowError(number, "id_number", "not employed during the session", "not_employed")
                )
                continue
            try:
                hours = Decimal(row["hours"])
            except (InvalidOperation, KeyError):
                errors.append(RowError(number, "hours", "not a number", "invalid_number"))
                continue
            if not hours.is_finite() or hours <= 0 or hours > session.hours:
                errors.append(
                    RowError(
                        number,
                        "hours",
                        f"must be above 0 and at most the session's {session.hours}",
                        "hours_range",
                    )
                )
                continue
            passed = PASSED_WORDS.get(row.get("passed", "").strip().lower())
            if passed is None:
                errors.append(
                    RowError(number, "passed", "expected 是/否 (yes/no)", "invalid_boolean")
                )
                continue
            pair = (session.id, person.id)
            if pair in taken:
                errors.append(
                    RowError(number, "id_number", "already recorded for this session", "duplicate")
                )
                continue
            taken.add(pair)
            values.append(
                {
                    "session_id": session.id,
                    "person_id": person.id,
                    "hours": hours.quantize(Decimal("0.1")),
                    "passed": passed,
                }
            )
        return values, errors

    def history(self, values: dict[str, Any]) -> dict[str, Any]:
        return TRAINING_ATTENDANCES.snapshot(TrainingAttendance(**values))

    children = staticmethod(no_children)


def pydantic_errors(number: int, exc: ValidationError) -> list[RowError]:
    return [
        RowError(
            number, str(error["loc"][0]) if error["loc"] else None, error["msg"], error["type"]
        )
        for error in exc.errors()
    ]
