"""Art. 24 para 4 of pack `henan-2019`: each month's hidden-danger work analysed, reported
to the regulator and told to the staff. (The district's monthly risk analysis is another
duty.)"""

from __future__ import annotations

from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.packs import look_back
from app.compliance.packs.common_duties import HIDDEN_DANGER_STATISTICS
from app.compliance.packs.henan_2019.params import (
    EFFECTIVE_FROM,
    STATISTICS_DUE_MONTHS,
    STATISTICS_LOOK_BACK_MONTHS,
    latest,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.core.calendar import add_months

CONCERNS = ("hidden-danger-statistics",)


def _first_month(facts: Facts) -> date:
    """The first month asked for: the first that began on or after the pack's and the
    enterprise's start (a period is asked for only if it starts after the enterprise did)
    and inside the look-back."""
    start = max(
        facts.started_on,
        EFFECTIVE_FROM,
        look_back.look_back_start(facts, STATISTICS_LOOK_BACK_MONTHS) + timedelta(days=1),
    )
    return start if start.day == 1 else add_months(start.replace(day=1), 1)


def month_due(facts: Facts, month: date) -> date:
    """The last day on which the month's statistics are on time (house rule)."""
    return add_months(month, 1 + facts.value(STATISTICS_DUE_MONTHS)) - timedelta(days=1)


def _months(facts: Facts, until: date) -> list[date]:
    """The months from the first one asked for to the one holding `until`, oldest first."""
    months, month = [], _first_month(facts)
    while month <= until:
        months.append(month)
        month = add_months(month, 1)
    return months


def _complete(facts: Facts) -> set[str]:
    """Months (YYYY-MM) analysed, reported and told by the date (the cut drops later steps)."""
    return {
        s.month
        for s in facts.hidden_danger_statistics
        if s.reported_to_regulator_on is not None and s.told_to_staff_on is not None
    }


def monthly_statistics(facts: Facts) -> Finding:
    """24.1: a complete statistics record for every month of the look-back already due."""
    due = [m for m in _months(facts, facts.as_of) if month_due(facts, m) < facts.as_of]
    if not due:
        first = _first_month(facts)
        return _na(
            "尚无到期的月度隐患统计分析。",
            "No monthly hidden-danger statistics are due yet.",
            due=month_due(facts, first),
        )
    done = _complete(facts)
    missing = [m for m in due if f"{m:%Y-%m}" not in done]
    if missing:
        names = [f"{m:%Y-%m}" for m in missing]
        shown = "、".join(names[:6]) + ("等" if len(names) > 6 else "")
        return _fail(
            f"{len(names)}个月的事故隐患排查治理统计分析缺失或未报告、未通报：{shown}。",
            f"{len(names)} month(s) of hidden-danger statistics are missing, unreported or "
            f"not told to staff: {', '.join(names[:6])}{' …' if len(names) > 6 else ''}.",
            tuple(names),
            month_due(facts, missing[0]),
        )
    return _pass(
        "每月事故隐患排查治理统计分析均已完成、报告并通报。",
        "Every month's hidden-danger statistics are done, reported and told to staff.",
        tuple(s.id for s in facts.hidden_danger_statistics if s.month in done),
    )


def statistics_deadlines(facts: Facts) -> list[Deadline]:
    """One alert for all overdue months (from the oldest), the due dates of the open
    months not yet due (last month's, this month's), and the day the oldest overdue month
    leaves the look-back (no alert)."""
    done = _complete(facts)
    open_months = [m for m in _months(facts, facts.as_of) if f"{m:%Y-%m}" not in done]
    overdue = [m for m in open_months if month_due(facts, m) < facts.as_of]
    coming = [m for m in open_months if month_due(facts, m) >= facts.as_of]
    late = []
    if overdue:
        late.append(
            Deadline(
                month_due(facts, overdue[0]),
                "hidden_danger_statistics_overdue",
                Text(
                    f"{len(overdue)}个月的隐患统计分析逾期（自{overdue[0]:%Y-%m}起）",
                    f"{len(overdue)} month(s) of hidden-danger statistics overdue (from "
                    f"{overdue[0]:%Y-%m})",
                ),
                concerns=CONCERNS,
            )
        )
        late.append(
            Deadline(
                look_back.leaves_look_back(facts, STATISTICS_LOOK_BACK_MONTHS, overdue[0]),
                "hidden_danger_statistics_leaves_look_back",
                Text("月份离开考察期", "Month leaves the look-back"),
                concerns=CONCERNS,
                alert=False,
            )
        )
    return late + [
        Deadline(
            month_due(facts, m),
            "hidden_danger_statistics_due",
            Text(f"{m:%Y-%m}隐患统计分析应完成", f"Hidden-danger statistics for {m:%Y-%m} due"),
            concerns=CONCERNS,
        )
        for m in coming
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-24.1",
        "24",
        Text("事故隐患排查治理月度统计分析", "Monthly hidden-danger statistics"),
        Text(
            f"所有单位，最近{latest(STATISTICS_LOOK_BACK_MONTHS)}个月内开始的每个月，次月底前完成"
            "（期限为本规则包的解读）",
            f"All units, each month begun in the last {latest(STATISTICS_LOOK_BACK_MONTHS)} "
            "months, by the end of the next month (the due day is this pack's house rule)",
        ),
        Text(
            "每月对事故隐患排查治理情况统计分析，报告监管部门并向从业人员通报。",
            "Analyse each month's hidden-danger work, report it to the regulator and tell "
            "the staff.",
        ),
        Severity.MINOR,
        monthly_statistics,
        (STATISTICS_DUE_MONTHS, STATISTICS_LOOK_BACK_MONTHS),
        statistics_deadlines,
        duty=HIDDEN_DANGER_STATISTICS,
        article_text=Text(
            "第二十四条 ……生产经营单位应当每月对事故隐患排查治理情况进行统计分析，向负有安全生产"
            "监督管理职责的部门报告，并向从业人员通报。",
            "Art. 24. … Units shall each month analyse the statistics of their hidden-danger "
            "checks and remediation, report them to the departments responsible for "
            "work-safety supervision and tell their staff.",
        ),
    ),
)
