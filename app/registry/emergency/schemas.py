"""Request and response shapes for emergency plans and drills, and for accident signs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import EmergencyPlanType
from app.registry.input import RecordInput, patch_of

Title = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]
RecordRef = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]
Short = Annotated[str, StringConstraints(min_length=1, max_length=300), NOT_BLANK, TRIMMED]
Participants = Annotated[int, Field(ge=1, le=100_000), JSON_INTEGER]
NOT_AHEAD = "Not in the future."


class EmergencyPlanIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "plan_type": "comprehensive",
                    "title": "生产安全事故综合应急预案（2025版）",
                    "issued_on": "2025-03-01",
                    "filed_on": "2025-03-20",
                    "published_on": "2025-03-05",
                    "published_to_public_on": "2025-03-25",
                    "notes": "郑州市惠济区应急管理局备案",
                }
            ]
        }
    )

    plan_type: EmergencyPlanType = Field(
        description="`comprehensive` (综合应急预案), `special` (专项应急预案) or `on_site` "
        "(现场处置方案)."
    )
    title: Title
    issued_on: Day = Field(description="Day issued (签发、公布实施). " + NOT_AHEAD)
    filed_on: Day | None = Field(
        default=None,
        description="Day filed (备案) with the regulator (应急条例 art. 7); not before issue. "
        + NOT_AHEAD,
    )
    published_on: Day | None = Field(
        default=None,
        description="Day made known to the staff (向本单位从业人员公布, 应急条例 art. 5); not "
        "before issue. " + NOT_AHEAD,
    )
    published_to_public_on: Day | None = Field(
        default=None,
        description="Day published to society (依法向社会公布, 应急条例 art. 7: the units "
        "that file their plans); not before issue. " + NOT_AHEAD,
    )
    withdrawn_on: Day | None = Field(
        default=None,
        description="Day withdrawn or superseded by a revision; not before issue, filing or "
        "publication, nor before a drill of it. " + NOT_AHEAD,
    )
    notes: LongText | None = None


EmergencyPlanPatch = patch_of(EmergencyPlanIn)


class EmergencyPlanOut(BaseModel):
    id: str
    plan_type: EmergencyPlanType
    title: str
    issued_on: date
    filed_on: date | None
    published_on: date | None
    published_to_public_on: date | None
    withdrawn_on: date | None
    notes: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class EmergencyPlanFilters(BaseModel):
    plan_type: EmergencyPlanType | None = None
    issued_from: Day | None = Field(default=None, description="Issued on or after.")
    issued_to: Day | None = Field(default=None, description="Issued on or before.")
    filed: bool | None = Field(default=None, description="Filed with the regulator or not.")
    withdrawn: bool | None = Field(default=None, description="Withdrawn or not.")


class EmergencyDrillIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "plan_id": "epl_01m8k0a7c2v9d3e5f6g7h8j9k0",
                    "drill_type": "comprehensive",
                    "held_on": "2025-06-16",
                    "participants": 45,
                    "evaluation": "演练达到预期目标；疏散用时偏长，已修订集合点设置。",
                    "reported_to_regulator_on": "2025-06-20",
                }
            ]
        }
    )

    plan_id: RecordRef = Field(description="An emergency plan of the same enterprise.")
    drill_type: EmergencyPlanType | None = Field(
        default=None,
        description="Which part of the plans was drilled: the plan's type (the default), "
        "never another.",
    )
    held_on: Day = Field(
        description="Within the plan's life: not before its issue, not after its withdrawal. "
        + NOT_AHEAD
    )
    participants: Annotated[Participants, Field(description="People who took part.")]
    evaluation: LongText | None = Field(
        default=None, description="The drill's evaluation (演练评估报告), or its summary."
    )
    reported_to_regulator_on: Day | None = Field(
        default=None,
        description="Day the drill was reported to the regulator (应急条例 art. 8 para 2); "
        "not before the drill. " + NOT_AHEAD,
    )
    notes: LongText | None = None


EmergencyDrillPatch = patch_of(EmergencyDrillIn)


class EmergencyDrillOut(BaseModel):
    id: str
    plan_id: str
    drill_type: EmergencyPlanType
    held_on: date
    participants: int
    evaluation: str | None
    reported_to_regulator_on: date | None
    notes: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class EmergencyDrillFilters(BaseModel):
    plan_id: RecordRef | None = None
    drill_type: EmergencyPlanType | None = None
    held_from: Day | None = Field(default=None, description="Held on or after.")
    held_to: Day | None = Field(default=None, description="Held on or before.")
    reported: bool | None = Field(default=None, description="Reported to the regulator or not.")


class AccidentSignIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "observed_on": "2026-11-18",
                    "description": "二号罐区可燃气体报警仪连续两次低限报警",
                    "location": "二号罐区",
                    "warning_issued_on": "2026-11-18",
                    "warning_measures": "罐区停止动火作业，撤离无关人员，加强通风并专人监测。",
                    "issued_by_person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                }
            ]
        }
    )

    observed_on: Day = Field(description="The day the sign was found (发现日期). " + NOT_AHEAD)
    description: LongText = Field(description="The sign of an accident coming (事故征兆).")
    location: Short | None = Field(default=None, description="Where (部位).")
    warning_issued_on: Day | None = Field(
        default=None,
        description="The day the early warning was issued (发布预警日期); not before the sign "
        "was found. " + NOT_AHEAD,
    )
    warning_measures: LongText | None = Field(
        default=None, description="The preventive and emergency measures (防范和应急处置措施)."
    )
    issued_by_person_id: RecordRef | None = Field(
        default=None,
        description="Who issued the warning (发布人): a person of the enterprise; only with "
        "`warning_issued_on`.",
    )


AccidentSignPatch = patch_of(AccidentSignIn)


class AccidentSignOut(BaseModel):
    id: str
    observed_on: date
    description: str
    location: str | None
    warning_issued_on: date | None
    warning_measures: str | None
    issued_by_person_id: str | None
    warned_in_time: bool = Field(
        description="A warning with its measures was issued on the day the sign was found."
    )
    version: int
    created_at: datetime
    updated_at: datetime


class AccidentSignFilters(BaseModel):
    observed_from: Day | None = Field(default=None, description="Found on or after.")
    observed_to: Day | None = Field(default=None, description="Found on or before.")
    warned: bool | None = Field(default=None, description="A warning was issued or not.")
