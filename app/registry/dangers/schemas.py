"""Request and response shapes for hidden dangers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.json_types import NonNegativeJsonDecimal
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import DangerLevel, DangerStatus
from app.registry.input import RecordInput, patch_of

Text = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]
Short = Annotated[str, StringConstraints(min_length=1, max_length=300), NOT_BLANK, TRIMMED]


class HiddenDangerIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "found_on": "2026-11-20",
                    "description": "二号车间配电箱门缺失，带电部分裸露",
                    "location": "二号车间东侧",
                    "level": "general",
                    "measures": "更换配电箱门并加锁，张贴警示标识",
                    "responsible_person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "funds": "1200.00",
                    "deadline": "2026-12-05",
                    "contingency_plan": "整改期间设置围挡，专人看护，断电检修",
                }
            ]
        }
    )

    found_on: Day
    description: Text
    location: Short | None = None
    level: DangerLevel
    measures: Text | None = Field(default=None, description="整改措施")
    responsible_person_id: str | None = Field(default=None, description="整改责任人")
    funds: NonNegativeJsonDecimal | None = Field(
        default=None, ge=0, max_digits=14, decimal_places=2
    )
    deadline: RecordDay | None = Field(default=None, description="整改时限")
    contingency_plan: Text | None = Field(default=None, description="应急预案")


HiddenDangerPatch = patch_of(HiddenDangerIn)


class HiddenDangerOut(BaseModel):
    id: str
    found_on: date
    description: str
    location: str | None
    level: DangerLevel
    status: DangerStatus
    measures: str | None
    responsible_person_id: str | None
    funds: Decimal | None
    deadline: date | None
    contingency_plan: str | None
    missing_fields: list[str] = Field(description="Which of the five fields (五到位) are empty.")
    fixed_on: date | None
    verified_on: date | None
    verifier_person_id: str | None
    external_verifier: str | None
    reported_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime


class HiddenDangerFilters(BaseModel):
    level: DangerLevel | None = None
    status: DangerStatus | None = None
    unresolved: bool | None = Field(default=None, description="Status open or fixing.")
    responsible_person_id: str | None = Field(default=None, max_length=40)
    found_from: Day | None = None
    found_to: Day | None = None
    deadline_before: Day | None = None


class FixIn(RecordInput):
    fixed_on: Day | None = Field(default=None, description="Default: today.")


class VerifyIn(RecordInput):
    verified_on: Day | None = Field(default=None, description="Default: today.")
    verifier_person_id: str | None = Field(default=None, description="A person of the enterprise")
    external_verifier: Short | None = Field(
        default=None, description="Or an outside professional: name and organization."
    )
