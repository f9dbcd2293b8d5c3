"""What changes for an enterprise between two dates: the same records judged by the law in
force on each (issue 20 item 4). Before MEM order 19 (2026-06-01) or GBZ 188-2025
(2026-08-01) takes effect, an enterprise sees which findings will turn, and why: a legal
value giving way to the next, a layer starting, a certificate or exam falling due."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from app.compliance.drafts import Draft
from app.compliance.engine import Evaluation, severity_of
from app.compliance.overview import scan
from app.compliance.rules import Duty, Finding, Pack, Rule, Status
from app.identity.principal import Principal
from app.law.parameters import Dated, NotInForce, Parameter
from app.regions.models import Region


class Change(StrEnum):
    NEW_FAILURE = "new_failure"  # fails then, did not fail now
    NEW_PASS = "new_pass"  # noqa: S105 (a change, not a password): passes then, failed now
    STATUS_CHANGED = "status_changed"  # any other change of status
    DUE_CHANGED = "due_changed"  # same status, another due date
    NEW_RULE = "new_rule"  # a rule of a pack in force then, not now
    RULE_GONE = "rule_gone"  # a rule in force now, not then


@dataclass(frozen=True)
class RuleChange:
    pack: Pack
    rule: Rule
    change: Change
    before: Finding | None
    after: Finding | None


@dataclass(frozen=True)
class ValueChange:
    """A legal value one of the rules reads that is another (or none) on the later date."""

    parameter: Parameter[Any]
    before: Dated[Any] | None
    after: Dated[Any] | None


def _change(before: Finding | None, after: Finding | None) -> Change | None:
    if before is None:
        return Change.NEW_RULE
    if after is None:
        return Change.RULE_GONE
    if before.status is not after.status:
        if after.status is Status.FAIL:
            return Change.NEW_FAILURE
        if before.status is Status.FAIL and after.status is Status.PASS:
            return Change.NEW_PASS
        return Change.STATUS_CHANGED
    if before.due != after.due:
        return Change.DUE_CHANGED
    return None


def rule_changes(now: Evaluation, then: Evaluation) -> list[RuleChange]:
    """Every rule whose finding differs between the two evaluations, in the later stack's
    order (rules gone last)."""
    before = {rule.id: (pack, rule, finding) for pack, rule, finding in now.by_pack()}
    after = {rule.id: (pack, rule, finding) for pack, rule, finding in then.by_pack()}
    found = []
    for rule_id in [*after, *(r for r in before if r not in after)]:
        pack, rule, _ = after.get(rule_id) or before[rule_id]
        old = before.get(rule_id, (None, None, None))[2]
        new = after.get(rule_id, (None, None, None))[2]
        if (change := _change(old, new)) is not None:
            found.append(RuleChange(pack, rule, change, old, new))
    return found


def value_changes(
    now: Evaluation, then: Evaluation, draft: Draft | None = None
) -> list[ValueChange]:
    """The legal values the rules of either stack may read that differ between the dates:
    a new edition, a new order, a value ending, or (`then` judged under `draft`) a value
    the draft changes."""
    parameters: dict[str, Parameter[Any]] = {}
    for evaluation in (then, now):
        for rule, _ in evaluation.results:
            parameters.update({p.key: p for p in rule.parameters})
    amended = {} if draft is None else draft.parameters
    changed = []
    for key, parameter in parameters.items():
        later = amended.get(key, parameter)
        before, after = _at(parameter, now.as_of), _at(later, then.as_of)
        if before != after:
            changed.append(ValueChange(later, before, after))
    return changed


def _at(parameter: Parameter[Any], day: date) -> Dated[Any] | None:
    try:
        return parameter.at(day)
    except NotInForce:
        return None


def newly_failing_severities(changes: Iterable[RuleChange]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for c in changes:
        if c.change is Change.NEW_FAILURE and c.after is not None:
            severity = severity_of(c.rule, c.after).value
            counted[severity] = counted.get(severity, 0) + 1
    return counted


@dataclass
class RegionImpact:
    """How a region's enterprises would change between two dates: a regulator's view of a
    change of law (or of time) before it applies."""

    enterprises: int = 0
    standings: Counter[tuple[str, str]] = field(default_factory=Counter)  # (before, after)
    rules: dict[str, tuple[Pack, Rule]] = field(default_factory=dict)
    failing_by_rule: Counter[str] = field(default_factory=Counter)  # newly failing
    passing_by_rule: Counter[str] = field(default_factory=Counter)  # newly passing
    duties: dict[str, Duty] = field(default_factory=dict)
    failing_by_duty: Counter[str] = field(default_factory=Counter)
    passing_by_duty: Counter[str] = field(default_factory=Counter)
    values: dict[str, ValueChange] = field(default_factory=dict)


def region_impact(
    session: Session,
    principal: Principal,
    region: Region,
    pack: Pack | None,
    start: date,
    end: date,
    draft: Draft | None = None,
) -> RegionImpact:
    """The region's enterprises judged on both dates (the overview's scan, twice, in the
    same order; the later one under `draft`, if given) and their changes counted."""
    return _count(
        zip(
            scan(session, principal, region, pack, start),
            scan(session, principal, region, pack, end, draft=draft),
            strict=True,
        ),
        draft,
    )


def _count(
    pairs: Iterable[tuple[Evaluation, Evaluation]], draft: Draft | None = None
) -> RegionImpact:
    """The changes of each enterprise's evaluation on the earlier and the later date,
    counted: standings moved, rules and duties newly failing or passing, and the legal
    values that differ (read once per distinct pair of stacks)."""
    impact = RegionImpact()
    stacks_seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for now, then in pairs:
        impact.enterprises += 1
        impact.standings[now.overall().value, then.overall().value] += 1
        for change in rule_changes(now, then):
            impact.rules.setdefault(change.rule.id, (change.pack, change.rule))
            arrives_failing = change.change is Change.NEW_RULE and (
                change.after is not None and change.after.status is Status.FAIL
            )
            if change.change is Change.NEW_FAILURE or arrives_failing:
                impact.failing_by_rule[change.rule.id] += 1
            elif change.change is Change.NEW_PASS:
                impact.passing_by_rule[change.rule.id] += 1
        before = {v.duty.key: v.status for v in now.duties()}
        for verdict in then.duties():
            was = before.get(verdict.duty.key)
            impact.duties.setdefault(verdict.duty.key, verdict.duty)
            if verdict.status is Status.FAIL and was is not Status.FAIL:
                impact.failing_by_duty[verdict.duty.key] += 1
            elif was is Status.FAIL and verdict.status is Status.PASS:
                impact.passing_by_duty[verdict.duty.key] += 1
        stacks = (tuple(p.id for p in now.packs), tuple(p.id for p in then.packs))
        if stacks not in stacks_seen:
            stacks_seen.add(stacks)
            impact.values.update({v.parameter.key: v for v in value_changes(now, then, draft)})
    return impact


def next_change_of_law(packs: Iterable[Pack], day: date) -> date | None:
    """The first day after `day` on which a pack starts or ends or a legal value its rules
    read gives way to another: what a what-if looks at when no date is named."""
    days: set[date] = set()
    for pack in packs:
        days.add(pack.effective_from)
        if pack.effective_to is not None:
            days.add(pack.effective_to + timedelta(days=1))
        for rule in pack.rules:
            for parameter in rule.parameters:
                days.update(v.effective_from for v in parameter.values)
                if parameter.ends_on is not None:
                    days.add(parameter.ends_on + timedelta(days=1))
    return min((d for d in days if d > day), default=None)
