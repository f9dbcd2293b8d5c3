"""Evaluating a pack for an enterprise on a date: facts once, then every rule in order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.compliance.facts import Facts, load_facts, load_facts_many
from app.compliance.rules import Deadline, Finding, Pack, Rule, Severity, Status, Text
from app.compliance.trace import records_used
from app.core.collector import collector_paused
from app.core.ids import new_id
from app.enterprises.models import Enterprise


@dataclass(frozen=True)
class Evaluation:
    pack: Pack
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


def judge(pack: Pack, facts: Facts, *, trace_records: bool = False) -> Evaluation:
    """Every rule of `pack` on facts already loaded; rules never query. With
    `trace_records`, each finding also lists the records among its evidence with their
    dates (a report does; a regional overview of thousands of enterprises need not)."""
    if facts.as_of < pack.effective_from:
        before = Finding(Status.NOT_APPLICABLE, _before(pack))
        return Evaluation(
            pack, facts.as_of, facts.enterprise, tuple((r, before) for r in pack.rules)
        )
    results = tuple((rule, _finding(rule, facts, trace_records)) for rule in pack.rules)
    deadlines = tuple((rule, deadline) for rule in pack.rules for deadline in rule.deadlines(facts))
    return Evaluation(pack, facts.as_of, facts.enterprise, results, deadlines, facts.next_event_on)


def _finding(rule: Rule, facts: Facts, trace_records: bool) -> Finding:
    finding, reads = facts.reads.capture(lambda: rule.check(facts))
    records = records_used(facts, finding.evidence) if trace_records else ()
    return replace(finding, severity=severity_of(rule, finding), reads=reads, records=records)


def evaluate(session: Session, enterprise: Enterprise, pack: Pack, as_of: date) -> Evaluation:
    with collector_paused():
        return judge(pack, load_facts(session, enterprise, as_of), trace_records=True)


def evaluate_many(
    session: Session, enterprises: Sequence[Enterprise], pack: Pack, as_of: date
) -> list[Evaluation]:
    """Evaluations of several enterprises from facts loaded set-wise for all of them."""
    with collector_paused():
        return [judge(pack, facts) for facts in load_facts_many(session, enterprises, as_of)]


def _before(pack: Pack) -> Text:
    return Text(
        f"规则包自{pack.effective_from}起生效。", f"The pack applies from {pack.effective_from}."
    )
