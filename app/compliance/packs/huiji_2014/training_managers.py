"""Art. 18 of pack `huiji-2014`: the principal's and safety officers' training (18.6)."""

from __future__ import annotations

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
from app.compliance.packs.huiji_2014.quotes import ART_18_ASSESSMENT
from app.compliance.packs.huiji_2014.training import training_high_risk
from app.compliance.packs.training_records import manager_deadlines, managers_trained
from app.compliance.rules import Rule, Severity, Text


def manager_hours(facts: Facts) -> tuple[Decimal, Decimal]:
    """The hours of the initial training and of each year's re-training."""
    if training_high_risk(facts):
        return facts.value(MANAGER_INITIAL_HOURS_HIGH_RISK), facts.value(
            MANAGER_ANNUAL_HOURS_HIGH_RISK
        )
    return facts.value(MANAGER_INITIAL_HOURS), facts.value(MANAGER_ANNUAL_HOURS)


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
        managers_trained(EFFECTIVE_FROM, manager_hours),
        (
            TRAINING_HIGH_RISK,
            MANAGER_INITIAL_HOURS,
            MANAGER_INITIAL_HOURS_HIGH_RISK,
            MANAGER_ANNUAL_HOURS,
            MANAGER_ANNUAL_HOURS_HIGH_RISK,
        ),
        manager_deadlines(EFFECTIVE_FROM, manager_hours),
        duty=TRAINING_MANAGERS,
        article_text=ART_18_ASSESSMENT,
    ),
)
