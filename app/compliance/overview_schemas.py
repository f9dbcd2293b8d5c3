"""Shapes of the regulators' compliance overview and its drill-down."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from app.compliance.rules import Severity, Status
from app.compliance.schemas import PackRef

STANDING = (
    "An enterprise's standing: `fail` if any rule fails, else `unknown` if any rule lacks "
    "data, else `pass`."
)


class StandingCounts(BaseModel):
    enterprises: int
    by_status: dict[str, int] = Field(description="Enterprises by standing: " + STANDING)


class DutyCount(BaseModel):
    key: str
    title: str
    failing: int = Field(description="Enterprises whose duty fails (its strictest finding).")
    unknown: int = Field(description="Enterprises whose duty the data does not decide.")


class RuleCount(BaseModel):
    rule_id: str
    pack: str
    article: str
    title: str
    severity: Severity
    failing: int = Field(description="Enterprises that fail the rule.")
    unknown: int = Field(description="Enterprises whose data does not decide the rule.")


class IndustryCount(StandingCounts):
    section: str = Field(description="GB/T 4754-2017 section letter.")
    name: str


class SubregionCount(StandingCounts):
    region_code: str
    name: str


class OverviewOut(StandingCounts):
    region_code: str
    region_name: str
    packs: list[PackRef] = Field(
        description="Every pack applied to some enterprise of the region, national first."
    )
    as_of: date
    language: str
    by_duty: list[DutyCount] = Field(description="Every duty of those packs, national first.")
    by_rule: list[RuleCount] = Field(description="Every rule of those packs, in order.")
    by_industry: list[IndustryCount]
    by_region: list[SubregionCount] = Field(
        description="One entry per direct sub-region (for a district: its towns and "
        "subdistricts); enterprises placed on the region itself count under its own code."
    )


class RegionalEnterpriseOut(BaseModel):
    enterprise_id: str
    name: str
    credit_code: str
    region_code: str | None
    industry_code: str
    status: Status = Field(description=STANDING)
    failing_rules: list[str]
    failing_by_severity: dict[str, int]
