"""Training as the rules read it: each person's passed attendances, and the managers'
(principal's and safety officers') initial training and yearly re-training. Shared by the
district's arts. 18 and 24 and national law's art. 28; the hours are each pack's."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from app.compliance.facts import Facts, derived
from app.registry.catalog import TrainingKind
from app.registry.certificates.periods import add_years


class Attended(NamedTuple):
    kind: str
    ended_on: date
    hours: Decimal


@derived
def attended(facts: Facts) -> dict[str, list[Attended]]:
    """Each person's passed attendances of sessions ended on or before the as-of date."""
    ended = {
        s.id: (s.kind, s.ended_on) for s in facts.sessions.values() if s.ended_on <= facts.as_of
    }
    # The attendances of a session nearly all have its hours, so one Attended per session
    # and hours serves them all: making one per attendance was most of this view's time.
    made: dict[str, dict[Decimal, Attended]] = {session_id: {} for session_id in ended}
    found: dict[str, list[Attended]] = defaultdict(list)
    for attendance in facts.attendances:
        if attendance.passed and (of_session := made.get(attendance.session_id)) is not None:
            record = of_session.get(attendance.hours)
            if record is None:
                kind, ended_on = ended[attendance.session_id]
                record = of_session[attendance.hours] = Attended(kind, ended_on, attendance.hours)
            found[attendance.person_id].append(record)
    return found


@dataclass(frozen=True)
class Manager:
    """A person in a role that needs initial training and yearly re-training."""

    person_id: str
    since: date  # took office or appointed
    initial: TrainingKind
    annual: TrainingKind


def training_gap(
    manager: Manager,
    trained: list[Attended],
    as_of: date,
    needed: tuple[Decimal, Decimal],
    pack_start: date,
) -> tuple[date | None, date | None]:
    """(the date a missing training was due, or None; the next re-training deadline).

    Initial training is complete on the day its passed hours reach the threshold. Each year
    after it runs from the day after one anniversary to the next, inclusive (so training on
    the anniversary counts for the year it closes), and is judged once its end has come.
    Years ending on or before the appointment, or before the pack's effective date, are not
    this person's duty under this pack. Missing initial training is due from the appointment.
    """
    initial_needed, annual_needed = needed
    done: date | None = None
    total = Decimal(0)
    for a in sorted((a for a in trained if a.kind == manager.initial), key=lambda a: a.ended_on):
        total += a.hours
        if total >= initial_needed:
            done = a.ended_on
            break
    if done is None:
        return manager.since, None
    annual = [a for a in trained if a.kind == manager.annual]
    year = 1
    while (end := add_years(done, year)) <= as_of:
        start = add_years(done, year - 1)
        hours = sum((a.hours for a in annual if start < a.ended_on <= end), Decimal(0))
        if end > manager.since and end >= pack_start and hours < annual_needed:
            return end, None
        year += 1
    return None, end


def managers_in_post(facts: Facts) -> list[Manager]:
    """The safety officers in service and the principal in post."""
    managers = [
        Manager(
            a.person_id, a.appointed_on, TrainingKind.OFFICER_INITIAL, TrainingKind.OFFICER_ANNUAL
        )
        for a in facts.officers_in_service()
    ]
    if (principal := facts.principal_on()) is not None:
        managers.append(
            Manager(
                principal.person_id,
                principal.took_office_on,
                TrainingKind.PRINCIPAL_INITIAL,
                TrainingKind.PRINCIPAL_ANNUAL,
            )
        )
    return managers
