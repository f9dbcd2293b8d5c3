"""Art. 81 of pack `prc-2021` with 生产安全事故应急条例 art. 8: an emergency plan in force and
drills — at least every half year, reported to the regulator, for the regulation's listed
units; at least yearly for the others (decision 113)."""

from __future__ import annotations

from datetime import date

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import EMERGENCY_DRILLS
from app.compliance.packs.prc_2021.high_risk import HIGH_RISK_PARAMETERS, sector
from app.compliance.packs.prc_2021.params import (
    DRILL_CATEGORIES,
    DRILL_CODES_PROVISIONAL,
    DRILL_MONTHS_LISTED,
    DRILL_MONTHS_OTHERS,
    EFFECTIVE_FROM,
    latest,
)
from app.compliance.packs.prc_2021.quotes import ART_81
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.core.calendar import add_months
from app.registry.emergency.models import EmergencyDrill, EmergencyPlan

LISTED, OTHERS = "listed", "others"


def _listed(facts: Facts) -> bool:
    return sector(facts, DRILL_CODES_PROVISIONAL) in facts.value(DRILL_CATEGORIES)


def _months(facts: Facts) -> int:
    return facts.value(DRILL_MONTHS_LISTED if _listed(facts) else DRILL_MONTHS_OTHERS)


def plans_in_force(facts: Facts) -> list[EmergencyPlan]:
    """Plans issued by the date and not withdrawn (a plan withdrawn on a day is gone that
    day)."""
    return [
        p
        for p in facts.emergency_plans
        if p.issued_on <= facts.as_of and (p.withdrawn_on is None or p.withdrawn_on > facts.as_of)
    ]


def _counted(facts: Facts) -> list[EmergencyDrill]:
    """The drills held by the date that count for the unit: a listed unit's only once
    reported to the regulator (art. 8 para 2: 并将演练情况报送)."""
    listed = _listed(facts)
    return [
        d
        for d in facts.emergency_drills
        if d.held_on <= facts.as_of
        and (
            not listed
            or (
                d.reported_to_regulator_on is not None and d.reported_to_regulator_on <= facts.as_of
            )
        )
    ]


def next_drill_due(facts: Facts) -> date:
    """The last day by which the next drill is held: the interval after the last counted
    drill or, with none, after the unit started (not before the 2021 amendment)."""
    drills = _counted(facts)
    start = max(facts.started_on, EFFECTIVE_FROM)
    last = max((d.held_on for d in drills), default=start)
    return add_months(last, _months(facts))


def emergency_drills(facts: Facts) -> Finding:
    """81.1: a plan in force, and the last counted drill within the interval."""
    listed = _listed(facts)
    months = _months(facts)
    branch = LISTED if listed else OTHERS
    plans = plans_in_force(facts)
    if not plans:
        return _fail(
            "未制定生产安全事故应急救援预案（或已废止）。",
            "No emergency rescue plan is in force (none issued, or withdrawn).",
            branch=branch,
        )
    due = next_drill_due(facts)
    drills = _counted(facts)
    plan_ids = tuple(p.id for p in plans)
    if facts.as_of <= due:
        last = max(drills, key=lambda d: d.held_on, default=None)
        return _pass(
            f"应急预案有效，应急演练按期进行（至少每{months}个月一次）。",
            f"An emergency plan is in force and drills are held at least every {months} months.",
            plan_ids + ((last.id,) if last else ()),
            due,
            branch=branch,
        )
    counted = {d.id for d in drills}
    unreported = [
        d.id
        for d in facts.emergency_drills
        if listed and d.held_on <= facts.as_of and d.id not in counted
    ]
    return _fail(
        f"应急演练逾期（应至少每{months}个月组织一次"
        + ("并报送负有安全生产监督管理职责的部门" if listed else "")
        + f"，应于{due.isoformat()}前进行）"
        + ("；已进行的演练未报送" if unreported else "")
        + "。",
        f"The drill is overdue (at least one every {months} months"
        + (", reported to the safety regulator" if listed else "")
        + f"; due by {due.isoformat()})"
        + ("; the drills held were not reported" if unreported else "")
        + ".",
        plan_ids + tuple(unreported),
        due,
        branch=branch,
    )


def drill_deadlines(facts: Facts) -> list[Deadline]:
    """The next drill falls due."""
    return [
        Deadline(
            next_drill_due(facts),
            "drill_due",
            Text("应急演练到期", "Emergency drill due"),
            concerns=("emergency-drills",),
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-81.1",
        "81",
        Text("应急预案和应急演练", "Emergency plan and drills"),
        Text(
            "所有生产经营单位（危险物品生产、经营、储存、运输单位，矿山、金属冶炼、城市轨道交通运营、"
            "建筑施工单位和人员密集场所经营单位每半年演练）",
            "All units (dangerous-goods producers, traders, storers and carriers, mines, metal "
            "smelting, urban rail transit, construction and crowded venues: half-yearly drills)",
        ),
        Text(
            "制定生产安全事故应急救援预案；上述重点单位至少每"
            f"{latest(DRILL_MONTHS_LISTED)}个月组织一次演练并报送监管部门，其他单位至少每"
            f"{latest(DRILL_MONTHS_OTHERS)}个月组织一次演练。",
            "Have an emergency rescue plan in force; the listed units drill it at least every "
            f"{latest(DRILL_MONTHS_LISTED)} months and report the drill to the regulator, the "
            f"others at least every {latest(DRILL_MONTHS_OTHERS)} months.",
        ),
        Severity.MAJOR,
        emergency_drills,
        (
            DRILL_CATEGORIES,
            DRILL_CODES_PROVISIONAL,
            DRILL_MONTHS_LISTED,
            DRILL_MONTHS_OTHERS,
            *HIGH_RISK_PARAMETERS[1:],
        ),
        drill_deadlines,
        duty=EMERGENCY_DRILLS,
        article_text=ART_81,
    ),
)
