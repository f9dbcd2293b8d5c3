"""Which record kinds can be imported, and how each reads its file: every kind, derived from
its declaration (by_kind.py), except people and attendances, whose files may be large and
are validated set-based (specs.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from app.registry.certificates.special import SPECIAL_OPERATION_CERTIFICATES
from app.registry.certificates.standardization import STANDARDIZATION_CERTIFICATES
from app.registry.commitments.analyses import RISK_ANALYSES
from app.registry.commitments.commitment import SAFETY_COMMITMENTS
from app.registry.dangers.statistics import HIDDEN_DANGER_STATISTICS
from app.registry.equipment.items import SPECIAL_EQUIPMENT
from app.registry.equipment.operators import EQUIPMENT_OPERATOR_CERTIFICATES
from app.registry.imports.by_kind import KindImport
from app.registry.imports.specs import AttendanceImport, ImportSpec, PeopleImport
from app.registry.insurance.kind import INSURANCE_POLICIES
from app.registry.licences.kind import SAFETY_LICENCES
from app.registry.record_kinds import RECORD_KINDS
from app.registry.staffing.assessments import ASSESSMENT_CERTIFICATES
from app.registry.staffing.engineers import REGISTERED_ENGINEERS

SET_BASED: Final[dict[str, ImportSpec]] = {
    spec.path: spec for spec in (PeopleImport(), AttendanceImport())
}
# Duplicates within one file, which the kind's check (it sees the database only) misses:
# the kinds' unique keys among living records.
FILE_KEYS: Final[dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]]] = {
    SPECIAL_OPERATION_CERTIFICATES.path: lambda values: (
        values["category"],
        values["certificate_number"],
    ),
    STANDARDIZATION_CERTIFICATES.path: lambda values: (values["certificate_number"],),
    ASSESSMENT_CERTIFICATES.path: lambda values: (values["certificate_number"],),
    REGISTERED_ENGINEERS.path: lambda values: (values["registration_number"],),
    SAFETY_COMMITMENTS.path: lambda values: (values["year"],),
    RISK_ANALYSES.path: lambda values: (values["month"],),
    HIDDEN_DANGER_STATISTICS.path: lambda values: (values["month"],),
    SAFETY_LICENCES.path: lambda values: (values["licence_number"],),
    # An item not registered yet has no number: a key with None clashes with none.
    SPECIAL_EQUIPMENT.path: lambda values: (values["registration_number"],),
    EQUIPMENT_OPERATOR_CERTIFICATES.path: lambda values: (
        values["category"],
        values["certificate_number"],
    ),
    INSURANCE_POLICIES.path: lambda values: (
        values["policy_type"],
        values["policy_number"],
        values["valid_from"],
    ),
}

IMPORT_SPECS: Final[dict[str, ImportSpec]] = {
    kind.path: SET_BASED.get(kind.path) or KindImport(kind, file_key=FILE_KEYS.get(kind.path))
    for kind in RECORD_KINDS
}
IMPORT_KINDS: Final = tuple(IMPORT_SPECS)
