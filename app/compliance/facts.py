"""Everything the rules may look at for one enterprise on one date, loaded set-wise.

A fixed number of queries (one per record kind) whatever the enterprise's size; rules then
work on these in memory and never query. "As of" a date: records are judged by their own
dates (hired, appointed, expired …) on that day.
"""

from __future__ import annotations

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


def _living(session: Session, model: type[R], enterprise_id: str) -> list[R]:
    return list(
        session.scalars(
            select(model).where(model.enterprise_id == enterprise_id, model.deleted_at.is_(None))
        )
    )


def load_facts(session: Session, enterprise: Enterprise, as_of: date) -> Facts:
    """One query per kind: the engine's query count does not grow with the enterprise."""
    eid = enterprise.id
    people: dict[str, Any] = {p.id: p for p in _living(session, Person, eid)}
    return Facts(
        as_of=as_of,
        enterprise=enterprise,
        people=people,
        bodies=_living(session, SafetyBody, eid),
        officers=_living(session, OfficerAppointment, eid),
        leaders=_living(session, LeaderAppointment, eid),
        assessments=_living(session, AssessmentCertificate, eid),
        dangers=_living(session, HiddenDanger, eid),
        commitments=_living(session, SafetyCommitment, eid),
        engineers=_living(session, RegisteredEngineer, eid),
        assignments=_living(session, OperationAssignment, eid),
        certificates=_living(session, SpecialOperationCertificate, eid),
        sessions={s.id: s for s in _living(session, TrainingSession, eid)},
        attendances=_living(session, TrainingAttendance, eid),
        analyses=_living(session, RiskAnalysis, eid),
        declarations=_living(session, HazardDeclaration, eid),
        exams=_living(session, HealthExam, eid),
        standardization=_living(session, StandardizationCertificate, eid),
        hazard_sources=_living(session, MajorHazardSource, eid),
    )
