"""Shapes of compliance reports and of the rule catalogue."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, JsonValue

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
    pack: str = Field(description="The pack the rule belongs to.")
    duty: str = Field(description="The duty the rule governs, shared by every layer's rules on it.")
    article: str = Field(description="The article of the pack's document the rule implements.")
    citation: str = Field(description="Document and article, e.g. 中华人民共和国安全生产法第24条.")
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


class PackRef(BaseModel):
    id: str
    version: str


class AppliedPack(PackRef):
    title: str
    jurisdiction: str = Field(description="Division code of the region the pack governs.")
    document: str


class LayerOut(BaseModel):
    """One level of the enterprise's region and the packs of that level."""

    region: str = Field(description="Division code: 100000 for national law.")
    level: str = Field(description="national, province, prefecture, county or town.")
    packs: list[str] = Field(description="Packs of this level applied; empty: no layer here.")
    not_in_force: list[str] = Field(
        description="Packs of this level whose period does not cover `as_of`."
    )


class DutyOut(BaseModel):
    """A duty as every applicable pack judges it: the strictest finding decides."""

    key: str
    title: str
    status: Status = Field(description="The deciding finding's status.")
    severity: Severity = Field(description="The deciding finding's severity.")
    decided_by: str = Field(description="The rule whose finding decides.")
    rules: list[str] = Field(description="Every rule of the stack on this duty, national first.")
    citations: list[str] = Field(description="The articles of every one of those rules.")


class ReportOut(BaseModel):
    enterprise_id: str
    evaluation_id: str = Field(description="Names this evaluation; a snapshot keeps it.")
    packs: list[AppliedPack] = Field(
        description="The packs applied, national first: the enterprise's stack, or the one "
        "pack asked for."
    )
    layers: list[LayerOut] = Field(
        description="The levels of the enterprise's region and their packs (empty for a pack "
        "asked for alone): a level with none is a layer Anxin does not have."
    )
    as_of: date
    stable_until: date | None = Field(
        description="The earliest date from `as_of` on which a finding can change, from the "
        "rules' declared deadlines (an expiry, a review, a deadline, a period's end)."
    )
    language: str
    summary: Summary
    duties: list[DutyOut] = Field(description="Every duty the packs govern, in stack order.")
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
    duty: str
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
    document: str
    jurisdiction: str = Field(description="Division code of the region subtree it governs.")
    effective_from: date
    effective_to: date | None = Field(description="Last day in force; null while current.")
    rule_count: int
    duties: list[str] = Field(description="The duties its rules govern.")


class AlertOut(BaseModel):
    due: date
    rule_id: str = Field(description="The broadest layer's rule it would break.")
    rule_ids: list[str] = Field(description="Every rule of the stack it would break.")
    kind: str = Field(
        description="What falls due, as a stable code the rule declares (e.g. "
        "`certificate_expiry`, `review_due`, `periodic_exam_due`, `licence_renewal_due`, "
        "`inspection_request_due`, `on_site_shift_due`); packs add codes as they add rules, "
        "so a client should show `message` for a code it does not know."
    )
    record_id: str | None
    person_id: str | None
    message: str
    overdue: bool = Field(description="Due before `as_of` and still not met.")


class SnapshotOut(BaseModel):
    id: str
    evaluation_id: str | None = Field(description="Null for snapshots taken before traces.")
    packs: list[PackRef] = Field(description="The packs applied, national first.")
    as_of: date
    taken_at: datetime
    taken_by: str
    summary: Summary
    findings: list[FindingOut] | None = Field(
        default=None, description="Only when one snapshot is read."
    )


class SnapshotIn(BaseModel):
    as_of: Day | None = Field(default=None, description="Default: today.")
    pack: str | None = Field(
        default=None, max_length=40, description="One pack alone; default: the enterprise's stack."
    )
