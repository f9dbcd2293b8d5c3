"""Hidden dangers (事故隐患) judged on a date: major ones reported to the regulator, unresolved
ones fixed by their deadlines. Shared by the district's arts. 5 and 20 and national law's
art. 41; the look-back and the days to report are each pack's parameters."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta

from app.compliance.facts import Facts
from app.compliance.packs.look_back import leaves_look_back, look_back_start
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Severity, Text
from app.core.clock import BUSINESS_TZ
from app.law.parameters import Parameter
from app.registry.dangers.models import HiddenDanger

_UNRESOLVED = ("open", "fixing")


def major_reported(
    look_back: Parameter[int], report_days: Parameter[int]
) -> Callable[[Facts], Finding]:
    """Major hidden dangers found in the look-back were reported within `report_days` of
    being found (the district's 5.1, law art. 41 para 2)."""
    return functools.partial(_major_reported, look_back, report_days)


def _major_reported(
    look_back: Parameter[int], report_days: Parameter[int], facts: Facts
) -> Finding:
    year_ago = look_back_start(facts, look_back)
    days = facts.value(report_days)
    majors = [
        d for d in facts.dangers if d.level == "major" and year_ago < d.found_on <= facts.as_of
    ]
    if not majors:
        return _na("近12个月无重大隐患。", "No major hidden danger in the last 12 months.")
    late = tuple(
        d.id
        for d in majors
        if (d.reported_at is None and d.found_on + timedelta(days=days) < facts.as_of)
        or (
            d.reported_at is not None
            and d.reported_at.astimezone(BUSINESS_TZ).date() > d.found_on + timedelta(days=days)
        )
    )
    if late:
        return _fail(
            f"{len(late)}项重大隐患未在{days}日内报告监管部门。",
            f"{len(late)} major hidden danger(s) were not reported within {days} days.",
            late,
        )
    return _pass(
        "重大隐患均已按时报告。",
        "Major hidden dangers were reported in time.",
        tuple(d.id for d in majors),
    )


def report_deadlines(report_days: Parameter[int]) -> Callable[[Facts], list[Deadline]]:
    """Major hidden dangers not reported yet: the last day to report each."""
    return functools.partial(_report_deadlines, report_days)


def _report_deadlines(report_days: Parameter[int], facts: Facts) -> list[Deadline]:
    days = facts.value(report_days)
    return [
        Deadline(
            d.found_on + timedelta(days=days),
            "major_danger_report_due",
            Text("重大隐患应报告监管部门", "Major hidden danger to be reported"),
            d.id,
            d.responsible_person_id,
            concerns=("hidden-dangers",),
        )
        for d in facts.dangers
        if d.level == "major" and d.reported_at is None and d.found_on <= facts.as_of
    ]


def major_danger_deadlines(
    look_back: Parameter[int], report_days: Parameter[int]
) -> Callable[[Facts], list[Deadline]]:
    """Reports falling due, and majors leaving the look-back (no alert for those)."""
    return functools.partial(_major_danger_deadlines, look_back, report_days)


def _major_danger_deadlines(
    look_back: Parameter[int], report_days: Parameter[int], facts: Facts
) -> list[Deadline]:
    leaving = [
        Deadline(
            leaves_look_back(facts, look_back, d.found_on),
            "look_back_ends",
            Text("重大隐患移出回溯期", "A major hidden danger leaves the look-back"),
            d.id,
            alert=False,
        )
        for d in facts.dangers
        if d.level == "major"
        and d.found_on <= facts.as_of < leaves_look_back(facts, look_back, d.found_on)
    ]
    return _report_deadlines(report_days, facts) + leaving


def unresolved_dangers(facts: Facts) -> list[HiddenDanger]:
    """The hidden dangers found by the date and not fixed yet (plans and deadlines)."""
    return [d for d in facts.dangers if d.status in _UNRESOLVED and d.found_on <= facts.as_of]


def none_unresolved() -> Finding:
    return _na("无未整改隐患。", "No unresolved hidden danger.")


def fixed_by_deadline(facts: Facts) -> Finding:
    """No unresolved hidden danger is past its deadline (the district's 20.2, law art. 41)."""
    unresolved = unresolved_dangers(facts)
    if not unresolved:
        return none_unresolved()
    overdue = [d for d in unresolved if d.deadline is not None and d.deadline < facts.as_of]
    upcoming = [d.deadline for d in unresolved if d.deadline is not None]
    if overdue:
        # Critical when a major hidden danger is overdue, major when only general ones are
        # (rules.md, 20.2; law art. 41 alike).
        major = any(d.level == "major" for d in overdue)
        return _fail(
            f"{len(overdue)}项隐患超过整改时限" + ("（含重大隐患）。" if major else "。"),
            f"{len(overdue)} hidden danger(s) are past their deadline"
            + (" (a major one among them)." if major else "."),
            tuple(d.id for d in overdue),
            min(d.deadline for d in overdue if d.deadline),
            branch="major_overdue" if major else "general_overdue",
            severity=Severity.CRITICAL if major else Severity.MAJOR,
        )
    return _pass(
        "隐患均在整改时限内。",
        "No hidden danger is past its deadline.",
        tuple(d.id for d in unresolved),
        due=min(upcoming) if upcoming else None,
    )


def deadline_deadlines(facts: Facts) -> list[Deadline]:
    """Each unresolved hidden danger's deadline, past ones included (overdue)."""
    return [
        Deadline(
            d.deadline,
            "hidden_danger_deadline",
            Text("隐患整改时限", "Hidden-danger deadline"),
            d.id,
            d.responsible_person_id,
            concerns=("hidden-dangers",),
        )
        for d in unresolved_dangers(facts)
        if d.deadline is not None
    ]
