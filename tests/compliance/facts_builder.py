"""Facts for one enterprise built in memory from real (unsaved) model instances.

Rules are pure functions of `Facts`, so their boundaries (the 300th employee, the deadline
day, the expiry day) are tested here cheaply and exhaustively; the API tests prove the
wiring from stored records to the same facts once per rule group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import count
from typing import Any

from app.compliance.as_of import cut_facts
from app.compliance.facts import Facts
from app.enterprises.models import Enterprise
from app.registry.certificates.models import (
    OperationAssignment,
    SpecialOperationCertificate,
    StandardizationCertificate,
)
from app.registry.commitments.models import RiskAnalysis, SafetyCommitment
from app.registry.dangers.models import HiddenDanger, HiddenDangerStatistics
from app.registry.emergency.models import EmergencyDrill, EmergencyPlan
from app.registry.filings.models import MajorHazardSource
from app.registry.health.models import HazardDeclaration, HealthExam
from app.registry.insurance.models import InsurancePolicy
from app.registry.people.models import Person, PersonExposure, PersonJobChange
from app.registry.rescue.models import RescueArrangement
from app.registry.shifts.models import OnSiteShift
from app.registry.staffing.models import (
    AssessmentCertificate,
    LeaderAppointment,
    OfficerAppointment,
    RegisteredEngineer,
    SafetyBody,
    Team,
)
from app.registry.training.models import TrainingAttendance, TrainingSession

ENTERPRISE_ID = "ent_00000000000000000000000001"
CREDIT_CODE = "91410108MA0000000X"
_ids = count(1)


def _id(prefix: str) -> str:
    return f"{prefix}_{next(_ids):026d}"


def enterprise(**overrides: Any) -> Enterprise:
    values: dict[str, Any] = {
        "id": ENTERPRISE_ID,
        "credit_code": CREDIT_CODE,
        "legal_representative": "张三",
        "industry_code": "C3311",
        "high_risk_category": None,
        "employee_count": 120,
        "designated_size": "above",
        "sme_class": "medium",
        "occupational_hazard_trade": False,
        "founded_on": date(2010, 1, 1),
        "verification_status": "verified",
        "created_at": datetime(2020, 1, 1, tzinfo=UTC),
        "updated_at": datetime(2020, 1, 1, tzinfo=UTC),
    }
    values.update(overrides)
    return Enterprise(**values)


@dataclass
class FactsBuilder:
    """Collects records, then `facts(as_of)` hands them to the rules exactly as
    `load_facts` would (living records of one enterprise)."""

    profile: Enterprise = field(default_factory=enterprise)
    records: dict[str, list[Any]] = field(default_factory=dict)

    def _add(self, name: str, record: Any) -> Any:
        self.records.setdefault(name, []).append(record)
        return record

    def _common(self, prefix: str) -> dict[str, Any]:
        return {"id": _id(prefix), "enterprise_id": self.profile.id, "version": 1}

    def person(
        self,
        hired: date = date(2018, 1, 1),
        left: date | None = None,
        department: str | None = None,
        exposures: list[tuple[str, date, date | None]] | None = None,
        exposure_level: str | None = None,
        job_changes: list[date] | None = None,
    ) -> Person:
        person = Person(
            **self._common("per"),
            name="员工",
            id_number_ciphertext="",
            id_number_index="",
            id_number_masked="4101**********0011",
            birth_date=date(1980, 1, 1),
            sex="male",
            department=department,
            hire_date=hired,
            leave_date=left,
        )
        person.exposures = [
            PersonExposure(
                id=_id("pex"),
                enterprise_id=self.profile.id,
                person_id=person.id,
                factor=factor,
                level=exposure_level,
                started_on=start,
                ended_on=end,
            )
            for factor, start, end in exposures or []
        ]
        person.job_changes = [
            PersonJobChange(
                id=_id("pjc"),
                enterprise_id=self.profile.id,
                person_id=person.id,
                changed_on=changed,
            )
            for changed in job_changes or []
        ]
        return self._add("people", person)  # type: ignore[no-any-return]

    def body(
        self,
        form: str = "established",
        on: date = date(2015, 1, 1),
        independent_functions: bool | None = None,
        ended: date | None = None,
    ) -> SafetyBody:
        return self._add(  # type: ignore[no-any-return]
            "bodies",
            SafetyBody(
                **self._common("sbd"),
                form=form,
                name="安全科",
                established_on=on,
                ended_on=ended,
                independent_functions=independent_functions,
            ),
        )

    def officer(
        self,
        person: Person,
        duty: str = "safety_officer",
        employment: str = "full_time",
        on: date = date(2015, 1, 1),
        ended: date | None = None,
        department: str | None = None,
        team_id: str | None = None,
    ) -> OfficerAppointment:
        return self._add(  # type: ignore[no-any-return]
            "officers",
            OfficerAppointment(
                **self._common("ofa"),
                person_id=person.id,
                duty=duty,
                employment=employment,
                department=department,
                team_id=team_id,
                appointed_on=on,
                ended_on=ended,
            ),
        )

    def principal(self, person: Person, on: date = date(2015, 1, 1)) -> LeaderAppointment:
        return self._add(  # type: ignore[no-any-return]
            "leaders",
            LeaderAppointment(
                **self._common("lda"), person_id=person.id, position="principal", took_office_on=on
            ),
        )

    def training(
        self,
        kind: str,
        ended: date,
        hours: str,
        people: list[Person],
        passed: bool = True,
        started: date | None = None,
        place: str | None = None,
    ) -> TrainingSession:
        session = self._add(
            "sessions",
            TrainingSession(
                **self._common("trs"),
                kind=kind,
                title=kind,
                place=place,
                started_on=started or ended,
                ended_on=ended,
                hours=Decimal(hours),
            ),
        )
        for person in people:
            self._add(
                "attendances",
                TrainingAttendance(
                    **self._common("tra"),
                    session_id=session.id,
                    person_id=person.id,
                    hours=Decimal(hours),
                    passed=passed,
                ),
            )
        return session  # type: ignore[no-any-return]

    def exam(
        self,
        person: Person,
        kind: str,
        on: date,
        factors: str,
        conclusion: str = "normal",
    ) -> HealthExam:
        return self._add(  # type: ignore[no-any-return]
            "exams",
            HealthExam(
                **self._common("hex"),
                person_id=person.id,
                kind=kind,
                examined_on=on,
                factors=factors,
                conclusion=conclusion,
            ),
        )

    def declaration(self, on: date, factors: str, headcount: int = 1) -> HazardDeclaration:
        return self._add(  # type: ignore[no-any-return]
            "declarations",
            HazardDeclaration(
                **self._common("hzd"), declared_on=on, factors=factors, exposed_headcount=headcount
            ),
        )

    def policy(
        self,
        policy_type: str,
        start: date,
        end: date | None,
        headcount: int,
        cover: int | None = 400_000,
        temporary_and_dispatched: bool = True,
        cancelled: date | None = None,
    ) -> InsurancePolicy:
        return self._add(  # type: ignore[no-any-return]
            "insurance_policies",
            InsurancePolicy(
                **self._common("ins"),
                policy_type=policy_type,
                insurer="人保财险",
                policy_number=f"P{next(_ids)}",
                valid_from=start,
                valid_to=end,
                insured_headcount=headcount,
                cover_per_person_yuan=cover,
                covers_temporary_and_dispatched=temporary_and_dispatched,
                cancelled_on=cancelled,
            ),
        )

    def plan(
        self,
        issued: date,
        withdrawn: date | None = None,
        plan_type: str = "comprehensive",
        *,
        filed: date | None = None,
        published: date | None = None,
        public: date | None = None,
    ) -> EmergencyPlan:
        return self._add(  # type: ignore[no-any-return]
            "emergency_plans",
            EmergencyPlan(
                **self._common("emp"),
                plan_type=plan_type,
                title="生产安全事故综合应急预案",
                issued_on=issued,
                filed_on=filed,
                published_on=published,
                published_to_public_on=public,
                withdrawn_on=withdrawn,
            ),
        )

    def drill(
        self, plan: EmergencyPlan, held: date, reported: date | None = None
    ) -> EmergencyDrill:
        return self._add(  # type: ignore[no-any-return]
            "emergency_drills",
            EmergencyDrill(
                **self._common("emd"),
                plan_id=plan.id,
                drill_type=plan.plan_type,
                held_on=held,
                participants=10,
                reported_to_regulator_on=reported,
            ),
        )

    def rescue(
        self, form: str, starts: date, ends: date | None = None, rescuers: int | None = 5
    ) -> RescueArrangement:
        return self._add(  # type: ignore[no-any-return]
            "rescue_arrangements",
            RescueArrangement(
                **self._common("rsc"),
                form=form,
                team_name=None if form == "designated_rescuers" else "救援队",
                starts_on=starts,
                ends_on=ends,
                rescuer_count=None if form == "agreement" else rescuers,
            ),
        )

    def add(self, name: str, record: Any) -> Any:
        """Any other record, for the list `name` of `Facts` (dangers, certificates …)."""
        return self._add(name, record)

    def common(self, prefix: str) -> dict[str, Any]:
        """id, enterprise_id and version for a record built by the caller."""
        return self._common(prefix)

    def facts(self, as_of: date, **profile: Any) -> Facts:
        """The facts as of the date, cut as `load_facts` cuts them (what had happened)."""
        return cut_facts(self.uncut(as_of, **profile))

    def uncut(self, as_of: date, **profile: Any) -> Facts:
        """Every record built, future ones included (what a rule must never be given)."""
        subject = replace_profile(self.profile, profile) if profile else self.profile
        lists = {name: list(self.records.get(name, [])) for name in _LISTS}
        people = self.records.get("people", [])
        return Facts(
            as_of=as_of,
            enterprise=subject,
            people={p.id: p for p in people},
            sessions={s.id: s for s in self.records.get("sessions", [])},
            exposures={p.id: list(p.exposures) for p in people if p.exposures},
            job_changes={p.id: list(p.job_changes) for p in people if p.job_changes},
            contracts=list(self.records.get("contracts", [])),
            **lists,
        )


_LISTS = (
    "bodies",
    "officers",
    "leaders",
    "assessments",
    "dangers",
    "commitments",
    "engineers",
    "assignments",
    "certificates",
    "attendances",
    "analyses",
    "declarations",
    "exams",
    "standardization",
    "hazard_sources",
    "safety_licences",
    "special_equipment",
    "equipment_operator_certificates",
    "hidden_danger_statistics",
    "insurance_policies",
    "emergency_plans",
    "emergency_drills",
    "rescue_arrangements",
    "on_site_shifts",
    "teams",
    "danger_inspections",
    "accident_signs",
    "workplace_hazard_tests",
    "protective_equipment_issues",
)
# Imported for the types callers construct with `add` (certificates, dangers …).
__all__ = [
    "AssessmentCertificate",
    "EmergencyDrill",
    "EmergencyPlan",
    "FactsBuilder",
    "HiddenDanger",
    "HiddenDangerStatistics",
    "InsurancePolicy",
    "MajorHazardSource",
    "OnSiteShift",
    "OperationAssignment",
    "RegisteredEngineer",
    "RiskAnalysis",
    "SafetyCommitment",
    "SpecialOperationCertificate",
    "StandardizationCertificate",
    "Team",
    "enterprise",
]


def replace_profile(profile: Enterprise, changes: dict[str, Any]) -> Enterprise:
    """A copy of the profile with some fields changed (the 300 vs 301 boundary …)."""
    values = {c.key: getattr(profile, c.key) for c in Enterprise.__mapper__.column_attrs}
    values.update(changes)
    return Enterprise(**values)
