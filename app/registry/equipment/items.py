"""Special equipment (特种设备) as a record kind: use registration and periodic inspection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.registry import errors
from app.registry.certificates.common import not_in_future
from app.registry.equipment.models import SpecialEquipment
from app.registry.equipment.schemas import (
    SpecialEquipmentFilters,
    SpecialEquipmentIn,
    SpecialEquipmentOut,
    SpecialEquipmentPatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.references import invalid
from app.registry.writes import blame, living_duplicate

Equipment = SpecialEquipment
# Days that are events in the item's life: none may follow its retirement.
_EVENTS = ("registered_on", "last_inspected_on", "inspection_requested_on")


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Equipment | None,
) -> None:
    not_in_future("put_into_use_on", state["put_into_use_on"])
    for field in _EVENTS:
        if state[field] is not None:
            not_in_future(field, state[field])
    # Registration may come before use (art. 33: 投入使用前或者投入使用后三十日内), so its
    # day is not ordered against put_into_use_on; whether it was late is for the rules.
    # A registration is a day and a certificate number together, like a filing.
    if state["registered_on"] is not None and state["registration_number"] is None:
        raise invalid("registration_number", "required once the item is registered", "missing")
    if state["registered_on"] is None and state["registration_number"] is not None:
        raise invalid(
            "registered_on", "a registration number needs the day of registration", "missing"
        )
    last, due = state["last_inspected_on"], state["next_inspection_due"]
    if last is not None and due is not None and due <= last:
        raise invalid(
            blame(data, "next_inspection_due", "last_inspected_on"),
            "must be after the last inspection",
            "date_order",
        )
    _refuse_after_retirement(data, state)
    if "registration_number" in data and state["registration_number"] is not None:
        _refuse_duplicate(ctx, state["registration_number"], current)


def _refuse_after_retirement(data: Mapping[str, Any], state: Mapping[str, Any]) -> None:
    retired = state["retired_on"]
    if retired is None:
        return
    if retired < state["put_into_use_on"]:
        raise invalid(
            blame(data, "retired_on", "put_into_use_on"),
            "must not be before the item was put into use",
            "date_order",
        )
    not_in_future("retired_on", retired)
    for field in _EVENTS:
        if state[field] is not None and state[field] > retired:
            raise invalid(
                blame(data, field, "retired_on"),
                "must not be after the item was taken out of use",
                "date_order",
            )


def _refuse_duplicate(ctx: WriteContext, number: str, current: Equipment | None) -> None:
    duplicate = living_duplicate(ctx, Equipment, current, registration_number=number)
    if duplicate is not None:
        raise errors.DUPLICATE_CERTIFICATE.problem(
            f"Special equipment {duplicate} already has the registration number {number}."
        )


def filter_states(
    statement: Select[Equipment], filters: SpecialEquipmentFilters, _: ReadContext
) -> Select[Equipment]:
    if filters.registered is not None:
        column = Equipment.registered_on
        statement = statement.where(column.is_not(None) if filters.registered else column.is_(None))
    if filters.retired is not None:
        column = Equipment.retired_on
        statement = statement.where(column.is_not(None) if filters.retired else column.is_(None))
    return statement


SPECIAL_EQUIPMENT: RecordKind[Equipment] = RecordKind(
    path="special-equipment",
    resource_type="special_equipment",
    title="special equipment (特种设备)",
    model=Equipment,
    id_prefix="seq",
    create_schema=SpecialEquipmentIn,
    patch_schema=SpecialEquipmentPatch,
    out_schema=SpecialEquipmentOut,
    filters_schema=SpecialEquipmentFilters,
    headers={
        "category": ("设备种类", "设备类别"),
        "name": ("设备名称",),
        "model": ("型号", "规格型号"),
        "serial_number": ("出厂编号", "产品编号"),
        "registration_number": ("使用登记证编号",),
        "put_into_use_on": ("投入使用日期",),
        "registered_on": ("使用登记日期", "登记日期"),
        "last_inspected_on": ("检验日期", "最近检验日期"),
        "next_inspection_due": ("下次检验日期",),
        "inspection_requested_on": ("定期检验申请日期", "报检日期"),
        "retired_on": ("停用日期", "报废日期"),
        "notes": ("备注",),
    },
    computed={"registered": lambda item, _: item.registered_on is not None},
    check=check,
    filter_by=("category",),
    filter_between={"put_into_use": "put_into_use_on", "inspection_due": "next_inspection_due"},
    filter=filter_states,
    problems=(errors.DUPLICATE_CERTIFICATE,),
)
