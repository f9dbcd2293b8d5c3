"""Request and response shapes for major hazard sources."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.input import RecordInput, patch_of

Name = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
Location = Annotated[str, StringConstraints(min_length=1, max_length=300), NOT_BLANK, TRIMMED]
Authority = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
Number = Annotated[str, StringConstraints(min_length=1, max_length=60), NOT_BLANK, TRIMMED]
Grade = Annotated[int, Field(ge=1, le=4, description="一级 (most dangerous) to 四级.")]


class MajorHazardSourceIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "液氨储罐区",
                    "grade": 3,
                    "location": "厂区东北角",
                    "identified_on": "2025-09-01",
                    "filed_on": "2025-09-20",
                    "filing_number": "郑惠危备〔2025〕012号",
                    "authority": "郑州市惠济区应急管理局",
                }
            ]
        }
    )

    name: Name
    grade: Annotated[Grade, JSON_INTEGER]
    location: Location | None = None
    identified_on: Day = Field(description="Day identified (辨识); not in the future.")
    filed_on: Day | None = Field(
        default=None, description="Day filed (备案) with the regulator; needs `filing_number`."
    )
    filing_number: Number | None = Field(default=None, description="备案编号")
    authority: Authority | None = Field(default=None, description="Where it was filed.")


MajorHazardSourcePatch = patch_of(MajorHazardSourceIn)


class MajorHazardSourceOut(BaseModel):
    id: str
    name: str
    grade: int
    location: str | None
    identified_on: date
    filed_on: date | None
    filing_number: str | None
    authority: str | None
    filed: bool = Field(description="Filed with the regulator.")
    version: int
    created_at: datetime
    updated_at: datetime


class MajorHazardSourceFilters(BaseModel):
    grade: Grade | None = None
    filed: bool | None = None
