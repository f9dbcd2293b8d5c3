"""What every step of an entry's life leaves behind: its event, with the state after it as
regulators see it; for a step the public sees, the change in the feed and the webhook to
the watchers of its credit code; and the audit event. Also the two views of an entry those
records hold: the regulators' (ID numbers masked) and the public's (the notice's fields).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.blacklist import feed
from app.blacklist.models import BlacklistEntry, BlacklistEntryEvent
from app.core import clock
from app.core.ids import new_id
from app.identity.auditing import audit
from app.identity.principal import Principal
from app.outbox.events import emit


def responsible_out(entry: BlacklistEntry) -> list[dict[str, Any]]:
    return [
        {"role": p["role"], "name": p["name"], "id_number_masked": p.get("id_number_masked")}
        for p in json.loads(entry.responsible_people)
    ]


def regulator_view(entry: BlacklistEntry) -> dict[str, Any]:
    """Every field a regulator sees, ID numbers masked; dates and instants as ISO text."""
    values: dict[str, Any] = {
        column.key: getattr(entry, column.key)
        for column in BlacklistEntry.__table__.columns
        if column.key not in ("responsible_people", "name_key", "version")
    }
    values["responsible_people"] = responsible_out(entry)
    values = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}
    number, day, authority = (
        values.pop("penalty_decision_number"),
        values.pop("penalty_decided_on"),
        values.pop("penalty_authority"),
    )
    values["penalty_decision"] = (
        None
        if number is None
        else {"number": number, "decided_on": day, "authority": authority or ""}
    )
    stored = values["repair_conditions"]
    values["repair_conditions"] = None if stored is None else json.loads(stored)
    return values


def public_fields(entry: BlacklistEntry) -> dict[str, Any]:
    """The entry as the public notice (and every institution) sees it, with plain JSON
    values. Names of the people held responsible are public, their ID numbers never are;
    who proposed and approved inside the regulator, and pending proposals, are not public
    either."""
    return {
        "id": entry.id,
        "version": entry.public_version,
        "status": entry.status,
        "credit_code": entry.credit_code,
        "subject_name": entry.subject_name,
        "legal_representative": entry.legal_representative,
        "responsible_people": [
            {"role": person["role"], "name": person["name"]}
            for person in json.loads(entry.responsible_people)
        ],
        "region_code": entry.region_code,
        "reason": entry.reason,
        "legal_basis": entry.legal_basis,
        "facts": entry.facts,
        "deciding_authority": entry.deciding_authority,
        "decision_number": entry.decision_number,
        "effective_from": entry.effective_from.isoformat(),
        "expires_on": entry.expires_on.isoformat(),
        "removed_on": entry.removed_on.isoformat() if entry.removed_on else None,
        "removal_reason": entry.removal_reason,
    }


def record_event(
    session: Session,
    entry: BlacklistEntry,
    action: str,
    *,
    actor_id: str | None,
    note: str | None = None,
    proposal_id: str | None = None,
    change_seq: int | None = None,
) -> None:
    session.add(
        BlacklistEntryEvent(
            id=new_id("ble"),
            entry_id=entry.id,
            action=action,
            actor_id=actor_id,
            at=clock.now(),
            proposal_id=proposal_id,
            note=note,
            state=json.dumps(regulator_view(entry), ensure_ascii=False),
            change_seq=change_seq,
        )
    )


def publicize(
    session: Session, entry: BlacklistEntry, action: str, event_type: str | None = None
) -> int:
    """Append the entry's new public state to the change feed, and tell the watchers of its
    credit code through the outbox, in the same transaction; returns the feed number. The
    webhook event is `blacklist.entry.<action>` unless `event_type` names another (a
    restoration is told as the state it leaves, decision 65)."""
    public = public_fields(entry)
    seq = feed.append(
        session,
        entry_id=entry.id,
        entry_version=entry.public_version,
        action=action,
        public=public,
        at=entry.updated_at,
    )
    # Receivers order by the entry version and the feed cursor (DESIGN §9): delivery is at
    # least once, not globally ordered.
    emit(
        session,
        f"blacklist.entry.{event_type or action}",
        f"credit_code:{entry.credit_code}",
        {
            "action": action,
            "credit_code": entry.credit_code,
            "entry_id": entry.id,
            "entry_version": entry.public_version,
            "change_seq": seq,
            "entry": public,
        },
    )
    return seq


def audit_entry(
    session: Session,
    principal: Principal | None,
    entry: BlacklistEntry,
    action: str,
    request_id: str | None,
) -> None:
    audit(
        session,
        actor=principal,
        action=action,
        resource_type="blacklist_entry",
        resource_id=entry.id,
        subject_organization_id=entry.regulator_id,
        request_id=request_id,
        changes={"status": entry.status, "public_version": entry.public_version},
    )
