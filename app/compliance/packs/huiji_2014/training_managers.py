"""Art. 18 of pack `huiji-2014`: the principal's and safety officers' training (18.6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import TRAINING_MANAGERS
from app.compliance.packs.huiji_2014.params import (
    EFFECTIVE_FROM,
    MANAGER_ANNUAL_HOURS,
    MANAGER_ANNUAL_HOURS_HIGH_RISK,
    MANAGER_INITIAL_HOURS,
    MANAGER_INITIAL_HOURS_HIGH_RISK,
    TRAINING_HIGH_RISK,
    latest,
)
from app.compliance.packs.huiji_2014.training import training_high_risk
from app.compliance.packs.training_records import attended, managers_in_post, training_gap
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text


def manager_hours(facts: Facts) -> tuple[Decimal, Decimal]:
    """The hours of the initial training and of each year's re-training."""
    if training_high_risk(facts):
        return facts.value(MANAGER_INITIAL_HOURS_HIGH_RISK), facts.value(
            MANAGER_ANNUAL_HOURS_HIGH_RISK
        )
    return facts.value(MANAGER_INITIAL_HOURS), facts.value(MANAGER_ANNUAL_HOURS)


def managers_trained(facts: Facts) -> Finding:
    """18.6: the principal in post and every safety officer in service completed initial
    training and each complete year's re-training. Each role counts its own kinds
    (`principal_*` or `officer_*`); general annual training is another duty (24.1)."""
    hours = manager_hours(facts)
    principal = facts.principal_on()
    managers = managers_in_post(facts)
    trained = attended(facts)
    missing: dict[str, date] = {}
    upcoming: list[date] = []
    for manager in managers:
        due, next_due = training_gap(
            manager, trained.get(manager.person_id, []), facts.as_of, hours, EFFECTIVE_FROM
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


def manager_deadlines(facts: Facts) -> list[Deadline]:
    """Each manager's missing training (overdue) or next re-training year's end."""
    hours = manager_hours(facts)
    trained = attended(facts)
    found = []
    for manager in managers_in_post(facts):
        due, next_due = training_gap(
            manager, trained.get(manager.person_id, []), facts.as_of, hours, EFFECTIVE_FROM
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


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-18.6",
        "18",
        Text("主要负责人和安全生产管理人员培训", "Principal's and safety officers' training"),
        Text("所有企业", "All enterprises"),
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
        managers_trained,
        (
            TRAINING_HIGH_RISK,
            MANAGER_INITIAL_HOURS,
            MANAGER_INITIAL_HOURS_HIGH_RISK,
            MANAGER_ANNUAL_HOURS,
            MANAGER_ANNUAL_HOURS_HIGH_RISK,
        ),
        manager_deadlines,
        duty=TRAINING_MANAGERS,
    ),
)
