"""Art. 17 of pack `henan-2019`: high-risk units' principal and safety officers assessed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import ASSESSMENT
from app.compliance.packs.henan_2019.high_risk import HIGH_RISK_PARAMETERS, high_risk_category
from app.compliance.packs.henan_2019.params import (
    ASSESSMENT_GRACE_CATEGORIES,
    ASSESSMENT_GRACE_MONTHS,
    ASSESSMENT_VALIDITY_YEARS,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.core.calendar import add_months
from app.registry.certificates.periods import add_years
from app.registry.staffing.models import AssessmentCertificate

PRINCIPAL, SAFETY_OFFICER = "principal", "safety_officer"
# A finding's branch: who decided it.
PRINCIPAL_BRANCH, OFFICERS_BRANCH = "principal", "officers"
_DAY = timedelta(days=1)


def certificate_expiry(facts: Facts, certificate: AssessmentCertificate) -> date:
    """The last valid day: as recorded, else the provisional default validity."""
    if certificate.expires_on is not None:
        return certificate.expires_on
    return add_years(certificate.passed_on, facts.value(ASSESSMENT_VALIDITY_YEARS)) - _DAY


def grace_ends(facts: Facts, since: date) -> date | None:
    """The last day someone who took the post on `since` may still be unassessed, in the
    sectors with a grace period: the corresponding day `months` later (民法典 arts. 201–202:
    the first day is not counted, the period ends on the corresponding day); None elsewhere,
    where the certificate is due on the day of taking the post."""
    if high_risk_category(facts) not in facts.value(ASSESSMENT_GRACE_CATEGORIES):
        return None
    return add_months(since, facts.value(ASSESSMENT_GRACE_MONTHS))


@dataclass(frozen=True)
class Standing:
    """One person against art. 17 for a role on the as-of date."""

    valid: AssessmentCertificate | None  # a certificate for the role valid on the date
    grace_until: date | None  # unassessed, but within the grace period until this day
    reason: Text | None  # why neither, for a failing finding

    @property
    def ok(self) -> bool:
        return self.valid is not None or self.grace_until is not None


def standing(facts: Facts, person_id: str, role: str, since: date) -> Standing:
    held = facts.assessments_of(person_id)
    for_role = [a for a in held if a.assessed_role == role]
    valid = [a for a in for_role if certificate_expiry(facts, a) >= facts.as_of]
    if valid:
        return Standing(max(valid, key=lambda a: certificate_expiry(facts, a)), None, None)
    grace = grace_ends(facts, since)
    if grace is not None and facts.as_of <= grace:
        return Standing(None, grace, None)
    if for_role:
        reason = Text("考核合格证已过期", "the assessment certificate has expired")
    elif held:
        reason = Text("持有的考核合格证不是本岗位的", "holds an assessment for another role only")
    else:
        reason = Text("无考核合格证", "no assessment certificate")
    return Standing(None, None, reason)


def _reasons(states: list[Standing], language: str) -> str:
    separator = "；" if language == "zh" else "; "
    texts = sorted({s.reason.get(language) for s in states if s.reason is not None})
    return separator.join(texts)


def assessed(facts: Facts) -> Finding:
    """17.1: in a high-risk unit the principal in post and every safety officer in service
    hold a valid assessment for their role (or are within the grace period where one
    applies). The principal failing is critical; officers failing, major."""
    category = high_risk_category(facts)
    if category is None:
        return _na(
            "仅适用于第十七条所列高危行业单位（其他单位的负责人应具备相应知识和能力，不考核）。",
            "Units of the art. 17 high-risk list only (others' managers need the knowledge, "
            "not an assessment).",
        )
    principal = facts.principal_on()
    if principal is None:
        return _unknown(
            "未登记在任主要负责人。",
            "No principal person in post is recorded on this date.",
            branch=PRINCIPAL_BRANCH,
        )
    head = standing(facts, principal.person_id, PRINCIPAL, principal.took_office_on)
    officers = facts.officers_in_service()
    states = [(a, standing(facts, a.person_id, SAFETY_OFFICER, a.appointed_on)) for a in officers]
    lacking = [(a, s) for a, s in states if not s.ok]
    if not head.ok:
        return _fail(
            f"高危行业单位（{category}）的主要负责人应经安全生产知识和管理能力考核合格并持有效"
            f"证书（{_reasons([head], 'zh')}）"
            + (f"；另有{len(lacking)}名安全生产管理人员未考核合格。" if lacking else "。"),
            f"The principal of a high-risk unit ({category}) must pass the safety knowledge "
            f"and management assessment and hold it unexpired ({_reasons([head], 'en')})"
            + (f"; {len(lacking)} safety officer(s) lack one too." if lacking else "."),
            (principal.id, principal.person_id, *(a.person_id for a, _ in lacking)),
            branch=PRINCIPAL_BRANCH,
            severity=Severity.CRITICAL,
        )
    if lacking:
        missing = [s for _, s in lacking]
        return _fail(
            f"{len(lacking)}名安全生产管理人员未持有效的安全生产管理人员考核合格证"
            f"（{_reasons(missing, 'zh')}）。",
            f"{len(lacking)} safety officer(s) lack a valid safety-officer assessment "
            f"({_reasons(missing, 'en')}).",
            tuple(a.person_id for a, _ in lacking),
            branch=OFFICERS_BRANCH,
            severity=Severity.MAJOR,
        )
    everyone = [head, *(s for _, s in states)]
    changes = [certificate_expiry(facts, s.valid) for s in everyone if s.valid is not None]
    changes += [s.grace_until for s in everyone if s.grace_until is not None]
    in_grace = any(s.grace_until is not None for s in everyone)
    used = tuple(s.valid.id for s in everyone if s.valid is not None)
    return _pass(
        "主要负责人和安全生产管理人员均持有效考核合格证"
        + ("（部分人员在任职后考核期限内）。" if in_grace else "。"),
        "The principal and every safety officer hold a valid assessment"
        + (" (some still within the period after taking the post)." if in_grace else "."),
        (principal.id, *(a.id for a in officers), *used),
        min(changes),
    )


def assessment_deadlines(facts: Facts) -> list[Deadline]:
    """The expiries of the valid role assessments of those the rule judges, and the ends
    of grace periods of those not yet assessed."""
    if high_risk_category(facts) is None:
        return []
    principal = facts.principal_on()
    judged = [(principal.person_id, PRINCIPAL, principal.took_office_on)] if principal else []
    judged += [(a.person_id, SAFETY_OFFICER, a.appointed_on) for a in facts.officers_in_service()]
    found = []
    for person_id, role, since in judged:
        state = standing(facts, person_id, role, since)
        if state.valid is not None:
            found.append(
                Deadline(
                    certificate_expiry(facts, state.valid),
                    "assessment_expiry",
                    Text("安全生产考核合格证到期", "Assessment certificate expires"),
                    state.valid.id,
                    person_id,
                    concerns=("assessment-certificates",),
                )
            )
        elif state.grace_until is not None:
            found.append(
                Deadline(
                    state.grace_until,
                    "assessment_due",
                    Text("任职后应考核合格", "Assessment due after taking the post"),
                    person_id=person_id,
                    concerns=("assessment-certificates",),
                )
            )
    return found


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-17.1",
        "17",
        Text("主要负责人和安全生产管理人员考核", "Assessment of the principal and safety officers"),
        Text("第十七条所列高危行业单位", "High-risk units listed in art. 17"),
        Text(
            "主要负责人和安全生产管理人员经主管部门安全生产知识和管理能力考核合格，到期前复审换证。",
            "Have the principal and safety officers pass the authority's safety knowledge and "
            "management assessment, and renew it before it expires.",
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
        article_text=Text(
            "第十七条 矿山、金属冶炼、建筑施工、道路运输单位和危险物品的生产、经营、储存、废弃处置"
            "以及使用危险物品的数量构成重大危险源的单位的主要负责人和安全生产管理人员应当由主管的"
            "负有安全生产监督管理职责的部门对其安全生产知识和管理能力考核合格。考核不得收费。\n"
            "其他生产经营单位的主要负责人和安全生产管理人员应当具备与本单位所从事的生产经营活动"
            "相应的安全生产知识和管理能力。",
            "Art. 17. The principals and safety officers of mines, metal smelting, construction "
            "and road transport units, and of units producing, trading, storing or disposing of "
            "dangerous goods or using them in quantities that make a major hazard source, shall "
            "pass an assessment of their safety knowledge and management ability by the "
            "competent supervising department, free of charge. Those of other units shall have "
            "the safety knowledge and management ability their activities call for.",
        ),
    ),
)
