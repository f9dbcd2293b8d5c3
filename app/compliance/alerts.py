"""What falls due within a window, and what is already overdue: every rule's declared
deadlines (`Rule.deadlines`), never restated here — the rule that would break names itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.rules import Text
from app.compliance.stack import Stack


@dataclass(frozen=True)
class Alert:
    due: date
    rule_id: str
    kind: str  # a stable code: certificate_expiry, review_due, registration_expiry …
    record_id: str | None
    person_id: str | None
    message: Text
    overdue: bool  # due before the as-of date and still not met
    concerns: tuple[str, ...]  # the record kinds whose records settle it


def alerts(facts: Facts, within_days: int, stack: Stack) -> list[Alert]:
    """Overdue duties first, then what falls due from the as-of date up to `within_days`
    later, soonest first, under every pack of the stack in force on the as-of date. Where
    two layers' rules declare the same due date for the same record, both are listed: each
    names the rule it would break."""
    until = facts.as_of + timedelta(days=within_days)
    found = [
        Alert(
            d.due,
            rule.id,
            d.kind,
            d.record_id,
            d.person_id,
            d.message,
            d.due < facts.as_of,
            d.concerns,
        )
        for pack in stack.packs
        if pack.in_force_on(facts.as_of)
        for rule in pack.rules
        for d in rule.deadlines(facts)
        if d.alert and d.due <= until
    ]
    return sorted(found, key=lambda a: (a.due, a.kind, a.record_id or "", a.person_id or ""))
