"""Pack `huiji-2014`: the enterprise duties of 惠政文〔2014〕53号 (shared/domain/rules.md).

Every number here is the pack's data, named once at the top, so a correction is one line.
Each rule is one small function from facts to a finding.
"""

from __future__ import annotations

from datetime import date

from app.compliance.facts import Facts
from app.compliance.model import Finding, Pack, Rule, Severity, Status, Text
from app.compliance.packs import huiji_2014_health as health
from app.compliance.packs import huiji_2014_more as more
from app.compliance.packs import huiji_2014_standards as standards
from app.compliance.packs import huiji_2014_training as training
from app.compliance.packs import verdicts

EFFECTIVE_FROM = date(2014, 6, 17)
STAFFING_THRESHOLD = 300  # the seed's; national law uses 100 (another pack)
FULL_TIME_OFFICERS_REQUIRED = 2
COMMITMENT_DUE_MONTH_DAY = (1, 31)  # a house rule: the seed sets no date


_pass, _fail, _unknown = verdicts.passed, verdicts.failed, verdicts.unknown


def staffing(facts: Facts) -> Finding:
    """17.1: the first branch that applies decides."""
    if facts.employee_count is None:
        return _unknown(
            "未登记从业人员数量，无法判断适用条款。",
            "The employee count is not recorded; record it to decide.",
        )
    bodies = facts.bodies_on()
    officers = facts.officers_in_service()
    if facts.high_risk or facts.employee_count > STAFFING_THRESHOLD:
        established = [b for b in bodies if b.form == "established"]
        full_time = [a for a in officers if a.employment == "full_time"]
        evidence = tuple(b.id for b in established) + tuple(a.id for a in full_time)
        if established and len(full_time) >= FULL_TIME_OFFICERS_REQUIRED:
            return _pass(
                "已设置安全生产管理机构并配备2名以上专职安全生产管理人员（第一款）。",
                "A safety body is set up and at least 2 full-time safety officers "
                "are in service (first branch).",
                evidence,
            )
        return _fail(
            f"高危行业或从业人员超过{STAFFING_THRESHOLD}人，应设置安全生产管理机构并配备不少于"
            f"{FULL_TIME_OFFICERS_REQUIRED}名专职安全生产管理人员（现有机构{len(established)}个，"
            f"专职人员{len(full_time)}名）。",
            f"High-risk or over {STAFFING_THRESHOLD} employees: a safety body must be set up and "
            f"at least {FULL_TIME_OFFICERS_REQUIRED} full-time safety officers be in service "
            f"(now {len(established)} body, {len(full_time)} full-time).",
            evidence,
        )
    if bodies and officers:
        return _pass(
            "已设置或指定安全生产管理机构并配备安全生产管理人员（第二款）。",
            "A safety body is set up or designated and a safety officer is in service "
            "(second branch).",
            tuple(b.id for b in bodies) + tuple(a.id for a in officers),
        )
    if facts.enterprise.sme_class in ("small", "micro"):
        return _unknown(
            "小微企业可委托安全生产服务机构；平台尚无委托合同记录，无法确认。",
            "A small or micro enterprise may entrust a safety service firm; service "
            "contracts are not yet recorded on the platform.",
        )
    return _fail(
        "应设置或指定安全生产管理机构，并配备专职或兼职安全生产管理人员。",
        "A safety body must be set up or designated, with a full- or part-time "
        "safety officer in service.",
    )


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
        return Finding(
            Status.NOT_APPLICABLE, Text("无在岗安全生产管理人员。", "No safety officer in service.")
        )
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


_FIVE_FIELDS = ("measures", "responsible_person_id", "funds", "deadline", "contingency_plan")
_UNRESOLVED = ("open", "fixing")


def five_fields(facts: Facts) -> Finding:
    """20.1: every unresolved hidden danger has the five fields (五到位)."""
    unresolved = [d for d in facts.dangers if d.status in _UNRESOLVED and d.found_on <= facts.as_of]
    if not unresolved:
        return Finding(
            Status.NOT_APPLICABLE, Text("无未整改隐患。", "No unresolved hidden danger.")
        )
    incomplete = tuple(
        d.id for d in unresolved if any(getattr(d, f) in (None, "") for f in _FIVE_FIELDS)
    )
    if incomplete:
        return _fail(
            f"{len(incomplete)}项隐患未落实整改措施、责任、资金、时限和预案（五到位）。",
            f"{len(incomplete)} hidden danger(s) lack some of the five remediation fields.",
            incomplete,
        )
    return _pass("未整改隐患均已五到位。", "Every unresolved hidden danger has the five fields.")


def deadlines(facts: Facts) -> Finding:
    """20.2: no unresolved hidden danger is past its deadline."""
    unresolved = [d for d in facts.dangers if d.status in _UNRESOLVED and d.found_on <= facts.as_of]
    if not unresolved:
        return Finding(
            Status.NOT_APPLICABLE, Text("无未整改隐患。", "No unresolved hidden danger.")
        )
    overdue = [d for d in unresolved if d.deadline is not None and d.deadline < facts.as_of]
    upcoming = [d.deadline for d in unresolved if d.deadline is not None]
    if overdue:
        return _fail(
            f"{len(overdue)}项隐患超过整改时限。",
            f"{len(overdue)} hidden danger(s) are past their deadline.",
            tuple(d.id for d in overdue),
            min(d.deadline for d in overdue if d.deadline),
        )
    return Finding(
        Status.PASS,
        Text("隐患均在整改时限内。", "No hidden danger is past its deadline."),
        due=min(upcoming) if upcoming else None,
    )


def commitment(facts: Facts) -> Finding:
    """21.1: a signed and published commitment for each year whose due date has passed."""
    month, day = COMMITMENT_DUE_MONTH_DAY
    first_year = max(EFFECTIVE_FROM.year + 1, facts.started_on.year)
    due_years = [
        y for y in range(first_year, facts.as_of.year + 1) if date(y, month, day) <= facts.as_of
    ]
    if not due_years:
        return Finding(
            Status.NOT_APPLICABLE,
            Text("尚无到期的年度承诺。", "No yearly commitment is due yet."),
            due=date(facts.as_of.year + 1, month, day),
        )
    done = {c.year for c in facts.commitments if c.signed_by_person_id and c.published_on}
    missing = tuple(str(y) for y in due_years if y not in done)
    if missing:
        return _fail(
            f"缺少{'、'.join(missing)}年度安全承诺（须主要负责人签署并公开）。",
            f"Missing signed and published safety commitments for {', '.join(missing)}.",
            missing,
            date(int(missing[0]), month, day),
        )
    return _pass(
        "年度安全承诺均已签署并公开。", "Every due yearly commitment is signed and published."
    )


def citation_order(rule: Rule) -> tuple[int, ...]:
    """Rules are listed in the order of the seed's articles: HJ2014-5.1 before HJ2014-17.1."""
    return tuple(int(part) for part in rule.id.split("-", 1)[1].split("."))


_CORE_RULES = (
    Rule(
        "HJ2014-5.1",
        "5",
        Text("重大隐患报告", "Reporting major hidden dangers"),
        Text("近12个月有重大隐患的企业", "Enterprises with a major hidden danger in 12 months"),
        Text(
            "重大隐患发现后7日内报告监管部门。",
            "Report a major hidden danger to the regulator within 7 days.",
        ),
        Severity.CRITICAL,
        more.major_reported,
    ),
    Rule(
        "HJ2014-17.1",
        "17",
        Text("安全生产管理机构和人员", "Safety body and staff"),
        Text("所有企业", "All enterprises"),
        Text(
            "设置或指定安全生产管理机构并配备安全生产管理人员。",
            "Set up a safety body and appoint safety officers.",
        ),
        Severity.CRITICAL,
        staffing,
    ),
    Rule(
        "HJ2014-17.2",
        "17",
        Text("注册安全工程师", "Registered safety engineer"),
        Text("高危行业企业，2016年起", "High-risk enterprises, from 2016"),
        Text(
            "专职安全生产管理人员中配备注册安全工程师。",
            "Employ a registered safety engineer among the full-time safety officers.",
        ),
        Severity.MAJOR,
        more.registered_engineer,
    ),
    Rule(
        "HJ2014-17.3",
        "17",
        Text("车间班组安全管理人员", "Workshop and team safety staff"),
        Text(
            "高危或300人以上、登记了部门的企业",
            "High-risk or over-300 enterprises recording departments",
        ),
        Text(
            "每个车间（部门）配备安全生产管理人员。",
            "Appoint a safety officer in every department.",
        ),
        Severity.MINOR,
        more.workshop_staff,
    ),
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
        more.special_operations,
    ),
    Rule(
        "HJ2014-20.1",
        "20",
        Text("隐患整改五到位", "Five remediation fields"),
        Text("有未整改隐患的企业", "Enterprises with unresolved hidden dangers"),
        Text(
            "为每项隐患落实措施、责任、资金、时限和预案。",
            "Record measures, responsibility, funds, deadline and contingency plan.",
        ),
        Severity.MAJOR,
        five_fields,
    ),
    Rule(
        "HJ2014-20.2",
        "20",
        Text("隐患整改时限", "Hidden-danger deadlines"),
        Text("有未整改隐患的企业", "Enterprises with unresolved hidden dangers"),
        Text("在时限内完成整改并验收。", "Fix hidden dangers within their deadlines."),
        Severity.CRITICAL,
        deadlines,
    ),
    Rule(
        "HJ2014-21.1",
        "21",
        Text("年度安全承诺", "Yearly safety commitment"),
        Text("所有企业，每年1月31日前", "All enterprises, by 31 January each year"),
        Text(
            "主要负责人签署年度安全承诺并公开。",
            "Have the principal sign and publish the yearly commitment.",
        ),
        Severity.MINOR,
        commitment,
    ),
    Rule(
        "HJ2014-23.1",
        "23",
        Text("月度安全风险分析", "Monthly risk analysis"),
        Text("所有企业（最近3个到期月份）", "All enterprises (the last 3 due months)"),
        Text(
            "每月开展安全生产形势分析，次月底前完成。",
            "Analyse the safety situation monthly, by the end of the next month.",
        ),
        Severity.MINOR,
        more.monthly_analysis,
    ),
    Rule(
        "HJ2014-24.1",
        "24",
        Text("全员年度培训", "Annual training for everyone"),
        Text("在岗满一年的从业人员", "Employees in service for a year"),
        Text(
            "每名从业人员每年至少培训8学时（高危行业20学时）。",
            "Train every employee at least 8 class hours a year (20 in high-risk sectors).",
        ),
        Severity.MAJOR,
        more.annual_training,
    ),
)

HUIJI_2014 = Pack(
    id="huiji-2014",
    version="2014.1",
    title=Text(
        "惠济区安全生产工作意见（惠政文〔2014〕53号）", "Huiji District work-safety opinions (2014)"
    ),
    jurisdiction="410108",
    effective_from=EFFECTIVE_FROM,
    rules=tuple(
        sorted(_CORE_RULES + training.RULES + health.RULES + standards.RULES, key=citation_order)
    ),
)
