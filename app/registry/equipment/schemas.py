"""Request and response shapes for special equipment and its operators' certificates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import EquipmentCategory
from app.registry.input import RecordInput, patch_of

Name = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
Label = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
Notes = Annotated[str, StringConstraints(min_length=1, max_length=2000), NOT_BLANK, TRIMMED]
RecordRef = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]
# Upper-cased so that `abc123` and `ABC123` are recognised as the same number.
Number = Annotated[
    str, StringConstraints(to_upper=True, min_length=1, max_length=60), NOT_BLANK, TRIMMED
]
MASKED = "An ID number inside it is masked unless personal data is revealed."


class SpecialEquipmentIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "category": "lifting_machinery",
                    "name": "桥式起重机",
                    "model": "QD10t-22.5m",
                    "serial_number": "2023-QZ-0417",
                    "registration_number": "起17豫A01234(23)",
                    "put_into_use_on": "2023-05-08",
                    "registered_on": "2023-05-26",
                    "last_inspected_on": "2025-05-10",
                    "next_inspection_due": "2027-05-09",
                    "inspection_requested_on": None,
                    "retired_on": None,
                    "notes": "一车间",
                }
            ]
        }
    )

    category: EquipmentCategory = Field(description="The eight categories of art. 2.")
    name: Name = Field(description="设备名称")
    model: Label | None = Field(default=None, description="型号")
    serial_number: Label = Field(description="出厂编号")
    registration_number: Number | None = Field(
        default=None,
        description="使用登记证编号, with `registered_on`; unique among the enterprise's items.",
    )
    put_into_use_on: Day = Field(description="投入使用: not in the future.")
    registered_on: Day | None = Field(
        default=None,
        description=(
            "使用登记 (art. 33: before or within 30 days of being put into use), with "
            "`registration_number`; not in the future."
        ),
    )
    last_inspected_on: Day | None = Field(
        default=None, description="The latest periodic inspection (定期检验); not in the future."
    )
    next_inspection_due: RecordDay | None = Field(
        default=None,
        description="When the current inspection runs out (下次检验日期); after the last one.",
    )
    inspection_requested_on: Day | None = Field(
        default=None,
        description=(
            "The latest request for periodic inspection (art. 40: a month before it falls "
            "due); not in the future. A late one is recorded as made."
        ),
    )
    retired_on: Day | None = Field(
        default=None,
        description="Taken out of use (停用、报废): after use began, not in the future.",
    )
    notes: Notes | None = None


SpecialEquipmentPatch = patch_of(SpecialEquipmentIn)


class SpecialEquipmentOut(BaseModel):
    id: str
    category: EquipmentCategory
    name: str
    model: str | None
    serial_number: str
    registration_number: str | None
    put_into_use_on: date
    registered_on: date | None
    last_inspected_on: date | None
    next_inspection_due: date | None
    inspection_requested_on: date | None
    retired_on: date | None
    notes: str | None
    registered: bool = Field(description="Registered for use (使用登记).")
    version: int
    created_at: datetime
    updated_at: datetime


class SpecialEquipmentFilters(BaseModel):
    category: EquipmentCategory | None = None
    registered: bool | None = None
    retired: bool | None = Field(default=None, description="Taken out of use (any day).")
    put_into_use_from: Day | None = None
    put_into_use_to: Day | None = None
    inspection_due_from: Day | None = Field(
        default=None, description="next_inspection_due on or after."
    )
    inspection_due_to: Day | None = Field(
        default=None, description="next_inspection_due on or before."
    )


class EquipmentOperatorCertificateIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "category": "lifting_machinery",
                    "certificate_number": "TS-Q2-4101082022",
                    "issued_on": "2022-07-01",
                    "valid_to": "2026-06-30",
                    "notes": "Q2 桥式起重机司机",
                }
            ]
        }
    )

    person_id: RecordRef
    category: EquipmentCategory = Field(description="The category of equipment it qualifies for.")
    certificate_number: Number = Field(
        description="Unique with the category among the enterprise's certificates; often the "
        "holder's ID number."
    )
    issued_on: Day = Field(description="Not in the future.")
    valid_to: RecordDay = Field(description="Last valid day (usually 4 years), after issued_on.")
    notes: Notes | None = None


EquipmentOperatorCertificatePatch = patch_of(EquipmentOperatorCertificateIn)


class EquipmentOperatorCertificateOut(BaseModel):
    id: str
    person_id: str
    category: EquipmentCategory
    certificate_number: str = Field(description=MASKED)
    issued_on: date
    valid_to: date
    notes: str | None
    valid: bool = Field(description="Valid today.")
    version: int
    created_at: datetime
    updated_at: datetime


class EquipmentOperatorCertificateFilters(BaseModel):
    person_id: RecordRef | None = None
    category: EquipmentCategory | None = None
    issued_from: Day | None = None
    issued_to: Day | None = None
    expires_from: Day | None = Field(default=None, description="valid_to on or after.")
    expires_to: Day | None = Field(default=None, description="valid_to on or before.")
    valid_on: Day | None = Field(default=None, description="issued_on ≤ date ≤ valid_to.")
