"""Request and response shapes for training sessions and attendances."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StrictBool, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.json_types import PositiveJsonDecimal
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import TrainingKind
from app.registry.input import RecordInput, patch_of

# Class hours (学时) to one decimal place, as stored (NUMERIC(6, 1)).
HoursIn = Annotated[PositiveJsonDecimal, Field(gt=0, max_digits=6, decimal_places=1)]
# Shown as a JSON number (8.0), not pydantic's default string for a Decimal.
HoursOut = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
RecordRef = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]


class TrainingSessionIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "annual",
                    "title": "2025年度全员安全生产再培训",
                    "provider": "郑州市安全生产培训中心",
                    "place": "郑州市安全生产培训中心第二教室",
                    "started_on": "2025-03-10",
                    "ended_on": "2025-03-11",
                    "hours": 16,
                }
            ]
        }
    )

    kind: TrainingKind
    title: Title
    provider: Title | None = None
    place: Title | None = Field(default=None, description="Where it was held (地点).")
    started_on: RecordDay
    ended_on: RecordDay | None = Field(default=None, description="Default: the start (one day).")
    hours: HoursIn = Field(description="Class hours; at most 24 a day of the session.")


TrainingSessionPatch = patch_of(TrainingSessionIn)


class TrainingSessionOut(BaseModel):
    id: str
    kind: TrainingKind
    title: str
    provider: str | None
    place: str | None
    started_on: date
    ended_on: date
    hours: HoursOut
    version: int
    created_at: datetime
    updated_at: datetime


class TrainingSessionFilters(BaseModel):
    kind: TrainingKind | None = None
    started_from: Day | None = Field(default=None, description="Started on or after.")
    started_to: Day | None = Field(default=None, description="Started on or before.")


class TrainingAttendanceIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "session_id": "trn_01m8k0a7c2v9d3e5f6g7h8j9k0",
                    "person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "hours": 16,
                    "passed": True,
                }
            ]
        }
    )

    session_id: RecordRef = Field(description="A training session of the same enterprise.")
    person_id: RecordRef = Field(description="In service during the session.")
    hours: HoursIn | None = Field(
        default=None, description="Class hours attended; at most the session's. Default: all."
    )
    passed: StrictBool = Field(description="Passed the session's assessment (考核合格).")


TrainingAttendancePatch = patch_of(TrainingAttendanceIn)


class TrainingAttendanceOut(BaseModel):
    id: str
    session_id: str
    person_id: str
    hours: HoursOut
    passed: bool
    version: int
    created_at: datetime
    updated_at: datetime


class TrainingAttendanceFilters(BaseModel):
    session_id: RecordRef | None = None
    person_id: RecordRef | None = None
    passed: bool | None = None
    kind: TrainingKind | None = Field(default=None, description="The session's kind.")
