"""Hidden dangers as a record kind: validation of the five fields and of dates, display, filters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

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


def missing_fields(danger: HiddenDanger) -> list[str]:
    return [name for name in FIVE_FIELDS if getattr(danger, name) in (None, "")]


def refuse_closed(
    ctx: WriteContext, data: dict[str, Any], current: HiddenDanger | None
) -> dict[str, Any]:
    if current is not None and current.status == DangerStatus.VERIFIED.value:
        raise invalid("status", "a verified hidden danger is closed and cannot change", "closed")
    if current is None:
        data["status"] = DangerStatus.OPEN.value
    return data


def check(ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], _: object) -> None:
    found_on, deadline = state["found_on"], state["deadline"]
    if found_on is not None and found_on > clock.today():
        raise invalid("found_on", "cannot be in the future", "date_order")
    if deadline is not None and found_on is not None and deadline < found_on:
        raise invalid("deadline", "must not be before the day the danger was found", "date_order")
    if data.get("responsible_person_id") is not None:
        require_person(ctx, data["responsible_person_id"], "responsible_person_id")


def filter_unresolved_and_deadline(
    statement: Select[HiddenDanger], filters: HiddenDangerFilters, _: ReadContext
) -> Select[HiddenDanger]:
    if filters.unresolved is not None:
        unresolved = HiddenDanger.status.in_(UNRESOLVED)
        statement = statement.where(unresolved if filters.unresolved else ~unresolved)
    if filters.deadline_before is not None:
        statement = statement.where(HiddenDanger.deadline < filters.deadline_before)
    return statement


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
    headers={
        "found_on": ("发现日期",),
        "description": ("隐患描述", "隐患内容"),
        "location": ("隐患部位", "位置"),
        "level": ("隐患级别",),
        "measures": ("整改措施",),
        "responsible_person_id": ("整改责任人",),
        "funds": ("整改资金",),
        "deadline": ("整改时限",),
        "contingency_plan": ("应急预案",),
    },
    action_fields=(
        "status",
        "fixed_on",
        "verified_on",
        "verifier_person_id",
        "external_verifier",
        "reported_at",
    ),
    computed={"missing_fields": lambda danger, _: missing_fields(danger)},
    prepare=refuse_closed,
    check=check,
    filter_by=("level", "status", "responsible_person_id"),
    filter_between={"found": "found_on"},
    filter=filter_unresolved_and_deadline,
)


def to_out(danger: HiddenDanger, ctx: ReadContext) -> HiddenDangerOut:
    """A danger as the kind's routes show it, for the routes of its actions (fix, verify …)."""
    return cast(HiddenDangerOut, HIDDEN_DANGERS.to_out(danger, ctx))
