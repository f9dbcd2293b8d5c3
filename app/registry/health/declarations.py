"""Occupational hazard declarations (职业病危害项目申报) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.core import clock
from app.registry.health import factors
from app.registry.health.models import HazardDeclaration
from app.registry.health.schemas import (
    HazardDeclarationFilters,
    HazardDeclarationIn,
    HazardDeclarationOut,
    HazardDeclarationPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid


def prepare(
    ctx: WriteContext, data: dict[str, Any], current: HazardDeclaration | None
) -> dict[str, Any]:
    if data.get("factors") is not None:
        data["factors"] = factors.encode(data["factors"])
    return data


def check(ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], _: object) -> None:
    if "declared_on" in data and state["declared_on"] > clock.today():
        raise invalid("declared_on", "must not be in the future", "in_future")


def filter_factor(
    statement: Select[HazardDeclaration], filters: HazardDeclarationFilters, _: ReadContext
) -> Select[HazardDeclaration]:
    if filters.factor is not None:
        statement = statement.where(factors.covers(HazardDeclaration.factors, filters.factor))
    return statement


HAZARD_DECLARATIONS: RecordKind[HazardDeclaration] = RecordKind(
    path="hazard-declarations",
    resource_type="hazard_declaration",
    title="occupational hazard declaration (职业病危害项目申报)",
    model=HazardDeclaration,
    id_prefix="hzd",
    create_schema=HazardDeclarationIn,
    patch_schema=HazardDeclarationPatch,
    out_schema=HazardDeclarationOut,
    filters_schema=HazardDeclarationFilters,
    headers={
        "declared_on": ("申报日期",),
        "factors": ("危害因素", "职业病危害因素"),
        "exposed_headcount": ("接触人数",),
        "authority": ("申报机关",),
        "receipt_number": ("申报回执编号",),
    },
    computed={"factors": lambda declaration, _: factors.decode(declaration.factors)},
    history={"factors": lambda declaration: declaration.factors.split()},
    prepare=prepare,
    check=check,
    filter_between={"declared": "declared_on"},
    filter=filter_factor,
)
