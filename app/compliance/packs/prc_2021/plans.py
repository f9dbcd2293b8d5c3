"""Art. 81 of pack `prc-2021` with 生产安全事故应急条例 arts. 5 and 7: every plan in force is
published to the staff; the regulation's listed units also file it with the regulator and
publish it to society — each within a house period of its issue (decision 143)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.compliance.facts import Facts, derived
from app.compliance.packs.prc_2021.emergency import plans_in_force
from app.compliance.packs.prc_2021.high_risk import HIGH_RISK_PARAMETERS, sector
from app.compliance.packs.prc_2021.params import (
    DRILL_CODES_PROVISIONAL,
    PLAN_FILING_CATEGORIES,
    PLAN_PUBLICATION_DAYS,
    latest,
)
from app.compliance.packs.prc_2021.quotes import ART_81_PLANS
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Duty, Finding, Rule, Severity, Text
from app.registry.emergency.models import EmergencyPlan

# Only national law asks this of the enterprise (Henan art. 23's filing is of major hazard
# sources, `major_hazard_sources.filed`), so the duty is declared here, not in common_duties.
EMERGENCY_PLAN_FILED = Duty(
    "emergency.plan_filed",
    Text("应急预案公布和备案", "Emergency plans published and filed"),
)
LISTED, OTHERS = "listed", "others"
_STAFF = Text("向从业人员公布", "published to the staff")
_FILED = Text("报送备案", "filed with the regulator")
_PUBLIC = Text("向社会公布", "published to society")


@dataclass(frozen=True)
class Owed:
    """A plan in force that still lacks some of what is asked, and the day it is due by."""

    plan: EmergencyPlan
    lacks: tuple[Text, ...]
    due: date


@derived
def _listed(facts: Facts) -> bool:
    return sector(facts, DRILL_CODES_PROVISIONAL) in facts.value(PLAN_FILING_CATEGORIES)


@derived  # the check and its deadlines both ask
def _owed(facts: Facts) -> list[Owed]:
    listed = _listed(facts)
    days = timedelta(days=facts.value(PLAN_PUBLICATION_DAYS))
    owed = []
    for plan in plans_in_force(facts):
        lacks = [_STAFF] if plan.published_on is None else []
        if listed and plan.filed_on is None:
            lacks.append(_FILED)
        if listed and plan.published_to_public_on is None:
            lacks.append(_PUBLIC)
        if lacks:
            owed.append(Owed(plan, tuple(lacks), plan.issued_on + days))
    return owed


def plans_published(facts: Facts) -> Finding:
    """81.2: each plan in force is published to the staff (and, for a listed unit, filed
    and published to society) by the period's end after its issue."""
    plans = plans_in_force(facts)
    if not plans:
        return _na(
            "当日无有效的应急预案（未制定预案由第八十一条演练规则判定）。",
            "No emergency plan is in force (having none is the art. 81 drill rule's failure).",
        )
    branch = LISTED if _listed(facts) else OTHERS
    owed = _owed(facts)
    late = [o for o in owed if facts.as_of > o.due]
    if late:

        def listing(language: str) -> str:
            sep = "；" if language == "zh" else "; "
            return sep.join(
                f"{o.plan.title}（{'、'.join(t.zh for t in o.lacks)}，应于{o.due}前）"
                if language == "zh"
                else f"{o.plan.title} ({', '.join(t.en for t in o.lacks)} due by {o.due})"
                for o in late
            )

        return _fail(
            "应急预案未按期公布或备案：" + listing("zh") + "。",
            "Emergency plans not published or filed in time: " + listing("en") + ".",
            tuple(o.plan.id for o in late),
            min(o.due for o in late),
            branch=branch,
        )
    return _pass(
        "有效的应急预案均已向从业人员公布"
        + ("，并已备案和向社会公布" if branch == LISTED else "")
        + ("（部分尚在期限内）" if owed else "")
        + "。",
        "The plans in force are published to the staff"
        + (", filed and published to society" if branch == LISTED else "")
        + (" (some still within the period)" if owed else "")
        + ".",
        tuple(p.id for p in plans),
        min((o.due for o in owed), default=None),
        branch=branch,
    )


def publication_deadlines(facts: Facts) -> list[Deadline]:
    """Each plan still lacking a publication or filing falls due."""
    return [
        Deadline(
            o.due,
            "plan_publication_due",
            Text(
                "应急预案" + "、".join(t.zh for t in o.lacks) + "到期",
                "Emergency plan to be " + ", ".join(t.en for t in o.lacks),
            ),
            o.plan.id,
            concerns=("emergency-plans",),
        )
        for o in _owed(facts)
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-81.2",
        "81",
        Text("应急预案公布和备案", "Emergency plans published and filed"),
        Text(
            "所有生产经营单位（危险物品生产、经营、储存、运输单位，矿山、金属冶炼、城市轨道交通运营、"
            "建筑施工单位和人员密集场所经营单位还须备案并向社会公布）",
            "All units (dangerous-goods producers, traders, storers and carriers, mines, metal "
            "smelting, urban rail transit, construction and crowded venues also file and "
            "publish to society)",
        ),
        Text(
            f"应急预案发布后{latest(PLAN_PUBLICATION_DAYS)}日内向本单位从业人员公布；上述重点单位"
            "同期报送负有安全生产监督管理职责的部门备案并向社会公布（期限为本规则包的解读）。",
            f"Within {latest(PLAN_PUBLICATION_DAYS)} days of a plan's issue, publish it to the "
            "staff; the listed units also file it with the safety regulator and publish it to "
            "society (the period is this pack's reading).",
        ),
        Severity.MINOR,
        plans_published,
        (
            PLAN_FILING_CATEGORIES,
            PLAN_PUBLICATION_DAYS,
            DRILL_CODES_PROVISIONAL,
            *HIGH_RISK_PARAMETERS[1:],
        ),
        publication_deadlines,
        duty=EMERGENCY_PLAN_FILED,
        article_text=ART_81_PLANS,
    ),
)
