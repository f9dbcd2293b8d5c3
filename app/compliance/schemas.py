"""Shapes of compliance reports and of the rule catalogue."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, JsonValue

from app.compliance.packs import DEFAULT_PACK
from app.compliance.rules import Severity, Status
from app.core.dates import Day


class SourceOut(BaseModel):
    document: str = Field(description="The document, e.g. 惠政文〔2014〕53号 or GBZ 188-2014.")
    article: str = Field(description="Its article, clause or table; empty for the whole text.")


class ValueUsed(BaseModel):
    """A legal value a finding used: which value, in force from which date, from where."""

    parameter: str = Field(description="The parameter's key, as in the rule catalogue.")
    value: JsonValue
    unit: str
    effective_from: date
    effective_to: date | None = Field(description="Last day in force; null while current.")
    source: SourceOut
    provisional: bool = Field(description="Not confirmed from a primary text.")
    note: str | None


class RecordUsedOut(BaseModel):
    id: str
    kind: str = Field(description="The record's kind (its table).")
    dates: dict[str, date] = Field(description="The record's own dates, by field.")


class TraceOut(BaseModel):
    """What decided the finding; enough to explain and replay it."""

    branch: str | None = Field(description="The way the rule decided, where it has several.")
    values: list[ValueUsed]
    records: list[RecordUsedOut] = Field(
        description="The records among the evidence, with the dates that mattered."
    )


class FindingOut(BaseModel):
    rule_id: str
    article: str = Field(description="Article of 惠政文〔2014〕53号 the rule implements.")
    title: str
    severity: Severity = Field(
        description="The severity of the branch that decided (17.1 and 20.2 have one per "
        "branch); `advisory` findings never make a standing fail."
    )
    status: Status
    message: str
    evidence: list[str] = Field(description="Ids of the records used, or of what is lacking.")
    due: date | None
    remediation: str
    provisional: bool = Field(
        description="The finding used a legal value not confirmed from a primary text."
    )
    trace: TraceOut


class Summary(BaseModel):
    by_status: dict[str, int]
    failing_by_severity: dict[str, int]


class ReportOut(BaseModel):
    enterprise_id: str
    evaluation_id: str = Field(description="Names this evaluation; a snapshot keeps it.")
    pack: str
    pack_version: str
    as_of: date
    stable_until: date | None = Field(
        description="The earliest date from `as_of` on which a finding can change, from the "
        "rules' declared deadlines (an expiry, a review, a deadline, a period's end)."
    )
    language: str
    summary: Summary
    findings: list[FindingOut]


class DatedValueOut(BaseModel):
    value: JsonValue
    effective_from: date
    effective_to: date | None
    source: SourceOut
    provisional: bool
    note: str | None


class ParameterOut(BaseModel):
    key: str
    unit: str
    description: str
    values: list[DatedValueOut] = Field(description="Every value over time, oldest first.")


class RuleOut(BaseModel):
    id: str
    article: str
    title: str
    applicability: str
    remediation: str
    severity: Severity
    parameters: list[ParameterOut] = Field(
        description="The legal values the rule reads, each dated with its source."
    )


class PackOut(BaseModel):
    id: str
    version: str
    title: str
    jurisdiction: str
    effective_from: date
    rule_count: int


class AlertOut(BaseModel):
    due: date
    rule_id: str
    kind: str = Field(
        description="certificate_expiry, review_due, registration_expiry, "
        "assessment_expiry, hidden_danger_deadline, major_danger_report_due, "
        "fix_verification_due, hazard_source_filing_due, commitment_due, "
        "monthly_analysis_due, annual_training_due, periodic_exam_due or "
        "standardization_expiry."
    )
    record_id: str | None
    person_id: str | None
    message: str
    overdue: bool = Field(description="Due before `as_of` and still not met.")


class SnapshotOut(BaseModel):
    id: str
    evaluation_id: str | None = Field(description="Null for snapshots taken before traces.")
    pack: str
    pack_version: str
    as_of: date
    taken_at: datetime
    taken_by: str
    summary: Summary
    findings: list[FindingOut] | None = Field(
        default=None, description="Only when one snapshot is read."
    )


class SnapshotIn(BaseModel):
    as_of: Day | None = Field(default=None, description="Default: today.")
    pack: str = Field(default=DEFAULT_PACK, max_length=40)
