"""Safety production licences, special equipment and its operators' certificates of a
generated enterprise: a licence where 安全生产许可证条例 art. 2 asks for one, the sector's
usual equipment, registered and inspected, and a certified operator for each item that
needs one."""

from __future__ import annotations

from datetime import date, timedelta

from app.cli.demo_people import Workforce
from app.cli.demo_records import EnterpriseRecords, some_days
from app.core.calendar import add_months
from app.registry.certificates.periods import add_years
from app.registry.equipment.items import SPECIAL_EQUIPMENT
from app.registry.equipment.operators import EQUIPMENT_OPERATOR_CERTIFICATES
from app.registry.licences.kind import SAFETY_LICENCES

# Licence scope and issuer by sector: chemical producers and construction firms need one
# (art. 2), from the province's emergency and housing departments (arts. 3, 4).
LICENCE = {
    "chemical": ("hazardous_chemicals", "河南省应急管理厅"),
    "construction": ("construction", "河南省住房和城乡建设厅"),
}
# Fireworks makers, counted among the industrial sector, are licensed too (art. 3); traders
# of chemicals or fireworks are not (art. 2 licenses producers).
LICENCE_BY_CODE = {"C2672": ("fireworks", "河南省应急管理厅")}
# The sector's usual special equipment: (category, name, model).
EQUIPMENT = {
    "industrial": (
        ("in_plant_vehicle", "内燃平衡重式叉车", "CPCD30"),
        ("lifting_machinery", "电动单梁起重机", "LD5t-16.5m"),
    ),
    "chemical": (
        ("pressure_vessel", "储气罐", "C-2.0/0.8"),
        ("in_plant_vehicle", "防爆叉车", "CPCD20-EX"),
        ("pressure_piping", "蒸汽管道", "GC2 DN100"),
    ),
    "construction": (("lifting_machinery", "塔式起重机", "QTZ80"),),
    "transport": (("in_plant_vehicle", "蓄电池叉车", "CPD25"),),
    "commercial": (("elevator", "乘客电梯", "曳引式 1000kg"),),
}
# Categories whose operators hold a certificate (art. 14); piping and elevators need none here.
OPERATED = ("boiler", "pressure_vessel", "lifting_machinery", "in_plant_vehicle")
INSPECTION_YEARS = {"elevator": 1, "lifting_machinery": 2, "in_plant_vehicle": 1}


def write_equipment(records: EnterpriseRecords, work: Workforce) -> None:
    _licence(records)
    for category, name, model in EQUIPMENT.get(records.spec.industry.sector, ()):
        if category == "elevator" and records.spec.employees < 30:
            continue
        _item(records, work, category, name, model)


def _licence(records: EnterpriseRecords) -> None:
    spec, rng, today = records.spec, records.rng, records.today
    licensed = LICENCE_BY_CODE.get(spec.industry.code) or LICENCE.get(spec.industry.sector)
    if licensed is None:
        return
    scope, authority = licensed
    # Extended every 3 years since the first licence: the current one is recorded.
    issued = spec.founded_on + some_days(rng, 0, 60)
    while add_years(issued, 3) <= today:
        issued = add_years(issued, 3)
    valid_to = add_years(issued, 3) - timedelta(days=1)
    applied = valid_to - some_days(rng, 95, 120)
    records.put(
        SAFETY_LICENCES,
        licence_number=f"（豫）WH安许证字〔{issued.year}〕{records.numbers.next()}",
        scope=scope,
        issuing_authority=authority,
        issued_on=issued,
        valid_to=valid_to,
        renewal_applied_on=applied if applied <= today else None,
        revoked_on=None,
        notes=None,
    )


def _item(
    records: EnterpriseRecords, work: Workforce, category: str, name: str, model: str
) -> None:
    spec, rng, today = records.spec, records.rng, records.today
    in_use = min(today - timedelta(days=40), spec.founded_on + some_days(rng, 10, 400))
    registered = in_use + some_days(rng, 0, 25)
    years = INSPECTION_YEARS.get(category, 3)
    inspected = _latest_inspection(in_use, years, today)
    due = add_years(inspected or in_use, years)
    # A careful user asks for the next inspection a week before the month ahead (art. 40).
    requested = add_months(due, -1) - timedelta(days=7)
    number = records.numbers.next()
    records.put(
        SPECIAL_EQUIPMENT,
        category=category,
        name=name,
        model=model,
        serial_number=f"{in_use.year}-{number}",
        registration_number=f"豫A{number}({in_use.year % 100:02d})",
        put_into_use_on=in_use,
        registered_on=registered,
        last_inspected_on=inspected,
        next_inspection_due=due,
        inspection_requested_on=requested
        if requested <= today and (inspected is None or requested > inspected)
        else None,
        retired_on=None,
        notes=None,
    )
    if category not in OPERATED:
        return
    staff = [p for p in work.in_service(today) if p is not work.principal]
    if not staff:
        return
    operator = rng.choice(staff)
    issued = max(operator.hire_date, today - timedelta(days=3 * 365)) - some_days(rng, 0, 30)
    records.put(
        EQUIPMENT_OPERATOR_CERTIFICATES,
        person_id=operator.id,
        category=category,
        certificate_number=f"TS{spec.index:05d}{number}",
        issued_on=issued,
        valid_to=add_years(issued, 4) - timedelta(days=1),
        notes=None,
    )


def _latest_inspection(in_use: date, years: int, today: date) -> date | None:
    """The last periodic inspection on schedule before today, or None in the first period."""
    latest = None
    due = add_years(in_use, years)
    while due < today:
        latest, due = due, add_years(due, years)
    return latest
