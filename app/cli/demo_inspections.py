"""Records of a generated enterprise for the seed's arts. 20 and 23 beyond the first
version's: hidden-danger inspections and accident signs with their warnings. Written last,
so that the random draws of every other record stay what they were."""

from __future__ import annotations

from datetime import date, timedelta

from app.cli.demo_people import PersonPlan, Workforce
from app.cli.demo_records import EnterpriseRecords, some_days
from app.core.calendar import add_months
from app.registry.dangers.inspections import HIDDEN_DANGER_INSPECTIONS
from app.registry.emergency.signs import ACCIDENT_SIGNS

SCOPES = ("全厂各车间、仓库、配电室", "生产车间及设备设施", "仓库及消防设施", "厂区用电线路")
# (kind, the month it is held in, or 0 for any month): seasonal before the summer rains,
# holiday checks before the Spring Festival and National Day.
SPECIAL_MONTHS = (("seasonal", 6), ("holiday", 1), ("holiday", 9))
SIGNS = (
    ("可燃气体报警仪低限报警", "罐区", "停止动火作业，撤离无关人员，加强通风并专人监测。"),
    ("电缆沟有焦糊异味", "配电室", "切断相关回路电源，组织电工排查，配电室禁止无关人员进入。"),
    ("货架立柱变形", "成品仓库", "停止该区域叉车作业，卸载货架并设置警戒。"),
)


def write_inspections(records: EnterpriseRecords, work: Workforce) -> None:
    """A routine inspection every month of the last year (this month's once it has come),
    plus the seasonal and holiday ones; an enterprise with defects misses a month now and
    then (an exemplary one never does)."""
    spec, rng, today = records.spec, records.rng, records.today
    leaders = [p for p in (work.principal, *work.full_time_officers) if p.id]
    month = add_months(today.replace(day=1), -12)
    while month <= today:
        if month >= spec.founded_on.replace(day=1):
            held = min(today, month + some_days(rng, 2, 25))
            skipped = bool(spec.defects) and rng.random() < 0.08
            if held >= spec.founded_on and not skipped:
                _inspection(records, held, "routine", leaders)
                for kind, special in SPECIAL_MONTHS:
                    if special == month.month and held + timedelta(days=3) <= today:
                        _inspection(records, held + timedelta(days=3), kind, leaders)
        month = add_months(month, 1)
    _signs(records, work)


def _inspection(
    records: EnterpriseRecords, day: date, kind: str, leaders: list[PersonPlan]
) -> None:
    rng = records.rng
    leader = rng.choice(leaders) if leaders else None
    found = rng.choice((0, 0, 1, 1, 2, 3))
    records.put(
        HIDDEN_DANGER_INSPECTIONS,
        inspected_on=day,
        kind=kind,
        scope=rng.choice(SCOPES),
        leader_person_id=leader.id if leader is not None else None,
        dangers_found=found,
        notes=f"发现一般隐患{found}项，已登记整改。" if found else None,
    )


def _signs(records: EnterpriseRecords, work: Workforce) -> None:
    """A sign now and then in high-risk units, warned on the day; with defects, sometimes
    the day after."""
    spec, rng, today = records.spec, records.rng, records.today
    if spec.industry.high_risk is None and rng.random() < 0.7:
        return
    for _ in range(rng.randint(0, 2)):
        observed = max(spec.founded_on, today - some_days(rng, 5, 300))
        description, location, measures = rng.choice(SIGNS)
        late = bool(spec.defects) and rng.random() < 0.2
        warned = min(today, observed + timedelta(days=1 if late else 0))
        records.put(
            ACCIDENT_SIGNS,
            observed_on=observed,
            description=description,
            location=location,
            warning_issued_on=warned,
            warning_measures=measures,
            issued_by_person_id=work.principal.id or None,
        )
