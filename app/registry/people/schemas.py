"""Request and response shapes for people."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import EmploymentStatus, HazardFactor
from app.registry.input import RecordInput, patch_of

Name = Annotated[str, StringConstraints(min_length=1, max_length=50), NOT_BLANK, TRIMMED]
Label = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]


class ExposureIn(RecordInput):
    factor: HazardFactor
    level: Annotated[str, StringConstraints(max_length=40), TRIMMED] | None = Field(
        default=None,
        description="Exposure level where the exam interval depends on it, "
        "e.g. `85 dB(A)` for noise or `grade II` for dust.",
    )
    started_on: RecordDay
    ended_on: RecordDay | None = None


class JobChangeIn(RecordInput):
    changed_on: RecordDay
    department: Label | None = None
    position: Label | None = None


class PersonIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "王建国",
                    "id_number": "41010819900307451X",
                    "department": "机加工车间",
                    "position": "车工",
                    "hire_date": "2021-03-01",
                    "exposures": [
                        {"factor": "noise", "level": "87 dB(A)", "started_on": "2021-03-01"}
                    ],
                    "job_changes": [],
                }
            ]
        }
    )

    name: Name
    id_number: str = Field(
        min_length=15, max_length=40, description="Resident ID number (GB 11643, 18 characters)."
    )
    department: Label | None = None
    position: Label | None = None
    hire_date: RecordDay
    leave_date: RecordDay | None = None
    exposures: list[ExposureIn] = Field(default_factory=list, max_length=50)
    job_changes: list[JobChangeIn] = Field(default_factory=list, max_length=100)


PersonPatch = patch_of(PersonIn)


class ExposureOut(ExposureIn):
    pass


class JobChangeOut(JobChangeIn):
    pass


class PersonOut(BaseModel):
    id: str
    name: str
    id_number: str = Field(description="Masked (first 6 and last 4) unless revealed.")
    birth_date: date
    sex: str
    department: str | None
    position: str | None
    hire_date: date
    leave_date: date | None
    status: EmploymentStatus
    exposures: list[ExposureOut]
    job_changes: list[JobChangeOut]
    version: int
    created_at: datetime
    updated_at: datetime


class PersonFilters(BaseModel):
    department: Label | None = None
    status: EmploymentStatus | None = Field(default=None, description="As of today.")
    name: Annotated[str, StringConstraints(max_length=50)] | None = Field(
        default=None, description="Substring of the name."
    )
    id_number: Annotated[str, StringConstraints(max_length=40)] | None = Field(
        default=None, description="Exact ID number (matched by keyed hash, never stored plain)."
    )
    hired_from: Day | None = None
    hired_to: Day | None = None
    exposed_to: HazardFactor | None = Field(default=None, description="Has ever been exposed.")
