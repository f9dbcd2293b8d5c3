"""Evaluating a pack for an enterprise on a date: facts once, then every rule in order."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.compliance.facts import load_facts
from app.compliance.model import Finding, Pack, Rule, Status, Text
from app.enterprises.models import Enterprise


@dataclass(frozen=True)
class Evaluation:
    pack: Pack
    as_of: date
    results: tuple[tuple[Rule, Finding], ...]

    def counts(self) -> dict[str, int]:
        statuses = Counter(finding.status.value for _, finding in self.results)
        return {status.value: statuses.get(status.value, 0) for status in Status}

    def failing_by_severity(self) -> dict[str, int]:
        severities = Counter(r.severity.value for r, f in self.results if f.status is Status.FAIL)
        return dict(severities)


def evaluate(session: Session, enterprise: Enterprise, pack: Pack, as_of: date) -> Evaluation:
    facts = load_facts(session, enterprise, as_of)
    if as_of < pack.effective_from:
        results = tuple(
            (rule, Finding(Status.NOT_APPLICABLE, _before(pack))) for rule in pack.rules
        )
    else:
        results = tuple((rule, rule.check(facts)) for rule in pack.rules)
    return Evaluation(pack, as_of, results)


def _before(pack: Pack) -> Text:
    return Text(
        f"规则包自{pack.effective_from}起生效。", f"The pack applies from {pack.effective_from}."
    )
