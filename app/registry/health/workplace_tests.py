"""Workplace hazard tests (职业病危害因素检测、评价, 职业病防治法 art. 26) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.core import clock
from app.registry.health import factors
from app.registry.health.models import WorkplaceHazardTest
from app.registry.health.schemas import (
    WorkplaceHazardTestFilters,
    WorkplaceHazardTestIn,
    WorkplaceHazardTestOut,
    WorkplaceHazardTestPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid


def prepare(
    ctx: WriteContext, data: dict[str, Any], current: WorkplaceHazardTest | None
) -> dict[str, Any]:
    if data.get("factors") is not None:
        data["factors"] = factors.encode(data["factors"])
    return data


def check(ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], _: object) -> None:
    # A test is a fact once done: one dated ahead would count before it happened.
    if "tested_on" in data and state["tested_on"] > clock.today():
        raise invalid("tested_on", "must not be in the future", "in_future")


def filter_factor(
    statement: Select[WorkplaceHazardTest], filters: WorkplaceHazardTestFilters, _: ReadContext
) -> Select[WorkplaceHazardTest]:
    if filters.factor is not None:
        statement = statement.where(factors.covers(WorkplaceHazardTest.factors, filters.factor))
    return statement


WORKPLACE_HAZARD_TESTS: RecordKind[WorkplaceHazardTest] = RecordKind(
    path="workplace-hazard-tests",
    resource_type="workplace_hazard_test",
    title="workplace hazard detection or evaluation (职业病危害因素检测、评价)",
    model=WorkplaceHazardTest,
    id_prefix="wht",
    create_schema=WorkplaceHazardTestIn,
    patch_schema=WorkplaceHazardTestPatch,
    out_schema=WorkplaceHazardTestOut,
    filters_schema=WorkplaceHazardTestFilters,
    headers={
        "tested_on": ("检测日期", "评价日期"),
        "test_type": ("类别", "检测评价类别"),
        "factors": ("危害因素", "职业病危害因素"),
        "organisation": ("技术服务机构", "检测机构"),
        "exceeded_limits": ("是否超标",),
        "report_number": ("报告编号",),
        "notes": ("备注",),
    },
    computed={"factors": lambda test, _: factors.decode(test.factors)},
    history={"factors": lambda test: test.factors.split()},
    prepare=prepare,
    check=check,
    filter_by=("test_type", "exceeded_limits"),
    filter_between={"tested": "tested_on"},
    filter=filter_factor,
)
