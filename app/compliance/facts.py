"""Everything the rules may look at for one enterprise on one date, loaded set-wise.

A fixed number of queries (one per record kind) whatever the enterprise's size; rules then
work on these in memory and never query. "As of" a date: records are judged by their own
dates (hired, appointed, expired …) on that day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.enterprises.models import Enterprise
from app.registry.base import RegistryRecord
from app.registry.certificates.models import (
    OperationAssignment,
    SpecialOperationCertificate,
    StandardizationCertificate,
)
from app.registry.commitments.models import RiskAnalysis, SafetyCommitment
from app.registry.dangers.models import HiddenDanger
from app.registry.filings.models import MajorHazardSource
from app.registry.health.models import HazardDeclaration, HealthExam
from app.registry.people.models import Person
from app.registry.staffing.models import (
    AssessmentCertificate,
    LeaderAppointment,
    OfficerAppointment,
    RegisteredEngineer,
    SafetyBody,
)
from app.registry.training.models import TrainingAttendance, TrainingSession

R = TypeVar("R", bound=RegistryRecord)


def in_period(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or end >= day)


@dataclass(frozen=True)
class Facts:
    as_of: date
    enterprise: Enterprise
    people: dict[str, Person]
    bodies: list[SafetyBody]
    officers: list[OfficerAppointment]
    leaders: list[LeaderAppointment]
    assessments: list[AssessmentCertificate]
    dangers: list[HiddenDanger]
    commitments: list[SafetyCommitment]
    engineers: list[RegisteredEngineer]
    assignments: list[OperationAssignment]
    certificates: list[SpecialOperationCertificate]
    sessions: dict[str, TrainingSession]
    attendances: list[TrainingAttendance]
    analyses: list[RiskAnalysis]
    declarations: list[HazardDeclaration]
    exams: list[HealthExam]
    standardization: list[StandardizationCertificate]
    hazard_sources: list[MajorHazardSource]

    @property
    def employee_count(self) -> int | None:
        return self.enterprise.employee_count

    @property
    def started_on(self) -> date:
        """Since when periodic duties count: the declared founding date, else the day the
        enterprise registered on the platform (rules.md, "Due periods")."""
        return self.enterprise.founded_on or self.enterprise.created_at.date()

    @property
    def high_risk(self) -> bool:
        return self.enterprise.high_risk_category is not None

    def in_service(self, person_id: str, day: date | None = None) -> bool:
        person = self.people.get(person_id)
        return person is not None and in_period(
            person.hire_date, person.leave_date, day or self.as_of
        )

    def officers_in_service(self) -> list[OfficerAppointment]:
        return [
            a
            for a in self.officers
            if a.duty == "safety_officer"
            and in_period(a.appointed_on, a.ended_on, self.as_of)
            and self.in_service(a.person_id)
        ]

    def bodies_on(self) -> list[SafetyBody]:
        return [b for b in self.bodies if in_period(b.established_on, b.ended_on, self.as_of)]

    def principal_on(self) -> LeaderAppointment | None:
        current = [
            a
            for a in self.leaders
            if a.position == "principal"
            and in_period(a.took_office_on, a.left_office_on, self.as_of)
        ]
        return current[0] if current else None

    def people_in_service(self) -> list[Person]:
        return [p for p in self.people.values() if self.in_service(p.id)]

    def assessments_of(self, person_id: str) -> list[AssessmentCertificate]:
        return [a for a in self.assessments if a.person_id == person_id]


_KINDS: dict[str, type[RegistryRecord]] = {
    "bodies": SafetyBody,
    "officers": OfficerAppointment,
    "leaders": LeaderAppointment,
    "assessments": AssessmentCertificate,
    "dangers": HiddenDanger,
    "commitments": SafetyCommitment,
    "engineers": RegisteredEngineer,
    "assignments": OperationAssignment,
    "certificates": SpecialOperationCertificate,
    "attendances": TrainingAttendance,
    "analyses": RiskAnalysis,
    "declarations": HazardDeclaration,
    "exams": HealthExam,
    "standardization": StandardizationCertificate,
    "hazard_sources": MajorHazardSource,
}


def _living_by_enterprise(
    session: Session, model: type[R], enterprise_ids: Sequence[str]
) -> dict[str, list[R]]:
    condition = (
        model.enterprise_id == enterprise_ids[0]
        if len(enterprise_ids) == 1
        else model.enterprise_id.in_(enterprise_ids)
    )
    grouped: dict[str, list[R]] = defaultdict(list)
    for record in session.scalars(select(model).where(condition, model.deleted_at.is_(None))):
        grouped[record.enterprise_id].append(record)
    return grouped


def load_facts_many(
    session: Session, enterprises: Sequence[Enterprise], as_of: date
) -> list[Facts]:
    """Facts of several enterprises (in their order) with one query per record kind for all
    of them (plus the selectin loads of people's exposures and job changes): a regional
    overview reads a town in a few dozen queries, not a few per enterprise."""
    if not enterprises:
        return []
    ids = [e.id for e in enterprises]
    people = _living_by_enterprise(session, Person, ids)
    sessions = _living_by_enterprise(session, TrainingSession, ids)
    # Any: each name holds its own model's records; a test checks names against Facts' fields.
    kinds: dict[str, dict[str, list[Any]]] = {
        name: _living_by_enterprise(session, model, ids) for name, model in _KINDS.items()
    }
    return [
        Facts(
            as_of=as_of,
            enterprise=enterprise,
            people={p.id: p for p in people.get(enterprise.id, [])},
            sessions={s.id: s for s in sessions.get(enterprise.id, [])},
            **{name: grouped.get(enterprise.id, []) for name, grouped in kinds.items()},
        )
        for enterprise in enterprises
    ]


def load_facts(session: Session, enterprise: Enterprise, as_of: date) -> Facts:
    """One query per kind: the engine's query count does not grow with the enterprise."""
    return load_facts_many(session, [enterprise], as_of)[0]
