"""A firm's portfolio: its clients under contracts in force, each judged in bulk (facts
loaded set-wise for a chunk of clients at a time), with its nearest due dates.

A compliance read over contracted enterprises: it judges, so it lives here, and it reads
the firm's contracts, which sit below compliance (the engine reads them for art. 17 too;
docs/decisions.md, 78).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.compliance.alerts import Alert, alerts
from app.compliance.engine import Evaluation, judge, stack_of
from app.compliance.facts import load_facts_many
from app.compliance.rules import Severity, Status
from app.contracts import scope, service
from app.core.collector import collector_paused
from app.enterprises.models import Enterprise

CHUNK_SIZE = 500
_RISK = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.PASS: 2}
# Which record kind an alert is about: a firm sees only the alerts of kinds in its scope.
SortOrder = Literal["risk", "name"]


@dataclass(frozen=True)
class Client:
    enterprise: Enterprise
    contract_ids: tuple[str, ...]
    scope: frozenset[str]
    evaluation: Evaluation
    alerts: tuple[Alert, ...]

    @property
    def name(self) -> str:
        return self.enterprise.organization.name

    def sort_key(self, order: SortOrder) -> list[str | int]:
        if order == "name":
            return [self.name, self.enterprise.id]
        failing = self.evaluation.failing_by_severity()
        return [
            _RISK.get(self.evaluation.overall(), 2),
            -failing.get(Severity.CRITICAL.value, 0),
            -failing.get(Severity.MAJOR.value, 0),
            -failing.get(Severity.MINOR.value, 0),
            self.name,
            self.enterprise.id,
        ]


def _in_scope(alert: Alert, kinds: frozenset[str]) -> bool:
    return any(kind in kinds for kind in alert.concerns)


def clients(
    session: Session, firm_id: str, today: date, as_of: date, within_days: int
) -> list[Client]:
    """Every client with a contract of the firm in force today, judged on `as_of`, with its
    alerts due within `within_days` (of the kinds its contracts cover), soonest first."""
    contracts = session.scalars(service.in_force_for_firm(firm_id, today)).all()
    by_enterprise: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, set[str]] = defaultdict(set)
    for contract in contracts:
        by_enterprise[contract.enterprise_id].append(contract.id)
        kinds[contract.enterprise_id].update(scope.decode(contract.scope_kinds))
    ids = sorted(by_enterprise)
    found: list[Client] = []
    with collector_paused():
        for start in range(0, len(ids), CHUNK_SIZE):
            chunk: Sequence[Enterprise] = session.scalars(
                select(Enterprise)
                .where(Enterprise.id.in_(ids[start : start + CHUNK_SIZE]))
                .order_by(Enterprise.id)
            ).all()
            for facts in load_facts_many(session, chunk, as_of):
                covered = frozenset(kinds[facts.enterprise.id])
                stack = stack_of(facts.enterprise, as_of)
                due = sorted(
                    (a for a in alerts(facts, within_days, stack) if _in_scope(a, covered)),
                    key=lambda a: (a.due, a.rule_id, a.record_id or ""),
                )
                found.append(
                    Client(
                        facts.enterprise,
                        tuple(by_enterprise[facts.enterprise.id]),
                        covered,
                        judge(stack, facts),
                        tuple(due),
                    )
                )
    return found
