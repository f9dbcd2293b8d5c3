"""Request and response shapes for insurance policies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import InsurancePolicyType
from app.registry.input import RecordInput, patch_of

Insurer = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
# Upper-cased so that `pzbj2026…` and `PZBJ2026…` are recognised as the same number.
PolicyNumber = Annotated[
    str, StringConstraints(to_upper=True, min_length=1, max_length=60), NOT_BLANK, TRIMMED
]
Headcount = Annotated[int, Field(ge=1, le=1_000_000), JSON_INTEGER]
Yuan = Annotated[int, Field(gt=0, le=1_000_000_000), JSON_INTEGER]
Notes = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]


class InsurancePolicyIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "policy_type": "safety_liability",
                    "insurer": "中国人民财产保险股份有限公司郑州市分公司",
                    "policy_number": "PZBJ202641010800000123",
                    "valid_from": "2026-01-01",
                    "valid_to": "2026-12-31",
                    "insured_headcount": 86,
                    "cover_per_person_yuan": 400000,
                    "covers_temporary_and_dispatched": True,
                    "notes": "含劳务派遣人员12人",
                }
            ]
        }
    )

    policy_type: InsurancePolicyType = Field(
        description="`work_injury`: enrolment in work-injury insurance (工伤保险, 安全生产法 "
        "art. 51 para 1); `safety_liability`: work-safety liability insurance "
        "(安全生产责任保险, art. 51 para 2)."
    )
    insurer: Insurer = Field(
        description="The insurer (承保机构), or for work-injury insurance the social "
        "insurance agency (社会保险经办机构)."
    )
    policy_number: PolicyNumber = Field(
        description="保单号, or the unit's work-injury insurance number (参保编号); one "
        "period at a time per type and number."
    )
    valid_from: RecordDay = Field(description="First day of cover (may lie ahead).")
    valid_to: RecordDay | None = Field(
        default=None,
        description="Last day of cover, inclusive; on or after valid_from. Required for "
        "liability insurance; a work-injury enrolment may be open-ended.",
    )
    insured_headcount: Headcount = Field(
        description="People covered (liability) or enrolled (work-injury insurance)."
    )
    cover_per_person_yuan: Yuan | None = Field(
        default=None,
        description="Insured amount per person for death or disability (每人死亡伤残赔偿限额), "
        "whole yuan; required for liability insurance.",
    )
    covers_temporary_and_dispatched: StrictBool = Field(
        description="Temporary and dispatched workers (临时、劳务派遣人员) are covered too."
    )
    cancelled_on: RecordDay | None = Field(
        default=None,
        description="A cancellation mid-term (退保): the day it took effect, from which no day "
        "is covered; within the period.",
    )
    notes: Notes | None = None


InsurancePolicyPatch = patch_of(InsurancePolicyIn)


class InsurancePolicyOut(BaseModel):
    id: str
    policy_type: InsurancePolicyType
    insurer: str
    policy_number: str
    valid_from: date
    valid_to: date | None
    insured_headcount: int
    cover_per_person_yuan: int | None
    covers_temporary_and_dispatched: bool
    cancelled_on: date | None
    notes: str | None
    in_force: bool = Field(description="Covering today: started, not ended, not cancelled.")
    version: int
    created_at: datetime
    updated_at: datetime


class InsurancePolicyFilters(BaseModel):
    policy_type: InsurancePolicyType | None = None
    valid_on: Day | None = Field(
        default=None, description="In force on the day: started, not ended, not cancelled."
    )
    starts_from: Day | None = Field(default=None, description="valid_from on or after.")
    starts_to: Day | None = Field(default=None, description="valid_from on or before.")
    ends_from: Day | None = Field(default=None, description="valid_to on or after.")
    ends_to: Day | None = Field(default=None, description="valid_to on or before.")
    cancelled: bool | None = Field(default=None, description="Cancelled mid-term or not.")
