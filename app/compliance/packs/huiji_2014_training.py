"""Rules of pack `huiji-2014` on training (art. 18): new hires' three-level education, renewed
training after a change of post, and the principal's and safety officers' training."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from app.compliance.facts import Facts
from app.compliance.model import Finding, Rule, Severity, Text
from app.compliance.packs import verdicts
from app.compliance.packs.huiji_2014_more import TRAINING_HIGH_RISK
from app.registry.catalog import TrainingKind
from app.registry.certificates.periods import add_years

# The pack's effective date. huiji_2014 imports this module, so its EFFECTIVE_FROM cannot be
# imported here; a test keeps the two equal.
PACK_EFFECTIVE_FROM = date(2014, 6, 17)
NEW_HIRE_HOURS = Decimal(24)  # order No. 3, art. 13
NEW_HIRE_HOURS_HIGH_RISK = Decimal(72)
NEW_HIRE_HOURS_CONSTRUCTION = Decimal(32)  # 安委〔2012〕10号
CONSTRUCTION_CATEGORY = "construction"
CONSTRUCTION_SECTION = "E"  # GB/T 4754 section E, 建筑业
RETURN_AFTER_DAYS = 365  # art. 17; some local rules use 6 months
MANAGER_INITIAL_HOURS, MANAGER_INITIAL_HOURS_HIGH_RISK = Decimal(32), Decimal(48)  # art. 9
MANAGER_ANNUAL_HOURS, MANAGER_ANNUAL_HOURS_HIGH_RISK = Decimal(12), Decimal(16)

THREE_LEVELS = frozenset(
    {TrainingKind.COMPANY_LEVEL, TrainingKind.WORKSHOP_LEVEL, TrainingKind.TEAM_LEVEL}
)
RENEWED_LEVELS = frozenset({TrainingKind.WORKSHOP_LEVEL, TrainingKind.TEAM_LEVEL})

_pass, _fail, _na, _unknown = (
    verdicts.passed,
    verdicts.failed,
    verdicts.not_applicable,
    verdicts.unknown,
)


class Attended(NamedTuple):
    kind: str
    ended_on: date
    hours: Decimal


def attended(facts: Facts) -> dict[str, list[Attended]]:
    """Each person's passed attendances of sessions ended on or before the as-of date."""
    found: dict[str, list[Attended]] = {}
    for attendance in facts.attendances:
        session = facts.sessions.get(attendance.session_id)
        if session is None or not attendance.passed or session.ended_on > facts.as_of:
            continue
        found.setdefault(attendance.person_id, []).append(
            Attended(session.kind, session.ended_on, attendance.hours)
        )
    return found


def new_hire_hours(facts: Facts) -> Decimal:
    category = facts.enterprise.high_risk_category
    if category in TRAINING_HIGH_RISK:
        return NEW_HIRE_HOURS_HIGH_RISK
    if category == CONSTRUCTION_CATEGORY or facts.enterprise.industry_code.startswith(
        CONSTRUCTION_SECTION
    ):
        return NEW_HIRE_HOURS_CONSTRUCTION
    return NEW_HIRE_HOURS


def new_hires(facts: Facts) -> Finding:
    """18.4: every new hire had all three levels, and enough hours, before work (上岗前).

    "Before work" is read as "the session ended on or before the hire date": the registry
    refuses an attendance of a session that ended before the person was hired, so a strictly
    earlier end could never be recorded, while a session may start before the hire date and end
    on it, or take the first day before work begins. Education that ends after the hire date
    is late; where it takes the first days, the hire date to record is the first day on the post.
    Only people in service on the as-of date are judged, as for the other people rules.
    """
    hires = [p for p in facts.people_in_service() if p.hire_date >= PACK_EFFECTIVE_FROM]
    if not hires:
        return _na(
            "无2014年6月17日后入职的在岗从业人员。",
            "Nobody in service was hired on or after 2014-06-17.",
        )
    needed = new_hire_hours(facts)
    trained = attended(facts)
    lacking = []
    for person in hires:
        before = [
            a
            for a in trained.get(person.id, [])
            if a.kind in THREE_LEVELS and a.ended_on <= person.hire_date
        ]
        if (
            not THREE_LEVELS.issubset(a.kind for a in before)
            or sum(a.hours for a in before) < needed
        ):
            lacking.append(person)
    if lacking:
        return _fail(
            f"{len(lacking)}名新员工上岗前未完成厂（矿）、车间、班组三级安全教育或不足{needed}学时。",
            f"{len(lacking)} new hire(s) lack a level of the three-level education or "
            f"{needed} class hours before work.",
            tuple(sorted(p.id for p in lacking)),
            min(p.hire_date for p in lacking),
        )
    return _pass(
        f"新员工上岗前均完成三级安全教育，不少于{needed}学时。",
        f"Every new hire had the three-level education, at least {needed} hours, before work.",
    )


def post_changes(facts: Facts) -> Finding:
    """18.5: renewed workshop- and team-level training before each change of post (调岗).

    The training for a change is a passed workshop- and team-level session, or one session of
    kind `job_change` (调岗培训, which art. 17 defines as that renewed training), ended after the
    previous start (hire or earlier change) and on or before the change, read as 18.4 reads
    "before work". A change on the hire date is the first post, which 18.4 covers.
    A return after an absence of RETURN_AFTER_DAYS or more cannot be judged: the data model has
    no absence record and a rehire is not modelled (a person has one hire and one leave date).
    """
    trained = attended(facts)
    checked = 0
    lacking: dict[str, date] = {}  # person → the earliest change without training
    for person in facts.people_in_service():
        previous = person.hire_date
        changes = sorted({j.changed_on for j in person.job_changes})
        for change in (c for c in changes if person.hire_date < c <= facts.as_of):
            if change >= PACK_EFFECTIVE_FROM:
                checked += 1
                kinds = {
                    a.kind for a in trained.get(person.id, []) if previous < a.ended_on <= change
                }
                if TrainingKind.JOB_CHANGE not in kinds and not RENEWED_LEVELS.issubset(kinds):
                    lacking.setdefault(person.id, change)
            previous = change
    if not checked:
        return _na(
            "无2014年6月17日后调整岗位的在岗从业人员。",
            "Nobody in service changed post on or after 2014-06-17.",
        )
    if lacking:
        return _fail(
            f"{len(lacking)}名从业人员调岗前未重新进行车间和班组级安全培训。",
            f"{len(lacking)} employee(s) changed post without renewed workshop- and "
            "team-level training before the new start.",
            tuple(sorted(lacking)),
            min(lacking.values()),
        )
    return _pass(
        "调岗人员均在新岗位上岗前重新进行车间和班组级安全培训。",
        "Everyone who changed post had renewed workshop- and team-level training first.",
    )


@dataclass(frozen=True)
class Manager:
    """A person in a role that needs initial training and yearly re-training."""

    person_id: str
    since: date  # took office or appointed
    initial: TrainingKind
    annual: TrainingKind


def training_gap(
    manager: Manager, trained: list[Attended], as_of: date, high_risk: bool
) -> tuple[date | None, date | None]:
    """(the date a missing training was due, or None; the next re-training deadline).

    Initial training is complete on the day its passed hours reach the threshold. Each year
    after it runs from the day after one anniversary to the next, inclusive (so training on
    the anniversary counts for the year it closes), and is judged once its end has come.
    Years ending on or before the appointment, or before the pack's effective date, are not
    this person's duty under this pack. Missing initial training is due from the appointment.
    """
    initial_needed = MANAGER_INITIAL_HOURS_HIGH_RISK if high_risk else MANAGER_INITIAL_HOURS
    annual_needed = MANAGER_ANNUAL_HOURS_HIGH_RISK if high_risk else MANAGER_ANNUAL_HOURS
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
        if end > manager.since and end >= PACK_EFFECTIVE_FROM and hours < annual_needed:
            return end, None
        year += 1
    return None, end


def managers_trained(facts: Facts) -> Finding:
    """18.6: the principal in post and every safety officer in service completed initial
    training and each complete year's re-training. Each role counts its own kinds
    (`principal_*` or `officer_*`); general annual training is another duty (24.1)."""
    high_risk = facts.enterprise.high_risk_category in TRAINING_HIGH_RISK
    principal = facts.principal_on()
    managers = [
        Manager(
            a.person_id, a.appointed_on, TrainingKind.OFFICER_INITIAL, TrainingKind.OFFICER_ANNUAL
        )
        for a in facts.officers_in_service()
    ]
    if principal is not None:
        managers.append(
            Manager(
                principal.person_id,
                principal.took_office_on,
                TrainingKind.PRINCIPAL_INITIAL,
                TrainingKind.PRINCIPAL_ANNUAL,
            )
        )
    trained = attended(facts)
    missing: dict[str, date] = {}
    upcoming: list[date] = []
    for manager in managers:
        due, next_due = training_gap(
            manager, trained.get(manager.person_id, []), facts.as_of, high_risk
        )
        if due is not None:
            missing[manager.person_id] = min(due, missing.get(manager.person_id, due))
        elif next_due is not None:
            upcoming.append(next_due)
    initial = MANAGER_INITIAL_HOURS_HIGH_RISK if high_risk else MANAGER_INITIAL_HOURS
    annual = MANAGER_ANNUAL_HOURS_HIGH_RISK if high_risk else MANAGER_ANNUAL_HOURS
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


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-18.4",
        "18",
        Text("新员工三级安全教育", "New hires' three-level education"),
        Text(
            "2014年6月17日起入职的在岗从业人员",
            "Employees in service hired on or after 2014-06-17",
        ),
        Text(
            f"新员工上岗前完成厂（矿）、车间、班组三级安全教育，不少于{NEW_HIRE_HOURS}学时"
            f"（高危行业{NEW_HIRE_HOURS_HIGH_RISK}学时，建筑施工{NEW_HIRE_HOURS_CONSTRUCTION}学时）。",
            "Give every new hire company-, workshop- and team-level education before work: "
            f"at least {NEW_HIRE_HOURS} class hours ({NEW_HIRE_HOURS_HIGH_RISK} in training "
            f"high-risk sectors, {NEW_HIRE_HOURS_CONSTRUCTION} in construction).",
        ),
        Severity.MAJOR,
        new_hires,
    ),
    Rule(
        "HJ2014-18.5",
        "18",
        Text("调岗和重新上岗培训", "Training after a change of post or a return"),
        Text(
            f"2014年6月17日起调整岗位的在岗从业人员（离岗{RETURN_AFTER_DAYS}天以上重新上岗尚无记录）",
            "Employees in service who changed post on or after 2014-06-17 (returns after "
            f"{RETURN_AFTER_DAYS} days or more away are not recorded yet)",
        ),
        Text(
            "调整岗位或离岗一年以上重新上岗前，重新进行车间和班组级安全培训。",
            "Before the new start after a change of post or a long absence, repeat the "
            "workshop- and team-level training.",
        ),
        Severity.MAJOR,
        post_changes,
    ),
    Rule(
        "HJ2014-18.6",
        "18",
        Text("主要负责人和安全生产管理人员培训", "Principal's and safety officers' training"),
        Text("所有企业", "All enterprises"),
        Text(
            f"初次培训不少于{MANAGER_INITIAL_HOURS}学时（高危行业{MANAGER_INITIAL_HOURS_HIGH_RISK}"
            f"学时），此后每年再培训不少于{MANAGER_ANNUAL_HOURS}学时"
            f"（{MANAGER_ANNUAL_HOURS_HIGH_RISK}学时）。",
            f"Train the principal and safety officers at least {MANAGER_INITIAL_HOURS} hours "
            f"initially ({MANAGER_INITIAL_HOURS_HIGH_RISK} in training high-risk sectors), then "
            f"at least {MANAGER_ANNUAL_HOURS} hours ({MANAGER_ANNUAL_HOURS_HIGH_RISK}) each year.",
        ),
        Severity.MAJOR,
        managers_trained,
    ),
)
