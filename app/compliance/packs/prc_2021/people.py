"""Arts. 27 para 2 and 30 of pack `prc-2021`: the assessment of the principal and safety
officers of high-risk units, and special operations done by certified workers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import ASSESSMENT, SPECIAL_OPERATIONS
from app.compliance.packs.prc_2021.high_risk import HIGH_RISK_PARAMETERS, activity, is_high_risk
from app.compliance.packs.prc_2021.params import (
    ASSESSMENT_GRACE_CATEGORIES,
    ASSESSMENT_GRACE_MONTHS,
    ASSESSMENT_VALIDITY_YEARS,
)
from app.compliance.packs.prc_2021.quotes import ART_27_2, ART_30
from app.compliance.packs.special_operations import (
    special_operation_deadlines,
    special_operations_in_catalogue,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.core.calendar import add_months
from app.law.special_operations import (
    CATALOGUE,
    EXTENDED_REVIEW_YEARS,
    REVIEW_APPLICATION_DAYS,
    REVIEW_YEARS,
)
from app.registry.certificates.periods import add_years
from app.registry.staffing.models import AssessmentCertificate

PRINCIPAL, SAFETY_OFFICER = "principal", "safety_officer"
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Post:
    """Someone art. 27 para 2 asks to be assessed: the principal or a safety officer."""

    record_id: str  # the appointment
    person_id: str
    role: str
    since: date


def _posts(facts: Facts) -> list[Post]:
    posts = [
        Post(a.id, a.person_id, SAFETY_OFFICER, a.appointed_on) for a in facts.officers_in_service()
    ]
    if (principal := facts.principal_on()) is not None:
        posts.insert(
            0, Post(principal.id, principal.person_id, PRINCIPAL, principal.took_office_on)
        )
    return posts


def _expiry(facts: Facts, certificate: AssessmentCertificate) -> date:
    """The last valid day: as recorded, else the provisional default validity."""
    if certificate.expires_on is not None:
        return certificate.expires_on
    return add_years(certificate.passed_on, facts.value(ASSESSMENT_VALIDITY_YEARS)) - _DAY


def _valid(facts: Facts, post: Post) -> AssessmentCertificate | None:
    """The certificate for the post's role valid on the date that runs longest, if any."""
    valid = [
        a
        for a in facts.assessments_of(post.person_id)
        if a.assessed_role == post.role and _expiry(facts, a) >= facts.as_of
    ]
    return max(valid, key=lambda a: _expiry(facts, a), default=None)


def _grace_ends(facts: Facts, post: Post) -> date | None:
    """The last day of the period after taking the post within which the assessment may
    still be passed, in the sectors that have one; None elsewhere (the law sets no timing)."""
    if activity(facts) not in facts.value(ASSESSMENT_GRACE_CATEGORIES):
        return None
    return add_months(post.since, facts.value(ASSESSMENT_GRACE_MONTHS))


def assessed(facts: Facts) -> Finding:
    """27.2: the principal and every safety officer in service of a high-risk unit hold a
    valid assessment for their role (within the grace period after taking the post, where
    the sector has one, none is needed yet). Construction's A (principal) and C (officer)
    certificates are recorded as the role they certify. Critical when the principal lacks
    it, major when only officers do."""
    if not is_high_risk(facts):
        return _na(
            "仅适用于第二十四条所列高危行业单位。",
            "High-risk units (the art. 24 list) only.",
        )
    posts = _posts(facts)
    lacking: list[Post] = []
    used: list[str] = []
    changes: list[date] = []
    for post in posts:
        certificate = _valid(facts, post)
        if certificate is not None:
            used.append(certificate.id)
            changes.append(_expiry(facts, certificate))
        elif (grace := _grace_ends(facts, post)) is not None and facts.as_of <= grace:
            changes.append(grace)
        else:
            lacking.append(post)
    principal_lacks = any(p.role == PRINCIPAL for p in lacking)
    if lacking:
        return _fail(
            f"{len(lacking)}名主要负责人或安全生产管理人员未持有效的本岗位安全生产知识和管理能力"
            "考核合格证" + ("（含主要负责人）。" if principal_lacks else "。"),
            f"{len(lacking)} principal or safety officer(s) lack a valid assessment for their "
            "role" + (" (the principal among them)." if principal_lacks else "."),
            tuple(p.person_id for p in lacking),
            branch=PRINCIPAL if principal_lacks else SAFETY_OFFICER,
            severity=Severity.CRITICAL if principal_lacks else Severity.MAJOR,
        )
    if not any(p.role == PRINCIPAL for p in posts):
        return _unknown(
            "未登记在任主要负责人。", "No principal person in post is recorded on this date."
        )
    return _pass(
        "主要负责人和安全生产管理人员均持有效考核合格证（或在任职后的考核期限内）。",
        "The principal and every safety officer hold a valid assessment for their role (or "
        "are within the period after taking the post).",
        tuple(p.record_id for p in posts) + tuple(used),
        min(changes) if changes else None,
    )


def assessment_deadlines(facts: Facts) -> list[Deadline]:
    """Valid certificates' expiries and grace periods' ends, of high-risk units' posts."""
    if not is_high_risk(facts):
        return []
    found = []
    for post in _posts(facts):
        certificate = _valid(facts, post)
        if certificate is not None:
            found.append(
                Deadline(
                    _expiry(facts, certificate),
                    "assessment_expiry",
                    Text("安全生产考核合格证到期", "Assessment certificate expires"),
                    certificate.id,
                    post.person_id,
                    concerns=("assessment-certificates",),
                )
            )
        elif (grace := _grace_ends(facts, post)) is not None:
            found.append(
                Deadline(
                    grace,
                    "assessment_due",
                    Text("任职后应考核合格", "Assessment due after taking the post"),
                    post.record_id,
                    post.person_id,
                    concerns=("assessment-certificates",),
                )
            )
    return found


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-27.2",
        "27",
        Text("主要负责人和安全生产管理人员考核", "Assessment of the principal and safety officers"),
        Text("第二十四条所列高危行业单位", "High-risk units (the art. 24 list)"),
        Text(
            "主要负责人和安全生产管理人员经主管部门考核合格，持有效的本岗位考核合格证"
            "（矿山、危险化学品、烟花爆竹、金属冶炼单位自任职之日起6个月内）。",
            "Have the principal and safety officers pass the authority's assessment for their "
            "role and keep it valid (in mines, hazardous chemicals, fireworks and metal "
            "smelting, within 6 months of taking the post).",
        ),
        Severity.CRITICAL,  # the principal's; officers' findings are major
        assessed,
        (
            ASSESSMENT_VALIDITY_YEARS,
            ASSESSMENT_GRACE_MONTHS,
            ASSESSMENT_GRACE_CATEGORIES,
            *HIGH_RISK_PARAMETERS,
        ),
        assessment_deadlines,
        duty=ASSESSMENT,
        article_text=ART_27_2,
    ),
    Rule(
        "PRC2021-30.1",
        "30",
        Text("特种作业持证上岗", "Special operations by certified workers"),
        Text(
            "登记了特种作业岗位的单位（按当日特种作业目录）",
            "Units recording special-operation assignments (by the catalogue of the day)",
        ),
        Text(
            "特种作业人员持有效操作证并按期复审。",
            "Hold a valid certificate for each special operation and review it on time.",
        ),
        Severity.CRITICAL,
        special_operations_in_catalogue,
        (CATALOGUE, REVIEW_YEARS, EXTENDED_REVIEW_YEARS, REVIEW_APPLICATION_DAYS),
        special_operation_deadlines,
        duty=SPECIAL_OPERATIONS,
        article_text=ART_30,
    ),
)
