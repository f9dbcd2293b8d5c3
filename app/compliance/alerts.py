"""What expires or falls due within a window: certificates, registrations, reviews, hidden-danger
deadlines, training, the commitment, the monthly analysis, periodic health exams and
standardization certificates — with the rule it would break."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.compliance.facts import Facts, in_period
from app.compliance.model import Text
from app.compliance.packs.huiji_2014.duties import month_due
from app.compliance.packs.huiji_2014.health_exams import periodic_schedule
from app.compliance.packs.huiji_2014.params import COMMITMENT_DUE_MONTH_DAY, LOOK_BACK_DAYS
from app.registry.certificates.periods import review_due


@dataclass(frozen=True)
class Alert:
    due: date
    rule_id: str
    kind: str  # a stable code: certificate_expiry, review_due, registration_expiry …
    record_id: str | None
    person_id: str | None
    message: Text


def alerts(facts: Facts, within_days: int) -> list[Alert]:
    """Alerts due from today (as of) up to `within_days` later, soonest first."""
    until = facts.as_of + timedelta(days=within_days)
    found: list[Alert] = []

    def add(
        due: date, rule: str, kind: str, record: str | None, person: str | None, zh: str, en: str
    ) -> None:
        if facts.as_of <= due <= until:
            found.append(Alert(due, rule, kind, record, person, Text(zh, en)))

    for c in facts.certificates:
        if not facts.in_service(c.person_id):
            continue
        add(
            c.expires_on,
            "HJ2014-18.3",
            "certificate_expiry",
            c.id,
            c.person_id,
            "特种作业操作证到期",
            "Special-operation certificate expires",
        )
        review = review_due(c.issued_on, c.last_review_on, c.expires_on, c.six_year_review)
        if review < c.expires_on:
            add(
                review,
                "HJ2014-18.3",
                "review_due",
                c.id,
                c.person_id,
                "特种作业操作证应复审",
                "Special-operation certificate review due",
            )
    for e in facts.engineers:
        if in_period(e.valid_from, e.valid_to, facts.as_of):
            add(
                e.valid_to,
                "HJ2014-17.2",
                "registration_expiry",
                e.id,
                e.person_id,
                "注册安全工程师注册到期",
                "Registered engineer's registration expires",
            )
    for a in facts.assessments:
        if a.expires_on is not None:
            add(
                a.expires_on,
                "HJ2014-18.1",
                "assessment_expiry",
                a.id,
                a.person_id,
                "安全生产考核合格证到期",
                "Assessment certificate expires",
            )
    for d in facts.dangers:
        if d.status in ("open", "fixing") and d.deadline is not None:
            add(
                d.deadline,
                "HJ2014-20.2",
                "hidden_danger_deadline",
                d.id,
                d.responsible_person_id,
                "隐患整改时限",
                "Hidden-danger deadline",
            )
    month, day = COMMITMENT_DUE_MONTH_DAY
    for year in (facts.as_of.year, facts.as_of.year + 1):
        if not any(c.year == year and c.published_on for c in facts.commitments):
            add(
                date(year, month, day),
                "HJ2014-21.1",
                "commitment_due",
                None,
                None,
                f"{year}年度安全承诺应签署并公开",
                f"The {year} safety commitment is due",
            )
    this_month = facts.as_of.replace(day=1)
    previous = (this_month - timedelta(days=1)).replace(day=1)
    for analysed in (previous, this_month):
        if analysed.strftime("%Y-%m") not in {a.month for a in facts.analyses}:
            add(
                month_due(analysed),
                "HJ2014-23.1",
                "monthly_analysis_due",
                None,
                None,
                f"{analysed:%Y-%m}月度安全风险分析",
                f"Risk analysis for {analysed:%Y-%m} is due",
            )
    # Annual training falls due a year after each person's last training (or hiring).
    last: dict[str, date] = {}
    for attendance in facts.attendances:
        session = facts.sessions.get(attendance.session_id)
        if session is not None and attendance.passed and session.ended_on <= facts.as_of:
            previous_end = last.get(attendance.person_id, session.ended_on)
            last[attendance.person_id] = max(previous_end, session.ended_on)
    for person in facts.people_in_service():
        base = last.get(person.id, person.hire_date)
        add(
            base + timedelta(days=LOOK_BACK_DAYS),
            "HJ2014-24.1",
            "annual_training_due",
            None,
            person.id,
            "年度安全培训到期",
            "Annual training is due",
        )
    for exam in periodic_schedule(facts):
        # An interval not yet confirmed says so here as in the finding (rules.md).
        note = (
            Text("（暂定周期）", " (provisional interval)")
            if exam.applied.provisional
            else Text("", "")
        )
        add(
            exam.due,
            "HJ2014-22.3",
            "periodic_exam_due",
            exam.last_exam.id if exam.last_exam else None,
            exam.person_id,
            f"在岗期间职业健康检查到期（{exam.factor}）{note.zh}",
            f"Periodic health exam due ({exam.factor}){note.en}",
        )
    for grade in facts.standardization:
        # A certificate already renewed past this one's expiry needs no reminder.
        renewed = any(
            other.issued_on <= facts.as_of
            and in_period(other.issued_on, other.expires_on, grade.expires_on + timedelta(days=1))
            for other in facts.standardization
        )
        if grade.issued_on <= facts.as_of and not renewed:
            add(
                grade.expires_on,
                "HJ2014-19.1",
                "standardization_expiry",
                grade.id,
                None,
                "安全生产标准化证书到期",
                "Standardization certificate expires",
            )
    return sorted(found, key=lambda alert: (alert.due, alert.kind, alert.record_id or ""))
