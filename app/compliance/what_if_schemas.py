"""Shapes of a what-if: the findings and legal values that differ between two dates."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

from app.compliance.rules import Severity, Status
from app.compliance.schemas import DatedValueOut, DutyOut, PackRef
from app.core.dates import Day

PackId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{1,40}$")]
ParameterKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,99}$")]
RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$")]


class DraftIn(BaseModel):
    """A proposed version of one pack: new legal values from a date, rules repealed."""

    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored

    pack: PackId = Field(description="The pack drafted (see `GET /v1/compliance/packs`).")
    title: str = Field(
        min_length=1,
        max_length=100,
        description="The draft's name, shown as the source of every value it sets, e.g. "
        "《河南省安全生产条例（修订草案征求意见稿）》.",
    )
    effective_from: Day = Field(description="The day the drafted values would apply from.")
    values: dict[ParameterKey, JsonValue] = Field(
        default_factory=dict,
        max_length=100,
        # The keys' pattern binds every key: without this the schema's patternProperties
        # would leave other keys open, which the server refuses.
        json_schema_extra={"additionalProperties": False},
        description="New values by parameter key (the pack's own, as `GET "
        "/v1/compliance/packs/{id}` lists them), each shaped like the value it succeeds: "
        "a whole number, a decimal (number or text), a list for a set, an object for a map.",
    )
    repeal: list[RuleId] = Field(
        default_factory=list, max_length=100, description="Ids of the pack's rules repealed."
    )


class WhatIfIn(BaseModel):
    """A what-if against a draft: the law in force on `from` against the law as drafted on
    `as_of`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_date: Day | None = Field(
        default=None,
        alias="from",
        description="The baseline date, judged by the law in force; default: today.",
    )
    as_of: Day | None = Field(
        default=None,
        description="The date judged under the draft; default: the later of `from` and the "
        "draft's `effective_from`.",
    )
    pack: PackId | None = Field(
        default=None, description="One pack alone; default: the enterprise's stack."
    )
    draft: DraftIn


class DraftOut(BaseModel):
    pack: str
    version: str = Field(description="The drafted version, e.g. `2019+draft`.")
    title: str
    effective_from: date
    values: list[str] = Field(description="The parameters the draft sets.")
    repealed: list[str]


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
    draft: DraftOut | None = Field(
        default=None, description="The draft `as_of` was judged under, if any."
    )
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
    draft: DraftOut | None = Field(
        default=None, description="The draft `as_of` was judged under, if any."
    )
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
