"""Special-equipment operators' certificates (特种设备作业人员证, art. 14) as a record kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from app.core import clock
from app.registry import errors
from app.registry.certificates.common import not_in_future
from app.registry.equipment.models import EquipmentOperatorCertificate
from app.registry.equipment.schemas import (
    EquipmentOperatorCertificateFilters,
    EquipmentOperatorCertificateIn,
    EquipmentOperatorCertificateOut,
    EquipmentOperatorCertificatePatch,
)
from app.registry.kinds import ReadContext, RecordKind, WriteContext
from app.registry.personal_data import mask_embedded_id
from app.registry.references import invalid, require_person
from app.registry.staffing.common import covering, in_period
from app.registry.writes import blame, living_duplicate

Certificate = EquipmentOperatorCertificate


def check(
    ctx: WriteContext,
    data: Mapping[str, Any],
    state: Mapping[str, Any],
    current: Certificate | None,
) -> None:
    if "person_id" in data:
        require_person(ctx, state["person_id"], "person_id")
    issued, valid_to = state["issued_on"], state["valid_to"]
    not_in_future("issued_on", issued)
    # Usually 4 years; the length is not checked (no primary text here fixes it).
    if valid_to <= issued:
        raise invalid(
            blame(data, "valid_to", "issued_on"), "must be after the issue date", "date_order"
        )
    if "category" in data or "certificate_number" in data:
        category, number = state["category"], state["certificate_number"]
        duplicate = living_duplicate(
            ctx, Certificate, current, category=category, certificate_number=number
        )
        if duplicate is not None:
            raise errors.DUPLICATE_CERTIFICATE.problem(
                f"Certificate {duplicate} already has category {category} and this number."
            )


def filter_valid_on(
    statement: Select[Certificate], filters: EquipmentOperatorCertificateFilters, _: ReadContext
) -> Select[Certificate]:
    if filters.valid_on is not None:
        statement = statement.where(
            covering(Certificate.issued_on, Certificate.valid_to, filters.valid_on)
        )
    return statement


EQUIPMENT_OPERATOR_CERTIFICATES: RecordKind[Certificate] = RecordKind(
    path="equipment-operator-certificates",
    resource_type="equipment_operator_certificate",
    title="special-equipment operator certificate (特种设备作业人员证)",
    model=Certificate,
    id_prefix="eoc",
    create_schema=EquipmentOperatorCertificateIn,
    patch_schema=EquipmentOperatorCertificatePatch,
    out_schema=EquipmentOperatorCertificateOut,
    filters_schema=EquipmentOperatorCertificateFilters,
    headers={
        "category": ("设备种类", "作业种类"),
        "certificate_number": ("证书编号", "证号"),
        "issued_on": ("发证日期",),
        "valid_to": ("有效期至",),
        "notes": ("备注",),
    },
    computed={"valid": lambda c, _: in_period(c.issued_on, c.valid_to, clock.today())},
    # Usually the holder's ID number: never in the clear in history or audit.
    personal={"certificate_number": mask_embedded_id},
    check=check,
    filter_by=("person_id", "category"),
    filter_between={"issued": "issued_on", "expires": "valid_to"},
    filter=filter_valid_on,
    problems=(errors.DUPLICATE_CERTIFICATE,),
)
