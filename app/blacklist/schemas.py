"""Request and response shapes of the regulators' blacklist API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from app.blacklist.catalog import (
    MAX_LISTING_MONTHS,
    Deceit,
    EntryStatus,
    LegalBasis,
    ProposalKind,
    ProposalStatus,
    ReasonCategory,
    RemovalReason,
    RepairCondition,
    ResponsibleRole,
)
from app.core.dates import PastDay, RecordDay
from app.core.validators import normalize_code
from app.core.validators.json_types import JSON_INTEGER
from app.core.validators.text import NOT_BLANK, TRIMMED
from app.regions.codes import REGION_CODE_PATTERN


def _text(max_length: int) -> object:
    return StringConstraints(min_length=1, max_length=max_length), NOT_BLANK, TRIMMED


Name = Annotated[str, _text(200)]
ShortText = Annotated[str, _text(100)]
LongText = Annotated[str, _text(5000)]
ListingMonths = Annotated[int, Field(ge=1, le=MAX_LISTING_MONTHS), JSON_INTEGER]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored


class ResponsiblePersonIn(Strict):
    role: ResponsibleRole
    name: ShortText
    id_number: str | None = Field(
        default=None,
        max_length=40,
        description="Resident ID number: stored encrypted, shown masked to regulators, "
        "never public.",
    )


class ResponsiblePersonOut(BaseModel):
    role: ResponsibleRole
    name: str
    id_number_masked: str | None


class PenaltyDecisionIn(Strict):
    """The administrative penalty decision (行政处罚决定) a listing rests on."""

    number: ShortText = Field(description="Its document number (文号).")
    decided_on: PastDay = Field(description="Its date; not after the listing starts.")
    authority: Name = Field(description="The department that imposed it.")


class PenaltyDecisionOut(BaseModel):
    number: str
    decided_on: date
    authority: str


class RepairConditionIn(Strict):
    condition: RepairCondition
    evidence: LongText = Field(description="What shows it is met (a receipt, a report …).")


class RepairConditionOut(BaseModel):
    condition: RepairCondition
    evidence: str


class EntryIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "credit_code": "91410108MA9X8TQM1U",
                    "subject_name": "郑州某化工有限公司",
                    "legal_representative": "李四",
                    "region_code": "410108101",
                    "reason": "refusing_hidden_danger_remedy",
                    "legal_basis": "mem_2023",
                    "facts": "储罐区重大事故隐患经责令整改逾期未整改。",
                    "deciding_authority": "惠济区应急管理局",
                    "decision_number": "惠应急失信〔2026〕1号",
                    "penalty_decision": {
                        "number": "（惠）应急罚〔2026〕15号",
                        "decided_on": "2026-05-12",
                        "authority": "惠济区应急管理局",
                    },
                    "effective_from": "2026-06-01",
                    "responsible_people": [{"role": "principal", "name": "李四"}],
                }
            ]
        },
    )

    credit_code: str = Field(
        min_length=18, max_length=40, description="Unified social credit code of the subject."
    )
    subject_name: Name
    legal_representative: ShortText
    region_code: str | None = Field(
        default=None,
        pattern=REGION_CODE_PATTERN,
        description="Where the subject sits, inside your region. Default: the region of the "
        "verified enterprise holding the credit code; required for unregistered subjects.",
    )
    reason: ReasonCategory = Field(
        description="Must be one its legal basis lists for (docs/api.md, decision 67)."
    )
    legal_basis: LegalBasis = Field(
        description="Fixes the listing period; `mem_2023` listings start 2023-10-01 or later "
        "and need `penalty_decision`."
    )
    listing_months: ListingMonths | None = Field(
        default=None,
        description="Only where the legal basis sets no period (huiji_2014), and then required.",
    )
    facts: LongText
    deciding_authority: Name
    decision_number: ShortText
    penalty_decision: PenaltyDecisionIn | None = Field(
        default=None,
        description="The administrative penalty decision the listing rests on: required under "
        "`mem_2023` (order 11 art. 3), dated on or before `effective_from`.",
    )
    effective_from: RecordDay
    responsible_people: list[ResponsiblePersonIn] = Field(default_factory=list, max_length=20)

    @field_validator("credit_code")
    @classmethod
    def _normalized(cls, value: str) -> str:
        return normalize_code(value)


class CorrectionIn(Strict):
    """Fields to correct (at least one) and why. A correction of a published entry takes
    effect when a second person approves it."""

    reason_for_correction: LongText
    subject_name: Name | None = None
    legal_representative: ShortText | None = None
    reason: ReasonCategory | None = None
    facts: LongText | None = None
    deciding_authority: Name | None = None
    decision_number: ShortText | None = None
    penalty_decision: PenaltyDecisionIn | None = None
    effective_from: RecordDay | None = None
    listing_months: ListingMonths | None = None
    responsible_people: list[ResponsiblePersonIn] | None = Field(default=None, max_length=20)


class RemovalIn(Strict):
    reason: RemovalReason
    basis: LongText = Field(description="The decision or ruling the removal rests on.")
    removed_on: RecordDay | None = Field(
        default=None, description="First day no longer listed. Default: the day it is approved."
    )
    repair_conditions: list[RepairConditionIn] | None = Field(
        default=None,
        max_length=10,
        description="For `credit_repair` only: the conditions the early removal relies on, "
        "each once; under `mem_2023` all five (a provisional list, docs/api.md).",
    )


class RestorationIn(Strict):
    """An early removal obtained by deceit, revoked: the listing is restored to its original
    end once a second person approves."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "deceit": "fraud",
                    "basis": "经核查，信用修复申请所附整改验收报告系伪造，撤销提前移出决定"
                    "（惠应急撤〔2027〕2号）。",
                }
            ]
        },
    )

    deceit: Deceit = Field(description="Concealment (隐瞒真实情况) or fraud (弄虚作假).")
    basis: LongText = Field(description="The finding and the decision revoking the removal.")


class DecisionIn(Strict):
    note: Annotated[str, _text(2000)] | None = None


class WarningOut(BaseModel):
    code: str
    message: str


class EntryOut(BaseModel):
    id: str
    status: EntryStatus
    public_version: int = Field(description="Version of the public record; 0 until published.")
    credit_code: str
    subject_name: str
    legal_representative: str
    responsible_people: list[ResponsiblePersonOut]
    region_code: str
    regulator_id: str
    reason: ReasonCategory
    legal_basis: LegalBasis
    listing_months: int
    facts: str
    deciding_authority: str
    decision_number: str
    penalty_decision: PenaltyDecisionOut | None = Field(
        description="The penalty decision the listing rests on (null on older listings)."
    )
    effective_from: date
    expires_on: date = Field(description="The last day listed.")
    removed_on: date | None = Field(description="The first day no longer listed.")
    removal_reason: RemovalReason | None
    removal_basis: str | None
    repair_conditions: list[RepairConditionOut] | None = Field(
        description="What an early removal (credit repair) relied on."
    )
    warnings: list[WarningOut] = Field(
        description="Things to check before publishing, e.g. `outside_basis_scope`."
    )
    proposed_by: str
    proposed_at: datetime
    published_by: str | None
    published_at: datetime | None
    pending_proposals: int


class ProposalOut(BaseModel):
    id: str
    entry_id: str
    kind: ProposalKind
    status: ProposalStatus
    changes: dict[str, object] = Field(description="For a correction: the fields it sets.")
    reason: str
    removal_reason: RemovalReason | None
    removed_on: date | None
    repair_conditions: list[RepairConditionOut] | None
    deceit: Deceit | None = Field(description="For a restoration: how the removal was obtained.")
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None


class EntryEventOut(BaseModel):
    id: str
    action: str
    actor_id: str | None
    at: datetime
    proposal_id: str | None
    note: str | None
    change_seq: int | None = Field(description="The change-feed number, for public events.")
    state: dict[str, object]
