"""Occupational health exams (职业健康检查) as a record kind; the conclusion is sensitive.

Conclusions are health data (DESIGN §9): responses carry them only for holders of
`health:read`, filtering by them needs it too, and history and audit never hold them, since
both are readable without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select

from app.core import clock
from app.core.errors import Forbidden
from app.identity.roles import Capability
from app.registry.catalog import ExamConclusion, ExamKind
from app.registry.health import factors
from app.registry.health.models import HealthExam
from app.registry.health.schemas import (
    HealthExamFilters,
    HealthExamIn,
    HealthExamOut,
    HealthExamPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.people.models import Person
from app.registry.references import invalid, require_person

_FIELDS = (
    "person_id",
    "kind",
    "examined_on",
    "factors",
    "institution",
    "report_number",
    "conclusion",
)
_REQUIRED = ("person_id", "kind", "examined_on", "factors", "conclusion")
# Kinds tied to a post with hazards: they examine for named factors. An emergency exam may
# follow an exposure to something not in the catalogue.
_NEEDS_FACTORS = (ExamKind.PRE_JOB, ExamKind.PERIODIC, ExamKind.EXIT)


def may_see_conclusions(ctx: ReadContext) -> bool:
    return ctx.principal.can(Capability.HEALTH_READ)


def _was(current: HealthExam | None, name: str) -> Any:
    """A stored value, for a PATCH that leaves it alone (creates send every required field)."""
    return getattr(current, name)


def _check_date(ctx: WriteContext, values: Mapping[str, Any], current: HealthExam | None) -> None:
    examined_on: date = (
        values["examined_on"] if "examined_on" in values else _was(current, "examined_on")
    )
    if examined_on > clock.today():
        raise invalid("examined_on", "must not be in the future", "in_future")
    if "person_id" in values:
        person = require_person(ctx, values["person_id"], "person_id")
    elif "examined_on" in values and current is not None:
        # The same person as before, even if deleted since: their dates still hold.
        person = ctx.session.get_one(Person, current.person_id)
    else:
        return
    if examined_on < person.birth_date:
        raise invalid("examined_on", "must not be before the person's birth date", "date_order")
    if person.leave_date is not None and examined_on > person.leave_date:
        raise invalid("examined_on", "must not be after the person's leave date", "date_order")


def to_values(
    ctx: WriteContext, data: Mapping[str, Any], current: HealthExam | None
) -> dict[str, Any]:
    for name in _REQUIRED:
        if name in data and data[name] is None:
            raise invalid(name, "cannot be removed", "missing")
    values = {name: data[name] for name in _FIELDS if name in data}
    kind = ExamKind(values["kind"] if "kind" in values else _was(current, "kind"))
    listed = factors.encode(values["factors"]) if "factors" in values else _was(current, "factors")
    if kind in _NEEDS_FACTORS and not listed:
        field = "factors" if "factors" in values or current is None else "kind"
        raise invalid(field, f"a {kind.value} exam names at least one factor", "factors_required")
    _check_date(ctx, values, current)
    if "factors" in values:
        values["factors"] = listed
    for name in ("kind", "conclusion"):
        if name in values:
            values[name] = str(values[name])
    return values


def to_out(exam: HealthExam, ctx: ReadContext) -> HealthExamOut:
    shown = may_see_conclusions(ctx)
    return HealthExamOut(
        id=exam.id,
        person_id=exam.person_id,
        kind=ExamKind(exam.kind),
        examined_on=exam.examined_on,
        factors=factors.decode(exam.factors),
        institution=exam.institution,
        report_number=exam.report_number,
        conclusion=ExamConclusion(exam.conclusion) if shown else None,
        conclusion_hidden=not shown,
        version=exam.version,
        created_at=exam.created_at,
        updated_at=exam.updated_at,
    )


def apply_filters(
    statement: Select[HealthExam], filters: HealthExamFilters, ctx: ReadContext
) -> Select[HealthExam]:
    if filters.conclusion is not None:
        # Which exams match would disclose their conclusions.
        if not may_see_conclusions(ctx):
            raise Forbidden(
                "Filtering by conclusion needs the health:read permission.",
                code="missing_capability",
            )
        statement = statement.where(HealthExam.conclusion == filters.conclusion.value)
    if filters.person_id is not None:
        statement = statement.where(HealthExam.person_id == filters.person_id)
    if filters.kind is not None:
        statement = statement.where(HealthExam.kind == filters.kind.value)
    if filters.factor is not None:
        statement = statement.where(factors.covers(HealthExam.factors, filters.factor))
    if filters.examined_from is not None:
        statement = statement.where(HealthExam.examined_on >= filters.examined_from)
    if filters.examined_to is not None:
        statement = statement.where(HealthExam.examined_on <= filters.examined_to)
    return statement


def snapshot(exam: HealthExam) -> dict[str, Any]:
    state = {name: getattr(exam, name) for name in _FIELDS if name != "conclusion"}
    state["factors"] = exam.factors.split()
    state["deleted"] = exam.deleted_at is not None
    return state


HEALTH_EXAMS: RecordKind[HealthExam] = RecordKind(
    path="health-exams",
    resource_type="health_exam",
    title="occupational health exam (职业健康检查)",
    model=HealthExam,
    id_prefix="hex",
    create_schema=HealthExamIn,
    patch_schema=HealthExamPatch,
    out_schema=HealthExamOut,
    filters_schema=HealthExamFilters,
    to_values=to_values,
    to_out=to_out,
    apply_filters=apply_filters,
    snapshot=snapshot,
    sensitive_read=lambda ctx: "health_data_read" if may_see_conclusions(ctx) else None,
)
