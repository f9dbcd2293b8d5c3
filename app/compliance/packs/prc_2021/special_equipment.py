"""特种设备安全法 arts. 14, 33 and 40 in pack `prc-2021`: each item of special equipment in use
registered within 30 days of being put into use, its periodic inspection requested a month
before it falls due and never used past it, and certified operators for the categories in use
(decisions 139, 140). The duties are this pack's own: the province's regulation defers to the
special-equipment law (Henan art. 2 para 2), and the district's opinions name none."""

from __future__ import annotations

from datetime import date, timedelta

from app.compliance.facts import Facts, derived
from app.compliance.packs.prc_2021.params import (
    INSPECTION_REQUEST_MONTHS,
    OPERATOR_CATEGORIES,
    REGISTRATION_DAYS,
    latest,
)
from app.compliance.packs.prc_2021.quotes import SE_14, SE_33, SE_40
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Duty, Finding, Rule, Severity, Text
from app.core.calendar import add_months
from app.registry.equipment.models import EquipmentOperatorCertificate, SpecialEquipment

EQUIPMENT_REGISTERED = Duty(
    "special_equipment.registered", Text("特种设备使用登记", "Special equipment registered for use")
)
EQUIPMENT_INSPECTED = Duty(
    "special_equipment.inspected",
    Text("特种设备定期检验", "Special equipment periodically inspected"),
)
EQUIPMENT_OPERATORS = Duty(
    "special_equipment.operators",
    Text("特种设备作业人员持证", "Certified special-equipment operators"),
)
OVERDUE, NOT_REQUESTED = "inspection_overdue", "request_overdue"
_NONE_IN_USE = ("未登记在用的特种设备。", "No special equipment in use is recorded.")


@derived
def in_use(facts: Facts) -> list[SpecialEquipment]:
    """Items put into use by the date and not yet taken out of use (an item retired on a day
    is out of use that day)."""
    day = facts.as_of
    return [
        item
        for item in facts.special_equipment
        if item.put_into_use_on <= day and (item.retired_on is None or item.retired_on > day)
    ]


def _ids(items: list[SpecialEquipment]) -> tuple[str, ...]:
    return tuple(item.id for item in items)


# --- Art. 33: registration for use ------------------------------------------------------------


def _registration_due(item: SpecialEquipment, facts: Facts) -> date:
    """The 30th day after the item was put into use (三十日内)."""
    return item.put_into_use_on + timedelta(days=facts.value(REGISTRATION_DAYS))


def _unregistered(facts: Facts) -> list[SpecialEquipment]:
    return [item for item in in_use(facts) if item.registered_on is None]


def registered(facts: Facts) -> Finding:
    """SE33.1: every item in use is registered, or still within 30 days of being put into use
    (registration before use counts as well)."""
    items = in_use(facts)
    if not items:
        return _na(*_NONE_IN_USE)
    waiting = _unregistered(facts)
    late = [item for item in waiting if facts.as_of > _registration_due(item, facts)]
    days = facts.value(REGISTRATION_DAYS)
    if late:
        return _fail(
            f"{len(late)}台在用特种设备投入使用超过{days}日未办理使用登记。",
            f"{len(late)} item(s) of special equipment in use for more than {days} days are not "
            "registered for use.",
            _ids(late),
            min(_registration_due(item, facts) for item in late),
        )
    if waiting:
        due = min(_registration_due(item, facts) for item in waiting)
        return _pass(
            f"{len(waiting)}台特种设备投入使用未满{days}日，应于{due}前办理使用登记。",
            f"{len(waiting)} item(s) put into use less than {days} days ago: register them by "
            f"{due}.",
            _ids(items),
            due,
        )
    return _pass(
        "在用特种设备均已办理使用登记。",
        "Every item of special equipment in use is registered for use.",
        _ids(items),
    )


def registration_deadlines(facts: Facts) -> list[Deadline]:
    """Each unregistered item in use: registration due 30 days after use began."""
    return [
        Deadline(
            _registration_due(item, facts),
            "equipment_registration_due",
            Text("特种设备应办理使用登记", "Register the special equipment for use"),
            item.id,
            concerns=("special-equipment",),
        )
        for item in _unregistered(facts)
    ]


# --- Art. 40: periodic inspection -----------------------------------------------------------


def _request_due(due: date, facts: Facts) -> date:
    """The last day to request the inspection: a month before the current one runs out."""
    return add_months(due, -facts.value(INSPECTION_REQUEST_MONTHS))


def _requested(item: SpecialEquipment) -> bool:
    """A request for the coming inspection: one made on or before the last inspection was
    the request that inspection answered."""
    asked, last = item.inspection_requested_on, item.last_inspected_on
    return asked is not None and (last is None or asked > last)


def inspected(facts: Facts) -> Finding:
    """SE40.1: no item in use past the day its inspection runs out (critical: art. 40 para 3
    forbids its use), and each one's next inspection requested by a month before that day
    (major)."""
    items = in_use(facts)
    if not items:
        return _na(*_NONE_IN_USE)
    day = facts.as_of
    dated = [(item, item.next_inspection_due) for item in items]
    overdue = [(item, due) for item, due in dated if due is not None and day > due]
    if overdue:
        return _fail(
            f"{len(overdue)}台特种设备超过检验有效期仍在使用，应停止使用并进行定期检验。",
            f"{len(overdue)} item(s) of special equipment are in use past the inspection date: "
            "stop using them until inspected.",
            tuple(item.id for item, _ in overdue),
            min(due for _, due in overdue),
            branch=OVERDUE,
            severity=Severity.CRITICAL,
        )
    months = facts.value(INSPECTION_REQUEST_MONTHS)
    unasked = [
        (item, _request_due(due, facts))
        for item, due in dated
        if due is not None and not _requested(item)
    ]
    late = [(item, by) for item, by in unasked if day > by]
    if late:
        return _fail(
            f"{len(late)}台特种设备未在检验有效期届满前{months}个月提出定期检验要求。",
            f"{len(late)} item(s) of special equipment: periodic inspection not requested "
            f"{months} month(s) before it falls due.",
            tuple(item.id for item, _ in late),
            min(by for _, by in late),
            branch=NOT_REQUESTED,
            severity=Severity.MAJOR,
        )
    undated = [item for item, due in dated if due is None]
    if undated:
        return _unknown(
            f"{len(undated)}台在用特种设备未登记下次检验日期。",
            f"{len(undated)} item(s) in use have no next inspection date recorded; record it "
            "to decide.",
            _ids(undated),
        )
    upcoming = [by for _, by in unasked] + [
        due for item, due in dated if due is not None and _requested(item)
    ]
    return _pass(
        "在用特种设备均在检验有效期内，定期检验要求已按时提出或尚未到期。",
        "Every item in use is within its inspection date, its next inspection requested or not "
        "yet due to be.",
        _ids(items),
        min(upcoming),
    )


def inspection_deadlines(facts: Facts) -> list[Deadline]:
    """Each item in use: the request due a month ahead (until made), and the inspection date."""
    found: list[Deadline] = []
    for item in in_use(facts):
        due = item.next_inspection_due
        if due is None:
            continue
        if not _requested(item):
            found.append(
                Deadline(
                    _request_due(due, facts),
                    "inspection_request_due",
                    Text("特种设备应提出定期检验要求", "Request the periodic inspection"),
                    item.id,
                    concerns=("special-equipment",),
                )
            )
        found.append(
            Deadline(
                due,
                "inspection_due",
                Text("特种设备定期检验到期", "Periodic inspection falls due"),
                item.id,
                concerns=("special-equipment",),
            )
        )
    return found


# --- Art. 14: certified operators -----------------------------------------------------------


def _operated(facts: Facts) -> dict[str, list[SpecialEquipment]]:
    """The items in use whose category needs a certified operator, by category."""
    categories = facts.value(OPERATOR_CATEGORIES)
    grouped: dict[str, list[SpecialEquipment]] = {}
    for item in in_use(facts):
        if item.category in categories:
            grouped.setdefault(item.category, []).append(item)
    return grouped


def _valid_certificates(facts: Facts) -> list[EquipmentOperatorCertificate]:
    """Certificates valid on the date held by a person in service."""
    day = facts.as_of
    return [
        c
        for c in facts.equipment_operator_certificates
        if c.issued_on <= day <= c.valid_to and facts.in_service(c.person_id)
    ]


def operators(facts: Facts) -> Finding:
    """SE14.1: for each category of equipment in use that needs operators, at least one
    person in service holds that category's certificate valid on the date. The registry
    does not say who works which item, so the rule asks what it can: that someone may."""
    operated = _operated(facts)
    if not operated:
        return _na(
            "未登记需持证作业的在用特种设备（锅炉、起重机械、客运索道、大型游乐设施、场（厂）内"
            "专用机动车辆）。",
            "No special equipment in use whose category needs certified operators (boilers, "
            "lifting machinery, ropeways, amusement rides, in-plant vehicles).",
        )
    valid = [c for c in _valid_certificates(facts) if c.category in operated]
    covered = {c.category for c in valid}
    lacking = sorted(set(operated) - covered)
    if lacking:
        items = [item for category in lacking for item in operated[category]]
        return _fail(
            f"在用特种设备类别{'、'.join(lacking)}无持有效作业人员证的在岗人员。",
            f"No person in service holds a valid operator certificate for the categories in "
            f"use: {', '.join(lacking)}.",
            _ids(items),
        )
    # The finding changes when the last valid certificate of a category runs out.
    last_valid: dict[str, date] = {}
    for c in valid:
        last_valid[c.category] = max(last_valid.get(c.category, c.valid_to), c.valid_to)
    return _pass(
        "在用特种设备各类别均有持有效作业人员证的在岗人员。",
        "Every category of special equipment in use has a certified operator in service.",
        tuple(c.id for c in valid),
        min(last_valid.values()),
    )


def operator_deadlines(facts: Facts) -> list[Deadline]:
    """The valid certificates of the categories in use run out."""
    operated = _operated(facts)
    return [
        Deadline(
            c.valid_to,
            "operator_certificate_expiry",
            Text("特种设备作业人员证到期", "Special-equipment operator certificate expires"),
            c.id,
            c.person_id,
            concerns=("equipment-operator-certificates",),
        )
        for c in _valid_certificates(facts)
        if c.category in operated
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-SE14.1",
        "SE14",
        Text("特种设备作业人员持证", "Certified special-equipment operators"),
        Text(
            "使用锅炉、起重机械、客运索道、大型游乐设施或场（厂）内专用机动车辆的单位",
            "Units using boilers, lifting machinery, ropeways, amusement rides or in-plant "
            "vehicles",
        ),
        Text(
            "在用特种设备的每一类别都有取得相应作业人员证并在有效期内的人员。",
            "Have, for each category of special equipment in use, operators holding a valid "
            "certificate of the category.",
        ),
        Severity.MAJOR,
        operators,
        (OPERATOR_CATEGORIES,),
        operator_deadlines,
        duty=EQUIPMENT_OPERATORS,
        article_text=SE_14,
    ),
    Rule(
        "PRC2021-SE33.1",
        "SE33",
        Text("特种设备使用登记", "Special equipment registered for use"),
        Text("使用特种设备的单位", "Units using special equipment"),
        Text(
            f"特种设备投入使用前或者投入使用后{latest(REGISTRATION_DAYS)}日内办理使用登记。",
            "Register each item of special equipment for use before or within "
            f"{latest(REGISTRATION_DAYS)} days after putting it into use.",
        ),
        Severity.MAJOR,
        registered,
        (REGISTRATION_DAYS,),
        registration_deadlines,
        duty=EQUIPMENT_REGISTERED,
        article_text=SE_33,
    ),
    Rule(
        "PRC2021-SE40.1",
        "SE40",
        Text("特种设备定期检验", "Periodic inspection of special equipment"),
        Text("使用特种设备的单位", "Units using special equipment"),
        Text(
            f"在检验合格有效期届满前{latest(INSPECTION_REQUEST_MONTHS)}个月提出定期检验要求；"
            "未经定期检验的特种设备不得继续使用。",
            "Request periodic inspection "
            f"{latest(INSPECTION_REQUEST_MONTHS)} month(s) before the last one runs out; "
            "never use an item past its inspection date.",
        ),
        Severity.CRITICAL,
        inspected,
        (INSPECTION_REQUEST_MONTHS,),
        inspection_deadlines,
        duty=EQUIPMENT_INSPECTED,
        article_text=SE_40,
    ),
)
