"""Records of a generated enterprise that the national and Henan layers ask for: work-injury
and liability insurance, emergency plans and their drills."""

from __future__ import annotations

from datetime import date, timedelta

from app.cli.demo_people import Workforce
from app.cli.demo_records import CITY_AUTHORITY, EnterpriseRecords, some_days
from app.registry.emergency.drills import EMERGENCY_DRILLS
from app.registry.emergency.plans import EMERGENCY_PLANS
from app.registry.insurance.kind import INSURANCE_POLICIES

INSURERS = (
    "中国人民财产保险股份有限公司郑州市分公司",
    "中国平安财产保险股份有限公司河南分公司",
    "中国太平洋财产保险股份有限公司河南分公司",
)
SOCIAL_INSURANCE = "郑州市社会保险中心"
PLANS = (
    ("comprehensive", "生产安全事故综合应急预案"),
    ("special", "火灾事故专项应急预案"),
    ("on_site", "触电事故现场处置方案"),
)
# How often each part of the plans is drilled (Henan art. 49(6)): yearly, yearly, half-yearly.
DRILL_MONTHS = {"comprehensive": 12, "special": 12, "on_site": 6}


def write_emergency(records: EnterpriseRecords, work: Workforce) -> None:
    """Insurance for every enterprise (liability for high-risk ones), the three parts of the
    emergency plans, and drills over the last two years."""
    _insurance(records, work)
    for plan_type, title in PLANS:
        _plan(records, plan_type, title)


def _insurance(records: EnterpriseRecords, work: Workforce) -> None:
    spec, rng, today = records.spec, records.rng, records.today
    staff = max(1, len(work.in_service(today)))
    records.put(
        INSURANCE_POLICIES,
        policy_type="work_injury",
        insurer=SOCIAL_INSURANCE,
        policy_number=f"GS41{spec.index:08d}",
        valid_from=spec.founded_on + some_days(rng, 0, 30),
        valid_to=None,
        insured_headcount=staff,
        cover_per_person_yuan=None,
        covers_temporary_and_dispatched=False,
        cancelled_on=None,
        notes=None,
    )
    if spec.industry.high_risk is None:
        return
    insurer = rng.choice(INSURERS)
    for year in (today.year - 1, today.year):
        start = max(date(year, 1, 1), spec.founded_on)
        records.put(
            INSURANCE_POLICIES,
            policy_type="safety_liability",
            insurer=insurer,
            policy_number=f"PZBJ{year}{records.numbers.next()}",
            valid_from=start,
            valid_to=date(year, 12, 31),
            insured_headcount=staff,
            cover_per_person_yuan=rng.choice((400_000, 500_000)),
            covers_temporary_and_dispatched=True,
            cancelled_on=None,
            notes=None,
        )


def _plan(records: EnterpriseRecords, plan_type: str, title: str) -> None:
    spec, rng, today = records.spec, records.rng, records.today
    issued = max(spec.founded_on, today - timedelta(days=3 * 365)) + some_days(rng, 10, 60)
    published = issued + some_days(rng, 1, 10)
    high_risk = spec.industry.high_risk is not None
    # Filed and published to society on the same day (应急条例 art. 7 asks both of the same
    # units); one draw, so the demo's other values stay as they were.
    filed = issued + some_days(rng, 5, 20) if high_risk else None
    plan_id = records.put(
        EMERGENCY_PLANS,
        plan_type=plan_type,
        title=f"{spec.name}{title}",
        issued_on=issued,
        filed_on=filed,
        published_on=published,
        published_to_public_on=filed,
        withdrawn_on=None,
        notes=f"{CITY_AUTHORITY}备案" if high_risk else None,
    )
    held = today - some_days(rng, 5, 60)
    since = max(issued, today - timedelta(days=2 * 365))
    while held >= since:
        records.put(
            EMERGENCY_DRILLS,
            plan_id=plan_id,
            drill_type=plan_type,
            held_on=held,
            participants=rng.randint(8, 60),
            evaluation="演练达到预期目标，发现的问题已落实整改。",
            reported_to_regulator_on=min(today, held + some_days(rng, 1, 7)) if high_risk else None,
            notes=None,
        )
        held -= timedelta(days=30 * DRILL_MONTHS[plan_type] - rng.randint(0, 20))
