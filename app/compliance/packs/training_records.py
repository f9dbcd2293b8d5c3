"""Training as the rules read it: each person's passed attendances, and the managers'
(principal's and safety officers') initial training and yearly re-training. Shared by the
district's arts. 18 and 24 and national law's art. 28; the hours are each pack's."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from app.compliance.facts import Facts, derived
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Text
from app.registry.catalog import TrainingKind
from app.registry.certificates.periods import add_years

# A pack's hours for the enterprise judged: everyone's yearly hours; managers' initial and yearly.
HoursOf = Callable[[Facts], Decimal]
ManagerHoursOf = Callable[[Facts], tuple[Decimal, Decimal]]


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


def annual_training(pack_start: date, hours: HoursOf) -> Callable[[Facts], Finding]:
    """For the last completed calendar year, everyone in service throughout it trained
    `hours` within it (the district's 24.1: 每年至少接受一次; law art. 28 with 安委〔2012〕10号);
    years begun before `pack_start` are not the pack's."""
    return functools.partial(_annual_training, pack_start, hours)


def _annual_training(pack_start: date, hours: HoursOf, facts: Facts) -> Finding:
    year = facts.as_of.year - 1
    first, last = date(year, 1, 1), date(year, 12, 31)
    if first < pack_start:
        return _na(
            "规则包生效后尚无完整的日历年度。",
            "No calendar year under the pack is complete yet.",
            due=date(pack_start.year + 1, 12, 31),
        )
    if first < facts.started_on:  # "Due periods": a year begun before the enterprise did
        return _na(
            f"企业（或其在平台登记）晚于{year}年1月1日，{year}年度不要求。",
            f"The enterprise started (or registered) after 1 January {year}; {year} is not "
            "asked for.",
            due=date(facts.as_of.year, 12, 31),
        )
    veterans = [
        p
        for p in facts.people.values()
        if p.hire_date <= first and (p.leave_date is None or p.leave_date >= last)
    ]
    if not veterans:
        return _na(
            f"无{year}年全年在岗的从业人员。",
            f"Nobody was in service throughout {year}.",
            due=date(facts.as_of.year, 12, 31),
        )
    needed = hours(facts)
    trained = attended(facts)
    lacking = tuple(
        p.id
        for p in veterans
        if sum((a.hours for a in trained.get(p.id, []) if first <= a.ended_on <= last), Decimal(0))
        < needed
    )
    if lacking:
        return _fail(
            f"{len(lacking)}名从业人员{year}年度安全培训不足{needed}学时。",
            f"{len(lacking)} employee(s) trained less than {needed} class hours in {year}.",
            lacking,
            last,
        )
    return _pass(
        f"{year}年全年在岗的从业人员均完成不少于{needed}学时的年度安全培训。",
        f"Everyone in service throughout {year} trained at least {needed} hours in it.",
        due=date(facts.as_of.year, 12, 31),
    )


def annual_training_deadlines(hours: HoursOf) -> Callable[[Facts], list[Deadline]]:
    """People in service short of this year's hours: due at the year's end."""
    return functools.partial(_annual_training_deadlines, hours)


def _annual_training_deadlines(hours: HoursOf, facts: Facts) -> list[Deadline]:
    needed = hours(facts)
    first, last = date(facts.as_of.year, 1, 1), date(facts.as_of.year, 12, 31)
    trained = attended(facts)
    return [
        Deadline(
            last,
            "annual_training_due",
            Text("年度安全培训到期", "Annual training is due"),
            None,
            p.id,
            concerns=("training-sessions", "training-attendances"),
        )
        for p in facts.people_in_service()
        if sum((a.hours for a in trained.get(p.id, []) if first <= a.ended_on), Decimal(0)) < needed
    ]


def managers_trained(pack_start: date, hours: ManagerHoursOf) -> Callable[[Facts], Finding]:
    """The principal in post and every safety officer in service completed the initial
    training and each complete year's re-training (order 3 art. 9: the district's 18.6, law
    art. 28); years ending before `pack_start` or the appointment are not judged."""
    return functools.partial(_managers_trained, pack_start, hours)


def _managers_trained(pack_start: date, hours_of: ManagerHoursOf, facts: Facts) -> Finding:
    # Each role counts its own kinds (`principal_*` or `officer_*`); everyone's annual
    # training is another duty.
    hours = hours_of(facts)
    principal = facts.principal_on()
    managers = managers_in_post(facts)
    trained = attended(facts)
    missing: dict[str, date] = {}
    upcoming: list[date] = []
    for manager in managers:
        due, next_due = training_gap(
            manager, trained.get(manager.person_id, []), facts.as_of, hours, pack_start
        )
        if due is not None:
            missing[manager.person_id] = min(due, missing.get(manager.person_id, due))
        elif next_due is not None:
            upcoming.append(next_due)
    initial, annual = hours
    if missing:
        return _fail(
            f"{len(missing)}名主要负责人或安全生产管理人员未完成{initial}学时初次培训"
            f"或每年{annual}学时再培训。",
            f"{len(missing)} principal or safety officer(s) lack the {initial}-hour initial "
            f"training or a year's {annual}-hour re-training.",
            tuple(sorted(missing)),
            min(missing.values()),
        )
    if principal is None:
        return _unknown(
            "未登记在任主要负责人，无法判断其培训情况；请登记主要负责人任职记录。",
            "No principal in post is recorded on this date; record the principal's "
            "appointment to decide.",
        )
    return _pass(
        "主要负责人和安全生产管理人员均完成初次培训和每年再培训。",
        "The principal and every safety officer completed initial and yearly training.",
        due=min(upcoming) if upcoming else None,
    )


def manager_deadlines(pack_start: date, hours: ManagerHoursOf) -> Callable[[Facts], list[Deadline]]:
    """Each manager's missing training (overdue) or next re-training year's end."""
    return functools.partial(_manager_deadlines, pack_start, hours)


def _manager_deadlines(pack_start: date, hours_of: ManagerHoursOf, facts: Facts) -> list[Deadline]:
    hours = hours_of(facts)
    trained = attended(facts)
    found = []
    for manager in managers_in_post(facts):
        due, next_due = training_gap(
            manager, trained.get(manager.person_id, []), facts.as_of, hours, pack_start
        )
        if (day := due or next_due) is not None:
            found.append(
                Deadline(
                    day,
                    "manager_training_due",
                    Text(
                        "主要负责人或安全生产管理人员培训到期",
                        "Principal's or safety officer's training due",
                    ),
                    None,
                    manager.person_id,
                    concerns=("training-sessions", "training-attendances"),
                )
            )
    return found
