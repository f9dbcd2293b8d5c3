"""Records of a generated enterprise that the Henan regulation (2019) asks for beyond the
seed: rescue arrangements (art. 50) and the monthly statistics of hidden-danger work
(art. 24)."""

from __future__ import annotations

from datetime import timedelta

from app.cli.demo_records import EnterpriseRecords, some_days
from app.registry.dangers.statistics import HIDDEN_DANGER_STATISTICS
from app.registry.rescue.kind import RESCUE_ARRANGEMENTS

RESCUE_TEAM = "郑州市惠济区专职消防救援队"
SMALL = 100  # 河南省安全生产条例 art. 50: under 100 employees may designate rescuers instead


def rescue_arrangements(records: EnterpriseRecords) -> None:
    """High-risk units have a team, or designated rescuers when small; others designate
    rescuers or set up a team now and then; some small ones add an agreement with a nearby
    team."""
    rng, spec, today = records.rng, records.spec, records.today
    # Designating instead of a team is let under both layers' measures: fewer than 100
    # employees (Henan art. 50) and a small or micro enterprise (应急条例 art. 10).
    small = spec.employees < SMALL and spec.sme_class in ("small", "micro")
    if spec.industry.high_risk is None and rng.random() < 0.5:
        return
    since = min(today, spec.founded_on + some_days(rng, 0, 120))
    if small:
        records.put(
            RESCUE_ARRANGEMENTS,
            form="designated_rescuers",
            team_name=None,
            agreement_number=None,
            starts_on=since,
            ends_on=None,
            rescuer_count=max(1, spec.employees // 15),
            notes="兼职应急救援人员，由各班组长担任",
        )
    else:
        records.put(
            RESCUE_ARRANGEMENTS,
            form="own_team",
            team_name=f"{spec.name}应急救援队",
            agreement_number=None,
            starts_on=since,
            ends_on=None,
            rescuer_count=max(5, spec.employees // 30),
            notes=None,
        )
    if small and rng.random() < 0.4:
        signed = max(since, today - some_days(rng, 30, 300))
        records.put(
            RESCUE_ARRANGEMENTS,
            form="agreement",
            team_name=RESCUE_TEAM,
            agreement_number=f"惠应救协〔{signed.year}〕{records.numbers.next()}号",
            starts_on=signed,
            ends_on=signed + timedelta(days=364),
            rescuer_count=None,
            notes=None,
        )


def danger_statistics(records: EnterpriseRecords) -> None:
    """The last twelve months' statistics, analysed early in the month after, then reported
    and told to the staff within days."""
    rng, spec, today = records.rng, records.spec, records.today
    month = today.replace(day=1)
    for _ in range(12):
        month = (month - timedelta(days=1)).replace(day=1)
        if month < spec.founded_on.replace(day=1):
            return
        next_month = (month + timedelta(days=32)).replace(day=1)
        analysed = min(today, next_month + some_days(rng, 0, 8))
        reported = analysed + some_days(rng, 1, 5)
        told = analysed + some_days(rng, 0, 3)
        found = rng.randint(0, 8)
        fixed = rng.randint(0, found)
        records.put(
            HIDDEN_DANGER_STATISTICS,
            month=month.strftime("%Y-%m"),
            analysed_on=analysed,
            found_count=found,
            fixed_count=fixed,
            overdue_count=rng.randint(0, found - fixed),
            reported_to_regulator_on=reported if reported <= today else None,
            told_to_staff_on=told if told <= today else None,
            summary=f"{month.month}月排查隐患{found}项，整改{fixed}项。",
            notes=None,
        )
