"""What falls due within a window, and what is already overdue: every rule's declared
deadlines (`Rule.deadlines`), never restated here — the rule that would break names itself."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.rules import Text
from app.compliance.stack import Stack


@dataclass(frozen=True)
class Alert:
    due: date
    rule_id: str  # the broadest layer's rule it would break
    kind: str  # a stable code: certificate_expiry, review_due, registration_expiry …
    record_id: str | None
    person_id: str | None
    message: Text
    overdue: bool  # due before the as-of date and still not met
    concerns: tuple[str, ...]  # the record kinds whose records settle it
    # Every rule of the stack it would break: layers that govern the same duty often declare
    # the same due date for the same record, and that is one thing to do, told once.
    rule_ids: tuple[str, ...] = ()


def alerts(facts: Facts, within_days: int, stack: Stack) -> list[Alert]:
    """Overdue duties first, then what falls due from the as-of date up to `within_days`
    later, soonest first, under every pack of the stack in force on the as-of date. Where
    layers declare the same due date of the same kind for the same record, it is one alert
    naming every rule it would break."""
    until = facts.as_of + timedelta(days=within_days)
    found: dict[tuple[date, str, str | None, str | None], Alert] = {}
    for pack in stack.packs:
        if not pack.in_force_on(facts.as_of):
            continue
        for rule in pack.rules:
            for d in rule.deadlines(facts):
                if not d.alert or d.due > until:
                    continue
                key = (d.due, d.kind, d.record_id, d.person_id)
                if (known := found.get(key)) is not None:
                    found[key] = replace(known, rule_ids=(*known.rule_ids, rule.id))
                    continue
                found[key] = Alert(
                    d.due,
                    rule.id,
                    d.kind,
                    d.record_id,
                    d.person_id,
                    d.message,
                    d.due < facts.as_of,
                    d.concerns,
                    (rule.id,),
                )
    return sorted(
        found.values(), key=lambda a: (a.due, a.kind, a.record_id or "", a.person_id or "")
    )
