"""Request and response shapes for safety commitments and monthly risk analyses."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.input import RecordInput, patch_of

RiskCount = Annotated[int, Field(ge=0, le=100_000), JSON_INTEGER]

Item = Annotated[str, StringConstraints(min_length=1, max_length=500), NOT_BLANK, TRIMMED]
Items = Annotated[list[Item], Field(min_length=1, max_length=50)]
PersonId = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]
Summary = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]
MONTH_PATTERN = r"^[12][0-9]{3}-(0[1-9]|1[0-2])$"
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
# Bodies only: strict, so that a JSON `true` is not the year 1.
Year = Annotated[
    int, Field(ge=2014, description="From 2014 (the seed) to next year."), JSON_INTEGER
]


class SafetyCommitmentIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "year": 2026,
                    "items": [
                        "严格遵守安全生产法律法规，落实全员安全生产责任制",
                        "每月开展安全风险分析，隐患整改做到五到位",
                        "从业人员全部经安全培训合格后上岗",
                    ],
                    "signed_by_person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "signed_on": "2026-01-08",
                }
            ]
        }
    )

    year: Year
    items: Items = Field(description="The commitments, 1 to 50 texts.")
    signed_by_person_id: PersonId | None = Field(
        default=None, description="Who signed (the principal person); with `signed_on`."
    )
    signed_on: Day | None = Field(
        default=None, description="Between 1 October of the year before and 31 December."
    )
    published_on: Day | None = Field(
        default=None, description="Not before signing; usually set by the publish action."
    )


SafetyCommitmentPatch = patch_of(SafetyCommitmentIn)


class SafetyCommitmentOut(BaseModel):
    id: str
    year: int
    items: list[str]
    signed_by_person_id: str | None
    signed_on: date | None
    published_on: date | None
    version: int
    created_at: datetime
    updated_at: datetime


class SafetyCommitmentFilters(BaseModel):
    year: int | None = Field(default=None, ge=2014, le=9999)
    signed: bool | None = None
    published: bool | None = None


class RiskAnalysisIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "month": "2026-10",
                    "conducted_on": "2026-11-03",
                    "risks_identified": 4,
                    "summary": "10月份安全生产形势分析：辨识较大风险4项，均已落实管控措施。",
                }
            ]
        }
    )

    month: Month = Field(description="The month analysed, `YYYY-MM`; one analysis per month.")
    conducted_on: Day = Field(description="In that month or the next; not in the future.")
    risks_identified: RiskCount
    summary: Summary


RiskAnalysisPatch = patch_of(RiskAnalysisIn)


class RiskAnalysisOut(BaseModel):
    id: str
    month: str
    conducted_on: date
    risks_identified: int
    summary: str
    version: int
    created_at: datetime
    updated_at: datetime


class RiskAnalysisFilters(BaseModel):
    month_from: Month | None = None
    month_to: Month | None = None
