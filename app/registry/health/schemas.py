"""Request and response shapes for hazard declarations, health exams, workplace hazard tests
and protective equipment issued."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from app.core.dates import Day
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import ExamConclusion, ExamKind, HazardFactor, WorkplaceTestType
from app.registry.input import RecordInput, patch_of

Headcount = Annotated[int, Field(ge=0, le=1_000_000), JSON_INTEGER]

Authority = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
Institution = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
Number = Annotated[str, StringConstraints(min_length=1, max_length=60), NOT_BLANK, TRIMMED]
PersonId = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]
Item = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
Notes = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]
# A replacement period of a month to 10 years: equipment standards set months to a few years.
ReplacementMonths = Annotated[int, Field(ge=1, le=120), JSON_INTEGER]
# A factor named twice is kept once; the bound is the catalogue's size.
Factors = Annotated[list[HazardFactor], Field(max_length=len(HazardFactor))]


class HazardDeclarationIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "declared_on": "2026-03-16",
                    "factors": ["noise", "dust"],
                    "exposed_headcount": 42,
                    "authority": "郑州市惠济区卫生健康委员会",
                    "receipt_number": "HJ-ZYB-2026-0137",
                }
            ]
        }
    )

    declared_on: Day = Field(description="Day filed with the authority; not in the future.")
    factors: Factors = Field(min_length=1, description="The factors declared.")
    exposed_headcount: Headcount = Field(description="People exposed.")
    authority: Authority | None = None
    receipt_number: Number | None = Field(default=None, description="申报回执编号")


HazardDeclarationPatch = patch_of(HazardDeclarationIn)


class HazardDeclarationOut(BaseModel):
    id: str
    declared_on: date
    factors: list[HazardFactor]
    exposed_headcount: int
    authority: str | None
    receipt_number: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class HazardDeclarationFilters(BaseModel):
    factor: HazardFactor | None = Field(default=None, description="Declares this factor.")
    declared_from: Day | None = None
    declared_to: Day | None = None


class HealthExamIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "kind": "periodic",
                    "examined_on": "2026-05-12",
                    "factors": ["noise"],
                    "institution": "郑州市职业病防治院",
                    "report_number": "ZJ-2026-05-0318",
                    "conclusion": "normal",
                }
            ]
        }
    )

    person_id: PersonId
    kind: ExamKind
    examined_on: Day = Field(
        description="Not before the person's birth, not after their leave date, not in the future."
    )
    factors: Factors = Field(
        default_factory=list,
        description="The factors examined for; at least one except for an emergency exam.",
    )
    institution: Institution | None = None
    report_number: Number | None = None
    conclusion: ExamConclusion = Field(
        description="Sensitive: entered by editors, shown only to holders of `health:read`."
    )


HealthExamPatch = patch_of(HealthExamIn)


class HealthExamOut(BaseModel):
    id: str
    person_id: str
    kind: ExamKind
    examined_on: date
    factors: list[HazardFactor]
    institution: str | None
    report_number: str | None
    conclusion: ExamConclusion | None = Field(
        description="Null for callers without `health:read`; `conclusion_hidden` then says so."
    )
    conclusion_hidden: bool = Field(description="True when the conclusion was withheld.")
    version: int
    created_at: datetime
    updated_at: datetime


class HealthExamFilters(BaseModel):
    person_id: PersonId | None = None
    kind: ExamKind | None = None
    factor: HazardFactor | None = Field(default=None, description="Examined for this factor.")
    examined_from: Day | None = None
    examined_to: Day | None = None
    conclusion: ExamConclusion | None = Field(default=None, description="Needs `health:read`.")


class WorkplaceHazardTestIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tested_on": "2026-04-20",
                    "test_type": "detection",
                    "factors": ["noise", "dust"],
                    "organisation": "河南省职业病防治研究院",
                    "exceeded_limits": False,
                    "report_number": "ZJC-2026-0418",
                    "notes": "定期检测，共检测12个点位。",
                }
            ]
        }
    )

    tested_on: Day = Field(
        description="Day of the on-site detection or evaluation (the report's date of "
        "sampling); not in the future."
    )
    test_type: WorkplaceTestType = Field(
        description="`detection` (职业病危害因素检测) or `status_evaluation` (职业病危害现状评价)."
    )
    factors: Factors = Field(min_length=1, description="The hazard factors covered.")
    organisation: Institution = Field(
        description="The occupational-health technical service organisation "
        "(职业卫生技术服务机构) that did it."
    )
    exceeded_limits: StrictBool | None = Field(
        default=None,
        description="Whether any result exceeded the occupational exposure limits "
        "(超标); null if not recorded.",
    )
    report_number: Number | None = Field(default=None, description="报告编号")
    notes: Notes | None = None


WorkplaceHazardTestPatch = patch_of(WorkplaceHazardTestIn)


class WorkplaceHazardTestOut(BaseModel):
    id: str
    tested_on: date
    test_type: WorkplaceTestType
    factors: list[HazardFactor]
    organisation: str
    exceeded_limits: bool | None
    report_number: str | None
    notes: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class WorkplaceHazardTestFilters(BaseModel):
    test_type: WorkplaceTestType | None = None
    factor: HazardFactor | None = Field(default=None, description="Covers this factor.")
    # Query strings are text: `true`/`false` are read, as in the other kinds' filters.
    exceeded_limits: bool | None = Field(
        default=None, description="Results exceeded the limits (true) or not (false)."
    )
    tested_from: Day | None = Field(default=None, description="Tested on or after.")
    tested_to: Day | None = Field(default=None, description="Tested on or before.")


class ProtectiveEquipmentIssueIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "per_01m8jz2m4x6hnvp8efz3vt17g0",
                    "factors": ["noise"],
                    "item": "耳塞（SNR 29 dB）",
                    "issued_on": "2026-05-06",
                    "replacement_months": 3,
                    "free_of_charge": True,
                    "notes": "按本单位劳动防护用品配备标准发放。",
                }
            ]
        }
    )

    person_id: PersonId
    factors: Factors = Field(min_length=1, description="The hazard factors it protects against.")
    item: Item = Field(description="What was issued (品名、型号).")
    issued_on: Day = Field(
        description="Day issued; not in the future, not after the person's leave date."
    )
    replacement_months: ReplacementMonths = Field(
        description="Replacement period (使用期限) in months from the issue day, as the "
        "enterprise's equipment standard (配备标准) sets it for the item."
    )
    free_of_charge: StrictBool = Field(
        description="Issued free (免费发放). The law allows no charge and no cash instead "
        "(河南省安全生产条例 art. 18): an issue recorded as charged counts for nothing."
    )
    notes: Notes | None = None


ProtectiveEquipmentIssuePatch = patch_of(ProtectiveEquipmentIssueIn)


class ProtectiveEquipmentIssueOut(BaseModel):
    id: str
    person_id: str
    factors: list[HazardFactor]
    item: str
    issued_on: date
    replacement_months: int
    replace_by: date = Field(
        description="The day the item falls due for replacement: the issue day plus the "
        "replacement period (calendar months). It counts up to and including this day."
    )
    free_of_charge: bool
    notes: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class ProtectiveEquipmentIssueFilters(BaseModel):
    person_id: PersonId | None = None
    factor: HazardFactor | None = Field(default=None, description="Protects against this factor.")
    free_of_charge: bool | None = Field(default=None, description="Issued free or not.")
    issued_from: Day | None = Field(default=None, description="Issued on or after.")
    issued_to: Day | None = Field(default=None, description="Issued on or before.")
