"""Art. 18 of pack `huiji-2014`: assessments of principal and officers, special-op certificates
(judged as national law's art. 30 judges them: app/compliance/packs/special_operations.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import ASSESSMENT, SPECIAL_OPERATIONS
from app.compliance.packs.huiji_2014.params import ASSESSMENT_VALIDITY_YEARS, EFFECTIVE_FROM
from app.compliance.packs.huiji_2014.quotes import ART_18_ASSESSMENT, ART_18_SPECIAL_OPERATIONS
from app.compliance.packs.special_operations import (
    special_operation_deadlines,
    special_operations,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.law.special_operations import (
    EXTENDED_REVIEW_YEARS,
    REVIEW_APPLICATION_DAYS,
    REVIEW_YEARS,
)
from app.registry.certificates.periods import add_years
from app.registry.staffing.models import AssessmentCertificate

PRINCIPAL, SAFETY_OFFICER = "principal", "safety_officer"


def assessment_expiry(facts: Facts, certificate: AssessmentCertificate) -> date:
    """The last valid day: as recorded, else the provisional default validity."""
    if certificate.expires_on is not None:
        return certificate.expires_on
    return add_years(certificate.passed_on, facts.value(ASSESSMENT_VALIDITY_YEARS)) - _DAY


_DAY = date(2000, 1, 2) - date(2000, 1, 1)


@dataclass(frozen=True)
class Assessed:
    """How one person stands against art. 18's assessment for a role on the as-of date."""

    valid: AssessmentCertificate | None  # a certificate for the role valid on the date
    in_time: bool  # one for the role passed by the day they took the post (or not required)
    any_for_role: bool
    any_other_role: bool

    @property
    def ok(self) -> bool:
        return self.valid is not None and self.in_time


def assessed(facts: Facts, person_id: str, role: str, since: date) -> Assessed:
    """The person's assessments for `role`: one valid on the date, and, for a post taken on
    or after the pack's start, one passed by then. Earlier appointees are not held to a
    date the pack did not yet set: a valid certificate is what counts for them."""
    held = facts.assessments_of(person_id)
    for_role = [a for a in held if a.assessed_role == role]
    valid = [a for a in for_role if assessment_expiry(facts, a) >= facts.as_of]
    in_time = since < EFFECTIVE_FROM or any(a.passed_on <= since for a in for_role)
    best = max(valid, key=lambda a: assessment_expiry(facts, a), default=None)
    return Assessed(best, in_time, bool(for_role), len(for_role) < len(held))


def _why_not(state: Assessed) -> tuple[str, str]:
    if state.valid is not None:
        return "任职后才考核合格", "passed only after taking the post"
    if state.any_for_role:
        return "考核合格证已过期", "the assessment certificate has expired"
    if state.any_other_role:
        return "持有的考核合格证不是本岗位的", "holds an assessment for another role only"
    return "无考核合格证", "no assessment certificate"


def principal_assessed(facts: Facts) -> Finding:
    """18.1: the principal in post holds an assessment for the principal role, valid on the
    date, passed before taking the post (for posts taken under the pack)."""
    principal = facts.principal_on()
    if principal is None:
        return _unknown(
            "未登记在任主要负责人。", "No principal person in post is recorded on this date."
        )
    state = assessed(facts, principal.person_id, PRINCIPAL, principal.took_office_on)
    if state.ok and state.valid is not None:
        return _pass(
            "主要负责人持有效的主要负责人考核合格证（任职前已考核合格）。",
            "The principal holds a valid assessment for the principal role, passed before "
            "taking the post.",
            (principal.id, state.valid.id),
            assessment_expiry(facts, state.valid),
        )
    zh, en = _why_not(state)
    return _fail(
        f"主要负责人应在任职前通过主要负责人安全生产知识和管理能力考核并持有效证书（{zh}）。",
        "The principal must pass the safety knowledge and management assessment for the "
        f"principal role before taking the post and hold it unexpired ({en}).",
        (principal.id, principal.person_id),
    )


def officers_assessed(facts: Facts) -> Finding:
    """18.2: every safety officer in service holds a valid officer-role assessment, passed
    by the appointment (for appointments under the pack)."""
    officers = facts.officers_in_service()
    if not officers:
        return _na("无在岗安全生产管理人员。", "No safety officer in service.")
    states = [(a, assessed(facts, a.person_id, SAFETY_OFFICER, a.appointed_on)) for a in officers]
    lacking = [(a, state) for a, state in states if not state.ok]
    if lacking:
        reasons = sorted({_why_not(state) for _, state in lacking})
        return _fail(
            f"{len(lacking)}名安全生产管理人员未持有任职前取得的有效安全生产管理人员考核合格证"
            f"（{'；'.join(zh for zh, _ in reasons)}）。",
            f"{len(lacking)} safety officer(s) lack a valid safety-officer assessment passed "
            f"before appointment ({'; '.join(en for _, en in reasons)}).",
            tuple(a.person_id for a, _ in lacking),
        )
    valid = [state.valid for _, state in states if state.valid is not None]
    return _pass(
        "安全生产管理人员均持有效考核合格证。",
        "Every safety officer holds a valid assessment for the role.",
        tuple(a.id for a in officers) + tuple(v.id for v in valid),
        min((assessment_expiry(facts, v) for v in valid), default=None),
    )


def assessment_deadlines(role: str) -> Callable[[Facts], list[Deadline]]:
    """The expiries of the valid role assessments of those the rule judges."""

    def deadlines(facts: Facts) -> list[Deadline]:
        if role == PRINCIPAL:
            principal = facts.principal_on()
            people = [principal.person_id] if principal else []
        else:
            people = [a.person_id for a in facts.officers_in_service()]
        found = []
        for person_id in people:
            for a in facts.assessments_of(person_id):
                expiry = assessment_expiry(facts, a)
                if a.assessed_role == role and expiry >= facts.as_of:
                    found.append(
                        Deadline(
                            expiry,
                            "assessment_expiry",
                            Text("安全生产考核合格证到期", "Assessment certificate expires"),
                            a.id,
                            person_id,
                            concerns=("assessment-certificates",),
                        )
                    )
        return found

    return deadlines


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-18.1",
        "18",
        Text("主要负责人考核", "Principal's assessment"),
        Text("所有企业", "All enterprises"),
        Text(
            "主要负责人任职前参加主要负责人考核并取得合格证，到期前复审换证。",
            "Have the principal pass the principal's assessment before taking the post and "
            "renew it before it expires.",
        ),
        Severity.CRITICAL,
        principal_assessed,
        (ASSESSMENT_VALIDITY_YEARS,),
        assessment_deadlines(PRINCIPAL),
        duty=ASSESSMENT,
        article_text=ART_18_ASSESSMENT,
    ),
    Rule(
        "HJ2014-18.2",
        "18",
        Text("安全生产管理人员考核", "Safety officers' assessment"),
        Text("有在岗安全生产管理人员的企业", "Enterprises with safety officers in service"),
        Text(
            "安全生产管理人员任职前通过安全生产管理人员考核，到期前复审换证。",
            "Have safety officers pass the safety officers' assessment before appointment and "
            "renew it before it expires.",
        ),
        Severity.MAJOR,
        officers_assessed,
        (ASSESSMENT_VALIDITY_YEARS,),
        assessment_deadlines(SAFETY_OFFICER),
        duty=ASSESSMENT,
        article_text=ART_18_ASSESSMENT,
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
        (REVIEW_YEARS, EXTENDED_REVIEW_YEARS, REVIEW_APPLICATION_DAYS),
        special_operation_deadlines,
        duty=SPECIAL_OPERATIONS,
        article_text=ART_18_SPECIAL_OPERATIONS,
    ),
)
