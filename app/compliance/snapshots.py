"""Taking and reading compliance snapshots."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.compliance.engine import Evaluation, severity_of
from app.compliance.models import ComplianceSnapshot
from app.compliance.trace import finding_trace
from app.core import clock
from app.core.ids import new_id
from app.identity.auditing import audit
from app.identity.principal import Principal

_NO_TRACE: dict[str, Any] = {"branch": None, "values": [], "records": []}


def take(
    session: Session,
    evaluation: Evaluation,
    enterprise_id: str,
    principal: Principal,
    request_id: str | None,
) -> ComplianceSnapshot:
    findings = [
        {
            "rule_id": rule.id,
            "article": rule.article,
            "severity": severity_of(rule, finding).value,
            "status": finding.status.value,
            "evidence": list(finding.evidence),
            "due": finding.due.isoformat() if finding.due else None,
            "title": {"zh": rule.title.zh, "en": rule.title.en},
            "message": {"zh": finding.message.zh, "en": finding.message.en},
            "remediation": {"zh": rule.remediation.zh, "en": rule.remediation.en},
            "provisional": finding.provisional,
            "trace": finding_trace(finding),
        }
        for rule, finding in evaluation.results
    ]
    summary = {
        "by_status": evaluation.counts(),
        "failing_by_severity": evaluation.failing_by_severity(),
    }
    snapshot = ComplianceSnapshot(
        id=new_id("csn"),
        enterprise_id=enterprise_id,
        pack=evaluation.pack.id,
        pack_version=evaluation.pack.version,
        as_of=evaluation.as_of,
        taken_at=clock.now(),
        taken_by=principal.id,
        # The evaluation's id rides with the summary (older snapshots have none).
        summary=json.dumps({**summary, "evaluation_id": evaluation.id}),
        findings=json.dumps(findings, ensure_ascii=False),
    )
    session.add(snapshot)
    session.flush()
    audit(
        session,
        actor=principal,
        action="compliance.snapshot",
        resource_type="compliance_snapshot",
        resource_id=snapshot.id,
        subject_organization_id=enterprise_id,
        request_id=request_id,
        changes={"as_of": evaluation.as_of, "pack": evaluation.pack.id, **summary},
    )
    return snapshot


def statement(enterprise_id: str) -> Select[ComplianceSnapshot]:
    return select(ComplianceSnapshot).where(ComplianceSnapshot.enterprise_id == enterprise_id)


def summary(snapshot: ComplianceSnapshot) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(snapshot.summary)
    value.pop("evaluation_id", None)
    return value


def evaluation_id(snapshot: ComplianceSnapshot) -> str | None:
    value: str | None = json.loads(snapshot.summary).get("evaluation_id")
    return value


def findings(snapshot: ComplianceSnapshot, language: str) -> list[dict[str, Any]]:
    """The stored findings, with texts in `language`."""
    shown = []
    for item in json.loads(snapshot.findings):
        shown.append(
            {
                **{k: v for k, v in item.items() if k not in ("title", "message", "remediation")},
                "title": item["title"][language],
                "message": item["message"][language],
                "remediation": item["remediation"][language],
                # Snapshots taken before findings carried traces.
                "provisional": item.get("provisional", False),
                "trace": item.get("trace", _NO_TRACE),
            }
        )
    return shown
