"""Art. 18 of pack `huiji-2014`: assessments of principal and officers, special-op certificates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from app.compliance.facts import Facts, in_period
from app.compliance.model import Finding, Rule, Severity, Text
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.registry.certificates.models import SpecialOperationCertificate
from app.registry.certificates.periods import review_due


def principal_assessed(facts: Facts) -> Finding:
    """18.1: the principal in post passed the assessment on or before taking the post."""
    principal = facts.principal_on()
    if principal is None:
        return _unknown(
            "未登记在任主要负责人。", "No principal person in post is recorded on this date."
        )
    passed = [
        a
        for a in facts.assessments_of(principal.person_id)
        if a.passed_on <= principal.took_office_on
    ]
    if passed:
        return _pass(
            "主要负责人任职前已考核合格。",
            "The principal passed the assessment before taking the post.",
            (principal.id, passed[0].id),
        )
    return _fail(
        "主要负责人应在任职前通过安全生产知识和管理能力考核。",
        "The principal must pass the safety knowledge and management assessment "
        "before taking the post.",
        (principal.person_id,),
    )


def officers_assessed(facts: Facts) -> Finding:
    """18.2: every safety officer in service passed the assessment by the appointment."""
    officers = facts.officers_in_service()
    if not officers:
        return _na("无在岗安全生产管理人员。", "No safety officer in service.")
    lacking = tuple(
        a.person_id
        for a in officers
        if not any(c.passed_on <= a.appointed_on for c in facts.assessments_of(a.person_id))
    )
    if lacking:
        return _fail(
            f"{len(lacking)}名安全生产管理人员任职前未考核合格。",
            f"{len(lacking)} safety officer(s) lack an assessment passed before appointment.",
            lacking,
        )
    return _pass(
        "安全生产管理人员均已考核合格。",
        "Every safety officer passed the assessment.",
        tuple(a.id for a in officers),
    )


def _valid_until(c: SpecialOperationCertificate) -> date:
    """The certificate's expiry, or its review date where that comes first."""
    return min(
        c.expires_on, review_due(c.issued_on, c.last_review_on, c.expires_on, c.six_year_review)
    )


def special_operations(facts: Facts) -> Finding:
    """18.3: everyone assigned a special operation holds a valid, reviewed certificate."""
    assigned = [
        a
        for a in facts.assignments
        if in_period(a.started_on, a.ended_on, facts.as_of) and facts.in_service(a.person_id)
    ]
    if not assigned:
        return _na("未登记特种作业岗位人员。", "No special-operation assignment is recorded.")
    held: dict[tuple[str, str], list[SpecialOperationCertificate]] = defaultdict(list)
    for certificate in facts.certificates:
        held[certificate.person_id, certificate.category].append(certificate)
    lacking: list[str] = []
    due_dates: list[date] = []
    for assignment in assigned:
        valid = [
            c
            for c in held.get((assignment.person_id, assignment.category), [])
            if c.issued_on <= facts.as_of and _valid_until(c) >= facts.as_of
        ]
        if valid:
            due_dates.extend(_valid_until(c) for c in valid)
        else:
            lacking.append(f"{assignment.person_id}:{assignment.category}")
    if lacking:
        return _fail(
            f"{len(lacking)}人次特种作业人员无有效操作证或逾期未复审。",
            f"{len(lacking)} assignment(s) lack a valid, reviewed certificate.",
            tuple(lacking),
        )
    return _pass(
        "特种作业人员均持有效操作证。",
        "Every special operation is done with a valid certificate.",
        due=min(due_dates) if due_dates else None,
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-18.1",
        "18",
        Text("主要负责人考核", "Principal's assessment"),
        Text("所有企业", "All enterprises"),
        Text(
            "主要负责人任职前参加考核并取得合格证。",
            "Have the principal pass the assessment before taking the post.",
        ),
        Severity.CRITICAL,
        principal_assessed,
    ),
    Rule(
        "HJ2014-18.2",
        "18",
        Text("安全生产管理人员考核", "Safety officers' assessment"),
        Text("有在岗安全生产管理人员的企业", "Enterprises with safety officers in service"),
        Text(
            "安全生产管理人员任职前考核合格。",
            "Have safety officers pass the assessment before appointment.",
        ),
        Severity.MAJOR,
        officers_assessed,
    ),
    Rule(
        "HJ2014-18.3",
        "18",
        Text("特种作业持证上岗", "Special operations with certificates"),
        Text("登记了特种作业岗位的企业", "Enterprises recording special-operation assignments"),
        Text(
            "特种作业人员持有效操作证并按期复审。",
            "Hold a valid certificate for each special operation and review it on time.",
        ),
        Severity.CRITICAL,
        special_operations,
    ),
)
