"""Arts. 5 and 20 of pack `huiji-2014`: reporting, remedying and verifying hidden dangers."""

from __future__ import annotations

from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import (
    HIDDEN_DANGERS_FIXED,
    HIDDEN_DANGERS_PLANNED,
    HIDDEN_DANGERS_REPORTED,
    HIDDEN_DANGERS_VERIFIED,
)
from app.compliance.packs.hidden_dangers import (
    deadline_deadlines,
    fixed_by_deadline,
    major_danger_deadlines,
    major_reported,
    none_unresolved,
    unresolved_dangers,
)
from app.compliance.packs.huiji_2014.params import (
    LOOK_BACK_MONTHS,
    MAJOR_REPORT_DAYS,
    VERIFICATION_DAYS,
    latest,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.registry.dangers.models import HiddenDanger

_FIVE_FIELDS = ("measures", "responsible_person_id", "funds", "deadline", "contingency_plan")


def five_fields(facts: Facts) -> Finding:
    """20.1: every unresolved hidden danger has the five fields (五到位)."""
    unresolved = unresolved_dangers(facts)
    if not unresolved:
        return none_unresolved()
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


def verification_deadlines(facts: Facts) -> list[Deadline]:
    """Fixes not yet independently verified: the day verification falls due."""
    days = facts.value(VERIFICATION_DAYS)
    return [
        Deadline(
            _verify_by(d.fixed_on, days),
            "fix_verification_due",
            Text("隐患整改应验收", "Fix to be verified"),
            d.id,
            d.responsible_person_id,
            concerns=("hidden-dangers",),
        )
        for d in facts.dangers
        if d.fixed_on is not None and d.fixed_on <= facts.as_of and not _verified(d, facts.as_of)
    ]


def _verify_by(fixed_on: date, days: int) -> date:
    return fixed_on + timedelta(days=days)


def _verified(danger: HiddenDanger, day: date) -> bool:
    """Verified by then by an outside expert or by a colleague other than the person
    responsible (the seed's 'evaluated by professionals')."""
    independent = danger.external_verifier is not None or (
        danger.verifier_person_id is not None
        and danger.verifier_person_id != danger.responsible_person_id
    )
    return danger.verified_on is not None and danger.verified_on <= day and independent


def fixes_verified(facts: Facts) -> Finding:
    """20.3: every hidden danger fixed more than 30 days ago has been verified."""
    days = facts.value(VERIFICATION_DAYS)
    due: list[tuple[HiddenDanger, date]] = []
    pending: list[date] = []  # fixed recently, not verified yet: when they fall due
    for danger in facts.dangers:
        if danger.fixed_on is None or danger.fixed_on > facts.as_of:
            continue
        verify_by = _verify_by(danger.fixed_on, days)
        if verify_by < facts.as_of:
            due.append((danger, verify_by))
        elif not _verified(danger, facts.as_of):
            pending.append(verify_by)
    next_due = min(pending) if pending else None
    if not due:
        return _na(
            f"无整改完成超过{days}日的隐患。",
            f"No hidden danger was fixed more than {days} days ago.",
            due=next_due,
        )
    unverified = [(d, by) for d, by in due if not _verified(d, facts.as_of)]
    if unverified:
        return _fail(
            f"{len(unverified)}项隐患整改完成超过{days}日仍未经责任人以外的专业人员验收。",
            f"{len(unverified)} hidden danger(s) fixed over {days} days ago lack "
            "a verification by someone other than the person responsible.",
            tuple(d.id for d, _ in unverified),
            min(by for _, by in unverified),
        )
    return _pass(
        "整改完成的隐患均已验收。",
        "Every fixed hidden danger has been verified.",
        tuple(d.id for d, _ in due),
        next_due,
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-5.1",
        "5",
        Text("重大隐患报告", "Reporting major hidden dangers"),
        Text("近12个月有重大隐患的企业", "Enterprises with a major hidden danger in 12 months"),
        Text(
            f"重大隐患发现后{latest(MAJOR_REPORT_DAYS)}日内报告监管部门。",
            "Report a major hidden danger to the regulator within "
            f"{latest(MAJOR_REPORT_DAYS)} days.",
        ),
        Severity.CRITICAL,
        major_reported(LOOK_BACK_MONTHS, MAJOR_REPORT_DAYS),
        (LOOK_BACK_MONTHS, MAJOR_REPORT_DAYS),
        major_danger_deadlines(LOOK_BACK_MONTHS, MAJOR_REPORT_DAYS),
        duty=HIDDEN_DANGERS_REPORTED,
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
        duty=HIDDEN_DANGERS_PLANNED,
    ),
    Rule(
        "HJ2014-20.2",
        "20",
        Text("隐患整改时限", "Hidden-danger deadlines"),
        Text("有未整改隐患的企业", "Enterprises with unresolved hidden dangers"),
        Text("在时限内完成整改并验收。", "Fix hidden dangers within their deadlines."),
        Severity.CRITICAL,  # a major hidden danger overdue; a general one only: major
        fixed_by_deadline,
        (),
        deadline_deadlines,
        duty=HIDDEN_DANGERS_FIXED,
    ),
    Rule(
        "HJ2014-20.3",
        "20",
        Text("隐患整改验收", "Verification of fixes"),
        Text(
            f"整改完成超过{latest(VERIFICATION_DAYS)}日的隐患",
            f"Hidden dangers fixed more than {latest(VERIFICATION_DAYS)} days ago",
        ),
        Text(
            "由责任人以外的安全专业人员（或外部专家）对整改结果评估验收。",
            "Have a safety professional other than the person responsible (or an outside "
            "expert) verify each fix.",
        ),
        Severity.MINOR,
        fixes_verified,
        (VERIFICATION_DAYS,),
        verification_deadlines,
        duty=HIDDEN_DANGERS_VERIFIED,
    ),
)
