"""Request and response shapes for hidden dangers, their monthly statistics and the
inspections that look for them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.json_types import JSON_INTEGER, NonNegativeJsonDecimal
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import DangerLevel, DangerStatus, InspectionKind
from app.registry.commitments.schemas import Month
from app.registry.input import RecordInput, patch_of

Text = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]
Short = Annotated[str, StringConstraints(min_length=1, max_length=300), NOT_BLANK, TRIMMED]
Count = Annotated[int, Field(ge=0, le=100_000), JSON_INTEGER]
RecordRef = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]


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


class HiddenDangerStatisticsIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "month": "2026-10",
                    "analysed_on": "2026-11-04",
                    "found_count": 12,
                    "fixed_count": 10,
                    "overdue_count": 1,
                    "reported_to_regulator_on": "2026-11-06",
                    "told_to_staff_on": "2026-11-07",
                    "summary": "10月排查一般隐患12项，整改10项，逾期1项（已督办）。",
                    "notes": None,
                }
            ]
        }
    )

    month: Month = Field(description="The month analysed, `YYYY-MM`; one analysis per month.")
    analysed_on: Day = Field(description="Not before the month begins; not in the future.")
    found_count: Count = Field(description="Hidden dangers found in the month.")
    fixed_count: Count = Field(description="Hidden dangers fixed in the month.")
    overdue_count: Count = Field(description="Hidden dangers past their deadline, unfixed.")
    reported_to_regulator_on: Day | None = Field(
        default=None,
        description="Reported to the regulator (向监管部门报告); not before the analysis.",
    )
    told_to_staff_on: Day | None = Field(
        default=None, description="Told to the staff (向从业人员通报); not before the analysis."
    )
    summary: Text
    notes: Text | None = None


HiddenDangerStatisticsPatch = patch_of(HiddenDangerStatisticsIn)


class HiddenDangerStatisticsOut(BaseModel):
    id: str
    month: str
    analysed_on: date
    found_count: int
    fixed_count: int
    overdue_count: int
    reported_to_regulator_on: date | None
    told_to_staff_on: date | None
    summary: str
    notes: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class HiddenDangerStatisticsFilters(BaseModel):
    month_from: Month | None = None
    month_to: Month | None = None


class HiddenDangerInspectionIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "inspected_on": "2026-11-12",
                    "kind": "comprehensive",
                    "scope": "全厂：一、二号车间，仓库，配电室",
                    "leader_person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "dangers_found": 3,
                    "notes": "发现一般隐患3项，已逐项登记并落实整改。",
                }
            ]
        }
    )

    inspected_on: Day = Field(
        description="The day of the inspection (排查日期); not in the future."
    )
    kind: InspectionKind = Field(
        description="`routine` (日常排查), `comprehensive` (综合性排查), `special` (专项排查), "
        "`seasonal` (季节性排查) or `holiday` (节假日排查)."
    )
    scope: Text = Field(description="The areas, sites or matters inspected (排查范围).")
    leader_person_id: RecordRef | None = Field(
        default=None, description="Who led the inspection (排查负责人): a person of the enterprise."
    )
    dangers_found: Count = Field(
        description="Hidden dangers found (发现隐患数), 0 or more; each is recorded as a hidden "
        "danger of its own."
    )
    notes: Text | None = None


HiddenDangerInspectionPatch = patch_of(HiddenDangerInspectionIn)


class HiddenDangerInspectionOut(BaseModel):
    id: str
    inspected_on: date
    kind: InspectionKind
    scope: str
    leader_person_id: str | None
    dangers_found: int
    notes: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class HiddenDangerInspectionFilters(BaseModel):
    kind: InspectionKind | None = None
    leader_person_id: str | None = Field(default=None, max_length=40)
    inspected_from: Day | None = Field(default=None, description="Inspected on or after.")
    inspected_to: Day | None = Field(default=None, description="Inspected on or before.")
