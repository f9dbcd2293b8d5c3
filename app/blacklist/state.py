"""An entry's state for regulators and its history: masked ID numbers, JSON-ready values,
and the event appended for every step of its life."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.blacklist.models import BlacklistEntry, BlacklistEntryEvent
from app.core import clock
from app.core.ids import new_id


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
