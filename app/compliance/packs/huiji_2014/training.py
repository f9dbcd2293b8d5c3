"""Arts. 18 and 24 of pack `huiji-2014`: new hires', changed posts' and everyone's training."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from app.compliance.facts import Facts, derived
from app.compliance.packs.common_duties import (
    TRAINING_ANNUAL,
    TRAINING_INDUCTION,
    TRAINING_REASSIGNMENT,
)
from app.compliance.packs.huiji_2014.high_risk import high_risk_category
from app.compliance.packs.huiji_2014.params import (
    ANNUAL_HOURS,
    ANNUAL_HOURS_HIGH_RISK,
    EFFECTIVE_FROM,
    HIGH_RISK_CATEGORIES,
    HIGH_RISK_CODES,
    NEW_HIRE_HOURS,
    NEW_HIRE_HOURS_CONSTRUCTION,
    NEW_HIRE_HOURS_HIGH_RISK,
    RENEWED_LEVELS,
    RETURN_AFTER_DAYS,
    THREE_LEVELS,
    TRAINING_HIGH_RISK,
    latest,
)
from app.compliance.packs.huiji_2014.quotes import ART_18_EDUCATION, ART_24_ANNUAL
from app.compliance.packs.training_records import (
    annual_training,
    annual_training_deadlines,
    attended,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Finding, Rule, Severity, Text
from app.registry.catalog import TrainingKind

CONSTRUCTION = "construction"


def training_high_risk(facts: Facts) -> bool:
    """The enterprise is in a sector with the higher training hours (declared, or by its
    industry code)."""
    return high_risk_category(facts) in facts.value(TRAINING_HIGH_RISK)


def new_hire_hours(facts: Facts) -> Decimal:
    if training_high_risk(facts):
        return facts.value(NEW_HIRE_HOURS_HIGH_RISK)
    if high_risk_category(facts) == CONSTRUCTION:
        return facts.value(NEW_HIRE_HOURS_CONSTRUCTION)
    return facts.value(NEW_HIRE_HOURS)


def annual_hours(facts: Facts) -> Decimal:
    """Everyone's yearly hours: 20 in training high-risk sectors and in construction."""
    if training_high_risk(facts) or high_risk_category(facts) == CONSTRUCTION:
        return facts.value(ANNUAL_HOURS_HIGH_RISK)
    return facts.value(ANNUAL_HOURS)


class Induction(NamedTuple):
    """A new hire's three-level education (levels and hours)."""

    before_start: bool  # complete by the hire date: what 18.4 asks
    by_date: bool  # complete by the as-of date, however late: no untrained work (24.2)


@derived  # 18.4 asks whether it was done before work, 24.2 whether it is done by the date
def inductions(facts: Facts) -> dict[str, Induction]:
    """Each person in service hired on or after the pack's effective date, by id: whether
    their three-level education is complete, before their start and by the as-of date."""
    needed = new_hire_hours(facts)
    trained = attended(facts)
    found: dict[str, Induction] = {}
    for person in facts.people_in_service():
        if person.hire_date < EFFECTIVE_FROM:
            continue
        before: set[str] = set()
        ever: set[str] = set()
        hours_before: Decimal | int = 0
        hours_ever: Decimal | int = 0
        for a in trained.get(person.id, ()):  # sessions ended on or before the as-of date
            if a.kind in THREE_LEVELS:
                ever.add(a.kind)
                hours_ever += a.hours
                if a.ended_on <= person.hire_date:
                    before.add(a.kind)
                    hours_before += a.hours
        found[person.id] = Induction(
            THREE_LEVELS.issubset(before) and hours_before >= needed,
            THREE_LEVELS.issubset(ever) and hours_ever >= needed,
        )
    return found


def new_hires(facts: Facts) -> Finding:
    """18.4: every new hire had all three levels, and enough hours, before work (上岗前).

    "Before work" is read as "the session ended on or before the hire date": the registry
    refuses an attendance of a session that ended before the person was hired, so a strictly
    earlier end could never be recorded, while a session may start before the hire date and end
    on it, or take the first day before work begins. Education that ends after the hire date
    is late; where it takes the first days, the hire date to record is the first day on the post.
    Only people in service on the as-of date are judged, as for the other people rules.
    """
    inducted = inductions(facts)
    if not inducted:
        return _na(
            "无2014年6月17日后入职的在岗从业人员。",
            "Nobody in service was hired on or after 2014-06-17.",
        )
    needed = new_hire_hours(facts)
    lacking = [facts.people[i] for i, done in inducted.items() if not done.before_start]
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
        if not (moves := facts.job_changes_of(person.id)):
            continue  # most people never changed post
        previous = person.hire_date
        changes = sorted({j.changed_on for j in moves})
        for change in (c for c in changes if person.hire_date < c <= facts.as_of):
            if change >= EFFECTIVE_FROM:
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
            f"新员工上岗前完成厂（矿）、车间、班组三级安全教育，不少于{latest(NEW_HIRE_HOURS)}学时"
            f"（高危行业{latest(NEW_HIRE_HOURS_HIGH_RISK)}学时，"
            f"建筑施工{latest(NEW_HIRE_HOURS_CONSTRUCTION)}学时）。",
            "Give every new hire company-, workshop- and team-level education before work: "
            f"at least {latest(NEW_HIRE_HOURS)} class hours ({latest(NEW_HIRE_HOURS_HIGH_RISK)} "
            f"in training high-risk sectors, {latest(NEW_HIRE_HOURS_CONSTRUCTION)} in "
            "construction).",
        ),
        Severity.MAJOR,
        new_hires,
        (
            TRAINING_HIGH_RISK,
            HIGH_RISK_CATEGORIES,
            HIGH_RISK_CODES,
            NEW_HIRE_HOURS,
            NEW_HIRE_HOURS_HIGH_RISK,
            NEW_HIRE_HOURS_CONSTRUCTION,
        ),
        duty=TRAINING_INDUCTION,
        article_text=ART_18_EDUCATION,
    ),
    Rule(
        "HJ2014-18.5",
        "18",
        Text("调岗和重新上岗培训", "Training after a change of post or a return"),
        Text(
            f"2014年6月17日起调整岗位的在岗从业人员（离岗{latest(RETURN_AFTER_DAYS)}天以上重新上岗"
            "尚无记录）",
            "Employees in service who changed post on or after 2014-06-17 (returns after "
            f"{latest(RETURN_AFTER_DAYS)} days or more away are not recorded yet)",
        ),
        Text(
            "调整岗位或离岗一年以上重新上岗前，重新进行车间和班组级安全培训。",
            "Before the new start after a change of post or a long absence, repeat the "
            "workshop- and team-level training.",
        ),
        Severity.MAJOR,
        post_changes,
        duty=TRAINING_REASSIGNMENT,
        article_text=ART_18_EDUCATION,
    ),
    Rule(
        "HJ2014-24.1",
        "24",
        Text("全员年度培训", "Annual training for everyone"),
        Text(
            "上一完整日历年度全年在岗的从业人员",
            "Employees in service throughout the last completed calendar year",
        ),
        Text(
            f"每名从业人员每个日历年度至少培训{latest(ANNUAL_HOURS)}学时"
            f"（高危行业和建筑施工{latest(ANNUAL_HOURS_HIGH_RISK)}学时）。",
            f"Train every employee at least {latest(ANNUAL_HOURS)} class hours in each calendar "
            f"year ({latest(ANNUAL_HOURS_HIGH_RISK)} in training high-risk sectors and in "
            "construction).",
        ),
        Severity.MAJOR,
        annual_training(EFFECTIVE_FROM, annual_hours),
        (
            TRAINING_HIGH_RISK,
            HIGH_RISK_CATEGORIES,
            HIGH_RISK_CODES,
            ANNUAL_HOURS,
            ANNUAL_HOURS_HIGH_RISK,
        ),
        annual_training_deadlines(annual_hours),
        duty=TRAINING_ANNUAL,
        article_text=ART_24_ANNUAL,
    ),
)
