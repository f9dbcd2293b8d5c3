"""Enterprise notices for the scheduler: what enters the alert window, hidden dangers past
their deadline, and changes of an enterprise's standing — written to the outbox as keyed
events, so producing them on every pass tells each receiver once.

Only enterprises with a live webhook endpoint are looked at: a notice nobody can receive
would only fill the outbox. One that adds an endpoint later hears of what is in the window
then.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.compliance.alerts import alerts
from app.compliance.engine import judge, stack_of
from app.compliance.facts import Facts, load_facts_many
from app.compliance.models import ComplianceStanding
from app.core import clock
from app.enterprises.models import Enterprise
from app.outbox.events import emit
from app.webhooks.models import WebhookEndpoint

ALERT_WINDOW_DAYS = 90
CHUNK = 500
ENTERPRISE_EVENT_TYPES = frozenset(
    {"alert.window_entered", "hidden_danger.deadline_passed", "compliance.status_changed"}
)


def produce_notices(session: Session, today: date | None = None) -> int:
    """One pass over the enterprises that listen; returns how many enterprises. The caller
    commits."""
    day = today or clock.today()
    listening = _listening_enterprises(session)
    for start in range(0, len(listening), CHUNK):
        enterprises = list(
            session.scalars(
                select(Enterprise)
                # Verified or not: these are the enterprise's own records, told to itself.
                .where(Enterprise.id.in_(listening[start : start + CHUNK]))
                .order_by(Enterprise.id)
            )
        )
        standings = {
            s.enterprise_id: s
            for s in session.scalars(
                select(ComplianceStanding).where(
                    ComplianceStanding.enterprise_id.in_([e.id for e in enterprises])
                )
            )
        }
        for facts in load_facts_many(session, enterprises, day):
            _alerts(session, facts)
            _overdue_dangers(session, facts)
            _standing(session, facts, standings.get(facts.enterprise.id))
    return len(listening)


def _listening_enterprises(session: Session) -> list[str]:
    rows = session.execute(
        select(WebhookEndpoint.organization_id, WebhookEndpoint.event_types).where(
            WebhookEndpoint.deleted_at.is_(None)
        )
    )
    return sorted({org for org, types in rows if ENTERPRISE_EVENT_TYPES & set(json.loads(types))})


def _subject(facts: Facts) -> str:
    return f"enterprise:{facts.enterprise.id}"


def _alerts(session: Session, facts: Facts) -> None:
    enterprise = facts.enterprise.id
    for alert in alerts(facts, ALERT_WINDOW_DAYS, stack_of(facts.enterprise, facts.as_of)):
        if alert.overdue:
            continue  # told when it entered the window; overdue hidden dangers below
        emit(
            session,
            "alert.window_entered",
            _subject(facts),
            {
                "enterprise_id": enterprise,
                "kind": alert.kind,
                "rule_id": alert.rule_id,
                "rule_ids": list(alert.rule_ids),
                "due": alert.due.isoformat(),
                "record_id": alert.record_id,
                "person_id": alert.person_id,
                "message": {"zh-CN": alert.message.zh, "en": alert.message.en},
            },
            organization_id=enterprise,
            key=f"alert:{enterprise}:{alert.kind}:{alert.rule_id}:{alert.record_id}:{alert.due}",
        )


def _overdue_dangers(session: Session, facts: Facts) -> None:
    """Hidden dangers past their deadline, as the rules declare them (alert kind
    `hidden_danger_deadline`, overdue)."""
    enterprise = facts.enterprise.id
    dangers = {d.id: d for d in facts.dangers}
    for alert in alerts(facts, 0, stack_of(facts.enterprise, facts.as_of)):
        danger = dangers.get(alert.record_id or "")
        if not alert.overdue or alert.kind != "hidden_danger_deadline" or danger is None:
            continue
        emit(
            session,
            "hidden_danger.deadline_passed",
            _subject(facts),
            {
                "enterprise_id": enterprise,
                "hidden_danger_id": danger.id,
                "deadline": alert.due.isoformat(),
                "status": danger.status,
                "rule_id": alert.rule_id,
                "rule_ids": list(alert.rule_ids),
            },
            organization_id=enterprise,
            key=f"danger-overdue:{danger.id}:{alert.due}",
        )


def _standing(session: Session, facts: Facts, known: ComplianceStanding | None) -> None:
    evaluation = judge(stack_of(facts.enterprise, facts.as_of), facts)
    status, failing = evaluation.overall().value, evaluation.failing_rules()
    now = clock.now()
    if known is None:
        # The first look is where the enterprise stands, not a change.
        session.add(
            ComplianceStanding(
                enterprise_id=facts.enterprise.id,
                status=status,
                failing_rules=json.dumps(failing),
                as_of=facts.as_of,
                changed_at=now,
            )
        )
        return
    if known.status == status:
        known.failing_rules, known.as_of = json.dumps(failing), facts.as_of
        return
    emit(
        session,
        "compliance.status_changed",
        _subject(facts),
        {
            "enterprise_id": facts.enterprise.id,
            "previous_status": known.status,
            "status": status,
            "failing_rules": failing,
            "as_of": facts.as_of.isoformat(),
            "packs": [p.id for p in evaluation.packs],
        },
        organization_id=facts.enterprise.id,
        key=f"standing:{facts.enterprise.id}:{facts.as_of}:{known.status}:{status}",
    )
    known.status, known.failing_rules = status, json.dumps(failing)
    known.as_of, known.changed_at = facts.as_of, now
