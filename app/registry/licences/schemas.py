"""Request and response shapes for safety production licences."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import LicenceScope
from app.registry.input import RecordInput, patch_of

# As printed, e.g. （豫）WH安许证字〔2024〕000123; upper-cased so `ab` and `AB` are one number.
LicenceNumber = Annotated[
    str, StringConstraints(to_upper=True, min_length=1, max_length=100), NOT_BLANK, TRIMMED
]
Authority = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
Notes = Annotated[str, StringConstraints(min_length=1, max_length=2000), NOT_BLANK, TRIMMED]


class SafetyLicenceIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "licence_number": "（豫）WH安许证字〔2024〕000123",
                    "scope": "hazardous_chemicals",
                    "issuing_authority": "河南省应急管理厅",
                    "issued_on": "2024-03-18",
                    "valid_to": "2027-03-17",
                    "renewal_applied_on": None,
                    "revoked_on": None,
                    "notes": "许可范围：甲醇 3 万吨/年",
                }
            ]
        }
    )

    licence_number: LicenceNumber = Field(description="Unique among the enterprise's licences.")
    scope: LicenceScope = Field(description="The enterprises of art. 2 the licence is for.")
    issuing_authority: Authority
    issued_on: Day = Field(description="Not in the future.")
    valid_to: RecordDay = Field(
        description=(
            "Last valid day, after issued_on. Valid 3 years (art. 9); an extension moves it, "
            "so the length is not checked."
        )
    )
    renewal_applied_on: Day | None = Field(
        default=None,
        description=(
            "The latest application for extension (延期申请; due 3 months before expiry, "
            "art. 9): after issue, not in the future; a late one is recorded as made."
        ),
    )
    revoked_on: Day | None = Field(
        default=None,
        description="Revoked or withdrawn (吊销、注销): within the validity, not in the future.",
    )
    notes: Notes | None = None


SafetyLicencePatch = patch_of(SafetyLicenceIn)


class SafetyLicenceOut(BaseModel):
    id: str
    licence_number: str
    scope: LicenceScope
    issuing_authority: str
    issued_on: date
    valid_to: date
    renewal_applied_on: date | None
    revoked_on: date | None
    notes: str | None
    valid: bool = Field(description="In force today: issued, not expired, not revoked.")
    version: int
    created_at: datetime
    updated_at: datetime


class SafetyLicenceFilters(BaseModel):
    scope: LicenceScope | None = None
    issued_from: Day | None = None
    issued_to: Day | None = None
    expires_from: Day | None = Field(default=None, description="valid_to on or after.")
    expires_to: Day | None = Field(default=None, description="valid_to on or before.")
    valid_on: Day | None = Field(
        default=None, description="Issued on or before, not expired and not revoked by then."
    )
