"""Every domain's models imported in one place, so that metadata (and Alembic) sees them all."""

from app.blacklist.models import (
    BlacklistChange,
    BlacklistEntry,
    BlacklistEntryEvent,
    BlacklistFeedHead,
    BlacklistProposal,
)
from app.compliance.models import ComplianceSnapshot, ComplianceStanding
from app.contracts.models import ServiceContract, ServiceContractEvent
from app.core.audit_chain import AuditChainHead, AuditEvent
from app.core.idempotency import IdempotencyRecord
from app.core.orm import Base
from app.enterprises.models import Enterprise
from app.identity.models import Client, Invitation, Organization, RefreshToken, Throttle, User
from app.outbox.models import OutboxEvent, WorkerLease
from app.regions.models import Region
from app.registry.base import RecordVersion
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
from app.registry.imports.models import RecordImport
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
from app.standings.models import EnterpriseStanding, StandingItem
from app.watchlists.models import Watchlist, WatchlistMember
from app.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookMessage

metadata = Base.metadata

__all__ = [
    "AccidentSign",
    "AssessmentCertificate",
    "AuditChainHead",
    "AuditEvent",
    "BlacklistChange",
    "BlacklistEntry",
    "BlacklistEntryEvent",
    "BlacklistFeedHead",
    "BlacklistProposal",
    "Client",
    "ComplianceSnapshot",
    "ComplianceStanding",
    "EmergencyDrill",
    "EmergencyPlan",
    "Enterprise",
    "EnterpriseStanding",
    "EquipmentOperatorCertificate",
    "HazardDeclaration",
    "HealthExam",
    "HiddenDanger",
    "HiddenDangerInspection",
    "HiddenDangerStatistics",
    "IdempotencyRecord",
    "InsurancePolicy",
    "Invitation",
    "LeaderAppointment",
    "MajorHazardSource",
    "OfficerAppointment",
    "OnSiteShift",
    "OperationAssignment",
    "Organization",
    "OutboxEvent",
    "Person",
    "PersonExposure",
    "PersonJobChange",
    "ProtectiveEquipmentIssue",
    "RecordImport",
    "RecordVersion",
    "RefreshToken",
    "Region",
    "RegisteredEngineer",
    "RescueArrangement",
    "RiskAnalysis",
    "SafetyBody",
    "SafetyCommitment",
    "SafetyLicence",
    "ServiceContract",
    "ServiceContractEvent",
    "SpecialEquipment",
    "SpecialOperationCertificate",
    "StandardizationCertificate",
    "StandingItem",
    "Team",
    "Throttle",
    "TrainingAttendance",
    "TrainingSession",
    "User",
    "Watchlist",
    "WatchlistMember",
    "WebhookAttempt",
    "WebhookEndpoint",
    "WebhookMessage",
    "WorkerLease",
    "WorkplaceHazardTest",
    "metadata",
]
