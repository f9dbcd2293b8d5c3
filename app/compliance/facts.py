"""Everything the rules may look at for one enterprise on one date, loaded set-wise.

Why it is built this way: docs/design-notes.md, "Facts: what the rules may look at".
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict, namedtuple
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import (
    Dialect,
    FromClause,
    Numeric,
    Select,
    bindparam,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator, TypeEngine

from app.compliance import as_of as history
from app.contracts.models import ServiceContract
from app.core.collector import collector_paused
from app.enterprises.models import Enterprise
from app.law.parameters import Parameter
from app.law.reads import Reads
from app.registry.base import RegistryRecord
from app.registry.certificates.models import (
    OperationAssignment,
    SpecialOperationCertificate,
    StandardizationCertificate,
)
from app.registry.commitments.models import RiskAnalysis, SafetyCommitment
from app.registry.dangers.models import (
    HiddenDanger,
    HiddenDangerInspection,
    HiddenDangerStatistics,
)
from app.registry.emergency.models import AccidentSign, EmergencyDrill, EmergencyPlan
from app.registry.equipment.models import EquipmentOperatorCertificate, SpecialEquipment
from app.registry.filings.models import MajorHazardSource
from app.registry.health.models import (
    HazardDeclaration,
    HealthExam,
    ProtectiveEquipmentIssue,
    WorkplaceHazardTest,
)
from app.registry.insurance.models import InsurancePolicy
from app.registry.licences.models import SafetyLicence
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

R = TypeVar("R", bound=RegistryRecord)
T = TypeVar("T")
# Columns no rule reads: leaving them out spares their type processing on every row.
_BOOKKEEPING = frozenset(
    {"created_at", "updated_at", "deleted_at", "created_by", "updated_by", "version"}
)
# Nor personal or free-text columns no rule judges by: people's ID number (its ciphertext,
# keyed hash and masked copy) and name, an exam's institution and report number. Every value
# read costs its conversion, and these tables have ~1,000 rows per 1,000 people. A rule that
# comes to read one takes it off this list; until then its API test fails (AttributeError).
_UNREAD = {
    "people": frozenset({"id_number_ciphertext", "id_number_index", "id_number_masked", "name"}),
    "health_exams": frozenset({"institution", "report_number"}),
    # Nor the free text of tests and issues: the rules judge by dates, factors and flags.
    "workplace_hazard_tests": frozenset({"organisation", "report_number", "notes"}),
    "protective_equipment_issues": frozenset({"item", "notes"}),
}


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
    rescue_arrangements: list[RescueArrangement] = field(default_factory=list)
    hidden_danger_statistics: list[HiddenDangerStatistics] = field(default_factory=list)
    exposures: dict[str, list[PersonExposure]] = field(default_factory=dict)
    job_changes: dict[str, list[PersonJobChange]] = field(default_factory=dict)
    # Work-injury and liability insurance (安全生产法 art. 51), emergency plans and drills.
    insurance_policies: list[InsurancePolicy] = field(default_factory=list)
    emergency_plans: list[EmergencyPlan] = field(default_factory=list)
    emergency_drills: list[EmergencyDrill] = field(default_factory=list)
    # Service contracts with firms, every status (rules judge them by their dates).
    contracts: list[ServiceContract] = field(default_factory=list)
    safety_licences: list[SafetyLicence] = field(default_factory=list)
    special_equipment: list[SpecialEquipment] = field(default_factory=list)
    equipment_operator_certificates: list[EquipmentOperatorCertificate] = field(
        default_factory=list
    )
    # Leaders' on-site shifts (带班记录).
    on_site_shifts: list[OnSiteShift] = field(default_factory=list)
    # Teams (班组), which officer appointments name by `team_id`.
    teams: list[Team] = field(default_factory=list)
    # The seed's arts. 20 and 23: inspections for hidden dangers, accident signs and warnings.
    danger_inspections: list[HiddenDangerInspection] = field(default_factory=list)
    accident_signs: list[AccidentSign] = field(default_factory=list)
    # Workplace hazard detections and evaluations, protective equipment issued (art. 26;
    # 安全生产法 art. 45).
    workplace_hazard_tests: list[WorkplaceHazardTest] = field(default_factory=list)
    protective_equipment_issues: list[ProtectiveEquipmentIssue] = field(default_factory=list)
    # Views computed once per evaluation (see `derived`); never part of equality.
    memo: dict[Callable[[Facts], Any], Any] = field(default_factory=dict, compare=False, repr=False)
    # The first day after `as_of` on which a fact hidden by the cut happens (a leave, an
    # appointment's end recorded ahead): the report changes then.
    next_event_on: date | None = field(default=None, compare=False)
    # The legal values read while judging (the engine gives each rule its own log).
    reads: Reads = field(default_factory=Reads, compare=False, repr=False)

    def value(self, parameter: Parameter[T], day: date | None = None) -> T:
        """A legal value in force on `day` (the as-of date by default), logged for the trace."""
        return self.reads.value(parameter, day or self.as_of)

    def exposures_of(self, person_id: str) -> list[PersonExposure]:
        return self.exposures.get(person_id, [])

    def job_changes_of(self, person_id: str) -> list[PersonJobChange]:
        return self.job_changes.get(person_id, [])

    @property
    def employee_count(self) -> int | None:
        return self.enterprise.employee_count

    @property
    def started_on(self) -> date:
        """Since when periodic duties count: the declared founding date, else the day the
        enterprise registered on the platform (rules.md, "Due periods")."""
        return self.enterprise.founded_on or self.enterprise.created_at.date()

    def in_service(self, person_id: str, day: date | None = None) -> bool:
        person = self.people.get(person_id)
        return person is not None and in_period(
            person.hire_date, person.leave_date, day or self.as_of
        )

    def officers_in_service(self) -> list[OfficerAppointment]:
        return _officers_in_service(self)

    def bodies_on(self) -> list[SafetyBody]:
        return [b for b in self.bodies if in_period(b.established_on, b.ended_on, self.as_of)]

    def principal_on(self, day: date | None = None) -> LeaderAppointment | None:
        """The principal person in post on `day` (the as-of date by default)."""
        on = day or self.as_of
        current = [
            a
            for a in self.leaders
            if a.position == "principal" and in_period(a.took_office_on, a.left_office_on, on)
        ]
        return current[0] if current else None

    def people_in_service(self) -> list[Person]:
        return _people_in_service(self)

    def assessments_of(self, person_id: str) -> list[AssessmentCertificate]:
        return _assessments_by_person(self).get(person_id, [])


def derived(view: Callable[[Facts], T]) -> Callable[[Facts], T]:
    """Compute `view` once per Facts however many rules ask for it. Callers must not
    change what it returns."""

    @functools.wraps(view)
    def cached(facts: Facts) -> T:
        # The values the view read are kept with it and replayed into every later reader's
        # log: a rule that uses a shared view used the parameters behind it.
        if view not in facts.memo:
            facts.memo[view] = facts.reads.capture(lambda: view(facts))
        else:
            facts.reads.replay(facts.memo[view][1])
        return cast(T, facts.memo[view][0])

    return cached


@derived
def _people_in_service(facts: Facts) -> list[Person]:
    return [p for p in facts.people.values() if facts.in_service(p.id)]


@derived
def _assessments_by_person(facts: Facts) -> dict[str, list[AssessmentCertificate]]:
    grouped: dict[str, list[AssessmentCertificate]] = defaultdict(list)
    for assessment in facts.assessments:
        grouped[assessment.person_id].append(assessment)
    return grouped


@derived
def _officers_in_service(facts: Facts) -> list[OfficerAppointment]:
    return [
        a
        for a in facts.officers
        if a.duty == "safety_officer"
        and in_period(a.appointed_on, a.ended_on, facts.as_of)
        and facts.in_service(a.person_id)
    ]


# The registry's kinds by their name in `Facts` (lists of records with an id each).
RECORD_KINDS: dict[str, type[RegistryRecord]] = {
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
    "rescue_arrangements": RescueArrangement,
    "hidden_danger_statistics": HiddenDangerStatistics,
    "safety_licences": SafetyLicence,
    "special_equipment": SpecialEquipment,
    "equipment_operator_certificates": EquipmentOperatorCertificate,
    "insurance_policies": InsurancePolicy,
    "emergency_plans": EmergencyPlan,
    "emergency_drills": EmergencyDrill,
    "on_site_shifts": OnSiteShift,
    "teams": Team,
    "danger_inspections": HiddenDangerInspection,
    "accident_signs": AccidentSign,
    "workplace_hazard_tests": WorkplaceHazardTest,
    "protective_equipment_issues": ProtectiveEquipmentIssue,
}


# Every kind `_load` reads, by its name in `Facts` (the names `as_of.DATING` dates).
LOADED: dict[str, type[Any]] = {
    "people": Person,
    "exposures": PersonExposure,
    "job_changes": PersonJobChange,
    "sessions": TrainingSession,
    **RECORD_KINDS,
    "contracts": ServiceContract,
}


def _rows(session: Session, table: FromClause, enterprise_ids: Sequence[str]) -> list[Any]:
    """Living rows of `table` for the enterprises."""
    read = _reader(table, len(enterprise_ids) == 1)
    # fetchall: one C loop over the cursor is markedly faster than a fetch per row; then the
    # named tuples are made in C too (`tuple.__new__` over each row), not by a Python call
    # per row, which for the 4,000 attendances of a 1,000-person enterprise was most of the
    # Python time of loading.
    ids = enterprise_ids[0] if len(enterprise_ids) == 1 else list(enterprise_ids)
    records = list(map(read.make, session.execute(read.statement, {"ids": ids}).all()))
    # In the order of ids, whatever the database's: PostgreSQL returns an updated row after
    # the others, so a later-dated fix reordered a report's evidence as of an earlier day
    # (tests/compliance/test_as_of_api.py). Sorted here, not by the database: rows come
    # nearly in id order (ids grow with time), which Python's sort passes in one run, where
    # an ORDER BY cost SQLite a temporary B-tree (~0.2 µs a row).
    records.sort(key=read.id)
    return records


def _group(records: list[Any], key: str, enterprise_ids: Sequence[str]) -> dict[str, list[Any]]:
    """Records grouped by column `key`."""
    if key == "enterprise_id" and len(enterprise_ids) == 1:
        return {enterprise_ids[0]: records} if records else {}
    grouped: dict[str, list[Any]] = defaultdict(list)
    if not records:
        return grouped
    position = records[0]._fields.index(key)
    for record in records:
        grouped[record[position]].append(record)
    return grouped


@dataclass(frozen=True)
class _Reader:
    statement: Select[Any]
    record: type[Any]
    make: Callable[[Any], Any]
    id: Callable[[Any], str]


@functools.cache
def _reader(table: FromClause, one: bool) -> _Reader:
    """The statement and the record type of a table, built once: the columns of the table
    less the bookkeeping ones, for one enterprise (`=`) or several (`IN`)."""
    enterprise = table.c.enterprise_id
    condition = (
        enterprise == bindparam("ids") if one else enterprise.in_(bindparam("ids", expanding=True))
    )
    if "deleted_at" in table.c:
        condition = condition & table.c.deleted_at.is_(None)
    name = str(getattr(table, "name", "rows"))
    columns = [
        c for c in table.c if c.key not in _BOOKKEEPING and c.key not in _UNREAD.get(name, ())
    ]
    record = _record_type(name, tuple(c.key for c in columns))
    selected = [
        type_coerce(c, _Recurring(c.type)).label(c.key) if isinstance(c.type, Numeric) else c
        for c in columns
    ]
    return _Reader(
        select(*selected).where(condition),
        record,
        functools.partial(tuple.__new__, record),
        operator.itemgetter(record._fields.index("id")),
    )


class _Recurring(TypeDecorator[Any]):
    """A column type whose few values recur in thousands of rows (class hours: 24, 8 …):
    each raw value is converted once. Where the driver hands back the decimal itself
    (PostgreSQL) nothing is converted; on SQLite, making a Decimal of every value cost
    ~1 µs, more than all the rest of an attendance's columns."""

    impl = Numeric
    cache_ok = True

    def __init__(self, wrapped: TypeEngine[Any]) -> None:
        super().__init__()
        self.wrapped = wrapped

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        return dialect.type_descriptor(self.wrapped)

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        convert = super().result_processor(dialect, coltype)
        # Pure and bounded: the raw number → the same immutable Decimal.
        return None if convert is None else functools.lru_cache(maxsize=1024)(convert)


@functools.cache
def _record_type(name: str, fields: tuple[str, ...]) -> type[Any]:
    """A named tuple per table. Rules read several columns of every attendance and exam,
    and reading a column of a SQLAlchemy row by name costs ~0.9 µs against ~0.07 µs for a
    named tuple."""
    return namedtuple(name, fields)


def load_facts_many(
    session: Session, enterprises: Sequence[Enterprise], as_of: date
) -> list[Facts]:
    """Facts of several enterprises (in their order) with one query per record kind for all
    of them: a regional overview reads a town in a few dozen queries, not a few per
    enterprise."""
    if not enterprises:
        return []
    with collector_paused():
        return _load(session, enterprises, as_of)


def _load(session: Session, enterprises: Sequence[Enterprise], as_of: date) -> list[Facts]:
    ids = [e.id for e in enterprises]
    # The ids of parents not there on the date: their children (attendances) go with them.
    gone: dict[str, set[str]] = {}

    # Per enterprise, the first day after the as-of date on which a hidden fact happens.
    next_events: dict[str, date] = {}

    def rows(kind: str) -> list[Any]:
        loaded = _rows(session, LOADED[kind].__table__, ids)
        if history.next_event(kind, loaded, as_of) is not None:  # rare: a fact dated ahead
            for row in loaded:
                if (day := history.next_event(kind, [row], as_of)) is not None:
                    known = next_events.get(row.enterprise_id)
                    next_events[row.enterprise_id] = day if known is None else min(known, day)
        if kind in history.PARENTS:
            gone[kind] = history.dropped(kind, loaded, as_of)
        return history.cut(kind, loaded, as_of, gone)

    def by_enterprise(kind: str) -> dict[str, list[Any]]:
        return _group(rows(kind), "enterprise_id", ids)

    people, sessions = by_enterprise("people"), by_enterprise("sessions")
    exposures = _group(rows("exposures"), "person_id", ids)
    job_changes = _group(rows("job_changes"), "person_id", ids)
    kinds = {name: by_enterprise(name) for name in RECORD_KINDS}
    contracts = by_enterprise("contracts")
    facts = []
    for enterprise in enterprises:
        staff = {p.id: p for p in people.get(enterprise.id, [])}
        lists: dict[str, Any] = {
            name: grouped.get(enterprise.id, []) for name, grouped in kinds.items()
        }
        facts.append(
            Facts(
                as_of=as_of,
                enterprise=enterprise,
                people=staff,
                sessions={s.id: s for s in sessions.get(enterprise.id, [])},
                exposures={p: exposures[p] for p in staff if p in exposures},
                job_changes={p: job_changes[p] for p in staff if p in job_changes},
                contracts=contracts.get(enterprise.id, []),
                next_event_on=next_events.get(enterprise.id),
                **lists,
            )
        )
    return facts


def load_facts(session: Session, enterprise: Enterprise, as_of: date) -> Facts:
    """One query per kind: the engine's query count does not grow with the enterprise."""
    return load_facts_many(session, [enterprise], as_of)[0]
