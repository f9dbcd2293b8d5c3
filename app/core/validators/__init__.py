"""Pure checks for identifier codes (unified social credit codes, resident identity numbers)
and for text any database can store."""

from app.core.validators.characters import (
    REFUSED_CHARACTERS,
    is_storable,
    shown,
    unstorable_at,
    unstorable_message,
)
from app.core.validators.normalize import normalize_code
from app.core.validators.resident_id import (
    IDProblem,
    ResidentIDCheck,
    check_resident_id,
    mask_resident_id,
    resident_id_check_character,
)
from app.core.validators.uscc import (
    CodeProblem,
    USCCCheck,
    check_uscc,
    is_valid_uscc,
    organization_code_check_character,
    uscc_check_character,
)

__all__ = [
    "REFUSED_CHARACTERS",
    "CodeProblem",
    "IDProblem",
    "ResidentIDCheck",
    "USCCCheck",
    "check_resident_id",
    "check_uscc",
    "is_storable",
    "is_valid_uscc",
    "mask_resident_id",
    "normalize_code",
    "organization_code_check_character",
    "resident_id_check_character",
    "shown",
    "unstorable_at",
    "unstorable_message",
    "uscc_check_character",
]
