"""Evaluating a pack for an enterprise on a date: facts once, then every rule in order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.compliance.facts import Facts, load_facts, load_facts_many
from app.compliance.model import Finding, Pack, Rule, Status, Text
from app.core.collector import collector_paused
from app.enterprises.models import Enterprise


@dataclass(frozen=True)
class Evaluation:
    pack: Pack
    as_of: date
    enterprise: Enterprise
    results: tuple[tuple[Rule, Finding], ...]

    def counts(self) -> dict[str, int]:
        statuses = Counter(finding.status.value for _, finding in self.results)
        return {status.value: statuses.get(status.value, 0) for status in Status}

    def failing_by_severity(self) -> dict[str, int]:
        severities = Counter(r.severity.value for r, f in self.results if f.status is Status.FAIL)
        return dict(severities)

    def overall(self) -> Status:
        """The enterprise's standing: `fail` if any rule fails, else `unknown` if any rule
        lacks data, else `pass` (not-applicable rules do not count)."""
        statuses = {finding.status for _, finding in self.results}
        for verdict in (Status.FAIL, Status.UNKNOWN):
            if verdict in statuses:
                return verdict
        return Status.PASS

    def failing_rules(self) -> list[str]:
        return [rule.id for rule, finding in self.results if finding.status is Status.FAIL]


def judge(pack: Pack, facts: Facts) -> Evaluation:
    """Every rule of `pack` on facts already loaded; rules never query."""
    if facts.as_of < pack.effective_from:
        before = Finding(Status.NOT_APPLICABLE, _before(pack))
        results = tuple((rule, before) for rule in pack.rules)
    else:
        results = tuple((rule, rule.check(facts)) for rule in pack.rules)
    return Evaluation(pack, facts.as_of, facts.enterprise, results)


def evaluate(session: Session, enterprise: Enterprise, pack: Pack, as_of: date) -> Evaluation:
    with collector_paused():
        return judge(pack, load_facts(session, enterprise, as_of))


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
