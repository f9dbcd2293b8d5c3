"""As of D means what had happened by D: records cut to the facts dated on or before D.

Why it is built this way: docs/design-notes.md, "As of D: the cut of the facts".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from app.core.clock import BUSINESS_TZ
from app.law.reads import Reads
from app.registry.catalog import DangerStatus

if TYPE_CHECKING:
    from app.compliance.facts import Facts

# What a cut event takes with it: (the record, the later columns cut) → other columns' values.
Undo = Callable[[Any, frozenset[str]], dict[str, Any]]


@dataclass(frozen=True)
class Dating:
    """How one kind of record is dated (see the module's docstring)."""

    own: str | None
    later: tuple[str, ...] = ()
    stated: tuple[str, ...] = ()
    # (the column naming the parent, the parent's kind) for a record with no day of its own.
    parent: tuple[str, str] | None = None
    undo: Undo | None = None
    # Later columns that a kind may not have yet (added by a migration of its own): cut
    # where present, and no error where absent.
    optional: frozenset[str] = frozenset()

    def columns(self) -> set[str]:
        return {c for c in (self.own, *self.later, *self.stated) if c is not None}


def _danger(record: Any, cut: frozenset[str]) -> dict[str, Any]:
    """open → fixing → fixed → verified: a fix or a verification after D is undone, and
    the verifier, named with the verification, with it."""
    changes: dict[str, Any] = {}
    if "fixed_on" in cut or "verified_on" in cut:
        changes = {"verified_on": None, "verifier_person_id": None, "external_verifier": None}
        if record.status == DangerStatus.VERIFIED.value:
            changes["status"] = DangerStatus.FIXED.value
    if "fixed_on" in cut and record.status in (DangerStatus.FIXED, DangerStatus.VERIFIED):
        changes["status"] = DangerStatus.FIXING.value  # fixing, since a fix needs it
    return changes


def _commitment(record: Any, cut: frozenset[str]) -> dict[str, Any]:
    """Signed, then published: unsigned on D means no signer yet and not published."""
    if "signed_on" in cut:
        return {"signed_by_person_id": None, "published_on": None}
    return {}


def _filing(record: Any, cut: frozenset[str]) -> dict[str, Any]:
    """A filing after D: its number, given with it, is not there yet either."""
    return {"filing_number": None} if "filed_on" in cut else {}


def _equipment(record: Any, cut: frozenset[str]) -> dict[str, Any]:
    """A registration after D takes its certificate number with it; an inspection after D
    set the next due date stored now, and the one known on D is not recorded: unknown."""
    changes: dict[str, Any] = {}
    if "registered_on" in cut:
        changes["registration_number"] = None
    if "last_inspected_on" in cut:
        changes["next_inspection_due"] = None
    return changes


def _contract(record: Any, cut: frozenset[str]) -> dict[str, Any]:
    """proposed → active (accepted) → ended: acceptance or end after D is undone."""
    if "accepted_on" in cut and record.status in ("active", "ended"):
        return {"status": "proposed", "ended_on": None, "end_reason": None}
    if "ended_on" in cut and record.status == "ended":
        return {"status": "active", "end_reason": None}
    return {}


def _warning(record: Any, cut: frozenset[str]) -> dict[str, Any]:
    """A warning issued after D takes its issuer with it (its measures are said with it)."""
    if "warning_issued_on" in cut:
        return {"warning_measures": None, "issued_by_person_id": None}
    return {}


# Each kind `facts` loads, by its name in `Facts`. A test holds every date column of every
# loaded table to one of these lists, so a new column cannot be forgotten.
DATING: dict[str, Dating] = {
    "people": Dating("hire_date", later=("leave_date",), stated=("birth_date",)),
    "exposures": Dating("started_on", later=("ended_on",)),
    "job_changes": Dating("changed_on"),
    # A session is a fact once held: on D, one that ends later has not been attended yet.
    "sessions": Dating("ended_on", stated=("started_on",)),
    "attendances": Dating(None, parent=("session_id", "sessions")),
    "bodies": Dating("established_on", later=("ended_on",)),
    "officers": Dating("appointed_on", later=("ended_on",)),
    "leaders": Dating("took_office_on", later=("left_office_on",)),
    "assessments": Dating("passed_on", stated=("expires_on",)),
    "dangers": Dating(
        "found_on",
        later=("fixed_on", "verified_on", "reported_at"),
        stated=("deadline",),
        undo=_danger,
    ),
    # A commitment's year is not a day; a draft has none. Signing and publishing are events.
    "commitments": Dating(None, later=("signed_on", "published_on"), undo=_commitment),
    "engineers": Dating("valid_from", stated=("valid_to",)),
    "assignments": Dating("started_on", later=("ended_on",)),
    # A certificate has at most one review in its life (due 3 years into a validity of 6;
    # the registry refuses longer validities, and at 6 years it is renewed as a new one),
    # so its review columns are its whole review history.
    "certificates": Dating(
        "issued_on",
        later=("last_review_on", "review_applied_on"),
        stated=("expires_on",),
    ),
    "analyses": Dating("conducted_on"),
    "declarations": Dating("declared_on"),
    "exams": Dating("examined_on"),
    "standardization": Dating("issued_on", stated=("expires_on",)),
    "hazard_sources": Dating("identified_on", later=("filed_on",), undo=_filing),
    # An arrangement ending is an event, as a safety body's end is.
    "rescue_arrangements": Dating("starts_on", later=("ends_on",)),
    # The month is no day; the analysis is the record's own, reporting and telling follow it.
    "hidden_danger_statistics": Dating(
        "analysed_on", later=("reported_to_regulator_on", "told_to_staff_on")
    ),
    # An extension moves valid_to in place: a licence is judged by its last valid day as
    # recorded (stated), its application and revocation are events.
    "safety_licences": Dating(
        "issued_on", later=("renewal_applied_on", "revoked_on"), stated=("valid_to",)
    ),
    "special_equipment": Dating(
        "put_into_use_on",
        later=("registered_on", "last_inspected_on", "inspection_requested_on", "retired_on"),
        stated=("next_inspection_due",),
        undo=_equipment,
    ),
    "equipment_operator_certificates": Dating("issued_on", stated=("valid_to",)),
    # A policy is there from its first day of cover (bought ahead, it is not yet on D); its
    # term is stated, its cancellation an event.
    "insurance_policies": Dating("valid_from", later=("cancelled_on",), stated=("valid_to",)),
    "emergency_plans": Dating(
        "issued_on", later=("filed_on", "published_on", "published_to_public_on", "withdrawn_on")
    ),
    # Held within its plan's life, so a drill on D has its plan on D: no parent needed.
    "emergency_drills": Dating("held_on", later=("reported_to_regulator_on",)),
    # A shift is there from the day it began; its last day is a term of it (stated), and
    # the rules count it by the day it began.
    "on_site_shifts": Dating("shift_on", stated=("ends_on",)),
    # A team exists from its establishment; its dissolution is an event, as a body's end is.
    "teams": Dating("established_on", later=("dissolved_on",)),
    "danger_inspections": Dating("inspected_on"),
    # The warning follows the sign: issued after D, it was not there on D, nor its issuer.
    "accident_signs": Dating("observed_on", later=("warning_issued_on",), undo=_warning),
    # A test is a fact from its day; an issue from its day, its period a term of it.
    "workplace_hazard_tests": Dating("tested_on"),
    "protective_equipment_issues": Dating("issued_on"),
    # A proposal is undated (its entry time only); acceptance and end are the events. The
    # validity period is a term of the contract.
    "contracts": Dating(
        None, later=("accepted_on", "ended_on"), stated=("valid_from", "valid_to"), undo=_contract
    ),
}

# The kinds other records go with (sessions, for attendances).
PARENTS = frozenset(d.parent[1] for d in DATING.values() if d.parent is not None)


def _after(value: date, day: date) -> bool:
    """The value's day is after `day`; an instant's day is on the business calendar."""
    if isinstance(value, datetime):
        return value.astimezone(BUSINESS_TZ).date() > day
    return value > day


def _replace(record: Any, changes: Mapping[str, Any]) -> Any:
    """A copy of the record with some columns changed: a loaded row (named tuple) or a model
    instance built in memory."""
    if hasattr(record, "_replace"):
        return record._replace(**changes)
    mapper = type(record).__mapper__
    values = {c.key: getattr(record, c.key) for c in mapper.column_attrs}
    values.update(changes)
    return type(record)(**values)  # relationships stay behind: `Facts` indexes them


def _present(dating: Dating, record: Any) -> tuple[str, ...]:
    return tuple(c for c in dating.later if c not in dating.optional or hasattr(record, c))


def _any_after(get: Callable[[Any], date | None], records: list[Any], day: date) -> bool:
    """Some record's value is after `day`: the latest found in C loops (dates are truthy,
    so `filter(None, …)` drops only the Nones), so records with nothing after D cost
    little more than reading the column."""
    latest = max(filter(None, map(get, records)), default=None)
    return latest is not None and _after(latest, day)


def next_event(kind: str, records: Iterable[Any], day: date) -> date | None:
    """The first day after `day` on which a record of `kind` happens or an event on it does:
    the cut hides it today, and the report changes then (what bounds `stable_until`)."""
    dating = DATING[kind]
    held = records if isinstance(records, list) else list(records)
    if not held:
        return None
    columns = ((dating.own,) if dating.own else ()) + _present(dating, held[0])
    days = []
    for name in columns:
        get = attrgetter(name)
        if _any_after(get, held, day):
            later = (_day(value) for value in map(get, held) if value is not None)
            days.append(min(d for d in later if d > day))
    return min(days, default=None)


def _day(value: date) -> date:
    return value.astimezone(BUSINESS_TZ).date() if isinstance(value, datetime) else value


def cut(
    kind: str,
    records: Iterable[Any],
    day: date,
    gone: Mapping[str, Collection[str]] | None = None,
) -> list[Any]:
    """The records of `kind` as they stood on `day`. `gone`: the ids of parents (by kind)
    that were not there on `day`, for kinds that go with a parent."""
    dating = DATING[kind]
    kept = records if isinstance(records, list) else list(records)
    if not kept:
        return kept
    if dating.own is not None and _any_after(own := attrgetter(dating.own), kept, day):
        kept = [r for r in kept if not _after(own(r), day)]
    if dating.parent is not None:
        column, parent = dating.parent
        if missing := (gone or {}).get(parent):
            of = attrgetter(column)
            kept = [r for r in kept if of(r) not in missing]
    getters = [
        (name, get)
        for name in (_present(dating, kept[0]) if kept else ())
        if _any_after(get := attrgetter(name), kept, day)
    ]
    if not getters:
        return kept
    result = []
    for record in kept:
        cut_columns = frozenset(
            name for name, get in getters if (v := get(record)) is not None and _after(v, day)
        )
        if cut_columns:
            changes = dict.fromkeys(cut_columns)
            if dating.undo is not None:
                changes.update(dating.undo(record, cut_columns))
            record = _replace(record, changes)
        result.append(record)
    return result


def dropped(kind: str, records: Iterable[Any], day: date) -> set[str]:
    """Ids of the records of `kind` whose own day is after `day` (their children go too)."""
    own = DATING[kind].own
    if own is None:
        return set()
    get, held = attrgetter(own), records if isinstance(records, list) else list(records)
    if not _any_after(get, held, day):
        return set()
    return {r.id for r in held if _after(get(r), day)}


def _records(facts: Facts, kind: str) -> list[Any]:
    held = getattr(facts, kind)
    if kind in _BY_PERSON:
        return [r for records in held.values() for r in records]
    return list(held.values()) if isinstance(held, dict) else list(held)


# Kinds `Facts` indexes: by id (people, sessions) or by person (exposures, job changes).
_BY_ID = ("people", "sessions")
_BY_PERSON = ("exposures", "job_changes")


def cut_facts(facts: Facts) -> Facts:
    """`facts` as they stood on their as-of date: what `facts._load` does to loaded rows,
    for facts built in memory."""
    day = facts.as_of
    gone = {kind: dropped(kind, _records(facts, kind), day) for kind in PARENTS}
    cut_all = {kind: cut(kind, _records(facts, kind), day, gone) for kind in DATING}
    people = {p.id: p for p in cut_all["people"]}
    indexed: dict[str, Any] = {k: {r.id: r for r in cut_all[k]} for k in _BY_ID}
    for kind in _BY_PERSON:
        grouped: dict[str, list[Any]] = {}
        for record in cut_all[kind]:
            if record.person_id in people:
                grouped.setdefault(record.person_id, []).append(record)
        indexed[kind] = grouped
    lists: dict[str, Any] = {k: v for k, v in cut_all.items() if k not in indexed}
    ahead = [d for k in DATING if (d := next_event(k, _records(facts, k), day)) is not None]
    return dataclasses.replace(
        facts, memo={}, reads=Reads(), next_event_on=min(ahead, default=None), **indexed, **lists
    )
