"""Arts. 21 and 23 of pack `huiji-2014`: periodic duties and filings (commitment, analysis)."""

from __future__ import annotations

from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.model import Finding, Rule, Severity, Text
from app.compliance.packs.huiji_2014.params import (
    ANALYSIS_MONTHS_CHECKED,
    COMMITMENT_DUE_MONTH_DAY,
    EFFECTIVE_FROM,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass


def commitment(facts: Facts) -> Finding:
    """21.1: a signed and published commitment for each year whose due date has passed."""
    month, day = COMMITMENT_DUE_MONTH_DAY
    first_year = max(EFFECTIVE_FROM.year + 1, facts.started_on.year)
    due_years = [
        y for y in range(first_year, facts.as_of.year + 1) if date(y, month, day) <= facts.as_of
    ]
    if not due_years:
        return _na(
            "尚无到期的年度承诺。",
            "No yearly commitment is due yet.",
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


def month_due(month: date) -> date:
    """An analysis of a month is due at the end of the following month."""
    after_next = date(month.year + (month.month + 1) // 12, (month.month + 1) % 12 + 1, 1)
    return after_next - timedelta(days=1)


def monthly_analysis(facts: Facts) -> Finding:
    """23.1: a monthly risk analysis for each of the last 3 months already due."""
    start = max(facts.started_on, EFFECTIVE_FROM).replace(day=1)
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
        return _fail(
            f"缺少{'、'.join(missing)}月度安全风险分析。",
            f"Missing monthly risk analyses: {', '.join(missing)}.",
            missing,
            month_due(date.fromisoformat(missing[-1] + "-01")),
        )
    return _pass("近期月度安全风险分析均已完成。", "The recent monthly risk analyses are done.")


def hazard_sources_filed(facts: Facts) -> Finding:
    """23.2: every major hazard source identified by the date is filed with the regulator."""
    sources = [s for s in facts.hazard_sources if s.identified_on <= facts.as_of]
    if not sources:
        return _na("未登记重大危险源。", "No major hazard source is recorded.")
    unfiled = [s for s in sources if s.filed_on is None or s.filed_on > facts.as_of]
    if unfiled:
        return _fail(
            f"{len(unfiled)}处重大危险源未报监管部门备案。",
            f"{len(unfiled)} major hazard source(s) are not filed with the regulator.",
            tuple(s.id for s in unfiled),
            min(s.identified_on for s in unfiled),  # the seed gives no grace period
        )
    return _pass(
        "重大危险源均已备案。",
        "Every major hazard source is filed.",
        tuple(s.id for s in sources),
    )


RULES: tuple[Rule, ...] = (
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
        Text(
            f"所有企业（最近{ANALYSIS_MONTHS_CHECKED}个到期月份）",
            f"All enterprises (the last {ANALYSIS_MONTHS_CHECKED} due months)",
        ),
        Text(
            "每月开展安全生产形势分析，次月底前完成。",
            "Analyse the safety situation monthly, by the end of the next month.",
        ),
        Severity.MINOR,
        monthly_analysis,
    ),
    Rule(
        "HJ2014-23.2",
        "23",
        Text("重大危险源备案", "Filing of major hazard sources"),
        Text("有重大危险源的企业", "Enterprises with major hazard sources"),
        Text(
            "将每处重大危险源报监管部门备案。",
            "File every major hazard source with the regulator.",
        ),
        Severity.CRITICAL,
        hazard_sources_filed,
    ),
)
