"""Art. 22 of pack `huiji-2014`: health scope, declarations, pre-job exams and supervisor."""

from __future__ import annotations

import functools
from collections import defaultdict

from app.compliance.facts import Facts, derived, in_period
from app.compliance.packs.common_duties import (
    OCCUPATIONAL_DECLARATION,
    OCCUPATIONAL_EXAMS_PRE_JOB,
    OCCUPATIONAL_SUPERVISOR,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Finding, Rule, Severity, Text
from app.registry.catalog import ExamKind, OfficerDuty
from app.registry.health.factors import decode
from app.registry.health.models import HealthExam
from app.registry.people.models import PersonExposure

APPLIES = Text(
    "职业病危害行业及有接触职业病危害因素在岗人员的企业",
    "Occupational-hazard trades and enterprises with exposed people in service",
)


@derived
def current_exposures(facts: Facts) -> dict[tuple[str, str], PersonExposure]:
    """(person, factor) → the exposure in effect on the date, for people in service (the
    latest started where two records overlap)."""
    current: dict[tuple[str, str], PersonExposure] = {}
    for person in sorted(facts.people_in_service(), key=lambda p: p.id):
        for exposure in facts.exposures_of(person.id):
            if in_period(exposure.started_on, exposure.ended_on, facts.as_of):
                key = (person.id, exposure.factor)
                if key not in current or current[key].started_on < exposure.started_on:
                    current[key] = exposure
    return current


@derived
def exams_by_person(facts: Facts) -> dict[str, list[HealthExam]]:
    """Exams taken by the date, grouped once so a rule's cost stays linear in the records."""
    grouped: dict[str, list[HealthExam]] = defaultdict(list)
    for exam in facts.exams:
        if exam.examined_on <= facts.as_of:
            grouped[exam.person_id].append(exam)
    return grouped


def covers(exam: HealthExam, factor: str) -> bool:
    return factor in _factor_set(exam.factors)


@functools.lru_cache(maxsize=4096)  # bounded: the strings come from enterprises' records
def _factor_set(stored: str) -> frozenset[str]:
    # The stored form is space-separated values, and a handful of combinations recur in
    # thousands of exams: split each once, without parsing every value into its enum.
    return frozenset(stored.split())


def out_of_scope(facts: Facts) -> Finding | None:
    """Article 22 applies to hazard trades and to anyone with exposed people in service."""
    if facts.enterprise.occupational_hazard_trade or current_exposures(facts):
        return None
    return _na(
        "非职业病危害行业，且无接触职业病危害因素的在岗人员。",
        "Not an occupational-hazard trade, and nobody in service is exposed to a hazard factor.",
    )


def no_exposures() -> Finding:
    return _unknown(
        "职业病危害行业未登记任何在岗人员的危害因素接触情况；请登记接触人员及其因素。",
        "An occupational-hazard trade with no exposure recorded for anyone in service; "
        "record who is exposed to which factor.",
    )


def declared(facts: Facts) -> Finding:
    """22.1: the declarations on file together name every factor anyone is exposed to."""
    if (out := out_of_scope(facts)) is not None:
        return out
    filed = [d for d in facts.declarations if d.declared_on <= facts.as_of]
    named = {factor for d in filed for factor in decode(d.factors)}
    missing = tuple(sorted({f for _, f in current_exposures(facts)} - named))
    if not filed:
        return _fail(
            "未申报职业病危害项目。", "No occupational hazard declaration is on file.", missing
        )
    if missing:
        return _fail(
            f"职业病危害项目申报未涵盖：{'、'.join(missing)}。",
            f"The hazard declarations do not cover: {', '.join(missing)}.",
            missing,
        )
    return _pass(
        "职业病危害项目申报涵盖全部接触因素。",
        "The hazard declarations cover every factor people are exposed to.",
        tuple(d.id for d in filed),
    )


def pre_job_exams(facts: Facts) -> Finding:
    """22.2: a pre-job exam on or before the first day of exposure to each factor."""
    if (out := out_of_scope(facts)) is not None:
        return out
    current = current_exposures(facts)
    if not current:
        return no_exposures()
    exams = exams_by_person(facts)
    pre_job = ExamKind.PRE_JOB.value
    lacking: list[str] = []
    for person_id, factor in current:
        first = min(e.started_on for e in facts.exposures_of(person_id) if e.factor == factor)
        for x in exams.get(person_id, ()):
            if x.kind == pre_job and x.examined_on <= first and covers(x, factor):
                break
        else:
            lacking.append(f"{person_id}:{factor}")
    if lacking:
        return _fail(
            f"{len(lacking)}人次接触职业病危害因素前未进行上岗前职业健康检查。",
            f"{len(lacking)} exposure(s) began without a pre-job health exam.",
            tuple(lacking),
        )
    return _pass(
        "接触人员均在上岗前进行了职业健康检查。",
        "Everyone exposed had a pre-job exam before the exposure began.",
    )


def supervisor(facts: Facts) -> Finding:
    """22.6: an occupational-health supervisor, full or part time, appointed and in service."""
    if (out := out_of_scope(facts)) is not None:
        return out
    appointed = [
        a
        for a in facts.officers
        if a.duty == OfficerDuty.OCCUPATIONAL_HEALTH_SUPERVISOR
        and in_period(a.appointed_on, a.ended_on, facts.as_of)
        and facts.in_service(a.person_id)
    ]
    if appointed:
        return _pass(
            "已配备职业卫生管理人员。",
            "An occupational-health supervisor is in service.",
            tuple(a.id for a in appointed),
        )
    return _fail(
        "未配备在岗的专职或兼职职业卫生管理人员。",
        "No full- or part-time occupational-health supervisor is in service.",
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-22.1",
        "22",
        Text("职业病危害项目申报", "Occupational hazard declaration"),
        APPLIES,
        Text(
            "申报职业病危害项目，涵盖全部接触因素。",
            "Declare the occupational hazards, covering every factor people are exposed to.",
        ),
        Severity.MAJOR,
        declared,
        duty=OCCUPATIONAL_DECLARATION,
    ),
    Rule(
        "HJ2014-22.2",
        "22",
        Text("上岗前职业健康检查", "Pre-job health exams"),
        APPLIES,
        Text(
            "接触职业病危害因素前进行上岗前职业健康检查。",
            "Examine each person before their first exposure to each factor.",
        ),
        Severity.CRITICAL,
        pre_job_exams,
        duty=OCCUPATIONAL_EXAMS_PRE_JOB,
    ),
    Rule(
        "HJ2014-22.6",
        "22",
        Text("职业卫生管理人员", "Occupational-health supervisor"),
        APPLIES,
        Text(
            "配备专职或兼职职业卫生管理人员。",
            "Appoint a full- or part-time occupational-health supervisor.",
        ),
        Severity.MINOR,
        supervisor,
        duty=OCCUPATIONAL_SUPERVISOR,
    ),
)
