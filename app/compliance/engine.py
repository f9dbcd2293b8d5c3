"""Evaluating an enterprise on a date: facts once, then every rule of every pack in its
stack, in order, and the duties those rules govern, each decided by its strictest finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.compliance.drafts import Draft
from app.compliance.facts import Facts, load_facts, load_facts_many
from app.compliance.rules import Deadline, Duty, Finding, Pack, Rule, Severity, Status, Text
from app.compliance.stack import Stack, alone, stack_for
from app.compliance.trace import records_used
from app.core.collector import collector_paused
from app.core.ids import new_id
from app.enterprises.models import Enterprise

# Strictness, for a duty's findings: a failure binds over a lack of data, which binds over
# a pass; not applying is the least (packs-next.md, "Duties, not packs").
_STRICTNESS = {Status.NOT_APPLICABLE: 0, Status.PASS: 1, Status.UNKNOWN: 2, Status.FAIL: 3}
_WEIGHT = {Severity.ADVISORY: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


@dataclass(frozen=True)
class DutyVerdict:
    """A duty as every pack in the stack judges it; the strictest finding decides."""

    duty: Duty
    findings: tuple[tuple[Pack, Rule, Finding], ...]  # in stack order
    deciding: tuple[Pack, Rule, Finding]

    @property
    def status(self) -> Status:
        return self.deciding[2].status

    @property
    def severity(self) -> Severity:
        return severity_of(self.deciding[1], self.deciding[2])


def decide(findings: Sequence[tuple[Pack, Rule, Finding]]) -> tuple[Pack, Rule, Finding]:
    """The finding that decides a duty: among the binding ones (an advisory finding decides
    only where no binding rule applies), the strictest status, then the graver severity;
    between equals, the broader layer's (national law before the district's)."""
    binding = [
        item
        for item in findings
        if severity_of(item[1], item[2]) is not Severity.ADVISORY
        and item[2].status is not Status.NOT_APPLICABLE
    ]
    candidates = binding or list(findings)
    return max(
        candidates,  # max keeps the first of equals: the broadest layer's
        key=lambda item: (_STRICTNESS[item[2].status], _WEIGHT[severity_of(item[1], item[2])]),
    )


@dataclass(frozen=True)
class Evaluation:
    stack: Stack
    as_of: date
    enterprise: Enterprise
    # Each rule's finding, its severity resolved (the branch's, else the rule's) and the
    # legal values it read attached.
    results: tuple[tuple[Rule, Finding], ...]
    deadlines: tuple[tuple[Rule, Deadline], ...] = ()
    # The first day after `as_of` on which a recorded fact dated ahead happens.
    next_event_on: date | None = None
    # Names this evaluation in snapshots, exports and (later) stored standings.
    id: str = field(default_factory=lambda: new_id("evl"))

    @property
    def packs(self) -> tuple[Pack, ...]:
        return self.stack.packs

    def duties(self) -> tuple[DutyVerdict, ...]:
        """Every duty some rule of the stack governs, in the order first met (national law's
        first), each with all its findings and the one that decides it."""
        grouped: dict[str, list[tuple[Pack, Rule, Finding]]] = {}
        for pack, rule, finding in self.by_pack():
            grouped.setdefault(rule.duty.key, []).append((pack, rule, finding))
        return tuple(
            DutyVerdict(found[0][1].duty, tuple(found), decide(found)) for found in grouped.values()
        )

    def by_pack(self) -> list[tuple[Pack, Rule, Finding]]:
        owner = {rule.id: pack for pack in self.packs for rule in pack.rules}
        return [(owner[rule.id], rule, finding) for rule, finding in self.results]

    def counts(self) -> dict[str, int]:
        statuses = Counter(finding.status.value for _, finding in self.results)
        return {status.value: statuses.get(status.value, 0) for status in Status}

    def failing_by_severity(self) -> dict[str, int]:
        severities = Counter(
            severity_of(r, f).value for r, f in self.results if f.status is Status.FAIL
        )
        return dict(severities)

    def overall(self) -> Status:
        """The enterprise's standing: `fail` if any binding rule fails, else `unknown` if any
        lacks data, else `pass`. Not-applicable and advisory findings do not count."""
        statuses = {
            finding.status
            for rule, finding in self.results
            if severity_of(rule, finding) is not Severity.ADVISORY
        }
        for verdict in (Status.FAIL, Status.UNKNOWN):
            if verdict in statuses:
                return verdict
        return Status.PASS

    def failing_rules(self) -> list[str]:
        """Binding rules that fail (advisory findings never make a standing fail)."""
        return [
            rule.id
            for rule, finding in self.results
            if finding.status is Status.FAIL and severity_of(rule, finding) is not Severity.ADVISORY
        ]

    def stable_until(self) -> date | None:
        """The earliest date from the as-of date on which a finding can change: a rule's
        declared deadline (an expiry, a review, a deadline, a period's end, a record leaving
        a look-back), a finding's own due date, the day a legal value read for the as-of
        date gives way to the next, or the day a fact recorded ahead happens."""
        dates = [d.due for _, d in self.deadlines if d.due >= self.as_of]
        if self.next_event_on is not None:
            dates.append(self.next_event_on)
        dates += [f.due for _, f in self.results if f.due is not None and f.due >= self.as_of]
        for _, finding in self.results:
            for read in finding.reads:
                if read.day == self.as_of and (last := read.effective_to) is not None:
                    dates.append(last + timedelta(days=1))
        return min(dates, default=None)


def severity_of(rule: Rule, finding: Finding) -> Severity:
    return finding.severity or rule.severity


def judge(stack: Stack, facts: Facts, *, trace_records: bool = False) -> Evaluation:
    """Every rule of every pack in `stack` on facts already loaded; rules never query. With
    `trace_records`, each finding also lists the records among its evidence with their
    dates (a report does; a regional overview of thousands of enterprises need not)."""
    results: list[tuple[Rule, Finding]] = []
    deadlines: list[tuple[Rule, Deadline]] = []
    for pack in stack.packs:
        if not pack.in_force_on(facts.as_of):  # only a pack asked for alone (`?pack=`)
            outside = Finding(Status.NOT_APPLICABLE, _outside(pack))
            results += [(rule, outside) for rule in pack.rules]
            continue
        results += [(rule, _finding(rule, facts, trace_records)) for rule in pack.rules]
        deadlines += [(rule, deadline) for rule in pack.rules for deadline in rule.deadlines(facts)]
    return Evaluation(
        stack, facts.as_of, facts.enterprise, tuple(results), tuple(deadlines), facts.next_event_on
    )


def stack_of(
    enterprise: Enterprise, as_of: date, pack: Pack | None = None, draft: Draft | None = None
) -> Stack:
    """The enterprise's stack on the date, or `pack` alone where one is asked for; with a
    draft, its pack as drafted in place of the one shipped."""
    if pack is not None:
        drafted = draft is not None and draft.pack.id == pack.id
        return alone(draft.version if drafted and draft is not None else pack)
    packs = None if draft is None else draft.packs()
    return stack_for(enterprise.organization.region_code, as_of, packs)


def _under(facts: Facts, draft: Draft | None) -> Facts:
    """`facts` whose rules read the draft's values in place of the shipped ones."""
    if draft is not None:
        facts.reads.amended = draft.parameters
    return facts


def _finding(rule: Rule, facts: Facts, trace_records: bool) -> Finding:
    finding, reads = facts.reads.capture(lambda: rule.check(facts))
    records = records_used(facts, finding.evidence) if trace_records else ()
    return replace(finding, severity=severity_of(rule, finding), reads=reads, records=records)


def evaluate(
    session: Session,
    enterprise: Enterprise,
    as_of: date,
    pack: Pack | None = None,
    draft: Draft | None = None,
) -> Evaluation:
    """The enterprise judged on `as_of` by its stack, or by `pack` alone; under a draft, by
    the law as the draft would have it."""
    with collector_paused():
        facts = _under(load_facts(session, enterprise, as_of), draft)
        return judge(stack_of(enterprise, as_of, pack, draft), facts, trace_records=True)


def evaluate_many(
    session: Session,
    enterprises: Sequence[Enterprise],
    as_of: date,
    pack: Pack | None = None,
    draft: Draft | None = None,
) -> list[Evaluation]:
    """Evaluations of several enterprises from facts loaded set-wise for all of them."""
    with collector_paused():
        return [
            judge(stack_of(facts.enterprise, as_of, pack, draft), _under(facts, draft))
            for facts in load_facts_many(session, enterprises, as_of)
        ]


def _outside(pack: Pack) -> Text:
    if pack.effective_to is not None and pack.effective_from <= pack.effective_to:
        return Text(
            f"规则包适用期间为{pack.effective_from}至{pack.effective_to}。",
            f"The pack applies from {pack.effective_from} to {pack.effective_to}.",
        )
    return Text(
        f"规则包自{pack.effective_from}起生效。", f"The pack applies from {pack.effective_from}."
    )
