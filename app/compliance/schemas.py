"""Shapes of compliance reports and of the rule catalogue."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from app.compliance.model import Severity, Status
from app.core.dates import Day


class FindingOut(BaseModel):
    rule_id: str
    article: str = Field(description="Article of 惠政文〔2014〕53号 the rule implements.")
    title: str
    severity: Severity
    status: Status
    message: str
    evidence: list[str] = Field(description="Ids of the records used, or of what is lacking.")
    due: date | None
    remediation: str


class Summary(BaseModel):
    by_status: dict[str, int]
    failing_by_severity: dict[str, int]


class ReportOut(BaseModel):
    enterprise_id: str
    pack: str
    pack_version: str
    as_of: date
    language: str
    summary: Summary
    findings: list[FindingOut]


class RuleOut(BaseModel):
    id: str
    article: str
    title: str
    applicability: str
    remediation: str
    severity: Severity


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
        "assessment_expiry, hidden_danger_deadline, commitment_due, "
        "monthly_analysis_due, annual_training_due, periodic_exam_due or "
        "standardization_expiry."
    )
    record_id: str | None
    person_id: str | None
    message: str


class SnapshotOut(BaseModel):
    id: str
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
    pack: str = Field(default="huiji-2014", max_length=40)
