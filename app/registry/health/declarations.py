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

_FIELDS = ("declared_on", "factors", "exposed_headcount", "authority", "receipt_number")
_REQUIRED = ("declared_on", "factors", "exposed_headcount")


def to_values(
    ctx: WriteContext, data: Mapping[str, Any], current: HazardDeclaration | None
) -> dict[str, Any]:
    for name in _REQUIRED:
        if name in data and data[name] is None:
            raise invalid(name, "cannot be removed", "missing")
    values = {name: data[name] for name in _FIELDS if name in data}
    if "declared_on" in values and values["declared_on"] > clock.today():
        raise invalid("declared_on", "must not be in the future", "in_future")
    if "factors" in values:
        values["factors"] = factors.encode(values["factors"])
    return values


def to_out(declaration: HazardDeclaration, ctx: ReadContext) -> HazardDeclarationOut:
    return HazardDeclarationOut(
        id=declaration.id,
        declared_on=declaration.declared_on,
        factors=factors.decode(declaration.factors),
        exposed_headcount=declaration.exposed_headcount,
        authority=declaration.authority,
        receipt_number=declaration.receipt_number,
        version=declaration.version,
        created_at=declaration.created_at,
        updated_at=declaration.updated_at,
    )


def apply_filters(
    statement: Select[HazardDeclaration], filters: HazardDeclarationFilters, ctx: ReadContext
) -> Select[HazardDeclaration]:
    if filters.factor is not None:
        statement = statement.where(factors.covers(HazardDeclaration.factors, filters.factor))
    if filters.declared_from is not None:
        statement = statement.where(HazardDeclaration.declared_on >= filters.declared_from)
    if filters.declared_to is not None:
        statement = statement.where(HazardDeclaration.declared_on <= filters.declared_to)
    return statement


def snapshot(declaration: HazardDeclaration) -> dict[str, Any]:
    state = {name: getattr(declaration, name) for name in _FIELDS}
    state["factors"] = declaration.factors.split()
    state["deleted"] = declaration.deleted_at is not None
    return state


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
    to_values=to_values,
    to_out=to_out,
    apply_filters=apply_filters,
    snapshot=snapshot,
)
