"""Art. 17 of pack `huiji-2014`: safety body and staff, registered engineers, workshop staff."""

from __future__ import annotations

from app.compliance.facts import Facts, in_period
from app.compliance.packs.common_duties import REGISTERED_ENGINEERS, STAFFING, TEAM_SAFETY_STAFF
from app.compliance.packs.huiji_2014.high_risk import is_high_risk
from app.compliance.packs.huiji_2014.params import (
    ENGINEER_LEVELS,
    ENGINEER_REQUIRED,
    FULL_TIME_OFFICERS_REQUIRED,
    HIGH_RISK_CATEGORIES,
    HIGH_RISK_CODES,
    HIGH_RISK_CODES_PROVISIONAL,
    STAFFING_THRESHOLD,
    latest,
)
from app.compliance.packs.huiji_2014.quotes import ART_17, ART_17_TEAMS
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.contracts.lifecycle import in_force_on
from app.contracts.models import ServiceContract

FIRST, SECOND, ENTRUSTING = "first", "second", "entrusting"


def first_branch(facts: Facts) -> bool:
    """The first branch of art. 17 applies: a high-risk enterprise or over the threshold."""
    return is_high_risk(facts) or (facts.employee_count or 0) > facts.value(STAFFING_THRESHOLD)


def _entrusting_contract(facts: Facts) -> ServiceContract | None:
    """A contract in force on the date by which a service firm is the enterprise's entrusted
    safety manager, naming the registered safety engineer responsible."""
    for contract in facts.contracts:
        if (
            contract.entrusted_safety_manager
            and contract.engineer_name
            and contract.engineer_registration_number
            and in_force_on(contract, facts.as_of)
        ):
            return contract
    return None


def staffing(facts: Facts) -> Finding:
    """17.1: the first branch that applies decides."""
    if facts.employee_count is None:
        return _unknown(
            "未登记从业人员数量，无法判断适用条款。",
            "The employee count is not recorded; record it to decide.",
        )
    bodies = facts.bodies_on()
    officers = facts.officers_in_service()
    threshold = facts.value(STAFFING_THRESHOLD)
    if first_branch(facts):
        required = facts.value(FULL_TIME_OFFICERS_REQUIRED)
        established = [b for b in bodies if b.form == "established"]
        full_time = [a for a in officers if a.employment == "full_time"]
        evidence = tuple(b.id for b in established) + tuple(a.id for a in full_time)
        # People, not appointments: one person holding two full-time posts is one officer.
        if established and len({a.person_id for a in full_time}) >= required:
            return _pass(
                f"已设置安全生产管理机构并配备{required}名以上专职安全生产管理人员（第一款）。",
                f"A safety body is set up and at least {required} full-time safety officers "
                "are in service (first branch).",
                evidence,
                branch=FIRST,
            )
        return _fail(
            f"高危行业或从业人员超过{threshold}人，应设置安全生产管理机构并配备不少于"
            f"{required}名专职安全生产管理人员（现有机构{len(established)}个，"
            f"专职人员{len({a.person_id for a in full_time})}名）。",
            f"High-risk or over {threshold} employees: a safety body must be set up and "
            f"at least {required} full-time safety officers be in service "
            f"(now {len(established)} body, {len({a.person_id for a in full_time})} full-time).",
            evidence,
            branch=FIRST,
        )
    # The second branch is major, not critical (rules.md, 17.1).
    if bodies and officers:
        return _pass(
            "已设置或指定安全生产管理机构并配备安全生产管理人员（第二款）。",
            "A safety body is set up or designated and a safety officer is in service "
            "(second branch).",
            tuple(b.id for b in bodies) + tuple(a.id for a in officers),
            branch=SECOND,
            severity=Severity.MAJOR,
        )
    if facts.enterprise.sme_class in ("small", "micro"):
        entrusting = _entrusting_contract(facts)
        if entrusting is not None:
            return _pass(
                f"小微企业已委托安全生产服务机构，注册安全工程师{entrusting.engineer_name}"
                f"（{entrusting.engineer_registration_number}）负责（第二款，委托合同）。",
                "A small or micro enterprise entrusts a safety service firm, with registered "
                f"safety engineer {entrusting.engineer_name} "
                f"({entrusting.engineer_registration_number}) responsible (second branch, "
                "entrusting contract).",
                (entrusting.id,),
                entrusting.valid_to,
                branch=ENTRUSTING,
                severity=Severity.MAJOR,
            )
        return _fail(
            "应设置或指定安全生产管理机构并配备安全生产管理人员，或委托安全生产服务机构"
            "（须有注册安全工程师负责）。",
            "A safety body must be set up or designated with a safety officer in service, or "
            "a safety service firm entrusted with a registered safety engineer responsible.",
            tuple(b.id for b in bodies) + tuple(a.id for a in officers),
            branch=SECOND,
            severity=Severity.MAJOR,
        )
    return _fail(
        "应设置或指定安全生产管理机构，并配备专职或兼职安全生产管理人员。",
        "A safety body must be set up or designated, with a full- or part-time "
        "safety officer in service.",
        tuple(b.id for b in bodies) + tuple(a.id for a in officers),
        branch=SECOND,
        severity=Severity.MAJOR,
    )


def registered_engineer(facts: Facts) -> Finding:
    """17.2: a full-time safety officer in service is a registered engineer of this employer."""
    if not facts.value(ENGINEER_REQUIRED) or not is_high_risk(facts):
        return _na("仅适用于高危行业企业（2016年起）。", "High-risk enterprises only, from 2016.")
    full_time = {a.person_id for a in facts.officers_in_service() if a.employment == "full_time"}
    levels = facts.value(ENGINEER_LEVELS)
    registered = [
        e
        for e in facts.engineers
        if e.person_id in full_time
        and in_period(e.valid_from, e.valid_to, facts.as_of)
        and e.employer_credit_code == facts.enterprise.credit_code
    ]
    valid = [e for e in registered if e.level in levels]
    if valid:
        return _pass(
            "专职安全生产管理人员中有中级以上注册安全工程师。",
            "A full-time safety officer is a registered engineer of intermediate level or above.",
            (valid[0].id,),
            valid[0].valid_to,
        )
    if registered:
        return _fail(
            "专职安全生产管理人员中的注册安全工程师仅为助理级，应有中级以上注册安全工程师。",
            "The full-time safety officers' registrations are assistant (助理) level only; an "
            "intermediate or senior registered safety engineer is needed.",
            tuple(e.id for e in registered),
        )
    return _fail(
        "专职安全生产管理人员中应有注册安全工程师（注册单位为本企业）。",
        "A full-time safety officer must be a registered safety "
        "engineer registered with this enterprise.",
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


def workshop_staff(facts: Facts) -> Finding:
    """17.3: where the first staffing branch applies, every department has an officer."""
    departments = {p.department for p in facts.people_in_service() if p.department}
    if not first_branch(facts) or not departments:
        threshold = facts.value(STAFFING_THRESHOLD)
        return _na(
            f"仅适用于高危或从业人员超过{threshold}人且登记了部门的企业。",
            f"High-risk or over-{threshold} enterprises that record departments only.",
        )
    covered = {a.department for a in facts.officers_in_service() if a.department}
    missing = tuple(sorted(departments - covered))
    if missing:
        return _fail(
            f"{len(missing)}个车间（部门）未配备安全生产管理人员。",
            f"{len(missing)} department(s) have no safety officer.",
            missing,
        )
    return _pass("各车间（部门）均配备安全生产管理人员。", "Every department has a safety officer.")


# The seed's art. 17 as printed (its half-width punctuation kept), cut to the branch 17.3


def team_staff(facts: Facts) -> Finding:
    """17.4: where the first staffing branch applies, every team (班组) existing on the date
    has a full- or part-time safety officer in service who serves it (an appointment naming
    the team, in office on the date, its holder in service)."""
    teams = [t for t in facts.teams if in_period(t.established_on, t.dissolved_on, facts.as_of)]
    if not first_branch(facts) or not teams:
        threshold = facts.value(STAFFING_THRESHOLD)
        return _na(
            f"仅适用于高危或从业人员超过{threshold}人且登记了班组的企业。",
            f"High-risk or over-{threshold} enterprises that record teams only.",
        )
    serving: dict[str, list[str]] = {}
    for appointment in facts.officers_in_service():
        if appointment.team_id is not None:
            serving.setdefault(appointment.team_id, []).append(appointment.id)
    missing = tuple(sorted(t.id for t in teams if t.id not in serving))
    if missing:
        return _fail(
            f"{len(missing)}个班组未配备专职或兼职安全生产管理人员。",
            f"{len(missing)} team(s) have no full- or part-time safety officer.",
            missing,
        )
    return _pass(
        "各班组均配备专职或兼职安全生产管理人员。",
        "Every team has a full- or part-time safety officer.",
        tuple(sorted(a for t in teams for a in serving[t.id])),
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-17.1",
        "17",
        Text("安全生产管理机构和人员", "Safety body and staff"),
        Text("所有企业", "All enterprises"),
        Text(
            "设置或指定安全生产管理机构并配备安全生产管理人员。",
            "Set up a safety body and appoint safety officers.",
        ),
        Severity.CRITICAL,  # the first branch's; the second branch's findings are major
        staffing,
        (
            STAFFING_THRESHOLD,
            FULL_TIME_OFFICERS_REQUIRED,
            HIGH_RISK_CATEGORIES,
            HIGH_RISK_CODES,
            HIGH_RISK_CODES_PROVISIONAL,
        ),
        duty=STAFFING,
        article_text=ART_17,
    ),
    Rule(
        "HJ2014-17.2",
        "17",
        Text("注册安全工程师", "Registered safety engineer"),
        Text("高危行业企业，2016年起", "High-risk enterprises, from 2016"),
        Text(
            "专职安全生产管理人员中配备注册安全工程师。",
            "Employ a registered safety engineer among the full-time safety officers.",
        ),
        Severity.MAJOR,
        registered_engineer,
        (ENGINEER_REQUIRED, ENGINEER_LEVELS, HIGH_RISK_CATEGORIES, HIGH_RISK_CODES),
        registration_deadlines,
        duty=REGISTERED_ENGINEERS,
        article_text=ART_17,
    ),
    Rule(
        "HJ2014-17.3",
        "17",
        Text("车间班组安全管理人员", "Workshop and team safety staff"),
        Text(
            f"高危或超过{latest(STAFFING_THRESHOLD)}人、登记了部门的企业",
            f"High-risk or over-{latest(STAFFING_THRESHOLD)} enterprises recording departments",
        ),
        Text(
            "每个车间（部门）配备安全生产管理人员。",
            "Appoint a safety officer in every department.",
        ),
        Severity.MINOR,
        workshop_staff,
        (STAFFING_THRESHOLD, HIGH_RISK_CATEGORIES, HIGH_RISK_CODES),
        duty=TEAM_SAFETY_STAFF,
        article_text=ART_17,
    ),
    Rule(
        "HJ2014-17.4",
        "17",
        Text("班组安全管理人员", "Team safety staff"),
        Text(
            f"高危或超过{latest(STAFFING_THRESHOLD)}人、登记了班组的企业",
            f"High-risk or over-{latest(STAFFING_THRESHOLD)} enterprises recording teams",
        ),
        Text(
            "每个班组配备专职或兼职安全生产管理人员（在任命中注明所服务的班组）。",
            "Appoint a full- or part-time safety officer for every team (name the team in "
            "the appointment).",
        ),
        Severity.MINOR,
        team_staff,
        (STAFFING_THRESHOLD, HIGH_RISK_CATEGORIES, HIGH_RISK_CODES, HIGH_RISK_CODES_PROVISIONAL),
        duty=TEAM_SAFETY_STAFF,
        article_text=ART_17_TEAMS,
    ),
)
