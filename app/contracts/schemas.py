"""Request and response shapes of service contracts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

from app.contracts.scope import RECORD_KIND_NAMES
from app.core.dates import RecordDay
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.enterprises.catalog import VerificationStatus

ContractStatus = Literal["proposed", "active", "rejected", "ended", "withdrawn"]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=500), NOT_BLANK, TRIMMED]
Short = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EngineerIn(Strict):
    """The registered safety engineer (注册安全工程师) responsible for the contract."""

    name: Short
    registration_number: Annotated[
        str, StringConstraints(min_length=4, max_length=40), NOT_BLANK, TRIMMED
    ] = Field(description="Registration number (注册证书编号).")


class ContractIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "enterprise_credit_code": "91410108MA9X8TQM1U",
                    "scope": ["people", "training-sessions", "training-attendances"],
                    "entrusted_safety_manager": True,
                    "valid_from": "2026-01-01",
                    "valid_to": "2026-12-31",
                    "responsible_engineer": {
                        "name": "李静",
                        "registration_number": "ZAQ20190012345",
                    },
                    "note": "委托安全生产管理服务（2026年度）",
                }
            ]
        },
    )

    enterprise_id: str | None = Field(
        default=None, max_length=40, description="The client enterprise (`ent_…`)…"
    )
    enterprise_credit_code: str | None = Field(
        default=None, max_length=40, description="…or its unified social credit code."
    )
    scope: list[str] = Field(
        max_length=len(RECORD_KIND_NAMES),
        description="Record kinds the firm may read and write: "
        + ", ".join(f"`{k}`" for k in RECORD_KIND_NAMES)
        + ".",
    )
    entrusted_safety_manager: StrictBool = Field(
        default=False,
        description="The firm is the enterprise's entrusted safety manager (art. 17: a small "
        "or micro enterprise's staffing duty); needs a responsible engineer.",
    )
    valid_from: RecordDay
    valid_to: RecordDay
    responsible_engineer: EngineerIn | None = None
    note: Annotated[str, StringConstraints(max_length=500), TRIMMED] | None = None

    @field_validator("scope")
    @classmethod
    def _known_kinds(cls, scope: list[str]) -> list[str]:
        unknown = sorted(set(scope) - set(RECORD_KIND_NAMES))
        if unknown:
            raise ValueError(f"unknown record kinds: {', '.join(unknown)}")
        return sorted(set(scope))


class ActionIn(Strict):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "服务期内双方协商一致终止"}]}
    )

    reason: Reason | None = Field(default=None, description="Needed to end a contract.")


class EngineerOut(BaseModel):
    name: str
    registration_number: str


class ContractOut(BaseModel):
    id: str
    firm_id: str
    enterprise_id: str
    enterprise_verification: VerificationStatus = Field(
        description="Whether a regulator has verified the enterprise's claim to its credit "
        "code: a contract is accepted only with a `verified` enterprise (409 "
        "`enterprise_not_verified` otherwise)."
    )
    status: ContractStatus
    in_force: bool = Field(description="Active and within its period today: access is given.")
    scope: list[str]
    entrusted_safety_manager: bool
    valid_from: date
    valid_to: date
    responsible_engineer: EngineerOut | None
    note: str | None
    accepted_on: date | None
    ended_on: date | None
    end_reason: str | None
    created_at: datetime
    updated_at: datetime


class ContractEventOut(BaseModel):
    action: str
    status: ContractStatus
    actor_id: str
    actor_organization_id: str
    at: datetime
    reason: str | None
    request_id: str | None
