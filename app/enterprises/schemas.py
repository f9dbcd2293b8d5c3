"""Request and response shapes of the enterprise API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
)

from app.core.dates import PastDay
from app.core.validators import normalize_code
from app.core.validators.json_types import JSON_INTEGER, without_null
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.enterprises.catalog import (
    INDUSTRY_CODE_PATTERN,
    DesignatedSize,
    HighRiskCategory,
    SMEClass,
    VerificationStatus,
)
from app.identity.schemas import DisplayName, Password
from app.regions.codes import REGION_CODE_PATTERN

EmployeeCount = Annotated[int, Field(ge=0, le=10_000_000), JSON_INTEGER]

Text100 = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
Text200 = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
Text300 = Annotated[str, StringConstraints(min_length=1, max_length=300), NOT_BLANK, TRIMMED]
IndustryCode = Annotated[str, Field(pattern=INDUSTRY_CODE_PATTERN, examples=["C3311"])]


class EnterpriseProfile(BaseModel):
    """Fields an enterprise keeps about itself."""

    legal_representative: Text100
    principal_person: Text100 | None = Field(default=None, description="主要负责人")
    address: Text300 | None = None
    industry_code: IndustryCode = Field(description="GB/T 4754-2017 code, e.g. C3311.")
    high_risk_category: HighRiskCategory | None = None
    employee_count: EmployeeCount | None = None
    designated_size: DesignatedSize | None = Field(default=None, description="规模以上/以下")
    sme_class: SMEClass | None = None
    occupational_hazard_trade: StrictBool = False
    founded_on: PastDay | None = None


class SignupAdmin(BaseModel):
    email: EmailStr
    display_name: DisplayName
    password: Password


class EnterpriseSignup(EnterpriseProfile):
    credit_code: str = Field(
        min_length=18, max_length=40, description="Unified social credit code (GB 32100)."
    )
    name: Text200
    region_code: str = Field(
        pattern=REGION_CODE_PATTERN, description="Region where the enterprise is."
    )
    admin: SignupAdmin

    @field_validator("credit_code")
    @classmethod
    def _normalized(cls, value: str) -> str:
        return normalize_code(value)


# A profile's fields that a PATCH may leave out but not null (service.update refuses it).
# Fields a PATCH may change but not empty: required ones, and a flag, which has no "unknown".
NOT_REMOVABLE = (
    "name",
    "region_code",
    "legal_representative",
    "industry_code",
    "occupational_hazard_trade",
)


def _not_removable_not_nullable(schema: dict[str, Any]) -> None:
    for name in NOT_REMOVABLE:
        schema["properties"][name] = without_null(schema["properties"][name])


class EnterprisePatch(BaseModel):
    model_config = ConfigDict(json_schema_extra=_not_removable_not_nullable)

    name: Text200 | None = None
    region_code: str | None = Field(default=None, pattern=REGION_CODE_PATTERN)
    legal_representative: Text100 | None = None
    principal_person: Text100 | None = None
    address: Text300 | None = None
    industry_code: IndustryCode | None = None
    high_risk_category: HighRiskCategory | None = None
    employee_count: EmployeeCount | None = None
    designated_size: DesignatedSize | None = None
    sme_class: SMEClass | None = None
    occupational_hazard_trade: StrictBool | None = None
    founded_on: PastDay | None = None


class EnterpriseOut(BaseModel):
    id: str
    credit_code: str
    name: str
    region_code: str
    legal_representative: str
    principal_person: str | None
    address: str | None
    industry_code: str
    high_risk_category: HighRiskCategory | None
    employee_count: int | None
    designated_size: DesignatedSize | None
    sme_class: SMEClass | None
    occupational_hazard_trade: bool
    founded_on: date | None
    verification_status: VerificationStatus
    verified_at: datetime | None
    rejection_reason: str | None
    created_at: datetime
    updated_at: datetime


class Rejection(BaseModel):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=2000), NOT_BLANK, TRIMMED]
