"""The workforce of a generated enterprise: people with valid ID numbers (stored encrypted,
blind-indexed and masked as the people kind does), departments, intakes, leavers, job
changes, hazard exposures, special operations and the roles the other records hang on."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from app.cli.demo_catalog import (
    DEPARTMENTS,
    GIVEN,
    ID_AREAS,
    OFFICE,
    OPERATION_POSITION,
    SURNAMES,
    WORKER_POSITION,
)
from app.cli.demo_profiles import EnterpriseSpec
from app.cli.demo_rows import Rows
from app.core.crypto import PersonalDataCipher
from app.core.validators import check_resident_id, mask_resident_id, resident_id_check_character
from app.registry.people.kind import ID_NUMBER_CONTEXT, PEOPLE
from app.registry.people.models import PersonExposure, PersonJobChange

SAFETY_DEPARTMENT = "安全环保部"
NOISE_LEVELS = ("80-85dB(A)", "85-90dB(A)", ">90dB(A)")


@dataclass
class PersonPlan:
    name: str
    department: str
    position: str
    hire_date: date
    leave_date: date | None
    id: str = ""
    exposures: list[tuple[str, str | None, date, date | None]] = field(default_factory=list)
    job_changes: list[tuple[date, str, str]] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)

    def in_service(self, day: date) -> bool:
        return self.hire_date <= day and (self.leave_date is None or self.leave_date >= day)


@dataclass
class Workforce:
    people: list[PersonPlan]
    departments: list[str]
    principal: PersonPlan
    principal_since: date
    previous_principal: PersonPlan | None
    deputy: PersonPlan | None
    full_time_officers: list[PersonPlan]
    part_time_officers: list[PersonPlan]  # (their department is the one they cover)
    health_supervisor: PersonPlan | None
    intakes: list[date]

    def in_service(self, day: date) -> list[PersonPlan]:
        return [p for p in self.people if p.in_service(day)]


def _intakes(rng: random.Random, founded: date, today: date) -> list[date]:
    """Days on which new staff start: the founding day, then every few months."""
    days = [founded]
    day = founded
    while True:
        day += timedelta(days=rng.randint(90, 365))
        if day > today - timedelta(days=20):
            return days
        days.append(day)


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _recent_intake(rng: random.Random, intakes: list[date]) -> date:
    """Staff turn over: most people in service joined in the later intakes."""
    position = int(len(intakes) * (1 - rng.random() ** 2.2))
    return intakes[min(position, len(intakes) - 1)]


def build_workforce(rng: random.Random, spec: EnterpriseSpec, today: date) -> Workforce:
    industry = spec.industry
    intakes = _intakes(rng, spec.founded_on, today)
    pool = DEPARTMENTS[industry.sector]
    departments = list(pool[: max(1, min(len(pool), 1 + spec.employees // 30))])
    worker = WORKER_POSITION[industry.sector]
    people: list[PersonPlan] = []

    handover = None
    if (today - spec.founded_on).days > 5 * 365 and rng.random() < 0.25:
        handover = spec.founded_on + timedelta(
            days=rng.randint(730, (today - spec.founded_on).days - 200)
        )
    principal_since = handover or spec.founded_on
    principal = PersonPlan(_name(rng), OFFICE, "总经理", principal_since, None)
    people.append(principal)
    previous = None
    if handover is not None:
        previous = PersonPlan(
            _name(rng), OFFICE, "总经理", spec.founded_on, handover - timedelta(days=1)
        )
        people.append(previous)
    deputy = None
    if spec.employees > 50:
        deputy = PersonPlan(_name(rng), OFFICE, "分管安全副总经理", intakes[0], None)
        people.append(deputy)

    full_time: list[PersonPlan] = []
    part_time: list[PersonPlan] = []
    if spec.first_branch:
        wanted = 1 if "understaffed" in spec.defects else min(4, 2 + spec.employees // 300)
        for _ in range(wanted):
            officer = PersonPlan(
                _name(rng), SAFETY_DEPARTMENT, "专职安全员", _recent_intake(rng, intakes), None
            )
            full_time.append(officer)
        for department in [*departments, OFFICE]:
            part_time.append(
                PersonPlan(_name(rng), department, "班组长", _recent_intake(rng, intakes), None)
            )
    elif spec.employees > 100:
        full_time.append(
            PersonPlan(
                _name(rng), SAFETY_DEPARTMENT, "专职安全员", _recent_intake(rng, intakes), None
            )
        )
    else:
        part_time.append(
            PersonPlan(_name(rng), OFFICE, "兼职安全员", _recent_intake(rng, intakes), None)
        )
    people.extend(full_time)
    people.extend(part_time)

    for _ in range(spec.employees - sum(1 for p in people if p.leave_date is None)):
        department = rng.choice(departments) if rng.random() < 0.9 else OFFICE
        position = worker if department != OFFICE else rng.choice(("行政专员", "会计", "出纳"))
        people.append(
            PersonPlan(_name(rng), department, position, _recent_intake(rng, intakes), None)
        )
    _add_leavers(rng, people, departments, worker, intakes, today, spec.employees)
    _assign_operations(rng, spec, people)
    exposed = _expose(rng, spec, people)
    _change_jobs(rng, people, departments, worker, today)

    supervisor = None
    if exposed and "no_health_supervisor" not in spec.defects:
        supervisor = deputy or (full_time + part_time)[0]
    return Workforce(
        people,
        departments,
        principal,
        principal_since,
        previous,
        deputy,
        full_time,
        part_time,
        supervisor,
        intakes,
    )


def _add_leavers(
    rng: random.Random,
    people: list[PersonPlan],
    departments: list[str],
    worker: str,
    intakes: list[date],
    today: date,
    employees: int,
) -> None:
    for _ in range(round(employees * rng.uniform(0.03, 0.10))):
        hired = rng.choice(intakes)
        earliest = max(hired + timedelta(days=90), today - timedelta(days=700))
        if earliest >= today - timedelta(days=5):
            continue
        left = earliest + timedelta(days=rng.randint(0, (today - earliest).days - 5))
        people.append(PersonPlan(_name(rng), rng.choice(departments), worker, hired, left))


def _assign_operations(rng: random.Random, spec: EnterpriseSpec, people: list[PersonPlan]) -> None:
    workers = [p for p in people if p.department != OFFICE and p.position not in ("专职安全员",)]
    for category in spec.industry.operations:
        share = 0.12 if category in ("3.1", "9", "10", "8") else 0.05
        for person in rng.sample(workers, min(len(workers), max(1, round(len(workers) * share)))):
            if not person.operations:
                person.operations.append(category)
                if person.position != "班组长":
                    person.position = OPERATION_POSITION[category]


def _expose(rng: random.Random, spec: EnterpriseSpec, people: list[PersonPlan]) -> bool:
    factors = spec.industry.factors
    if not factors:
        return False
    for person in people:
        if person.department in (OFFICE, SAFETY_DEPARTMENT) or rng.random() < 0.2:
            continue
        for factor in rng.sample(factors, rng.randint(1, min(2, len(factors)))):
            level = rng.choice(NOISE_LEVELS) if factor == "noise" else None
            person.exposures.append((factor, level, person.hire_date, person.leave_date))
    return any(p.exposures for p in people)


def _change_jobs(
    rng: random.Random, people: list[PersonPlan], departments: list[str], worker: str, today: date
) -> None:
    if len(departments) < 2:
        return
    for person in people:
        served = (today - person.hire_date).days
        eligible = person.leave_date is None and person.position == worker and served > 400
        if eligible and rng.random() < 0.05:
            changed = person.hire_date + timedelta(days=rng.randint(180, served - 30))
            department = rng.choice([d for d in departments if d != person.department])
            person.department = department
            person.job_changes.append((changed, department, worker))


def _id_number(rng: random.Random, person: PersonPlan, today: date, used: set[str]) -> str:
    latest_age = max(18, min(50, 59 - (today - person.hire_date).days // 365))
    while True:
        born = person.hire_date - timedelta(days=rng.randint(18 * 365 + 5, latest_age * 365 + 300))
        first17 = f"{rng.choice(ID_AREAS)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
        number = first17 + resident_id_check_character(first17)
        if number not in used:
            used.add(number)
            return number


def write_people(
    rows: Rows,
    cipher: PersonalDataCipher,
    rng: random.Random,
    enterprise_id: str,
    workforce: Workforce,
    today: date,
) -> None:
    """Queue the people and their child rows; sets each plan's id."""
    used: set[str] = set()
    for person in workforce.people:
        number = _id_number(rng, person, today, used)
        check = check_resident_id(number, today)
        exposures = [
            {"factor": f, "level": lv, "started_on": s, "ended_on": e}
            for f, lv, s, e in person.exposures
        ]
        changes = [
            {"changed_on": c, "department": d, "position": p} for c, d, p in person.job_changes
        ]
        values: dict[str, Any] = {
            "name": person.name,
            "id_number_ciphertext": cipher.seal(number, context=ID_NUMBER_CONTEXT),
            "id_number_index": cipher.blind_index(number, scope=enterprise_id),
            "id_number_masked": mask_resident_id(number),
            "birth_date": check.birth_date,
            "sex": check.sex,
            "department": person.department,
            "position": person.position,
            "hire_date": person.hire_date,
            "leave_date": person.leave_date,
        }
        person.id = rows.add(
            PEOPLE,
            enterprise_id,
            values,
            {
                "exposures": [SimpleNamespace(**e) for e in exposures],
                "job_changes": [SimpleNamespace(**c) for c in changes],
            },
        )
        for exposure in exposures:
            rows.add_row(
                PersonExposure,
                {
                    "id": rows.new_id("exp"),
                    "enterprise_id": enterprise_id,
                    "person_id": person.id,
                    **exposure,
                },
            )
        for change in changes:
            rows.add_row(
                PersonJobChange,
                {
                    "id": rows.new_id("job"),
                    "enterprise_id": enterprise_id,
                    "person_id": person.id,
                    **change,
                },
            )
