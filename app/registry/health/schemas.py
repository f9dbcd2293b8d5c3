"""Request and response shapes for hazard declarations and health exams."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import ExamConclusion, ExamKind, HazardFactor
from app.registry.input import RecordInput, patch_of

Headcount = Annotated[int, Field(ge=0, le=1_000_000), JSON_INTEGER]

Authority = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
Institution = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
Number = Annotated[str, StringConstraints(min_length=1, max_length=60), NOT_BLANK, TRIMMED]
PersonId = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]
# A factor named twice is kept once; the bound is the catalogue's size.
Factors = Annotated[list[HazardFactor], Field(max_length=len(HazardFactor))]


class HazardDeclarationIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "declared_on": "2026-03-16",
                    "factors": ["noise", "dust"],
                    "exposed_headcount": 42,
                    "authority": "郑州市惠济区卫生健康委员会",
                    "receipt_number": "HJ-ZYB-2026-0137",
                }
            ]
        }
    )

    declared_on: Day = Field(description="Day filed with the authority; not in the future.")
    factors: Factors = Field(min_length=1, description="The factors declared.")
    exposed_headcount: Headcount = Field(description="People exposed.")
    authority: Authority | None = None
    receipt_number: Number | None = Field(default=None, description="申报回执编号")


HazardDeclarationPatch = patch_of(HazardDeclarationIn)


class HazardDeclarationOut(BaseModel):
    id: str
    declared_on: date
    factors: list[HazardFactor]
    exposed_headcount: int
    authority: str | None
    receipt_number: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class HazardDeclarationFilters(BaseModel):
    factor: HazardFactor | None = Field(default=None, description="Declares this factor.")
    declared_from: Day | None = None
    declared_to: Day | None = None


class HealthExamIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "kind": "periodic",
                    "examined_on": "2026-05-12",
                    "factors": ["noise"],
                    "institution": "郑州市职业病防治院",
                    "report_number": "ZJ-2026-05-0318",
                    "conclusion": "normal",
                }
            ]
        }
    )

    person_id: PersonId
    kind: ExamKind
    examined_on: Day = Field(
        description="Not before the person's birth, not after their leave date, not in the future."
    )
    factors: Factors = Field(
        default_factory=list,
        description="The factors examined for; at least one except for an emergency exam.",
    )
    institution: Institution | None = None
    report_number: Number | None = None
    conclusion: ExamConclusion = Field(
        description="Sensitive: entered by editors, shown only to holders of `health:read`."
    )


HealthExamPatch = patch_of(HealthExamIn)


class HealthExamOut(BaseModel):
    id: str
    person_id: str
    kind: ExamKind
    examined_on: date
    factors: list[HazardFactor]
    institution: str | None
    report_number: str | None
    conclusion: ExamConclusion | None = Field(
        description="Null for callers without `health:read`; `conclusion_hidden` then says so."
    )
    conclusion_hidden: bool = Field(description="True when the conclusion was withheld.")
    version: int
    created_at: datetime
    updated_at: datetime


class HealthExamFilters(BaseModel):
    person_id: PersonId | None = None
    kind: ExamKind | None = None
    factor: HazardFactor | None = Field(default=None, description="Examined for this factor.")
    examined_from: Day | None = None
    examined_to: Day | None = None
    conclusion: ExamConclusion | None = Field(default=None, description="Needs `health:read`.")
