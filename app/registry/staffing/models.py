"""Tables of the safety body, appointments, assessment certificates and registered engineers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKeyConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base
from app.registry.base import RegistryRecord, tenant_key, unique_among_living
from app.registry.people.models import person_reference


class SafetyBody(RegistryRecord, Base):
    """The safety management body (安全生产管理机构), set up or designated."""

    __tablename__ = "safety_bodies"
    __table_args__ = (tenant_key(),)

    form: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    document_number: Mapped[str | None] = mapped_column(String(100))
    established_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    # 具备相对独立职能 (河南省安全生产条例 art. 14): None where the enterprise has not said.
    independent_functions: Mapped[bool | None] = mapped_column(Boolean)


class Team(RegistryRecord, Base):
    """A team (班组) of the enterprise, in a department (车间、部门、工程队) or not: the seed's
    art. 17 asks for a safety officer in each. The officers say which team they serve
    (`OfficerAppointment.team_id`), as they say which department they look after."""

    __tablename__ = "teams"
    __table_args__ = (tenant_key(),)

    name: Mapped[str] = mapped_column(String(100))
    # A department's name as people and officers record it (departments are labels, not
    # records: decision 126); the registry checks that the enterprise records it.
    department: Mapped[str | None] = mapped_column(String(100))
    established_on: Mapped[date] = mapped_column(Date, index=True)
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class OfficerAppointment(RegistryRecord, Base):
    """A person appointed safety officer or occupational-health supervisor, full or part time."""

    __tablename__ = "officer_appointments"
    __table_args__ = (
        tenant_key(),
        person_reference(),
        # The team served, within the same enterprise (a composite key, as for people).
        ForeignKeyConstraint(["enterprise_id", "team_id"], ["teams.enterprise_id", "teams.id"]),
    )

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    duty: Mapped[str] = mapped_column(String(40))
    employment: Mapped[str] = mapped_column(String(20))
    department: Mapped[str | None] = mapped_column(String(100))
    team_id: Mapped[str | None] = mapped_column(String(40), index=True)
    appointed_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class LeaderAppointment(RegistryRecord, Base):
    """Who is the principal person (主要负责人) or a deputy in charge, and since when."""

    __tablename__ = "leader_appointments"
    __table_args__ = (tenant_key(), person_reference())

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    position: Mapped[str] = mapped_column(String(20))
    took_office_on: Mapped[date] = mapped_column(Date)
    left_office_on: Mapped[date | None] = mapped_column(Date)


class AssessmentCertificate(RegistryRecord, Base):
    """A passed assessment of safety knowledge and management ability (考核合格证)."""

    __tablename__ = "assessment_certificates"
    __table_args__ = (
        tenant_key(),
        person_reference(),
        unique_among_living("uq_assessment_certificates_number", "certificate_number"),
    )

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    assessed_role: Mapped[str] = mapped_column(String(20))
    certificate_number: Mapped[str] = mapped_column(String(60), index=True)
    issuing_authority: Mapped[str | None] = mapped_column(String(100))
    passed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)


class RegisteredEngineer(RegistryRecord, Base):
    """A registered safety engineer's registration (注册安全工程师注册证书)."""

    __tablename__ = "registered_engineers"
    __table_args__ = (
        tenant_key(),
        person_reference(),
        unique_among_living("uq_registered_engineers_number", "registration_number"),
    )

    person_id: Mapped[str] = mapped_column(String(40), index=True)
    registration_number: Mapped[str] = mapped_column(String(60), index=True)
    level: Mapped[str] = mapped_column(String(20))
    specialty: Mapped[str] = mapped_column(String(30))
    employer_credit_code: Mapped[str] = mapped_column(String(18))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
