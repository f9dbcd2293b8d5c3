"""Shapes of a what-if: the findings and legal values that differ between two dates."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from app.compliance.rules import Severity, Status
from app.compliance.schemas import DatedValueOut, DutyOut, PackRef


class FindingChangeOut(BaseModel):
    rule_id: str
    pack: str
    duty: str
    citation: str
    title: str
    change: str = Field(
        description="new_failure, new_pass, status_changed, due_changed, new_rule (its pack "
        "applies on `as_of` only) or rule_gone (on `from` only)."
    )
    before: Status | None = Field(description="The status on `from`; null for a new rule.")
    after: Status | None = Field(description="The status on `as_of`; null for a rule gone.")
    severity: Severity | None = Field(description="The severity on `as_of`, where it applies.")
    due_before: date | None
    due_after: date | None
    message: str | None = Field(description="The finding on `as_of`, in the caller's language.")


class ValueChangeOut(BaseModel):
    parameter: str
    unit: str
    description: str
    before: DatedValueOut | None = Field(description="In force on `from`; null if none.")
    after: DatedValueOut | None = Field(description="In force on `as_of`; null if none.")


class WhatIfOut(BaseModel):
    enterprise_id: str
    from_date: date = Field(serialization_alias="from", description="The baseline date.")
    as_of: date = Field(description="The later date judged.")
    language: str
    packs_before: list[PackRef]
    packs_after: list[PackRef]
    standing_before: Status
    standing_after: Status
    newly_failing_by_severity: dict[str, int]
    findings: list[FindingChangeOut] = Field(description="Only the rules whose finding changes.")
    duties: list[DutyOut] = Field(description="The duties whose deciding status changes, as then.")
    values: list[ValueChangeOut] = Field(
        description="The legal values the rules read that change between the dates."
    )


class StandingMove(BaseModel):
    before: Status
    after: Status
    enterprises: int


class DutyImpactOut(BaseModel):
    key: str
    title: str
    newly_failing: int = Field(description="Enterprises whose duty fails then and not now.")
    newly_passing: int = Field(description="Enterprises whose duty passes then, failing now.")


class RuleImpactOut(BaseModel):
    rule_id: str
    pack: str
    title: str
    newly_failing: int
    newly_passing: int


class RegionWhatIfOut(BaseModel):
    region_code: str
    from_date: date = Field(serialization_alias="from", description="The baseline date.")
    as_of: date
    language: str
    enterprises: int = Field(description="Verified enterprises of the region's subtree.")
    standings: list[StandingMove] = Field(
        description="Enterprises by standing on `from` and on `as_of` (unchanged ones too)."
    )
    duties: list[DutyImpactOut] = Field(description="Duties some enterprise's verdict changes.")
    rules: list[RuleImpactOut] = Field(description="Rules some enterprise's finding changes.")
    values: list[ValueChangeOut] = Field(
        description="The legal values the region's stacks read that change between the dates."
    )
