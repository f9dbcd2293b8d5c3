"""Request and response shapes for rescue arrangements."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import RescueForm
from app.registry.input import RecordInput, patch_of

Name = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
Number = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
Notes = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]
RescuerCount = Annotated[int, Field(ge=1, le=100_000), JSON_INTEGER]


class RescueArrangementIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "form": "agreement",
                    "team_name": "郑州市惠济区专职消防救援队",
                    "agreement_number": "惠应救协〔2026〕07号",
                    "starts_on": "2026-01-01",
                    "ends_on": "2026-12-31",
                    "rescuer_count": None,
                    "notes": "协议约定接警后30分钟内到达厂区。",
                }
            ]
        }
    )

    form: RescueForm = Field(
        description="`own_team` (应急救援队伍, also one set up jointly in a park), "
        "`designated_rescuers` (指定的专职或者兼职应急救援人员) or `agreement` "
        "(应急救援协议 with a professional team)."
    )
    team_name: Name | None = Field(
        default=None,
        description="The team's name; for an agreement, the team agreed with. Required but "
        "for designated rescuers.",
    )
    agreement_number: Number | None = Field(
        default=None, description="The agreement's number (协议编号); for agreements only."
    )
    starts_on: RecordDay = Field(description="First day the arrangement is in place.")
    ends_on: RecordDay | None = Field(
        default=None, description="Last day; open while in place. Not before `starts_on`."
    )
    rescuer_count: RescuerCount | None = Field(
        default=None,
        description="Rescuers of the team or designated; required for those two forms, "
        "none for an agreement (the team agreed with is not the enterprise's).",
    )
    notes: Notes | None = None


RescueArrangementPatch = patch_of(RescueArrangementIn)


class RescueArrangementOut(BaseModel):
    id: str
    form: RescueForm
    team_name: str | None
    agreement_number: str | None
    starts_on: date
    ends_on: date | None
    rescuer_count: int | None
    notes: str | None
    active: bool = Field(description="In place today.")
    version: int
    created_at: datetime
    updated_at: datetime


class RescueArrangementFilters(BaseModel):
    form: RescueForm | None = None
    starts_from: Day | None = Field(default=None, description="Starting on or after.")
    starts_to: Day | None = Field(default=None, description="Starting on or before.")
    active_on: Day | None = Field(default=None, description="In place on this date.")
