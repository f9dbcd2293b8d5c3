"""Registered safety engineers' registrations (注册安全工程师注册证书) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, select

from app.core import clock
from app.core.validators import CodeProblem, check_uscc, normalize_code
from app.enterprises.models import Enterprise
from app.law.engineers import REGISTRATION_VALIDITY_YEARS
from app.law.reading import in_force, judged_on
from app.registry import errors
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.personal_data import mask_embedded_id
from app.registry.references import invalid, require_person
from app.registry.staffing.common import (
    covering,
    in_period,
    overlapping,
    touches,
)
from app.registry.staffing.models import RegisteredEngineer
from app.registry.staffing.schemas import (
    RegisteredEngineerFilters,
    RegisteredEngineerIn,
    RegisteredEngineerOut,
    RegisteredEngineerPatch,
)
from app.registry.writes import blame

Registration = RegisteredEngineer
CREDIT_CODE_PROBLEMS = {
    CodeProblem.MALFORMED: "not 18 characters of the credit-code alphabet",
    CodeProblem.ORGANIZATION_CODE_MISMATCH: "the embedded organization code fails its check",
    CodeProblem.CHECK_CHARACTER_MISMATCH: "the check character (position 18) is wrong",
}


def longest_registration(valid_from: date) -> int:
    """The registration period in force on the registration's first day (dated law)."""
    parameter = REGISTRATION_VALIDITY_YEARS
    return in_force(parameter, judged_on(parameter, valid_from))


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February (no day gained)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def prepare(
    ctx: WriteContext, data: dict[str, Any], current: Registration | None
) -> dict[str, Any]:
    if "employer_credit_code" in data or current is None:
        data["employer_credit_code"] = _employer(ctx, data.get("employer_credit_code"))
    return data


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Registration | None,
) -> None:
    if "person_id" in data:
        require_person(ctx, state["person_id"], "person_id")
    start, end = state["valid_from"], state["valid_to"]
    if end <= start:
        raise invalid(
            blame(data, "valid_to", "valid_from"), "must be after valid_from", "date_order"
        )
    years = longest_registration(start)
    if end > add_years(start, years):
        raise invalid(
            blame(data, "valid_to", "valid_from"),
            f"a registration starting {start.isoformat()} is valid at most {years} years",
            "validity_too_long",
        )
    if "registration_number" in data:
        _refuse_duplicate_number(ctx, state["registration_number"], current)
    if touches(data, "person_id", "valid_from", "valid_to"):
        _refuse_overlap(ctx, state["person_id"], start, end, current)


def _employer(ctx: WriteContext, raw: str | None) -> str:
    """The credit code the registration names, normalized; this enterprise's by default."""
    if raw is None:
        own = ctx.session.scalar(
            select(Enterprise.credit_code).where(Enterprise.id == ctx.enterprise.id)
        )
        if own is None:
            raise invalid("employer_credit_code", "required: no profile to take it from", "missing")
        return own
    check = check_uscc(raw)
    if check.problem is not None:
        raise invalid(
            "employer_credit_code",
            CREDIT_CODE_PROBLEMS[check.problem],
            f"credit_code_{check.problem.value}",
        )
    return check.code


def _refuse_duplicate_number(ctx: WriteContext, number: str, current: Registration | None) -> None:
    statement = select(Registration.id).where(
        Registration.enterprise_id == ctx.enterprise.id,
        Registration.deleted_at.is_(None),
        Registration.registration_number == number,
    )
    if current is not None:
        statement = statement.where(Registration.id != current.id)
    duplicate = ctx.session.scalar(statement.limit(1))
    if duplicate is not None:
        raise errors.DUPLICATE_REGISTRATION_NUMBER.problem(
            f"Registration {duplicate} already has this registration number."
        )


def _refuse_overlap(
    ctx: WriteContext, person_id: str, start: date, end: date, current: Registration | None
) -> None:
    # A registration names one specialty and one employer: a person holds one at a time.
    statement = select(Registration).where(
        Registration.enterprise_id == ctx.enterprise.id,
        Registration.deleted_at.is_(None),
        Registration.person_id == person_id,
        overlapping(Registration.valid_from, Registration.valid_to, start, end),
    )
    if current is not None:
        statement = statement.where(Registration.id != current.id)
    other = ctx.session.scalars(statement.limit(1)).first()
    if other is not None:
        raise errors.OVERLAPPING_REGISTRATION.problem(
            f"Person {person_id} is already registered from {other.valid_from.isoformat()} "
            f"to {other.valid_to.isoformat()} (registration {other.id})."
        )


def filter_code_and_validity(
    statement: Select[Registration], filters: RegisteredEngineerFilters, _: ReadContext
) -> Select[Registration]:
    if filters.employer_credit_code is not None:
        code = normalize_code(filters.employer_credit_code)
        statement = statement.where(Registration.employer_credit_code == code)
    if filters.valid_on is not None:
        statement = statement.where(
            covering(Registration.valid_from, Registration.valid_to, filters.valid_on)
        )
    if filters.expires_before is not None:
        statement = statement.where(Registration.valid_to < filters.expires_before)
    return statement


REGISTERED_ENGINEERS: RecordKind[Registration] = RecordKind(
    path="registered-engineers",
    resource_type="registered_engineer",
    title="registered safety engineer (注册安全工程师)",
    model=Registration,
    id_prefix="rse",
    create_schema=RegisteredEngineerIn,
    patch_schema=RegisteredEngineerPatch,
    out_schema=RegisteredEngineerOut,
    filters_schema=RegisteredEngineerFilters,
    headers={
        "registration_number": ("注册证书编号",),
        "level": ("级别",),
        "specialty": ("专业类别",),
        "employer_credit_code": ("聘用单位统一社会信用代码", "统一社会信用代码"),
        "valid_from": ("注册有效期起",),
        "valid_to": ("注册有效期至",),
    },
    computed={"valid": lambda r, _: in_period(r.valid_from, r.valid_to, clock.today())},
    personal={"registration_number": mask_embedded_id},
    prepare=prepare,
    check=check,
    filter_by=("person_id", "level", "specialty"),
    filter=filter_code_and_validity,
    problems=(errors.DUPLICATE_REGISTRATION_NUMBER, errors.OVERLAPPING_REGISTRATION),
)
