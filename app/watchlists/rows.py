"""Checking members before anything is written: every row, with its place and reason.

JSON bodies and CSV files both become `MemberRow`s; `validated` answers the members to
write or raises one 422 naming every bad row (up to `MAX_REPORTED`), so a request is
written entirely or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.core.errors import FieldError, Problem
from app.core.validators import CodeProblem, check_uscc, unstorable_message
from app.watchlists.errors import INVALID_MEMBERS
from app.watchlists.schemas import REFERENCE_MAX_LENGTH

MAX_REPORTED = 1000
_CODE_MESSAGES = {
    CodeProblem.MALFORMED: "not 18 characters of the credit-code alphabet",
    CodeProblem.ORGANIZATION_CODE_MISMATCH: "the embedded organization code fails its check",
    CodeProblem.CHECK_CHARACTER_MISMATCH: "the check character (position 18) is wrong",
}


@dataclass(frozen=True)
class MemberRow:
    """One member as given: where it came from (`body.members[3]`, `file.row[12]`), how to
    name it to people (`member 3`, `row 12`), and its raw values."""

    field: str
    label: str
    credit_code: str
    reference: str | None


@dataclass(frozen=True)
class Wanted:
    members: dict[str, str | None]  # normalized code → reference (None: keep the present one)
    duplicates: int  # rows that repeated an earlier row exactly


def _error(row: MemberRow, part: str, message: str, code: str) -> FieldError:
    return FieldError(field=f"{row.field}.{part}", message=f"{row.label}: {message}", code=code)


def invalid_rows(errors: list[FieldError], what: str) -> Problem:
    shown = errors[:MAX_REPORTED]
    more = f" (the first {MAX_REPORTED} are listed)" if len(errors) > MAX_REPORTED else ""
    return INVALID_MEMBERS.problem(
        f"{len(errors)} {what} cannot be accepted{more}; nothing was written.",
        errors=shown,
    )


def checked_code(raw: str) -> tuple[str, CodeProblem | None]:
    check = check_uscc(raw)
    return check.code, check.problem


def validated(rows: Iterable[MemberRow]) -> Wanted:
    members: dict[str, str | None] = {}
    first_seen: dict[str, MemberRow] = {}
    duplicates = 0
    errors: list[FieldError] = []
    for row in rows:
        code, problem = checked_code(row.credit_code)
        if problem is not None:
            errors.append(
                _error(row, "credit_code", _CODE_MESSAGES[problem], "invalid_credit_code")
            )
            continue
        reference = (row.reference or "").strip() or None
        # A CSV cell is not checked at the API's edge as a JSON body is (a NUL, mostly).
        unstorable = unstorable_message(reference) if reference is not None else None
        if unstorable is not None:
            errors.append(_error(row, "reference", unstorable, "invalid_character"))
            continue
        if reference is not None and len(reference) > REFERENCE_MAX_LENGTH:
            errors.append(
                _error(
                    row,
                    "reference",
                    f"longer than {REFERENCE_MAX_LENGTH} characters",
                    "reference_too_long",
                )
            )
            continue
        if code in members:
            present = members[code]
            if reference is None or present is None or present == reference:
                members[code] = reference or present  # a repeat may add the reference
                duplicates += 1
                continue
            errors.append(
                _error(
                    row,
                    "credit_code",
                    f"repeats {first_seen[code].label} with another reference",
                    "conflicting_duplicate",
                )
            )
            continue
        members[code] = reference
        first_seen[code] = row
    if errors:
        raise invalid_rows(errors, "member(s)")
    return Wanted(members, duplicates)


def validated_codes(raw_codes: Iterable[str], field: str) -> list[str]:
    """Distinct normalized codes, or one 422 naming every malformed one."""
    codes: dict[str, None] = {}
    errors: list[FieldError] = []
    for index, raw in enumerate(raw_codes):
        code, problem = checked_code(raw)
        if problem is not None:
            errors.append(
                FieldError(
                    field=f"{field}[{index}]",
                    message=f"code {index}: {_CODE_MESSAGES[problem]}",
                    code="invalid_credit_code",
                )
            )
        else:
            codes[code] = None
    if errors:
        raise invalid_rows(errors, "code(s)")
    return list(codes)
