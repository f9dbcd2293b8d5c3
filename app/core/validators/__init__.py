"""Pure checks for identifier codes: unified social credit codes and resident identity numbers."""

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
    "CodeProblem",
    "IDProblem",
    "ResidentIDCheck",
    "USCCCheck",
    "check_resident_id",
    "check_uscc",
    "is_valid_uscc",
    "mask_resident_id",
    "normalize_code",
    "organization_code_check_character",
    "resident_id_check_character",
    "uscc_check_character",
]
