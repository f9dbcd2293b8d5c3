"""Resident identity number checks and masking (公民身份号码, GB 11643-1999)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from app.core import clock
from app.core.validators.normalize import normalize_code

RESIDENT_ID_LENGTH = 18
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

_DIGITS = frozenset("0123456789")
_CHECK_SYMBOLS = _DIGITS | {"X"}
# GB 11643-1999 (ISO 7064 MOD 11-2): the weight of position i is 2^(18-i) mod 11, and
# Σ mod 11 indexes this string of check characters.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
# Masking keeps the address code and the last four characters, as commonly printed.
_MASK_KEEP_START = 6
_MASK_KEEP_END = 4

Sex = Literal["male", "female"]


class IDProblem(StrEnum):
    """Why a resident identity number was not accepted."""

    #: Not 17 digits followed by a digit or X.
    MALFORMED = "malformed"
    #: Positions 7–14 are not a real date between 1900-01-01 and today.
    BIRTH_DATE_INVALID = "birth_date_invalid"
    #: Position 18 is not the GB 11643-1999 check character.
    CHECK_CHARACTER_MISMATCH = "check_character_mismatch"


@dataclass(frozen=True)
class ResidentIDCheck:
    """The outcome of checking a resident identity number (GB 11643-1999).

    `number` is the normalized input (upper-case X). `birth_date` and `sex` are decoded whenever
    the number is well formed with a valid birth date, even if the check character is wrong (so
    a form can show what was read); trust them only when `ok`.
    """

    number: str
    problem: IDProblem | None
    birth_date: date | None = None
    sex: Sex | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def resident_id_check_character(first17: str) -> str:
    """The GB 11643-1999 check character for the first 17 digits of a resident identity number.

    Raises `ValueError` unless `first17` is exactly 17 ASCII digits.
    """
    if len(first17) != RESIDENT_ID_LENGTH - 1 or not set(first17) <= _DIGITS:
        raise ValueError(f"expected 17 digits: {first17!r}")
    return _check_character(first17)


def _birth_date(digits: str, today: date) -> date | None:
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    if not EARLIEST_BIRTH_DATE <= born <= today:
        return None
    return born


def check_resident_id(raw: str, today: date | None = None) -> ResidentIDCheck:
    """Normalize and check an 18-character resident identity number (GB 11643-1999).

    `today` bounds the birth date; it defaults to the business calendar's today
    (`app.core.clock.today()`). Problems are reported in order: malformed, birth date, check
    character. Never raises for bad input.
    """
    number = normalize_code(raw)
    if (
        len(number) != RESIDENT_ID_LENGTH
        or not set(number[:17]) <= _DIGITS
        or number[17] not in _CHECK_SYMBOLS
    ):
        return ResidentIDCheck(number=number, problem=IDProblem.MALFORMED)
    born = _birth_date(number[6:14], clock.today() if today is None else today)
    if born is None:
        return ResidentIDCheck(number=number, problem=IDProblem.BIRTH_DATE_INVALID)
    # Positions 15–17 are the sequence number: odd for men, even for women.
    sex: Sex = "male" if int(number[16]) % 2 == 1 else "female"
    problem = None
    if _check_character(number[:17]) != number[17]:
        problem = IDProblem.CHECK_CHARACTER_MISMATCH
    return ResidentIDCheck(number=number, problem=problem, birth_date=born, sex=sex)


def mask_resident_id(number: str) -> str:
    """Mask an identity number for display: the first 6 and last 4 characters stay, the rest `*`.

    A string of 10 characters or fewer is masked entirely: it would otherwise show in full.
    The string is masked as given; pass the stored (normalized) number.
    """
    if len(number) <= _MASK_KEEP_START + _MASK_KEEP_END:
        return "*" * len(number)
    hidden = len(number) - _MASK_KEEP_START - _MASK_KEEP_END
    return number[:_MASK_KEEP_START] + "*" * hidden + number[-_MASK_KEEP_END:]
