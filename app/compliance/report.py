"""An evaluation as the API shows it: the packs and layers applied, every duty with the
finding that decides it, and every finding with its citation and trace."""

from __future__ import annotations

from app.compliance.engine import DutyVerdict, Evaluation, severity_of
from app.compliance.rules import Finding, Pack, Rule
from app.compliance.schemas import (
    AppliedPack,
    DutyOut,
    FindingOut,
    LayerOut,
    ReportOut,
    Summary,
    TraceOut,
)
from app.compliance.trace import finding_trace


def report_out(evaluation: Evaluation, enterprise_id: str, language: str) -> ReportOut:
    return ReportOut(
        enterprise_id=enterprise_id,
        evaluation_id=evaluation.id,
        packs=[applied_pack(p, language) for p in evaluation.packs],
        layers=[
            LayerOut(
                region=layer.region,
                level=layer.level,
                packs=[p.id for p in layer.packs],
                not_in_force=[p.id for p in layer.not_in_force],
            )
            for layer in evaluation.stack.layers
        ],
        as_of=evaluation.as_of,
        stable_until=evaluation.stable_until(),
        language=language,
        summary=Summary(
            by_status=evaluation.counts(), failing_by_severity=evaluation.failing_by_severity()
        ),
        duties=[duty_out(verdict, language) for verdict in evaluation.duties()],
        findings=[finding_out(p, r, f, language) for p, r, f in evaluation.by_pack()],
    )


def applied_pack(pack: Pack, language: str) -> AppliedPack:
    return AppliedPack(
        id=pack.id,
        version=pack.version,
        title=pack.title.get(language),
        jurisdiction=pack.jurisdiction,
        document=pack.document,
    )


def duty_out(verdict: DutyVerdict, language: str) -> DutyOut:
    return DutyOut(
        key=verdict.duty.key,
        title=verdict.duty.title.get(language),
        status=verdict.status,
        severity=verdict.severity,
        decided_by=verdict.deciding[1].id,
        rules=[rule.id for _, rule, _ in verdict.findings],
        citations=[pack.cite(rule.article, language) for pack, rule, _ in verdict.findings],
    )


def finding_out(pack: Pack, rule: Rule, finding: Finding, language: str) -> FindingOut:
    return FindingOut(
        rule_id=rule.id,
        pack=pack.id,
        duty=rule.duty.key,
        article=rule.article,
        citation=pack.cite(rule.article, language),
        title=rule.title.get(language),
        severity=severity_of(rule, finding),
        status=finding.status,
        message=finding.message.get(language),
        evidence=list(finding.evidence),
        due=finding.due,
        remediation=rule.remediation.get(language),
        provisional=finding.provisional,
        trace=TraceOut.model_validate(finding_trace(finding)),
    )
