"""Answers to institutions, computed from the in-memory snapshot only (no database)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.blacklist.snapshot import PublicVersion, Snapshot
from app.core.errors import FieldError, Unprocessable
from app.core.validators import check_uscc, normalize_code


def credit_code_or_422(raw: str, field: str) -> str:
    code = normalize_code(raw)
    check = check_uscc(code)
    if check.problem is not None:
        raise Unprocessable(
            f"{raw!r} is not a valid unified social credit code ({check.problem.value}).",
            code="invalid_credit_code",
            errors=[
                FieldError(field=field, message=check.problem.value, code="invalid_credit_code")
            ],
        )
    return code


def known_version(snapshot: Snapshot, requested: int | None) -> int:
    """The dataset version to answer from: the one asked for, or the latest known."""
    if requested is None:
        return snapshot.dataset_version
    if requested > snapshot.dataset_version:
        raise Unprocessable(
            f"Dataset version {requested} is not known here yet (latest "
            f"{snapshot.dataset_version}).",
            code="unknown_dataset_version",
            errors=[
                FieldError(field="query.dataset_version", message="ahead of the data", code="ahead")
            ],
        )
    return requested


def recorded_answer(entries: list[PublicVersion]) -> dict[str, Any]:
    """What a receipt and the query log record of a lookup's answer."""
    return {
        "listed": bool(entries),
        "entries": [[e.entry_id, e.fields["version"]] for e in entries],
    }


def lookup_body(
    credit_code: str,
    entries: list[PublicVersion],
    as_of: date,
    version: int,
    receipt_id: str,
    receipt: str,
) -> bytes:
    """The lookup's JSON response (LookupOut), with each entry as the snapshot encoded it.

    The code has passed the check (18 symbols of the USCC alphabet), the receipt id and the
    receipt are base64url and the date is ISO: none of them needs escaping."""
    return "".join(
        (
            '{"credit_code":"',
            credit_code,
            '","listed":',
            "true" if entries else "false",
            ',"entries":[',
            ",".join(e.encoded for e in entries),
            '],"as_of":"',
            as_of.isoformat(),
            '","dataset_version":',
            str(version),
            ',"receipt_id":"',
            receipt_id,
            '","receipt":"',
            receipt,
            '"}',
        )
    ).encode()
