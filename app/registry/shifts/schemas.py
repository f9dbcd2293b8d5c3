"""Request and response shapes for leaders' on-site shifts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day, PastDay, RecordDay
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.input import RecordInput, patch_of

RecordRef = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]
Place = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
Notes = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]

EXAMPLE_PERSON = "per_01m8jz2m4x6hnvp8efz3vt17g0"


class OnSiteShiftIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": EXAMPLE_PERSON,
                    "shift_on": "2026-03-12",
                    "ends_on": "2026-03-13",
                    "place": "一号生产车间及危化品库房",
                    "notes": "夜班带班，巡查关键环节，未发现隐患。",
                }
            ]
        }
    )

    person_id: RecordRef = Field(
        description="The leader who took the shift: the principal (主要负责人) or a member of "
        "the leadership (领导班子成员) as recorded in `leader-appointments`. In service on "
        "`shift_on`; only a leader in post counts for the rules."
    )
    shift_on: PastDay = Field(
        description="The day the shift began; not in the future (a shift is recorded once "
        "taken). A shift counts for the month it began in."
    )
    ends_on: RecordDay | None = Field(
        default=None,
        description="The last day, for a shift over midnight or several days; not before "
        "`shift_on`. Empty for a shift within one day.",
    )
    place: Place = Field(description="Where on site: the workshop, plant or site (带班地点).")
    notes: Notes | None = Field(
        default=None, description="What the leader checked and found (巡查情况)."
    )


OnSiteShiftPatch = patch_of(OnSiteShiftIn)


class OnSiteShiftOut(BaseModel):
    id: str
    person_id: str
    shift_on: date
    ends_on: date | None
    place: str
    notes: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class OnSiteShiftFilters(BaseModel):
    person_id: RecordRef | None = None
    shift_from: Day | None = Field(default=None, description="Beginning on or after.")
    shift_to: Day | None = Field(default=None, description="Beginning on or before.")
