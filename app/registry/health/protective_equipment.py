"""Protective equipment issued (劳动防护用品发放, 安全生产法 art. 45, 河南省安全生产条例
art. 18) as a record kind: one item to one person against one or more factors.

The replacement period is kept as months from the issue day, not as a last valid day: an
enterprise's equipment standard (配备标准) and its issue ledger state each item's period
(使用期限) in months, so the ledger's figure is entered as written and the due day follows
from it however the issue day is corrected (decision 135).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select

from app.core import clock
from app.core.calendar import add_months
from app.registry.health import factors
from app.registry.health.models import ProtectiveEquipmentIssue
from app.registry.health.schemas import (
    ProtectiveEquipmentIssueFilters,
    ProtectiveEquipmentIssueIn,
    ProtectiveEquipmentIssueOut,
    ProtectiveEquipmentIssuePatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.people.models import Person
from app.registry.references import invalid, require_person

Issue = ProtectiveEquipmentIssue


def replace_by(issued_on: date, months: int) -> date:
    """The day an item falls due for replacement (it counts up to and including it)."""
    return add_months(issued_on, months)


def prepare(ctx: WriteContext, data: dict[str, Any], current: Issue | None) -> dict[str, Any]:
    if data.get("factors") is not None:
        data["factors"] = factors.encode(data["factors"])
    return data


def check(
    ctx: WriteContext, data: Mapping[str, Any], state: Mapping[str, Any], current: Issue | None
) -> None:
    issued_on: date = state["issued_on"]
    if issued_on > clock.today():
        raise invalid("issued_on", "must not be in the future", "in_future")
    if "person_id" in data:
        person = require_person(ctx, state["person_id"], "person_id")
    elif "issued_on" in data and current is not None:
        # The same person as before, even if deleted since: their dates still hold.
        person = ctx.session.get_one(Person, current.person_id)
    else:
        return
    if issued_on < person.birth_date:
        raise invalid("issued_on", "must not be before the person's birth date", "date_order")
    if person.leave_date is not None and issued_on > person.leave_date:
        raise invalid("issued_on", "must not be after the person's leave date", "date_order")


def filter_factor(
    statement: Select[Issue], filters: ProtectiveEquipmentIssueFilters, _: ReadContext
) -> Select[Issue]:
    if filters.factor is not None:
        statement = statement.where(factors.covers(Issue.factors, filters.factor))
    return statement


PROTECTIVE_EQUIPMENT_ISSUES: RecordKind[Issue] = RecordKind(
    path="protective-equipment-issues",
    resource_type="protective_equipment_issue",
    title="protective equipment issued (劳动防护用品发放)",
    model=Issue,
    id_prefix="ppe",
    create_schema=ProtectiveEquipmentIssueIn,
    patch_schema=ProtectiveEquipmentIssuePatch,
    out_schema=ProtectiveEquipmentIssueOut,
    filters_schema=ProtectiveEquipmentIssueFilters,
    headers={
        "factors": ("危害因素", "职业病危害因素"),
        "item": ("防护用品", "品名"),
        "issued_on": ("发放日期",),
        "replacement_months": ("更换周期（月）", "使用期限（月）"),
        "free_of_charge": ("是否免费",),
        "notes": ("备注",),
    },
    computed={
        "factors": lambda issue, _: factors.decode(issue.factors),
        "replace_by": lambda issue, _: replace_by(issue.issued_on, issue.replacement_months),
    },
    history={"factors": lambda issue: issue.factors.split()},
    prepare=prepare,
    check=check,
    filter_by=("person_id", "free_of_charge"),
    filter_between={"issued": "issued_on"},
    filter=filter_factor,
)
