"""Records of a generated enterprise for workplace hazard monitoring and protective
equipment (职业病防治法 art. 26; 安全生产法 art. 45; 河南省安全生产条例 art. 18).

Drawn with a generator of their own, seeded by the enterprise, after everything else: the
other records of the demo stay what they were. Enterprises drawn with defects sometimes
let a detection lapse or charge for an item; exemplary ones never do."""

from __future__ import annotations

import random

from app.cli.demo_people import Workforce
from app.cli.demo_records import EnterpriseRecords, some_days
from app.core.calendar import add_months
from app.registry.health.protective_equipment import PROTECTIVE_EQUIPMENT_ISSUES
from app.registry.health.workplace_tests import WORKPLACE_HAZARD_TESTS

ORGANISATIONS = ("河南省职业病防治研究院", "郑州市职业病防治院", "河南中原职业卫生技术服务有限公司")
# What is issued against each factor, and its replacement period in months.
ITEMS: dict[str, tuple[str, int]] = {
    "noise": ("耳塞", 3),
    "dust": ("KN95防尘口罩", 1),
    "high_temperature": ("隔热服", 12),
}
CHEMICAL_ITEM = ("防毒面具（含滤毒盒）", 6)
DETECTION_LAPSED = 0.10  # among enterprises drawn with defects
ITEM_CHARGED = 0.05


def occupational_monitoring(records: EnterpriseRecords, work: Workforce) -> None:
    today, spec = records.today, records.spec
    rng = random.Random(f"occupational-{spec.credit_code}")  # noqa: S311 (demo data)
    flawed = bool(spec.defects)
    in_service = [p for p in work.people if p.exposures and p.in_service(today)]
    factors = list(dict.fromkeys(f for p in in_service for f, _, _, end in p.exposures))
    if not factors:
        return
    lapsed = flawed and rng.random() < DETECTION_LAPSED
    latest = today - some_days(rng, 400 if lapsed else 20, 700 if lapsed else 330)
    for tested in (latest, add_months(latest, -12)):
        if tested < spec.founded_on:
            continue
        records.put(
            WORKPLACE_HAZARD_TESTS,
            tested_on=tested,
            test_type="detection",
            factors=" ".join(factors),
            organisation=rng.choice(ORGANISATIONS),
            exceeded_limits=False,
            report_number=f"ZJC-{tested.year}-{records.numbers.next()}",
            notes=None,
        )
    charging = flawed and rng.random() < ITEM_CHARGED
    for person in in_service:
        for factor in dict.fromkeys(
            f for f, _, _, end in person.exposures if end is None or end >= today
        ):
            item, months = ITEMS.get(factor, CHEMICAL_ITEM)
            issued = max(person.hire_date, today - some_days(rng, 0, months * 28))
            records.put(
                PROTECTIVE_EQUIPMENT_ISSUES,
                person_id=person.id,
                factors=factor,
                item=item,
                issued_on=min(issued, today),
                replacement_months=months,
                free_of_charge=not (charging and rng.random() < 0.5),
                notes=None,
            )
