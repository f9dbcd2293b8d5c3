"""Arts. 24 and 27 para 3 of pack `prc-2021`: the safety body and officers, and registered
safety engineers."""

from __future__ import annotations

from app.compliance.facts import Facts, in_period
from app.compliance.packs.common_duties import REGISTERED_ENGINEERS, STAFFING
from app.compliance.packs.prc_2021.high_risk import HIGH_RISK_PARAMETERS, activity, is_high_risk
from app.compliance.packs.prc_2021.params import (
    ENGINEER_CATEGORIES,
    ENGINEER_LEVELS,
    ENGINEER_SPECIALTIES,
    STAFFING_THRESHOLD,
    latest,
)
from app.compliance.packs.prc_2021.quotes import ART_24, ART_27_3
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.registry.catalog import Employment, SafetyBodyForm

HIGH_RISK, OVER_THRESHOLD, SMALL = "high_risk", "over_threshold", "small"


def staffing(facts: Facts) -> Finding:
    """24.1: high-risk units, and others over 100 employees, set up a safety body (设置: a
    body merely designated, 指定, is not one set up) or have a full-time officer in service;
    the rest have a full- or part-time officer. The law keeps no option to entrust a service
    firm (art. 15 para 2: the unit stays responsible)."""
    threshold = facts.value(STAFFING_THRESHOLD)
    officers = facts.officers_in_service()
    if is_high_risk(facts):
        branch = HIGH_RISK
    elif facts.employee_count is None:
        return _unknown(
            "未登记从业人员数量，无法判断适用条款。",
            "The employee count is not recorded; record it to decide.",
        )
    elif facts.employee_count > threshold:
        branch = OVER_THRESHOLD
    else:
        if officers:
            return _pass(
                f"从业人员{threshold}人以下，已配备安全生产管理人员（第二十四条第二款）。",
                f"{threshold} employees or fewer, and a safety officer is in service "
                "(art. 24 para 2).",
                tuple(a.id for a in officers),
                branch=SMALL,
                severity=Severity.MAJOR,
            )
        return _fail(
            f"从业人员{threshold}人以下的单位应配备专职或兼职安全生产管理人员。",
            f"A unit of {threshold} employees or fewer must have a full- or part-time safety "
            "officer in service.",
            branch=SMALL,
            severity=Severity.MAJOR,
        )
    established = [b for b in facts.bodies_on() if b.form == SafetyBodyForm.ESTABLISHED]
    full_time = [a for a in officers if a.employment == Employment.FULL_TIME]
    evidence = tuple(b.id for b in established) + tuple(a.id for a in full_time)
    why = (
        ("高危行业单位", "A high-risk unit")
        if branch == HIGH_RISK
        else (f"从业人员超过{threshold}人的单位", f"A unit of over {threshold} employees")
    )
    if established or full_time:
        return _pass(
            f"{why[0]}已设置安全生产管理机构或配备专职安全生产管理人员。",
            f"{why[1]} has a safety body set up or a full-time safety officer in service.",
            evidence,
            branch=branch,
        )
    designated = [b.id for b in facts.bodies_on() if b.form != SafetyBodyForm.ESTABLISHED]
    return _fail(
        f"{why[0]}应设置安全生产管理机构或配备专职安全生产管理人员"
        + (
            "（指定的机构不是设置的机构，兼职人员不是专职人员）。"
            if designated or officers
            else "。"
        ),
        f"{why[1]} must set up a safety body or have a full-time safety officer in service"
        + (
            " (a designated body is not one set up, a part-time officer not a full-time one)."
            if designated or officers
            else "."
        ),
        tuple(designated) + tuple(a.id for a in officers),
        branch=branch,
    )


def _matching_specialty(facts: Facts) -> str | None:
    return facts.value(ENGINEER_SPECIALTIES).get(activity(facts) or "")


def registered_engineer(facts: Facts) -> Finding:
    """27.3: a registered safety engineer (a valid registration with this employer, of a
    counted level and the unit's specialty where one matches) works in the unit's safety
    management: a safety officer in service, full- or part-time."""
    if activity(facts) not in facts.value(ENGINEER_CATEGORIES):
        return _na(
            "仅适用于危险物品的生产、储存、装卸单位以及矿山、金属冶炼单位。",
            "Units producing, storing or loading dangerous goods, mines and metal smelting only.",
        )
    officers = {a.person_id for a in facts.officers_in_service()}
    registered = [
        e
        for e in facts.engineers
        if e.person_id in officers
        and in_period(e.valid_from, e.valid_to, facts.as_of)
        and e.employer_credit_code == facts.enterprise.credit_code
    ]
    levels = facts.value(ENGINEER_LEVELS)
    specialty = _matching_specialty(facts)
    counted = [
        e
        for e in registered
        if e.level in levels and (specialty is None or e.specialty == specialty)
    ]
    if counted:
        best = max(counted, key=lambda e: e.valid_to)
        return _pass(
            "有注册安全工程师从事本单位安全生产管理工作。",
            "A registered safety engineer works in the unit's safety management.",
            tuple(e.id for e in counted),
            best.valid_to,
        )
    if registered:
        return _fail(
            "从事安全生产管理的注册安全工程师级别或专业类别不符（须中级以上"
            + (f"、{specialty}专业" if specialty else "")
            + "）。",
            "The registered engineers in the safety management are of another level or specialty "
            "(intermediate or senior"
            + (f", specialty {specialty}" if specialty else "")
            + " needed).",
            tuple(e.id for e in registered),
        )
    return _fail(
        "应有注册安全工程师（注册单位为本单位）从事安全生产管理工作。",
        "A registered safety engineer, registered with this unit, must work in its safety "
        "management.",
    )


def registration_deadlines(facts: Facts) -> list[Deadline]:
    """The registrations valid on the date run out."""
    return [
        Deadline(
            e.valid_to,
            "registration_expiry",
            Text("注册安全工程师注册到期", "Registered engineer's registration expires"),
            e.id,
            e.person_id,
            concerns=("registered-engineers",),
        )
        for e in facts.engineers
        if in_period(e.valid_from, e.valid_to, facts.as_of)
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-24.1",
        "24",
        Text("安全生产管理机构和人员", "Safety body and safety officers"),
        Text("所有生产经营单位", "All units"),
        Text(
            f"高危行业单位和从业人员超过{latest(STAFFING_THRESHOLD)}人的单位设置安全生产管理机构"
            "或配备专职安全生产管理人员；其他单位配备专职或兼职安全生产管理人员。",
            "High-risk units and units of over "
            f"{latest(STAFFING_THRESHOLD)} employees: set up a safety body or employ a "
            "full-time safety officer; other units: employ a full- or part-time safety officer.",
        ),
        Severity.CRITICAL,  # high-risk or over the threshold; a smaller unit's findings: major
        staffing,
        (STAFFING_THRESHOLD, *HIGH_RISK_PARAMETERS),
        duty=STAFFING,
        article_text=ART_24,
    ),
    Rule(
        "PRC2021-27.3",
        "27",
        Text("注册安全工程师", "Registered safety engineers"),
        Text(
            "危险物品的生产、储存、装卸单位以及矿山、金属冶炼单位",
            "Units producing, storing or loading dangerous goods; mines; metal smelting",
        ),
        Text(
            "聘用中级以上、专业类别相符的注册安全工程师从事安全生产管理工作。",
            "Have a registered safety engineer (intermediate or senior, of the unit's specialty) "
            "work in the safety management.",
        ),
        Severity.MAJOR,
        registered_engineer,
        (ENGINEER_CATEGORIES, ENGINEER_LEVELS, ENGINEER_SPECIALTIES, *HIGH_RISK_PARAMETERS[1:]),
        registration_deadlines,
        duty=REGISTERED_ENGINEERS,
        article_text=ART_27_3,
    ),
)
