"""Art. 28 of pack `prc-2021`: employees trained before work and every year, and the
principal's and safety officers' training (hours: SAWS order 3, 安委〔2012〕10号). The yearly
and managers' checks are the district's (app/compliance/packs/training_records.py) with this
pack's hours and start."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import (
    TRAINING_ANNUAL,
    TRAINING_INDUCTION,
    TRAINING_MANAGERS,
)
from app.compliance.packs.prc_2021.high_risk import HIGH_RISK_PARAMETERS, activity
from app.compliance.packs.prc_2021.params import (
    ANNUAL_HOURS,
    ANNUAL_HOURS_HIGH_RISK,
    EFFECTIVE_FROM,
    INDUCTION_KINDS,
    MANAGER_ANNUAL_HOURS,
    MANAGER_ANNUAL_HOURS_HIGH_RISK,
    MANAGER_INITIAL_HOURS,
    MANAGER_INITIAL_HOURS_HIGH_RISK,
    NEW_HIRE_HOURS,
    NEW_HIRE_HOURS_CONSTRUCTION,
    NEW_HIRE_HOURS_HIGH_RISK,
    TRAINING_HIGH_RISK,
    latest,
)
from app.compliance.packs.prc_2021.quotes import ART_27_1, ART_28_1
from app.compliance.packs.training_records import (
    Attended,
    annual_training,
    annual_training_deadlines,
    attended,
    manager_deadlines,
    managers_trained,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Finding, Rule, Severity, Text

CONSTRUCTION = "construction"
_CODES = HIGH_RISK_PARAMETERS[1:]  # the industry codes `activity` reads


def training_high_risk(facts: Facts) -> bool:
    return activity(facts) in facts.value(TRAINING_HIGH_RISK)


def new_hire_hours(facts: Facts) -> Decimal:
    if training_high_risk(facts):
        return facts.value(NEW_HIRE_HOURS_HIGH_RISK)
    if activity(facts) == CONSTRUCTION:
        return facts.value(NEW_HIRE_HOURS_CONSTRUCTION)
    return facts.value(NEW_HIRE_HOURS)


def annual_hours(facts: Facts) -> Decimal:
    if training_high_risk(facts) or activity(facts) == CONSTRUCTION:
        return facts.value(ANNUAL_HOURS_HIGH_RISK)
    return facts.value(ANNUAL_HOURS)


def trained_before_work(facts: Facts) -> Finding:
    """28.1: everyone in service hired under the 2021 law (from 2021-09-01) had the
    induction hours (company-, workshop- and team-level sessions passed) by the first day at
    the post: a session ending on the hire date counts, as the district's 18.4 reads "before
    work". People hired earlier were under the earlier law, which the pack does not judge."""
    hires = [p for p in facts.people_in_service() if p.hire_date >= EFFECTIVE_FROM]
    if not hires:
        return _na(
            "无2021年9月1日后入职的在岗从业人员。",
            "Nobody in service was hired on or after 2021-09-01.",
        )
    needed = new_hire_hours(facts)
    trained = attended(facts)
    lacking = [p for p in hires if _short_of(trained.get(p.id, ()), p.hire_date, needed)]
    if lacking:
        return _fail(
            f"{len(lacking)}名从业人员上岗前安全生产教育和培训不足{needed}学时。",
            f"{len(lacking)} employee(s) started work with less than {needed} class hours of "
            "safety training.",
            tuple(sorted(p.id for p in lacking)),
            min(p.hire_date for p in lacking),
        )
    return _pass(
        f"2021年9月1日后入职的在岗从业人员均在上岗前完成不少于{needed}学时的安全培训。",
        f"Everyone hired from 2021-09-01 had at least {needed} class hours of training before "
        "work.",
    )


def _short_of(trained: Iterable[Attended], hired: date, needed: Decimal) -> bool:
    """Fewer than `needed` induction hours ended by the hire date (stops once enough)."""
    total = Decimal(0)
    for attendance in trained:
        if attendance.ended_on <= hired and attendance.kind in INDUCTION_KINDS:
            total += attendance.hours
            if total >= needed:
                return False
    return True


def manager_hours(facts: Facts) -> tuple[Decimal, Decimal]:
    if training_high_risk(facts):
        return facts.value(MANAGER_INITIAL_HOURS_HIGH_RISK), facts.value(
            MANAGER_ANNUAL_HOURS_HIGH_RISK
        )
    return facts.value(MANAGER_INITIAL_HOURS), facts.value(MANAGER_ANNUAL_HOURS)


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-28.1",
        "28",
        Text("上岗前安全生产教育和培训", "Trained before work"),
        Text(
            "2021年9月1日起入职的在岗从业人员",
            "Employees in service hired on or after 2021-09-01",
        ),
        Text(
            f"从业人员上岗前完成安全生产教育和培训，不少于{latest(NEW_HIRE_HOURS)}学时"
            f"（高危行业{latest(NEW_HIRE_HOURS_HIGH_RISK)}学时，"
            f"建筑施工{latest(NEW_HIRE_HOURS_CONSTRUCTION)}学时）。",
            f"Train every employee at least {latest(NEW_HIRE_HOURS)} class hours before work "
            f"({latest(NEW_HIRE_HOURS_HIGH_RISK)} in training high-risk sectors, "
            f"{latest(NEW_HIRE_HOURS_CONSTRUCTION)} in construction).",
        ),
        Severity.MAJOR,
        trained_before_work,
        (
            TRAINING_HIGH_RISK,
            NEW_HIRE_HOURS,
            NEW_HIRE_HOURS_HIGH_RISK,
            NEW_HIRE_HOURS_CONSTRUCTION,
            *_CODES,
        ),
        duty=TRAINING_INDUCTION,
        article_text=ART_28_1,
    ),
    Rule(
        "PRC2021-28.2",
        "28",
        Text("年度再培训", "Annual re-training"),
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
        (TRAINING_HIGH_RISK, ANNUAL_HOURS, ANNUAL_HOURS_HIGH_RISK, *_CODES),
        annual_training_deadlines(annual_hours),
        duty=TRAINING_ANNUAL,
        article_text=ART_28_1,
    ),
    Rule(
        "PRC2021-28.3",
        "28",
        Text("主要负责人和安全生产管理人员培训", "Principal's and safety officers' training"),
        Text("所有生产经营单位", "All units"),
        Text(
            f"初次培训不少于{latest(MANAGER_INITIAL_HOURS)}学时（高危行业"
            f"{latest(MANAGER_INITIAL_HOURS_HIGH_RISK)}学时），此后每年再培训不少于"
            f"{latest(MANAGER_ANNUAL_HOURS)}学时（{latest(MANAGER_ANNUAL_HOURS_HIGH_RISK)}学时）。",
            "Train the principal and safety officers at least "
            f"{latest(MANAGER_INITIAL_HOURS)} hours initially "
            f"({latest(MANAGER_INITIAL_HOURS_HIGH_RISK)} in training high-risk sectors), then "
            f"at least {latest(MANAGER_ANNUAL_HOURS)} hours "
            f"({latest(MANAGER_ANNUAL_HOURS_HIGH_RISK)}) each year.",
        ),
        Severity.MAJOR,
        managers_trained(EFFECTIVE_FROM, manager_hours),
        (
            TRAINING_HIGH_RISK,
            MANAGER_INITIAL_HOURS,
            MANAGER_INITIAL_HOURS_HIGH_RISK,
            MANAGER_ANNUAL_HOURS,
            MANAGER_ANNUAL_HOURS_HIGH_RISK,
            *_CODES,
        ),
        manager_deadlines(EFFECTIVE_FROM, manager_hours),
        duty=TRAINING_MANAGERS,
        article_text=ART_27_1,
    ),
)
