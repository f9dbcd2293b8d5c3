"""Arts. 5 and 20 of pack `huiji-2014`: reporting, remedying and verifying hidden dangers,
and the regular inspections that look for them."""

from __future__ import annotations

from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.packs import look_back
from app.compliance.packs.common_duties import (
    HIDDEN_DANGERS_FIXED,
    HIDDEN_DANGERS_INSPECTED,
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
    EFFECTIVE_FROM,
    INSPECTION_PERIOD_MONTHS,
    LOOK_BACK_MONTHS,
    MAJOR_REPORT_DAYS,
    VERIFICATION_DAYS,
    latest,
)
from app.compliance.packs.huiji_2014.quotes import ART_5, ART_20
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.core.calendar import add_months
from app.registry.dangers.models import HiddenDanger, HiddenDangerInspection

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


INSPECTIONS = ("hidden-danger-inspections",)


def _period_start(facts: Facts, day: date) -> date:
    """The first day of the inspection period holding `day`: periods of the parameter's
    months, aligned on January (1: months; 3: quarters), so that every enterprise's periods
    are the calendar's and a period never moves with the as-of date."""
    months = facts.value(INSPECTION_PERIOD_MONTHS)
    index = day.year * 12 + day.month - 1
    index -= index % months
    return date(index // 12, index % 12 + 1, 1)


def _period_end(facts: Facts, start: date) -> date:
    """The last day of the period beginning on `start`: an inspection is late from the day
    after (as a monthly analysis is late from the day after its due date, 23.1)."""
    return add_months(start, facts.value(INSPECTION_PERIOD_MONTHS)) - timedelta(days=1)


def _first_period(facts: Facts) -> date:
    """The first period asked for: the first that began on or after the pack's and the
    enterprise's start (a period is asked for only if it starts after the enterprise did,
    as for 23.1) and inside the look-back (as for Henan's monthly statistics, 24.1)."""
    start = max(
        facts.started_on,
        EFFECTIVE_FROM,
        look_back.look_back_start(facts, LOOK_BACK_MONTHS) + timedelta(days=1),
    )
    first = _period_start(facts, start)
    return first if first == start else add_months(first, facts.value(INSPECTION_PERIOD_MONTHS))


def _periods(facts: Facts) -> list[date]:
    """The periods asked for up to the one holding the as-of date, oldest first."""
    periods, start = [], _first_period(facts)
    while start <= facts.as_of:
        periods.append(start)
        start = add_months(start, facts.value(INSPECTION_PERIOD_MONTHS))
    return periods


def _label(facts: Facts, start: date) -> str:
    """YYYY-MM for a month; YYYY-MM/YYYY-MM (first and last month) for a longer period."""
    end = _period_end(facts, start)
    return f"{start:%Y-%m}" if end.month == start.month else f"{start:%Y-%m}/{end:%Y-%m}"


def _inspected(facts: Facts, start: date) -> list[HiddenDangerInspection]:
    end = _period_end(facts, start)
    return [i for i in facts.danger_inspections if start <= i.inspected_on <= end]


def regular_inspections(facts: Facts) -> Finding:
    """20.4: an inspection recorded in every period of the look-back that has ended. An
    enterprise with none recorded fails: the seed asks every enterprise to inspect, so the
    lack of records is the failure, not a reason the rule does not apply."""
    periods = _periods(facts)
    due = [p for p in periods if _period_end(facts, p) < facts.as_of]
    if not due:
        first = _first_period(facts)
        return _na(
            "尚无已结束的隐患排查周期。",
            "No hidden-danger inspection period has ended yet.",
            due=_period_end(facts, first),
        )
    missing = [p for p in due if not _inspected(facts, p)]
    if missing:
        names = [_label(facts, p) for p in missing]
        shown = "、".join(names[:6]) + ("等" if len(names) > 6 else "")
        return _fail(
            f"{len(names)}个周期未记录隐患排查：{shown}。",
            f"No hidden-danger inspection is recorded in {len(names)} period(s): "
            f"{', '.join(names[:6])}{' …' if len(names) > 6 else ''}.",
            tuple(names),
            _period_end(facts, missing[0]),
        )
    current = periods[-1] if periods and periods[-1] not in due else None
    next_due = (
        _period_end(facts, current)
        if current is not None and not _inspected(facts, current)
        else None
    )
    return _pass(
        "每个周期均已记录隐患排查。",
        "A hidden-danger inspection is recorded in every period.",
        tuple(i.id for p in due for i in _inspected(facts, p)),
        next_due,
    )


def inspection_deadlines(facts: Facts) -> list[Deadline]:
    """One alert for all periods overdue (from the oldest), the day the oldest of them
    leaves the look-back (no alert), and the end of the current period while none is
    recorded in it."""
    open_periods = [p for p in _periods(facts) if not _inspected(facts, p)]
    overdue = [p for p in open_periods if _period_end(facts, p) < facts.as_of]
    coming = [p for p in open_periods if _period_end(facts, p) >= facts.as_of]
    late = []
    if overdue:
        late = [
            Deadline(
                _period_end(facts, overdue[0]),
                "danger_inspections_overdue",
                Text(
                    f"{len(overdue)}个周期未记录隐患排查（自{_label(facts, overdue[0])}起）",
                    f"No hidden-danger inspection in {len(overdue)} period(s) (from "
                    f"{_label(facts, overdue[0])})",
                ),
                concerns=INSPECTIONS,
            ),
            Deadline(
                look_back.leaves_look_back(facts, LOOK_BACK_MONTHS, overdue[0]),
                "danger_inspections_leave_look_back",
                Text("排查周期移出回溯期", "An inspection period leaves the look-back"),
                concerns=INSPECTIONS,
                alert=False,
            ),
        ]
    return late + [
        Deadline(
            _period_end(facts, p),
            "danger_inspection_due",
            Text(
                f"{_label(facts, p)}应开展隐患排查",
                f"Hidden-danger inspection for {_label(facts, p)} due",
            ),
            concerns=INSPECTIONS,
        )
        for p in coming
    ]


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
        article_text=ART_5,
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
        article_text=ART_20,
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
        article_text=ART_20,
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
        article_text=ART_20,
    ),
    Rule(
        "HJ2014-20.4",
        "20",
        Text("定期隐患排查", "Regular hidden-danger inspections"),
        Text(
            f"所有企业：最近{latest(LOOK_BACK_MONTHS)}个月内开始的每个已结束的排查周期"
            f"（周期{latest(INSPECTION_PERIOD_MONTHS)}个月，为本规则包的内部规则）",
            f"All enterprises: each inspection period begun in the last "
            f"{latest(LOOK_BACK_MONTHS)} months that has ended (a period of "
            f"{latest(INSPECTION_PERIOD_MONTHS)} month(s), this pack's house rule)",
        ),
        Text(
            "每个周期至少开展并记录一次隐患排查，建立隐患排查治理档案；未记录任何排查即不合规。",
            "Inspect for hidden dangers at least once in every period and keep the record; "
            "with no inspection recorded the enterprise fails.",
        ),
        Severity.MAJOR,
        regular_inspections,
        (INSPECTION_PERIOD_MONTHS, LOOK_BACK_MONTHS),
        inspection_deadlines,
        duty=HIDDEN_DANGERS_INSPECTED,
        article_text=Text(
            "20. 健全企业隐患排查治理机制。经常性地开展安全隐患排查,建立隐患排查治理档案,"
            "保证隐患整改所需投入,……",
            "20. Improve enterprises' mechanism for finding and remedying hidden dangers. Inspect "
            "for hidden dangers regularly and keep files of the inspections and remediation, "
            "ensure the funds remediation needs, …",
        ),
    ),
)
