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
from app.identity.errors import MISSING_CAPABILITY
from app.identity.roles import Capability
from app.registry.catalog import ExamKind
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

# Kinds tied to a post with hazards: they examine for named factors. An emergency exam may
# follow an exposure to something not in the catalogue.
_NEEDS_FACTORS = (ExamKind.PRE_JOB, ExamKind.PERIODIC, ExamKind.EXIT)


def may_see_conclusions(ctx: ReadContext) -> bool:
    return ctx.principal.can(Capability.HEALTH_READ)


def prepare(ctx: WriteContext, data: dict[str, Any], current: HealthExam | None) -> dict[str, Any]:
    if data.get("factors") is not None:
        data["factors"] = factors.encode(data["factors"])
    return data


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: HealthExam | None,
) -> None:
    kind = ExamKind(state["kind"])
    if kind in _NEEDS_FACTORS and not state["factors"]:
        field = "factors" if "factors" in data or current is None else "kind"
        raise invalid(field, f"a {kind.value} exam names at least one factor", "factors_required")
    _check_date(ctx, data, state, current)


def _check_date(
    ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], current: HealthExam | None
) -> None:
    examined_on: date = state["examined_on"]
    if examined_on > clock.today():
        raise invalid("examined_on", "must not be in the future", "in_future")
    if "person_id" in data:
        person = require_person(ctx, state["person_id"], "person_id")
    elif "examined_on" in data and current is not None:
        # The same person as before, even if deleted since: their dates still hold.
        person = ctx.session.get_one(Person, current.person_id)
    else:
        return
    if examined_on < person.birth_date:
        raise invalid("examined_on", "must not be before the person's birth date", "date_order")
    if person.leave_date is not None and examined_on > person.leave_date:
        raise invalid("examined_on", "must not be after the person's leave date", "date_order")


def filter_conclusion_and_factor(
    statement: Select[HealthExam], filters: HealthExamFilters, ctx: ReadContext
) -> Select[HealthExam]:
    if filters.conclusion is not None:
        # Which exams match would disclose their conclusions.
        if not may_see_conclusions(ctx):
            raise MISSING_CAPABILITY.problem(
                "Filtering by conclusion needs the health:read permission."
            )
        statement = statement.where(HealthExam.conclusion == filters.conclusion.value)
    if filters.factor is not None:
        statement = statement.where(factors.covers(HealthExam.factors, filters.factor))
    return statement


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
    headers={
        "kind": ("检查类别", "检查类型"),
        "examined_on": ("检查日期",),
        "factors": ("危害因素", "职业病危害因素"),
        "institution": ("检查机构",),
        "report_number": ("报告编号",),
        "conclusion": ("检查结论", "结论"),
    },
    computed={
        "factors": lambda exam, _: factors.decode(exam.factors),
        "conclusion": lambda exam, ctx: exam.conclusion if may_see_conclusions(ctx) else None,
        "conclusion_hidden": lambda _, ctx: not may_see_conclusions(ctx),
    },
    history={"factors": lambda exam: exam.factors.split()},
    not_in_history=("conclusion",),
    prepare=prepare,
    check=check,
    filter_by=("person_id", "kind"),
    filter_between={"examined": "examined_on"},
    filter=filter_conclusion_and_factor,
    sensitive_read=lambda ctx: "health_data_read" if may_see_conclusions(ctx) else None,
)
