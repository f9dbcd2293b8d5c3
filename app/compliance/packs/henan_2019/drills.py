"""Arts. 23 and 49 of pack `henan-2019`: emergency drills at least every so many months.
Each interval is rolling: the next drill is due that many months after the last one (or
after the start, for a unit that has never drilled) and late from the day after."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import EMERGENCY_DRILLS
from app.compliance.packs.henan_2019.params import (
    EFFECTIVE_FROM,
    HAZARD_SOURCE_DRILL_MONTHS,
    ON_SITE_DRILL_MONTHS,
    PLAN_DRILL_MONTHS,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.core.calendar import add_months
from app.law.parameters import Parameter

CONCERNS = ("emergency-drills", "emergency-plans")
PLAN_TYPES = frozenset({"comprehensive", "special"})
ON_SITE_TYPES = frozenset({"on_site"})
ANY_TYPE = PLAN_TYPES | ON_SITE_TYPES


@dataclass(frozen=True)
class Interval:
    """One drill requirement as of the date: the last drill of its types (by the date: the
    cut hides later ones) and the last day on which the next is on time."""

    what: Text
    last: str | None  # the last drill's id
    due: date


def _interval(
    facts: Facts, what: Text, types: Collection[str], months: Parameter[int], since: date
) -> Interval:
    held = [d for d in facts.emergency_drills if d.drill_type in types]
    last = max(held, key=lambda d: (d.held_on, d.id), default=None)
    reference = last.held_on if last is not None else max(since, EFFECTIVE_FROM)
    return Interval(
        what, None if last is None else last.id, add_months(reference, facts.value(months))
    )


def _judge(facts: Facts, intervals: list[Interval]) -> Finding:
    late = [i for i in intervals if facts.as_of > i.due]
    if late:
        return _fail(
            "演练逾期：" + "；".join(f"{i.what.zh}应于{i.due}前进行" for i in late) + "。",
            "Drills overdue: " + "; ".join(f"{i.what.en} was due by {i.due}" for i in late) + ".",
            tuple(i.last for i in late if i.last is not None),
            min(i.due for i in late),
        )
    due = min(i.due for i in intervals)
    if all(i.last is None for i in intervals):
        return _na(
            f"尚无到期的演练（首次演练应于{due}前进行）。",
            f"No drill is due yet (the first is due by {due}).",
            due=due,
        )
    return _pass(
        "应急预案演练均按期进行。",
        "The emergency drills are held on time.",
        tuple(i.last for i in intervals if i.last is not None),
        due,
    )


def _deadlines(intervals: list[Interval]) -> list[Deadline]:
    return [
        Deadline(
            i.due,
            "emergency_drill_due",
            Text(f"{i.what.zh}到期", f"{i.what.en} due"),
            i.last,
            concerns=CONCERNS,
        )
        for i in intervals
    ]


def _every_unit(facts: Facts) -> list[Interval]:
    return [
        _interval(
            facts,
            Text("综合或专项应急预案演练", "A comprehensive or special-plan drill"),
            PLAN_TYPES,
            PLAN_DRILL_MONTHS,
            facts.started_on,
        ),
        _interval(
            facts,
            Text("现场处置方案演练", "An on-site-procedure drill"),
            ON_SITE_TYPES,
            ON_SITE_DRILL_MONTHS,
            facts.started_on,
        ),
    ]


def every_unit_drills(facts: Facts) -> Finding:
    """49.1: a comprehensive or special-plan drill every year, an on-site one every 6 months."""
    return _judge(facts, _every_unit(facts))


def every_unit_deadlines(facts: Facts) -> list[Deadline]:
    return _deadlines(_every_unit(facts))


def _hazard_source(facts: Facts) -> list[Interval]:
    """From the first major hazard source identified by the date; none without one."""
    identified = [s.identified_on for s in facts.hazard_sources]
    if not identified:
        return []
    return [
        _interval(
            facts,
            Text("重大危险源应急预案演练", "A drill of the major hazard source's plan"),
            ANY_TYPE,
            HAZARD_SOURCE_DRILL_MONTHS,
            min(identified),
        )
    ]


def hazard_source_drills(facts: Facts) -> Finding:
    """23.2: where the unit has a major hazard source, a drill every 6 months. The registry
    does not tie a plan to a source, so a drill of any of the unit's plans counts."""
    intervals = _hazard_source(facts)
    if not intervals:
        return _na("未登记重大危险源。", "No major hazard source is recorded.")
    return _judge(facts, intervals)


def hazard_source_deadlines(facts: Facts) -> list[Deadline]:
    return _deadlines(_hazard_source(facts))


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-23.2",
        "23",
        Text("重大危险源应急预案演练", "Drills where there is a major hazard source"),
        Text("有重大危险源的单位", "Units with major hazard sources"),
        Text(
            "每半年至少组织一次重大危险源应急预案演练。",
            "Drill the emergency plan for the major hazard sources at least every 6 months.",
        ),
        Severity.MAJOR,
        hazard_source_drills,
        (HAZARD_SOURCE_DRILL_MONTHS,),
        hazard_source_deadlines,
        duty=EMERGENCY_DRILLS,
        article_text=Text(
            "第二十三条 生产经营单位应当按照国家规定落实重大危险源监测监控管理责任，并对重大危险源"
            "采取下列措施：……（四）制定重大危险源应急预案，每半年至少组织一次演练；……",
            "Art. 23. Units shall carry out their duty to monitor major hazard sources as the "
            "state provides and take these measures for them: … (4) make an emergency plan "
            "for the major hazard sources and drill it at least once every six months; …",
        ),
    ),
    Rule(
        "HN2019-49.1",
        "49",
        Text("应急预案演练", "Emergency drills"),
        Text("所有单位", "All units"),
        Text(
            "每年至少组织一次综合或专项应急预案演练，每半年至少组织一次现场处置方案演练。",
            "Hold a comprehensive or special-plan drill at least every year and an on-site-"
            "procedure drill at least every 6 months.",
        ),
        Severity.MAJOR,
        every_unit_drills,
        (PLAN_DRILL_MONTHS, ON_SITE_DRILL_MONTHS),
        every_unit_deadlines,
        duty=EMERGENCY_DRILLS,
        article_text=Text(
            "第四十九条 生产经营单位应当依法履行下列应急救援职责：……（六）每年至少组织一次综合"
            "应急预案演练或者专项应急预案演练，每半年至少组织一次现场处置方案演练。",
            "Art. 49. Units shall fulfil these emergency-rescue duties as the law provides: "
            "… (6) hold at least one comprehensive or special-plan drill every year and at "
            "least one on-site-procedure drill every six months.",
        ),
    ),
)
