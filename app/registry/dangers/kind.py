"""Hidden dangers as a record kind: validation of the five fields and of dates, display, filters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.core import clock
from app.registry.catalog import DangerStatus
from app.registry.dangers.models import HiddenDanger
from app.registry.dangers.schemas import (
    HiddenDangerFilters,
    HiddenDangerIn,
    HiddenDangerOut,
    HiddenDangerPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid, require_person

# The five remediation fields of article 20 (五到位), in the seed's order.
FIVE_FIELDS = ("measures", "responsible_person_id", "funds", "deadline", "contingency_plan")
UNRESOLVED = (DangerStatus.OPEN.value, DangerStatus.FIXING.value)
_EDITABLE = ("found_on", "description", "location", "level", *FIVE_FIELDS)


def missing_fields(danger: HiddenDanger) -> list[str]:
    return [name for name in FIVE_FIELDS if getattr(danger, name) in (None, "")]


def to_values(
    ctx: WriteContext, data: Mapping[str, Any], current: HiddenDanger | None
) -> dict[str, Any]:
    if current is not None and current.status == DangerStatus.VERIFIED.value:
        raise invalid("status", "a verified hidden danger is closed and cannot change", "closed")
    values = {key: data[key] for key in _EDITABLE if key in data}
    for required in ("found_on", "description", "level"):
        if required in data and data[required] is None:
            raise invalid(required, "cannot be removed", "missing")
    if "level" in values:
        values["level"] = str(values["level"])
    found_on = values.get("found_on", current.found_on if current else None)
    if found_on is not None and found_on > clock.today():
        raise invalid("found_on", "cannot be in the future", "date_order")
    deadline = values.get("deadline", current.deadline if current else None)
    if deadline is not None and found_on is not None and deadline < found_on:
        raise invalid("deadline", "must not be before the day the danger was found", "date_order")
    if values.get("responsible_person_id") is not None:
        require_person(ctx, values["responsible_person_id"], "responsible_person_id")
    if current is None:
        values["status"] = DangerStatus.OPEN.value
    return values


def to_out(danger: HiddenDanger, ctx: ReadContext) -> HiddenDangerOut:
    values = {
        name: getattr(danger, name)
        for name in HiddenDangerOut.model_fields
        if name != "missing_fields"
    }
    return HiddenDangerOut(**values, missing_fields=missing_fields(danger))


def apply_filters(
    statement: Select[HiddenDanger], filters: HiddenDangerFilters, ctx: ReadContext
) -> Select[HiddenDanger]:
    for column, value in (
        (HiddenDanger.level, filters.level),
        (HiddenDanger.status, filters.status),
    ):
        if value is not None:
            statement = statement.where(column == value.value)
    if filters.unresolved is not None:
        unresolved = HiddenDanger.status.in_(UNRESOLVED)
        statement = statement.where(unresolved if filters.unresolved else ~unresolved)
    if filters.responsible_person_id is not None:
        statement = statement.where(
            HiddenDanger.responsible_person_id == filters.responsible_person_id
        )
    if filters.found_from is not None:
        statement = statement.where(HiddenDanger.found_on >= filters.found_from)
    if filters.found_to is not None:
        statement = statement.where(HiddenDanger.found_on <= filters.found_to)
    if filters.deadline_before is not None:
        statement = statement.where(HiddenDanger.deadline < filters.deadline_before)
    return statement


def snapshot(danger: HiddenDanger) -> dict[str, Any]:
    names = (
        *_EDITABLE,
        "status",
        "fixed_on",
        "verified_on",
        "verifier_person_id",
        "external_verifier",
        "reported_at",
    )
    state = {name: getattr(danger, name) for name in names}
    state["deleted"] = danger.deleted_at is not None
    return state


HIDDEN_DANGERS: RecordKind[HiddenDanger] = RecordKind(
    path="hidden-dangers",
    resource_type="hidden_danger",
    title="hidden danger (隐患)",
    model=HiddenDanger,
    id_prefix="hdg",
    create_schema=HiddenDangerIn,
    patch_schema=HiddenDangerPatch,
    out_schema=HiddenDangerOut,
    filters_schema=HiddenDangerFilters,
    to_values=to_values,
    to_out=to_out,
    apply_filters=apply_filters,
    snapshot=snapshot,
)
