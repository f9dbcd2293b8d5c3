"""The problems of the registry: the enterprise's records (people, certificates, staffing,
training, health, hidden dangers, commitments) and their imports."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain

REGISTRY = ErrorDomain("registry")

# Any record kind (the generic service and the field checks every kind uses).
INVALID_RECORD = REGISTRY.error(
    422,
    "invalid_record",
    "Invalid record",
    "A field of the record breaks a rule of its kind; `errors` names the field, with its code.",
)
UNKNOWN_PERSON = REGISTRY.error(
    422,
    "unknown_person",
    "Unknown person",
    "The record names a person who is not (or no longer) in this enterprise.",
)
INVALID_REFERENCE = REGISTRY.error(
    422,
    "invalid_reference",
    "Invalid reference",
    "The record refers to a record that was deleted while the request ran.",
)
DUPLICATE = REGISTRY.error(
    409,
    "duplicate",
    "Duplicate record",
    "Another request stored the same record at the same time.",
)

# People.
INVALID_PERSON = REGISTRY.error(
    422,
    "invalid_person",
    "Invalid person",
    "A person's field (such as the resident ID number) is invalid; `errors` names it.",
)
ID_NUMBER_TAKEN = REGISTRY.error(
    409, "id_number_taken", "ID number in use", "Another person has this resident ID number."
)
PERSON_HAS_RECORDS = REGISTRY.error(
    409,
    "person_has_records",
    "Person still named",
    "Other records (certificates, training, exams, appointments) still name the person.",
)

# Certificates and staffing.
DUPLICATE_CERTIFICATE = REGISTRY.error(
    409,
    "duplicate_certificate",
    "Certificate number in use",
    "Another certificate has this number (and category, for special operations).",
)
OVERLAPPING_ASSIGNMENT = REGISTRY.error(
    409,
    "overlapping_assignment",
    "Assignment overlaps",
    "Another assignment covers this person and category in the same period.",
)
DUPLICATE_CERTIFICATE_NUMBER = REGISTRY.error(
    409,
    "duplicate_certificate_number",
    "Assessment number in use",
    "Another assessment certificate has this number.",
)
SAFETY_BODY_OVERLAP = REGISTRY.error(
    409,
    "safety_body_overlap",
    "Safety body in place",
    "Another safety body is in place in the period; end it before another takes over.",
)
DUPLICATE_REGISTRATION_NUMBER = REGISTRY.error(
    409,
    "duplicate_registration_number",
    "Registration number in use",
    "Another engineer registration has this registration number.",
)
OVERLAPPING_REGISTRATION = REGISTRY.error(
    409,
    "overlapping_registration",
    "Registration overlaps",
    "The person is already registered as an engineer in the period.",
)
OVERLAPPING_APPOINTMENT = REGISTRY.error(
    409,
    "overlapping_appointment",
    "Appointment overlaps",
    "The person already holds this appointment in the period.",
)
UNKNOWN_TEAM = REGISTRY.error(
    422,
    "unknown_team",
    "Unknown team",
    "The appointment names a team (班组) that is not (or no longer) in this enterprise.",
)
TEAM_OVERLAP = REGISTRY.error(
    409,
    "team_overlap",
    "Team already recorded",
    "Another team of the same name and department exists in part of the same period.",
)
TEAM_HAS_OFFICERS = REGISTRY.error(
    409,
    "team_has_officers",
    "Team has officers",
    "A team is deleted while officer appointments still name it.",
)
PRINCIPAL_OVERLAP = REGISTRY.error(
    409,
    "principal_overlap",
    "One principal at a time",
    "Another person is the principal in the period: end that appointment first.",
)

# Training.
UNKNOWN_SESSION = REGISTRY.error(
    422,
    "unknown_session",
    "Unknown training session",
    "The attendance names a training session that is not in this enterprise.",
)
DUPLICATE_ATTENDANCE = REGISTRY.error(
    409,
    "duplicate_attendance",
    "Attendance recorded",
    "The person's attendance at this session is recorded already.",
)
SESSION_HAS_ATTENDANCES = REGISTRY.error(
    409,
    "session_has_attendances",
    "Session has attendances",
    "A training session is deleted while attendance records still name it.",
)

# Hidden dangers.
FIVE_FIELDS_MISSING = REGISTRY.error(
    409,
    "five_fields_missing",
    "Remediation fields missing",
    "Remediation starts only once the five remediation fields (五到位) are filled in.",
)
NOT_MAJOR = REGISTRY.error(
    409, "not_major", "Not a major danger", "Only major hidden dangers are reported."
)
ALREADY_REPORTED = REGISTRY.error(
    409, "already_reported", "Reported already", "The hidden danger was reported already."
)

# Monthly hidden-danger statistics.
STATISTICS_MONTH_TAKEN = REGISTRY.error(
    409,
    "statistics_month_taken",
    "Month's statistics recorded",
    "Another statistical analysis of hidden-danger work covers this month.",
)

# Commitments and risk analyses.
YEAR_TAKEN = REGISTRY.error(
    409, "year_taken", "Year covered", "Another safety commitment covers this year."
)
MONTH_TAKEN = REGISTRY.error(
    409, "month_taken", "Month covered", "Another risk analysis covers this month."
)
ALREADY_PUBLISHED = REGISTRY.error(
    409, "already_published", "Published already", "The commitment was published already."
)
NOT_SIGNED = REGISTRY.error(
    409, "not_signed", "Not signed", "A commitment is published before it is signed."
)

# Insurance, emergency plans and drills.
OVERLAPPING_POLICY = REGISTRY.error(
    409,
    "overlapping_policy",
    "Policy period overlaps",
    "Another record of the same policy (type and number) covers part of the same period.",
)
UNKNOWN_EMERGENCY_PLAN = REGISTRY.error(
    422,
    "unknown_emergency_plan",
    "Unknown emergency plan",
    "The drill names an emergency plan that is not (or no longer) in this enterprise.",
)
PLAN_HAS_DRILLS = REGISTRY.error(
    409,
    "plan_has_drills",
    "Plan has drills",
    "An emergency plan is deleted while drill records still name it.",
)

# Imports.
IMPORT_IN_PROGRESS = REGISTRY.error(
    409,
    "import_in_progress",
    "Import running",
    "Another import of the enterprise is still running; upload again when it ends.",
)
