"""Art. 16 of pack `huiji-2014`: the principal and the leadership take turns on site (轮流现场
带班). The seed sets no frequency: one shift a month each is this pack's house rule."""

from __future__ import annotations

from datetime import date

from app.compliance.facts import Facts
from app.compliance.packs import on_site_shifts as shifts
from app.compliance.packs.common_duties import LEADERS_ON_SITE
from app.compliance.packs.huiji_2014.params import (
    EFFECTIVE_FROM,
    SHIFTS_LOOK_BACK_MONTHS,
    SHIFTS_PER_MONTH,
    latest,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text


def _lacking(facts: Facts, months: list[date]) -> tuple[dict[str, list[str]], list[str], int]:
    """(each leader lacking shifts → the months lacking, in order; the ids of the shifts
    that count; how many leader-months were asked for)."""
    needed = facts.value(SHIFTS_PER_MONTH)
    lacking: dict[str, list[str]] = {}
    counted: list[str] = []
    asked = 0
    for month in months:
        taken = shifts.shifts_in(facts, month)
        for person_id in shifts.leaders_through(facts, month):
            asked += 1
            own = [s.id for s in taken if s.person_id == person_id]
            if len(own) < needed:
                lacking.setdefault(person_id, []).append(f"{month:%Y-%m}")
            else:
                counted.extend(own)
    return lacking, counted, asked


def leaders_on_site(facts: Facts) -> Finding:
    """16.1: for each month judged, every leader in post through it took its shifts.
    Evidence when failing: the leaders lacking shifts (person ids), then the months lacking."""
    months = shifts.months_judged(facts, EFFECTIVE_FROM, SHIFTS_LOOK_BACK_MONTHS)
    this_month = facts.as_of.replace(day=1)
    if not months:
        first = shifts.first_month(facts, EFFECTIVE_FROM, SHIFTS_LOOK_BACK_MONTHS)
        return _na(
            "尚无已结束的月份需要检查领导带班。",
            "No month to judge for leaders' on-site shifts has ended yet.",
            due=shifts.month_end(first),
        )
    lacking, counted, asked = _lacking(facts, months)
    if not asked:
        return _na(
            "未登记整月在任的主要负责人或领导班子成员，不检查轮流带班。",
            "No principal or leadership member is recorded in post through a month judged: "
            "leaders' shifts are not checked.",
            due=shifts.month_end(this_month),
        )
    if lacking:
        needed = facts.value(SHIFTS_PER_MONTH)
        parts = [f"{person} ({', '.join(missing)})" for person, missing in lacking.items()]
        zh, en = shifts.shown(parts)
        missed = sorted({m for missing in lacking.values() for m in missing})
        return _fail(
            f"{len(lacking)}名领导未按月现场带班（每人每月至少{needed}次）：{zh}。",
            f"{len(lacking)} leader(s) lack on-site shifts (at least {needed} a month each): {en}.",
            (*lacking, *missed),
            shifts.month_end(date.fromisoformat(missed[0] + "-01")),
        )
    return _pass(
        "主要负责人和领导班子成员每月均已现场带班。",
        "The principal and every leadership member took their on-site shifts each month.",
        tuple(counted),
        shifts.month_end(this_month),
    )


def shift_deadlines(facts: Facts) -> list[Deadline]:
    """This month's shifts of the leaders in post today who have not taken them yet."""
    this_month = facts.as_of.replace(day=1)
    if this_month < shifts.first_month(facts, EFFECTIVE_FROM, SHIFTS_LOOK_BACK_MONTHS):
        return []
    needed = facts.value(SHIFTS_PER_MONTH)
    taken = shifts.shifts_in(facts, this_month)
    people = sorted({a.person_id for a in facts.leaders})
    return [
        Deadline(
            shifts.month_end(this_month),
            "on_site_shift_due",
            Text(
                f"{this_month:%Y-%m}领导现场带班",
                f"Leader's on-site shift for {this_month:%Y-%m}",
            ),
            person_id=person_id,
            concerns=shifts.CONCERNS,
        )
        for person_id in people
        if shifts.leader_on(facts, person_id, facts.as_of)
        and sum(1 for s in taken if s.person_id == person_id) < needed
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-16.1",
        "16",
        Text("领导轮流现场带班", "Leaders on site"),
        Text(
            f"登记了主要负责人或领导班子成员的企业，最近{latest(SHIFTS_LOOK_BACK_MONTHS)}个月内"
            "开始并已结束的每个月（每月一次为内部规则）",
            "Enterprises recording their principal or leadership, each month begun in the last "
            f"{latest(SHIFTS_LOOK_BACK_MONTHS)} months and ended (once a month is a house rule)",
        ),
        Text(
            f"主要负责人和每名整月在任的领导班子成员每月至少现场带班{latest(SHIFTS_PER_MONTH)}次，"
            "并登记带班日期和地点。",
            "Have the principal and every leadership member in post through a month take at "
            f"least {latest(SHIFTS_PER_MONTH)} on-site shift in it, recorded with its date and "
            "place.",
        ),
        Severity.MAJOR,
        leaders_on_site,
        (SHIFTS_PER_MONTH, SHIFTS_LOOK_BACK_MONTHS),
        shift_deadlines,
        duty=LEADERS_ON_SITE,
        article_text=Text(
            "16. 强化企业负责人责任。企业主要负责人是本企业安全生产第一责任人,对本企业安全生产"
            "工作全面负责;分管负责人对分管范围内的安全生产工作负具体责任。企业主要负责人和领导"
            "班子成员要严格执行轮流现场带班制度,加强现场安全管理。",
            "16. Strengthen the responsibility of enterprises' leaders. The principal is the "
            "first person responsible for the enterprise's work safety and answers for all of "
            "it; a deputy in charge answers for the work safety of the area in charge. The "
            "principal and the members of the leadership shall strictly keep the system of "
            "taking turns on site in shifts, and strengthen safety management on site.",
        ),
    ),
)
