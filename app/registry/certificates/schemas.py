"""Request and response shapes for special-operation and standardization certificates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
)

from app.core.dates import Day, RecordDay
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.law.special_operations import all_codes
from app.registry.input import RecordInput, patch_of

CATEGORY_CODES = all_codes()


def _known_category(code: str) -> str:
    if code not in CATEGORY_CODES:
        raise ValueError("not a special-operation category code of any catalogue")
    return code


Category = Annotated[
    str,
    StringConstraints(max_length=10),
    TRIMMED,
    AfterValidator(_known_category),
    Field(
        description=(
            "Catalogue code (特种作业目录), e.g. `1.2` low-voltage electrical work: any code "
            "of any catalogue; a certificate's must be in the catalogue in force on its issue "
            "date (`not_in_catalogue`)."
        ),
        json_schema_extra={"enum": list(CATEGORY_CODES)},
    ),
]
# Upper-cased so that `t4101…` and `T4101…` are recognised as the same certificate.
CertificateNumber = Annotated[
    str, StringConstraints(to_upper=True, min_length=1, max_length=60), NOT_BLANK, TRIMMED
]
RecordRef = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]
Authority = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]


class SpecialOperationCertificateIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "category": "1.2",
                    "certificate_number": "T4101082022041800123",
                    "issued_on": "2022-04-18",
                    "expires_on": "2028-04-17",
                    "last_review_on": "2025-04-10",
                    "review_applied_on": "2025-03-01",
                    "six_year_review": False,
                }
            ]
        }
    )

    person_id: RecordRef
    category: Category
    certificate_number: CertificateNumber
    issued_on: Day
    expires_on: RecordDay = Field(
        description="At most the validity in force on the issue date after issue (6 years)."
    )
    last_review_on: Day | None = Field(
        default=None, description="复审: after issue, not in the future, not after expiry."
    )
    review_applied_on: Day | None = Field(
        default=None,
        description=(
            "The latest application for review (复审申请): after issue, not in the future, not "
            "after expiry. Later than `last_review_on` (or with none) the review is pending; "
            "on or before it, it is the application that review answered."
        ),
    )
    six_year_review: StrictBool = Field(
        default=False,
        description="The issuing authority consented to reviews every 6 years instead of 3.",
    )


SpecialOperationCertificatePatch = patch_of(SpecialOperationCertificateIn)


class SpecialOperationCertificateOut(BaseModel):
    id: str
    person_id: str
    category: str
    category_name: str
    certificate_number: str
    issued_on: date
    expires_on: date
    last_review_on: date | None
    review_applied_on: date | None
    six_year_review: bool
    next_review_due: date = Field(
        description=(
            "The review interval in force on the issue date (3 years; 6 with consent) after "
            "issue or the last review, capped at expiry."
        )
    )
    version: int
    created_at: datetime
    updated_at: datetime


class SpecialOperationCertificateFilters(BaseModel):
    person_id: RecordRef | None = None
    category: Category | None = None
    expires_before: Day | None = Field(default=None, description="Expires strictly before.")
    expires_after: Day | None = Field(default=None, description="Expires strictly after.")
    review_due_before: Day | None = Field(
        default=None, description="`next_review_due` strictly before this date."
    )


class OperationAssignmentIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "category": "1.2",
                    "started_on": "2022-05-01",
                    "ended_on": None,
                }
            ]
        }
    )

    person_id: RecordRef
    category: Category
    started_on: RecordDay = Field(description="Within the person's employment.")
    ended_on: RecordDay | None = Field(default=None, description="Open while still assigned.")


OperationAssignmentPatch = patch_of(OperationAssignmentIn)


class OperationAssignmentOut(BaseModel):
    id: str
    person_id: str
    category: str
    category_name: str
    started_on: date
    ended_on: date | None
    version: int
    created_at: datetime
    updated_at: datetime


class OperationAssignmentFilters(BaseModel):
    person_id: RecordRef | None = None
    category: Category | None = None
    active_on: Day | None = Field(default=None, description="Assigned on this date.")


Grade = Annotated[int, Field(ge=1, le=3, description="1, 2 or 3 (一级, 二级, 三级).")]


class StandardizationCertificateIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "grade": 3,
                    "certificate_number": "豫AQBJXIII202400123",
                    "issuing_authority": "郑州市应急管理局",
                    "issued_on": "2024-09-20",
                    "expires_on": "2027-09-19",
                }
            ]
        }
    )

    grade: Annotated[Grade, JSON_INTEGER]
    certificate_number: CertificateNumber
    issuing_authority: Authority | None = None
    issued_on: Day
    expires_on: RecordDay = Field(description="At most 3 years after issue.")


StandardizationCertificatePatch = patch_of(StandardizationCertificateIn)


class StandardizationCertificateOut(BaseModel):
    id: str
    grade: int
    certificate_number: str
    issuing_authority: str | None
    issued_on: date
    expires_on: date
    version: int
    created_at: datetime
    updated_at: datetime


class StandardizationCertificateFilters(BaseModel):
    grade: Grade | None = None
    expires_before: Day | None = Field(default=None, description="Expires strictly before.")
    expires_after: Day | None = Field(default=None, description="Expires strictly after.")
    valid_on: Day | None = Field(
        default=None, description="Issued on or before, expiring on or after."
    )
