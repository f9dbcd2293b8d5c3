"""Request and response shapes of the staffing kinds: body, appointments, qualifications."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from app.core.dates import Day, RecordDay
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.registry.catalog import (
    AssessedRole,
    Employment,
    EngineerLevel,
    EngineerSpecialty,
    LeaderPosition,
    OfficerDuty,
    SafetyBodyForm,
)
from app.registry.input import RecordInput, patch_of

RecordRef = Annotated[str, StringConstraints(min_length=1, max_length=40), NOT_BLANK, TRIMMED]
Label = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
EXAMPLE_PERSON = "per_01m8jz2m4x6hnvp8efz3vt17g0"
EXAMPLE_TEAM = "tem_01m8jz2m4x6hnvp8efz3vt17g0"
Notes = Annotated[str, StringConstraints(min_length=1, max_length=4000), NOT_BLANK, TRIMMED]
# Upper-cased so that `abc123` and `ABC123` are recognised as the same number.
Number = Annotated[
    str, StringConstraints(to_upper=True, min_length=1, max_length=60), NOT_BLANK, TRIMMED
]
CreditCode = Annotated[
    str,
    StringConstraints(min_length=1, max_length=40),
    Field(description="Unified social credit code (GB 32100); full-width and spaces tolerated."),
]
MASKED = "An ID number inside it is masked unless personal data is revealed."


class SafetyBodyIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "form": "established",
                    "name": "安全环保部",
                    "document_number": "郑甲机〔2021〕12号",
                    "established_on": "2021-04-01",
                    "ended_on": None,
                    "independent_functions": True,
                }
            ]
        }
    )

    form: SafetyBodyForm = Field(description="Set up (设置) or designated (指定).")
    name: Label
    document_number: Label | None = Field(
        default=None, description="Number of the decision that set it up or designated it."
    )
    established_on: RecordDay
    ended_on: RecordDay | None = Field(
        default=None,
        description="Last day it existed; open while in place. Periods of bodies never overlap.",
    )
    independent_functions: StrictBool | None = Field(
        default=None,
        description=(
            "The body's functions are relatively independent (具备相对独立职能: a body of its "
            "own, not a department that also runs production), as 河南省安全生产条例 art. 14 "
            "asks of high-risk units with 50 or more employees; null where not stated. Rules "
            "count it only for a body set up (`established`)."
        ),
    )


SafetyBodyPatch = patch_of(SafetyBodyIn)


class SafetyBodyOut(BaseModel):
    id: str
    form: SafetyBodyForm
    name: str
    document_number: str | None
    established_on: date
    ended_on: date | None
    independent_functions: bool | None
    active: bool = Field(description="In place today.")
    version: int
    created_at: datetime
    updated_at: datetime


class SafetyBodyFilters(BaseModel):
    form: SafetyBodyForm | None = None
    independent_functions: bool | None = None
    active_on: Day | None = Field(default=None, description="In place on this date.")


class OfficerAppointmentIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": EXAMPLE_PERSON,
                    "duty": "safety_officer",
                    "employment": "full_time",
                    "department": "安全环保部",
                    "team_id": EXAMPLE_TEAM,
                    "appointed_on": "2021-04-01",
                    "ended_on": None,
                }
            ]
        }
    )

    person_id: RecordRef
    duty: OfficerDuty = OfficerDuty.SAFETY_OFFICER
    employment: Employment = Field(description="Full time (专职) or part time (兼职).")
    department: Label | None = Field(
        default=None, description="The department (workshop, team) the officer looks after."
    )
    team_id: RecordRef | None = Field(
        default=None,
        description=(
            "The team (班组, a record of `teams` of this enterprise) the officer serves, if "
            "any; the appointment must not start after the team was dissolved."
        ),
    )
    appointed_on: RecordDay = Field(description="Not before the person's hire date.")
    ended_on: RecordDay | None = Field(
        default=None,
        description="Last day in office; open while in office. Needed once the person left.",
    )


OfficerAppointmentPatch = patch_of(OfficerAppointmentIn)


class OfficerAppointmentOut(BaseModel):
    id: str
    person_id: str
    duty: OfficerDuty
    employment: Employment
    department: str | None
    team_id: str | None
    appointed_on: date
    ended_on: date | None
    in_office: bool = Field(description="In office today.")
    version: int
    created_at: datetime
    updated_at: datetime


class OfficerAppointmentFilters(BaseModel):
    person_id: RecordRef | None = None
    duty: OfficerDuty | None = None
    employment: Employment | None = None
    department: Label | None = None
    team_id: RecordRef | None = None
    in_office_on: Day | None = Field(
        default=None,
        description="Appointed on or before, not ended before, and the person in service then.",
    )


class TeamIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "冲压一班",
                    "department": None,
                    "established_on": "2021-04-01",
                    "dissolved_on": None,
                    "notes": "两班倒，每班12人。",
                }
            ]
        }
    )

    name: Label = Field(description="The team's name (班组名称).")
    department: Label | None = Field(
        default=None,
        description=(
            "The department (车间、部门、工程队) the team belongs to, as the enterprise's "
            "people record it: a department named on one of its people (now or in a change "
            "of post). Departments are labels, not records."
        ),
    )
    established_on: RecordDay = Field(description="First day the team exists.")
    dissolved_on: RecordDay | None = Field(
        default=None, description="Last day it exists; open while it does. Not before the start."
    )
    notes: Notes | None = None


TeamPatch = patch_of(TeamIn)


class TeamOut(BaseModel):
    id: str
    name: str
    department: str | None
    established_on: date
    dissolved_on: date | None
    notes: str | None
    active: bool = Field(description="Exists today.")
    version: int
    created_at: datetime
    updated_at: datetime


class TeamFilters(BaseModel):
    name: Label | None = None
    department: Label | None = None
    established_from: Day | None = Field(default=None, description="Established on or after.")
    established_to: Day | None = Field(default=None, description="Established on or before.")
    active_on: Day | None = Field(default=None, description="Existing on this date.")


class LeaderAppointmentIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": EXAMPLE_PERSON,
                    "position": "principal",
                    "took_office_on": "2021-03-01",
                    "left_office_on": None,
                }
            ]
        }
    )

    person_id: RecordRef
    position: LeaderPosition = Field(
        description="The principal person (主要负责人: one at a time) or a deputy in charge."
    )
    took_office_on: RecordDay = Field(description="Not before the person's hire date.")
    left_office_on: RecordDay | None = Field(
        default=None,
        description="Last day in office; open while in office. Needed once the person left.",
    )


LeaderAppointmentPatch = patch_of(LeaderAppointmentIn)


class LeaderAppointmentOut(BaseModel):
    id: str
    person_id: str
    position: LeaderPosition
    took_office_on: date
    left_office_on: date | None
    in_office: bool = Field(description="In office today.")
    version: int
    created_at: datetime
    updated_at: datetime


class LeaderAppointmentFilters(BaseModel):
    person_id: RecordRef | None = None
    position: LeaderPosition | None = None
    in_office_on: Day | None = Field(
        default=None,
        description="Took office on or before, not left before, and the person in service then.",
    )


class AssessmentCertificateIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": EXAMPLE_PERSON,
                    "assessed_role": "safety_officer",
                    "certificate_number": "豫安管A2021030012",
                    "issuing_authority": "郑州市应急管理局",
                    "passed_on": "2021-03-20",
                    "expires_on": "2024-03-19",
                }
            ]
        }
    )

    person_id: RecordRef
    assessed_role: AssessedRole = Field(description="Assessed as principal or safety officer.")
    certificate_number: Number = Field(description="Unique among the enterprise's certificates.")
    issuing_authority: Label | None = None
    passed_on: Day = Field(description="Not in the future.")
    expires_on: RecordDay | None = Field(
        default=None, description="Last valid day, after passed_on."
    )


AssessmentCertificatePatch = patch_of(AssessmentCertificateIn)


class AssessmentCertificateOut(BaseModel):
    id: str
    person_id: str
    assessed_role: AssessedRole
    certificate_number: str = Field(description=MASKED)
    issuing_authority: str | None
    passed_on: date
    expires_on: date | None
    valid: bool = Field(description="Valid today.")
    version: int
    created_at: datetime
    updated_at: datetime


class AssessmentCertificateFilters(BaseModel):
    person_id: RecordRef | None = None
    assessed_role: AssessedRole | None = None
    valid_on: Day | None = Field(
        default=None, description="Passed on or before, not expired before this date."
    )
    expires_before: Day | None = Field(default=None, description="Expires strictly before.")


class RegisteredEngineerIn(RecordInput):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": EXAMPLE_PERSON,
                    "registration_number": "ZAQ2022410100123",
                    "level": "intermediate",
                    "specialty": "other",
                    "employer_credit_code": "914101055543549940",
                    "valid_from": "2022-06-01",
                    "valid_to": "2027-05-31",
                }
            ]
        }
    )

    person_id: RecordRef
    registration_number: Number = Field(description="Unique among the enterprise's records.")
    level: EngineerLevel
    specialty: EngineerSpecialty
    employer_credit_code: CreditCode | None = Field(
        default=None,
        description="The employer the registration names; this enterprise's code when omitted.",
    )
    valid_from: RecordDay
    valid_to: RecordDay = Field(
        description=(
            "Last valid day: at most the registration period in force on valid_from after "
            "it: 5 years from 2019-03-01, 3 before (app/law/engineers.py)."
        )
    )


RegisteredEngineerPatch = patch_of(RegisteredEngineerIn)


class RegisteredEngineerOut(BaseModel):
    id: str
    person_id: str
    registration_number: str = Field(description=MASKED)
    level: EngineerLevel
    specialty: EngineerSpecialty
    employer_credit_code: str
    valid_from: date
    valid_to: date
    valid: bool = Field(description="Valid today.")
    version: int
    created_at: datetime
    updated_at: datetime


class RegisteredEngineerFilters(BaseModel):
    person_id: RecordRef | None = None
    level: EngineerLevel | None = None
    specialty: EngineerSpecialty | None = None
    employer_credit_code: CreditCode | None = None
    valid_on: Day | None = Field(default=None, description="valid_from ≤ date ≤ valid_to.")
    expires_before: Day | None = Field(default=None, description="valid_to strictly before.")
