"""More rules of pack `huiji-2014`: engineers, workshop staff, special operations, annual
training, monthly risk analysis and the reporting of major hidden dangers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.compliance.facts import Facts, in_period
from app.compliance.model import Finding, Status, Text
from app.compliance.packs import verdicts
from app.core.clock import BUSINESS_TZ
from app.registry.certificates.periods import review_due

ENGINEER_RULE_FROM = date(2016, 1, 1)  # "by the end of 2015"
TRAINING_HIGH_RISK = {
    "coal_mining",
    "non_coal_mining",
    "hazardous_chemicals",
    "fireworks",
    "metal_smelting",
}
ANNUAL_HOURS, ANNUAL_HOURS_HIGH_RISK = Decimal(8), Decimal(20)
ANALYSIS_MONTHS_CHECKED = 3
MAJOR_REPORT_DAYS = 7
LOOK_BACK_DAYS = 365


_na = verdicts.not_applicable


def registered_engineer(facts: Facts) -> Finding:
    """17.2: a full-time safety officer in service is a registered engineer of this employer."""
    if not facts.high_risk or facts.as_of < ENGINEER_RULE_FROM:
        return _na("仅适用于高危行业企业（2016年起）。", "High-risk enterprises only, from 2016.")
    full_time = {a.person_id for a in facts.officers_in_service() if a.employment == "full_time"}
    valid = [
        e
        for e in facts.engineers
        if e.person_id in full_time
        and in_period(e.valid_from, e.valid_to, facts.as_of)
        and e.employer_credit_code == facts.enterprise.credit_code
    ]
    if valid:
        return Finding(
            Status.PASS,
            Text(
                "专职安全生产管理人员中有注册安全工程师。",
                "A full-time safety officer is a registered engineer.",
            ),
            (valid[0].id,),
            valid[0].valid_to,
        )
    return Finding(
        Status.FAIL,
        Text(
            "专职安全生产管理人员中应有注册安全工程师（注册单位为本企业）。",
            "A full-time safety officer must be a registered safety "
            "engineer registered with this enterprise.",
        ),
    )


def workshop_staff(facts: Facts) -> Finding:
    """17.3: where the first staffing branch applies, every department has an officer."""
    first_branch = facts.high_risk or (facts.employee_count or 0) > 300
    departments = {p.department for p in facts.people_in_service() if p.department}
    if not first_branch or not departments:
        return _na(
            "仅适用于高危或300人以上且登记了部门的企业。",
            "High-risk or over-300 enterprises that record departments only.",
        )
    covered = {a.department for a in facts.officers_in_service() if a.department}
    missing = tuple(sorted(departments - covered))
    if missing:
        return Finding(
            Status.FAIL,
            Text(
                f"{len(missing)}个车间（部门）未配备安全生产管理人员。",
                f"{len(missing)} department(s) have no safety officer.",
            ),
            missing,
        )
    return Finding(
        Status.PASS,
        Text("各车间（部门）均配备安全生产管理人员。", "Every department has a safety officer."),
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
    lacking: list[str] = []
    due_dates: list[date] = []
    for assignment in assigned:
        valid = [
            c
            for c in facts.certificates
            if c.person_id == assignment.person_id
            and c.category == assignment.category
            and c.issued_on <= facts.as_of
            and min(
                c.expires_on,
                review_due(c.issued_on, c.last_review_on, c.expires_on, c.six_year_review),
            )
            >= facts.as_of
        ]
        if valid:
            due_dates.extend(
                min(
                    c.expires_on,
                    review_due(c.issued_on, c.last_review_on, c.expires_on, c.six_year_review),
                )
                for c in valid
            )
        else:
            lacking.append(f"{assignment.person_id}:{assignment.category}")
    if lacking:
        return Finding(
            Status.FAIL,
            Text(
                f"{len(lacking)}人次特种作业人员无有效操作证或逾期未复审。",
                f"{len(lacking)} assignment(s) lack a valid, reviewed certificate.",
            ),
            tuple(lacking),
        )
    return Finding(
        Status.PASS,
        Text(
            "特种作业人员均持有效操作证。",
            "Every special operation is done with a valid certificate.",
        ),
        due=min(due_dates) if due_dates else None,
    )


def annual_training(facts: Facts) -> Finding:
    """24.1: everyone in service for a year trained enough hours within the last 12 months."""
    year_ago = facts.as_of - timedelta(days=LOOK_BACK_DAYS)
    veterans = [p for p in facts.people_in_service() if p.hire_date <= year_ago]
    if not veterans:
        return _na("无在岗满一年的从业人员。", "Nobody has been in service for a year.")
    needed = (
        ANNUAL_HOURS_HIGH_RISK
        if facts.enterprise.high_risk_category in TRAINING_HIGH_RISK
        else ANNUAL_HOURS
    )
    hours: dict[str, Decimal] = {}
    for attendance in facts.attendances:
        session = facts.sessions.get(attendance.session_id)
        if session is not None and attendance.passed and year_ago < session.ended_on <= facts.as_of:
            hours[attendance.person_id] = (
                hours.get(attendance.person_id, Decimal(0)) + attendance.hours
            )
    lacking = tuple(p.id for p in veterans if hours.get(p.id, Decimal(0)) < needed)
    if lacking:
        return Finding(
            Status.FAIL,
            Text(
                f"{len(lacking)}名从业人员近12个月培训不足{needed}学时。",
                f"{len(lacking)} employee(s) trained less than {needed} "
                "class hours in the last 12 months.",
            ),
            lacking,
        )
    return Finding(
        Status.PASS,
        Text(
            f"从业人员近12个月均完成不少于{needed}学时的培训。",
            f"Everyone trained at least {needed} hours in 12 months.",
        ),
    )


def month_due(month: date) -> date:
    """An analysis of a month is due at the end of the following month."""
    after_next = date(month.year + (month.month + 1) // 12, (month.month + 1) % 12 + 1, 1)
    return after_next - timedelta(days=1)


def monthly_analysis(facts: Facts) -> Finding:
    """23.1: a monthly risk analysis for each of the last 3 months already due."""
    start = max(facts.started_on, date(2014, 6, 17)).replace(day=1)
    month = facts.as_of.replace(day=1)
    due_months: list[date] = []
    while len(due_months) < ANALYSIS_MONTHS_CHECKED and month >= start:
        if month_due(month) <= facts.as_of:
            due_months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    if not due_months:
        return _na("尚无到期的月度分析。", "No monthly analysis is due yet.")
    done = {a.month for a in facts.analyses}
    missing = tuple(m.strftime("%Y-%m") for m in due_months if m.strftime("%Y-%m") not in done)
    if missing:
        return Finding(
            Status.FAIL,
            Text(
                f"缺少{'、'.join(missing)}月度安全风险分析。",
                f"Missing monthly risk analyses: {', '.join(missing)}.",
            ),
            missing,
            month_due(date.fromisoformat(missing[-1] + "-01")),
        )
    return Finding(
        Status.PASS,
        Text("近期月度安全风险分析均已完成。", "The recent monthly risk analyses are done."),
    )


def major_reported(facts: Facts) -> Finding:
    """5.1: major hidden dangers of the past year were reported within 7 days."""
    year_ago = facts.as_of - timedelta(days=LOOK_BACK_DAYS)
    majors = [
        d for d in facts.dangers if d.level == "major" and year_ago < d.found_on <= facts.as_of
    ]
    if not majors:
        return _na("近12个月无重大隐患。", "No major hidden danger in the last 12 months.")
    late = tuple(
        d.id
        for d in majors
        if (d.reported_at is None and d.found_on + timedelta(days=MAJOR_REPORT_DAYS) < facts.as_of)
        or (
            d.reported_at is not None
            and d.reported_at.astimezone(BUSINESS_TZ).date()
            > d.found_on + timedelta(days=MAJOR_REPORT_DAYS)
        )
    )
    if late:
        return Finding(
            Status.FAIL,
            Text(
                f"{len(late)}项重大隐患未在{MAJOR_REPORT_DAYS}日内报告监管部门。",
                f"{len(late)} major hidden danger(s) were not reported "
                f"within {MAJOR_REPORT_DAYS} days.",
            ),
            late,
        )
    return Finding(
        Status.PASS, Text("重大隐患均已按时报告。", "Major hidden dangers were reported in time.")
    )
