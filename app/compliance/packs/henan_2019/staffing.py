"""Art. 14 of pack `henan-2019`: the safety body and officers, and registered engineers."""

from __future__ import annotations

import math

from app.compliance.facts import Facts, in_period
from app.compliance.packs.common_duties import REGISTERED_ENGINEERS, STAFFING
from app.compliance.packs.henan_2019.high_risk import (
    ENGINEER_PARAMETERS,
    HIGH_RISK_PARAMETERS,
    engineer_category,
    high_risk_category,
)
from app.compliance.packs.henan_2019.params import (
    ENGINEER_LEVELS,
    FULL_TIME_RATIO,
    HIGH_RISK_STAFFING_THRESHOLD,
    OTHERS_FULL_TIME,
    OTHERS_THRESHOLD,
    SMALL_HIGH_RISK_FULL_TIME,
    latest,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text

# Art. 14's four cases, as a finding's branch.
HIGH_RISK, HIGH_RISK_SMALL = "high_risk", "high_risk_under_threshold"
OTHERS, OTHERS_SMALL = "others", "others_up_to_threshold"


def _full_time(facts: Facts) -> set[str]:
    """People, not appointments: one person holding two full-time posts is one officer."""
    return {a.person_id for a in facts.officers_in_service() if a.employment == "full_time"}


def _high_risk(facts: Facts, employees: int, category: str) -> Finding:
    """Para 1: from 50 employees a body with relatively independent functions or full-time
    officers of at least 2 % (rounded up); under 50 at least one full-time officer."""
    full_time = _full_time(facts)
    appointments = tuple(a.id for a in facts.officers_in_service() if a.person_id in full_time)
    threshold = facts.value(HIGH_RISK_STAFFING_THRESHOLD)
    if employees < threshold:
        required = facts.value(SMALL_HIGH_RISK_FULL_TIME)
        if len(full_time) >= required:
            return _pass(
                f"高危行业单位（{category}）从业人员不满{threshold}人，已配备专职安全生产管理人员。",
                f"A high-risk unit ({category}) of fewer than {threshold}: a full-time safety "
                "officer is in service.",
                appointments,
                branch=HIGH_RISK_SMALL,
            )
        return _fail(
            f"高危行业单位（{category}）从业人员不满{threshold}人，应配备专职安全生产管理人员"
            "（现无）。",
            f"A high-risk unit ({category}) of fewer than {threshold} must have a full-time "
            "safety officer (none now).",
            branch=HIGH_RISK_SMALL,
        )
    # 设置 (set up), as national law's house reading: a body merely designated is not one.
    bodies = [b for b in facts.bodies_on() if b.form == "established"]
    independent = [b for b in bodies if b.independent_functions]
    if independent:
        return _pass(
            "已设置具备相对独立职能的安全生产管理机构（第十四条第一款）。",
            "A safety body with relatively independent functions is set up (art. 14 para 1).",
            tuple(b.id for b in independent),
            branch=HIGH_RISK,
        )
    required = math.ceil(employees * facts.value(FULL_TIME_RATIO))
    if len(full_time) >= required:
        return _pass(
            f"专职安全生产管理人员{len(full_time)}名，不低于从业人员的百分之二（{required}名）。",
            f"{len(full_time)} full-time safety officers, at least 2 % of the employees "
            f"({required}).",
            appointments,
            branch=HIGH_RISK,
        )
    unstated = [b for b in bodies if b.independent_functions is None]
    if unstated:
        return _unknown(
            f"专职安全生产管理人员{len(full_time)}名，不足从业人员的百分之二（{required}名）；"
            "安全生产管理机构未登记是否具备相对独立职能，请登记。",
            f"{len(full_time)} full-time safety officers, fewer than 2 % of the employees "
            f"({required}); record whether the safety body has relatively independent "
            "functions to decide.",
            tuple(b.id for b in unstated) + appointments,
            branch=HIGH_RISK,
        )
    return _fail(
        f"高危行业单位（{category}）从业人员{employees}人，应设置具备相对独立职能的安全生产管理"
        f"机构，或配备不少于{required}名专职安全生产管理人员（现有专职{len(full_time)}名）。",
        f"A high-risk unit ({category}) of {employees} must set up a safety body with "
        f"relatively independent functions or have at least {required} full-time safety "
        f"officers (now {len(full_time)}).",
        tuple(b.id for b in bodies) + appointments,
        branch=HIGH_RISK,
    )


def _others(facts: Facts, employees: int) -> Finding:
    """Para 2: over 100 a body or full-time officers, never fewer than 2 full-time (binding
    with a body too: the stricter reading, decision 110); up to 100 any officer."""
    officers = facts.officers_in_service()
    threshold = facts.value(OTHERS_THRESHOLD)
    if employees <= threshold:
        if officers:
            return _pass(
                f"从业人员{threshold}人以下，已配备专职或兼职安全生产管理人员。",
                f"Up to {threshold} employees: a full- or part-time safety officer is in service.",
                tuple(a.id for a in officers),
                branch=OTHERS_SMALL,
                severity=Severity.MAJOR,
            )
        return _fail(
            f"从业人员{threshold}人以下，应配备专职或兼职安全生产管理人员（现无）。",
            f"Up to {threshold} employees: a full- or part-time safety officer is needed "
            "(none now).",
            branch=OTHERS_SMALL,
            severity=Severity.MAJOR,
        )
    required = facts.value(OTHERS_FULL_TIME)
    full_time = _full_time(facts)
    evidence = tuple(b.id for b in facts.bodies_on()) + tuple(a.id for a in officers)
    if len(full_time) >= required:
        return _pass(
            f"从业人员超过{threshold}人，已配备{len(full_time)}名专职安全生产管理人员"
            f"（不少于{required}人）。",
            f"Over {threshold} employees: {len(full_time)} full-time safety officers are in "
            f"service (at least {required}).",
            evidence,
            branch=OTHERS,
            severity=Severity.MAJOR,
        )
    return _fail(
        f"从业人员超过{threshold}人，应设置安全生产管理机构或配备专职安全生产管理人员，专职人员"
        f"不得少于{required}人（现有专职{len(full_time)}名）。",
        f"Over {threshold} employees: a safety body or full-time safety officers, and never "
        f"fewer than {required} full-time officers (now {len(full_time)}).",
        evidence,
        branch=OTHERS,
        severity=Severity.MAJOR,
    )


def staffing(facts: Facts) -> Finding:
    """14.1: the case of art. 14 the unit is in decides."""
    employees = facts.employee_count
    if employees is None:
        return _unknown(
            "未登记从业人员数量，无法判断适用条款。",
            "The employee count is not recorded; record it to decide.",
        )
    category = high_risk_category(facts)
    if category is not None:
        return _high_risk(facts, employees, category)
    return _others(facts, employees)


def registered_engineer(facts: Facts) -> Finding:
    """14.3: a safety officer in service is a registered safety engineer of this unit."""
    if engineer_category(facts) is None:
        return _na(
            "仅适用于矿山、金属冶炼、建筑施工和危险物品生产、经营、储存、废弃处置单位及构成重大"
            "危险源的单位。",
            "Mines, metal smelting, construction, dangerous-goods units and units with a major "
            "hazard source only.",
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
    valid = [e for e in registered if e.level in levels]
    if valid:
        last = max(valid, key=lambda e: e.valid_to)
        return _pass(
            "有中级以上注册安全工程师从事本单位安全生产管理工作。",
            "An intermediate or senior registered safety engineer works in the unit's safety "
            "management.",
            tuple(e.id for e in valid),
            last.valid_to,
        )
    if registered:
        return _fail(
            "从事安全生产管理工作的注册安全工程师仅为初级（助理），应有中级以上注册安全工程师。",
            "The safety officers' registrations are assistant (初级) level only; an "
            "intermediate or senior registered safety engineer is needed.",
            tuple(e.id for e in registered),
        )
    return _fail(
        "应有注册安全工程师（注册单位为本单位）从事安全生产管理工作。",
        "A registered safety engineer registered with this unit must work in its safety "
        "management.",
    )


def registration_deadlines(facts: Facts) -> list[Deadline]:
    """The registrations of safety officers valid on the date run out."""
    officers = {a.person_id for a in facts.officers_in_service()}
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
        if e.person_id in officers and in_period(e.valid_from, e.valid_to, facts.as_of)
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-14.1",
        "14",
        Text("安全生产管理机构和人员", "Safety body and staff"),
        Text(
            "所有单位（高危行业单位按第一款，其他单位按第二款）",
            "All units (high-risk units under para 1, others under para 2)",
        ),
        Text(
            f"高危行业单位：{latest(HIGH_RISK_STAFFING_THRESHOLD)}人以上设置具备相对独立职能的安全"
            "生产管理机构或按从业人员百分之二配备专职人员，不满"
            f"{latest(HIGH_RISK_STAFFING_THRESHOLD)}人配备专职人员；其他单位超过"
            f"{latest(OTHERS_THRESHOLD)}人配备不少于{latest(OTHERS_FULL_TIME)}名专职人员，"
            "其余配备专职或兼职人员。",
            f"High-risk units: from {latest(HIGH_RISK_STAFFING_THRESHOLD)} employees set up a "
            "safety body with relatively independent functions or appoint full-time officers "
            "numbering at least 2 % of employees, below that a full-time officer; other units "
            f"over {latest(OTHERS_THRESHOLD)}: at least {latest(OTHERS_FULL_TIME)} full-time "
            "officers; the rest a full- or part-time officer.",
        ),
        Severity.CRITICAL,  # high-risk units'; the others' findings are major
        staffing,
        (
            HIGH_RISK_STAFFING_THRESHOLD,
            FULL_TIME_RATIO,
            SMALL_HIGH_RISK_FULL_TIME,
            OTHERS_THRESHOLD,
            OTHERS_FULL_TIME,
            *HIGH_RISK_PARAMETERS,
        ),
        duty=STAFFING,
        article_text=Text(
            "第十四条 矿山、金属冶炼、建筑施工、道路运输单位和危险物品的生产、经营、储存、废弃处置"
            "以及使用危险物品的数量构成重大危险源的单位从业人员在五十人以上的，应当设置具备相对独立"
            "职能的安全生产管理机构，健全安全生产管理体系，或者配备不低于从业人员百分之二的专职安全"
            "生产管理人员；从业人员不满五十人的，应当配备专职安全生产管理人员。\n"
            "前款规定以外的其他生产经营单位，从业人员超过一百人的，应当设置安全生产管理机构或者配备"
            "专职安全生产管理人员，专职安全生产管理人员不得少于二人；从业人员在一百人以下的，应当"
            "配备专职或者兼职的安全生产管理人员。",
            "Art. 14. Mines, metal smelting, construction and road transport units, and units "
            "producing, trading, storing or disposing of dangerous goods or using them in "
            "quantities that make a major hazard source, with fifty or more employees, shall "
            "set up a safety management body with relatively independent functions and a sound "
            "safety management system, or appoint full-time safety officers numbering no fewer "
            "than two per cent of their employees; with fewer than fifty employees, they shall "
            "appoint full-time safety officers. Other units with more than one hundred employees "
            "shall set up a safety management body or appoint full-time safety officers, of "
            "whom there shall be no fewer than two; those with one hundred or fewer shall "
            "appoint full- or part-time safety officers.",
        ),
    ),
    Rule(
        "HN2019-14.3",
        "14",
        Text("注册安全工程师", "Registered safety engineer"),
        Text(
            "矿山、金属冶炼、建筑施工、危险物品单位及构成重大危险源的单位（不含道路运输）",
            "Mines, metal smelting, construction, dangerous-goods units and units with a major "
            "hazard source (not road transport)",
        ),
        Text(
            "由中级以上注册安全工程师从事本单位安全生产管理工作。",
            "Have an intermediate or senior registered safety engineer work in the unit's "
            "safety management.",
        ),
        Severity.MAJOR,
        registered_engineer,
        (ENGINEER_LEVELS, *ENGINEER_PARAMETERS),
        registration_deadlines,
        duty=REGISTERED_ENGINEERS,
        article_text=Text(
            "第十四条第三款 矿山、金属冶炼、建筑施工和危险物品的生产、经营、储存、废弃处置以及使用"
            "危险物品的数量构成重大危险源的单位应当有注册安全工程师从事安全生产管理工作。鼓励其他"
            "生产经营单位聘用注册安全工程师从事安全生产管理工作。",
            "Art. 14 para 3. Mines, metal smelting and construction units, and units producing, "
            "trading, storing or disposing of dangerous goods or using them in quantities that "
            "make a major hazard source, shall have registered safety engineers doing their "
            "safety management. Other units are encouraged to employ registered safety "
            "engineers in safety management.",
        ),
    ),
)
