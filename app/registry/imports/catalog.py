"""Which record kinds can be imported, and how each reads its file: every kind, derived from
its declaration (by_kind.py), except people and attendances, whose files may be large and
are validated set-based (specs.py)."""

from __future__ import annotations

from typing import Final

from app.registry.certificates.special import SPECIAL_OPERATION_CERTIFICATES
from app.registry.imports.by_kind import KindImport
from app.registry.imports.specs import AttendanceImport, ImportSpec, PeopleImport
from app.registry.record_kinds import RECORD_KINDS

SET_BASED: Final[dict[str, ImportSpec]] = {
    spec.path: spec for spec in (PeopleImport(), AttendanceImport())
}
# Duplicates within one file that the kind's check (which sees the database only) misses.
FILE_KEYS = {
    SPECIAL_OPERATION_CERTIFICATES.path: lambda values: (
        values["category"],
        values["certificate_number"],
    ),
}

IMPORT_SPECS: Final[dict[str, ImportSpec]] = {
    kind.path: SET_BASED.get(kind.path) or KindImport(kind, file_key=FILE_KEYS.get(kind.path))
    for kind in RECORD_KINDS
}
IMPORT_KINDS: Final = tuple(IMPORT_SPECS)
