"""Every record kind, in the order of the API document: routes, imports and contracts'
scopes are made from this one list."""

from __future__ import annotations

from app.registry.certificates.assignments import OPERATION_ASSIGNMENTS
from app.registry.certificates.special import SPECIAL_OPERATION_CERTIFICATES
from app.registry.certificates.standardization import STANDARDIZATION_CERTIFICATES
from app.registry.commitments.analyses import RISK_ANALYSES
from app.registry.commitments.commitment import SAFETY_COMMITMENTS
from app.registry.dangers.kind import HIDDEN_DANGERS
from app.registry.emergency.drills import EMERGENCY_DRILLS
from app.registry.emergency.plans import EMERGENCY_PLANS
from app.registry.filings.kind import MAJOR_HAZARD_SOURCES
from app.registry.health.declarations import HAZARD_DECLARATIONS
from app.registry.health.exams import HEALTH_EXAMS
from app.registry.insurance.kind import INSURANCE_POLICIES
from app.registry.people.kind import PEOPLE
from app.registry.staffing.assessments import ASSESSMENT_CERTIFICATES
from app.registry.staffing.bodies import SAFETY_BODIES
from app.registry.staffing.engineers import REGISTERED_ENGINEERS
from app.registry.staffing.leaders import LEADER_APPOINTMENTS
from app.registry.staffing.officers import OFFICER_APPOINTMENTS
from app.registry.training.attendances import TRAINING_ATTENDANCES
from app.registry.training.sessions import TRAINING_SESSIONS

RECORD_KINDS = (
    PEOPLE,
    HIDDEN_DANGERS,
    SPECIAL_OPERATION_CERTIFICATES,
    OPERATION_ASSIGNMENTS,
    STANDARDIZATION_CERTIFICATES,
    TRAINING_SESSIONS,
    TRAINING_ATTENDANCES,
    HAZARD_DECLARATIONS,
    HEALTH_EXAMS,
    SAFETY_COMMITMENTS,
    RISK_ANALYSES,
    MAJOR_HAZARD_SOURCES,
    SAFETY_BODIES,
    OFFICER_APPOINTMENTS,
    LEADER_APPOINTMENTS,
    ASSESSMENT_CERTIFICATES,
    REGISTERED_ENGINEERS,
    INSURANCE_POLICIES,
    EMERGENCY_PLANS,
    EMERGENCY_DRILLS,
)
