"""Arts. 21 and 23 of pack `huiji-2014`: periodic duties and filings (commitment, analysis),
and early warnings on accident signs."""

from __future__ import annotations

from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import (
    MAJOR_HAZARD_SOURCES,
    RISK_ANALYSIS,
    SAFETY_COMMITMENT,
)
from app.compliance.packs.huiji_2014.params import (
    ANALYSIS_MONTHS_CHECKED,
    COMMITMENT_DUE,
    EFFECTIVE_FROM,
    LOOK_BACK_MONTHS,
    latest,
    leaves_look_back,
    look_back_start,
)
from app.compliance.packs.huiji_2014.quotes import ART_21, ART_23
from app.compliance.packs.major_hazard_sources import filing_deadlines, hazard_sources_filed
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Duty, Finding, Rule, Severity, Text
from app.registry.commitments.models import SafetyCommitment
from app.registry.emergency.models import AccidentSign

# Only the district's opinions ask for a warning on an accident sign; national law's
# warnings (安全生产法 art. 79, 突发事件应对法) are the government's, so the duty is this pack's.
EARLY_WARNING = Duty("early_warning", Text("事故征兆预警", "Early warning on accident signs"))


def commitment_due(facts: Facts, year: int) -> date:
    month, day = facts.value(COMMITMENT_DUE)
    return date(year, month, day)


def _signed_by_principal(facts: Facts, commitment: SafetyCommitment) -> bool:
    """Signed by the person in the principal's post on the day of signing."""
    if not commitment.signed_by_person_id or commitment.signed_on is None:
        return False
    principal = facts.principal_on(commitment.signed_on)
    return principal is not None and principal.person_id == commitment.signed_by_person_id


def commitment(facts: Facts) -> Finding:
    """21.1 (advisory): this year's commitment, signed by the principal and published, once
    its due date has passed. The seed only promotes (推行) commitments, so the yearly cycle
    and the date are house rules; earlier years are history, not today's standing, and a
    year before the enterprise existed is never asked for."""
    year = facts.as_of.year
    due = commitment_due(facts, year)
    if facts.started_on > date(year, 1, 1):
        return _na(
            f"企业于{year}年1月1日尚未成立（或未登记），本年度不要求安全承诺。",
            f"The enterprise did not exist (or was not registered) on 1 January {year}; no "
            "commitment is asked for this year.",
            due=commitment_due(facts, year + 1),
        )
    if facts.as_of <= due:  # due on the day: late only from the day after
        return _na(
            f"{year}年度安全承诺于{due}到期。",
            f"The {year} commitment is due on {due}.",
            due=due,
        )
    published = [c for c in facts.commitments if c.year == year and c.published_on]
    done = [c for c in published if _signed_by_principal(facts, c)]
    unverifiable = [c for c in published if c.signed_on and facts.principal_on(c.signed_on) is None]
    if not done and unverifiable:
        return _unknown(
            f"{year}年度安全承诺已公开，但签署当日未登记在任主要负责人，无法确认由主要负责人签署；"
            "请登记主要负责人任职记录。",
            f"The {year} commitment is published, but no principal in post is recorded on the "
            "day it was signed; record the principal's appointment to decide.",
            tuple(c.id for c in unverifiable),
        )
    if not done:
        return _fail(
            f"缺少{year}年度安全承诺（须主要负责人签署并公开；倡导性要求，不影响合规结论）。",
            f"The {year} safety commitment is not signed and published (advisory: it does not "
            "make the standing fail).",
            (str(year),),
            due,
        )
    return _pass(
        f"{year}年度安全承诺已签署并公开。",
        f"The {year} safety commitment is signed and published.",
        (done[0].id,),
        commitment_due(facts, year + 1),
    )


def commitment_deadlines(facts: Facts) -> list[Deadline]:
    """This year's commitment (if the enterprise existed on 1 January) and next year's,
    while not signed and published."""
    done = {c.year for c in facts.commitments if c.signed_by_person_id and c.published_on}
    years = [facts.as_of.year + 1]
    if facts.started_on <= date(facts.as_of.year, 1, 1):
        years.insert(0, facts.as_of.year)
    return [
        Deadline(
            commitment_due(facts, year),
            "commitment_due",
            Text(f"{year}年度安全承诺应签署并公开", f"The {year} safety commitment is due"),
            concerns=("safety-commitments",),
        )
        for year in years
        if year not in done
    ]


def first_month(facts: Facts) -> date:
    """The first month that began on or after the pack and the enterprise's start ("Due
    periods": a period is asked for only if it starts after the enterprise did)."""
    start = max(facts.started_on, EFFECTIVE_FROM)
    if start.day == 1:
        return start
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_due(month: date) -> date:
    """An analysis of a month is due at the end of the following month."""
    after_next = date(month.year + (month.month + 1) // 12, (month.month + 1) % 12 + 1, 1)
    return after_next - timedelta(days=1)


def monthly_analysis(facts: Facts) -> Finding:
    """23.1: a monthly risk analysis for each of the last 3 months already due (a month is
    asked for only if it began on or after the pack and the enterprise's start; its analysis
    is late from the day after its due date)."""
    start = first_month(facts)
    month = facts.as_of.replace(day=1)
    due_months: list[date] = []
    checked = facts.value(ANALYSIS_MONTHS_CHECKED)
    while len(due_months) < checked and month >= start:
        if month_due(month) < facts.as_of:
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


def analysis_deadlines(facts: Facts) -> list[Deadline]:
    """The analyses of last month and this month not done yet."""
    this_month = facts.as_of.replace(day=1)
    previous = (this_month - timedelta(days=1)).replace(day=1)
    done = {a.month for a in facts.analyses}
    start = first_month(facts)
    return [
        Deadline(
            month_due(month),
            "monthly_analysis_due",
            Text(f"{month:%Y-%m}月度安全风险分析", f"Risk analysis for {month:%Y-%m} is due"),
            concerns=("risk-analyses",),
        )
        for month in (previous, this_month)
        if month >= start and f"{month:%Y-%m}" not in done
    ]


SIGNS = ("accident-signs",)


def _in_time(sign: AccidentSign) -> bool:
    """Warned on the day the sign was found ("立即"), with the measures taken. (The registry
    shows the same as `warned_in_time`; the pack keeps its own reading, since what the law
    asks is the pack's to say.)"""
    return (
        sign.warning_issued_on is not None
        and sign.warning_issued_on <= sign.observed_on
        and bool(sign.warning_measures)
    )


def early_warning(facts: Facts) -> Finding:
    """23.3: every accident sign found in the look-back was warned on the same day, with its
    measures. A sign found on the as-of date has the rest of the day: not late yet."""
    since = look_back_start(facts)
    signs = [s for s in facts.accident_signs if since < s.observed_on <= facts.as_of]
    if not signs:
        return _na(
            f"近{facts.value(LOOK_BACK_MONTHS)}个月未记录事故征兆。",
            f"No accident sign recorded in the last {facts.value(LOOK_BACK_MONTHS)} months.",
        )
    late = tuple(s.id for s in signs if not _in_time(s) and s.observed_on < facts.as_of)
    if late:
        return _fail(
            f"{len(late)}项事故征兆未在发现当日发布预警信息并落实防范和应急处置措施。",
            f"{len(late)} accident sign(s) lack a warning with its measures issued on the day "
            "they were found.",
            late,
            min(s.observed_on for s in signs if s.id in late),
        )
    pending = [s.observed_on for s in signs if not _in_time(s)]
    return _pass(
        "发现的事故征兆均已当日发布预警并落实措施。",
        "Every accident sign was warned on the day it was found, with its measures.",
        tuple(s.id for s in signs),
        min(pending) if pending else None,
    )


def warning_deadlines(facts: Facts) -> list[Deadline]:
    """Signs not warned in time: the day each was due (overdue once past); and the day a
    sign leaves the look-back (no alert)."""
    since = look_back_start(facts)
    signs = [s for s in facts.accident_signs if since < s.observed_on <= facts.as_of]
    return [
        Deadline(
            s.observed_on,
            "early_warning_due",
            Text("发现事故征兆应当日发布预警", "Warning on an accident sign due"),
            s.id,
            concerns=SIGNS,
        )
        for s in signs
        if not _in_time(s)
    ] + [
        Deadline(
            leaves_look_back(facts, s.observed_on),
            "look_back_ends",
            Text("事故征兆移出回溯期", "An accident sign leaves the look-back"),
            s.id,
            alert=False,
        )
        for s in signs
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-21.1",
        "21",
        Text("年度安全承诺", "Yearly safety commitment"),
        Text(
            "当年1月1日已成立的企业，每年1月31日前（倡导性）",
            "Enterprises existing on 1 January, by 31 January each year (advisory)",
        ),
        Text(
            "主要负责人签署年度安全承诺并公开。",
            "Have the principal sign and publish the yearly commitment.",
        ),
        Severity.ADVISORY,
        commitment,
        (COMMITMENT_DUE,),
        commitment_deadlines,
        duty=SAFETY_COMMITMENT,
        article_text=ART_21,
    ),
    Rule(
        "HJ2014-23.1",
        "23",
        Text("月度安全风险分析", "Monthly risk analysis"),
        Text(
            f"所有企业（最近{latest(ANALYSIS_MONTHS_CHECKED)}个到期月份）",
            f"All enterprises (the last {latest(ANALYSIS_MONTHS_CHECKED)} due months)",
        ),
        Text(
            "每月开展安全生产形势分析，次月底前完成。",
            "Analyse the safety situation monthly, by the end of the next month.",
        ),
        Severity.MINOR,
        monthly_analysis,
        (ANALYSIS_MONTHS_CHECKED,),
        analysis_deadlines,
        duty=RISK_ANALYSIS,
        article_text=ART_23,
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
        (),
        filing_deadlines,
        duty=MAJOR_HAZARD_SOURCES,
        article_text=ART_23,
    ),
    Rule(
        "HJ2014-23.3",
        "23",
        Text("事故征兆预警", "Early warning on accident signs"),
        Text(
            f"近{latest(LOOK_BACK_MONTHS)}个月记录了事故征兆的企业",
            f"Enterprises that recorded an accident sign in the last {latest(LOOK_BACK_MONTHS)} "
            "months",
        ),
        Text(
            "发现事故征兆当日发布预警信息，并记录落实的防范和应急处置措施。",
            "Issue a warning on the day an accident sign is found, and record the preventive "
            "and emergency measures taken.",
        ),
        Severity.MAJOR,
        early_warning,
        (LOOK_BACK_MONTHS,),
        warning_deadlines,
        duty=EARLY_WARNING,
        article_text=Text(
            "23. 建立完善企业安全生产预警机制。……发现事故征兆要立即发布预警信息，落实防范和应急处置"
            "措施。……",
            "23. Build and improve enterprises' work-safety early-warning mechanism. … On finding "
            "a sign of an accident, issue warning information at once and carry out preventive "
            "and emergency measures. …",
        ),
    ),
)
