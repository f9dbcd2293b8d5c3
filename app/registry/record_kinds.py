"""Every record kind, in the order of the API document: routes, imports and contracts'
scopes are made from this one list."""

from __future__ import annotations

from app.registry.certificates.assignments import OPERATION_ASSIGNMENTS
from app.registry.certificates.special import SPECIAL_OPERATION_CERTIFICATES
from app.registry.certificates.standardization import STANDARDIZATION_CERTIFICATES
from app.registry.commitments.analyses import RISK_ANALYSES
from app.registry.commitments.commitment import SAFETY_COMMITMENTS
from app.registry.dangers.inspections import HIDDEN_DANGER_INSPECTIONS
from app.registry.dangers.kind import HIDDEN_DANGERS
from app.registry.dangers.statistics import HIDDEN_DANGER_STATISTICS
from app.registry.emergency.drills import EMERGENCY_DRILLS
from app.registry.emergency.plans import EMERGENCY_PLANS
from app.registry.emergency.signs import ACCIDENT_SIGNS
from app.registry.equipment.items import SPECIAL_EQUIPMENT
from app.registry.equipment.operators import EQUIPMENT_OPERATOR_CERTIFICATES
from app.registry.filings.kind import MAJOR_HAZARD_SOURCES
from app.registry.health.declarations import HAZARD_DECLARATIONS
from app.registry.health.exams import HEALTH_EXAMS
from app.registry.health.protective_equipment import PROTECTIVE_EQUIPMENT_ISSUES
from app.registry.health.workplace_tests import WORKPLACE_HAZARD_TESTS
from app.registry.insurance.kind import INSURANCE_POLICIES
from app.registry.licences.kind import SAFETY_LICENCES
from app.registry.people.kind import PEOPLE
from app.registry.rescue.kind import RESCUE_ARRANGEMENTS
from app.registry.shifts.kind import ON_SITE_SHIFTS
from app.registry.staffing.assessments import ASSESSMENT_CERTIFICATES
from app.registry.staffing.bodies import SAFETY_BODIES
from app.registry.staffing.engineers import REGISTERED_ENGINEERS
from app.registry.staffing.leaders import LEADER_APPOINTMENTS
from app.registry.staffing.officers import OFFICER_APPOINTMENTS
from app.registry.staffing.teams import TEAMS
from app.registry.training.attendances import TRAINING_ATTENDANCES
from app.registry.training.sessions import TRAINING_SESSIONS

RECORD_KINDS = (
    PEOPLE,
    HIDDEN_DANGERS,
    HIDDEN_DANGER_STATISTICS,
    SPECIAL_OPERATION_CERTIFICATES,
    OPERATION_ASSIGNMENTS,
    STANDARDIZATION_CERTIFICATES,
    TRAINING_SESSIONS,
    TRAINING_ATTENDANCES,
    HAZARD_DECLARATIONS,
    HEALTH_EXAMS,
    WORKPLACE_HAZARD_TESTS,
    PROTECTIVE_EQUIPMENT_ISSUES,
    SAFETY_COMMITMENTS,
    RISK_ANALYSES,
    MAJOR_HAZARD_SOURCES,
    SAFETY_BODIES,
    TEAMS,
    OFFICER_APPOINTMENTS,
    LEADER_APPOINTMENTS,
    ASSESSMENT_CERTIFICATES,
    REGISTERED_ENGINEERS,
    RESCUE_ARRANGEMENTS,
    SAFETY_LICENCES,
    SPECIAL_EQUIPMENT,
    EQUIPMENT_OPERATOR_CERTIFICATES,
    INSURANCE_POLICIES,
    EMERGENCY_PLANS,
    EMERGENCY_DRILLS,
    ON_SITE_SHIFTS,
    HIDDEN_DANGER_INSPECTIONS,
    ACCIDENT_SIGNS,
)
