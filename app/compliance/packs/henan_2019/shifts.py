"""Art. 35 of pack `henan-2019`: in mines, metal smelting, construction and units producing,
trading or storing dangerous goods, the leaders concerned (有关负责人) take shifts on site.

The article names neither a frequency nor every leader: a month passes when a leader in post
took a shift in it (the district's art. 16 asks it of each leader), and once a month is this
pack's house rule (decision 124). Para 2 (a mine's shift leader goes down and up with the
shift) is not judged: the registry does not record descents."""

from __future__ import annotations

from datetime import date

from app.compliance.facts import Facts
from app.compliance.packs import on_site_shifts as shifts
from app.compliance.packs.common_duties import LEADERS_ON_SITE
from app.compliance.packs.henan_2019.high_risk import listed_category
from app.compliance.packs.henan_2019.params import (
    EFFECTIVE_FROM,
    HIGH_RISK_CODES,
    HIGH_RISK_CODES_PROVISIONAL,
    ON_SITE_SHIFT_CATEGORIES,
    ON_SITE_SHIFTS_LOOK_BACK_MONTHS,
    ON_SITE_SHIFTS_PER_MONTH,
    latest,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text


def _applies(facts: Facts) -> bool:
    return listed_category(facts, ON_SITE_SHIFT_CATEGORIES) is not None


def _by_leaders(facts: Facts, month: date) -> list[str]:
    """The ids of the month's shifts taken by a leader in post on the shift's day."""
    return [
        s.id
        for s in shifts.shifts_in(facts, month)
        if shifts.leader_on(facts, s.person_id, s.shift_on)
    ]


def leaders_on_site(facts: Facts) -> Finding:
    """35.1: each month judged holds the unit's shifts by its leaders. Evidence when
    failing: the months lacking (YYYY-MM)."""
    if not _applies(facts):
        return _na(
            "非矿山、金属冶炼、建筑施工或危险物品生产、经营、储存单位，条例第三十五条不适用。",
            "Not a mine, metal smelter, construction unit or producer, trader or store of "
            "dangerous goods: art. 35 does not apply.",
        )
    months = shifts.months_judged(facts, EFFECTIVE_FROM, ON_SITE_SHIFTS_LOOK_BACK_MONTHS)
    this_month = facts.as_of.replace(day=1)
    if not months:
        first = shifts.first_month(facts, EFFECTIVE_FROM, ON_SITE_SHIFTS_LOOK_BACK_MONTHS)
        return _na(
            "尚无已结束的月份需要检查负责人现场带班。",
            "No month to judge for leaders' on-site shifts has ended yet.",
            due=shifts.month_end(first),
        )
    needed = facts.value(ON_SITE_SHIFTS_PER_MONTH)
    counted: list[str] = []
    missing: list[str] = []
    for month in months:
        led = _by_leaders(facts, month)
        counted.extend(led)
        if len(led) < needed:
            missing.append(f"{month:%Y-%m}")
    if missing and not facts.leaders and any(shifts.shifts_in(facts, m) for m in months):
        return _unknown(
            "已登记带班记录，但未登记主要负责人或分管负责人任职，无法确认带班人是否为负责人；"
            "请登记负责人任职记录。",
            "Shifts are recorded but no principal or deputy in charge is: record the leaders' "
            "appointments to decide whether a leader took them.",
        )
    if missing:
        zh, en = shifts.shown(missing)
        return _fail(
            f"{len(missing)}个月无负责人现场带班记录（每月至少{needed}次）：{zh}。",
            f"{len(missing)} month(s) without a leader's on-site shift (at least {needed} a "
            f"month): {en}.",
            tuple(missing),
            shifts.month_end(date.fromisoformat(missing[0] + "-01")),
        )
    return _pass(
        "每月均有负责人现场带班记录。",
        "A leader took an on-site shift in every month.",
        tuple(counted),
        shifts.month_end(this_month),
    )


def shift_deadlines(facts: Facts) -> list[Deadline]:
    """This month's shift, while no leader has taken it."""
    this_month = facts.as_of.replace(day=1)
    first = shifts.first_month(facts, EFFECTIVE_FROM, ON_SITE_SHIFTS_LOOK_BACK_MONTHS)
    if not _applies(facts) or this_month < first:
        return []
    if len(_by_leaders(facts, this_month)) >= facts.value(ON_SITE_SHIFTS_PER_MONTH):
        return []
    return [
        Deadline(
            shifts.month_end(this_month),
            "on_site_shift_due",
            Text(
                f"{this_month:%Y-%m}负责人现场带班",
                f"A leader's on-site shift for {this_month:%Y-%m}",
            ),
            concerns=shifts.CONCERNS,
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-35.1",
        "35",
        Text("负责人现场带班", "Leaders on site"),
        Text(
            "矿山、金属冶炼、建筑施工以及危险物品的生产、经营、储存单位，最近"
            f"{latest(ON_SITE_SHIFTS_LOOK_BACK_MONTHS)}个月内开始并已结束的每个月"
            "（每月一次为本规则包的内部规则）",
            "Mines, metal smelters, construction units and producers, traders and stores of "
            "dangerous goods, each month begun in the last "
            f"{latest(ON_SITE_SHIFTS_LOOK_BACK_MONTHS)} months and ended (once a month is this "
            "pack's house rule)",
        ),
        Text(
            f"有关负责人每月至少现场带班{latest(ON_SITE_SHIFTS_PER_MONTH)}次，巡查关键环节、"
            "重点部位，并登记带班日期和地点。",
            f"Have a leader take at least {latest(ON_SITE_SHIFTS_PER_MONTH)} on-site shift each "
            "month, patrolling the key links and places, recorded with its date and place.",
        ),
        Severity.MAJOR,
        leaders_on_site,
        (
            ON_SITE_SHIFT_CATEGORIES,
            HIGH_RISK_CODES,
            HIGH_RISK_CODES_PROVISIONAL,
            ON_SITE_SHIFTS_PER_MONTH,
            ON_SITE_SHIFTS_LOOK_BACK_MONTHS,
        ),
        shift_deadlines,
        duty=LEADERS_ON_SITE,
        article_text=Text(
            "第三十五条 矿山、金属冶炼、建筑施工以及危险物品的生产、经营、储存单位有关负责人应当"
            "现场带班，巡查关键环节、重点部位，掌握现场安全生产情况，及时发现和处置事故隐患，发现"
            "直接危及人身安全的紧急情况时，应当立即组织人员撤离现场。\n"
            "矿山井下作业带班负责人应当与当班作业人员同时下井、同时升井。",
            "Art. 35. The leaders concerned of mines, metal smelters, construction units and "
            "units producing, trading or storing dangerous goods shall take shifts on site, "
            "patrol the key links and places, know the state of safety on site, find and deal "
            "with hidden dangers in time, and, on finding an emergency that directly endangers "
            "people's safety, at once have the people leave the site. "
            "In underground work of mines, the leader on shift shall go down and come up with "
            "the workers of the shift.",
        ),
    ),
)
